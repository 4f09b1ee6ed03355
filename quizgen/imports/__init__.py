"""Question banks read from the files learning management systems write.

`read_bank(name=..., content=..., import_format=...)` tells the format (or checks the one
chosen), refuses a file that is not a question file of that format with a message saying why
(`ImportRefused`, whose messages are the constants below), and returns a `Reading`: the
questions read, in Quizgen's shapes, and the ones skipped, each with where it stands in the
file, its kind as the file names it and the reason. One reader per format: `gift`, `moodle`,
`aiken`, `qti`. The readers only read; `quizgen.services.question_bank_import` validates and
saves.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from quizgen.nlp.generate.text import BLANK

IMPORT_FORMATS = {
    "gift": "GIFT",
    "moodle": "Moodle XML",
    "aiken": "Aiken",
    "qti": "QTI 2.1",
}

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PACKAGE_FILES = 2000
MAX_QUESTIONS = 2000

IMPORT_EMPTY = "The file is empty. Choose a GIFT, Moodle XML, Aiken or QTI 2.1 file."
IMPORT_TOO_LARGE = (
    "The file is larger than 5 MB, the most Quizgen imports at once. Split the question bank "
    "into smaller files."
)
IMPORT_BINARY = (
    "This is not a question file: its content is {what}. Quizgen imports GIFT and Aiken (text), "
    "Moodle XML and QTI 2.1 (a zip package or one item's XML)."
)
IMPORT_NOT_UTF8 = "This text file is not in UTF-8. Save it as UTF-8 text and import it again."
IMPORT_UNKNOWN_FORMAT = (
    "Quizgen cannot tell the format of this file. It imports GIFT, Moodle XML, Aiken and "
    "QTI 2.1 (a zip package or one item's XML); choose the format if the file is one of these."
)
IMPORT_WRONG_FORMAT = (
    "You chose {chosen}, but this file is {found}. Choose {found} or another file."
)
IMPORT_XML_MALFORMED = "The XML is not well-formed ({error}). Export the file again."
IMPORT_XML_DOCTYPE = (
    "The file declares a document type or entities (<!DOCTYPE …>). Quizgen does not read them "
    "in imported files, since they can fetch other files or expand without end; export the "
    "questions again without it."
)
IMPORT_XML_OTHER = (
    "This XML file is not Moodle XML or QTI 2.1 (its root element is <{root}>). Export the "
    "questions as Moodle XML or QTI 2.1."
)
IMPORT_QTI_1 = (
    "This is a QTI 1.2 file (<questestinterop>); Quizgen imports QTI 2.1. Export the questions "
    "as QTI 2.1."
)
IMPORT_ZIP_DAMAGED = "This zip file could not be read; it may be damaged. Export it again."
IMPORT_ZIP_TOO_LARGE = (
    "This zip package unpacks to more than 50 MB or holds more than 2,000 files, the most "
    "Quizgen reads. Split the question bank."
)
IMPORT_ZIP_NOT_QTI = (
    "This zip file is not a QTI 2.1 content package: it holds no imsmanifest.xml and no "
    "assessmentItem."
)
IMPORT_TOO_MANY_QUESTIONS = (
    "The file holds more than 2,000 questions, the most Quizgen imports at once. Split it."
)

# Skip reasons (the report shows "<kind>: <reason>").
NOT_A_KIND = "not a kind Quizgen marks"
NO_ANSWER = "a description, not a question: it has no answers"
SEVERAL_CORRECT = (
    "several options earn credit; Quizgen's multiple choice has exactly one correct option"
)
NONE_CORRECT = "no option is marked fully correct"
NOT_A_NUMBER = "“{text}” is not a number"
NO_FULL_ANSWER = "no answer earns full credit"
UNREADABLE = "it cannot be read: {why}"


class ImportRefused(ValidationError):
    """The file as a whole is refused; nothing of it is saved."""


@dataclass
class ReadQuestion:
    """A question read from a file, in the shapes `quizgen.services.question_create` takes."""

    where: str
    kind: str
    prompt: str
    options: list[dict] = field(default_factory=list)
    accepted_answers: list[str] = field(default_factory=list)
    answer: object = None
    tolerance: float | None = None
    explanation: str = ""
    title: str = ""
    tags: list[str] = field(default_factory=list)
    # What the file held that Quizgen left out ("the 50% answer “x” counts as wrong").
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Skipped:
    where: str
    kind: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}, {self.kind}: {self.reason}"


@dataclass
class Reading:
    import_format: str
    questions: list[ReadQuestion] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


# Shared helpers of the readers


def partial_credit_note(credit: float, text: str) -> str:
    return f"the {credit:g}% credit of “{text}” was left out: it counts as wrong"


def multiple_choice(
    read: ReadQuestion, options: list, partial: list[str], kind_name: str
) -> ReadQuestion | Skipped:
    """A multiple choice of exactly one fully correct option, or skipped with why; options with
    partial credit (noted in `partial`) count as wrong."""
    correct = sum(1 for option in options if option["correct"])
    if correct > 1 or (correct == 0 and partial):
        return Skipped(read.where, kind_name, SEVERAL_CORRECT)
    if correct == 0:
        return Skipped(read.where, kind_name, NONE_CORRECT)
    read.kind, read.options, read.notes = "multiple_choice", options, partial
    return read


def true_false_options(correct_is_true: bool, *, true_feedback="", false_feedback="") -> list:
    options = []
    for text, correct, feedback in (
        ("True", correct_is_true, true_feedback),
        ("False", not correct_is_true, false_feedback),
    ):
        option = {"text": text, "correct": correct}
        if feedback:
            option["feedback"] = feedback
        options.append(option)
    return options


def is_true_false(texts: list[str]) -> bool:
    return [text.strip().casefold() for text in texts] == ["true", "false"]


_BLANK = re.compile(r"_{3,}")


def text_kind(prompt: str) -> str:
    """A typed answer: fill in the blank when the prompt holds a blank, else short answer."""
    return "fill_blank" if _BLANK.search(prompt) else "short_answer"


_BREAK_TAGS = re.compile(r"<\s*(br|/p|/div|/li|/h[1-6]|/tr)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def html_to_text(markup: str) -> str:
    """The text a student reads in an HTML fragment: tags dropped, entities decoded, lines kept
    where the markup breaks them, spaces folded."""
    text = _BREAK_TAGS.sub("\n", markup)
    text = plain(html.unescape(_TAG.sub("", text)))
    return "\n".join(line for line in text.splitlines() if line)


def plain(text: str) -> str:
    """A plain text with its lines' spaces folded, outer blank lines and control characters
    dropped (quizgen.exports.clean_text)."""
    from quizgen.exports import clean_text

    lines = [" ".join(line.split()) for line in clean_text(text or "").splitlines()]
    return "\n".join(lines).strip()


def decode_text(content: bytes) -> str:
    """UTF-8 (or UTF-16 with its byte-order mark) text, line breaks made \\n."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportRefused(IMPORT_NOT_UTF8, code="not_utf8") from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


_ZIP_MAGIC = b"PK\x03\x04"
_AIKEN_ANSWER = re.compile(r"^ANSWER:\s*[A-Za-z]\s*$", re.MULTILINE)
_XML_ROOT = re.compile(r"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def _refuse_binary(content: bytes) -> None:
    import filetype

    kind = filetype.guess(content)
    if kind is not None and kind.mime != "application/zip":
        raise ImportRefused(
            IMPORT_BINARY.format(what=f"a {kind.extension.upper()} file"), code="binary"
        )
    if content.startswith(_ZIP_MAGIC):
        return
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        binary = "\x00" in decode_text(content)
    else:
        binary = b"\x00" in content
    if binary:
        raise ImportRefused(IMPORT_BINARY.format(what="binary data"), code="binary")


def _xml_root_name(text: str) -> str | None:
    """The local name of the root element of an XML text, skipping the prolog and comments."""
    position = 0
    while True:
        start = text.find("<", position)
        if start < 0:
            return None
        if text.startswith("<?", start):
            position = text.find("?>", start) + 2
        elif text.startswith("<!--", start):
            position = text.find("-->", start) + 3
        elif text.startswith("<!", start):  # a DOCTYPE: the root follows it
            position = text.find(">", start) + 1
        else:
            match = _XML_ROOT.match(text, start)
            return match.group(2) if match else None
        if position <= start:
            return None


def detect_format(name: str, content: bytes) -> tuple[str, str | None]:
    """(format, decoded text or None for a zip) of an uploaded question file."""
    if content.startswith(_ZIP_MAGIC):
        return "qti", None
    text = decode_text(content)
    if text.lstrip().startswith("<"):
        root = _xml_root_name(text)
        if root == "quiz":
            return "moodle", text
        if root == "assessmentItem":
            return "qti", text
        if root == "questestinterop":
            raise ImportRefused(IMPORT_QTI_1, code="qti1")
        if root is not None:
            raise ImportRefused(IMPORT_XML_OTHER.format(root=root), code="other_xml")
    if _AIKEN_ANSWER.search(text):
        return "aiken", text
    if re.search(r"(?<!\\)\{", text) or name.lower().endswith(".gift"):
        return "gift", text
    return "", text


def read_bank(*, name: str, content: bytes, import_format: str = "") -> Reading:
    """Read an uploaded question file (see the module docstring)."""
    if not content:
        raise ImportRefused(IMPORT_EMPTY, code="empty")
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportRefused(IMPORT_TOO_LARGE, code="too_large")
    _refuse_binary(content)
    found, text = detect_format(name or "", content)
    chosen = import_format or found
    if not chosen:
        raise ImportRefused(IMPORT_UNKNOWN_FORMAT, code="unknown_format")
    xml_formats = {"moodle", "qti"}
    if found and chosen != found and (found in xml_formats or chosen in xml_formats):
        raise ImportRefused(
            IMPORT_WRONG_FORMAT.format(chosen=IMPORT_FORMATS[chosen], found=IMPORT_FORMATS[found]),
            code="wrong_format",
        )
    if chosen == "gift":
        from quizgen.imports import gift

        reading = gift.read(text)
    elif chosen == "aiken":
        from quizgen.imports import aiken

        reading = aiken.read(text)
    elif chosen == "moodle":
        from quizgen.imports import moodle

        reading = moodle.read(content)
    else:
        from quizgen.imports import qti

        reading = qti.read(content)
    if len(reading.questions) + len(reading.skipped) > MAX_QUESTIONS:
        raise ImportRefused(IMPORT_TOO_MANY_QUESTIONS, code="too_many")
    return reading


__all__ = [
    "BLANK",
    "IMPORT_FORMATS",
    "ImportRefused",
    "ReadQuestion",
    "Reading",
    "Skipped",
    "read_bank",
]
