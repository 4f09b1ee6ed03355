"""Uploads: every supported type is read, every bad file is refused with its message."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from quizgen import services, uploads
from quizgen.models import Document, DocumentFile
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
def test_a_file_is_stored_at_once_and_read_by_the_worker_then_generated(
    teacher, django_capture_on_commit_callbacks, monkeypatch
):
    generated = []

    def fake_generate(*, document, kinds=None):
        generated.append(document.pk)
        return document

    # The test settings run tasks immediately; the spaCy pipeline is not needed here.
    monkeypatch.setattr(services, "document_generate", fake_generate)
    content = pdf_bytes([ENGLISH_TEXT])
    with django_capture_on_commit_callbacks() as callbacks:
        document = services.document_upload(
            owner=teacher,
            title="  Bridge report ",
            name="uploads/report.pdf",
            content=content,
            source_url="https://example.org/bridge",
        )
    # The request stored the file and parsed nothing.
    stored = DocumentFile.objects.get(document=document)
    assert (document.status, document.text, document.checksum) == (Document.Status.READING, "", "")
    assert (stored.name, bytes(stored.content), stored.size) == (
        "report.pdf",
        content,
        len(content),
    )
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=True) as worker_callbacks:
        callbacks[0]()  # the worker's turn: read the text, then queue generation
    assert len(worker_callbacks) == 1
    assert generated == [document.pk]
    document.refresh_from_db()
    assert (document.title, document.text, document.status, document.source_url) == (
        "Bridge report",
        ENGLISH_TEXT,
        Document.Status.QUEUED,
        "https://example.org/bridge",
    )
    assert document.checksum == services.text_checksum(ENGLISH_TEXT)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.pdf", pdf_bytes([]), uploads.UPLOAD_SCANNED),
        ("locked.pdf", pdf_bytes([ENGLISH_TEXT], password="secret"), uploads.UPLOAD_ENCRYPTED),
        ("french.txt", FRENCH_TEXT.encode(), services.NOT_ENGLISH),
        ("latin.txt", ENGLISH_TEXT.encode("cp1252") + b"\xe9", uploads.UPLOAD_NOT_UTF8),
        ("blank.md", b"   \n\n  ", uploads.UPLOAD_NO_TEXT),
        (
            "page.html",
            b"no markup at all, " + ENGLISH_TEXT.encode(),
            uploads.UPLOAD_PRETENDING.format(name="page.html", expected="an HTML page"),
        ),
    ],
)
def test_a_file_refused_while_reading_ends_failed_with_its_message_and_is_kept(
    teacher, name, content, message
):
    document = services.document_upload(owner=teacher, title="Bridge", name=name, content=content)
    assert document.status == Document.Status.READING
    read = services.document_read_file(document=document)
    document.refresh_from_db()
    assert (read.status, document.status, document.error_message, document.text) == (
        Document.Status.FAILED,
        Document.Status.FAILED,
        message,
        "",
    )
    assert bytes(DocumentFile.objects.get(document=document).content) == content


@pytest.mark.django_db
def test_a_refused_file_is_read_again_on_request(teacher, django_capture_on_commit_callbacks):
    document = services.document_upload(
        owner=teacher, title="Bridge", name="long.txt", content=ENGLISH_TEXT.encode()
    )
    with override_settings(QUIZGEN_MAX_TEXT_BYTES=100):
        assert services.document_read_file(document=document).status == Document.Status.FAILED
    with django_capture_on_commit_callbacks() as callbacks:
        again = services.document_regenerate(document=document)
    assert (again.status, again.error_message) == (Document.Status.READING, "")
    assert len(callbacks) == 1
    read = services.document_read_file(document=again)
    assert (read.status, read.text) == (Document.Status.QUEUED, ENGLISH_TEXT)


@pytest.mark.django_db
def test_the_same_file_again_returns_the_same_document(teacher):
    first = services.document_upload(
        owner=teacher, title="Bridge", name="b.txt", content=ENGLISH_TEXT.encode()
    )
    again = services.document_upload(
        owner=teacher, title="Bridge again", name="copy.txt", content=ENGLISH_TEXT.encode()
    )
    assert again.pk == first.pk
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_a_file_with_the_text_of_an_existing_document_is_not_generated_twice(
    teacher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        first = services.document_upload(owner=teacher, title="Bridge", text=ENGLISH_TEXT)
        again = services.document_upload(
            owner=teacher, title="Bridge again", name="b.txt", content=ENGLISH_TEXT.encode()
        )
        read = services.document_read_file(document=again)
    assert again.pk != first.pk
    assert (read.status, read.error_message) == (
        Document.Status.FAILED,
        services.DUPLICATE_UPLOAD.format(title="Bridge"),
    )
    # One generation (the pasted text's) and one reading; none for the copy.
    assert len(callbacks) == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({}, services.UPLOAD_OR_PASTE),
        ({"text": ENGLISH_TEXT, "name": "a.txt", "content": b"x"}, services.UPLOAD_OR_PASTE),
        ({"content": ENGLISH_TEXT.encode()}, services.UPLOAD_NAME_REQUIRED),
        ({"text": "   "}, services.EMPTY_TEXT),
        ({"text": FRENCH_TEXT}, services.NOT_ENGLISH),
        ({"name": "scan.pdf", "content": b""}, uploads.UPLOAD_EMPTY),
        (
            {"name": "photo.pdf", "content": png_bytes()},
            uploads.UPLOAD_PRETENDING.format(name="photo.pdf", expected="a PDF document"),
        ),
        ({"name": "sheet.xlsx", "content": b"a,b"}, uploads.UPLOAD_UNSUPPORTED),
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
    assert document.title == "Bridge"  # the file's name until the worker has read it
    assert services.document_read_file(document=document).title == "The bridge"


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
    if name:
        document = services.document_read_file(document=document)
    assert document.title == expected


# A made-up biography, long enough to wrap on every line and to run on to a second page.
BIOGRAPHY = [
    "Margaret Ellery",
    "Early life",
    "Margaret Ellery was born in Leeds on 14 May 1902, the second of four children of a "
    "railway clerk and a schoolteacher who encouraged all of their children to read widely. "
    "She won a scholarship to the local grammar school in 1913 and later studied chemistry at "
    "the University of Manchester, where she was one of only six women in her year.",
    "After graduating in 1924 she joined the Leeds dye works of Harrow and Sons as a junior "
    "analyst. Within three years she had developed a faster test for the purity of indigo, "
    "which the company adopted in all of its laboratories and which saved it an estimated "
    "2,000 pounds a year.",
    "Career",
    "In 1931 Ellery moved to London to work at the Imperial Institute, where she studied the "
    "fading of natural dyes in sunlight. Her report of 1935 showed that most of the fading "
    "happened in the first month of exposure, a result that changed how museums displayed "
    "their textiles for the next thirty years.",
    "During the Second World War she led a team of twelve chemists who tested the colour "
    "fastness of uniforms for the Ministry of Supply. The team examined more than 40,000 "
    "samples between 1940 and 1945, and Ellery was appointed an officer of the Order of the "
    "British Empire in 1946 for this work.",
    "She returned to Leeds in 1950 as the first woman to hold a chair in the university's "
    "department of colour chemistry. Over the next eighteen years she supervised more than "
    "sixty doctoral students, many of whom went on to lead research laboratories in Britain, "
    "India and Canada.",
    "Later life",
    "Ellery retired in 1968 but continued to write about the history of dyeing. Her last book, "
    "a history of the Yorkshire dye trade, appeared in 1979, three years before her death in "
    "Harrogate on 2 October 1982 at the age of eighty.",
    "A laboratory at the University of Leeds was named after her in 2002, on the hundredth "
    "anniversary of her birth, and a scholarship in her name is awarded each year to a "
    "student of chemistry from a school in the north of England.",
]


def test_a_typeset_pdf_reads_as_the_same_text_as_the_plain_file():
    from pypdf import PdfReader

    from quizgen.tests.files import wrapped_pdf_bytes

    content = wrapped_pdf_bytes(BIOGRAPHY)
    assert len(PdfReader(io.BytesIO(content)).pages) == 2
    assert text_from_upload(name="ellery.pdf", content=content) == "\n\n".join(BIOGRAPHY)


def test_a_typeset_pdf_gives_the_same_questions_as_the_plain_file(nlp_pipeline):
    from quizgen.nlp import extract_facts, generate_questions
    from quizgen.tests.files import wrapped_pdf_bytes

    plain = "\n\n".join(BIOGRAPHY)
    from_pdf = text_from_upload(name="ellery.pdf", content=wrapped_pdf_bytes(BIOGRAPHY))

    def questions(text):
        drafts = generate_questions(extract_facts(text, nlp=nlp_pipeline))
        return [(draft.kind, draft.prompt, draft.recommended) for draft in drafts]

    expected = questions(plain)
    assert len([q for q in expected if q[2]]) >= 2
    assert questions(from_pdf) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            [
                "The engineers finished the construc-",
                "tion of the bridge over the river Aire",
                "in the spring of 1887, two years late.",
            ],
            "The engineers finished the construction of the bridge over the river Aire "
            "in the spring of 1887, two years late.",
        ),
        (
            [
                "The council chose a design by a well-",
                "known engineer from Leeds, who had",
                "built three bridges on the same river.",
            ],
            "The council chose a design by a well-known engineer from Leeds, who had "
            "built three bridges on the same river.",
        ),
        (
            ["A new bridge", "The council of the town of Marlow met", "on 4 March 2021.", "12"],
            "A new bridge\n\nThe council of the town of Marlow met on 4 March 2021.",
        ),
    ],
)
def test_pdf_lines_are_joined_into_paragraphs(lines, expected):
    assert text_from_upload(name="lines.pdf", content=pdf_bytes(lines)) == expected


def test_a_paragraph_cut_by_a_page_break_is_joined():
    pages = [
        "The first bridge over the river was built in 1887 by a\nteam of engineers from the "
        "town of Leeds, who worked on\nit for",
        "three years.\n\n7",
    ]
    assert uploads.reflow_pdf_pages(pages) == (
        "The first bridge over the river was built in 1887 by a team of engineers from the "
        "town of Leeds, who worked on it for three years."
    )


def test_a_paragraph_cut_before_a_capital_at_the_page_break_is_joined():
    pages = [
        "Two billion people live where the soil lacks iodine, and the fix is cheap.\n"
        "Salt with iodine added is sold in most shops across the world, says the World",
        "Health Organisation, which wants all table salt to carry it.\n\nPage 2",
    ]
    assert uploads.reflow_pdf_pages(pages) == (
        "Two billion people live where the soil lacks iodine, and the fix is cheap. Salt with "
        "iodine added is sold in most shops across the world, says the World Health "
        "Organisation, which wants all table salt to carry it."
    )
