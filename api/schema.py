"""How every operation is documented: summary, request, responses, errors and an example."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from django.http import HttpResponse
from django.views.decorators.http import require_GET
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView

from api.errors import error_responses


def operation(
    *,
    summary: str,
    tags: list[str],
    responses: dict[int, Any],
    description: str = "",
    request: Any = None,
    errors: Sequence[int] = (),
    examples: Sequence[OpenApiExample] = (),
    parameters: Sequence[OpenApiParameter] = (),
    operation_id: str | None = None,
):
    documented = dict(responses)
    documented.update(error_responses(*errors))
    return extend_schema(
        summary=summary,
        description=description,
        tags=tags,
        request=request,
        responses=documented,
        examples=list(examples),
        parameters=list(parameters),
        operation_id=operation_id,
    )


def example(name: str, value: Any, *, request: bool = False, status: int = 200) -> OpenApiExample:
    if request:
        return OpenApiExample(name, value=value, request_only=True)
    return OpenApiExample(name, value=value, response_only=True, status_codes=[str(status)])


def drop_database_limits(result, generator, request, public):
    """Spectacular hook: outputs' integer bounds come from the database backend (SQLite's and
    PostgreSQL's differ), which would make the schema depend on where it was generated; they
    say nothing to a client reading a response, so they are left out."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if not name.endswith("Output"):
            continue
        for field in component.get("properties", {}).values():
            if field.get("type") == "integer":
                field.pop("maximum", None)
                field.pop("minimum", None)
                if field.get("format") == "int64":
                    field.pop("format")
    return result


# Serving the schema: the checked-in file, read once per process. Generating it per request
# is slow and drf-spectacular's generator is not safe under parallel requests (some answered
# 500); the schema test keeps the file equal to the generated schema.

SCHEMA_PATH = Path(__file__).resolve().parent / "openapi.yaml"


@functools.cache
def schema_documents() -> tuple[bytes, bytes]:
    """The checked-in schema as YAML (the file's bytes) and as JSON."""
    as_yaml = SCHEMA_PATH.read_bytes()
    as_json = json.dumps(yaml.safe_load(as_yaml), ensure_ascii=False).encode("utf-8")
    return as_yaml, as_json


@require_GET
def schema_file(request):
    """GET /api/v1/schema/: the OpenAPI 3 schema, YAML by default, JSON with ?format=json."""
    as_yaml, as_json = schema_documents()
    if request.GET.get("format") == "json":
        response = HttpResponse(as_json, content_type="application/vnd.oai.openapi+json")
        response["Content-Disposition"] = 'inline; filename="Quizgen API.json"'
    else:
        response = HttpResponse(as_yaml, content_type="application/vnd.oai.openapi; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="Quizgen API.yaml"'
    return response


class SwaggerDocsView(SpectacularSwaggerSplitView):
    """The docs page, with its start-up script served as a file so the CSP needs no inline."""

    template_name = "api/swagger_ui.html"
