"""Turning an uploaded file into the plain text of a document.

The type is read from the content (the `filetype` package and the text itself), never trusted
from the name: the name only says which type the teacher meant, and a file whose content is of
another type is refused. Extraction uses well-kept libraries: pypdf, python-docx, trafilatura
(HTML) and markdown-it-py (Markdown); the first three run in a child process with limits on
pages, paragraphs, unpacked size, text length, time and memory (quizgen/filetext.py). The
upload request makes only the cheap checks (`upload_check`); the background worker reads the
text (`text_from_upload`), so no request waits on a parser.
"""

from __future__ import annotations

import logging
import re
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError

from quizgen.filetext import Limits, read_bounded
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
UPLOAD_TOO_MANY_PAGES = (
    "This PDF has more than {pages} pages, the most Quizgen reads. "
    "Split it into smaller files and upload each."
)
UPLOAD_TOO_MANY_PARAGRAPHS = (
    "This Word document has more than {paragraphs} paragraphs, the most Quizgen reads. "
    "Split it into smaller files and upload each."
)
UPLOAD_UNPACKS_TOO_LARGE = (
    "This Word document unpacks to more than {unpacked} MB, the most Quizgen reads. "
    "Save it again without embedded objects, or split it."
)
UPLOAD_TEXT_TOO_LONG = (
    "The text of this file is longer than {text} MB, the limit for a document. "
    "Split it into smaller files and upload each."
)
UPLOAD_TOO_SLOW = (
    "Reading this file took longer than {seconds} seconds, so Quizgen stopped. "
    "Save it again in a simpler form (or as plain text) and upload that."
)
UPLOAD_TOO_MUCH_MEMORY = (
    "Reading this file needed more memory than Quizgen allows, so it stopped. "
    "Save it again in a simpler form (or as plain text) and upload that."
)
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
_REFUSALS = {
    "too_many_pages": UPLOAD_TOO_MANY_PAGES,
    "too_many_paragraphs": UPLOAD_TOO_MANY_PARAGRAPHS,
    "unpacks_too_large": UPLOAD_UNPACKS_TOO_LARGE,
    "text_too_long": UPLOAD_TEXT_TOO_LONG,
    "too_slow": UPLOAD_TOO_SLOW,
    "too_much_memory": UPLOAD_TOO_MUCH_MEMORY,
    "encrypted": UPLOAD_ENCRYPTED,
    "damaged": UPLOAD_DAMAGED,
    "scanned": UPLOAD_SCANNED,
}
_PDF_MIME = "application/pdf"
_DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# An encrypted Office file is an OLE compound file holding an "EncryptionInfo" stream.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")


def upload_check(*, name: str, content: bytes) -> str:
    """Refuse, before anything parses it, a file that cannot be read; return its kind.

    Cheap checks only (size, extension, the signature of the content, an encrypted Office
    file), so the upload request answers at once; `text_from_upload` does the reading.
    """
    if not content:
        raise ValidationError(UPLOAD_EMPTY, code="empty")
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationError(UPLOAD_TOO_LARGE, code="too_large")
    suffix = PurePath(name or "").suffix.lower()
    kind = _SUFFIX_KINDS.get(suffix)
    if kind is None:
        raise ValidationError(UPLOAD_UNSUPPORTED, code="unsupported")
    if content.startswith(_OLE_MAGIC) and _OLE_ENCRYPTION_STREAM in content:
        raise ValidationError(UPLOAD_ENCRYPTED, code="encrypted")
    guess = filetype.guess(content)
    detected = guess.mime if guess is not None else None
    expected = {"pdf": _PDF_MIME, "docx": _DOCX_MIME}.get(kind)
    # Text formats have no signature: anything filetype recognises is something else.
    if detected != expected:
        raise _pretending(name, kind)
    return kind


def _pretending(name: str, kind: str) -> ValidationError:
    return ValidationError(
        UPLOAD_PRETENDING.format(name=PurePath(name).name, expected=_KIND_NAMES[kind]),
        code="pretending",
    )


def text_from_upload(*, name: str, content: bytes) -> str:
    """Return the plain text of an uploaded file, or raise a ValidationError a teacher can act on.

    Run by the background worker (quizgen.services.document_read_file): PDF, DOCX and HTML
    are parsed in the limited child process. The text is checked like pasted text
    (`validate_text`): not empty, English, not binary.
    """
    kind = upload_check(name=name, content=content)
    if kind == "pdf":
        text = _pdf_text(content)
    elif kind == "docx":
        text = _bounded_text("docx", content)
    else:
        decoded = _decode(content)
        if kind == "html":
            if not _looks_like_html(decoded):
                raise _pretending(name, kind)
            text = _bounded_text("html", decoded.encode("utf-8"))
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
    """The PDF's pages, read as printed in the limited child, joined back into paragraphs."""
    text = reflow_pdf_pages(_bounded_text("pdf", content).split("\f"))
    if not text.strip():
        raise ValidationError(UPLOAD_SCANNED, code="scanned")
    return text


# A line of a paragraph fills the column; one much shorter ends its paragraph (or is a
# heading). Proportional fonts put fewer wide letters on a line, hence the margin.
SHORT_LINE = 0.7
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", ":", '"', "”", "’", ")")


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
    open_at_foot = False
    for lines in laid_out:
        page_paragraphs = _paragraphs(lines, width)
        if paragraphs and page_paragraphs:
            cut = open_at_foot and not paragraphs[-1].endswith(_SENTENCE_END)
            if cut or _runs_on(paragraphs[-1], page_paragraphs[0]):
                paragraphs[-1] = _join(paragraphs[-1], page_paragraphs.pop(0))
        paragraphs.extend(page_paragraphs)
        filled = [text for text, _ in lines if text]
        # A full line at the foot of the page, with no gap after it: the paragraph goes on.
        open_at_foot = bool(filled) and len(filled[-1]) >= SHORT_LINE * width
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


def _bounded_text(kind: str, content: bytes) -> str:
    """The text of a PDF, DOCX or HTML file, read in a limited child process (filetext.py)."""
    from django.conf import settings

    limits = Limits(
        pages=settings.QUIZGEN_MAX_PDF_PAGES,
        paragraphs=settings.QUIZGEN_MAX_DOCX_PARAGRAPHS,
        unpacked_bytes=settings.QUIZGEN_MAX_UNPACKED_BYTES,
        text_bytes=settings.QUIZGEN_MAX_TEXT_BYTES,
        seconds=settings.QUIZGEN_PARSE_SECONDS,
        memory_bytes=settings.QUIZGEN_PARSE_MEMORY_MB * 1024 * 1024,
    )
    result = read_bounded(kind, content, limits)
    logger.info(
        "Read a %s upload of %d bytes in %.2f s (peak %d MB): %s",
        kind,
        len(content),
        result.seconds,
        result.peak_memory_bytes // (1024 * 1024),
        result.refusal or "text",
    )
    if result.refusal is not None:
        message = _REFUSALS[result.refusal].format(
            pages=limits.pages,
            paragraphs=f"{limits.paragraphs:,}",
            unpacked=limits.unpacked_bytes // (1024 * 1024),
            text=round(limits.text_bytes / (1024 * 1024), 1),
            seconds=limits.seconds,
        )
        raise ValidationError(message, code=result.refusal)
    return result.text or ""


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
