"""Facts as plain JSON-able data, for the `facts` command and the golden files."""

from __future__ import annotations

from typing import Any

from quizgen.nlp.types import Extraction, Fact, FactKind

KIND_ORDER = (FactKind.DATE, FactKind.FIGURE, FactKind.ACTOR, FactKind.QUOTE, FactKind.TERM)


def fact_as_dict(fact: Fact) -> dict[str, Any]:
    """One fact with its span, sentence, value and kind-specific details."""
    return {
        "kind": fact.kind,
        "key": fact.key,
        "text": fact.text,
        "start": fact.start,
        "end": fact.end,
        "sentence": fact.sentence.text,
        "sentence_start": fact.sentence.start,
        "sentence_end": fact.sentence.end,
        "value": fact.value,
        "label": fact.label,
        "confidence": fact.confidence,
        **fact.details(),
    }


def extraction_as_dict(extraction: Extraction) -> dict[str, list[dict[str, Any]]]:
    """The facts of an extraction grouped by kind, each group in text order."""
    return {
        kind: [fact_as_dict(fact) for fact in extraction.facts if fact.kind == kind]
        for kind in KIND_ORDER
    }
