"""Turning an uploaded file into the plain text of a document.

The type is read from the content (the `filetype` package and the text itself), never trusted
from the name: the name only says which type the teacher meant, and a file whose content is of
another type is refused. Extraction uses well-kept libraries: pypdf, python-docx, trafilatura
(HTML) and markdown-it-py (Markdown).
"""

from __future__ import annotations

import io
import logging
import re
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
        pages = [_page_layout_text(page) for page in reader.pages]
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        logger.info("Unreadable PDF upload: %s", error)
        raise ValidationError(UPLOAD_DAMAGED, code="damaged") from error
    text = reflow_pdf_pages(pages)
    if not text.strip():
        raise ValidationError(UPLOAD_SCANNED, code="scanned")
    return text


# A line of a paragraph fills the column; one much shorter ends its paragraph (or is a
# heading). Proportional fonts put fewer wide letters on a line, hence the margin.
SHORT_LINE = 0.7
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", ":", '"', "”", "’", ")")


def _page_layout_text(page) -> str:
    """The page's text laid out as printed, so the gap between paragraphs is a blank line."""
    try:
        return page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - pypdf's layout mode fails on some pages; plain is safe
        logger.info("PDF page read without layout")
        return page.extract_text() or ""


def reflow_pdf_pages(pages: list[str]) -> str:
    """The paragraphs of a PDF's pages, one per line and separated by blank lines.

    A PDF breaks every line where it was printed; the pipeline ends a sentence at every line
    break, so the lines of a paragraph are joined again: a paragraph ends at a blank line (a
    gap on the page), at a line much shorter than the column (its last line, or a heading)
    and before an indented first line. A word hyphenated across lines is joined
    ("construc-" + "tion"); a hyphen that belongs to the word ("well-" + "known") stays. A
    page number alone at the top or bottom of a page is dropped, and a paragraph that runs
    on to the next page is joined across the page break.
    """
    laid_out = [_page_lines(page) for page in pages]
    lengths = [len(text) for lines in laid_out for text, _ in lines if text]
    width = max(lengths, default=0)
    paragraphs: list[str] = []
    for lines in laid_out:
        page_paragraphs = _paragraphs(lines, width)
        if paragraphs and page_paragraphs and _runs_on(paragraphs[-1], page_paragraphs[0]):
            paragraphs[-1] = _join(paragraphs[-1], page_paragraphs.pop(0))
        paragraphs.extend(page_paragraphs)
    return "\n\n".join(paragraphs)


def _page_lines(page: str) -> list[tuple[str, int]]:
    """(text with single spaces, indentation) for every line; blank lines as ("", 0)."""
    lines = []
    for raw in page.splitlines():
        text = " ".join(raw.split())
        lines.append((text, len(raw) - len(raw.lstrip()) if text else 0))
    filled = [index for index, (text, _) in enumerate(lines) if text]
    for index in (filled[:1] + filled[-1:]) if filled else []:
        if _PAGE_NUMBER.match(lines[index][0]):
            lines[index] = ("", 0)
    return lines


def _paragraphs(lines: list[tuple[str, int]], width: int) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    margin = min((indent for text, indent in lines if text), default=0)
    for text, indent in lines:
        if not text:
            if current:
                paragraphs.append(_join_lines(current))
            current = []
            continue
        if current and indent > margin + 1:
            paragraphs.append(_join_lines(current))  # an indented first line
            current = []
        current.append(text)
        if len(text) < SHORT_LINE * width:
            paragraphs.append(_join_lines(current))
            current = []
    if current:
        paragraphs.append(_join_lines(current))
    return paragraphs


def _join_lines(lines: list[str]) -> str:
    joined = lines[0]
    for line in lines[1:]:
        joined = _join(joined, line)
    return joined


def _join(before: str, after: str) -> str:
    match = re.search(r"(\w+)-$", before)
    if match is None or not after[:1].islower():
        return f"{before} {after}"
    head = match.group(1)
    tail = re.match(r"\w+", after)
    tail_word = tail.group(0) if tail else ""
    if not _is_word(head + tail_word) and _is_word(head) and _is_word(tail_word):
        return before + after  # "well-" + "known": the hyphen is the word's own
    return before[:-1] + after


def _is_word(word: str) -> bool:
    from lemminflect import getAllLemmas

    return bool(word) and bool(getAllLemmas(word.lower()))


def _runs_on(paragraph: str, following: str) -> bool:
    """A paragraph cut by the page break: no closing punctuation, the next starts in lower case."""
    return not paragraph.endswith(_SENTENCE_END) and following[:1].islower()


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
