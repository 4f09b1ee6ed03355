"""Every failure in one shape: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from api import errors
from api import services as api_services
from api.roles import IsTeacher
from api.tests.conftest import client_for
from learning import services as learning_services
from quizgen import services as quizgen_services
from quizgen.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


def test_validation_errors_name_each_field(clients):
    response = clients["teacher"].post(
        reverse("api:quiz-create"), {"title": "", "pass_mark": 140}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid",
            "message": errors.VALIDATION_FAILED,
            "fields": {
                "title": ["This field may not be blank."],
                "pass_mark": ["Ensure this value is less than or equal to 100."],
            },
        }
    }


def test_nested_validation_errors_are_flattened(clients, bank, people):
    attempt = clients["student"].post(reverse("api:attempt-start", args=[bank["quiz"].pk]))
    response = clients["student"].put(
        reverse("api:attempt-save-answers", args=[attempt.json()["id"]]),
        {"answers": [{"question": "x", "answer": 3}]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "answers.0.question": ["A valid integer is required."],
        "answers.0.answer": ["Send a text, a list of texts or an object of texts."],
    }


def test_service_messages_reach_the_client_unchanged(clients):
    response = clients["teacher"].post(
        reverse("api:document-upload"), {"title": "Empty", "text": "   "}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == quizgen_services.EMPTY_TEXT
    assert response.json()["error"]["code"] == "empty"


def test_authentication_errors(clients):
    anonymous = clients["anonymous"].get(reverse("api:quiz-list"))
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Token"
    assert anonymous.json()["error"]["code"] == "not_authenticated"
    clients["anonymous"].credentials(HTTP_AUTHORIZATION="Token not-a-token")
    bad = clients["anonymous"].get(reverse("api:quiz-list"))
    assert bad.status_code == 401
    assert bad.json() == {
        "error": {"code": "authentication_failed", "message": "Invalid token.", "fields": {}}
    }


def test_a_revoked_token_no_longer_works(people):
    client = client_for(people["teacher"])
    assert client.get(reverse("api:quiz-list")).status_code == 200
    api_services.token_revoke(user=people["teacher"])
    assert client.get(reverse("api:quiz-list")).status_code == 401


def test_permission_and_not_found_errors(clients, bank):
    forbidden = clients["student"].get(reverse("api:document-list"))
    assert forbidden.json() == {
        "error": {
            "code": "permission_denied",
            "message": IsTeacher.message,
            "fields": {},
        }
    }
    missing = clients["other_teacher"].get(
        reverse("api:document-detail", args=[bank["document"].pk])
    )
    assert missing.json() == {
        "error": {"code": "not_found", "message": errors.NOT_FOUND, "fields": {}}
    }


def test_conflicts_carry_the_services_message(clients, bank, people):
    quiz = bank["quiz"]
    learning_services.quiz_update(quiz=quiz, max_attempts=1)
    attempt_id = clients["student"].post(reverse("api:attempt-start", args=[quiz.pk])).json()["id"]
    clients["student"].post(reverse("api:attempt-submit", args=[attempt_id]), {}, format="json")
    again = clients["student"].post(reverse("api:attempt-start", args=[quiz.pk]))
    assert again.status_code == 409
    assert again.json() == {
        "error": {
            "code": "no_attempts_left",
            "message": learning_services.NO_ATTEMPTS_LEFT.format(count=1),
            "fields": {},
        }
    }
    late = clients["student"].put(
        reverse("api:attempt-save-answers", args=[attempt_id]),
        {"answers": [{"question": bank["questions"]["multiple_choice"].pk, "answer": "1979"}]},
        format="json",
    )
    assert late.status_code == 409
    assert late.json()["error"]["message"] == learning_services.ATTEMPT_SUBMITTED
    reject = clients["teacher"].post(
        reverse("api:question-reject", args=[bank["questions"]["numeric"].pk])
    )
    assert reject.status_code == 409
    assert reject.json()["error"]["message"] == quizgen_services.QUESTION_IN_PUBLISHED_QUIZ.format(
        quiz=quiz.title
    )


def test_throttling_is_per_user(people):
    from django.core.cache import cache

    cache.clear()
    with override_settings(QUIZGEN_API_USER_RATE="3/minute"):
        first, second = client_for(people["student"]), client_for(people["other_student"])
        statuses = [first.get(reverse("api:quiz-list")).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        throttled = first.get(reverse("api:quiz-list"))
        assert throttled.json()["error"]["code"] == "throttled"
        assert int(throttled["Retry-After"]) > 0
        assert second.get(reverse("api:quiz-list")).status_code == 200
    cache.clear()


def test_an_unknown_export_format_is_not_found(clients, bank):
    response = clients["teacher"].get(reverse("api:quiz-export", args=[bank["quiz"].pk, "pdf"]))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_second_teacher_in_the_matrix_is_really_a_teacher():
    assert TeacherFactory().is_staff
