"""The checked-in schema is the generated one, and every operation is documented."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

CHECKED_IN = Path(__file__).resolve().parent.parent / "openapi.yaml"
REGENERATE = "Regenerate it: .venv/bin/python manage.py spectacular --file api/openapi.yaml"


def generated_yaml() -> bytes:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return OpenApiYamlRenderer().render(schema, renderer_context={})


def test_the_checked_in_schema_is_the_generated_one():
    assert CHECKED_IN.read_bytes() == generated_yaml(), REGENERATE


def operations():
    schema = yaml.safe_load(CHECKED_IN.read_text(encoding="utf-8"))
    return [
        (f"{method.upper()} {path}", operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]


@pytest.mark.parametrize(
    ("name", "operation"), operations(), ids=[name for name, _ in operations()]
)
def test_every_operation_has_a_summary_errors_and_an_example(name, operation):
    assert operation["summary"]
    assert {"401", "403", "429"} <= set(operation["responses"]), name
    for status, response in operation["responses"].items():
        if status.startswith(("4", "5")):
            content = response["content"]["application/json"]
            assert content["schema"] == {"$ref": "#/components/schemas/Error"}
            assert content["examples"], f"{name} {status} has no example"
    successes = [s for s in operation["responses"] if s.startswith("2")]
    assert successes, name
    success = operation["responses"][successes[0]]
    if "application/json" in success.get("content", {}):
        assert success["content"]["application/json"].get("examples"), f"{name} has no example"


@pytest.mark.django_db
def test_the_schema_and_docs_are_served(client):
    schema = client.get(reverse("api:schema"))
    assert schema.status_code == 200
    assert schema.content == generated_yaml()
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
    assert b"cdn" not in docs.content.lower()
