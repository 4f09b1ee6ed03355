"""No raw response to a student carries an answer before submission; after, only as the
quiz's review mode allows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from api.tests.conftest import SECRET_STRINGS
from learning.models import Quiz, review_fields_for_mode

pytestmark = pytest.mark.django_db


def assert_no_secrets(response, secrets=SECRET_STRINGS):
    body = response.content.decode("utf-8")
    leaked = [secret for secret in secrets if secret in body]
    assert leaked == [], f"{response.request['PATH_INFO']} leaks {leaked}"


def test_student_responses_before_submission_carry_no_answers(clients, bank):
    client = clients["student"]
    quiz = bank["quiz"]
    questions = bank["questions"]
    responses = [
        client.get(reverse("api:quiz-list")),
        client.get(reverse("api:quiz-detail", args=[quiz.pk])),
    ]
    start = client.post(reverse("api:attempt-start", args=[quiz.pk]))
    attempt_id = start.json()["id"]
    responses += [
        start,
        client.post(reverse("api:attempt-start", args=[quiz.pk])),
        client.get(reverse("api:attempt-detail", args=[attempt_id])),
        client.get(reverse("api:attempt-list")),
        client.put(
            reverse("api:attempt-save-answers", args=[attempt_id]),
            {"answers": [{"question": questions["fill_blank"].pk, "answer": "Rome"}]},
            format="json",
        ),
        client.put(
            reverse("api:attempt-save-answers", args=[attempt_id]),
            {"answers": [{"question": 999999, "answer": "x"}]},
            format="json",
        ),
        client.get(reverse("api:attempt-result", args=[attempt_id])),
        client.get(reverse("api:progress-list")),
    ]
    assert [r.status_code for r in responses] == [200, 200, 201, 200, 200, 200, 200, 400, 409, 200]
    for response in responses:
        assert_no_secrets(response)
    ordering = next(q for q in start.json()["questions"] if q["kind"] == "ordering")
    assert ordering["items"] == ["Zeta meeting", "Alpha meeting", "Mu meeting"]


@pytest.mark.parametrize(
    ("review_mode", "closes_in", "review_expected"),
    [
        (Quiz.ReviewMode.AFTER_SUBMISSION, None, True),
        (Quiz.ReviewMode.IMMEDIATELY, None, True),
        (Quiz.ReviewMode.NEVER, None, False),
        (Quiz.ReviewMode.AFTER_CLOSE, timedelta(days=1), False),
    ],
)
def test_the_result_shows_answers_only_as_the_review_mode_allows(
    clients, bank, review_mode, closes_in, review_expected
):
    quiz = bank["quiz"]
    Quiz.objects.filter(pk=quiz.pk).update(
        review_mode=review_mode,
        closes_at=timezone.now() + closes_in if closes_in else None,
        **review_fields_for_mode(review_mode),
    )
    client = clients["student"]
    attempt_id = client.post(reverse("api:attempt-start", args=[quiz.pk])).json()["id"]
    mc = bank["questions"]["multiple_choice"]
    submit = client.post(
        reverse("api:attempt-submit", args=[attempt_id]),
        {"answers": [{"question": mc.pk, "answer": "1979"}]},
        format="json",
    )
    result = client.get(reverse("api:attempt-result", args=[attempt_id]))
    assert submit.status_code == result.status_code == 200
    assert submit.json() == result.json()
    body = result.json()
    assert body["review_allowed"] is review_expected
    assert body["score"] == 1.0 and body["max_score"] == 6.0
    first = body["items"][0]
    assert first["given"] == "1979"
    if review_expected:
        assert first == {
            "question": mc.pk,
            "number": 1,
            "kind": "multiple_choice",
            "prompt": mc.prompt,
            "given": "1979",
            "score": 1.0,
            "correct": True,
            "expected": "1979",
            "explanation": mc.explanation,
            "accepted_as": None,
            "marking_note": None,
            "points": 1.0,
            "feedback": None,
            "marked_by_teacher": False,
            "teacher_comment": None,
        }
    else:
        # The result keeps its shape (the keys are there, null); no value gives an answer away.
        assert_no_secrets(result, ["Lutetia", "Lutèce", "4417.25", "The text says", "Mu meeting →"])
        assert {
            key
            for item in body["items"]
            for key in (
                "score",
                "correct",
                "expected",
                "accepted_as",
                "marking_note",
                "feedback",
                "marked_by_teacher",
                "teacher_comment",
            )
            if item[key] is not None
        } == set()


def test_a_quiz_not_yet_open_shows_students_no_questions(clients, bank):
    quiz = bank["quiz"]
    Quiz.objects.filter(pk=quiz.pk).update(opens_at=timezone.now() + timedelta(days=1))
    student_view = clients["student"].get(reverse("api:quiz-detail", args=[quiz.pk]))
    assert student_view.status_code == 200
    assert student_view.json()["questions"] == []
    owner_view = clients["teacher"].get(reverse("api:quiz-detail", args=[quiz.pk]))
    assert len(owner_view.json()["questions"]) == 6


def test_an_earlier_result_shows_no_answers_while_a_new_attempt_is_in_progress(clients, bank):
    quiz = bank["quiz"]
    Quiz.objects.filter(pk=quiz.pk).update(
        review_mode=Quiz.ReviewMode.AFTER_SUBMISSION, max_attempts=3
    )
    client = clients["student"]
    first = client.post(reverse("api:attempt-start", args=[quiz.pk])).json()["id"]
    client.post(reverse("api:attempt-submit", args=[first]), {}, format="json")
    result_url = reverse("api:attempt-result", args=[first])
    assert client.get(result_url).json()["review_allowed"] is True
    second = client.post(reverse("api:attempt-start", args=[quiz.pk])).json()["id"]
    hidden = client.get(result_url).json()
    assert hidden["review_allowed"] is False
    assert {item["expected"] for item in hidden["items"]} == {None}
    client.post(reverse("api:attempt-submit", args=[second]), {}, format="json")
    assert client.get(result_url).json()["review_allowed"] is True
