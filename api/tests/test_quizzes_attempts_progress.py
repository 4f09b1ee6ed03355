"""Quizzes, attempts and gradebook rows, through the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from api import quizzes
from api import services as api_services
from api.models import IntegrationAccount
from api.roles import is_integration
from learning import services as learning_services
from learning.models import Attempt, Quiz
from quizgen.models import Question
from quizgen.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def ids(bank):
    return [q.pk for q in bank["questions"].values()]


def test_create_edit_reorder_add_and_publish(clients, bank):
    teacher = clients["teacher"]
    first, second, *_ = ids(bank)
    created = teacher.post(
        reverse("api:quiz-create"),
        {"title": "Draft", "questions": [second, first], "review_mode": "never"},
        format="json",
    )
    assert created.status_code == 201
    quiz = created.json()
    assert (quiz["question_ids"], quiz["review_mode"], quiz["is_published"]) == (
        [second, first],
        "never",
        False,
    )
    url = reverse("api:quiz-settings", args=[quiz["id"]])
    changed = teacher.patch(url, {"pass_mark": 80, "max_attempts": 3}, format="json").json()
    assert (changed["pass_mark"], changed["max_attempts"], changed["title"]) == (80, 3, "Draft")
    reordered = teacher.put(
        reverse("api:quiz-set-questions", args=[quiz["id"]]),
        {"questions": [first, second]},
        format="json",
    ).json()
    assert reordered["question_ids"] == [first, second]
    added = teacher.post(
        reverse("api:quiz-add-questions", args=[quiz["id"]]),
        {"questions": ids(bank)},
        format="json",
    ).json()
    assert added["question_ids"] == ids(bank)
    published = teacher.post(reverse("api:quiz-publish", args=[quiz["id"]])).json()
    assert published["is_published"] is True
    owned = teacher.get(reverse("api:quiz-owned-list"), {"is_published": "true"}).json()
    assert sorted(q["id"] for q in owned["results"]) == sorted([quiz["id"], bank["quiz"].pk])


def test_someone_elses_question_cannot_go_in_a_quiz(clients, bank):
    response = clients["other_teacher"].post(
        reverse("api:quiz-create"), {"title": "Mine", "questions": ids(bank)[:2]}, format="json"
    )
    assert response.status_code == 400
    missing = ", ".join(map(str, ids(bank)[:2]))
    assert response.json()["error"]["fields"] == {
        "questions": [quizzes.QUESTIONS_NOT_YOURS.format(ids=missing)]
    }


def test_publishing_an_empty_quiz_is_refused(clients, people):
    quiz = learning_services.quiz_create(owner=people["teacher"], title="Empty")
    response = clients["teacher"].post(reverse("api:quiz-publish", args=[quiz.pk]))
    assert response.status_code == 400
    assert response.json()["error"]["message"] == learning_services.QUIZ_EMPTY


def test_a_quiz_closing_before_it_opens_is_refused(clients, bank):
    now = timezone.now()
    response = clients["teacher"].patch(
        reverse("api:quiz-settings", args=[bank["quiz"].pk]),
        {"opens_at": now.isoformat(), "closes_at": (now - timedelta(days=1)).isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_students_do_not_see_unpublished_quizzes(clients, people, bank):
    Quiz.objects.filter(pk=bank["quiz"].pk).update(is_published=False)
    assert clients["student"].get(reverse("api:quiz-list")).json()["count"] == 0
    detail = clients["student"].get(reverse("api:quiz-detail", args=[bank["quiz"].pk]))
    start = clients["student"].post(reverse("api:attempt-start", args=[bank["quiz"].pk]))
    assert (detail.status_code, start.status_code) == (404, 404)
    owner_view = clients["teacher"].get(reverse("api:quiz-detail", args=[bank["quiz"].pk]))
    assert owner_view.status_code == 200


def test_starting_twice_resumes_the_same_attempt(clients, bank):
    url = reverse("api:attempt-start", args=[bank["quiz"].pk])
    first, second = clients["student"].post(url), clients["student"].post(url)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]


def test_each_answer_shape_is_scored(clients, bank):
    q = bank["questions"]
    client = clients["student"]
    attempt = client.post(reverse("api:attempt-start", args=[bank["quiz"].pk])).json()
    answers = [
        {"question": q["multiple_choice"].pk, "answer": "1979"},
        {"question": q["true_false"].pk, "answer": "True"},
        {"question": q["fill_blank"].pk, "answer": "lutetia"},
        {"question": q["numeric"].pk, "answer": "4418"},
        {"question": q["ordering"].pk, "answer": ["Mu meeting", "Alpha meeting", "Zeta meeting"]},
        {"question": q["matching"].pk, "answer": {"Quorn": "Wreake", "Ystad": "Xylo"}},
    ]
    result = client.post(
        reverse("api:attempt-submit", args=[attempt["id"]]), {"answers": answers}, format="json"
    ).json()
    scores = {item["kind"]: round(item["score"], 3) for item in result["items"]}
    assert scores == {
        "multiple_choice": 1.0,
        "true_false": 1.0,
        "fill_blank": 1.0,
        "numeric": 1.0,
        "ordering": 0.333,
        "matching": 0.667,
    }
    assert (result["state"], result["passed"], result["percent"]) == ("submitted", True, 83.3)


def test_an_idempotency_key_reused_for_another_attempt_conflicts(clients, people, bank):
    client = clients["student"]
    attempt = client.post(reverse("api:attempt-start", args=[bank["quiz"].pk])).json()
    client.post(reverse("api:attempt-submit", args=[attempt["id"]]), {}, HTTP_IDEMPOTENCY_KEY="k-1")
    other = learning_services.attempt_start(quiz=bank["quiz"], student=people["student"])
    response = client.post(
        reverse("api:attempt-submit", args=[other.pk]), {}, HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert response.status_code == 409
    assert response.json()["error"] == {
        "code": "idempotency_key_reused",
        "message": api_services.IDEMPOTENCY_KEY_REUSED,
        "fields": {},
    }
    assert Attempt.objects.get(pk=other.pk).state == Attempt.State.IN_PROGRESS


def test_an_answer_to_a_question_outside_the_quiz_is_refused(clients, bank):
    stray = QuestionFactory(document=bank["document"])
    attempt = clients["student"].post(reverse("api:attempt-start", args=[bank["quiz"].pk])).json()
    response = clients["student"].put(
        reverse("api:attempt-save-answers", args=[attempt["id"]]),
        {"answers": [{"question": stray.pk, "answer": "1979"}]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == learning_services.QUESTION_NOT_IN_QUIZ


def _submit(client, quiz, answer):
    attempt = client.post(reverse("api:attempt-start", args=[quiz.pk])).json()
    mc = quiz.quiz_questions.order_by("position").first().question
    return client.post(
        reverse("api:attempt-submit", args=[attempt["id"]]),
        {"answers": [{"question": mc.pk, "answer": answer}]},
        format="json",
    ).json()


def test_progress_keeps_each_students_best_attempt(clients, people, bank):
    best = _submit(clients["student"], bank["quiz"], "1979")
    _submit(clients["student"], bank["quiz"], "1975")
    _submit(clients["other_student"], bank["quiz"], "1988")
    api_services.external_identity_set(
        account=people["account"], user=people["student"], external_id="lms-7"
    )
    rows = clients["integration"].get(reverse("api:progress-list")).json()["results"]
    assert [
        (r["username"], r["external_id"], r["attempt"], r["attempts"], r["fraction"]) for r in rows
    ] == [
        ("student-a", "lms-7", best["id"], 2, round(1 / 6, 4)),
        ("student-b", None, rows[1]["attempt"], 1, 0.0),
    ]
    teacher_rows = clients["teacher"].get(reverse("api:progress-list")).json()["results"]
    assert [r["external_id"] for r in teacher_rows] == [None, None]
    mine = clients["other_student"].get(reverse("api:progress-list")).json()["results"]
    assert [r["username"] for r in mine] == ["student-b"]
    one = (
        clients["teacher"]
        .get(reverse("api:progress-list"), {"student": people["student"].pk})
        .json()["results"]
    )
    assert [r["percentage"] for r in one] == [16.67]


def test_an_integration_does_not_read_other_teachers_results(clients, people):
    from learning.tests.factories import QuizFactory

    quiz = QuizFactory(owner=people["other_teacher"], assigned_to=[people["student"]])
    quiz.quiz_questions.create(question=QuestionFactory(document__owner=people["other_teacher"]))
    _submit(clients["student"], quiz, "1979")
    assert clients["integration"].get(reverse("api:progress-list")).json()["count"] == 0
    assert clients["other_teacher"].get(reverse("api:progress-list")).json()["count"] == 1


def test_the_token_command_issues_rotates_and_revokes(people, capsys):
    call_command("api_token", "student-a")
    key = capsys.readouterr().out.strip()
    assert Token.objects.get(user=people["student"]).key == key
    call_command("api_token", "student-a", "--rotate")
    rotated = capsys.readouterr().out.strip()
    assert rotated != key and Token.objects.get(user=people["student"]).key == rotated
    call_command("api_token", "student-a", "--revoke")
    assert capsys.readouterr().out.strip() == "Revoked the token of student-a."
    assert not Token.objects.filter(user=people["student"]).exists()


def test_the_token_command_makes_an_integration(people, capsys):
    call_command("api_token", "student-b", "--integration", "Canvas", "--teacher", "teacher-b")
    account = IntegrationAccount.objects.get(user=people["other_student"])
    assert account.name == "Canvas"
    assert list(account.teachers.all()) == [people["other_teacher"]]
    assert is_integration(people["other_student"])
    assert Token.objects.filter(user=people["other_student"]).exists()


def test_only_teachers_can_be_linked_to_an_integration(people):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="student-a is not a teacher."):
        call_command("api_token", "moodle", "--teacher", "student-a")


def test_draft_questions_cannot_go_into_a_published_quiz(clients, bank):
    draft = QuestionFactory(document=bank["document"], status=Question.Status.DRAFT)
    response = clients["teacher"].put(
        reverse("api:quiz-set-questions", args=[bank["quiz"].pk]),
        {"questions": [draft.pk]},
        format="json",
    )
    assert response.status_code == 400
    assert "not approved yet" in response.json()["error"]["message"]
