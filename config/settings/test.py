"""Settings for the test suite: the same as base, with fast hashing and immediate tasks."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    # For the tests that run real database workers beside the suite.
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# Fuzzing and the query-count tests send many requests; the throttle test sets its own rate.
QUIZGEN_API_USER_RATE = None
QUIZGEN_API_ANON_RATE = None
# The LTI tests' platform serves plain HTTP on 127.0.0.1 (dynamic registration's HTTPS rule).
QUIZGEN_LTI_REGISTRATION_ALLOW_HTTP = True
