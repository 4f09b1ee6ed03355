"""Importing a question bank: refusals that save nothing, the admin's upload → report →
questions, and the API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from api.tests.conftest import client_for
from quizgen import imports, services
from quizgen.models import Document, Question
from quizgen.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GIFT = b"""$CATEGORY: $course$/top/Chapter 4

::Q1::In which year did the Soviet Union invade Afghanistan?{=1979 ~1975 ~1983}

::Q2::Describe the invasion.{}
"""
MOODLE_XML = b'<?xml version="1.0" encoding="UTF-8"?>\n<quiz></quiz>\n'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize(
    ("name", "content", "chosen", "message"),
    [
        ("empty.gift.txt", b"", "", imports.IMPORT_EMPTY),
        (
            "huge.gift.txt",
            b"::Q::A?{=b ~c}\n\n" * (imports.MAX_IMPORT_BYTES // 16 + 1),
            "",
            imports.IMPORT_TOO_LARGE,
        ),
        ("photo.gift.txt", PNG, "", imports.IMPORT_BINARY.format(what="a PNG file")),
        (
            "data.bin",
            b"\x01\x00\x02\x00" * 100,
            "",
            imports.IMPORT_BINARY.format(what="binary data"),
        ),
        (
            "latin1.gift.txt",
            "::Q::Caf\xe9?{=oui ~non}".encode("latin-1"),
            "",
            imports.IMPORT_NOT_UTF8,
        ),
        ("notes.txt", b"Just some notes, with no questions.", "", imports.IMPORT_UNKNOWN_FORMAT),
        (
            "bank.xml",
            MOODLE_XML,
            "gift",
            imports.IMPORT_WRONG_FORMAT.format(chosen="GIFT", found="Moodle XML"),
        ),
        (
            "essay.gift.txt",
            b"::E::Describe it.{}\n",
            "",
            services.IMPORT_NOTHING_READ.format(
                count=1, first="line 1, essay: not a kind Quizgen marks"
            ),
        ),
    ],
    ids=["empty", "huge", "image", "binary", "latin-1", "not-questions", "wrong-format", "none"],
)
def test_a_refused_file_saves_nothing(teacher, name, content, chosen, message):
    with pytest.raises(imports.ValidationError) as refused:
        services.question_bank_import(
            owner=teacher, name=name, content=content, import_format=chosen
        )
    assert refused.value.messages == [message]
    assert Document.objects.count() == 0
    assert Question.objects.count() == 0


def test_the_same_file_twice_is_refused_the_second_time(teacher):
    first = services.question_bank_import(owner=teacher, name="ch4.gift", content=GIFT)
    with pytest.raises(imports.ValidationError) as refused:
        services.question_bank_import(owner=teacher, name="copy.gift", content=GIFT)
    assert refused.value.messages == [services.IMPORT_ALREADY.format(title=first.title)]
    assert Document.objects.count() == 1
    assert Question.objects.count() == 1


def test_an_imported_bank_is_not_regenerated(teacher):
    bank = services.question_bank_import(owner=teacher, name="ch4.gift", content=GIFT)
    with pytest.raises(imports.ValidationError) as refused:
        services.document_regenerate(document=bank)
    assert refused.value.messages == [services.IMPORTED_NOT_GENERATED]


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def test_the_admin_imports_and_shows_the_report(teacher_client):
    changelist = teacher_client.get(reverse("admin:quizgen_document_changelist"))
    import_url = reverse("admin:quizgen_document_import")
    assert f'href="{import_url}">Import questions</a>' in changelist.content.decode()
    assert teacher_client.get(import_url).status_code == 200

    response = teacher_client.post(
        import_url,
        {
            "upload": SimpleUploadedFile("chapter-4.gift.txt", GIFT),
            "title": "",
            "import_format": "",
        },
    )

    bank = Document.objects.get()
    question = bank.questions.get()
    report_url = reverse("admin:quizgen_document_import_report", args=[bank.pk])
    assert response.status_code == 302
    assert response["Location"] == report_url
    page = teacher_client.get(report_url)
    html = page.content.decode()
    assert "Imported 1 question(s) into “Chapter 4”; 1 skipped." in html
    assert (
        "GIFT file <strong>chapter-4.gift.txt</strong>:\n    1 question read,\n    1 skipped."
        in html
    )
    question_url = reverse("admin:quizgen_question_change", args=[question.pk])
    assert (
        f'<a href="{question_url}">In which year did the Soviet Union invade Afghanistan?</a>'
        in html
    )
    assert "<tr><td>line 5</td><td>essay</td><td>not a kind Quizgen marks</td></tr>" in html
    questions_url = reverse("admin:quizgen_question_changelist") + f"?document__id__exact={bank.pk}"
    assert f'href="{questions_url}">Review the imported questions</a>' in html
    change = teacher_client.get(reverse("admin:quizgen_document_change", args=[bank.pk]))
    assert f'href="{report_url}">Import report</a>' in change.content.decode()
    assert "Regenerate questions" not in change.content.decode()


def test_the_admin_shows_a_refusal_on_the_form(teacher_client):
    response = teacher_client.post(
        reverse("admin:quizgen_document_import"),
        {"upload": SimpleUploadedFile("photo.gift.txt", PNG), "import_format": "gift"},
    )
    assert response.status_code == 200
    assert escape(imports.IMPORT_BINARY.format(what="a PNG file")) in response.content.decode()
    assert Document.objects.count() == 0


def test_another_teachers_import_report_is_not_found(teacher_client, teacher):
    other = services.question_bank_import(
        owner=UserFactory(username="other", is_staff=True), name="ch4.gift", content=GIFT
    )
    response = teacher_client.get(reverse("admin:quizgen_document_import_report", args=[other.pk]))
    assert response.status_code == 404


def test_the_api_imports_and_reports(teacher):
    response = client_for(teacher).post(
        reverse("api:question-import"),
        {"file": SimpleUploadedFile("chapter-4.gift.txt", GIFT), "format": "gift"},
        format="multipart",
    )
    bank = Document.objects.get()
    question = bank.questions.get()
    assert response.status_code == 201
    assert response.json() == {
        "bank": bank.pk,
        "title": "Chapter 4",
        "format": "gift",
        "file": "chapter-4.gift.txt",
        "read": [
            {
                "where": "line 3",
                "kind": "multiple_choice",
                "title": "Q1",
                "question": question.pk,
                "prompt": "In which year did the Soviet Union invade Afghanistan?",
                "defects": question.defects,
                "tags": ["Chapter 4"],
                "notes": [],
            }
        ],
        "skipped": [{"where": "line 5", "kind": "essay", "reason": "not a kind Quizgen marks"}],
        "questions_url": f"/api/v1/questions/?document={bank.pk}",
    }


def test_the_api_refuses_a_bad_file_in_its_error_shape(teacher):
    response = client_for(teacher).post(
        reverse("api:question-import"),
        {"file": SimpleUploadedFile("photo.png", PNG)},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == imports.IMPORT_BINARY.format(what="a PNG file")
    assert Document.objects.count() == 0


def test_a_student_cannot_import(student):
    response = client_for(student).post(
        reverse("api:question-import"),
        {"file": SimpleUploadedFile("chapter-4.gift.txt", GIFT)},
        format="multipart",
    )
    assert response.status_code == 403
    assert Document.objects.count() == 0
