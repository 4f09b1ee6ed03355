"""Every export format on a bank of every question kind: valid, complete, and round-tripped."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from quizgen.exports import export_questions
from quizgen.exports.tests.bank import SCHEMAS, make_questions
from quizgen.exports.tests.bank import qti_schemas as load_qti_schemas
from quizgen.models import Question
from quizgen.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


@pytest.fixture
def bank():
    document = DocumentFactory(title="The committee: a history")
    return make_questions(document)


@pytest.fixture
def qti_schemas():
    return load_qti_schemas()


def test_the_schemas_reject_a_broken_item(qti_schemas):
    """The validation below can fail: an item missing its identifier is refused."""
    qti, _ = qti_schemas
    broken = (
        (SCHEMAS / "examples" / "valid-item.xml")
        .read_text()
        .replace('identifier="item-capital-of-france" ', "")
    )
    assert qti.is_valid(SCHEMAS / "examples" / "valid-item.xml")
    assert not qti.is_valid(io.StringIO(broken))


def test_the_qti_package_validates_against_the_ims_schemas(bank, qti_schemas):
    qti, content_packaging = qti_schemas
    bank["numeric"].explanation = ""  # items with and without modal feedback
    # Option feedback (inline feedback on some choices), on a choice and a true/false item.
    bank["multiple_choice"].options[0]["feedback"] = "Too early: the treaty\nwas later."
    bank["multiple_choice"].options[1]["feedback"] = "Yes."
    bank["true_false"].options[1]["feedback"] = "It did meet there."
    export = export_questions(list(bank.values()), export_format="qti", title="The committee")
    assert export.media_type == "application/zip"
    assert export.filename == "the-committee.qti21.zip"
    assert export.left_out == ()
    package = zipfile.ZipFile(io.BytesIO(export.content))
    names = sorted(package.namelist())
    ids = sorted(f"Q{q.pk}" for q in bank.values())
    assert names == sorted(["imsmanifest.xml", "assessment.xml", *[f"items/{i}.xml" for i in ids]])
    manifest = package.read("imsmanifest.xml")
    content_packaging.validate(io.BytesIO(manifest))
    resources = ET.fromstring(manifest).iter(f"{CP}resource")
    hrefs = {r.get("href"): r.get("type") for r in resources}
    assert hrefs["assessment.xml"] == "imsqti_test_xmlv2p1"
    assert sorted(h for h, t in hrefs.items() if t == "imsqti_item_xmlv2p1") == [
        f"items/{i}.xml" for i in ids
    ]
    for name in names:
        if name != "imsmanifest.xml":
            errors = list(qti.iter_errors(io.BytesIO(package.read(name))))
            assert errors == [], f"{name}: {errors[0]}"
    mc = ET.fromstring(package.read(f"items/Q{bank['multiple_choice'].pk}.xml"))
    inline = [
        (choice.get("identifier"), [(f.get("identifier"), f.text) for f in choice])
        for choice in mc.iter(f"{QTI}simpleChoice")
    ]
    assert inline == [
        ("C1", [("C1", "Too early: the treaty\nwas later.")]),
        ("C2", [("C2", "Yes.")]),
        ("C3", []),
        ("C4", []),
    ]
    assert {f.get("outcomeIdentifier") for f in mc.iter(f"{QTI}feedbackInline")} == {
        "CHOICE_FEEDBACK"
    }
    # The answered choice is what shows its feedback; the explanation is the modal feedback.
    (shown,) = [
        s for s in mc.iter(f"{QTI}setOutcomeValue") if s.get("identifier") == "CHOICE_FEEDBACK"
    ]
    assert [(v.tag, v.get("identifier")) for v in shown] == [(f"{QTI}variable", "RESPONSE")]
    assert [f.text for f in mc.iter(f"{QTI}modalFeedback")] == [bank["multiple_choice"].explanation]
    numeric = ET.fromstring(package.read(f"items/Q{bank['numeric'].pk}.xml"))
    assert list(numeric.iter(f"{QTI}feedbackInline")) == []
    assert list(numeric.iter(f"{QTI}modalFeedback")) == []


def _item(export, question) -> ET.Element:
    package = zipfile.ZipFile(io.BytesIO(export.content))
    return ET.fromstring(package.read(f"items/Q{question.pk}.xml"))


def test_qti_items_carry_the_right_answers(bank):
    export = export_questions(list(bank.values()), export_format="qti", title="The committee")

    def correct(question):
        item = _item(export, question)
        return [v.text for v in item.iter(f"{QTI}value") if v is not None][:-1]

    mc = _item(export, bank["multiple_choice"])
    choices = {c.get("identifier"): c.text for c in mc.iter(f"{QTI}simpleChoice")}
    assert choices == {"C1": "1975", "C2": "1979", "C3": "1983", "C4": "1988"}
    assert correct(bank["multiple_choice"]) == ["C2"]
    assert correct(bank["fill_blank"]) == ["Lutetia"]
    blanks = _item(export, bank["fill_blank"]).iter(f"{QTI}mapEntry")
    # The accented form without its accent too: Quizgen's marking accepts it.
    assert [entry.get("mapKey") for entry in blanks] == ["Lutetia", "Lutèce", "Lutece"]
    assert correct(bank["numeric"]) == ["4417.25"]
    equal = next(_item(export, bank["numeric"]).iter(f"{QTI}equal"))
    assert equal.get("tolerance") == "2.0 2.0"
    ordering = _item(export, bank["ordering"])
    items = {c.get("identifier"): c.text for c in ordering.iter(f"{QTI}simpleChoice")}
    assert [items[i] for i in correct(bank["ordering"])] == [
        "Mu meeting",
        "Zeta meeting",
        "Alpha meeting",
    ]
    assert correct(bank["matching"]) == ["L1 R1", "L2 R2", "L3 R3"]
    feedback = [f.text for f in mc.iter(f"{QTI}modalFeedback")]
    assert feedback == [bank["multiple_choice"].explanation]


def test_gift_round_trips_through_pygiftparser(bank):
    from pygiftparser import parser

    export = export_questions(list(bank.values()), export_format="gift", title="The committee")
    assert export.left_out == (
        f"#{bank['ordering'].pk} (ordering): GIFT has no ordering questions",
    )
    parsed = {q.title: q for q in parser.parseFile(io.StringIO(export.content.decode()))}
    assert sorted(parsed) == sorted(f"Q{q.pk}" for kind, q in bank.items() if kind != "ordering")
    assert all(q.valid for q in parsed.values())
    mc = parsed[f"Q{bank['multiple_choice'].pk}"]
    assert mc.text == bank["multiple_choice"].prompt
    assert [(a.answer, a.fraction) for a in mc.answers.answers] == [
        ("1975", 0),
        ("1979", 100),
        ("1983", 0),
        ("1988", 0),
    ]
    assert parsed[f"Q{bank['true_false'].pk}"].answers.answer is True
    blank = parsed[f"Q{bank['fill_blank'].pk}"]
    assert [a.answer for a in blank.answers.answers] == ["Lutetia", "Lutèce", "Lutece"]
    numeric = parsed[f"Q{bank['numeric'].pk}"].answers.answers[0]
    assert (float(numeric.value), float(numeric.tolerance)) == (4417.25, 2.0)
    matching = parsed[f"Q{bank['matching'].pk}"].answers
    pairs = [[a.question.strip(), a.answer.strip()] for a in matching.answers]
    assert pairs == bank["matching"].answer


def test_gift_escapes_its_control_characters(bank):
    from pygiftparser import parser

    question = bank["multiple_choice"]
    question.prompt = "Which sum = 4: 2+2 {or} 3+2?"
    question.options = [
        {"text": "2+2 = 4", "correct": True},
        {"text": "~5", "correct": False},
        {"text": "#3", "correct": False},
        {"text": "a:b", "correct": False},
    ]
    export = export_questions([question], export_format="gift", title="Escapes")
    (parsed,) = parser.parseFile(io.StringIO(export.content.decode()))
    assert parsed.valid
    # pygiftparser keeps GIFT's backslash escapes in the texts it returns; unescaped, they
    # are the options we wrote.
    unescaped = [re.sub(r"\\(.)", r"\1", a.answer) for a in parsed.answers.answers]
    assert unescaped == ["2+2 = 4", "~5", "#3", "a:b"]
    assert [a.fraction for a in parsed.answers.answers] == [100, 0, 0, 0]


def test_moodle_xml_holds_every_kind(bank):
    export = export_questions(list(bank.values()), export_format="moodle", title="The committee")
    assert export.left_out == ()
    quiz = ET.fromstring(export.content)
    questions = {
        q.findtext("name/text"): q for q in quiz.findall("question") if q.get("type") != "category"
    }
    types = {name: q.get("type") for name, q in questions.items()}
    assert types == {
        f"Q{bank['multiple_choice'].pk}": "multichoice",
        f"Q{bank['true_false'].pk}": "truefalse",
        f"Q{bank['fill_blank'].pk}": "shortanswer",
        f"Q{bank['numeric'].pk}": "numerical",
        f"Q{bank['ordering'].pk}": "ordering",
        f"Q{bank['matching'].pk}": "matching",
    }

    def answers(kind):
        question = questions[f"Q{bank[kind].pk}"]
        return [(a.findtext("text"), a.get("fraction")) for a in question.findall("answer")]

    assert answers("multiple_choice") == [
        ("1975", "0"),
        ("1979", "100"),
        ("1983", "0"),
        ("1988", "0"),
    ]
    assert answers("true_false") == [("true", "100"), ("false", "0")]
    assert answers("fill_blank") == [("Lutetia", "100"), ("Lutèce", "100"), ("Lutece", "100")]
    numeric = questions[f"Q{bank['numeric'].pk}"].find("answer")
    assert (numeric.findtext("text"), numeric.findtext("tolerance")) == ("4417.25", "2")
    assert [text for text, _ in answers("ordering")] == [
        "Mu meeting",
        "Zeta meeting",
        "Alpha meeting",
    ]
    pairs = [
        (sub.findtext("text"), sub.findtext("answer/text"))
        for sub in questions[f"Q{bank['matching'].pk}"].findall("subquestion")
    ]
    assert pairs == [("Quorn", "Wreake"), ("Ystad", "Xylo"), ("Opava", "Vlast")]
    explanation = questions[f"Q{bank['multiple_choice'].pk}"].findtext("generalfeedback/text")
    assert explanation == bank["multiple_choice"].explanation


def test_aiken_keeps_multiple_choice_and_says_what_it_left_out(bank):
    export = export_questions(list(bank.values()), export_format="aiken", title="The committee")
    mc = bank["multiple_choice"]
    assert export.content.decode() == (
        f"{mc.prompt}\nA. 1975\nB. 1979\nC. 1983\nD. 1988\nANSWER: B\n\n"
        f"{bank['true_false'].prompt}\nA. True\nB. False\nANSWER: A\n"
    )
    reason = "Aiken holds multiple-choice questions only"
    assert export.left_out == tuple(
        f"#{bank[kind].pk} ({kind}): {reason}"
        for kind in ("fill_blank", "numeric", "ordering", "matching")
    )


def test_csv_round_trips_through_the_csv_reader(bank):
    export = export_questions(list(bank.values()), export_format="csv", title="The committee")
    assert export.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == [str(q.pk) for q in bank.values()]
    by_kind = {row["kind"]: row for row in rows}
    assert by_kind["multiple_choice"]["options"] == "1975 | 1979 | 1983 | 1988"
    assert by_kind["multiple_choice"]["correct"] == "1979"
    assert by_kind["fill_blank"]["accepted_answers"] == "Lutetia | Lutèce"
    assert json.loads(by_kind["matching"]["answer"]) == bank["matching"].answer
    assert json.loads(by_kind["numeric"]["answer"])["value"] == 4417.25
    assert float(by_kind["numeric"]["tolerance"]) == 2.0


@pytest.mark.parametrize("export_format", ["qti", "moodle", "gift"])
def test_questions_without_an_answer_are_left_out_with_a_reason(export_format):
    document = DocumentFactory()
    empty = Question.objects.create(
        document=document, kind=Question.Kind.FILL_BLANK, prompt="Who?", source_sentence="x"
    )
    export = export_questions([empty], export_format=export_format, title="Empty")
    assert export.left_out == (f"#{empty.pk} (fill_blank): it has no answer to export",)


def test_qti_round_trips_through_onyx2moodles_parser(bank, tmp_path):
    """onyx2moodle (PyPI) reads QTI 2.1 items; what it reads back is what we wrote."""
    from onyx2moodle.parser import parse_item

    export = export_questions(list(bank.values()), export_format="qti", title="The committee")
    zipfile.ZipFile(io.BytesIO(export.content)).extractall(tmp_path)

    def read(kind):
        item = parse_item(tmp_path / "items" / f"Q{bank[kind].pk}.xml")
        (declaration,) = item.response_decls.values()
        return item, declaration

    for kind in ("multiple_choice", "true_false"):
        item, declaration = read(kind)
        (interaction,) = item.interactions
        texts = {choice.identifier: choice.html for choice in interaction.choices}
        assert list(texts.values()) == [o["text"] for o in bank[kind].options]
        assert [texts[v] for v in declaration.correct_values] == bank[kind].correct_options
    item, declaration = read("fill_blank")
    assert [i.kind for i in item.interactions] == ["textEntry"]
    assert declaration.mapping == {"Lutetia": 1.0, "Lutèce": 1.0, "Lutece": 1.0}
    item, declaration = read("numeric")
    assert (declaration.base_type, declaration.correct_values) == ("float", ["4417.25"])
    item, declaration = read("matching")
    (interaction,) = item.interactions
    lefts = {c.identifier: c.html for c in interaction.match_sources}
    rights = {c.identifier: c.html for c in interaction.match_targets}
    pairs = [value.split() for value in declaration.correct_values]
    assert [[lefts[left], rights[right]] for left, right in pairs] == bank["matching"].answer
    item, declaration = read("ordering")
    assert (declaration.cardinality, len(declaration.correct_values)) == ("ordered", 3)


def test_moodle_xml_round_trips_through_moodle_xml_parser(bank):
    """moodle-xml-parser (PyPI) reads Moodle XML multiple-choice questions back."""
    from moodle_xml_parser.parser import parse_string

    export = export_questions(list(bank.values()), export_format="moodle", title="The committee")
    (parsed,) = parse_string(export.content.decode("utf-8"))["multichoice"]
    question = bank["multiple_choice"]
    assert (parsed.name, parsed.text_pre_parse, parsed.single) == (
        f"Q{question.pk}",
        question.prompt,
        True,
    )
    assert parsed.general_feedback == question.explanation
    assert [(o.answer, o.score_fraction) for o in parsed.options] == [
        (o["text"], 100.0 if o["correct"] else 0.0) for o in question.options
    ]
