"""The API's JSON parser: strict JSON read by orjson, with limits a client cannot push past.

Python's own parser accepts lone surrogates ("\\udfff", which then cannot be written out as
UTF-8 and break every page that shows them) and overflows the stack on a deeply nested body
(a 500). orjson refuses both, and NaN or Infinity, as invalid JSON; the body's size is capped
at DATA_UPLOAD_MAX_MEMORY_SIZE, the limit Django applies to forms, with the same message.
"""

from __future__ import annotations

import orjson
from django.conf import settings
from rest_framework import exceptions, renderers, status
from rest_framework.parsers import BaseParser

JSON_INVALID = "The request body is not valid JSON ({reason})."


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


class JSONParser(BaseParser):
    media_type = "application/json"
    renderer_class = renderers.JSONRenderer

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(body) > limit:
            # Imported here: api.errors loads DRF's settings, which load this module.
            from api.errors import BODY_TOO_LARGE

            megabytes = round(limit / (1024 * 1024), 1)
            raise RequestTooLarge(BODY_TOO_LARGE.format(limit=f"{megabytes:g}"))
        encoding = (parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET
        if encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
            try:
                body = body.decode(encoding).encode("utf-8")
            except (LookupError, UnicodeError) as error:
                raise exceptions.ParseError(JSON_INVALID.format(reason=error)) from None
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError as error:
            reason = str(error).split(":", 1)[0]
            raise exceptions.ParseError(JSON_INVALID.format(reason=reason)) from None
