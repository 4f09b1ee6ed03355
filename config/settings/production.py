"""Production settings: a real secret key, persistent connections, secure cookies and HSTS.

`QUIZGEN_PLAIN_HTTP=true` is for a trial on one's own machine over http://: it turns off the
HTTPS redirect, secure cookies and HSTS, and nothing else. It is never the default, and
`manage.py check --deploy` says so while it is set.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, env_bool

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of at least 50 characters before running in production."
    )

# A connection per web process, kept for a minute and checked before reuse.
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_MAX_AGE"] = CONN_MAX_AGE
DATABASES["default"]["CONN_HEALTH_CHECKS"] = CONN_MAX_AGE > 0
# On a kept connection, a query run 5 times becomes a prepared statement: PostgreSQL stops
# parsing and planning it again (about a third of its CPU per student request). Off with
# CONN_MAX_AGE=0 (a new connection per request, e.g. behind PgBouncer) or
# DB_PREPARED_STATEMENTS=false.
if (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    and CONN_MAX_AGE > 0
    and env_bool("DB_PREPARED_STATEMENTS", True)
):
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

PLAIN_HTTP = env_bool("QUIZGEN_PLAIN_HTTP", False)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not PLAIN_HTTP)
# A load balancer probes the health endpoint over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not PLAIN_HTTP
CSRF_COOKIE_SECURE = not PLAIN_HTTP
SECURE_HSTS_SECONDS = 0 if PLAIN_HTTP else int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not PLAIN_HTTP
SECURE_HSTS_PRELOAD = not PLAIN_HTTP
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
