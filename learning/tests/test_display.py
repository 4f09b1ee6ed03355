"""One home for how a question is shown: the pages and the API show the same thing."""

import pytest

from api.attempts import result_payload
from api.student_questions import student_question
from classes.tests.factories import enrol_for
from learning import services
from learning.display import expected_answer_text, given_answer_text
from learning.forms import build_widget
from learning.models import Attempt
from learning.tests.factories import KIND_FIELDS, quiz_with_every_kind
from quizgen.models import Question

pytestmark = pytest.mark.django_db


def _shown(attempt, question):
    widget = build_widget(question, number=1, answer=None, seed=attempt.seed, shuffle_options=True)
    api = student_question(question, number=1, seed=attempt.seed, shuffle_options=True)
    return widget, api


@pytest.mark.parametrize("seed", [1, 7, 12345])
def test_pages_and_api_show_the_options_in_the_same_order(student, seed):
    quiz = quiz_with_every_kind()
    enrol_for(quiz, student)  # in a class assigned the quiz
    attempt = services.attempt_start(quiz=quiz, student=student)
    Attempt.objects.filter(pk=attempt.pk).update(seed=seed)
    attempt.refresh_from_db()
    for question in quiz.questions.all():
        widget, api = _shown(attempt, question)
        if question.kind in ("multiple_choice", "true_false"):
            assert widget.choices == api["choices"], question.kind
        if question.kind == "ordering":
            assert widget.choices == api["items"]
        if question.kind == "matching":
            assert widget.choices == api["right"]
            assert [row.label for row in widget.rows] == api["left"]


def test_true_false_is_never_shuffled():
    question = quiz_with_every_kind().questions.get(kind="true_false")
    for seed in range(1, 20):
        widget = build_widget(question, number=1, answer=None, seed=seed, shuffle_options=True)
        api = student_question(question, number=1, seed=seed, shuffle_options=True)
        assert widget.choices == api["choices"] == ["True", "False"]


def test_the_numeric_unit_is_shown_on_the_page_and_in_the_api(student):
    quiz = quiz_with_every_kind()
    question = quiz.questions.get(kind="numeric")
    enrol_for(quiz, student)  # in a class assigned the quiz
    attempt = services.attempt_start(quiz=quiz, student=student)
    widget, api = _shown(attempt, question)
    unit = KIND_FIELDS["numeric"]["answer"]["unit"]
    assert widget.hint.startswith(f"Answer in {unit}. ")
    assert api["unit"] == unit


def test_the_api_result_writes_the_expected_answer_as_the_page_does(student):
    quiz = quiz_with_every_kind()
    enrol_for(quiz, student)  # in a class assigned the quiz
    attempt = services.attempt_start(quiz=quiz, student=student)
    attempt = services.attempt_submit(attempt=attempt)
    attempt = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
    items = {item["question"]: item for item in result_payload(attempt)["items"]}
    for question in quiz.questions.all():
        assert items[question.pk]["expected"] == expected_answer_text(question), question.kind
    blank = quiz.questions.get(kind="fill_blank")
    assert items[blank.pk]["expected"] == "forty-two or 42"


@pytest.mark.parametrize(
    ("answer", "unit", "written"),
    [
        ("9", "billion dollars", "9 (billion dollars)"),
        ("$9bn", "billion dollars", "$9bn"),
        ("9", "", "9"),
    ],
)
def test_a_given_number_is_written_with_the_unit_it_was_read_in(answer, unit, written):
    question = Question(kind="numeric", answer={"value": 9.0, "unit": unit})
    assert given_answer_text(question, answer) == written


def test_a_quiz_without_shuffling_keeps_the_teachers_order():
    question = quiz_with_every_kind().questions.get(kind="multiple_choice")
    widget = build_widget(question, number=1, answer=None, seed=99, shuffle_options=False)
    api = student_question(question, number=1, seed=99, shuffle_options=False)
    assert widget.choices == api["choices"] == [o["text"] for o in question.options]


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (
            {"value": 9.0, "unit": "billion dollars", "display": "$9 billion"},
            "Answer in billion dollars. Write the amount as you like: 9 billion, "
            "9,000,000,000 or $9bn.",
        ),
        (
            {"value": 9e9, "unit": "", "display": "$9 billion"},
            "Write the amount as you like: 9 billion, 9,000,000,000 or $9bn.",
        ),
        (
            {"value": 149.0, "unit": "", "display": "149"},
            "Write the number in digits or words: 1,500, 1.5 thousand or fifteen hundred.",
        ),
        (
            {"value": 15000.0, "unit": "lives", "display": "over 15,000"},
            "Answer in lives. Write the number in digits or words: 1,500, 1.5 thousand or "
            "fifteen hundred.",
        ),
    ],
)
def test_the_numeric_hint_gives_money_examples_only_for_an_amount_of_money(answer, hint):
    question = Question(
        kind=Question.Kind.NUMERIC, prompt="How many?", options=[], answer=answer, pk=1
    )
    widget = build_widget(question, number=1, answer=None, seed=1, shuffle_options=False)
    assert widget.hint == hint
