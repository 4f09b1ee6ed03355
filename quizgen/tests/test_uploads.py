"""Uploads: every supported type is read, every bad file is refused with its message."""

import pytest
from django.core.exceptions import ValidationError

from quizgen import services, uploads
from quizgen.models import Document
from quizgen.tests.files import (
    ENGLISH_TEXT,
    FRENCH_TEXT,
    docx_bytes,
    encrypted_office_bytes,
    pdf_bytes,
    png_bytes,
)
from quizgen.uploads import text_from_upload

HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>Bridge</title></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>The new bridge</h1>"
    f"<p>{ENGLISH_TEXT}</p><p>The council will meet again in the spring.</p>"
    "</article><footer>Copyright</footer></body></html>"
)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("notes.txt", ENGLISH_TEXT.encode(), ENGLISH_TEXT),
        ("notes.TXT", b"\xef\xbb\xbf" + ENGLISH_TEXT.encode(), ENGLISH_TEXT),
        ("notes.txt", ENGLISH_TEXT.encode("utf-16"), ENGLISH_TEXT),
        (
            "notes.md",
            f"# The new bridge\n\n{ENGLISH_TEXT}\n\n* See [the plan](https://example.org).\n".encode(),
            f"The new bridge\n\n{ENGLISH_TEXT}\n\nSee the plan.",
        ),
        ("page.html", HTML_PAGE.encode(), None),
        ("report.pdf", pdf_bytes([ENGLISH_TEXT]), ENGLISH_TEXT),
        ("report.docx", docx_bytes([ENGLISH_TEXT, "The council will meet again."]), None),
    ],
)
def test_supported_files_give_their_text(name, content, expected):
    text = text_from_upload(name=name, content=content)
    if expected is not None:
        assert text == expected
    else:
        assert ENGLISH_TEXT in text


def test_html_keeps_the_article_and_drops_the_page_furniture():
    text = text_from_upload(name="page.html", content=HTML_PAGE.encode())
    assert "The new bridge" in text
    assert "The council will meet again in the spring." in text
    assert "Home" not in text and "Copyright" not in text


def test_docx_paragraphs_are_separated():
    text = text_from_upload(
        name="report.docx", content=docx_bytes([ENGLISH_TEXT, "The council will meet again."])
    )
    assert text == f"{ENGLISH_TEXT}\n\nThe council will meet again."


def _refusal(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        text_from_upload(name=name, content=content)
    assert len(caught.value.messages) == 1
    return caught.value.messages[0]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", uploads.UPLOAD_EMPTY),
        ("blank.txt", b"   \n\n  ", uploads.UPLOAD_NO_TEXT),
        ("big.txt", b"a " * (uploads.MAX_UPLOAD_BYTES // 2 + 1), uploads.UPLOAD_TOO_LARGE),
        ("sheet.xlsx", ENGLISH_TEXT.encode(), uploads.UPLOAD_UNSUPPORTED),
        ("no-extension", ENGLISH_TEXT.encode(), uploads.UPLOAD_UNSUPPORTED),
        ("locked.pdf", pdf_bytes([ENGLISH_TEXT], password="secret"), uploads.UPLOAD_ENCRYPTED),
        ("locked.docx", encrypted_office_bytes(), uploads.UPLOAD_ENCRYPTED),
        ("scan.pdf", pdf_bytes([]), uploads.UPLOAD_SCANNED),
        ("broken.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50, uploads.UPLOAD_DAMAGED),
        (
            "latin.txt",
            ENGLISH_TEXT.encode("cp1252") + "é".encode("cp1252"),
            uploads.UPLOAD_NOT_UTF8,
        ),
        ("french.txt", FRENCH_TEXT.encode(), services.NOT_ENGLISH),
        ("french.pdf", pdf_bytes([FRENCH_TEXT]), services.NOT_ENGLISH),
        ("control.txt", ("\x01\x02\x03" * 50 + ENGLISH_TEXT).encode(), services.BINARY_TEXT),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(name, content, message):
    assert _refusal(name, content) == message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("photo.txt", png_bytes(), "plain text"),
        ("photo.pdf", png_bytes(), "a PDF document"),
        ("text.pdf", ENGLISH_TEXT.encode(), "a PDF document"),
        ("report.docx", pdf_bytes([ENGLISH_TEXT]), "a Word (.docx) document"),
        ("report.docx", ENGLISH_TEXT.encode(), "a Word (.docx) document"),
        ("report.txt", pdf_bytes([ENGLISH_TEXT]), "plain text"),
        ("report.md", docx_bytes([ENGLISH_TEXT]), "Markdown text"),
        ("page.html", ENGLISH_TEXT.encode(), "an HTML page"),
    ],
)
def test_files_pretending_to_be_another_type_are_refused(name, content, expected):
    assert _refusal(name, content) == uploads.UPLOAD_PRETENDING.format(name=name, expected=expected)


@pytest.mark.django_db
def test_document_upload_saves_and_queues_generation_once_committed(
    teacher, django_capture_on_commit_callbacks, monkeypatch
):
    generated = []

    def fake_generate(*, document, kinds=None):
        generated.append(document.pk)
        return document

    # The test settings run tasks immediately; the spaCy pipeline is not needed here.
    monkeypatch.setattr(services, "document_generate", fake_generate)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document = services.document_upload(
            owner=teacher,
            title="  Bridge report ",
            name="report.pdf",
            content=pdf_bytes([ENGLISH_TEXT]),
            source_url="https://example.org/bridge",
        )
    assert len(callbacks) == 1
    assert generated == [document.pk]
    document.refresh_from_db()
    assert (document.title, document.text, document.status, document.source_url) == (
        "Bridge report",
        ENGLISH_TEXT,
        Document.Status.QUEUED,
        "https://example.org/bridge",
    )


@pytest.mark.django_db
def test_document_upload_of_pasted_text_returns_the_existing_document(
    teacher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        first = services.document_upload(owner=teacher, title="Bridge", text=ENGLISH_TEXT)
        again = services.document_upload(
            owner=teacher, title="Bridge again", name="b.txt", content=ENGLISH_TEXT.encode()
        )
    assert again.pk == first.pk
    assert len(callbacks) == 1
    assert Document.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({}, services.UPLOAD_OR_PASTE),
        ({"text": ENGLISH_TEXT, "name": "a.txt", "content": b"x"}, services.UPLOAD_OR_PASTE),
        ({"content": ENGLISH_TEXT.encode()}, services.UPLOAD_NAME_REQUIRED),
        ({"text": "   "}, services.EMPTY_TEXT),
        ({"text": FRENCH_TEXT}, services.NOT_ENGLISH),
        ({"name": "scan.pdf", "content": pdf_bytes([])}, uploads.UPLOAD_SCANNED),
        ({"text": ENGLISH_TEXT, "source_url": "not a url"}, services.INVALID_SOURCE_URL),
    ],
)
def test_document_upload_refusals_save_nothing(
    teacher, django_capture_on_commit_callbacks, arguments, message
):
    arguments = {"title": "Bridge", **arguments}
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(ValidationError) as caught:
            services.document_upload(owner=teacher, **arguments)
    assert caught.value.messages == [message]
    assert Document.objects.count() == 0
    assert callbacks == []


@pytest.mark.django_db
def test_a_blank_title_takes_the_first_line_of_the_text(teacher):
    document = services.document_upload(
        owner=teacher,
        title=" ",
        name="bridge.md",
        content=f"# The bridge\n\n{ENGLISH_TEXT}".encode(),
    )
    assert document.title == "The bridge"


@pytest.mark.django_db
def test_document_update_needs_a_title_and_a_valid_url(teacher):
    from quizgen.tests.factories import DocumentFactory

    document = DocumentFactory(owner=teacher, title="Old")
    for arguments, message in (
        ({"title": " "}, services.TITLE_REQUIRED),
        ({"title": "New", "source_url": "ftp://x"}, services.INVALID_SOURCE_URL),
    ):
        with pytest.raises(ValidationError) as caught:
            services.document_update(document=document, **arguments)
        assert caught.value.messages == [message]
    document.refresh_from_db()
    assert document.title == "Old"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("bridge.txt", f"The bridge\n{ENGLISH_TEXT}", "The bridge"),
        ("new-bridge_plan.txt", ENGLISH_TEXT, "New bridge plan"),
        (
            None,
            ENGLISH_TEXT,
            "The town council met on 4 March 2021 to discuss the new bridge. It was "
            "the third meeting of the year, and the mayor …",
        ),
    ],
)
def test_default_titles(teacher, name, text, expected):
    arguments = {"name": name, "content": text.encode()} if name else {"text": text}
    document = services.document_upload(owner=teacher, title="", **arguments)
    assert document.title == expected
