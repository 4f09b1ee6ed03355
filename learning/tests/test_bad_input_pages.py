"""Bad input from students through the pages: a message on the page, nothing broken stored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from learning import services
from learning.answer_input import ANSWER_TOO_LONG, ANSWER_UNREADABLE
from learning.models import Response, ReviewItem
from learning.tests.factories import QuizFactory, QuizQuestionFactory, question_of_kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def typed(student):
    """An attempt at a one-question quiz whose answer is typed, with "41" saved."""
    quiz = QuizFactory(assigned_to=[student])
    question = question_of_kind("fill_blank")
    QuizQuestionFactory(quiz=quiz, question=question)
    attempt = services.attempt_start(quiz=quiz, student=student)
    services.attempt_save_answers(attempt=attempt, answers={question.pk: "41"})
    return attempt, question


def post_raw(client, url: str, body: bytes):
    return client.post(url, body, content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize(
    ("encoded", "message"),
    [
        # U+DFFF as a browser cannot send it: undecodable bytes, read as U+FFFD.
        (b"x%ED%BF%BF", ANSWER_UNREADABLE),
        (b"x%00", ANSWER_UNREADABLE),
        (b"a" * 4_000_000, ANSWER_TOO_LONG),
    ],
)
def test_the_quiz_page_refuses_a_bad_answer_with_a_message(
    client, student, typed, encoded, message
):
    attempt, question = typed
    client.force_login(student)
    url = reverse("learning:attempt_take", args=[attempt.pk])
    body = b"page=1&finish=1&q-%d=%s" % (question.pk, encoded)
    response = post_raw(client, url, body)
    # Not on to the confirmation: back to the question, with the message and the saved answer.
    assert response.status_code == 302
    assert response["Location"] == url
    page = client.get(response["Location"]).content.decode()
    assert f"<strong>Problem:</strong> {message}" in page
    assert f'name="q-{question.pk}" value="41" maxlength="1000"' in page
    assert Response.objects.get().answer == "41"


def test_the_autosave_refuses_a_bad_answer_with_a_message(client, student, typed):
    attempt, question = typed
    client.force_login(student)
    url = reverse("learning:attempt_autosave", args=[attempt.pk])
    response = post_raw(client, url, b"q-%d=x%%ED%%BF%%BF" % question.pk)
    assert response.status_code == 400
    assert response.json() == {"saved": False, "message": ANSWER_UNREADABLE}
    assert Response.objects.get().answer == "41"
    assert client.get(reverse("learning:dashboard")).status_code == 200


def test_the_review_page_refuses_a_bad_answer_with_a_message(client, student, typed):
    attempt, question = typed
    services.attempt_submit(attempt=attempt)
    item = ReviewItem.objects.get(student=student)
    client.force_login(student)
    url = reverse("learning:review")
    body = b"item=%d&q-%d=%s" % (item.pk, question.pk, b"a" * 2000)
    response = post_raw(client, url, body)
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert f"<strong>Problem:</strong> {ANSWER_TOO_LONG}" in page
