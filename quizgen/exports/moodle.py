"""Moodle XML, the format of Moodle's question bank import."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from learning.matching import DocumentKeys
from quizgen.exports import (
    Export,
    accepted_texts,
    clean_tree,
    left_out_note,
    matching_pairs,
    numeric_answer,
    register,
    slug,
)
from quizgen.models import Question

FORMAT = "plain_text"


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    ET.SubElement(element, "text").text = str(text)
    return element


def _flag(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _answer(parent: ET.Element, text: str, fraction: float) -> ET.Element:
    return _text(parent, "answer", text, fraction=f"{fraction:g}", format=FORMAT)


def moodle_question(question: Question, keys=None) -> ET.Element | None:
    kind = question.kind
    types = {
        Question.Kind.MULTIPLE_CHOICE: "multichoice",
        Question.Kind.TRUE_FALSE: "truefalse",
        Question.Kind.FILL_BLANK: "shortanswer",
        Question.Kind.SHORT_ANSWER: "shortanswer",
        Question.Kind.NUMERIC: "numerical",
        Question.Kind.MATCHING: "matching",
        Question.Kind.ORDERING: "ordering",
    }
    element = ET.Element("question", type=types[kind])
    _text(element, "name", f"Q{question.pk}")
    _text(element, "questiontext", question.prompt, format=FORMAT)
    _text(element, "generalfeedback", question.explanation, format=FORMAT)
    _flag(element, "defaultgrade", "1")
    _flag(element, "penalty", "0")
    _flag(element, "hidden", "0")
    if kind == Question.Kind.MULTIPLE_CHOICE:
        _flag(element, "single", "true")
        _flag(element, "shuffleanswers", "true")
        _flag(element, "answernumbering", "abc")
        for option in question.options:
            answer = _answer(element, option.get("text", ""), 100 if option.get("correct") else 0)
            if option.get("feedback"):
                _text(answer, "feedback", option["feedback"], format=FORMAT)
    elif kind == Question.Kind.TRUE_FALSE:
        correct = next((o["text"] for o in question.options if o.get("correct")), "")
        is_true = str(correct).strip().lower() in {"true", "t", "yes"}
        feedback = {
            str(option.get("text", "")).strip().lower(): option.get("feedback", "")
            for option in question.options
        }
        for text, fraction in (("true", 100 if is_true else 0), ("false", 0 if is_true else 100)):
            answer = _answer(element, text, fraction)
            if feedback.get(text):
                _text(answer, "feedback", feedback[text], format=FORMAT)
    elif kind in (Question.Kind.FILL_BLANK, Question.Kind.SHORT_ANSWER):
        accepted = accepted_texts(question, keys)
        if not accepted:
            return None
        _flag(element, "usecase", "0")
        for text in accepted:
            _answer(element, text, 100)
    elif kind == Question.Kind.NUMERIC:
        number = numeric_answer(question)
        if number is None:
            return None
        answer = _answer(element, f"{number[0]:g}", 100)
        _flag(answer, "tolerance", f"{number[1]:g}")
    elif kind == Question.Kind.MATCHING:
        pairs = matching_pairs(question)
        if len(pairs) < 2:
            return None
        _flag(element, "shuffleanswers", "true")
        for left, right in pairs:
            sub = _text(element, "subquestion", left, format=FORMAT)
            _text(sub, "answer", right)
    elif kind == Question.Kind.ORDERING:
        items = [str(item) for item in question.answer or []]
        if len(items) < 2:
            return None
        _flag(element, "layouttype", "VERTICAL")
        _flag(element, "selecttype", "ALL")
        _flag(element, "selectcount", "0")
        _flag(element, "gradingtype", "ABSOLUTE_POSITION")
        for position, item in enumerate(items, start=1):
            _answer(element, item, float(position))
    return element


@register("moodle")
def export_moodle(questions: Sequence[Question], title: str) -> Export:
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", type="category")
    _text(category, "category", f"$course$/top/{' '.join(title.split())}")
    left_out = []
    keys = DocumentKeys.of_questions(questions)  # the documents' people, in one query
    for question in questions:
        element = moodle_question(question, keys)
        if element is None:
            left_out.append(left_out_note(question, "it has no answer to export"))
            continue
        quiz.append(element)
    clean_tree(quiz)
    ET.indent(quiz)
    content = ET.tostring(quiz, encoding="utf-8", xml_declaration=True)
    return Export(
        content=content,
        filename=f"{slug(title)}.moodle.xml",
        media_type="application/xml",
        left_out=tuple(left_out),
    )
