"""GIFT, Moodle's plain-text question format.

Every question is marked `[plain]`, so Moodle shows its text as written instead of reading it
as HTML. GIFT's special characters `~ = # { } :` and the backslash are escaped with a
backslash. Two sequences GIFT cannot escape are broken with an invisible U+2060 WORD JOINER:
`->` (which would turn a question into a matching one) becomes `-\u2060>`, and an answer
starting with `%50%` (read as a weight) starts with U+2060. Control characters are removed
(quizgen.exports.clean_text); a line break is written `\\n`, as GIFT spells one inside a
text (a blank line would end the question), and the spaces within a line are folded, as the
import folds them (quizgen.imports.plain).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from learning.matching import DocumentKeys
from quizgen.exports import (
    Export,
    accepted_texts,
    clean_text,
    left_out_note,
    matching_pairs,
    numeric_answer,
    register,
    slug,
)
from quizgen.models import Question

_SPECIAL = "~=#{}:\\"
WORD_JOINER = "\u2060"
_WEIGHT = re.compile(r"^%-?[0-9.]+%")


def escape(text: str) -> str:
    """Escape GIFT's special characters and sequences, drop controls, write line breaks as
    `\\n`."""
    lines = [" ".join(line.split()) for line in clean_text(text).splitlines()]
    text = "\n".join(lines).strip()
    text = "".join(f"\\{ch}" if ch in _SPECIAL else ch for ch in text)
    return text.replace("->", f"-{WORD_JOINER}>").replace("\n", "\\n")


def escape_answer(text: str) -> str:
    """An answer's text: escaped, and never read as a `%weight%`."""
    text = escape(text)
    return WORD_JOINER + text if _WEIGHT.match(text) else text


def _number(value: float) -> str:
    return f"{value:g}"


def gift_question(question: Question, keys=None) -> str | None:
    title = f"::Q{question.pk}::"
    prompt = escape(question.prompt)
    feedback = f"####{escape(question.explanation)}" if question.explanation else ""
    kind = question.kind
    if kind == Question.Kind.MULTIPLE_CHOICE:
        answers = " ".join(
            ("=" if option.get("correct") else "~")
            + escape_answer(option.get("text", ""))
            + (f"#{escape(option['feedback'])}" if option.get("feedback") else "")
            for option in question.options
        )
    elif kind == Question.Kind.TRUE_FALSE:
        correct = next((o["text"] for o in question.options if o.get("correct")), "")
        answers = "T" if str(correct).strip().lower() in {"true", "t", "yes"} else "F"
    elif kind in (Question.Kind.FILL_BLANK, Question.Kind.SHORT_ANSWER):
        accepted = accepted_texts(question, keys)
        if not accepted:
            return None
        answers = " ".join(f"={escape_answer(text)}" for text in accepted)
    elif kind == Question.Kind.NUMERIC:
        number = numeric_answer(question)
        if number is None:
            return None
        answers = f"#{_number(number[0])}:{_number(number[1])}"
    elif kind == Question.Kind.MATCHING:
        pairs = matching_pairs(question)
        if len(pairs) < 2:
            return None
        answers = " ".join(f"={escape(left)} -> {escape_answer(right)}" for left, right in pairs)
    else:
        return None
    return f"{title}[plain]{prompt} {{{answers}{feedback}}}"


@register("gift")
def export_gift(questions: Sequence[Question], title: str) -> Export:
    blocks, left_out = [f"// {' '.join(clean_text(title).split())}", ""], []
    keys = DocumentKeys.of_questions(questions)  # the documents' people, in one query
    for question in questions:
        block = gift_question(question, keys)
        if block is None:
            reason = (
                "GIFT has no ordering questions"
                if question.kind == Question.Kind.ORDERING
                else "it has no answer to export"
            )
            left_out.append(left_out_note(question, reason))
            continue
        blocks.extend([block, ""])
    return Export(
        content="\n".join(blocks).encode("utf-8"),
        filename=f"{slug(title)}.gift.txt",
        media_type="text/plain; charset=utf-8",
        left_out=tuple(left_out),
    )
