"""One error shape for every API failure: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

VALIDATION_FAILED = "Some fields are not valid: see `fields` for what to fix."
NOT_FOUND = "Nothing was found at this address, or you may not see it."
CONFLICT = "The request conflicts with the current state of this resource."
BODY_TOO_LARGE = "The request body is larger than {limit} MB; send less at a time."
BAD_REQUEST = "The request could not be read."

# Domain errors (services' ValidationError codes) that mean "not now, given the state",
# not "the input is wrong": the API answers 409 for them.
CONFLICT_CODES = frozenset(
    {
        "submitted",
        "expired",
        "not_published",
        "not_open",
        "closed",
        "no_attempts_left",
        "in_published_quiz",
        "idempotency_key_reused",
        "quiz_has_attempts",
        "not_submitted",
    }
)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = CONFLICT
    default_code = "conflict"


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as {"field.sub": [messages]}."""
    fields: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for sub, messages in _flatten(value, name).items():
                fields.setdefault(sub, []).extend(messages)
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            fields[prefix or "non_field_errors"] = [str(item) for item in detail]
        else:
            for index, value in enumerate(detail):
                if value:
                    fields.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
    else:
        fields[prefix or "non_field_errors"] = [str(detail)]
    return fields


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _from_django_validation(error: DjangoValidationError) -> tuple[int, dict]:
    if hasattr(error, "error_dict"):
        fields = {
            ("non_field_errors" if name == "__all__" else name): [
                message for item in errors for message in item.messages
            ]
            for name, errors in error.error_dict.items()
        }
        message = VALIDATION_FAILED
        if list(fields) == ["non_field_errors"]:
            message = " ".join(fields["non_field_errors"])
        return status.HTTP_400_BAD_REQUEST, error_body("invalid", message, fields)
    codes = {item.code for item in error.error_list if item.code}
    message = " ".join(error.messages)
    code = next(iter(sorted(codes)), None) or "invalid"
    if codes & CONFLICT_CODES:
        return status.HTTP_409_CONFLICT, error_body(code, message)
    return status.HTTP_400_BAD_REQUEST, error_body(code, message, {"non_field_errors": [message]})


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        status_code, body = _from_django_validation(exc)
        return Response(body, status=status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(NOT_FOUND)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        message = VALIDATION_FAILED
        if list(fields) == ["non_field_errors"]:
            message = " ".join(fields["non_field_errors"])
        response.data = error_body("invalid", message, fields)
        return response
    detail = getattr(exc, "detail", str(exc))
    code = getattr(exc, "default_code", "error")
    if isinstance(detail, exceptions.ErrorDetail):
        code = detail.code or code
    if isinstance(exc, exceptions.NotFound):
        code = "not_found"
        detail = NOT_FOUND if str(detail) == exceptions.NotFound.default_detail else detail
    response.data = error_body(str(code), str(detail))
    return response


# The shape, for the schema.


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="A stable, machine-readable code, e.g. `not_found`.")
    message = serializers.CharField(help_text="What went wrong, written for a person.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="For validation errors: the messages of each field ({} otherwise).",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


_EXAMPLES = {
    400: ("invalid", VALIDATION_FAILED, {"title": ["This field is required."]}),
    401: ("not_authenticated", "Authentication credentials were not provided.", {}),
    403: ("permission_denied", "You do not have permission to perform this action.", {}),
    404: ("not_found", NOT_FOUND, {}),
    409: ("submitted", "This attempt was already submitted; answers can no longer change.", {}),
    429: ("throttled", "Request was throttled. Expected available in 30 seconds.", {}),
}
_DESCRIPTIONS = {
    400: "The request is not valid; `fields` says which fields to fix.",
    401: "No valid token or session.",
    403: "Your role may not do this.",
    404: "Not found, or not yours to see.",
    409: "The resource's state does not allow this now.",
    429: "Too many requests from this user; retry after the `Retry-After` header's seconds.",
}


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """The documented error responses of an operation; 401, 403 and 429 are always possible."""
    wanted = sorted({401, 403, 429, *codes})
    return {
        code: OpenApiResponse(
            response=ErrorSerializer,
            description=_DESCRIPTIONS[code],
            examples=[
                OpenApiExample(
                    _EXAMPLES[code][0],
                    value=error_body(*_EXAMPLES[code]),
                    response_only=True,
                    status_codes=[str(code)],
                )
            ],
        )
        for code in wanted
    }


def page_not_found(request, exception):
    """Django's 404 for addresses no view matches: JSON in the error shape under /api/."""
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse(error_body("not_found", NOT_FOUND), status=404)
    from django.views.defaults import page_not_found as html_page_not_found

    return html_page_not_found(request, exception)


def bad_request(request, exception):
    """Django's 400 (refused before any view runs): the error shape under /api/.

    A body over DATA_UPLOAD_MAX_MEMORY_SIZE (or with too many fields) answers 413 there.
    """
    if not request.path.startswith("/api/"):
        from django.views.defaults import bad_request as html_bad_request

        return html_bad_request(request, exception)
    from django.conf import settings
    from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
    from django.http import JsonResponse

    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
        limit = round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024), 1)
        body = error_body("too_large", BODY_TOO_LARGE.format(limit=f"{limit:g}"))
        return JsonResponse(body, status=413)
    return JsonResponse(error_body("bad_request", BAD_REQUEST), status=400)
