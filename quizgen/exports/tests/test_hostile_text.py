"""Text pasted from Word and text that looks like markup survive every export format.

Control characters (U+000B from Word above all) are removed or become line breaks, GIFT's
special characters and sequences are escaped, CSV cells never start a formula; each format
is read back by its own parser and gives the text a teacher wrote.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from types import SimpleNamespace

import pytest

from modules.exports import flashcards_apkg, flashcards_csv
from quizgen.exports import clean_text, export_questions
from quizgen.exports.gift import WORD_JOINER
from quizgen.exports.tests.bank import make_questions
from quizgen.exports.tests.bank import qti_schemas as load_qti_schemas
from quizgen.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

# A manual line break, a page break, a NUL, a unit separator, DEL, a C1 control, U+FFFE.
CONTROLS = "\x0b\x0c\x00\x1f\x7f\x85\ufffe"
PROMPT = "Which line\x0bbreak = 2: {a} ~b #c -> d \\ e?\x00"
PROMPT_CLEAN = "Which line\nbreak = 2: {a} ~b #c -> d \\ e?"
OPTIONS = ["%50% of it\x1f", "=SUM(A1:A9)", "a -> b\x7f", "@home #1"]
OPTIONS_CLEAN = ["%50% of it", "=SUM(A1:A9)", "a -> b", "@home #1"]
EXPLANATION = "Because\x0bof the rule\ufffe."
EXPLANATION_CLEAN = "Because\nof the rule."
PAIRS = [["left -> one\x0b", "+right"], ["two", "-2 % 3"], ["th=ree", "%100%"]]
PAIRS_CLEAN = [["left -> one\n", "+right"], ["two", "-2 % 3"], ["th=ree", "%100%"]]


def folded(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def hostile():
    document = DocumentFactory(title="Pasted\x0bfrom Word")
    bank = make_questions(document)
    mc = bank["multiple_choice"]
    mc.prompt, mc.explanation = PROMPT, EXPLANATION
    mc.options = [{"text": text, "correct": n == 1} for n, text in enumerate(OPTIONS)]
    bank["fill_blank"].accepted_answers = ["%25%\x0bLutetia", "=Lutèce"]
    bank["matching"].answer = PAIRS
    bank["ordering"].options = [{"text": "Zeta\x0b", "correct": False}] + bank["ordering"].options[
        1:
    ]
    bank["ordering"].answer = ["Mu meeting", "Zeta\x0b", "Alpha meeting"]
    return bank


def test_clean_text_keeps_text_and_turns_word_breaks_into_line_breaks():
    assert clean_text(f"a{CONTROLS}b\tc\r\nd") == "a\n\n\nb\tc\r\nd"
    assert clean_text("Lutèce – “quoted” 😀") == "Lutèce – “quoted” 😀"


def test_moodle_xml_is_well_formed_and_reads_back_cleaned(hostile):
    from moodle_xml_parser.parser import parse_string

    export = export_questions(list(hostile.values()), export_format="moodle", title="Pasted")
    quiz = ET.fromstring(export.content)
    assert not any(ch in export.content.decode() for ch in CONTROLS)
    (parsed,) = parse_string(export.content.decode("utf-8"))["multichoice"]
    assert parsed.text_pre_parse == PROMPT_CLEAN
    assert parsed.general_feedback == EXPLANATION_CLEAN
    assert [(o.answer, o.score_fraction) for o in parsed.options] == [
        (text, 100.0 if n == 1 else 0.0) for n, text in enumerate(OPTIONS_CLEAN)
    ]
    matching = next(q for q in quiz.findall("question") if q.get("type") == "matching")
    pairs = [[s.findtext("text"), s.findtext("answer/text")] for s in matching.iter("subquestion")]
    assert pairs == PAIRS_CLEAN


def test_every_qti_file_is_well_formed_valid_and_reads_back_cleaned(hostile, tmp_path):
    from onyx2moodle.parser import parse_item

    qti, _ = load_qti_schemas()
    export = export_questions(list(hostile.values()), export_format="qti", title="Pasted\x0b")
    assert export.left_out == ()
    package = zipfile.ZipFile(io.BytesIO(export.content))
    for name in package.namelist():
        errors = list(qti.iter_errors(io.BytesIO(package.read(name))))
        if name != "imsmanifest.xml":
            assert errors == [], f"{name}: {errors[0]}"
        ET.fromstring(package.read(name))
    package.extractall(tmp_path)
    item = parse_item(tmp_path / "items" / f"Q{hostile['multiple_choice'].pk}.xml")
    (interaction,) = item.interactions
    assert [choice.html for choice in interaction.choices] == OPTIONS_CLEAN
    blank = parse_item(tmp_path / "items" / f"Q{hostile['fill_blank'].pk}.xml")
    (declaration,) = blank.response_decls.values()
    assert declaration.mapping == {"%25%\nLutetia": 1.0, "=Lutèce": 1.0, "=Lutece": 1.0}


def unescape_gift(text: str) -> str:
    """GIFT's escapes undone: `\\n` is a line break, a backslash before any other character
    is that character."""
    unescaped = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)
    return unescaped.replace(WORD_JOINER, "")


def test_gift_is_plain_escaped_and_reads_back_as_written(hostile):
    from pygiftparser import parser

    export = export_questions(list(hostile.values()), export_format="gift", title="Pasted\x0b")
    text = export.content.decode()
    assert not any(ch in text for ch in CONTROLS)
    parsed = {q.title: q for q in parser.parseFile(io.StringIO(text))}
    assert len(parsed) == 5
    assert all(q.valid and q.markup == "plain" for q in parsed.values())
    mc = parsed[f"Q{hostile['multiple_choice'].pk}"]
    # Line breaks are kept, written `\n` (the parser reads them back as line breaks).
    assert "Which line\\nbreak" in text
    assert unescape_gift(mc.text) == PROMPT_CLEAN
    assert unescape_gift(mc.generalFeedback) == EXPLANATION_CLEAN
    # Still a multiple-choice question (no "->" made it a matching one), and "%50%" is text,
    # not a weight.
    assert type(mc.answers).__name__ == "SelectSet"
    assert [(unescape_gift(a.answer), a.fraction) for a in mc.answers.answers] == [
        (text, 100 if n == 1 else 0) for n, text in enumerate(OPTIONS_CLEAN)
    ]
    blank = parsed[f"Q{hostile['fill_blank'].pk}"]
    assert [(unescape_gift(a.answer), a.fraction) for a in blank.answers.answers] == [
        ("%25%\nLutetia", 100),
        ("=Lutèce", 100),
        ("=Lutece", 100),
    ]
    matching = parsed[f"Q{hostile['matching'].pk}"]
    assert [
        [unescape_gift(a.question).strip(), unescape_gift(a.answer).strip()]
        for a in matching.answers.answers
    ] == [[folded(left), right] for left, right in PAIRS_CLEAN]


def test_gift_without_the_word_joiner_would_change_the_answers():
    """What the escapes prevent: an unescaped "->" cuts an option, "%50%" becomes a weight."""
    from pygiftparser import parser

    (raw,) = parser.parseFile(io.StringIO("::Q::[plain]Which? {=a -> b ~%50%c}\n"))
    assert [(a.answer, a.fraction) for a in raw.answers.answers] == [(" b", 100), ("c", 50.0)]


def test_aiken_keeps_one_line_per_option(hostile):
    export = export_questions(list(hostile.values()), export_format="aiken", title="Pasted")
    first = export.content.decode().split("\n\n")[0].split("\n")
    assert first == [
        folded(PROMPT_CLEAN),
        *[f"{letter}. {folded(text)}" for letter, text in zip("ABCD", OPTIONS_CLEAN, strict=True)],
        "ANSWER: B",
    ]


def test_csv_cells_never_start_a_formula_and_hold_no_controls(hostile):
    export = export_questions(list(hostile.values()), export_format="csv", title="Pasted")
    text = export.content.decode()
    assert not any(ch in text for ch in CONTROLS)
    rows = {row["kind"]: row for row in csv.DictReader(io.StringIO(text))}
    mc = rows["multiple_choice"]
    assert mc["prompt"] == PROMPT_CLEAN
    assert mc["options"] == " | ".join(OPTIONS_CLEAN)
    assert mc["correct"] == "'=SUM(A1:A9)"
    assert rows["fill_blank"]["accepted_answers"] == "%25%\nLutetia | =Lutèce"
    assert rows["numeric"]["tolerance"] == "2"


def test_flashcard_csv_and_anki_deck_hold_no_formula_or_control(tmp_path):
    card = SimpleNamespace(
        front='=HYPERLINK("http://x")\x0b',
        back="-1 + 2",
        sentence="Pasted\x0bsentence\x00",
        fact=None,
        fact_key="date:1",
    )
    rows = list(csv.reader(io.StringIO(flashcards_csv(flashcards=[card]))))
    assert rows[1] == ['\'=HYPERLINK("http://x")\n', "'-1 + 2", "Pasted\nsentence", ""]
    deck = flashcards_apkg(module=SimpleNamespace(pk=1, title="Deck\x0b"), flashcards=[card])
    (tmp_path / "deck.apkg").write_bytes(deck)
    zipfile.ZipFile(tmp_path / "deck.apkg").extract("collection.anki2", tmp_path)
    (fields,) = sqlite3.connect(tmp_path / "collection.anki2").execute("SELECT flds FROM notes")
    assert fields[0].split("\x1f")[:3] == [
        '=HYPERLINK("http://x")\n',
        "-1 + 2",
        "Pasted\nsentence",
    ]
