"""Mistakes enter the review queue at submission; "Review my mistakes" serves and reschedules."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from learning import selectors, services
from learning.models import Attempt, Quiz, ReviewItem, ReviewLog
from learning.tests.factories import QuizFactory, QuizQuestionFactory, quiz_with_every_kind

pytestmark = pytest.mark.django_db


def submit(quiz, student, answers):
    attempt = services.attempt_start(quiz=quiz, student=student)
    return services.attempt_submit(attempt=attempt, answers=answers)


def test_submit_puts_every_wrong_or_partly_right_question_in_the_queue(student):
    quiz = quiz_with_every_kind(assigned_to=[student])
    questions = {
        e.question.kind: e.question for e in quiz.quiz_questions.select_related("question")
    }
    answers = {
        questions["multiple_choice"].pk: "Oslo",
        questions["true_false"].pk: "True",
        questions["ordering"].pk: ["Founding", "Treaty", "Ceasefire", "Election"],
    }
    attempt = submit(quiz, student, answers)
    assert attempt.score == 1.5
    queued = set(ReviewItem.objects.values_list("object_id", flat=True))
    assert queued == {q.pk for kind, q in questions.items() if kind != "multiple_choice"}
    assert set(ReviewItem.objects.values_list("source", flat=True)) == {"mistake"}
    due = selectors.review_items_due(student=student)
    assert due.count() == 6


def test_a_second_attempt_with_the_same_mistake_keeps_one_item(student):
    quiz = QuizFactory(assigned_to=[student], question_count=1)
    submit(quiz, student, {})
    submit(quiz, student, {})
    assert ReviewItem.objects.count() == 1


def test_review_page_serves_a_mistake_checks_the_answer_and_reschedules(client, student):
    quiz = QuizFactory(assigned_to=[student], question_count=1)
    question = quiz.questions.get()
    submit(quiz, student, {question.pk: "1983"})
    client.force_login(student)
    url = reverse("learning:review")
    page = client.get(url).content.decode()
    assert "1 item due now." in page and question.prompt in page
    for secret in ["correct", "The text says", "Correct answer"]:
        assert secret not in page
    item = ReviewItem.objects.get()
    checked = client.post(url, {"item": item.pk, "reveal": "1", f"q-{question.pk}": "1975"})
    body = checked.content.decode()
    assert "Your answer: 1975" in body
    assert "✗ Not right yet" in body
    assert "Correct answer: <strong>1979</strong>" in body
    assert "Again (suggested)" in body
    response = client.post(url, {"item": item.pk, "rating": ReviewLog.Rating.GOOD})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.due > timezone.now() and item.review_count == 1
    assert "Nothing is due now." in client.get(url).content.decode()
    assert ReviewLog.objects.get().rating == ReviewLog.Rating.GOOD


def test_review_hides_the_answer_while_the_quiz_forbids_it(client, student):
    quiz = QuizFactory(assigned_to=[student], review_mode=Quiz.ReviewMode.NEVER, question_count=1)
    question = quiz.questions.get()
    submit(quiz, student, {})
    client.force_login(student)
    item = ReviewItem.objects.get()
    body = client.post(
        reverse("learning:review"), {"item": item.pk, "reveal": "1", f"q-{question.pk}": "1979"}
    ).content.decode()
    assert "Your answer is recorded. The answers for this quiz are not shown yet." in body
    for secret in ["Right", "Correct answer", "The text says", "suggested"]:
        assert secret not in body


def test_review_serves_a_flashcard_through_the_generic_key(client, student):
    # Any model can sit in the queue; a Group stands in for a module flashcard here.
    card = Group.objects.create(name="Capital of Norway?")
    item = services.review_item_add(student=student, item=card, source=ReviewItem.Source.FLASHCARD)
    client.force_login(student)
    page = client.get(reverse("learning:review")).content.decode()
    assert "Capital of Norway?" in page and "Show the answer" in page
    revealed = client.post(reverse("learning:review"), {"item": item.pk, "reveal": "1"})
    assert "How well did you remember it?" in revealed.content.decode()
    client.post(reverse("learning:review"), {"item": item.pk, "rating": "4"})
    item.refresh_from_db()
    assert item.review_count == 1


def test_a_bad_rating_is_refused(client, student):
    quiz = QuizFactory(assigned_to=[student], question_count=1)
    submit(quiz, student, {})
    client.force_login(student)
    item = ReviewItem.objects.get()
    response = client.post(
        reverse("learning:review"), {"item": item.pk, "rating": "9"}, follow=True
    )
    assert services.INVALID_RATING in response.content.decode()
    assert ReviewLog.objects.count() == 0


def test_another_students_item_is_refused(client, student):
    from quizgen.tests.factories import UserFactory

    quiz = QuizFactory(assigned_to=[student], question_count=1)
    submit(quiz, student, {})
    client.force_login(UserFactory(username="other"))
    item = ReviewItem.objects.get()
    response = client.post(
        reverse("learning:review"), {"item": item.pk, "rating": "3"}, follow=True
    )
    assert "That review item is no longer due." in response.content.decode()
    assert ReviewLog.objects.count() == 0


def test_late_submission_still_queues_the_mistakes(student):
    quiz = QuizFactory(assigned_to=[student], time_limit_minutes=1)
    QuizQuestionFactory(quiz=quiz)
    attempt = services.attempt_start(quiz=quiz, student=student)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=5))
    attempt.refresh_from_db()
    assert services.attempt_expire_if_due(attempt=attempt)
    assert ReviewItem.objects.count() == 1
