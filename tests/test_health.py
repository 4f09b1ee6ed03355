"""The health endpoint answers without a login and says whether the database is reachable."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from quizgen.tests.factories import UserFactory


@pytest.mark.django_db
def test_the_health_endpoint_answers_ok_without_a_login(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_health_endpoint_runs_only_its_own_query_with_a_students_session(
    client, django_assert_num_queries
):
    client.force_login(UserFactory(username="ada"))
    # Only its own SELECT 1: the LTI middleware no longer loads the session to look for
    # launch data (2 queries before: the session, then SELECT 1), and nothing reads the user.
    with django_assert_num_queries(1) as captured:
        response = client.get(reverse("healthz"))
    assert captured.captured_queries[0]["sql"] == "SELECT 1"
    assert response.json() == {"status": "ok", "database": "ok"}


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
