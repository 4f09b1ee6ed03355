"""Fact extraction: dates, figures, actors and quotes from a text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from quizgen.nlp.pipeline import DEFAULT_MODEL, load_pipeline
from quizgen.nlp.types import (
    ActorFact,
    DateFact,
    Extraction,
    Fact,
    FigureFact,
    Mention,
    Sentence,
)

ACTOR_LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "country", "NORP": "group"}
FIGURE_LABELS = {"MONEY", "CARDINAL", "PERCENT", "QUANTITY"}
YEAR_RE = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
MONTHS = {
    name: index
    for index, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def extract_facts(
    text: str,
    *,
    published_on: date | None = None,
    title: str = "",
    nlp: Language | None = None,
) -> Extraction:
    """Extract the facts of one text. Offsets index into `text` exactly as given."""
    pipeline = nlp or load_pipeline(DEFAULT_MODEL)
    return _extract(pipeline(text), published_on=published_on)


def extract_many(
    texts: Iterable[tuple[str, date | None]],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
) -> list[Extraction]:
    """Extract facts from many (text, publication date) pairs through one `nlp.pipe`."""
    pipeline = nlp or load_pipeline(DEFAULT_MODEL)
    pairs = list(texts)
    docs = pipeline.pipe((text for text, _ in pairs), batch_size=batch_size)
    return [
        _extract(doc, published_on=published)
        for doc, (_, published) in zip(docs, pairs, strict=True)
    ]


def _sentence(span: Span) -> Sentence:
    sent = span.sent
    return Sentence(text=sent.text, start=sent.start_char, end=sent.end_char)


def _extract(doc: Doc, *, published_on: date | None) -> Extraction:
    sentences = tuple(Sentence(s.text, s.start_char, s.end_char) for s in doc.sents)
    facts: list[Fact] = []
    facts.extend(_dates(doc, published_on))
    facts.extend(_figures(doc))
    facts.extend(_actors(doc))
    facts.sort(key=lambda fact: (fact.start, fact.kind))
    return Extraction(text=doc.text, sentences=sentences, facts=tuple(facts), doc=doc)


def _dates(doc: Doc, published_on: date | None) -> list[DateFact]:
    found = []
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        value, precision = _normalise_date(ent.text, published_on)
        found.append(
            DateFact(
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                sentence=_sentence(ent),
                value=value,
                precision=precision,
                vague=value is None,
                confidence=0.9 if value else 0.5,
            )
        )
    return found


def _normalise_date(text: str, published_on: date | None) -> tuple[str | None, str]:
    lowered = text.lower()
    year_match = YEAR_RE.search(text)
    month = next((number for name, number in MONTHS.items() if name in lowered), None)
    if year_match is None and published_on is not None and "this year" in lowered:
        year = published_on.year
    elif year_match is not None:
        year = int(year_match.group(1))
    else:
        return None, "vague"
    if month:
        return f"{year:04d}-{month:02d}", "month"
    return f"{year:04d}", "year"


def _figures(doc: Doc) -> list[FigureFact]:
    found = []
    for ent in doc.ents:
        if ent.label_ not in FIGURE_LABELS:
            continue
        number = _parse_number(ent.text)
        if number is None:
            continue
        unit = "USD" if "$" in ent.text else ("%" if ent.label_ == "PERCENT" else "")
        qualifier = ent[0].text.lower() if ent[0].lower_ in {"over", "about", "nearly"} else ""
        counted = ""
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is not None and nxt.pos_ in {"NOUN", "ADJ", "PROPN"}:
            counted = " ".join(token.text for token in doc[ent.end : nxt.head.i + 1])
        found.append(
            FigureFact(
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                sentence=_sentence(ent),
                value=number,
                unit=unit,
                qualifier=qualifier,
                counted=counted,
                label=ent.label_.lower(),
            )
        )
    return found


def _parse_number(text: str) -> float | None:
    cleaned = text.lower().replace(",", "")
    match = re.search(r"\d+(?:\.\d+)?", cleaned)
    if match is None:
        return None
    value = float(match.group(0))
    for word, factor in SCALE.items():
        if word in cleaned:
            value *= factor
    return value


def _canonical(ent: Span) -> str:
    tokens = [token for token in ent if not (token.i == ent.start and token.lower_ == "the")]
    return "".join(token.text_with_ws for token in tokens).strip()


def _actors(doc: Doc) -> list[ActorFact]:
    clusters: dict[str, list[Span]] = {}
    labels: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        name = _canonical(ent)
        key = next(
            (
                existing
                for existing in clusters
                if labels[existing] == ACTOR_LABELS[ent.label_]
                and (existing.endswith(" " + name) or name.endswith(" " + existing))
            ),
            name,
        )
        if key != name and len(name) > len(key):
            clusters[name] = clusters.pop(key)
            labels[name] = labels.pop(key)
            key = name
        clusters.setdefault(key, []).append(ent)
        labels.setdefault(key, ACTOR_LABELS[ent.label_])
    actors = []
    for name, spans in clusters.items():
        first = spans[0]
        actors.append(
            ActorFact(
                text=first.text,
                start=first.start_char,
                end=first.end_char,
                sentence=_sentence(first),
                value=name,
                label=labels[name],
                mentions=tuple(Mention(s.text, s.start_char, s.end_char) for s in spans),
                aliases=tuple(sorted({_canonical(s) for s in spans} - {name})),
            )
        )
    return actors
