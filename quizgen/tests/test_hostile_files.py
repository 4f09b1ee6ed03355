"""Hostile uploads are refused quickly, with little memory, before their parser runs away.

The files are the ones that used to take minutes and gigabytes in the web process: a 330 KB
DOCX holding 3,000,000 paragraphs and a PDF of 13,000 pages. They are read in a child process
(quizgen/filetext.py) that checks what the file declares before parsing and runs under
memory and CPU limits.
"""

import time

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from quizgen import services, uploads
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
def test_hostile_files_are_refused_within_5_seconds_under_200_mb(name, kind, make, code, message):
    content = make()
    assert len(content) < uploads.MAX_UPLOAD_BYTES
    started = time.monotonic()
    assert refusal(name, content) == message
    assert time.monotonic() - started < 5
    result = read_bounded(kind, content, Limits())
    assert result.refusal == code
    assert result.peak_memory_bytes < 200 * MB


@pytest.mark.django_db
def test_a_hostile_upload_saves_nothing(teacher):
    with pytest.raises(ValidationError) as caught:
        services.document_upload(
            owner=teacher, title="", name="long.pdf", content=pdf_of_blank_pages(13_000)
        )
    assert caught.value.messages == [uploads.UPLOAD_TOO_MANY_PAGES.format(pages=500)]
    assert Document.objects.count() == 0


def test_a_parser_over_its_memory_limit_is_stopped_with_a_message():
    with override_settings(QUIZGEN_PARSE_MEMORY_MB=30):
        assert refusal("report.pdf", pdf_bytes([ENGLISH_TEXT])) == uploads.UPLOAD_TOO_MUCH_MEMORY


def test_a_parser_over_its_time_limit_is_stopped():
    slow = pdf_bytes([ENGLISH_TEXT] * 20_000)
    started = time.monotonic()
    result = read_bounded("pdf", slow, Limits(seconds=1, text_bytes=100 * MB))
    assert (result.refusal, result.text) == ("too_slow", None)
    assert time.monotonic() - started < 4


def test_text_longer_than_the_document_limit_is_refused_while_reading():
    with override_settings(QUIZGEN_MAX_TEXT_BYTES=1000):
        long_text = refusal(
            "long.docx",
            docx_with_body(
                b"<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % (ENGLISH_TEXT.encode() * 3) * 10
            ),
        )
    assert long_text == uploads.UPLOAD_TEXT_TOO_LONG.format(text=0.0)
