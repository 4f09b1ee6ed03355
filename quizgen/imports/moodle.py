"""Moodle XML (`<quiz>` of `<question type="…">`), read with lxml (quizgen.imports.xml).

Read: `multichoice` (one option with `fraction="100"`; partial credit on a wrong option is
left out, several options earning credit is skipped), `truefalse`, `shortanswer` (answers
with full credit; a prompt with a blank `___` makes it fill in the blank), `numerical` (the
first full-credit answer and its `tolerance`), `matching` (`subquestion`s; one with no text
is an extra answer, left out), `ordering` (the answers in order). A `category` sets the
tag of the questions after it. Texts are read by their `format`: `html` as the text a
student sees, others as plain text; CDATA is text like any other. `generalfeedback` is the
explanation, an answer's `feedback` the option's feedback. Skipped: `essay`, `description`,
`cloze`/`multianswer`, `calculated*`, drag-and-drop and every other type.
"""

from __future__ import annotations

import re

from lxml import etree

from quizgen.imports import (
    IMPORT_XML_OTHER,
    NO_ANSWER,
    NO_FULL_ANSWER,
    NONE_CORRECT,
    NOT_A_KIND,
    NOT_A_NUMBER,
    ImportRefused,
    Reading,
    ReadQuestion,
    Skipped,
    html_to_text,
    multiple_choice,
    partial_credit_note,
    plain,
    text_kind,
    true_false_options,
)
from quizgen.imports import xml as safe_xml

_CATEGORY_ROOTS = re.compile(r"^(\$[a-z0-9]+\$/)?(top/)?", re.IGNORECASE)
_FILES_LEFT_OUT = "the images or files it shows were left out"


def _text(element: etree._Element | None, default_format: str = "html") -> str:
    if element is None:
        return ""
    raw = element.findtext("text") or ""
    text_format = (element.get("format") or default_format).lower()
    return html_to_text(raw) if text_format == "html" else plain(raw)


def _fraction(answer: etree._Element) -> float:
    try:
        return float(answer.get("fraction") or 0)
    except ValueError:
        return 0.0


def _category(question: etree._Element) -> str:
    path = question.findtext("category/text") or ""
    return _CATEGORY_ROOTS.sub("", path.strip()).strip("/ ")[:100]


def read(content: bytes) -> Reading:
    root = safe_xml.parse(content)
    if safe_xml.local_name(root) != "quiz":
        raise ImportRefused(IMPORT_XML_OTHER.format(root=safe_xml.local_name(root)))
    reading = Reading(import_format="moodle")
    category, number = "", 0
    for element in root.iterchildren("question"):
        qtype = (element.get("type") or "").strip().lower()
        if qtype == "category":
            category = _category(element)
            continue
        number += 1
        where = f"question {number} (line {element.sourceline})"
        result = _question(element, qtype, where)
        if isinstance(result, Skipped):
            reading.skipped.append(result)
            continue
        if category:
            result.tags.append(category)
        if element.find(".//file") is not None or "@@PLUGINFILE@@" in etree.tostring(
            element, encoding="unicode"
        ):
            result.notes.append(_FILES_LEFT_OUT)
        reading.questions.append(result)
    return reading


def _question(element: etree._Element, qtype: str, where: str) -> ReadQuestion | Skipped:
    read = ReadQuestion(
        where=where,
        kind="",
        prompt=_text(element.find("questiontext")),
        explanation=_text(element.find("generalfeedback")),
        title=plain(element.findtext("name/text") or ""),
    )
    answers = element.findall("answer")
    if qtype == "multichoice":
        return _choice(read, answers)
    if qtype == "truefalse":
        return _true_false(read, answers)
    if qtype == "shortanswer":
        return _typed(read, answers)
    if qtype == "numerical":
        return _numeric(read, answers, has_units=element.find("units/unit") is not None)
    if qtype == "matching":
        return _matching(read, element.findall("subquestion"))
    if qtype == "ordering":
        read.kind = "ordering"
        read.answer = [_text(answer, "plain_text") for answer in answers]
        return read
    if qtype == "description":
        return Skipped(where, qtype, NO_ANSWER)
    return Skipped(where, qtype or "question", NOT_A_KIND)


def _option(answer: etree._Element, correct: bool) -> dict:
    option = {"text": _text(answer, "plain_text"), "correct": correct}
    feedback = _text(answer.find("feedback"))
    if feedback:
        option["feedback"] = feedback
    return option


def _choice(read: ReadQuestion, answers) -> ReadQuestion | Skipped:
    options, partial = [], []
    for answer in answers:
        credit = _fraction(answer)
        option = _option(answer, credit >= 100)
        if 0 < credit < 100:
            partial.append(partial_credit_note(credit, option["text"]))
        options.append(option)
    return multiple_choice(read, options, partial, "multichoice")


def _true_false(read: ReadQuestion, answers) -> ReadQuestion | Skipped:
    by_text = {_text(answer, "plain_text").casefold(): answer for answer in answers}
    if set(by_text) != {"true", "false"}:
        return Skipped(read.where, "truefalse", NONE_CORRECT)
    is_true = _fraction(by_text["true"]) >= 100
    if is_true == (_fraction(by_text["false"]) >= 100):
        return Skipped(read.where, "truefalse", NONE_CORRECT)
    read.kind = "true_false"
    read.options = true_false_options(
        is_true,
        true_feedback=_text(by_text["true"].find("feedback")),
        false_feedback=_text(by_text["false"].find("feedback")),
    )
    return read


def _typed(read: ReadQuestion, answers) -> ReadQuestion | Skipped:
    accepted = []
    for answer in answers:
        text = _text(answer, "plain_text")
        credit = _fraction(answer)
        if credit < 100:
            if credit > 0:
                read.notes.append(f"the {credit:g}% answer “{text}” was left out")
            continue
        accepted.append(text)
    if not accepted:
        return Skipped(read.where, "shortanswer", NO_FULL_ANSWER)
    read.kind, read.accepted_answers = text_kind(read.prompt), accepted
    return read


def _numeric(read: ReadQuestion, answers, *, has_units: bool) -> ReadQuestion | Skipped:
    found = None
    for answer in answers:
        text = (answer.findtext("text") or "").strip()
        credit = _fraction(answer)
        if credit < 100:
            if credit > 0:
                read.notes.append(f"the {credit:g}% answer {text} was left out")
            continue
        try:
            value = float(text)
            tolerance = abs(float((answer.findtext("tolerance") or "0").strip() or 0))
        except ValueError:
            return Skipped(read.where, "numerical", NOT_A_NUMBER.format(text=text))
        if found is None:
            found = (value, tolerance)
        else:
            read.notes.append(f"the other full-credit answer {text} was left out")
    if found is None:
        return Skipped(read.where, "numerical", NO_FULL_ANSWER)
    if has_units:
        read.notes.append("the units were left out: the answer is the number alone")
    read.kind, read.answer, read.tolerance = "numeric", {"value": found[0]}, found[1]
    return read


def _matching(read: ReadQuestion, subquestions) -> ReadQuestion:
    pairs = []
    for subquestion in subquestions:
        left = _text(subquestion)
        right = plain(subquestion.findtext("answer/text") or "")
        if not left:
            read.notes.append(f"the extra answer “{right}” (matched to nothing) was left out")
            continue
        pairs.append([left, right])
    read.kind, read.answer = "matching", pairs
    return read
