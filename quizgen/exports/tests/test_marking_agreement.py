"""The exports mark typed answers as Quizgen does (learning/matching.py): the accepted forms
they write are those the matcher accepts, and numbers carry the matcher's value and tolerance."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

import pytest

from learning.matching import accepted_forms, match_number, match_text
from quizgen.exports import export_questions
from quizgen.models import Fact, Question
from quizgen.tests.factories import DocumentFactory, FactFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def typed(accepted: list[str], prompt: str = "What is missing?", document=None) -> Question:
    return QuestionFactory(
        document=document or DocumentFactory(),
        kind=Question.Kind.SHORT_ANSWER,
        prompt=prompt,
        options=[],
        accepted_answers=accepted,
    )


@pytest.mark.parametrize(
    ("accepted", "prompt", "forms"),
    [
        (["8"], "How many ministers came?", ["8", "eight"]),
        (["twelve"], "How many ministers came?", ["twelve", "12"]),
        (["1,500"], "How many people came?", ["1,500", "1500", "one thousand five hundred"]),
        (
            ["July 3, 2025"],
            "On what date was it signed?",
            [
                "July 3, 2025",
                "3 July 2025",
                "2025-07-03",
                "on 3 July 2025",
                "on July 3, 2025",
            ],
        ),
        # The year alone for a month and a year: the document dates nothing else in 2021.
        (["March 2021"], "When did it start?", ["March 2021", "in March 2021", "2021", "in 2021"]),
        (["March 2021"], "In what month did it start?", ["March 2021", "in March 2021"]),
        (["2021"], "In what year did it start?", ["2021", "in 2021"]),
        (["Lutèce"], "What was the old name?", ["Lutèce", "Lutece"]),
        (["Kabul"], "Which city?", ["Kabul"]),
    ],
)
def test_accepted_forms_are_the_forms_the_matcher_accepts(accepted, prompt, forms):
    question = typed(accepted, prompt)
    assert accepted_forms(question) == forms
    for form in forms:
        assert match_text(question, form).matched, form


def test_a_persons_surname_is_exported_only_when_no_other_person_has_it():
    document = DocumentFactory()
    for name in ("Sergey Lavrov", "Amir Khan Muttaqi", "Zamir Kabulov", "Ivan Kabulov"):
        FactFactory(
            document=document,
            kind=Fact.Kind.ACTOR,
            label="person",
            text=name,
            value=name,
            key=f"actor:{name}",
        )
    lavrov = typed(["Sergey Lavrov"], "Who spoke?", document)
    kabulov = typed(["Zamir Kabulov"], "Who spoke?", document)
    assert accepted_forms(lavrov) == ["Sergey Lavrov", "Lavrov"]
    assert accepted_forms(kabulov) == ["Zamir Kabulov"]  # two Kabulovs: the surname is not enough


def test_the_year_alone_is_not_exported_when_the_document_dates_another_event_that_year():
    document = DocumentFactory()
    for text, value in (("March 2021", "2021-03"), ("June 2021", "2021-06")):
        FactFactory(
            document=document, kind=Fact.Kind.DATE, label="date", text=text, value=value,
            key=f"date:{value}",
        )  # fmt: skip
    question = typed(["March 2021"], "When did the strike start?", document)
    assert accepted_forms(question) == ["March 2021", "in March 2021"]
    assert not match_text(question, "2021").matched


def _moodle_answers(question: Question) -> list[str]:
    export = export_questions([question], export_format="moodle", title="T")
    root = ET.fromstring(export.content)
    return [answer.findtext("text") for answer in root.iter("answer")]


def _gift(question: Question) -> str:
    return export_questions([question], export_format="gift", title="T").content.decode()


def _qti_keys(question: Question) -> list[str]:
    export = export_questions([question], export_format="qti", title="T")
    with zipfile.ZipFile(io.BytesIO(export.content)) as package:
        item = ET.fromstring(package.read(f"items/Q{question.pk}.xml"))
    return [entry.get("mapKey") for entry in item.iter() if entry.tag.endswith("mapEntry")]


def test_every_format_writes_the_digit_word_and_date_forms():
    eight = typed(["eight"], "How many ministers came?")
    dated = typed(["3 July 2025"], "On what date was it signed?")
    assert _moodle_answers(eight) == ["eight", "8"]
    assert "{=eight =8####" in _gift(eight)
    assert _qti_keys(eight) == ["eight", "8"]
    written = ["3 July 2025", "July 3, 2025", "2025-07-03", "on 3 July 2025", "on July 3, 2025"]
    assert _moodle_answers(dated) == written
    assert _qti_keys(dated) == written
    assert "{=3 July 2025 =July 3, 2025 =2025-07-03 =on 3 July 2025 =on July 3, 2025####" in _gift(
        dated
    )


def test_numbers_are_exported_with_the_value_and_tolerance_the_matcher_uses():
    # The value only in the accepted answer (no "value" in the key), in billions of dollars.
    question = QuestionFactory(
        kind=Question.Kind.NUMERIC,
        prompt="How much did the U.S. freeze (in billions of dollars)?",
        options=[],
        accepted_answers=["9 billion"],
        answer={"unit": "billion dollars", "tolerance": 0.5},
        tolerance=None,
    )
    assert [match_number(question, given).matched for given in ("9.5", "9.6", "$9bn")] == [
        True,
        False,
        True,
    ]
    moodle = ET.fromstring(export_questions([question], export_format="moodle", title="T").content)
    answer = next(moodle.iter("answer"))
    assert (answer.findtext("text"), answer.findtext("tolerance")) == ("9", "0.5")
    assert "{#9:0.5####" in _gift(question)
    export = export_questions([question], export_format="qti", title="T")
    assert export.left_out == ()
    with zipfile.ZipFile(io.BytesIO(export.content)) as package:
        item = package.read(f"items/Q{question.pk}.xml").decode()
    assert "<qti:value>9.0</qti:value>" in item or ">9.0</" in item
    assert 'tolerance="0.5 0.5"' in item


@pytest.mark.parametrize(
    ("accepted", "essential"),
    [
        (["eight", "8"], ["eight"]),
        (["Lutèce", "Lutetia", "Lutece"], ["Lutèce", "Lutetia"]),
        (["3 July 2025", "July 3, 2025", "2025-07-03", "on 3 July 2025"], ["3 July 2025"]),
        (["Kabul", "Herat"], ["Kabul", "Herat"]),
    ],
)
def test_an_import_folds_the_exported_forms_back(accepted, essential):
    from learning.matching import essential_forms

    question = Question(kind=Question.Kind.SHORT_ANSWER, prompt="Which?", accepted_answers=accepted)
    assert essential_forms(question) == essential


def test_an_exported_question_imports_with_its_own_accepted_answers(teacher):
    from quizgen import services

    question = typed(["eight"], "How many ministers came?", DocumentFactory(owner=teacher))
    for export_format in ("gift", "moodle", "qti"):
        exported = export_questions([question], export_format=export_format, title="T")
        bank = services.question_bank_import(
            owner=teacher, name=exported.filename, content=exported.content
        )
        assert [q.accepted_answers for q in bank.questions.all()] == [["eight"]], export_format
