"""Review options (learning/review.py): marks, correct answers and feedback each shown at the
moments the quiz says (immediately after the attempt, later while the quiz is open, after it
closes), the same on the result page and in the API."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from classes.tests.factories import assign
from learning import review, services
from learning.models import REVIEW_FIELDS, Attempt, Quiz, review_fields_for_mode
from learning.tests.factories import QuizFactory, QuizQuestionFactory
from quizgen.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
FEEDBACK = "Wrong: 1983 is when the talks began."
COMMENT = "See the second paragraph again."
SECRETS = ("Correct answer:", "1979", "The text says", "Source:")


def options(**timings: tuple[str, ...]) -> dict[str, bool]:
    """Quiz fields for `marks=(...)`, `answers=(...)`, `feedback=(...)` (others: never)."""
    return {
        f"review_{item}_{timing}": timing in timings.get(item, ())
        for item in ("marks", "answers", "feedback")
        for timing in ("immediately", "later", "after_close")
    }


@pytest.mark.parametrize(
    ("submitted_ago", "closes_in", "expected"),
    [
        (timedelta(seconds=30), None, "immediately"),
        (timedelta(seconds=119), timedelta(days=1), "immediately"),
        (timedelta(seconds=121), timedelta(days=1), "later"),
        (timedelta(days=30), None, "later"),
        (timedelta(seconds=30), timedelta(seconds=-1), "after_close"),
        (timedelta(days=3), timedelta(days=-1), "after_close"),
        (timedelta(days=3), timedelta(0), "after_close"),
    ],
)
def test_the_review_moment(submitted_ago, closes_in, expected):
    closes_at = NOW + closes_in if closes_in is not None else None
    assert review.review_timing(submitted_at=NOW - submitted_ago, closes_at=closes_at, now=NOW) == (
        expected
    )


def _submitted_attempt(student, *, closes_in=None, assignment_closes_in=None, **quiz_fields):
    """A submitted attempt with a wrong answer (1983) on a question with option feedback and
    a teacher's comment; the quiz closes `closes_in` from now (None: never)."""
    question = QuestionFactory(
        options=[
            {"text": "1975", "correct": False},
            {"text": "1979", "correct": True},
            {"text": "1983", "correct": False, "feedback": FEEDBACK},
        ]
    )
    quiz = QuizFactory(**quiz_fields)
    QuizQuestionFactory(quiz=quiz, question=question)
    assign(
        quiz,
        student,
        closes_at=NOW + assignment_closes_in if assignment_closes_in is not None else None,
    )
    attempt = services.attempt_start(quiz=quiz, student=student)
    attempt = services.attempt_submit(attempt=attempt, answers={question.pk: "1983"})
    attempt.responses.update(teacher_comment=COMMENT)
    return attempt, question, closes_in


def _at_moment(attempt, moment: str, closes_in=None):
    """Move the attempt's submission and the quiz's close so that now is `moment`."""
    quiz = attempt.quiz
    if moment == "immediately":
        closes_at = NOW + (closes_in or timedelta(days=1))
    elif moment == "later":
        Attempt.objects.filter(pk=attempt.pk).update(submitted_at=NOW - timedelta(minutes=5))
        closes_at = NOW + (closes_in or timedelta(days=1))
    else:
        Attempt.objects.filter(pk=attempt.pk).update(
            started_at=NOW - timedelta(days=3), submitted_at=NOW - timedelta(days=3)
        )
        closes_at = NOW - timedelta(days=1)
    Quiz.objects.filter(pk=quiz.pk).update(closes_at=closes_at, opens_at=NOW - timedelta(days=10))


# marks always, feedback while the quiz is open after the first minutes, answers after it closes
SPLIT = options(
    marks=("immediately", "later", "after_close"), answers=("after_close",), feedback=("later",)
)


@pytest.mark.parametrize(
    ("moment", "marks", "answers", "feedback"),
    [
        ("immediately", True, False, False),
        ("later", True, False, True),
        ("after_close", True, True, False),
    ],
)
def test_each_moment_shows_its_parts_on_the_page_and_in_the_api(
    client, student, moment, marks, answers, feedback
):
    attempt, question, _ = _submitted_attempt(student, **SPLIT)
    _at_moment(attempt, moment)

    client.force_login(student)
    page = client.get(reverse("learning:attempt_result", args=[attempt.pk])).content.decode()
    assert "You scored <strong>0 out of 1</strong>" in page  # the total, always
    assert ("✗ Wrong (0 of 1 point)" in page) is marks
    assert ("Correct answer: 1979" in page) is answers
    assert ("The text says: In 1979" in page) is answers
    assert (FEEDBACK in page) is feedback
    assert (f"Your teacher: {COMMENT}" in page) is feedback

    api = APIClient()
    api.force_authenticate(student)
    body = api.get(reverse("api:attempt-result", args=[attempt.pk])).json()
    assert body["review"] == {"marks": marks, "answers": answers, "feedback": feedback}
    assert body["review_allowed"] is True
    item = body["items"][0]
    assert (item["score"], item["correct"]) == ((0.0, False) if marks else (None, None))
    assert (item["expected"], item["explanation"]) == (
        ("1979", question.explanation) if answers else (None, None)
    )
    assert (item["feedback"], item["teacher_comment"]) == (
        (FEEDBACK, COMMENT) if feedback else (None, None)
    )


def test_answers_only_immediately_are_gone_later_with_a_message(client, student):
    attempt, _, _ = _submitted_attempt(student, **options(answers=("immediately",)))
    client.force_login(student)
    url = reverse("learning:attempt_result", args=[attempt.pk])
    assert "Correct answer: 1979" in client.get(url).content.decode()
    # Without the marks, nothing on the page tells right from wrong.
    assert "Wrong" not in client.get(url).content.decode()

    _at_moment(attempt, "later")
    page = client.get(url).content.decode()
    assert services.ANSWERS_NOT_SHOWN in page
    for secret in SECRETS:
        assert secret not in page
    api = APIClient()
    api.force_authenticate(student)
    body = api.get(reverse("api:attempt-result", args=[attempt.pk])).json()
    assert (body["review_allowed"], body["items"][0]["expected"]) == (False, None)


def test_answers_after_close_say_when_and_wait_for_the_students_own_assignment(client, student):
    # The quiz itself closed yesterday, but this student's class has it until tomorrow.
    attempt, _, _ = _submitted_attempt(
        student, assignment_closes_in=timedelta(days=1), **review_fields_for_mode("after_close")
    )
    _at_moment(attempt, "after_close")
    client.force_login(student)
    url = reverse("learning:attempt_result", args=[attempt.pk])
    page = client.get(url).content.decode()
    closes = timezone.localtime(NOW + timedelta(days=1)).strftime("%-d %b %Y %H:%M")
    assert services.ANSWERS_AFTER_CLOSE.format(date=closes) in page
    for secret in SECRETS:
        assert secret not in page
    api = APIClient()
    api.force_authenticate(student)
    body = api.get(reverse("api:attempt-result", args=[attempt.pk])).json()
    assert body["review"] == {"marks": False, "answers": False, "feedback": False}

    # Once the student's assignment has closed too, the answers show.
    from classes.models import Assignment

    Assignment.objects.filter(quiz=attempt.quiz).update(closes_at=NOW - timedelta(hours=1))
    assert "Correct answer: 1979" in client.get(url).content.decode()
    body = api.get(reverse("api:attempt-result", args=[attempt.pk])).json()
    assert body["review"] == {"marks": True, "answers": True, "feedback": True}


def test_nothing_is_shown_while_another_attempt_is_in_progress_whatever_the_options(
    client, student
):
    attempt, _, _ = _submitted_attempt(student)  # everything, at every moment
    services.attempt_start(quiz=attempt.quiz, student=student)
    client.force_login(student)
    page = client.get(reverse("learning:attempt_result", args=[attempt.pk])).content.decode()
    assert services.ANSWERS_HIDDEN_DURING_ATTEMPT in page
    for secret in (*SECRETS, FEEDBACK, COMMENT, "Wrong"):
        assert secret not in page
    api = APIClient()
    api.force_authenticate(student)
    body = api.get(reverse("api:attempt-result", args=[attempt.pk])).json()
    assert body["review"] == {"marks": False, "answers": False, "feedback": False}
    assert body["items"][0]["expected"] is None


def test_a_new_review_mode_sets_its_options_and_the_api_changes_one_item(teacher):
    quiz = services.quiz_create(owner=teacher, title="Q", review_mode="after_close")
    assert quiz.review_options() == {
        "marks": ["after_close"],
        "answers": ["after_close"],
        "feedback": ["after_close"],
    }
    api = APIClient()
    api.force_authenticate(teacher)
    url = reverse("api:quiz-settings", args=[quiz.pk])
    changed = api.patch(url, {"review_options": {"marks": ["immediately", "later"]}}, format="json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["review_options"] == {
        "marks": ["immediately", "later"],
        "answers": ["after_close"],
        "feedback": ["after_close"],
    }
    # A new mode sets all three again; options sent along with it win.
    changed = api.patch(
        url,
        {"review_mode": "after_submission", "review_options": {"feedback": []}},
        format="json",
    )
    assert changed.json()["review_options"] == {
        "marks": ["immediately", "later", "after_close"],
        "answers": ["immediately", "later", "after_close"],
        "feedback": [],
    }
    refused = api.patch(url, {"review_options": {"marks": ["sometimes"]}}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {
        "review_options.marks.0": ['"sometimes" is not a valid choice.']
    }


def test_the_admin_saves_the_review_options(client, teacher):
    quiz = QuizFactory(owner=teacher, is_published=False)
    client.force_login(teacher)
    url = reverse("admin:learning_quiz_change", args=[quiz.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None and not isinstance(value, bool)
    }
    data.update(
        {
            "title": quiz.title,
            "review_answers_after_close": "on",  # answers only after the close
            "review_marks_immediately": "on",
            "review_marks_later": "on",
            "review_marks_after_close": "on",
            "quiz_questions-TOTAL_FORMS": "0",
            "quiz_questions-INITIAL_FORMS": "0",
            "quiz_questions-MIN_NUM_FORMS": "0",
            "quiz_questions-MAX_NUM_FORMS": "1000",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    quiz.refresh_from_db()
    assert quiz.review_options() == {
        "marks": ["immediately", "later", "after_close"],
        "answers": ["after_close"],
        "feedback": [],
    }


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("after_submission", [True] * 9),
        ("immediately", [True] * 9),
        ("after_close", [False, False, True] * 3),
        ("never", [False] * 9),
    ],
)
def test_the_migration_keeps_what_each_review_mode_showed(mode, expected):
    migration = importlib.import_module("learning.migrations.0006_review_options")
    quiz = QuizFactory(review_mode=mode)
    Quiz.objects.filter(pk=quiz.pk).update(
        **dict.fromkeys(REVIEW_FIELDS, True)
    )  # the new column default
    migration.options_from_review_mode(django_apps, None)
    quiz.refresh_from_db()
    assert [getattr(quiz, name) for name in REVIEW_FIELDS] == expected


def test_the_intro_says_when_answers_are_shown(client, student):
    quiz = QuizFactory(
        assigned_to=[student], closes_at=NOW + timedelta(days=2), **options(answers=("later",))
    )
    client.force_login(student)
    page = client.get(reverse("learning:quiz_intro", args=[quiz.pk])).content.decode()
    closes = timezone.localtime(NOW + timedelta(days=2)).strftime("%-d %b %Y %H:%M")
    summary = "Correct answers are shown from 2 minutes after you submit until the quiz closes"
    assert f"{summary} on {closes}." in page


def test_an_ambiguous_date_in_figures_is_explained_on_the_page_and_in_the_api(client, student):
    from learning.matching import AMBIGUOUS_DATE
    from quizgen.models import Question

    question = QuestionFactory(
        kind=Question.Kind.SHORT_ANSWER,
        prompt="On what date was the move confirmed?",
        options=[],
        accepted_answers=["3 July 2025"],
    )
    quiz = QuizFactory(assigned_to=[student])
    QuizQuestionFactory(quiz=quiz, question=question)
    attempt = services.attempt_start(quiz=quiz, student=student)
    attempt = services.attempt_submit(attempt=attempt, answers={question.pk: "3/7/2025"})
    note = AMBIGUOUS_DATE.format(given="3/7/2025", first="3 July 2025", second="7 March 2025")
    client.force_login(student)
    page = client.get(reverse("learning:attempt_result", args=[attempt.pk])).content.decode()
    assert "✗ Wrong (0 of 1 point)" in page
    assert note in page
    api = APIClient()
    api.force_authenticate(student)
    item = api.get(reverse("api:attempt-result", args=[attempt.pk])).json()["items"][0]
    assert (item["score"], item["marking_note"]) == (0.0, note)
