# No models: the roles are auth groups. This module exists because Django sends post_migrate
# only to apps with a models module (see roles.apps).
