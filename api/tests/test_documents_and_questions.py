"""Documents and questions, as a teacher uses them through the API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from api import documents
from quizgen import services as quizgen_services
from quizgen import uploads
from quizgen.models import Document, Question
from quizgen.tests.factories import FactFactory, QuestionFactory

pytestmark = pytest.mark.django_db

TEXT = "In 1979, the committee met in Paris. It was the first of many meetings of the group."


def test_uploading_a_text_queues_generation(clients, people):
    response = clients["teacher"].post(
        reverse("api:document-upload"),
        {"title": "Minutes", "text": TEXT, "published_on": "2025-07-03"},
        format="json",
    )
    document = Document.objects.get(owner=people["teacher"])
    assert response.status_code == 202
    assert response["Location"] == f"/api/v1/documents/{document.pk}/job/"
    assert response.json() == {
        "document": document.pk,
        "status": "queued",
        "finished": False,
        "error_message": "",
        "job_url": f"/api/v1/documents/{document.pk}/job/",
        "document_url": f"/api/v1/documents/{document.pk}/",
        "questions_url": f"/api/v1/questions/?document={document.pk}",
    }
    assert (document.title, document.text, str(document.published_on)) == (
        "Minutes",
        TEXT,
        "2025-07-03",
    )


def test_uploading_the_same_text_again_returns_the_same_document(clients):
    url = reverse("api:document-upload")
    first = clients["teacher"].post(url, {"title": "A", "text": TEXT}, format="json")
    second = clients["teacher"].post(url, {"title": "B", "text": TEXT}, format="json")
    assert first.json()["document"] == second.json()["document"]


def test_uploading_a_file_answers_at_once_and_the_worker_reads_its_text(
    clients, people, django_capture_on_commit_callbacks, monkeypatch
):
    # Generation itself is not under test here (the test settings run tasks at once).
    monkeypatch.setattr(quizgen_services, "document_generate", lambda *, document, kinds: document)
    upload = SimpleUploadedFile("minutes.md", TEXT.encode("utf-8"), content_type="text/markdown")
    with django_capture_on_commit_callbacks() as callbacks:
        response = clients["teacher"].post(
            reverse("api:document-upload"), {"title": "Minutes", "file": upload}, format="multipart"
        )
    document = Document.objects.get(owner=people["teacher"])
    assert response.status_code == 202
    assert (response.json()["status"], response.json()["finished"]) == ("reading", False)
    assert document.text == ""
    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()  # the worker's turn
    job = clients["teacher"].get(response["Location"]).json()
    assert (job["status"], job["error_message"]) == ("queued", "")
    assert Document.objects.get(owner=people["teacher"]).text == TEXT


def test_a_hostile_file_is_refused_by_the_worker_and_the_job_says_why(
    clients, people, django_capture_on_commit_callbacks
):
    from quizgen.tests.files import docx_with_body

    content = docx_with_body(b"<w:p/>" * 3_000_000)
    upload = SimpleUploadedFile("empty-paragraphs.docx", content)
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["teacher"].post(
            reverse("api:document-upload"), {"title": "Hostile", "file": upload}, format="multipart"
        )
    assert (response.status_code, response.json()["status"]) == (202, "reading")
    job = clients["teacher"].get(response["Location"]).json()
    assert (job["status"], job["finished"], job["error_message"]) == (
        "failed",
        True,
        uploads.UPLOAD_TOO_MANY_PARAGRAPHS.format(paragraphs="50,000"),
    )
    detail = clients["teacher"].get(job["document_url"]).json()
    assert (detail["status"], detail["error_message"]) == ("failed", job["error_message"])


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"title": "Both", "text": TEXT, "file": "minutes.txt"}, documents.DOCUMENT_TEXT_OR_FILE),
        ({"title": "Neither"}, documents.DOCUMENT_TEXT_OR_FILE),
        ({"title": "Blank", "text": " \n "}, quizgen_services.EMPTY_TEXT),
        ({"title": "Binary", "file": "data.exe"}, uploads.UNSUPPORTED_FILE.format(name="data.exe")),
        (
            {"title": "French", "text": "Le comité se réunit à Paris pour la première fois hier."},
            quizgen_services.NOT_ENGLISH,
        ),
    ],
)
def test_upload_errors_use_the_admins_messages(clients, payload, message):
    if "file" in payload:
        payload = {**payload, "file": SimpleUploadedFile(payload["file"], TEXT.encode("utf-8"))}
    response = clients["teacher"].post(reverse("api:document-upload"), payload, format="multipart")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == message


def test_a_file_over_2_mb_is_refused_and_nothing_is_saved(clients):
    big = SimpleUploadedFile("huge.txt", (TEXT + "\n").encode("utf-8") * 40_000)
    response = clients["teacher"].post(
        reverse("api:document-upload"), {"title": "Huge", "file": big}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == uploads.UPLOAD_TOO_LARGE
    assert Document.objects.count() == 0


def test_job_status_reports_a_failure(clients, bank):
    Document.objects.filter(pk=bank["document"].pk).update(
        status=Document.Status.FAILED, error_message="Question generation failed: boom."
    )
    job = clients["teacher"].get(reverse("api:document-job", args=[bank["document"].pk])).json()
    assert (job["status"], job["finished"], job["error_message"]) == (
        "failed",
        True,
        "Question generation failed: boom.",
    )


def test_document_detail_lists_its_facts_and_counts(clients, bank):
    fact = FactFactory(document=bank["document"])
    QuestionFactory(document=bank["document"], status=Question.Status.DRAFT)
    body = clients["teacher"].get(reverse("api:document-detail", args=[bank["document"].pk])).json()
    assert (body["question_count"], body["approved_count"]) == (7, 6)
    assert [f["id"] for f in body["facts"]] == [fact.pk]
    assert body["facts"][0]["text"] == "1979"


@pytest.mark.parametrize(
    ("query", "kinds"),
    [
        ({"kind": "numeric"}, ["numeric"]),
        ({"status": "draft"}, ["multiple_choice"]),
        ({"recommended": "false"}, ["multiple_choice"]),
    ],
)
def test_question_filters(clients, bank, query, kinds):
    QuestionFactory(document=bank["document"], status=Question.Status.DRAFT, recommended=False)
    body = clients["teacher"].get(reverse("api:question-list"), query).json()
    assert [q["kind"] for q in body["results"]] == kinds


def test_a_bad_filter_value_is_a_400(clients):
    response = clients["teacher"].get(reverse("api:question-list"), {"document": "-3"})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "document": ["Ensure this value is greater than or equal to 1."]
    }


def test_editing_a_question_marks_it_as_edited(clients, bank):
    question = bank["questions"]["multiple_choice"]
    options = [
        {"text": "1979", "correct": True},
        {"text": "1980", "correct": False},
        {"text": "1981", "correct": False},
        {"text": "1982", "correct": False},
    ]
    response = clients["teacher"].patch(
        reverse("api:question-edit", args=[question.pk]),
        {"prompt": "When did it happen?", "options": options},
        format="json",
    )
    assert response.status_code == 200
    question.refresh_from_db()
    assert (question.prompt, question.options, question.edited_by_human) == (
        "When did it happen?",
        options,
        True,
    )


def test_an_edit_with_two_correct_options_is_refused(clients, bank):
    question = bank["questions"]["multiple_choice"]
    response = clients["teacher"].patch(
        reverse("api:question-edit", args=[question.pk]),
        {"options": [{"text": "a", "correct": True}, {"text": "b", "correct": True}]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "options": [quizgen_services.QUESTION_NEEDS_ONE_CORRECT]
    }


def test_approve_reject_and_bulk_approve(clients, people, bank):
    draft = QuestionFactory(document=bank["document"], status=Question.Status.DRAFT)
    weak = QuestionFactory(
        document=bank["document"], status=Question.Status.DRAFT, recommended=False
    )
    rejected = clients["teacher"].post(reverse("api:question-reject", args=[draft.pk])).json()
    assert rejected["status"] == "rejected"
    approved = clients["teacher"].post(reverse("api:question-approve", args=[draft.pk])).json()
    assert approved["status"] == "approved"
    Question.objects.filter(pk=draft.pk).update(status=Question.Status.DRAFT)
    bulk = clients["teacher"].post(
        reverse("api:question-bulk-approve"), {"document": bank["document"].pk}, format="json"
    )
    assert bulk.json() == {"approved": [draft.pk]}
    weak.refresh_from_db()
    assert weak.status == Question.Status.DRAFT
    assert Question.objects.get(pk=draft.pk).reviewed_by == people["teacher"]


@pytest.mark.parametrize(
    ("kind", "answer"),
    [("numeric", ["317"]), ("ordering", {"value": 1}), ("matching", [["only", "one", "x"]])],
)
def test_an_answer_of_the_wrong_shape_is_refused(clients, bank, kind, answer):
    question = bank["questions"][kind]
    response = clients["teacher"].patch(
        reverse("api:question-edit", args=[question.pk]), {"answer": answer}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "answer": [quizgen_services.QUESTION_ANSWER_SHAPE[kind]]
    }
