"""Whether a true/false item may state a changed value, and so be keyed False.

A changed date is a fair falsehood only where the date is what its clause tells: the day
someone was born, died, was elected or appointed, the year a body was founded. A background
date ("the first coffee house opened in 1652", "a law passed in 1930") moved by a few years
tests memory of an incidental number, and a date under "by", "before", "until", "since",
"as early as" or "as of" is a bound: "widely used by 1900" is as true of 1905, and "over 500 by
1708" says nothing of 1703. A decade ("in the 1930s") dates a state that may well have lasted
into the next. A figure given as a bound ("over 500", "nearly 40") is no point value either.
Where no fair falsehood can be made, the statement is offered as the text makes it (True).

Between the two, a named actor's dated event ("the Soviet Union invaded Afghanistan in
1979") may be moved only to a date the text gives for another event: that tests which event
the text puts when, not memory of a year nudged by five.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from quizgen.nlp.types import DateFact, Fact, FigureFact

# Verbs (lemmas) whose date is the event's own, of one event in its subject's life: the date
# is the point of the clause.
POINT_EVENT_VERBS = frozenset(
    """bear die elect appoint found establish crown inaugurate marry assassinate execute
    graduate retire resign abdicate knight ordain canonise canonize beatify baptise baptize
    christen swear nominate succeed""".split()
)
# Verbs of a state, which may hold over many years: a date of theirs is no point in time.
STATE_VERBS = frozenset(
    """be have use live work serve remain stay continue exist hold own know contain include
    belong reside teach study play run lead keep spread grow flourish""".split()
)
FALSE, FALSE_FROM_TEXT = "false", "false:text"  # as `builders` reads them
# Prepositions after which a date is the time of the event, not a bound on it.
POINT_PREPOSITIONS = frozenset({"in", "on", "during"})
PRECISE = frozenset({"day", "month", "year"})
# Words that make the value that follows them a bound or an estimate.
BOUND_BEFORE = re.compile(
    r"\b(by|before|after|since|until|till|through|as early as|as late as|as of|up to|prior to|"
    r"no later than|no earlier than|not until|earlier than|later than|around|about|circa|c\.|"
    r"ca\.|over|more than|less than|fewer than|at least|at most|nearly|almost|roughly|"
    r"approximately|some|under|upwards of|as many as|as much as|close to|within|beyond)"
    r"\s+(the\s+)?((end|start|beginning|middle|turn)\s+of\s+(the\s+)?|early\s+|late\s+|mid-?)?$",
    re.IGNORECASE,
)
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
NEGATIONS = frozenset({"not", "never", "n't", "no"})


def may_falsify(doc: Doc, fact: Fact, start: int, end: int) -> str:
    """How the date or figure written at [start, end) of `doc` may be swapped for another
    value to make a statement that is certainly, and fairly, false: with any distractor
    (`FALSE`), only with a date the text gives elsewhere (`FALSE_FROM_TEXT`), or not ('')."""
    if isinstance(fact, DateFact):
        return _date_falsehood(doc, fact, start, end)
    if isinstance(fact, FigureFact):
        return "" if fact.qualifier or _bounded(doc, start) else FALSE
    return ""


def _bounded(doc: Doc, start: int) -> bool:
    """Whether the words before character `start` make the value a bound ("by 1900")."""
    return bool(BOUND_BEFORE.search(doc.text[max(0, start - 40) : start]))


def _date_falsehood(doc: Doc, fact: DateFact, start: int, end: int) -> str:
    if fact.vague or fact.precision not in PRECISE or _bounded(doc, start):
        return ""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    verb = _dated_verb(span.root)
    if verb is None:
        return ""
    if any(child.dep_ == "neg" or child.lower_ in NEGATIONS for child in verb.children):
        return ""  # "was not elected in 1964" is as true of 1967
    lemma = verb.lemma_.lower()
    if lemma in POINT_EVENT_VERBS:
        return FALSE
    if lemma in STATE_VERBS or verb.pos_ == "AUX" or verb.tag_ == "VBG":
        return ""  # "was common in 1930", "lived in Leeds in 1930": true of other years too
    subject = _subject(verb)
    if subject is not None and subject.pos_ == "PROPN":
        return FALSE_FROM_TEXT
    return ""


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is coordinated with."""
    for candidate in (verb, verb.head if verb.dep_ == "conj" else None):
        if candidate is None:
            continue
        for child in candidate.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return child
    return None


def _dated_verb(root: Token) -> Token | None:
    """The verb the date is the time of: "[born] in 1921", "[died] 3 May 1990"; None when the
    date hangs on a noun ("the 1930 law"), or on a preposition that makes it a bound."""
    if root.dep_ == "pobj":
        preposition = root.head
        if preposition.lower_ not in POINT_PREPOSITIONS or preposition.dep_ != "prep":
            return None
        head = preposition.head
        if head.ent_type_ in PLACE_TYPES and head.dep_ == "pobj" and head.head.dep_ == "prep":
            head = head.head.head  # "born in Dover in 1921", the year hung on the place
    elif root.dep_ in {"npadvmod", "tmod"}:
        head = root.head
    else:
        return None
    return head if head.pos_ in {"VERB", "AUX"} else None
