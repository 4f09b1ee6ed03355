"""The result page kept short (mistakes only on request, the source sentence once, Try again
while attempts remain) and the review queue that serves quiz mistakes before flashcards."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from classes.tests.factories import enrol_for
from learning import services
from learning.models import Attempt, Quiz, ReviewItem
from learning.tests.factories import QuizFactory, QuizQuestionFactory
from quizgen.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db

QUOTED = "“We will not accept it,” the minister said on Friday."


@pytest.fixture
def three_questions():
    quiz = QuizFactory(review_mode=Quiz.ReviewMode.AFTER_SUBMISSION, max_attempts=2)
    questions = [
        QuestionFactory(prompt="First?"),
        QuestionFactory(
            prompt="Second?", explanation="The minister spoke.", source_sentence=QUOTED
        ),
        QuestionFactory(prompt="Third?"),
    ]
    for position, question in enumerate(questions, start=1):
        QuizQuestionFactory(quiz=quiz, question=question, position=position)
    return quiz, questions


def submitted(quiz, student, answers) -> Attempt:
    enrol_for(quiz, student)
    attempt = services.attempt_start(quiz=quiz, student=student)
    return services.attempt_submit(attempt=attempt, answers=answers)


def test_the_result_shows_only_the_mistakes_on_request(client, student, three_questions):
    quiz, (first, second, third) = three_questions
    attempt = submitted(quiz, student, {first.pk: "1979", second.pk: "1983"})
    client.force_login(student)
    url = reverse("learning:attempt_result", args=[attempt.pk])
    everything = client.get(url).content.decode()
    assert re.findall(r"<h2>(\d\. \w+\?)</h2>", everything) == [
        "1. First?",
        "2. Second?",
        "3. Third?",
    ]
    assert '<a href="?only=mistakes">Show only my mistakes (2)</a>' in everything
    mistakes = client.get(url, {"only": "mistakes"}).content.decode()
    assert re.findall(r"<h2>(\d\. \w+\?)</h2>", mistakes) == ["2. Second?", "3. Third?"]
    assert "Showing your 2 mistakes of 3 questions." in mistakes
    assert '<a href="?">Show all questions</a>' in mistakes


def test_the_source_sentence_is_shown_once_with_its_own_quotation_marks(
    client, student, three_questions
):
    quiz, (first, second, third) = three_questions
    attempt = submitted(quiz, student, {})
    client.force_login(student)
    body = client.get(reverse("learning:attempt_result", args=[attempt.pk])).content.decode()
    # An explanation that quotes the sentence: the sentence is not repeated below it.
    assert body.count("In 1979, the Soviet Union invaded Afghanistan.") == 2  # first, third
    assert "Source: In 1979" not in body
    # A sentence with its own quotation marks gets no second pair.
    assert "Source: “We will not accept it,” the minister said on Friday.</blockquote>" in body
    assert "““" not in body and "”.”" not in body


def test_try_again_is_offered_while_attempts_remain(client, student, three_questions):
    quiz, _questions = three_questions
    first = submitted(quiz, student, {})
    client.force_login(student)
    body = client.get(reverse("learning:attempt_result", args=[first.pk])).content.decode()
    assert f'action="{reverse("learning:quiz_start", args=[quiz.pk])}"' in body
    assert "Try again</button>" in body
    started = client.post(reverse("learning:quiz_start", args=[quiz.pk]))
    second = Attempt.objects.get(state=Attempt.State.IN_PROGRESS)
    assert started["Location"] == reverse("learning:attempt_take", args=[second.pk])
    services.attempt_submit(attempt=second)
    last = client.get(reverse("learning:attempt_result", args=[second.pk])).content.decode()
    assert "Try again" not in last  # both attempts used


def test_try_again_is_not_offered_once_the_quiz_has_closed(client, student, three_questions):
    quiz, _questions = three_questions
    attempt = submitted(quiz, student, {})
    Quiz.objects.filter(pk=quiz.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    client.force_login(student)
    body = client.get(reverse("learning:attempt_result", args=[attempt.pk])).content.decode()
    assert "Try again" not in body


def test_quiz_mistakes_come_before_flashcards_and_carry_no_quiz_number(client, student):
    card = Group.objects.create(name="Capital of Norway?")
    earlier = timezone.now() - timedelta(days=3)
    services.review_item_add(
        student=student, item=card, source=ReviewItem.Source.FLASHCARD, now=earlier
    )
    quiz = QuizFactory(assigned_to=[student], question_count=1)
    question = quiz.questions.get()
    submitted(quiz, student, {question.pk: "1983"})
    client.force_login(student)
    page = client.get(reverse("learning:review")).content.decode()
    assert "2 items due now." in page
    assert f"<legend>{question.prompt}</legend>" in page
    assert "Capital of Norway?" not in page
    mistake = ReviewItem.objects.get(source=ReviewItem.Source.MISTAKE)
    client.post(reverse("learning:review"), {"item": mistake.pk, "rating": 3})
    assert "Capital of Norway?" in client.get(reverse("learning:review")).content.decode()


def test_the_revealed_answer_puts_the_rating_buttons_before_the_explanation(client, student):
    quiz = QuizFactory(assigned_to=[student], question_count=1)
    question = quiz.questions.get()
    submitted(quiz, student, {})
    client.force_login(student)
    url = reverse("learning:review")
    page = client.get(url).content.decode()
    assert f'action="{url}#verdict"' in page
    item = ReviewItem.objects.get()
    body = client.post(url, {"item": item.pk, "reveal": "1", f"q-{question.pk}": "1975"})
    body = body.content.decode()
    assert body.index('id="verdict"') < body.index("How well did you remember it?")
    assert body.index("How well did you remember it?") < body.index("The text says")
    assert f'action="{url}"' in body


@pytest.mark.parametrize("kind", ["ordering", "matching"])
def test_without_javascript_one_item_cannot_take_two_places(client, student, kind):
    from learning.tests.factories import question_of_kind

    quiz = QuizFactory(assigned_to=[student])
    question = question_of_kind(kind)
    QuizQuestionFactory(quiz=quiz, question=question)
    attempt = services.attempt_start(quiz=quiz, student=student)
    client.force_login(student)
    url = reverse("learning:attempt_take", args=[attempt.pk])
    repeated = "Founding" if kind == "ordering" else "Envoy"
    form = {"save": "1", f"q-{question.pk}-0": repeated, f"q-{question.pk}-1": repeated}
    response = client.post(url, form)
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert (
        f"<strong>Problem:</strong> “{repeated}” is chosen more than once: each item goes in one "
        "place only. Nothing was saved." in page
    )
    assert not attempt.responses.exists()


def test_checking_as_you_go_shows_the_source_sentence_once_with_its_own_quotation_marks(
    client, student
):
    quiz = QuizFactory(review_mode=Quiz.ReviewMode.IMMEDIATELY)
    quoting = QuestionFactory(prompt="First?")  # its explanation quotes its sentence
    quoted = QuestionFactory(
        prompt="Second?", explanation="The minister spoke.", source_sentence=QUOTED
    )
    for position, question in enumerate([quoting, quoted], start=1):
        QuizQuestionFactory(quiz=quiz, question=question, position=position)
    enrol_for(quiz, student)
    attempt = services.attempt_start(quiz=quiz, student=student)
    for question in (quoting, quoted):
        services.response_check(attempt=attempt, question_id=question.pk, answer="1983")
    client.force_login(student)
    body = client.get(reverse("learning:attempt_take", args=[attempt.pk])).content.decode()
    assert body.count("In 1979, the Soviet Union invaded Afghanistan.") == 1
    assert "Source: In 1979" not in body and "Source: “In 1979" not in body
    assert "Source: “We will not accept it,” the minister said on Friday.</blockquote>" in body
    assert "““" not in body and "”.”" not in body
