"""CSV: every question, one row each, answers as JSON where they are structured."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence

from quizgen.exports import Export, SpreadsheetWriter, register, slug
from quizgen.models import Question

COLUMNS = [
    "id",
    "kind",
    "prompt",
    "options",
    "correct",
    "accepted_answers",
    "answer",
    "tolerance",
    "explanation",
    "source_sentence",
]


@register("csv")
def export_csv(questions: Sequence[Question], title: str) -> Export:
    buffer = io.StringIO()
    writer = SpreadsheetWriter(buffer)
    writer.writerow(COLUMNS)
    for question in questions:
        writer.writerow(
            [
                question.pk,
                question.kind,
                question.prompt,
                " | ".join(str(option.get("text", "")) for option in question.options),
                " | ".join(question.correct_options),
                " | ".join(map(str, question.accepted_answers)),
                json.dumps(question.answer, ensure_ascii=False) if question.answer else "",
                "" if question.tolerance is None else question.tolerance,
                question.explanation,
                question.source_sentence,
            ]
        )
    return Export(
        content=buffer.getvalue().encode("utf-8"),
        filename=f"{slug(title)}.csv",
        media_type="text/csv; charset=utf-8",
    )
