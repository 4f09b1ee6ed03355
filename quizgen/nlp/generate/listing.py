"""Drafts as plain JSON-able data, for the command, the evaluation and the golden files."""

from __future__ import annotations

from typing import Any

from quizgen.nlp.types import QuestionDraft


def draft_as_json(draft: QuestionDraft) -> dict[str, Any]:
    """Every field a teacher or a developer inspects, as plain JSON-able data."""
    return {
        "kind": draft.kind,
        "prompt": draft.prompt,
        "options": [{"text": text, "correct": correct} for text, correct in draft.options],
        "accepted_answers": list(draft.accepted_answers),
        "answer": draft.answer,
        "recommended": draft.recommended,
        "score": draft.score,
        "difficulty": draft.difficulty,
        "defects": list(draft.defects),
        "explanation": draft.explanation,
        "source_sentence": draft.source_sentence.text,
        "source_start": draft.source_sentence.start,
        "source_end": draft.source_sentence.end,
        "source_region": draft.source_sentence.region,
        "fact_keys": list(draft.fact_keys),
        "fingerprint": draft.fingerprint,
        "rule": draft.rule,
    }
