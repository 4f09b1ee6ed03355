"""What is read of one parse again and again, computed once and kept with the Doc.

spaCy rebuilds `doc.text` from every token on each access, and `doc.ents` (and every
`span.ents`, which reads all of `doc.ents`) from every token's entity tags; the values are
kept in `doc.user_data` (spaCy's store for a caller's own data) the first time they are
asked for. A doc's entities are not changed once it is parsed.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

_TEXT_KEY = ("quizgen", "text")
_ENTS_KEY = ("quizgen", "ents")


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per doc."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def _ents_index(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    found = doc.user_data.get(_ENTS_KEY)
    if found is None:
        ents = tuple(doc.ents)
        found = (ents, [ent.start for ent in ents])
        doc.user_data[_ENTS_KEY] = found
    return found


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, computed once per doc."""
    return _ents_index(doc)[0]


def span_ents(span: Span | Doc) -> list[Span]:
    """`span.ents` (the entities that fall completely within the span, up to the first that
    runs past its end, as spaCy gives them), from the doc's entities computed once."""
    if isinstance(span, Doc):
        return list(doc_ents(span))
    ents, starts = _ents_index(span.doc)
    found = []
    for ent in ents[bisect_left(starts, span.start) :]:
        if ent.end > span.end:
            break
        found.append(ent)
    return found
