"""Production settings refuse a missing secret key and pass Django's deployment checks."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "Set SECRET_KEY to a random value of at least 50 characters" in result.stderr


def test_production_passes_the_deployment_checks():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY="k" * 20 + "x9!Qz" * 10
    )
    assert result.returncode == 0, result.stdout + result.stderr


SECRET = "k" * 20 + "x9!Qz" * 10
SHOW_SECURITY = (
    "from django.conf import settings as s;"
    "d = s.DATABASES['default'];"
    "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], s.SECURE_SSL_REDIRECT,"
    " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
)


def test_production_keeps_connections_and_requires_https():
    result = run_manage("shell", "-v", "0", "-c", SHOW_SECURITY, SECRET_KEY=SECRET)
    assert result.stdout.split() == ["60", "True", "True", "True", "True", "31536000"]


def test_a_plain_http_trial_turns_off_only_the_https_settings_and_check_deploy_says_so():
    shown = run_manage(
        "shell", "-v", "0", "-c", SHOW_SECURITY, SECRET_KEY=SECRET, QUIZGEN_PLAIN_HTTP="true"
    )
    assert shown.stdout.split() == ["60", "True", "False", "False", "False", "0"]
    checked = run_manage("check", "--deploy", SECRET_KEY=SECRET, QUIZGEN_PLAIN_HTTP="true")
    warned = sorted(set(re.findall(r"security\.W\d+", checked.stdout + checked.stderr)))
    assert warned == ["security.W004", "security.W008", "security.W012", "security.W016"]


SHOW_DATABASE_OPTIONS = (
    "from django.conf import settings as s;"
    "options = s.DATABASES['default']['OPTIONS'];"
    "print(options.get('server_side_binding'), options.get('prepare_threshold'))"
)
POSTGRES = "postgres://quizgen:quizgen@127.0.0.1:5432/quizgen"


@pytest.mark.parametrize(
    ("environment", "shown"),
    [
        ({}, ["True", "5"]),
        # A connection per request (as behind PgBouncer): nothing to keep prepared.
        ({"CONN_MAX_AGE": "0"}, ["True", "None"]),
        ({"DB_PREPARED_STATEMENTS": "false"}, ["True", "None"]),
    ],
)
def test_production_on_postgresql_keeps_queries_prepared_on_kept_connections(environment, shown):
    result = run_manage(
        "shell",
        "-v",
        "0",
        "-c",
        SHOW_DATABASE_OPTIONS,
        SECRET_KEY=SECRET,
        DATABASE_URL=POSTGRES,
        **environment,
    )
    assert result.stdout.split() == shown, result.stderr
