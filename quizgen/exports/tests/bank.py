"""A bank of one question of every kind, and the IMS schemas to validate QTI against."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from quizgen.models import Question
from quizgen.tests.factories import QuestionFactory

SCHEMAS = Path(__file__).resolve().parents[3].parent / "shared" / "schemas" / "qti21"


@cache
def _schemas():
    import xmlschema

    return (
        xmlschema.XMLSchema(str(SCHEMAS / "qtiv2p1" / "imsqti_v2p1.xsd"), allow="local"),
        xmlschema.XMLSchema(str(SCHEMAS / "imscp_v1p1.xsd"), allow="local"),
    )


def qti_schemas():
    """(QTI 2.1 schema, IMS CP 1.1 schema), loaded once (about 4 s); skips if absent."""
    if not (SCHEMAS / "qtiv2p1" / "imsqti_v2p1.xsd").is_file():
        pytest.skip(f"The IMS schemas are not at {SCHEMAS}; QTI validation needs them.")
    return _schemas()


def make_questions(document) -> dict[str, Question]:
    """One approved question of every kind, with answers a student must never see."""
    return {
        "multiple_choice": QuestionFactory(document=document),
        "true_false": QuestionFactory(
            document=document,
            kind=Question.Kind.TRUE_FALSE,
            prompt="The committee met in Paris.",
            options=[{"text": "True", "correct": True}, {"text": "False", "correct": False}],
            accepted_answers=[],
        ),
        "fill_blank": QuestionFactory(
            document=document,
            kind=Question.Kind.FILL_BLANK,
            prompt="The committee met in _____.",
            options=[],
            accepted_answers=["Lutetia", "Lutèce"],
        ),
        "numeric": QuestionFactory(
            document=document,
            kind=Question.Kind.NUMERIC,
            prompt="How many members did the committee have?",
            options=[],
            accepted_answers=[],
            answer={"value": 4417.25, "tolerance": 2, "unit": "", "display": "4417.25"},
            tolerance=2,
        ),
        "ordering": QuestionFactory(
            document=document,
            kind=Question.Kind.ORDERING,
            prompt="Put the meetings in order.",
            options=[
                {"text": "Zeta meeting", "correct": False},
                {"text": "Alpha meeting", "correct": False},
                {"text": "Mu meeting", "correct": False},
            ],
            accepted_answers=[],
            answer=["Mu meeting", "Zeta meeting", "Alpha meeting"],
        ),
        "matching": QuestionFactory(
            document=document,
            kind=Question.Kind.MATCHING,
            prompt="Match each city with its river.",
            options=[],
            accepted_answers=[],
            answer=[["Quorn", "Wreake"], ["Ystad", "Xylo"], ["Opava", "Vlast"]],
        ),
    }
