"""Production settings refuse a missing secret key and pass Django's deployment checks."""

import os
import subprocess
import sys

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
