"""How every operation is documented: summary, request, responses, errors and an example."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema

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
