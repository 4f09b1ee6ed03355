"""Regrading through the API: the gradebook shows the new figures after every change."""

import pytest
from django.urls import reverse

from classes.tests.factories import enrol_for
from learning import services
from learning.models import Regrade
from learning.tests.factories import QuizFactory, QuizQuestionFactory
from quizgen.tests.factories import DocumentFactory, QuestionFactory

pytestmark = pytest.mark.django_db

OPTIONS = [
    {"text": "1979", "correct": True},
    {"text": "1983", "correct": False},
]


@pytest.fixture
def answered(people):
    """A quiz of two questions; the student answered the first wrongly, the second rightly."""
    document = DocumentFactory(owner=people["teacher"])
    year = QuestionFactory(document=document, options=OPTIONS)
    country = QuestionFactory(
        document=document,
        kind="short_answer",
        prompt="Which country invaded Afghanistan in 1979?",
        options=[],
        accepted_answers=["Soviet Union"],
    )
    quiz = QuizFactory(owner=people["teacher"], pass_mark=60)
    QuizQuestionFactory(quiz=quiz, question=year, position=1)
    QuizQuestionFactory(quiz=quiz, question=country, position=2)
    enrol_for(quiz, people["student"])  # in a class assigned the quiz
    attempt = services.attempt_start(quiz=quiz, student=people["student"])
    services.attempt_submit(attempt=attempt, answers={year.pk: "1983", country.pk: "Soviets"})
    return {"quiz": quiz, "year": year, "country": country, "attempt": attempt}


def gradebook(client, quiz):
    rows = client.get(reverse("api:progress-list"), {"quiz": quiz.pk}).json()["results"]
    return [
        (row["username"], row["score"], row["max_score"], row["percentage"], row["passed"])
        for row in rows
    ]


def test_changing_the_correct_option_shows_in_the_gradebook(clients, answered):
    teacher = clients["teacher"]
    assert gradebook(teacher, answered["quiz"]) == [("student-a", 0.0, 2.0, 0.0, False)]
    response = teacher.patch(
        reverse("api:question-edit", args=[answered["year"].pk]),
        {"options": [{"text": "1979", "correct": False}, {"text": "1983", "correct": True}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert gradebook(teacher, answered["quiz"]) == [("student-a", 1.0, 2.0, 50.0, False)]
    result = clients["student"].get(reverse("api:attempt-result", args=[answered["attempt"].pk]))
    first = result.json()["items"][0]
    assert (first["given"], first["score"], first["correct"], first["expected"]) == (
        "1983",
        1.0,
        True,
        "1983",
    )


def test_adding_an_accepted_answer_and_new_points_show_in_the_gradebook(clients, answered):
    teacher, quiz, year, country = (
        clients["teacher"],
        answered["quiz"],
        answered["year"],
        answered["country"],
    )
    teacher.patch(
        reverse("api:question-edit", args=[country.pk]),
        {"accepted_answers": ["Soviet Union", "Soviets"]},
        format="json",
    )
    assert gradebook(teacher, quiz) == [("student-a", 1.0, 2.0, 50.0, False)]
    response = teacher.put(
        reverse("api:quiz-set-questions", args=[quiz.pk]),
        {"questions": [year.pk, country.pk], "points": {str(country.pk): 4}},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["question_points"] == [1.0, 4.0]
    assert gradebook(teacher, quiz) == [("student-a", 4.0, 5.0, 80.0, True)]
    assert list(Regrade.objects.order_by("pk").values_list("reason", "regraded_by__username")) == [
        (f"Question #{country.pk} changed: accepted_answers", "teacher-a"),
        (f"Points changed: #{country.pk} 1 → 4", "teacher-a"),
    ]


def test_adding_a_question_after_attempts_is_refused_like_setting_them(clients, answered):
    teacher, quiz = clients["teacher"], answered["quiz"]
    extra = QuestionFactory(document=answered["year"].document)
    added = teacher.post(
        reverse("api:quiz-add-questions", args=[quiz.pk]), {"questions": [extra.pk]}, format="json"
    )
    ids = [answered["year"].pk, answered["country"].pk, extra.pk]
    replaced = teacher.put(
        reverse("api:quiz-set-questions", args=[quiz.pk]), {"questions": ids}, format="json"
    )
    assert added.status_code == replaced.status_code == 400
    assert added.json() == replaced.json()
    assert added.json()["error"]["message"] == services.QUIZ_HAS_ATTEMPTS
    assert quiz.quiz_questions.count() == 2


def test_a_teacher_sets_a_mark_by_hand_and_the_student_sees_the_comment(clients, answered):
    attempt, country = answered["attempt"], answered["country"]
    url = reverse("api:response-mark", args=[attempt.pk, country.pk])
    assert clients["other_teacher"].put(url, {"score": 1}, format="json").status_code == 404
    assert clients["student"].put(url, {"score": 1}, format="json").status_code == 403
    refused = clients["teacher"].put(url, {"score": 2}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {
        "score": ["Ensure this value is less than or equal to 1."]
    }
    marked = clients["teacher"].put(
        url, {"score": 1, "comment": "Soviets is right too."}, format="json"
    )
    assert marked.status_code == 200
    body = marked.json()
    del body["marked_at"]
    assert body == {
        "attempt": attempt.pk,
        "question": country.pk,
        "answer": "Soviets",
        "score": 1.0,
        "marked_by": "teacher-a",
        "teacher_comment": "Soviets is right too.",
        "attempt_score": 1.0,
        "attempt_max_score": 2.0,
        "attempt_percent": 50.0,
        "attempt_passed": False,
    }
    assert gradebook(clients["teacher"], answered["quiz"]) == [("student-a", 1.0, 2.0, 50.0, False)]
    item = (
        clients["student"].get(reverse("api:attempt-result", args=[attempt.pk])).json()["items"][1]
    )
    assert (item["score"], item["marked_by_teacher"], item["teacher_comment"]) == (
        1.0,
        True,
        "Soviets is right too.",
    )


def test_points_must_name_questions_by_id(clients, answered):
    response = clients["teacher"].put(
        reverse("api:quiz-set-questions", args=[answered["quiz"].pk]),
        {"questions": [answered["year"].pk], "points": {"first": 2}},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "points": ['Name each question by its id: {"41": 2}.']
    }


def test_option_feedback_reaches_the_result_only_after_submission(clients, answered):
    options = [
        {"text": "1979", "correct": True, "feedback": "Yes: the invasion began in December."},
        {"text": "1983", "correct": False, "feedback": "No: 1983 is four years late."},
    ]
    edited = clients["teacher"].patch(
        reverse("api:question-edit", args=[answered["year"].pk]),
        {"options": options},
        format="json",
    )
    assert edited.json()["options"] == options
    result = clients["student"].get(reverse("api:attempt-result", args=[answered["attempt"].pk]))
    assert result.json()["items"][0]["feedback"] == "No: 1983 is four years late."
    again = clients["student"].post(reverse("api:attempt-start", args=[answered["quiz"].pk]))
    assert "four years late" not in again.content.decode()


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"kind": "numeric"}, "kind"),
        ({"kind": "numeric", "prompt": "How many?"}, "kind"),
        ({"document": 99, "points": 3}, "document, points"),
    ],
)
def test_an_edit_of_a_field_that_cannot_change_is_refused_not_ignored(
    clients, answered, body, named
):
    country = answered["country"]
    response = clients["teacher"].patch(
        reverse("api:question-edit", args=[country.pk]), body, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == f"These fields cannot be edited: {named}."
    country.refresh_from_db()
    assert (country.kind, country.prompt, country.edited_by_human) == (
        "short_answer",
        "Which country invaded Afghanistan in 1979?",
        False,
    )
    assert gradebook(clients["teacher"], answered["quiz"]) == [("student-a", 0.0, 2.0, 0.0, False)]


def test_a_question_sent_back_whole_with_a_new_key_regrades(clients, answered):
    teacher, country = clients["teacher"], answered["country"]
    url = reverse("api:question-edit", args=[country.pk])
    whole = teacher.get(reverse("api:question-detail", args=[country.pk])).json()
    whole["accepted_answers"] = ["Soviet Union", "Soviets"]
    response = teacher.patch(url, whole, format="json")
    assert response.status_code == 200, response.json()
    assert gradebook(teacher, answered["quiz"]) == [("student-a", 1.0, 2.0, 50.0, False)]
    whole["kind"] = "numeric"
    refused = teacher.patch(url, whole, format="json")
    assert refused.json()["error"]["message"] == "These fields cannot be edited: kind."
