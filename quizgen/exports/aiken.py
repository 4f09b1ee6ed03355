"""Aiken: multiple choice only; everything else is listed as left out."""

from __future__ import annotations

from collections.abc import Sequence
from string import ascii_uppercase

from quizgen.exports import Export, clean_text, correct_index, left_out_note, register, slug
from quizgen.models import Question


def _line(text: str) -> str:
    return " ".join(clean_text(text).split())


@register("aiken")
def export_aiken(questions: Sequence[Question], title: str) -> Export:
    blocks, left_out = [], []
    for question in questions:
        if question.kind not in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE):
            left_out.append(left_out_note(question, "Aiken holds multiple-choice questions only"))
            continue
        index = correct_index(question)
        if index is None or not 2 <= len(question.options) <= len(ascii_uppercase):
            left_out.append(left_out_note(question, "it needs one correct option"))
            continue
        lines = [_line(question.prompt)]
        lines += [
            f"{ascii_uppercase[i]}. {_line(option.get('text', ''))}"
            for i, option in enumerate(question.options)
        ]
        lines.append(f"ANSWER: {ascii_uppercase[index]}")
        blocks.append("\n".join(lines))
    return Export(
        content=("\n\n".join(blocks) + "\n").encode("utf-8"),
        filename=f"{slug(title)}.aiken.txt",
        media_type="text/plain; charset=utf-8",
        left_out=tuple(left_out),
    )
