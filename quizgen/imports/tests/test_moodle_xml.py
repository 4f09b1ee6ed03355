"""A Moodle XML file as Moodle writes it, read back question by question and skip by skip;
hostile and broken XML refused with nothing saved."""

from __future__ import annotations

import io
import zipfile

import pytest

from quizgen import imports, services
from quizgen.imports import NO_ANSWER, NOT_A_KIND, SEVERAL_CORRECT
from quizgen.models import Document, Question

pytestmark = pytest.mark.django_db

# Written by hand from Moodle's documentation of its XML format, in the layout of Moodle's
# own export: a comment before each question, a category first, HTML texts in CDATA.
MOODLE_XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category>
      <text>$course$/top/Default for History/Treaties</text>
    </category>
    <info format="html">
      <text></text>
    </info>
  </question>

<!-- question: 201  -->
  <question type="multichoice">
    <name>
      <text>Treaty year</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>In which year was the Treaty of <b>Westphalia</b> signed?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p>Signed in Osnabrück &amp; Münster.</p>]]></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <correctfeedback format="html">
      <text>Your answer is correct.</text>
    </correctfeedback>
    <incorrectfeedback format="html">
      <text>Your answer is incorrect.</text>
    </incorrectfeedback>
    <answer fraction="100" format="html">
      <text><![CDATA[<p>1648</p>]]></text>
      <feedback format="html">
        <text><![CDATA[<p>Right.</p>]]></text>
      </feedback>
    </answer>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>1748</p>]]></text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
    <answer fraction="33.33333" format="html">
      <text>1658</text>
      <feedback format="html">
        <text>Close.</text>
      </feedback>
    </answer>
  </question>

<!-- question: 202  -->
  <question type="truefalse">
    <name>
      <text>Grant's tomb</text>
    </name>
    <questiontext format="moodle_auto_format">
      <text>Grant is buried in Grant's tomb.</text>
    </questiontext>
    <generalfeedback format="moodle_auto_format">
      <text></text>
    </generalfeedback>
    <answer fraction="0" format="moodle_auto_format">
      <text>true</text>
      <feedback format="html">
        <text>He is buried there.</text>
      </feedback>
    </answer>
    <answer fraction="100" format="moodle_auto_format">
      <text>false</text>
      <feedback format="html">
        <text>Right, a trick.</text>
      </feedback>
    </answer>
  </question>

<!-- question: 203  -->
  <question type="shortanswer">
    <name>
      <text>Capital</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>The capital of France is ______.</p>]]></text>
    </questiontext>
    <usecase>0</usecase>
    <answer fraction="100" format="moodle_auto_format">
      <text>Paris</text>
      <feedback format="html"><text></text></feedback>
    </answer>
    <answer fraction="50" format="moodle_auto_format">
      <text>Lutetia</text>
      <feedback format="html"><text>Its old name.</text></feedback>
    </answer>
  </question>

<!-- question: 204  -->
  <question type="shortanswer">
    <name>
      <text>Author</text>
    </name>
    <questiontext format="html">
      <text>Who wrote &lt;i&gt;Les Misérables&lt;/i&gt;?</text>
    </questiontext>
    <answer fraction="100">
      <text>Victor Hugo</text>
    </answer>
    <answer fraction="100">
      <text>Hugo</text>
    </answer>
  </question>

<!-- question: 205  -->
  <question type="numerical">
    <name>
      <text>Ulysses</text>
    </name>
    <questiontext format="html">
      <text>When was Ulysses S. Grant born?</text>
    </questiontext>
    <answer fraction="100" format="moodle_auto_format">
      <text>1822</text>
      <feedback format="html"><text>Correct!</text></feedback>
      <tolerance>0</tolerance>
    </answer>
    <answer fraction="50" format="moodle_auto_format">
      <text>1822</text>
      <feedback format="html"><text>Close.</text></feedback>
      <tolerance>2</tolerance>
    </answer>
    <units>
      <unit>
        <multiplier>1</multiplier>
        <unit_name>AD</unit_name>
      </unit>
    </units>
  </question>

<!-- question: 206  -->
  <question type="matching">
    <name>
      <text>Animals</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Match each animal with its food.</p>]]></text>
    </questiontext>
    <shuffleanswers>true</shuffleanswers>
    <subquestion format="html">
      <text><![CDATA[<p>cat</p>]]></text>
      <answer>
        <text>cat food</text>
      </answer>
    </subquestion>
    <subquestion format="html">
      <text><![CDATA[<p>dog</p>]]></text>
      <answer>
        <text>dog food</text>
      </answer>
    </subquestion>
    <subquestion format="html">
      <text></text>
      <answer>
        <text>fish food</text>
      </answer>
    </subquestion>
  </question>

<!-- question: 0  -->
  <question type="category">
    <category>
      <text>$course$/top/Default for History/Maps</text>
    </category>
  </question>

<!-- question: 207  -->
  <question type="multichoice">
    <name>
      <text>Map</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Which river is shown? <img src="@@PLUGINFILE@@/map.png"></p>]]></text>
      <file name="map.png" path="/" encoding="base64">iVBORw0KGgo=</file>
    </questiontext>
    <single>true</single>
    <answer fraction="100" format="plain_text">
      <text>Rhine</text>
    </answer>
    <answer fraction="0" format="plain_text">
      <text>Danube</text>
    </answer>
  </question>

<!-- question: 208  -->
  <question type="essay">
    <name>
      <text>Film</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Describe your favourite film.</p>]]></text>
    </questiontext>
    <responseformat>editor</responseformat>
  </question>

<!-- question: 209  -->
  <question type="description">
    <name>
      <text>Instructions</text>
    </name>
    <questiontext format="html">
      <text>Answer without notes.</text>
    </questiontext>
  </question>

<!-- question: 210  -->
  <question type="multichoice">
    <name>
      <text>Primes</text>
    </name>
    <questiontext format="html">
      <text>Which are primes?</text>
    </questiontext>
    <single>false</single>
    <answer fraction="50"><text>2</text></answer>
    <answer fraction="50"><text>3</text></answer>
    <answer fraction="-100"><text>4</text></answer>
  </question>

<!-- question: 211  -->
  <question type="multianswer">
    <name>
      <text>Cloze</text>
    </name>
    <questiontext format="html">
      <text>Paris is in {1:SHORTANSWER:=France}.</text>
    </questiontext>
  </question>

<!-- question: 212  -->
  <question type="calculated">
    <name>
      <text>Sum</text>
    </name>
    <questiontext format="html">
      <text>What is {a} + {b}?</text>
    </questiontext>
  </question>

<!-- question: 213  -->
  <question type="truefalse">
    <name>
      <text>No statement</text>
    </name>
    <questiontext format="html">
      <text></text>
    </questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>
"""


def test_a_moodle_xml_file_as_moodle_writes_it(teacher):
    document = services.question_bank_import(
        owner=teacher, name="history-moodle.xml", content=MOODLE_XML.encode()
    )
    report = document.import_report
    assert (report["format"], report["file"], document.title) == (
        "moodle",
        "history-moodle.xml",
        "History moodle",
    )
    rows = {row["title"]: row for row in report["read"]}
    questions = {title: Question.objects.get(pk=row["question"]) for title, row in rows.items()}
    assert [(row["where"], row["title"], row["kind"]) for row in report["read"]] == [
        ("question 1 (line 14)", "Treaty year", "multiple_choice"),
        ("question 2 (line 58)", "Grant's tomb", "true_false"),
        ("question 3 (line 83)", "Capital", "fill_blank"),
        ("question 4 (line 102)", "Author", "short_answer"),
        ("question 5 (line 118)", "Ulysses", "numeric"),
        ("question 6 (line 144)", "Animals", "matching"),
        ("question 7 (line 180)", "Map", "multiple_choice"),
    ]

    assert {title: row["defects"] for title, row in rows.items()} == {
        "Treaty year": [],  # three options: a teacher's question is not held to four
        "Grant's tomb": [],
        "Capital": [],
        "Author": [],
        "Ulysses": [],
        "Animals": ["unresolved_reference"],
        "Map": [],
    }

    treaty = questions["Treaty year"]
    assert treaty.prompt == "In which year was the Treaty of Westphalia signed?"
    assert treaty.explanation == "Signed in Osnabrück & Münster."
    assert treaty.options == [
        {"text": "1648", "correct": True, "feedback": "Right."},
        {"text": "1748", "correct": False},
        {"text": "1658", "correct": False, "feedback": "Close."},
    ]
    assert rows["Treaty year"]["notes"] == [
        "the 33.3333% credit of “1658” was left out: it counts as wrong"
    ]
    assert rows["Treaty year"]["tags"] == ["Default for History/Treaties"]

    assert questions["Grant's tomb"].options == [
        {"text": "True", "correct": False, "feedback": "He is buried there."},
        {"text": "False", "correct": True, "feedback": "Right, a trick."},
    ]
    capital = questions["Capital"]
    assert (capital.prompt, capital.accepted_answers) == (
        "The capital of France is ______.",
        ["Paris"],
    )
    assert rows["Capital"]["notes"] == ["the 50% answer “Lutetia” was left out"]
    author = questions["Author"]
    assert (author.prompt, author.accepted_answers) == (
        "Who wrote Les Misérables?",
        ["Victor Hugo", "Hugo"],
    )
    ulysses = questions["Ulysses"]
    assert (ulysses.answer, ulysses.tolerance) == ({"value": 1822.0, "tolerance": 0.0}, 0.0)
    assert rows["Ulysses"]["notes"] == [
        "the 50% answer 1822 was left out",
        "the units were left out: the answer is the number alone",
    ]
    assert questions["Animals"].answer == [["cat", "cat food"], ["dog", "dog food"]]
    assert rows["Animals"]["notes"] == [
        "the extra answer “fish food” (matched to nothing) was left out"
    ]
    assert questions["Map"].prompt == "Which river is shown?"
    assert rows["Map"]["notes"] == ["the images or files it shows were left out"]
    assert rows["Map"]["tags"] == ["Default for History/Maps"]

    assert report["skipped"] == [
        {"where": "question 8 (line 198)", "kind": "essay", "reason": NOT_A_KIND},
        {"where": "question 9 (line 209)", "kind": "description", "reason": NO_ANSWER},
        {"where": "question 10 (line 219)", "kind": "multichoice", "reason": SEVERAL_CORRECT},
        {"where": "question 11 (line 233)", "kind": "multianswer", "reason": NOT_A_KIND},
        {"where": "question 12 (line 243)", "kind": "calculated", "reason": NOT_A_KIND},
        {
            "where": "question 13 (line 253)",
            "kind": "true/false",
            "reason": services.QUESTION_PROMPT_REQUIRED,
        },
    ]
    assert document.questions.count() == 7


LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE quiz [\n<!ENTITY a "aaaaaaaaaa">\n'
    + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">\n' for n in range(8))
    + ']>\n<quiz><question type="shortanswer"><questiontext><text>&i;</text></questiontext>'
    '<answer fraction="100"><text>x</text></answer></question></quiz>'
).encode()
EXTERNAL = (
    b'<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    b'<quiz><question type="shortanswer"><questiontext><text>&secret;</text></questiontext>'
    b'<answer fraction="100"><text>x</text></answer></question></quiz>'
)
LATE_DOCTYPE = (
    b'<?xml version="1.0"?>\n<!--'
    + b" " * 5000
    + b'-->\n<!DOCTYPE quiz SYSTEM "http://example.org/quiz.dtd">\n<quiz/>'
)


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in files.items():
            package.writestr(name, content)
    return buffer.getvalue()


QTI_ITEM_WITH_ENTITY = EXTERNAL.replace(b"DOCTYPE quiz", b"DOCTYPE assessmentItem").replace(
    b"<quiz>", b'<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1">'
)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("laughs.xml", LAUGHS, imports.IMPORT_XML_DOCTYPE),
        ("external.xml", EXTERNAL, imports.IMPORT_XML_DOCTYPE),
        ("late.xml", LATE_DOCTYPE, imports.IMPORT_XML_DOCTYPE),
        (
            "package.zip",
            _zip({"imsmanifest.xml": b"<manifest/>", "items/a.xml": QTI_ITEM_WITH_ENTITY}),
            imports.IMPORT_ZIP_NOT_QTI,
        ),
        (
            "package.zip",
            _zip({"items/a.xml": QTI_ITEM_WITH_ENTITY}),
            imports.IMPORT_XML_DOCTYPE,
        ),
        (
            "broken.xml",
            b"<quiz><question type='truefalse'></quiz>",
            imports.IMPORT_XML_MALFORMED.format(
                error="Opening and ending tag mismatch: question line 1 and quiz, line 1, column 41"
            ),
        ),
        ("old.xml", b"<questestinterop><item/></questestinterop>", imports.IMPORT_QTI_1),
        ("page.xml", b"<html><body>Hi</body></html>", imports.IMPORT_XML_OTHER.format(root="html")),
        ("damaged.zip", b"PK\x03\x04" + b"\x01" * 200, imports.IMPORT_ZIP_DAMAGED),
        ("notes.zip", _zip({"notes.txt": b"hello"}), imports.IMPORT_ZIP_NOT_QTI),
        (
            "many.zip",
            _zip({f"f{n}.txt": b"" for n in range(imports.MAX_PACKAGE_FILES + 1)}),
            imports.IMPORT_ZIP_TOO_LARGE,
        ),
        (
            "bomb.zip",
            _zip({"items/big.xml": b" " * (imports.MAX_UNPACKED_BYTES + 1)}),
            imports.IMPORT_ZIP_TOO_LARGE,
        ),
    ],
    ids=[
        "entity-expansion",
        "external-entity",
        "doctype-after-a-long-comment",
        "qti-manifest-without-items",
        "qti-item-with-entity",
        "not-well-formed",
        "qti-1.2",
        "other-xml",
        "damaged-zip",
        "zip-without-items",
        "zip-of-too-many-files",
        "zip-unpacking-too-large",
    ],
)
def test_hostile_or_broken_xml_is_refused_and_saves_nothing(teacher, name, content, message):
    with pytest.raises(imports.ValidationError) as refused:
        services.question_bank_import(owner=teacher, name=name, content=content)
    assert refused.value.messages == [message]
    assert Document.objects.count() == 0
    assert Question.objects.count() == 0
