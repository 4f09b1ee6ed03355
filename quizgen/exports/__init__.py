"""Question banks in the formats learning management systems import.

Each exporter takes questions (model instances) and returns an `Export`: the bytes, a file
name, a media type and the questions it had to leave out, with why.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from quizgen.models import Question


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str
    media_type: str
    left_out: tuple[str, ...] = field(default_factory=tuple)


# Characters XML 1.0 cannot hold and that importers choke on: the C0 controls except tab, line
# feed and carriage return, DEL and the C1 controls, lone surrogates, U+FFFE and U+FFFF. Text
# pasted from Word carries U+000B (a manual line break) and U+000C (a page break): those and
# the other separators become a line break; the rest is dropped.
_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85]")
_UNWANTED = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: object) -> str:
    """`text` as a string every export format can hold (see _BREAKS and _UNWANTED)."""
    return _UNWANTED.sub("", _BREAKS.sub("\n", str(text)))


def clean_tree(element: ET.Element) -> ET.Element:
    """Every text, tail and attribute value of an XML tree passed through clean_text."""
    for node in element.iter():
        if node.text is not None:
            node.text = clean_text(node.text)
        if node.tail is not None:
            node.tail = clean_text(node.tail)
        for name, value in node.attrib.items():
            node.set(name, clean_text(value))
    return element


# A cell a spreadsheet would run as a formula starts with one of these (OWASP's list).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A CSV cell that is never a formula: text starting like one gets a leading apostrophe
    (which spreadsheets hide); numbers, written as numbers, stay as they are."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    if value.startswith(_FORMULA_STARTS):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


# Written first in every CSV download: without it, spreadsheets (Excel above all) read the
# UTF-8 file in the machine's legacy code page, and "é" or "–" come out as mojibake.
UTF8_BOM = "\ufeff"


class SpreadsheetWriter:
    """csv.writer whose every cell goes through spreadsheet_cell; used by every CSV download.

    The stream starts with the UTF-8 byte-order mark, so spreadsheets read the file as UTF-8
    (Python reads it back with encoding="utf-8-sig").
    """

    def __init__(self, stream, **options):
        stream.write(UTF8_BOM)
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow([spreadsheet_cell(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def slug(title: str) -> str:
    from django.utils.text import slugify

    return slugify(title)[:60] or "questions"


def option_texts(question: Question) -> list[str]:
    return [clean_text(option.get("text", "")) for option in question.options]


def correct_index(question: Question) -> int | None:
    flags = [bool(option.get("correct")) for option in question.options]
    return flags.index(True) if flags.count(True) == 1 else None


def numeric_answer(question: Question) -> tuple[float, float] | None:
    """(value, tolerance) in the question's unit, read as Quizgen marks them
    (learning.matching.numeric_key), or None when the question has no value."""
    from learning.matching import numeric_key

    value, tolerance, _ = numeric_key(question)
    return None if value is None else (value, tolerance)


def accepted_texts(question: Question, keys=None) -> list[str]:
    """The typed answers an LMS should accept: every form Quizgen's marking accepts that an
    exact comparison would not (learning.matching.accepted_forms), cleaned for export.
    `keys` (a learning.matching.DocumentKeys) reads each document once per export."""
    from learning.matching import DocumentKeys, accepted_forms

    keys = keys if keys is not None else DocumentKeys()
    forms = accepted_forms(question, document=lambda: keys.get(question.document_id))
    cleaned = (clean_text(form) for form in forms)
    return [form for form in dict.fromkeys(cleaned) if form.strip()]


def matching_pairs(question: Question) -> list[tuple[str, str]]:
    return [
        (clean_text(pair[0]), clean_text(pair[1]))
        for pair in question.answer or []
        if isinstance(pair, list | tuple) and len(pair) == 2
    ]


def left_out_note(question: Question, reason: str) -> str:
    return f"#{question.pk} ({question.kind}): {reason}"


FORMATS: dict[str, Callable[[Sequence[Question], str], Export]] = {}


def export_questions(questions: Sequence[Question], *, export_format: str, title: str) -> Export:
    from quizgen.exports import aiken, csv_export, gift, moodle, qti  # noqa: F401 - registers

    return FORMATS[export_format](list(questions), title)


def register(name: str):
    def decorator(function):
        FORMATS[name] = function
        return function

    return decorator


EXPORT_FORMATS = ("qti", "moodle", "gift", "aiken", "csv")
