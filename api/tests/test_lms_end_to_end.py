"""The whole path as an LMS drives it, through HTTP only: upload the demo article, wait for
the job, approve, build and publish a quiz, take it as a student, read the grade, export QTI."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from api import services as api_services
from classes import services as class_services
from conftest import DEMO_PUBLISHED_ON, DEMO_TEXT_PATH
from quizgen.exports.tests.bank import SCHEMAS, qti_schemas

pytestmark = pytest.mark.django_db


def right_answer(question: dict):
    """What a student who knows the text answers, from the teacher's view of the question."""
    kind = question["kind"]
    if kind in ("multiple_choice", "true_false"):
        return next(option["text"] for option in question["options"] if option["correct"])
    if kind in ("fill_blank", "short_answer"):
        return question["accepted_answers"][0]
    if kind == "numeric":
        return str(question["answer"]["value"])
    if kind == "ordering":
        return question["answer"]
    return {left: right for left, right in question["answer"]}


def test_an_lms_runs_a_quiz_from_upload_to_gradebook_and_export(
    people, clients, nlp_pipeline, django_capture_on_commit_callbacks
):
    teacher, student, lms = clients["teacher"], clients["student"], clients["integration"]
    api_services.external_identity_set(
        account=people["account"], user=people["student"], external_id="moodle-1207"
    )

    # 1. Upload the demo article as a file; generation is queued: 202 and the job's URL.
    upload = SimpleUploadedFile("demo.txt", DEMO_TEXT_PATH.read_bytes(), content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        queued = teacher.post(
            reverse("api:document-upload"),
            {
                "title": "Russia recognises the Taliban",
                "file": upload,
                "published_on": DEMO_PUBLISHED_ON.isoformat(),
            },
            format="multipart",
        )
    assert queued.status_code == 202
    assert queued["Location"] == queued.json()["job_url"]

    # 2. Poll the job until it is finished.
    job = teacher.get(queued["Location"]).json()
    assert (job["status"], job["finished"], job["error_message"]) == ("ready", True, "")
    document_id = job["document"]

    # 3. Approve the recommended questions.
    approved = teacher.post(
        reverse("api:question-bulk-approve"),
        {"document": document_id, "limit": 8},
        format="json",
    ).json()["approved"]
    assert 4 <= len(approved) <= 8
    listed = teacher.get(
        reverse("api:question-list"), {"document": document_id, "status": "approved"}
    ).json()
    assert sorted(q["id"] for q in listed["results"]) == sorted(approved)
    questions = {q["id"]: q for q in listed["results"]}

    # 4. Build and publish the quiz.
    created = teacher.post(
        reverse("api:quiz-create"),
        {"title": "The demo quiz", "max_attempts": 2, "questions": approved},
        format="json",
    )
    assert created.status_code == 201
    quiz_id = created.json()["id"]
    published = teacher.post(reverse("api:quiz-publish", args=[quiz_id]))
    assert published.json()["is_published"] is True

    # 4b. The teacher assigns it to the class the student joined with its code.
    school_class = class_services.class_create(owner=people["teacher"], name="History 7B")
    class_services.class_join(student=people["student"], code=school_class.join_code)
    assigned = teacher.post(
        reverse("api:class-assign", args=[school_class.pk]), {"quiz": quiz_id}, format="json"
    )
    assert assigned.status_code == 201

    # 5. The student finds it, starts, answers every question and submits.
    assert quiz_id in [q["id"] for q in student.get(reverse("api:quiz-list")).json()["results"]]
    attempt = student.post(reverse("api:attempt-start", args=[quiz_id])).json()
    assert sorted(q["id"] for q in attempt["questions"]) == sorted(approved)
    answers = [
        {"question": q["id"], "answer": right_answer(questions[q["id"]])}
        for q in attempt["questions"]
    ]
    saved = student.put(
        reverse("api:attempt-save-answers", args=[attempt["id"]]),
        {"answers": answers},
        format="json",
    )
    assert saved.status_code == 200
    submit_url = reverse("api:attempt-submit", args=[attempt["id"]])
    result = student.post(submit_url, {}, format="json", HTTP_IDEMPOTENCY_KEY="lms-submit-1")
    retry = student.post(submit_url, {}, format="json", HTTP_IDEMPOTENCY_KEY="lms-submit-1")
    assert result.status_code == retry.status_code == 200
    assert result.json() == retry.json()
    assert result.json()["score"] == result.json()["max_score"] == float(len(approved))

    # 6. The LMS reads the grade back for its gradebook.
    rows = lms.get(reverse("api:progress-list"), {"quiz": quiz_id}).json()["results"]
    assert [(r["external_id"], r["fraction"], r["percentage"], r["passed"]) for r in rows] == [
        ("moodle-1207", 1.0, 100.0, True)
    ]
    assert rows[0]["user_id"] == people["student"].pk
    assert rows[0]["completed_at"] == result.json()["submitted_at"]

    # 7. And exports the quiz as a QTI 2.1 package.
    export = teacher.get(reverse("api:quiz-export", args=[quiz_id, "qti"]))
    assert export.status_code == 200
    assert export["Content-Type"] == "application/zip"
    package = zipfile.ZipFile(io.BytesIO(export.content))
    items = [name for name in package.namelist() if name.startswith("items/")]
    assert sorted(items) == sorted(f"items/Q{pk}.xml" for pk in approved)
    assert "imsmanifest.xml" in package.namelist()
    # Validated against the IMS schemas where they are (quizgen/exports' tests say when not).
    if SCHEMAS.is_dir():
        qti, content_packaging = qti_schemas()
        content_packaging.validate(io.BytesIO(package.read("imsmanifest.xml")))
        for name in [*items, "assessment.xml"]:
            qti.validate(io.BytesIO(package.read(name)))
