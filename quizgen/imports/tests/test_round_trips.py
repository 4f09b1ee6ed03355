"""Export → import gives the same questions, for every format and every kind it holds.

The bank holds one question of each kind with odd Unicode (combining accents, astral
letters, an emoji, right-to-left text, typographic quotes) and every character GIFT escapes
or breaks (`~ = # { } : \\`, `->`, an answer starting with `%50%`); the multiple-choice
question carries option feedback and every question an explanation.
"""

from __future__ import annotations

import pytest

from quizgen import services
from quizgen.exports import export_questions
from quizgen.models import Question
from quizgen.tests.factories import DocumentFactory, QuestionFactory

pytestmark = pytest.mark.django_db

ODD = "Ŝtranĝe e\u0301 𝔘𝔫𝔦 😀 עברית “quoted” ‘x’ — ½"
SPECIAL = r"a~b =c #d {e} f:g \h i->j"


def odd_bank(document) -> dict[str, Question]:
    def make(kind, **fields):
        return QuestionFactory(
            document=document,
            kind=kind,
            explanation=f"Because {ODD} and {SPECIAL}.",
            **fields,
        )

    return {
        "multiple_choice": make(
            Question.Kind.MULTIPLE_CHOICE,
            prompt=f"Which one: {ODD} {SPECIAL}?",
            options=[
                {"text": "%50% of it", "correct": False, "feedback": "Half is not all."},
                {"text": f"{ODD} right", "correct": True, "feedback": f"Yes: {SPECIAL}"},
                {"text": "x = y {z}", "correct": False},
                {"text": "#1 -> #2", "correct": False},
            ],
            accepted_answers=[f"{ODD} right"],
        ),
        "true_false": make(
            Question.Kind.TRUE_FALSE,
            prompt=f"{ODD} is {SPECIAL}.",
            options=[{"text": "True", "correct": False}, {"text": "False", "correct": True}],
            accepted_answers=["False"],
        ),
        "fill_blank": make(
            Question.Kind.FILL_BLANK,
            prompt=f"The {ODD} met in _____ at {SPECIAL}.",
            options=[],
            accepted_answers=["Lutèce", "%50% Paris", "Pa{r}is = #1"],
        ),
        "short_answer": make(
            Question.Kind.SHORT_ANSWER,
            prompt=f"Who wrote {SPECIAL}?",
            options=[],
            accepted_answers=[ODD, "Zoë"],
        ),
        "numeric": make(
            Question.Kind.NUMERIC,
            prompt=f"How many {ODD}?",
            options=[],
            accepted_answers=[],
            answer={"value": -4417.25, "tolerance": 0.5, "unit": "", "display": "-4417.25"},
            tolerance=0.5,
        ),
        "ordering": make(
            Question.Kind.ORDERING,
            prompt=f"Put {SPECIAL} in order.",
            options=[
                {"text": "Zeta = z", "correct": False},
                {"text": f"Alpha {ODD}", "correct": False},
                {"text": "Mu {m}", "correct": False},
            ],
            accepted_answers=[],
            answer=["Mu {m}", "Zeta = z", f"Alpha {ODD}"],
        ),
        "matching": make(
            Question.Kind.MATCHING,
            prompt=f"Match {ODD}.",
            options=[],
            accepted_answers=[],
            answer=[["Quorn: q", "Wreake {w}"], [f"Ystad {ODD}", "=Xylo"], ["#Opava", "~Vlast"]],
        ),
    }


def as_written(question: Question, *, feedback: bool) -> dict:
    """What a round trip keeps: kind, prompt, the answers as the kind holds them, the
    explanation, and option feedback where the format carries it."""
    kept = {"kind": question.kind, "prompt": question.prompt, "explanation": question.explanation}
    kind = question.kind
    if kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE):
        kept["options"] = [
            {
                "text": option["text"],
                "correct": option["correct"],
                **({"feedback": option["feedback"]} if feedback and "feedback" in option else {}),
            }
            for option in question.options
        ]
    elif kind in (Question.Kind.FILL_BLANK, Question.Kind.SHORT_ANSWER):
        kept["accepted_answers"] = list(question.accepted_answers)
    elif kind == Question.Kind.NUMERIC:
        kept["answer"] = (question.answer["value"], question.tolerance)
    else:
        kept["answer"] = question.answer
    return kept


# format: (kinds it holds, whether it carries option feedback, whether it carries the
# explanation)
ALL_KINDS = [
    "multiple_choice",
    "true_false",
    "fill_blank",
    "short_answer",
    "numeric",
    "ordering",
    "matching",
]
FORMATS = {
    "gift": ([kind for kind in ALL_KINDS if kind != "ordering"], True, True),
    "moodle": (ALL_KINDS, True, True),
    "qti": (ALL_KINDS, True, True),
    "aiken": (["multiple_choice", "true_false"], False, False),
}


@pytest.mark.parametrize("export_format", sorted(FORMATS))
def test_export_then_import_gives_the_same_questions(teacher, export_format):
    kinds, feedback, explanation = FORMATS[export_format]
    bank = odd_bank(DocumentFactory(owner=teacher, title="Odd bank"))
    exported = export_questions(
        [bank[kind] for kind in kinds], export_format=export_format, title="Odd bank"
    )
    assert exported.left_out == ()

    document = services.question_bank_import(
        owner=teacher, name=exported.filename, content=exported.content
    )

    assert document.import_report["skipped"] == []
    imported = list(document.questions.order_by("id"))
    expected = [as_written(bank[kind], feedback=feedback) for kind in kinds]
    if not explanation:
        for question in expected:
            question["explanation"] = ""
    assert [as_written(question, feedback=feedback) for question in imported] == expected
    assert {question.status for question in imported} == {Question.Status.DRAFT}
    assert {question.edited_by_human for question in imported} == {True}


BROKEN = "First line: {a}\nsecond line -> b\n\nA new paragraph \\ c."


@pytest.mark.parametrize("export_format", ["gift", "moodle", "qti"])
def test_line_breaks_in_a_prompt_and_its_feedback_come_back(teacher, export_format):
    document = DocumentFactory(owner=teacher, title="Broken lines")
    feedback = FORMATS[export_format][1]
    question = QuestionFactory(
        document=document,
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt=f"Which?\n{BROKEN}",
        options=[
            {"text": "Right", "correct": True, "feedback": f"Yes:\n{BROKEN}"},
            {"text": "Wrong", "correct": False, "feedback": "No.\nRead it again."},
        ],
        accepted_answers=["Right"],
        explanation=f"Because\n{BROKEN}",
    )
    exported = export_questions([question], export_format=export_format, title="Broken lines")
    if export_format == "gift":
        # One line per question: a line break is written `\n` inside the text.
        (block,) = [line for line in exported.content.decode().split("\n") if line.strip()][1:]
        assert block.startswith("::Q")
        assert (
            "Which?\\nFirst line\\: \\{a\\}\\nsecond line -\u2060> b\\n\\nA new paragraph" in block
        )

    document = services.question_bank_import(
        owner=teacher, name=exported.filename, content=exported.content
    )

    assert document.import_report["skipped"] == []
    (imported,) = document.questions.all()
    assert as_written(imported, feedback=feedback) == as_written(question, feedback=feedback)
