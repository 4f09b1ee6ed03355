"""Reading the text of a PDF, DOCX or HTML file inside a child process with hard limits.

A hostile file (a 300 KB DOCX holding 3,000,000 paragraphs, a PDF of 13,000 empty pages)
can keep a parser busy for minutes and take gigabytes. So the parsing never runs in the web
process: `read_bounded` starts `python -m quizgen.filetext`, which first checks what the file
declares (the unpacked size of every DOCX part and its paragraph count, streamed; the page
count of a PDF) and refuses before parsing, then parses with a running check of the text's
length, all under an address-space and CPU-time limit (`resource.setrlimit`) and a wall-clock
timeout. The child imports no Django; it answers one JSON line.

Refusal codes (uploads.py turns each into its message): `too_many_pages`,
`too_many_paragraphs`, `unpacks_too_large`, `text_too_long`, `too_slow`, `too_much_memory`,
`encrypted`, `damaged`. A PDF's text comes back page by page, separated by form feeds.
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    pages: int = 500
    paragraphs: int = 50_000
    unpacked_bytes: int = 50 * 1024 * 1024
    text_bytes: int = 2 * 1024 * 1024
    seconds: int = 10
    memory_bytes: int = 768 * 1024 * 1024


@dataclass(frozen=True)
class BoundedRead:
    """The text, or the refusal's code; how long the child took and its peak memory."""

    text: str | None
    refusal: str | None
    seconds: float
    peak_memory_bytes: int


class Refused(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def read_bounded(kind: str, content: bytes, limits: Limits) -> BoundedRead:
    """Parse `content` (kind "pdf", "docx" or "html") in a limited child process."""
    started = time.monotonic()
    arguments = json.dumps({"kind": kind, **limits.__dict__})

    try:
        child = subprocess.run(
            [sys.executable, "-m", "quizgen.filetext", arguments],
            input=content,
            capture_output=True,
            timeout=limits.seconds * 2,
            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        return BoundedRead(None, "too_slow", time.monotonic() - started, 0)
    seconds = time.monotonic() - started
    try:
        answer = json.loads(child.stdout.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        # Killed by the CPU limit (SIGXCPU/SIGKILL) or out of memory without a word.
        killed_for_time = child.returncode in (-24, -9) and b"MemoryError" not in child.stderr
        return BoundedRead(None, "too_slow" if killed_for_time else "too_much_memory", seconds, 0)
    return BoundedRead(answer.get("text"), answer.get("refusal"), seconds, answer["peak"])


# The child's side.


def _docx_checks(content: bytes, limits: Limits) -> None:
    """Refuse a DOCX whose parts unpack too large or that holds too many paragraphs, reading
    the main part as a stream (never all of it at once)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise Refused("damaged") from error
    if sum(entry.file_size for entry in entries) > limits.unpacked_bytes:
        raise Refused("unpacks_too_large")
    try:
        stream = archive.open("word/document.xml")
    except KeyError as error:
        raise Refused("damaged") from error
    paragraphs, unpacked, tail = 0, 0, b""
    with stream:
        while chunk := stream.read(1024 * 1024):
            unpacked += len(chunk)
            if unpacked > limits.unpacked_bytes:
                raise Refused("unpacks_too_large")
            window = tail + chunk
            paragraphs += window.count(b"<w:p>") + window.count(b"<w:p ") + window.count(b"<w:p/")
            paragraphs -= tail.count(b"<w:p>") + tail.count(b"<w:p ") + tail.count(b"<w:p/")
            tail = window[-5:]
            if paragraphs > limits.paragraphs:
                raise Refused("too_many_paragraphs")


def _docx_text(content: bytes, limits: Limits) -> str:
    _docx_checks(content, limits)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(content))
    except (PackageNotFoundError, ValueError, KeyError, OSError) as error:
        raise Refused("damaged") from error
    blocks, size = [], 0
    for paragraph in document.paragraphs:
        blocks.append(paragraph.text)
        size += len(paragraph.text)
        if size > limits.text_bytes:
            raise Refused("text_too_long")
    for table in document.tables:
        for row in table.rows:
            blocks.append(" | ".join(cell.text for cell in row.cells))
    return "\n\n".join(block.strip() for block in blocks if block.strip())


def _pdf_text(content: bytes, limits: Limits) -> str:
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
                raise Refused("encrypted")
        # The count the page tree declares, read before pypdf walks the tree.
        declared = reader.trailer["/Root"]["/Pages"].get("/Count", 0)
        if int(declared) > limits.pages:
            raise Refused("too_many_pages")
        pages, size = [], 0
        for number, page in enumerate(reader.pages):
            # The declared count can lie; the pages actually read are counted too.
            if number >= limits.pages:
                raise Refused("too_many_pages")
            text = _page_layout_text(page)
            size += len(" ".join(text.split()))
            if size > limits.text_bytes:
                raise Refused("text_too_long")
            pages.append(text)
    except Refused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise Refused("damaged") from error
    # The pages as printed, split by form feeds; uploads.reflow_pdf_pages makes paragraphs.
    return "\f".join(page.replace("\f", " ") for page in pages)


def _page_layout_text(page) -> str:
    """The page's text laid out as printed, so the gap between paragraphs is a blank line."""
    try:
        return page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - pypdf's layout mode fails on some pages; plain is safe
        return page.extract_text() or ""


def _html_text(content: bytes, limits: Limits) -> str:
    import trafilatura

    html = content.decode("utf-8", errors="replace")
    text = trafilatura.extract(html, include_tables=True, favor_recall=True) or ""
    if len(text) > limits.text_bytes:
        raise Refused("text_too_long")
    return text


_READERS = {"pdf": _pdf_text, "docx": _docx_text, "html": _html_text}


def _peak_memory() -> int:
    """This process's peak resident memory in bytes (VmHWM: since exec, not the parent's)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main() -> None:
    arguments = json.loads(sys.argv[1])
    kind = arguments.pop("kind")
    limits = Limits(**arguments)
    # The limits come first, before the file is read or a parser imported.
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.seconds, limits.seconds + 1))
    content = sys.stdin.buffer.read()
    try:
        answer: dict = {"text": _READERS[kind](content, limits)}
    except Refused as refusal:
        answer = {"refusal": refusal.code}
    except MemoryError:
        answer = {"refusal": "too_much_memory"}
    answer["peak"] = _peak_memory()
    sys.stdout.write(json.dumps(answer) + "\n")


if __name__ == "__main__":
    main()
