import pytest
from django.db import IntegrityError

from learning.tests.factories import (
    AttemptFactory,
    QuizFactory,
    QuizQuestionFactory,
    ResponseFactory,
)
from quizgen.tests.factories import DocumentFactory, FactFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_every_factory_builds_a_saved_row():
    rows = [
        DocumentFactory(),
        FactFactory(),
        QuestionFactory(),
        QuizFactory(),
        QuizQuestionFactory(),
        AttemptFactory(),
        ResponseFactory(),
    ]
    assert all(row.pk for row in rows)


def test_one_response_per_attempt_and_question():
    response = ResponseFactory()
    with pytest.raises(IntegrityError):
        ResponseFactory(attempt=response.attempt, question=response.question)


def test_one_attempt_in_progress_per_student_and_quiz():
    attempt = AttemptFactory()
    with pytest.raises(IntegrityError):
        AttemptFactory(quiz=attempt.quiz, student=attempt.student, number=2)


def test_same_text_twice_for_one_owner_is_refused_by_the_database():
    document = DocumentFactory()
    with pytest.raises(IntegrityError):
        DocumentFactory(owner=document.owner, text=document.text)
