"""The seven roles of the authorisation matrix, their API clients and a quiz of every kind."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from api import services as api_services
from classes.tests.factories import assign
from learning.tests.factories import QuizFactory, QuizQuestionFactory
from quizgen.exports.tests.bank import make_questions
from quizgen.tests.factories import DocumentFactory, TeacherFactory, UserFactory

ROLES = [
    "anonymous",
    "student",
    "other_student",
    "teacher",
    "other_teacher",
    "integration",
    "outsider",
]


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        token = api_services.token_issue(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def people(db):
    teacher = TeacherFactory(username="teacher-a")
    other_teacher = TeacherFactory(username="teacher-b")
    integration_user = UserFactory(username="moodle")
    account = api_services.integration_account_create(
        user=integration_user, name="School Moodle", teachers=[teacher]
    )
    return {
        "anonymous": None,
        "student": UserFactory(username="student-a"),
        "other_student": UserFactory(username="student-b"),
        "teacher": teacher,
        "other_teacher": other_teacher,
        "integration": integration_user,
        # A student in no class of the teacher: sees none of the teacher's quizzes or modules.
        "outsider": UserFactory(username="student-c"),
        "account": account,
    }


@pytest.fixture
def clients(people):
    return {role: client_for(people[role]) for role in ROLES}


@pytest.fixture
def bank(people):
    """The teacher's document, its questions and a published quiz of all of them, assigned to
    the teacher's class of both students."""
    document = DocumentFactory(owner=people["teacher"], title="The committee")
    questions = make_questions(document)
    quiz = QuizFactory(owner=people["teacher"], title="The committee quiz")
    for position, question in enumerate(questions.values(), start=1):
        QuizQuestionFactory(quiz=quiz, question=question, position=position)
    # Both students are in the teacher's class, which is assigned the quiz.
    school_class = assign(quiz, people["student"], people["other_student"])
    return {"document": document, "questions": questions, "quiz": quiz, "class": school_class}


# Strings only the answers contain (matching rights are shown, their pairing is not; numbers
# are ones no id or timestamp holds): none
# may reach a student before submission.
SECRET_STRINGS = [
    '"correct"',
    "accepted_answers",
    "Lutetia",
    "Lutèce",
    "4417.25",
    '"answer":',
    "explanation",
    "The text says",
]
