"""Which dates of a sentence may belong to another clause than the verb they hang on.

In "moved to Malta, where he took command of the brigade, in June" the parser hangs "in June"
on "moved", but the date may as well be the taking of command: a reader cannot tell. Such a
stranded date (`stranded_dates`) is never asked for the verb before it nor carried into a
question on that verb (`stranded_date`); `features` blocks the draft as a date that may
contradict its own answer.
"""

from __future__ import annotations

from spacy.tokens import Span

from quizgen.nlp.generate.text import contains_phrase
from quizgen.nlp.parsed import span_ents
from quizgen.nlp.types import QuestionDraft

RELATIVE_WORDS = frozenset({"where", "which", "who", "whom", "whose", "when", "that"})


def stranded_dates(span: Span | None) -> list[Span]:
    """The dates of a sentence written after a relative clause set off by commas and hung on
    the verb before it ("moved to Malta, where he took command of the brigade, in June"): the
    date may as well be the relative clause's, so it is never asked for the verb before it
    nor carried into a question on that verb."""
    if span is None:
        return []
    found = []
    for ent in span_ents(span):
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        verb = ent.root
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        if verb.i >= ent.start:
            continue
        before = span.doc[ent.start - 1] if ent.start > span.start else None
        if before is not None and before.dep_ == "prep":
            before = span.doc[before.i - 1] if before.i > span.start else None
        if before is None or before.text != ",":
            continue
        for token in span.doc[verb.i + 1 : ent.start]:
            if token.dep_ not in {"relcl", "advcl"} or token.i == verb.i:
                continue
            tokens = list(token.subtree)
            if tokens[0].i <= verb.i or tokens[-1].i >= ent.start:
                continue
            opens = span.doc[tokens[0].i - 1] if tokens[0].i > span.start else None
            relative = tokens[0].lower_ in RELATIVE_WORDS or (
                token.dep_ == "relcl" and tokens[0].dep_ == "prep"
            )
            if relative and opens is not None and opens.text == ",":
                found.append(ent)
                break
    return found


def stranded_date(draft: QuestionDraft, span: Span | None, start: int) -> bool:
    """Whether the draft asks for, or states, a date `stranded_dates` finds."""
    for ent in stranded_dates(span):
        if ent.start_char <= start < ent.end_char or contains_phrase(draft.prompt, ent.text):
            return True
    return False
