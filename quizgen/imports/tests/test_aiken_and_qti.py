"""Aiken files as teachers write them, and QTI 2.1 items on their own or from other tools."""

from __future__ import annotations

import io
import zipfile

import pytest

from quizgen import services
from quizgen.exports import export_questions
from quizgen.imports import NO_FULL_ANSWER, NOT_A_KIND, SEVERAL_CORRECT, UNREADABLE
from quizgen.imports.tests.test_round_trips import as_written, odd_bank
from quizgen.models import Question
from quizgen.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

AIKEN = """\
What is the capital of France?
A. Paris
B. Lyon
C. Marseille
ANSWER: A
Which river flows through Vienna?
A) Rhine
B) Danube
ANSWER: B

The Danube flows into the Black Sea.
A. True
B. False
ANSWER: A

Which one is a mammal?
A. Trout
B. Whale
ANSWER: D

Which one has no answer line?
A. This one
B. That one

What is two and two?
A. Four
B. Five
ANSWER: A
"""


def test_an_aiken_file(teacher):
    document = services.question_bank_import(
        owner=teacher, name="geography.txt", content=AIKEN.encode()
    )
    report = document.import_report
    assert report["format"] == "aiken"
    read = [
        (row["where"], row["kind"], Question.objects.get(pk=row["question"]))
        for row in report["read"]
    ]
    assert [(where, kind, q.prompt, q.options) for where, kind, q in read] == [
        (
            "line 1",
            "multiple_choice",
            "What is the capital of France?",
            [
                {"text": "Paris", "correct": True},
                {"text": "Lyon", "correct": False},
                {"text": "Marseille", "correct": False},
            ],
        ),
        (
            "line 6",
            "multiple_choice",
            "Which river flows through Vienna?",
            [{"text": "Rhine", "correct": False}, {"text": "Danube", "correct": True}],
        ),
        (
            "line 11",
            "true_false",
            "The Danube flows into the Black Sea.",
            [{"text": "True", "correct": True}, {"text": "False", "correct": False}],
        ),
        (
            "line 25",
            "multiple_choice",
            "What is two and two?",
            [{"text": "Four", "correct": True}, {"text": "Five", "correct": False}],
        ),
    ]
    assert report["skipped"] == [
        {
            "where": "line 16",
            "kind": "multiple choice",
            "reason": UNREADABLE.format(why="its ANSWER: D names no option"),
        },
        {
            "where": "line 21",
            "kind": "multiple choice",
            "reason": UNREADABLE.format(why="no ANSWER: line"),
        },
    ]


def test_one_qti_item_on_its_own_reads_like_the_package(teacher):
    bank = odd_bank(DocumentFactory(owner=teacher))
    for kind, question in bank.items():
        package = zipfile.ZipFile(
            io.BytesIO(export_questions([question], export_format="qti", title="One").content)
        )
        item = package.read(f"items/Q{question.pk}.xml")
        document = services.question_bank_import(
            owner=teacher, name=f"Q{question.pk}.xml", content=item
        )
        assert document.import_report["format"] == "qti"
        (imported,) = document.questions.all()
        assert as_written(imported, feedback=True) == as_written(question, feedback=True), kind


QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"


def _item(identifier: str, body: str, declaration: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<assessmentItem xmlns="{QTI}" '
        f'identifier="{identifier}" title="{identifier}" adaptive="false" timeDependent="false">'
        f"{declaration}<itemBody>{body}</itemBody></assessmentItem>"
    ).encode()


INLINE = _item(
    "inline",
    '<p>The capital of France is <textEntryInteraction responseIdentifier="R"/>.</p>',
    '<responseDeclaration identifier="R" cardinality="single" baseType="string">'
    "<correctResponse><value>Paris</value></correctResponse></responseDeclaration>",
)
ESSAY = _item(
    "essay",
    '<extendedTextInteraction responseIdentifier="R"><prompt>Describe Paris.</prompt>'
    "</extendedTextInteraction>",
    '<responseDeclaration identifier="R" cardinality="single" baseType="string"/>',
)
SEVERAL = _item(
    "several",
    '<choiceInteraction responseIdentifier="R" maxChoices="0"><prompt>Primes?</prompt>'
    '<simpleChoice identifier="A">2</simpleChoice><simpleChoice identifier="B">3</simpleChoice>'
    "</choiceInteraction>",
    '<responseDeclaration identifier="R" cardinality="multiple" baseType="identifier">'
    "<correctResponse><value>A</value><value>B</value></correctResponse></responseDeclaration>",
)
HOTSPOT = _item("hotspot", '<hotspotInteraction responseIdentifier="R"/>')
NO_KEY = _item(
    "nokey",
    '<choiceInteraction responseIdentifier="R" maxChoices="1"><prompt>Which?</prompt>'
    '<simpleChoice identifier="A">a</simpleChoice><simpleChoice identifier="B">b</simpleChoice>'
    "</choiceInteraction>",
    '<responseDeclaration identifier="R" cardinality="single" baseType="identifier"/>',
)
MANIFEST = b"""<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="M">
  <resources>
    <resource identifier="i1" type="imsqti_item_xmlv2p1" href="inline.xml"/>
    <resource identifier="i2" type="imsqti_item_xmlv2p1" href="essay.xml"/>
    <resource identifier="i3" type="imsqti_item_xmlv2p1" href="several.xml"/>
    <resource identifier="i4" type="imsqti_item_xmlv2p1" href="hotspot.xml"/>
    <resource identifier="i5" type="imsqti_item_xmlv2p1" href="nokey.xml"/>
    <resource identifier="t" type="imsqti_test_xmlv2p1" href="test.xml"/>
  </resources>
</manifest>"""


def test_a_qti_package_from_another_tool(teacher):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("content/imsmanifest.xml", MANIFEST)
        for name, item in [
            ("inline", INLINE),
            ("essay", ESSAY),
            ("several", SEVERAL),
            ("hotspot", HOTSPOT),
            ("nokey", NO_KEY),
        ]:
            package.writestr(f"content/{name}.xml", item)
    document = services.question_bank_import(
        owner=teacher, name="other-tool.zip", content=buffer.getvalue()
    )
    report = document.import_report
    (row,) = report["read"]
    question = Question.objects.get(pk=row["question"])
    assert (row["where"], question.kind, question.prompt, question.accepted_answers) == (
        "content/inline.xml",
        "fill_blank",
        "The capital of France is _____.",
        ["Paris"],
    )
    assert report["skipped"] == [
        {
            "where": "content/essay.xml",
            "kind": "essay (extendedTextInteraction)",
            "reason": NOT_A_KIND,
        },
        {"where": "content/several.xml", "kind": "choiceInteraction", "reason": SEVERAL_CORRECT},
        {"where": "content/hotspot.xml", "kind": "hotspotInteraction", "reason": NOT_A_KIND},
        {"where": "content/nokey.xml", "kind": "choiceInteraction", "reason": NO_FULL_ANSWER},
    ]


# As other tools write option feedback: a FEEDBACK outcome set to the response, and a
# feedbackInline per choice (some with markup) that is not part of the choice's text.
INLINE_FEEDBACK = _item(
    "feedback",
    '<choiceInteraction responseIdentifier="RESPONSE" maxChoices="1" shuffle="false">'
    "<prompt>Which river runs through Paris?</prompt>"
    '<simpleChoice identifier="A">The Seine<feedbackInline outcomeIdentifier="FEEDBACK" '
    'identifier="A" showHide="show">Right: it crosses the city.</feedbackInline></simpleChoice>'
    '<simpleChoice identifier="B">The Rhine <feedbackInline outcomeIdentifier="FEEDBACK" '
    'identifier="B" showHide="show">No: the Rhine is <em>far</em>\n east.</feedbackInline>'
    "</simpleChoice>"
    '<simpleChoice identifier="C">The Loire</simpleChoice></choiceInteraction>',
    '<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">'
    "<correctResponse><value>A</value></correctResponse></responseDeclaration>"
    '<outcomeDeclaration identifier="FEEDBACK" cardinality="single" baseType="identifier"/>',
).replace(
    b"</itemBody>",
    b'</itemBody><modalFeedback outcomeIdentifier="FEEDBACK" identifier="A" showHide="show">'
    b"The Seine flows through Paris.</modalFeedback>",
)


def test_qti_option_feedback_written_by_another_tool(teacher):
    document = services.question_bank_import(
        owner=teacher, name="feedback.xml", content=INLINE_FEEDBACK
    )
    assert document.import_report["skipped"] == []
    (question,) = document.questions.all()
    assert (question.kind, question.prompt, question.explanation) == (
        "multiple_choice",
        "Which river runs through Paris?",
        "The Seine flows through Paris.",
    )
    assert question.options == [
        {"text": "The Seine", "correct": True, "feedback": "Right: it crosses the city."},
        {"text": "The Rhine", "correct": False, "feedback": "No: the Rhine is far\neast."},
        {"text": "The Loire", "correct": False},
    ]
