"""Text from an uploaded file: plain text, Markdown, HTML, PDF or Word.

A stand-in written by the API branch with the admin branch's names and signature; the admin
branch's version (same names) replaces it when both land.
"""

from __future__ import annotations

import io
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError

from quizgen.services import BINARY_TEXT

UNSUPPORTED_FILE = (
    "Quizgen reads .txt, .md, .html, .pdf and .docx files; “{name}” is none of these."
)
FILE_TOO_LARGE = "The file is larger than {limit} MB. Split it into smaller documents."
UNREADABLE_FILE = "This file could not be read: it may be damaged or protected by a password."


def text_from_upload(*, name: str, content: bytes) -> str:
    """The text of an uploaded file, or a ValidationError a teacher can act on."""
    limit = settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    if len(content) > limit:
        raise ValidationError(
            FILE_TOO_LARGE.format(limit=round(limit / (1024 * 1024), 1)), code="too_large"
        )
    suffix = PurePath(name or "").suffix.lower()
    if suffix in {".txt", ".md", ".markdown", ""}:
        try:
            return content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(BINARY_TEXT, code="binary") from error
    try:
        if suffix in {".html", ".htm"}:
            import trafilatura

            return trafilatura.extract(content.decode("utf-8", errors="replace")) or ""
        if suffix == ".pdf":
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(content))
            return "\n\n".join(page.extract_text() or "" for page in reader.pages)
        if suffix == ".docx":
            import docx

            document = docx.Document(io.BytesIO(content))
            return "\n\n".join(paragraph.text for paragraph in document.paragraphs)
    except Exception as error:  # noqa: BLE001 - any parser failure is an unreadable file
        raise ValidationError(UNREADABLE_FILE, code="unreadable") from error
    raise ValidationError(UNSUPPORTED_FILE.format(name=name), code="unsupported")
