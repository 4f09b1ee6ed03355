"""Hostile uploads are refused quickly, with little memory, before their parser runs away.

The files are the ones that used to take minutes and gigabytes in the web process: a 330 KB
DOCX holding 3,000,000 paragraphs and a PDF of 13,000 pages. They are read in a child process
(quizgen/filetext.py) that checks what the file declares before parsing and runs under
memory and CPU limits.
"""

import html
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from quizgen import uploads
from quizgen.admin import FILE_BEING_READ
from quizgen.filetext import Limits, read_bounded
from quizgen.models import Document
from quizgen.tests.files import ENGLISH_TEXT, docx_with_body, pdf_bytes, pdf_of_blank_pages

MB = 1024 * 1024
THREE_MILLION_PARAGRAPHS = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 3_000_000


def refusal(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        uploads.text_from_upload(name=name, content=content)
    return caught.value.messages[0]


@pytest.mark.parametrize(
    ("name", "kind", "make", "code", "message"),
    [
        (
            "huge.docx",
            "docx",
            lambda: docx_with_body(THREE_MILLION_PARAGRAPHS),
            "unpacks_too_large",
            uploads.UPLOAD_UNPACKS_TOO_LARGE.format(unpacked=50),
        ),
        (
            "empty-paragraphs.docx",
            "docx",
            lambda: docx_with_body(b"<w:p/>" * 3_000_000),
            "too_many_paragraphs",
            uploads.UPLOAD_TOO_MANY_PARAGRAPHS.format(paragraphs="50,000"),
        ),
        (
            "long.pdf",
            "pdf",
            lambda: pdf_of_blank_pages(13_000),
            "too_many_pages",
            uploads.UPLOAD_TOO_MANY_PAGES.format(pages=500),
        ),
    ],
    ids=["3,000,000 paragraphs of text", "3,000,000 empty paragraphs", "13,000 pages"],
)
def test_hostile_files_are_refused_quickly_under_200_mb(name, kind, make, code, message):
    content = make()
    assert len(content) < uploads.MAX_UPLOAD_BYTES
    started = time.monotonic()
    assert refusal(name, content) == message
    # Unguarded, these took 127-132 s. The 5 s target is timed on a quiet machine (see the
    # README's "Running in production"); here the bound only has to survive a loaded CI box.
    assert time.monotonic() - started < 30
    result = read_bounded(kind, content, Limits())
    assert result.refusal == code
    assert result.peak_memory_bytes < 200 * MB


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        (
            "long.pdf",
            lambda: pdf_of_blank_pages(13_000),
            uploads.UPLOAD_TOO_MANY_PAGES.format(pages=500),
        ),
        (
            "huge.docx",
            lambda: docx_with_body(THREE_MILLION_PARAGRAPHS),
            uploads.UPLOAD_UNPACKS_TOO_LARGE.format(unpacked=50),
        ),
    ],
    ids=["13,000 pages", "3,000,000 paragraphs"],
)
def test_a_hostile_upload_is_read_by_the_worker_and_its_refusal_reaches_the_document_page(
    client, teacher, django_capture_on_commit_callbacks, name, make, message
):
    client.force_login(teacher)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("admin:quizgen_document_add"),
            {"upload": SimpleUploadedFile(name, make()), "title": ""},
        )
    document = Document.objects.get()
    page_url = reverse("admin:quizgen_document_change", args=[document.pk])
    assert (response.status_code, response.url) == (302, page_url)
    # The request stored the file; nothing was parsed yet.
    assert (document.status, document.text) == (Document.Status.READING, "")
    waiting = client.get(page_url).content.decode()
    assert 'data-status="reading"' in waiting
    assert FILE_BEING_READ.format(document=document.title) in waiting.replace("&ldquo;", "“")

    assert len(callbacks) == 1
    callbacks[0]()  # the worker reads the file (the test settings run tasks at once)
    document.refresh_from_db()
    assert (document.status, document.error_message) == (Document.Status.FAILED, message)
    page = client.get(page_url).content.decode()
    assert 'data-status="failed"' in page
    assert html.escape(message) in page
    assert "Read the file again" in page


def test_a_parser_over_its_memory_limit_is_stopped_with_a_message():
    with override_settings(QUIZGEN_PARSE_MEMORY_MB=30):
        assert refusal("report.pdf", pdf_bytes([ENGLISH_TEXT])) == uploads.UPLOAD_TOO_MUCH_MEMORY


def test_a_parser_over_its_time_limit_is_stopped():
    slow = pdf_bytes([ENGLISH_TEXT] * 20_000)
    started = time.monotonic()
    result = read_bounded("pdf", slow, Limits(seconds=1, text_bytes=100 * MB))
    assert (result.refusal, result.text) == ("too_slow", None)
    # One second of CPU allowed; the wall-clock bound leaves room for a loaded machine.
    assert time.monotonic() - started < 20


def test_text_longer_than_the_document_limit_is_refused_while_reading():
    with override_settings(QUIZGEN_MAX_TEXT_BYTES=1000):
        long_text = refusal(
            "long.docx",
            docx_with_body(
                b"<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % (ENGLISH_TEXT.encode() * 3) * 10
            ),
        )
    assert long_text == uploads.UPLOAD_TEXT_TOO_LONG.format(text=0.0)
