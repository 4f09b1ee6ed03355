"""question_edit: the one path for a teacher's edit, from the admin and the API."""

import pytest
from django.core.exceptions import ValidationError

from quizgen import services
from quizgen.models import Question
from quizgen.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def _refusal(question, teacher, **fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        services.question_edit(question=question, editor=teacher, **fields)
    return caught.value.message_dict


def test_an_edit_of_the_prompt_checks_the_prompt_only(teacher):
    question = QuestionFactory(status=Question.Status.APPROVED)
    edited = services.question_edit(question=question, editor=teacher, prompt="Which year?")
    edited.refresh_from_db()
    assert (edited.prompt, edited.edited_by_human, edited.status) == (
        "Which year?",
        True,
        Question.Status.APPROVED,
    )
    assert edited.history.first().history_change_reason == f"Edited by {teacher}"
    assert _refusal(question, teacher, prompt="  ") == {
        "prompt": [services.QUESTION_PROMPT_REQUIRED]
    }


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([{"text": "1979", "correct": True}], services.OPTIONS_TOO_FEW),
        (
            [{"text": "1979", "correct": True}, {"text": "1979.", "correct": False}],
            services.OPTIONS_NOT_DISTINCT.format(option="“1979.”"),
        ),
        (
            [{"text": "1979", "correct": True}, {"text": "1980", "correct": True}],
            services.QUESTION_NEEDS_ONE_CORRECT,
        ),
    ],
)
def test_option_rules(teacher, options, message):
    question = QuestionFactory()
    assert _refusal(question, teacher, options=options) == {"options": [message]}


def test_options_are_cleaned_and_the_accepted_answer_follows_the_key(teacher):
    question = QuestionFactory()
    services.question_edit(
        question=question,
        editor=teacher,
        options=[
            {"text": " 1980 ", "correct": True},
            {"text": "", "correct": False},
            {"text": "1979", "correct": False},
            {"text": "1975", "correct": False},
            {"text": "1988", "correct": False},
        ],
    )
    question.refresh_from_db()
    assert question.options == [
        {"text": "1980", "correct": True},
        {"text": "1979", "correct": False},
        {"text": "1975", "correct": False},
        {"text": "1988", "correct": False},
    ]
    assert question.accepted_answers == ["1980"]
    # The new key is not what the source sentence says: the checker flags it.
    assert "answer_not_in_source" in question.defects


@pytest.mark.parametrize(
    ("kind", "fields", "errors"),
    [
        (
            "numeric",
            {"answer": {"value": "many"}, "tolerance": 1},
            {"answer": [services.QUESTION_ANSWER_SHAPE["numeric"]]},
        ),
        (
            "numeric",
            {"answer": {"value": 30}},
            {"tolerance": [services.NUMERIC_TOLERANCE_REQUIRED]},
        ),
        ("ordering", {"answer": ["one"]}, {"answer": [services.QUESTION_ANSWER_SHAPE["ordering"]]}),
        (
            "matching",
            {"answer": [["a", "b"], ["c"]]},
            {"answer": [services.QUESTION_ANSWER_SHAPE["matching"]]},
        ),
        (
            "fill_blank",
            {"accepted_answers": [" "]},
            {"accepted_answers": [services.ACCEPTED_ANSWER_REQUIRED]},
        ),
    ],
)
def test_answer_rules_by_kind(teacher, kind, fields, errors):
    question = QuestionFactory(kind=kind, options=[], tolerance=None)
    assert _refusal(question, teacher, **fields) == errors
    question.refresh_from_db()
    assert question.edited_by_human is False


def test_numeric_tolerance_is_kept_with_the_answer(teacher):
    question = QuestionFactory(kind="numeric", options=[], answer={"value": 300, "tolerance": 10})
    services.question_edit(question=question, editor=teacher, answer={"value": 320}, tolerance=5)
    question.refresh_from_db()
    assert (question.answer, question.tolerance) == ({"value": 320, "tolerance": 5}, 5)


def test_fields_outside_the_question_cannot_be_edited(teacher):
    question = QuestionFactory()
    with pytest.raises(ValidationError) as caught:
        services.question_edit(question=question, editor=teacher, status="approved", score=1)
    assert caught.value.messages == [services.QUESTION_NOT_EDITABLE.format(fields="score, status")]


def test_the_defect_checker_runs_on_edit(teacher):
    question = QuestionFactory(defects=["vague_date"])
    services.question_edit(
        question=question,
        editor=teacher,
        prompt="In which year did the Soviet Union invade Afghanistan?",
    )
    question.refresh_from_db()
    assert question.defects == []
    services.question_edit(
        question=question, editor=teacher, prompt="Did the Soviet Union invade Afghanistan in 1979?"
    )
    question.refresh_from_db()
    assert "answer_in_prompt" in question.defects
