"""The health endpoint answers without a login and says whether the database is reachable."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse


@pytest.mark.django_db
def test_the_health_endpoint_answers_ok_without_a_login(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_the_health_endpoint_answers_503_when_the_database_is_unreachable():
    # A web process whose database server is not there (nothing listens on port 1).
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": "postgres://quizgen:quizgen@127.0.0.1:1/quizgen",
        "DEBUG": "false",
    }
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == '503 {"status": "unavailable", "database": "unreachable"}'
    assert "Health check: the database is unreachable" in result.stderr


def test_the_health_endpoint_refuses_a_post(client, db):
    assert client.post(reverse("healthz")).status_code == 405
