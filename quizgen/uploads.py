"""Turning an uploaded file into the plain text of a document.

The type is read from the content (the `filetype` package and the text itself), never trusted
from the name: the name only says which type the teacher meant, and a file whose content is of
another type is refused. Extraction uses well-kept libraries: pypdf, python-docx, trafilatura
(HTML) and markdown-it-py (Markdown).
"""

from __future__ import annotations

import io
import logging
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError

from quizgen.services import validate_text

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
ALLOWED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")

UPLOAD_EMPTY = "The file is empty. Choose a file with some text in it."
UPLOAD_TOO_LARGE = (
    "The file is larger than 2 MB, the limit for a document (pasted text too). "
    "Split it into smaller files and upload each."
)
UPLOAD_UNSUPPORTED = (
    "Quizgen reads .txt, .md, .html, .pdf and .docx files. Save the file in one of these formats."
)
UPLOAD_PRETENDING = (
    "This file is named “{name}” but its content is not {expected}. "
    "Open it and save it again in that format."
)
UPLOAD_ENCRYPTED = (
    "This file is protected with a password. Save a copy without the password and upload that."
)
UPLOAD_SCANNED = (
    "This PDF has no text layer (it looks like a scan or an image). "
    "Run it through text recognition (OCR) first, or paste the text."
)
UPLOAD_DAMAGED = "This file could not be read; it may be damaged. Open it and save it again."
UPLOAD_NOT_UTF8 = "This text file is not in UTF-8. Save it as UTF-8 text and upload it again."
UPLOAD_NO_TEXT = "No text was found in this file. Choose a file with some text in it."
# The names the API branch's tests were written against (same messages).
UNSUPPORTED_FILE = UPLOAD_UNSUPPORTED
FILE_TOO_LARGE = UPLOAD_TOO_LARGE
UNREADABLE_FILE = UPLOAD_DAMAGED

_KIND_NAMES = {
    "text": "plain text",
    "markdown": "Markdown text",
    "html": "an HTML page",
    "pdf": "a PDF document",
    "docx": "a Word (.docx) document",
}
_SUFFIX_KINDS = {
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
_PDF_MIME = "application/pdf"
_DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# An encrypted Office file is an OLE compound file holding an "EncryptionInfo" stream.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")


def text_from_upload(*, name: str, content: bytes) -> str:
    """Return the plain text of an uploaded file, or raise a ValidationError a teacher can act on.

    The text is checked like pasted text (`validate_text`): not empty, English, not binary.
    """
    if not content:
        raise ValidationError(UPLOAD_EMPTY, code="empty")
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationError(UPLOAD_TOO_LARGE, code="too_large")
    suffix = PurePath(name or "").suffix.lower()
    kind = _SUFFIX_KINDS.get(suffix)
    if kind is None:
        raise ValidationError(UPLOAD_UNSUPPORTED, code="unsupported")
    pretending = ValidationError(
        UPLOAD_PRETENDING.format(name=PurePath(name).name, expected=_KIND_NAMES[kind]),
        code="pretending",
    )
    if content.startswith(_OLE_MAGIC) and _OLE_ENCRYPTION_STREAM in content:
        raise ValidationError(UPLOAD_ENCRYPTED, code="encrypted")
    guess = filetype.guess(content)
    detected = guess.mime if guess is not None else None
    if kind == "pdf":
        if detected != _PDF_MIME:
            raise pretending
        text = _pdf_text(content)
    elif kind == "docx":
        if detected != _DOCX_MIME:
            raise pretending
        text = _docx_text(content)
    else:
        # Text formats have no signature: anything filetype recognises is something else.
        if detected is not None:
            raise pretending
        decoded = _decode(content)
        if kind == "html":
            if not _looks_like_html(decoded):
                raise pretending
            text = _html_text(decoded)
        elif kind == "markdown":
            text = _markdown_text(decoded)
        else:
            text = decoded
    text = text.strip()
    if not text:
        raise ValidationError(UPLOAD_NO_TEXT, code="no_text")
    validate_text(text)
    return text


def _decode(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ValidationError(UPLOAD_NOT_UTF8, code="encoding") from error
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(UPLOAD_NOT_UTF8, code="encoding") from error


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return any(tag in head for tag in ("<!doctype html", "<html", "<body", "<p", "<article", "<h1"))


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            # A PDF with only an owner password opens with an empty user password.
            try:
                opened = reader.decrypt("")
            except Exception:  # noqa: BLE001 - missing crypto support means we cannot open it
                opened = 0
            if not opened:
                raise ValidationError(UPLOAD_ENCRYPTED, code="encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        logger.info("Unreadable PDF upload: %s", error)
        raise ValidationError(UPLOAD_DAMAGED, code="damaged") from error
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text.strip():
        raise ValidationError(UPLOAD_SCANNED, code="scanned")
    return text


def _docx_text(content: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(content))
    except (PackageNotFoundError, ValueError, KeyError, OSError) as error:
        logger.info("Unreadable DOCX upload: %s", error)
        raise ValidationError(UPLOAD_DAMAGED, code="damaged") from error
    blocks = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.append(" | ".join(cell.text for cell in row.cells))
    return "\n\n".join(block.strip() for block in blocks if block.strip())


def _html_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_tables=True, favor_recall=True) or ""


def _markdown_text(markdown: str) -> str:
    import lxml.html
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(markdown)
    if not html.strip():
        return ""
    root = lxml.html.fromstring(f"<div>{html}</div>")
    for element in root.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote"):
        element.tail = "\n\n" + (element.tail or "")
    blocks = (" ".join(block.split()) for block in root.text_content().split("\n\n"))
    return "\n\n".join(block for block in blocks if block)
