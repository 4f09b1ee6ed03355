"""The site's password backend: Django's ModelBackend, with the user read compiled once.

Every request of a logged-in user reads its user after its session (Django's
`auth.get_user`, through the backend named in the session). ModelBackend builds and
compiles `User.objects.get(pk=...)` each time: about 0.45 ms of CPU, a tenth of a question
page's (bench/load/RESULTS.md). This backend reads the same row with the same SQL through a
`config.compiled.CompiledRead`; everything else is ModelBackend's own: the password check,
`is_active`, the permissions. Django still checks the session against the user's password
hash on every request, so a logout or a password change still ends the session.

Sessions name the backend that logged them in. Those made before this backend name
Django's ModelBackend: the session engine (config/sessions.py) reads them as naming this
one, its subclass, so nobody is logged out by the change; listing both backends instead
would check a wrong password twice.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from config.compiled import CompiledRead

MODEL_BACKEND = "config.auth.ModelBackend"
DJANGO_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

_USER = CompiledRead(lambda *, user_id: get_user_model()._default_manager.filter(pk=user_id))


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id):
        """The active user with this id, or None (as ModelBackend.get_user)."""
        try:
            # Django gives the id as the primary key's Python value (an int); the compiled
            # read takes ints only, and a session holding anything else has no user.
            user = _USER.one(user_id=int(user_id))
        except (get_user_model().DoesNotExist, TypeError, ValueError):
            return None
        return user if self.user_can_authenticate(user) else None
