"""Vague questions, which other answers fit as well (the rules `worth.VAGUE_FEATURES` name).

- `year_as_noun`: a cloze blanking a year that is no time adjunct ("The finalists for _____
  include", "The _____ season", "Pasco opened _____ with Dunmore"): other words fill it as well.
- `same_predicate_elsewhere`: the answer modifies a subject the text says the same thing of
  elsewhere ("Food shortages in _____ were severe" beside "Shortages in Wales were also
  severe").
- `one_example_of_several`: the answer is an example a list opens ("plays including _____",
  "institutions like _____", "geologists such as _____"): the others fit as well.
- `also_dropped`: "also" said of the clause a name is asked from, and dropped ("Corwin
  also was a surveyor in Fenland" asked as "… a surveyor in _____").
- `passive_by_date`: a date blanked after "by" behind a passive verb ("were ennobled by
  _____"), which reads as who did it.
- `when_for_a_seeming`: "When" for how something seemed ("When did the idea seem
  unlikely?"): a state, true at other times too.
- `contest_dropped`: a medal or a placing asked without the contest it was won in ("Who
  won bronze in the 800m?" of "Whitlock won gold at the 1996 Games, while Osei won bronze
  in the 800m"): the prompt keeps none of its sentence's names and dates but the answer.

A relative of the text's person as the answer (`relative_of_subject`) is in `side_figures`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from quizgen.nlp.generate.clause import token_at
from quizgen.nlp.generate.side_figures import _clause_verb
from quizgen.nlp.generate.text import BLANK, normalise
from quizgen.nlp.generate.text import prompt_body as _body
from quizgen.nlp.parsed import span_ents
from quizgen.nlp.syntax import SUBJECT_DEPS, subject_of
from quizgen.nlp.types import FACT_ASKING as ASKING
from quizgen.nlp.types import QuestionDraft, QuestionKind

YEAR_ANSWER = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")
# Words after which a year is a time: "in 1990", "by 1990", "from 1990 to 1995", "the
# summer of 1990", "early 1990".
TIME_WORDS = frozenset(
    """in on by since until till from to during before after between around circa c.
    through throughout of and or early late mid until, ago""".split()
)


def year_as_noun(draft: QuestionDraft) -> bool:
    """Whether a cloze blanks a year the sentence uses as a noun or a modifier, not as a
    time ("The finalists for _____ include …", "the _____ season", "Pasco opened _____ with
    Dunmore"): other words fit the blank as well as the year."""
    if draft.kind != QuestionKind.FILL_BLANK or not YEAR_ANSWER.match(draft.answer_text.strip()):
        return False
    body = _body(draft.prompt)
    at = body.find(BLANK)
    if at < 0:
        return False
    before = body[:at].rstrip()
    if not before:
        return True  # "_____ saw the end of the war"
    if before[-1] in ",–-(":
        return False  # "in May, _____", a range "1990 – _____"
    word = before.split()[-1].lower()
    return word not in TIME_WORDS


def same_predicate_elsewhere(span: Span | None, start: int, doc: Doc | None) -> bool:
    """Whether the answer modifies its clause's subject ("Food shortages in _____ were
    severe") and another sentence says the same of a subject with the same head noun
    ("Shortages in Wales were also severe"): the question has more than one answer."""
    if span is None or doc is None:
        return False
    token = token_at(span, start)
    if token is None:
        return False
    while token.dep_ in {"compound", "flat", "amod", "det"} and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return False
    noun = token.head.head
    if noun.dep_ not in SUBJECT_DEPS:
        return False
    key = _predicate(noun.head)
    if key is None:
        return False
    for other in doc:
        if other.i in range(span.start, span.end) or other.lemma_.lower() != noun.lemma_.lower():
            continue
        if other.dep_ in SUBJECT_DEPS and _predicate(other.head) == key:
            return True
    return False


def _predicate(verb: Token) -> str | None:
    """What a clause says of its subject: the verb's lemma, or for "be" its complement's."""
    if verb.lemma_ == "be":
        complements = [c for c in verb.children if c.dep_ in {"acomp", "attr"}]
        return f"be {complements[0].lemma_.lower()}" if complements else None
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    objects = [c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"]
    return " ".join([verb.lemma_.lower(), *objects])


EXAMPLE_OPENERS = re.compile(
    r"\b(?:including|such as|like|among them|e\.g\.,?|for example|for instance)\s+"
    r"(?:_____|(?:what|which|whom|who)\b)",
    re.IGNORECASE,
)


def one_example_of_several(draft: QuestionDraft) -> bool:
    """Whether the blank or the wh-phrase stands for an example a list opens ("wrote
    several plays, including _____", "lectured at institutions like _____"): "including"
    and "such as" name some of many, and any other fits."""
    return draft.kind in ASKING and bool(EXAMPLE_OPENERS.search(_body(draft.prompt)))


ALSO = frozenset({"also", "too"})


def also_dropped(draft: QuestionDraft, span: Span | None, start: int) -> bool:
    """Whether the sentence says "also" of the clause a name is asked from and the prompt
    drops it, where "also" says the same holds of another: of another subject ("The
    ministry will also provide funding" asked as "Which ministry will provide funding?"),
    or of another place or thing a "be" clause names ("Corwin also was a surveyor in
    Fenland" asked as "… a surveyor in _____"). After another verb, "also" adds a deed
    ("She also restored the hall"), and the name asked stays the one answer."""
    if draft.kind not in ASKING or not any(k.startswith("actor:") for k in draft.fact_keys):
        return False
    token = token_at(span, start) if span is not None else None
    if token is None:
        return False
    verb = _clause_verb(token)
    if not any(c.lower_ in ALSO and c.dep_ == "advmod" for c in verb.children):
        return False
    subject = subject_of(verb, through={"conj", "xcomp"})
    if not (verb.lemma_ == "be" or subject is not None and token in subject.subtree):
        return False
    return not re.search(r"\b(?:also|too)\b", _body(draft.prompt).lower())


PASSIVE_BY_BLANK = re.compile(
    rf"\b(?:was|were|is|are|been|be|being)\s+(?:\w+\s+)?\w+(?:ed|en|wn|t)\s+by\s+(?:the\s+)?{BLANK}"
)


def passive_by_date(draft: QuestionDraft) -> bool:
    """Whether a cloze blanks a date after "by" right behind a passive verb ("Her relatives
    were ennobled by _____" for "By 1818, her relatives had been ennobled"): the blank
    reads as who did it, and a name fits it as well as the year."""
    if draft.kind != QuestionKind.FILL_BLANK or not any(
        k.startswith("date:") for k in draft.fact_keys
    ):
        return False
    return bool(PASSIVE_BY_BLANK.search(_body(draft.prompt)))


# "Seem": a state, held over a time no "When" picks out.
SEEMING = re.compile(r"\b(?:seem|seems|seemed)\b(?!\s+to\b)")


def when_for_a_seeming(draft: QuestionDraft) -> bool:
    """Whether "When" asks for the time of how something seemed ("When did the idea seem
    unlikely?", or its cloze "… seemed unlikely in the _____"): it seemed so before and
    after too, so other times fit."""
    body = _body(draft.prompt)
    if draft.kind not in ASKING or not SEEMING.search(body):
        return False
    dated = any(key.startswith("date:") for key in draft.fact_keys)
    return bool(re.match(r"When\b", body)) or draft.kind == QuestionKind.FILL_BLANK and dated


MEDAL_OR_PLACING = re.compile(
    r"\b(?:gold|silver|bronze|medals?|medallist|medalist|runner-up|podium)\b"
    r"|\b(?:finish(?:ed)?|came|placed|come|take|took)\s+(?:first|second|third|fourth|fifth)\b",
    re.IGNORECASE,
)
CONTEST_WORDS = re.compile(
    r"\b(?:Olympics?|Olympiad|Games|Championships?|Cup|Trophy|Open|Grand Prix|Tournament|"
    r"Final|League|Series|Rally|Marathon)\b"
)
# Entity labels that say what a competitor won in: the contest, its place, its year.
CONTEST_LABELS = frozenset({"EVENT", "DATE", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART"})


def contest_dropped(draft: QuestionDraft, span: Span | None, start: int) -> bool:
    """Whether a medal or placing is asked without the contest it was won in: the sentence
    names a contest, a place or a date besides the answer and the prompt keeps none of
    them, nor a contest word of its own ("Who won bronze in the 800m?")."""
    if span is None or draft.kind not in ASKING | {QuestionKind.TRUE_FALSE}:
        return False
    body = _body(draft.prompt)
    if not MEDAL_OR_PLACING.search(body) or CONTEST_WORDS.search(body):
        return False
    answer = normalise(draft.answer_text)
    names = [
        ent.text
        for ent in span_ents(span)
        if ent.label_ in CONTEST_LABELS
        and not (ent.start_char <= start < ent.end_char)
        and normalise(ent.text) not in answer
    ]
    if not names:
        return False
    prompt = normalise(body)
    return not any(normalise(name) in prompt for name in names)
