"""Bodies over the size limit get the API's error shape; the schema is served from its file."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.test import Client, override_settings
from django.urls import reverse

from api.errors import BODY_TOO_LARGE
from api.tests.conftest import client_for

CHECKED_IN = Path(__file__).resolve().parent.parent / "openapi.yaml"
OVER_THE_LIMIT = 5 * 1024 * 1024 + 1


@pytest.mark.parametrize("content_type", ["application/json", "multipart/form-data"])
def test_a_body_over_the_limit_gets_413_in_the_error_shape(clients, content_type):
    url = reverse("api:document-upload")
    if content_type == "application/json":
        body = json.dumps({"title": "Big", "text": "x" * OVER_THE_LIMIT})
        response = clients["teacher"].post(url, body, content_type=content_type)
    else:
        response = clients["teacher"].post(url, {"title": "Big", "text": "x" * OVER_THE_LIMIT})
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "error": {"code": "too_large", "message": BODY_TOO_LARGE.format(limit=5), "fields": {}}
    }


def test_a_body_over_the_limit_on_a_page_keeps_the_html_400(client, db):
    response = client.post(reverse("login"), {"username": "x" * OVER_THE_LIMIT})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_the_schema_is_the_checked_in_file_in_yaml_and_json(client):
    as_yaml = client.get(reverse("api:schema"))
    assert as_yaml.status_code == 200
    assert as_yaml["Content-Type"] == "application/vnd.oai.openapi; charset=utf-8"
    assert as_yaml.content == CHECKED_IN.read_bytes()
    as_json = client.get(reverse("api:schema"), {"format": "json"})
    assert as_json["Content-Type"] == "application/vnd.oai.openapi+json"
    assert as_json.json() == yaml.safe_load(CHECKED_IN.read_text(encoding="utf-8"))


def test_sixteen_parallel_schema_requests_all_answer_200():
    def fetch(number: int) -> tuple[int, bytes]:
        response = Client().get(reverse("api:schema"), {"format": "json"} if number % 2 else {})
        return response.status_code, response.content[:7]

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(fetch, range(16)))
    assert [status for status, _ in answers] == [200] * 16
    assert {start for _, start in answers} == {b"openapi", b'{"opena'}


def test_the_docs_page_runs_no_inline_script(client, db):
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "<script>" not in html and "<style>" not in html
    script = client.get(reverse("api:docs"), {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"] == "application/javascript"
    assert "SwaggerUIBundle" in script.content.decode()


def test_throttle_counts_live_in_the_shared_database_cache(people):
    assert isinstance(caches["default"], DatabaseCache)
    caches["default"].clear()
    student = people["student"]
    with override_settings(QUIZGEN_API_USER_RATE="3/minute"):
        client = client_for(student)
        statuses = [client.get(reverse("api:quiz-list")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    # Another process reading the same table (a fresh cache object, nothing in memory) sees
    # the three counted requests.
    elsewhere = DatabaseCache("quizgen_cache", {})
    assert len(elsewhere.get(f"throttle_user_{student.pk}")) == 3
