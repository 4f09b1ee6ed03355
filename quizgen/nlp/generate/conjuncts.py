"""Whether a clause states one value of two things the text tells apart.

"The parliamentary and presidential elections were held on 27 February" gives one date to two
elections; when another sentence moves one of them ("the presidential election was later moved
to 10 April"), the date may hold for the other only, and a question carrying the clause states
it of both. `split_conjuncts` finds such clauses (and the sentences that pair their lists
"respectively"), so that `features` blocks a question on them: it has several right
answers, or a wrong one.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from quizgen.nlp.generate.clause import sentences_of, token_at
from quizgen.nlp.generate.text import MONTH_NAMES
from quizgen.nlp.parsed import span_ents
from quizgen.nlp.syntax import SUBJECT_DEPS

# Entity labels of the values (dates, figures) a clause may give its subjects.
VALUE_LABELS = frozenset({"DATE", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})


def split_conjuncts(span: Span | None, start: int, doc: Doc | None) -> bool:
    """Whether the clause of the fact at `start` coordinates two subjects or objects ("the
    parliamentary and presidential elections were held on 27 February") and the text gives
    one of them a value of the same kind elsewhere ("the presidential election was later
    moved to 10 April"): the value may hold for one of them only, and a question carrying
    the clause states it of both. A sentence that pairs its lists "respectively" never makes
    a question of one pair."""
    if span is None or doc is None:
        return False
    if re.search(r"\brespectively\b", span.text, re.IGNORECASE):
        return True
    labels = {ent.label_ for ent in span_ents(span)} & VALUE_LABELS
    token = token_at(span, start)
    if token is None or not labels:
        return False
    verb = token
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    keys: list[str] = []  # "lee win" (a name and the verb)
    modified: list[tuple[str, str]] = []  # ("presidential", "election")
    for argument in verb.children:
        if argument.dep_ not in SUBJECT_DEPS | {"dobj"}:
            continue
        parts = [c for c in argument.children if c.dep_ == "conj"]
        if parts:
            keys.extend(
                f"{re.escape(p.lemma_.casefold())} .*{re.escape(verb.lemma_.casefold())}"
                for p in [argument, *parts]
            )
        for modifier in argument.children:
            if modifier.dep_ in {"amod", "compound"}:
                more = [c for c in modifier.children if c.dep_ == "conj"]
                if more:
                    noun = argument.lemma_.casefold()
                    modified.extend((m.lower_, noun) for m in [modifier, *more])
    if not keys and not modified:
        return False
    _, sentences = sentences_of(doc)
    for other in sentences:
        if other.start == span.start:
            continue
        text = " ".join(t.lemma_.casefold() for t in other)
        if any(re.search(rf"\b{key}\b", text) for key in keys):
            if any(ent.label_ in labels for ent in span_ents(other)):
                return True
        if any(_valued_elsewhere(other, pair, labels) for pair in modified):
            return True
    return False


SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})


def _valued_elsewhere(other: Span, pair: tuple[str, str], labels: set[str]) -> bool:
    """Whether sentence `other` gives "general election" (a modifier and its noun) a
    value of one of `labels` in its own clause ("will hold a general election in the
    autumn"; a season counts as a date though the recogniser misses it)."""
    modifier, noun = pair
    for token in other:
        if token.lemma_.casefold() != noun or not any(
            child.lower_ == modifier for child in token.children
        ):
            continue
        clause = token
        while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
            clause = clause.head
        within = {t.i for t in clause.subtree}
        for ent in span_ents(other):
            if ent.label_ in labels and ent.root.i in within:
                return True
        if "DATE" in labels and any(
            other.doc[i].lower_ in SEASONS or other.doc[i].text in MONTH_NAMES for i in within
        ):
            return True
    return False
