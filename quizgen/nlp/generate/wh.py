"""Wh-questions: the fact in its sentence becomes the gap of a grammatical question."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lemminflect import getInflection
from spacy.tokens import Doc, Span, Token

from quizgen.nlp.actors import GOING_PREPOSITIONS, GOING_VERBS
from quizgen.nlp.dates import MONTH_PATTERN, WEEKDAY_PATTERN
from quizgen.nlp.generate.clause import (
    Antecedents,
    Clause,
    answer_span,
    base_form,
    build_clause,
    clause_head,
    doc_index,
    gapped_tail,
    participle_clause,
    render,
    render_active,
    sentence_index,
    sentence_of,
    statement_with_blank,
    unnamed_relative_head,
)
from quizgen.nlp.generate.text import normalise, statement_cut
from quizgen.nlp.parsed import doc_text
from quizgen.nlp.syntax import SUBJECT_DEPS, subject_of
from quizgen.nlp.types import ActorFact, DateFact, Fact, FigureFact

BANK_PATH = Path(__file__).with_name("distractor_bank.json")
# Prepositions after which "When ...?" asks for the same thing the date answers.
WHEN_PREPOSITIONS = {"in", "on", "at", "during"}
FRAMED_WHEN = {"since": "Since when", "until": "Until when", "till": "Until when"}
QUALIFIER_WORDS = {"over", "about", "nearly", "almost", "around", "some", "more", "than", "less"}
MAX_QUESTION_WORDS = 32


@lru_cache(maxsize=1)
def bank() -> dict[str, list[str]]:
    """The reviewed built-in distractor bank (actors per type, countries, cities)."""
    return json.loads(BANK_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _alias_groups() -> dict[str, int]:
    return {
        normalise(name): index for index, group in enumerate(bank()["aliases"]) for name in group
    }


def same_thing(first: str, second: str) -> bool:
    """Whether two names are known aliases of one actor ("USSR" and "Soviet Union")."""
    a, b = normalise(first), normalise(second)
    if a == b:
        return True
    groups = _alias_groups()
    return a in groups and groups.get(a) == groups.get(b)


def aliases_of(name: str) -> list[str]:
    """Other known names of the same actor, from the bank's alias groups."""
    group = _alias_groups().get(normalise(name))
    if group is None:
        return []
    return [alias for alias in bank()["aliases"][group] if normalise(alias) != normalise(name)]


@lru_cache(maxsize=2)
def _names(kind: str) -> frozenset[str]:
    return frozenset(normalise(name) for name in bank()[kind])


def is_country(name: str) -> bool:
    return normalise(name) in _names("country")


def is_city(name: str) -> bool:
    return normalise(name) in _names("city")


@dataclass(frozen=True)
class WhQuestion:
    """A question about one fact mention, with the statement and cloze it came with."""

    question: str
    statement: str
    cloze: str
    answer_text: str
    start: int
    end: int
    sentence_index: int
    subject_resolved: bool
    wh: str
    remainder: str  # the statement without the answer's phrase: the event a date dates
    # Whether the remainder reads alone as an item of a timeline or a matching: it names its
    # subject and has no pronoun or demonstrative to resolve (`item_stands_alone`).
    stands_alone: bool = False


def wh_question(
    doc: Doc, fact: Fact, start: int, end: int, antecedents: Antecedents
) -> WhQuestion | None:
    """Build the question whose answer is the text at [start, end), or None if unsafe."""
    found = answer_in_clause(doc, start, end, antecedents)
    if found is None:
        return None
    span, clause = found
    relative = not clause.subject or clause.subject[0].tag_ in {"WDT", "WP"}
    if relative and unnamed_relative_head(clause.verb):
        return None  # "a truce that held until 1867" would be stated of "the truce"
    answer_ids = {t.i for t in span}
    if isinstance(fact, ActorFact) and _after_comma(span):
        return None  # "moved to Tessel, in Norland": the place says where Tessel is
    if cut_short(clause.verb, clause.tokens):
        return None  # "Pasco moved on June 8" for "Pasco moved to first base on June 8"
    planned = _plan(span, clause, fact)
    if planned is None:
        return None
    lead, gap, subject_question = planned
    active = lead.startswith(ACTIVE)
    lead = lead.removeprefix(ACTIVE)
    if not _has_content(clause, gap):
        return None  # "Who had come?": nothing in the question says what it is about
    if _dangling_reference(clause, gap, subject_question):
        return None  # a question whose reference cannot be resolved is dropped
    if active:
        question = render_active(clause, skip=gap, lead=lead)
    else:
        question = render(clause, skip=gap, lead=lead, inverted=not subject_question)
    statement = render(clause, skip=set())
    cloze = statement_with_blank(clause, answer_ids)
    remainder = render(clause, skip=gap)
    if question is None or statement is None or cloze is None or remainder is None:
        return None
    if statement_cut(statement):
        return None  # "When were there Velmark in 1851 and Norland?"
    if len(question.split()) > MAX_QUESTION_WORDS or len(question.split()) < 3:
        return None
    if not all(_balanced(text) for text in (question, statement, cloze, remainder)):
        return None
    index = sentence_index(doc, span.start)
    return WhQuestion(
        question=question,
        statement=statement,
        cloze=cloze,
        answer_text=span.text,
        start=start,
        end=end,
        sentence_index=index,
        subject_resolved=clause.subject_resolved,
        wh=lead.split()[0].lower(),
        remainder=remainder,
        stands_alone=item_stands_alone(clause, gap),
    )


ASIDE_MARKS = {",", ";", ":", "—", "–", "(", "-"}
# Verbs whose infinitive after them belongs to their complement ("became the third rider
# to win both stages"), never a purpose.
LINKING = {"be", "become", "remain", "seem", "appear", "come", "begin", "start"}
RANGE_AFTER = re.compile(r"^\s*(–|-|—)\s*\d")
SUBJECT_RELATIVES = {"who", "which", "that"}


def cut_short(verb: Token, kept: set[int]) -> bool:
    """Whether a clause kept as `kept` (token indices) lost part of what its verb says: a
    piece after the verb, not set off by a comma or brackets, left out ("moved [to left
    field]", "met [again] in March", "the third rider since 1950 [to win both
    stages]"), or a relative clause whose object is the noun it describes ("a part he sang
    until 2005": "he sang until 2005" says nothing of what he sang). Coordinated and
    subordinate clauses ("after the rains returned") and purpose clauses ("to study
    mathematics") may go."""
    doc = verb.doc
    gap = {t.i for t in gapped_tail(verb)}  # a second event written without its verb
    for token in verb.subtree:
        if token.i <= verb.i or token.i in kept or token.is_punct or token.is_space:
            continue
        if token.i in gap:
            continue
        if token.head.i not in kept or token.dep_ in {"cc", "conj"}:
            continue  # inside a piece already counted, or another clause
        if token.dep_ == "advcl" and any(c.dep_ == "mark" for c in token.children):
            continue  # "after the rains returned": a clause of its own
        if token.dep_ == "advcl" and token.tag_ == "VB" and verb.lemma_ not in LINKING:
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                continue  # "went to the US to study mathematics": why, not what
        before = doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
        if before is None or before.text not in ASIDE_MARKS:
            return True
        if before.text in {"–", "-"} and token.left_edge.like_num:
            return True  # the end of a range ("1920 – 21"), not an aside
    if verb.dep_ == "relcl":
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if not any(s.lower_ in SUBJECT_RELATIVES or s.tag_ in {"WDT", "WP"} for s in subjects):
            return True
    return False


def in_range(span: Span) -> bool:
    """The answer is one end of a range written with a dash ("in 1920 – 21", "1909–1910")."""
    after = doc_text(span.doc)[span.end_char : span.end_char + 12]
    before = doc_text(span.doc)[max(span.start_char - 6, 0) : span.start_char]
    return bool(RANGE_AFTER.match(after) or re.search(r"\d\s*(–|-|—)\s*$", before))


def _after_comma(span: Span) -> bool:
    """The answer's preposition follows a comma: its phrase describes the noun before it
    ("Tessel, in Norland"), not where or with whom the verb happened."""
    root = span.root
    preposition = root.head
    if root.dep_ != "pobj" or preposition.dep_ != "prep" or preposition.i == 0:
        return False
    return preposition.doc[preposition.i - 1].text == ","


def answer_in_clause(
    doc: Doc, start: int, end: int, antecedents: Antecedents
) -> tuple[Span, Clause] | None:
    """The answer's span, when it is exactly [start, end) in a sentence of prose outside a
    quotation, and the clause (or participle clause) that holds it; None otherwise.

    The wh, in-place and simplified builders ask for the same mention: each answer's is
    kept with the doc (`DocIndex.answer_clauses`, clause.py)."""
    answers = doc_index(doc).answer_clauses
    key = (start, end, antecedents)
    if key in answers:
        return answers[key]
    found = answers[key] = _find_answer_in_clause(doc, start, end, antecedents)
    return found


def _find_answer_in_clause(
    doc: Doc, start: int, end: int, antecedents: Antecedents
) -> tuple[Span, Clause] | None:
    span = answer_span(doc, start, end)
    if span is None or span.start_char != start or span.end_char != end:
        return None
    if not _clean_answer(span.text) or in_range(span):
        return None
    if _inside_quotation(span):
        return None  # a speaker's words are their claim, not a fact of the text
    sentence = sentence_of(doc, span.start)
    if not _is_running_text(sentence):
        return None  # a title, heading or list item: no complete sentence to ask from
    verb = clause_head(span.root)
    if verb is None or sentence_index(doc, verb.i) != sentence_index(doc, span.start):
        return None
    clause = build_clause(verb, antecedents)
    if clause is None:
        return None
    answer_ids = {t.i for t in span}
    if not answer_ids <= clause.tokens:
        clause = participle_clause(span.root, clause)
        if clause is None or not answer_ids <= clause.tokens:
            return None
    return span, clause


def part_of_word(span: Span) -> bool:
    """The span is part of a longer word: "ABC-affiliated", "€60m"."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    joined = {"-", "–"}
    if before is not None and not before.whitespace_ and (before.text in joined or before.is_alpha):
        return True
    last = doc[span.end - 1]
    return after is not None and not last.whitespace_ and (after.text in joined or after.is_alpha)


TERMINAL = (".", "!", "?", ".”", "!”", "?”", '."', '!"', '?"', ".’", ".)")
CONTENT_POS = {"NOUN", "PROPN", "NUM"}
VAGUE_TIME = {"today", "yesterday", "tomorrow", "now", "tonight"}
# Prepositions that keep their meaning when moved to the front with the wh-phrase.
PIED_PIPING = {
    "person": {"by", "with", "against", "from", "for"},
    "organisation": {"by", "with", "against", "from", "for"},
    "country": {"in", "to", "from", "by", "with", "against", "into", "across"},
    "place": {"in", "to", "from", "into", "across"},
}


CAPTION = re.compile(r"\b(Image|Photo|Picture|Credit|Source|File)\s*:", re.IGNORECASE)


def _is_running_text(sentence: Span) -> bool:
    """A sentence of prose: ends with terminal punctuation and has no line break inside
    (nor a picture credit run into it, "... in Port Ellery. Image: Harlow Courier.")."""
    return _running(doc_text(sentence.doc)[sentence.start_char : sentence.end_char])


def has_quote_marks(sentence: Span) -> bool:
    return bool(QUOTE_MARKS.search(doc_text(sentence.doc)[sentence.start_char : sentence.end_char]))


QUOTE_MARKS = re.compile(r"[\"“”«»‘]|(?<!\w)[’']|[’'](?!\w)")


TRAILING_MARKS = re.compile(r"(\[[^\[\]\n]{1,20}\])+$")
PAGE_MARK = re.compile(r"[.,;]:\d")  # "... at a gaming table.:43": a page reference


@lru_cache(maxsize=4096)
def _running(text: str) -> bool:
    text = TRAILING_MARKS.sub("", text.strip())  # "... Springs.[citation needed]", "...[k]"
    if PAGE_MARK.search(text):
        return False
    if not text.endswith(TERMINAL) or "\n" in text or "\t" in text:
        return False
    if CAPTION.search(text):
        return False
    return not text.startswith(("|", "#", "-", "*", "•"))


def _has_content(clause: Clause, gap: set[int]) -> bool:
    """Besides the wh-phrase and the verb, the question names at least one thing."""
    subject_in_gap = bool(clause.subject) and all(t.i in gap for t in clause.subject)
    if clause.subject_resolved and not subject_in_gap:
        return True
    if _existential(clause):
        return True  # "How many museums are there in the town?": the wh-phrase names it
    remaining = [
        t
        for t in clause.body + clause.moved + clause.subject
        if t.i not in gap and t != clause.verb and t.dep_ not in {"aux", "auxpass"}
    ]
    return any(
        t.pos_ in CONTENT_POS and t.ent_type_ not in {"DATE", "TIME"} and t.lower_ not in VAGUE_TIME
        for t in remaining
    )


PERSONAL = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
POSSESSIVE = {"its", "their"}
RELATIVE_TIME_NOUNS = {"year", "month", "week", "morning", "afternoon", "evening", "century"}


DEMONSTRATIVE_WORDS = frozenset({"this", "that", "these", "those"})


def _dangling_reference(clause: Clause, gap: set[int], subject_question: bool) -> bool:
    """Whether a pronoun or demonstrative outside the gap points to something unnamed."""
    subject_head = next((t for t in clause.subject if t.head not in clause.subject), None)
    named_subject = clause.subject_resolved or (
        subject_head is not None and subject_head.pos_ in {"PROPN", "NOUN"}
    )
    person_subject = clause.subject_resolved or (
        subject_head is not None and subject_head.pos_ == "PROPN"
    )
    for token in sorted(clause.body + clause.moved + clause.subject, key=lambda t: t.i):
        if token.i in gap:
            continue
        tag, lower = token.tag_, token.lower_
        if tag not in {"PRP", "PRP$"} and not (tag == "DT" and lower in DEMONSTRATIVE_WORDS):
            continue  # neither a pronoun nor a demonstrative: nothing to resolve
        if _quoted_at(token.doc, token.i, token.idx):
            continue
        if tag in {"PRP", "PRP$"}:
            if lower in PERSONAL and (person_subject or subject_question):
                if token in clause.subject and token == subject_head:
                    continue
                continue
            if lower in POSSESSIVE and (named_subject or subject_question):
                continue
            if token in clause.subject and clause.subject_resolved and token == subject_head:
                continue
            return True
        if tag == "DT" and lower in DEMONSTRATIVE_WORDS:
            if token.dep_ == "det" and token.head.lower_ in RELATIVE_TIME_NOUNS:
                continue
            if token in clause.subject and clause.subject_resolved:
                continue
            return True
    return False


REFLEXIVE = {"himself", "herself", "itself", "themselves"}


def item_stands_alone(clause: Clause, gap: set[int]) -> bool:
    """Whether the clause without the gap reads alone as an item of a timeline or a matching,
    where no question around it says whom it is about: its subject is named (a name, or a
    pronoun resolved to one; not "The expedition returned"), and it holds no pronoun but a
    possessive its subject binds ("Ana left when her father ..."; not "The BBC appointed him
    director", "Brand retired as its head gardener") and no demonstrative."""
    subject = [t for t in clause.subject if t.i not in gap]
    person = clause.subject_resolved and bool(clause.subject_text[:1].isupper())
    person = person or any(t.ent_type_ == "PERSON" for t in subject)
    named = clause.subject_resolved or any(
        t.pos_ == "PROPN" or t.ent_type_ in {"ORG", "GPE", "NORP", "LOC", "FAC", "PERSON"}
        for t in subject
    )
    if not named:
        return False
    for token in [*clause.body, *clause.moved]:
        if token.i in gap or _quoted_at(token.doc, token.i, token.idx):
            continue
        lower = token.lower_
        if token.tag_ == "PRP" and lower not in REFLEXIVE and token.i not in clause.names:
            return False
        if token.tag_ == "PRP$" and token.i not in clause.names:
            if (lower in {"his", "her"}) != person:
                return False
        if token.tag_ == "DT" and lower in DEMONSTRATIVE_WORDS:
            return False
    return True


_MONTH_OR_DAY = re.compile(rf"\b({MONTH_PATTERN}|{WEEKDAY_PATTERN})\b\.?", re.IGNORECASE)


def _specific_date(text: str) -> bool:
    """An answer a student can give: "1979", "March 2025", "Thursday"; not "this year"."""
    return bool(re.search(r"\d", text) or _MONTH_OR_DAY.search(text))


def _clean_answer(text: str) -> bool:
    """One line, balanced brackets: "World Health Organisation (WHO" is no answer."""
    return "\n" not in text and _balanced(text) and text.strip() == text


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


def _inside_quotation(span: Span) -> bool:
    return _quoted_at(span.doc, span.start, span.start_char)


def _quoted_at(doc: Doc, token_index: int, char: int) -> bool:
    """Whether the token at `token_index` (its text at offset `char`) stands inside a
    quotation opened earlier in its sentence."""
    sentence = sentence_of(doc, token_index)
    before = doc_text(doc)[sentence.start_char : char]
    if before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1


def _plan(span: Span, clause: Clause, fact: Fact) -> tuple[str, set[int], bool] | None:
    """The wh-phrase, the tokens it replaces, and whether it replaces the subject."""
    if isinstance(fact, DateFact):
        return _plan_date(span, clause)
    if isinstance(fact, FigureFact):
        return _plan_figure(span, clause, fact)
    if isinstance(fact, ActorFact):
        return _plan_actor(span, clause, fact)
    return None


def _attached_to_verb(token: Token, clause: Clause) -> bool:
    """Attached to the clause's verb, or to a verb of its complement ("agreed to sign X in
    2022"), so that the question's "When" still asks about the event the clause states."""
    head = token.head
    if head == clause.verb:
        return True
    return (
        head.pos_ == "VERB"
        and head.dep_ in {"xcomp", "ccomp"}
        and head.i in clause.tokens
        and head.head == clause.verb
    )


def _plan_date(span: Span, clause: Clause) -> tuple[str, set[int], bool] | None:
    """The date and a preposition that only frames it (in, on, at, during) become "When"."""
    if not _specific_date(span.text):
        return None
    answer_ids = {t.i for t in span}
    gap = set(answer_ids)
    lead = "When"
    for token in span:
        head = token.head
        if head.i in answer_ids or token == head:
            continue
        if head == clause.verb and token.dep_ in {"npadvmod", "tmod", "advmod"}:
            continue
        if (
            head.dep_ == "prep"
            and head.lower_ in WHEN_PREPOSITIONS | set(FRAMED_WHEN)
            and _attached_to_verb(head, clause)
            and token.dep_ == "pobj"
        ):
            lead = FRAMED_WHEN.get(head.lower_, lead)
            extra = {t.i for t in head.subtree} - answer_ids - {head.i}
            if any(span.doc[i].dep_ != "det" for i in extra):
                return None
            gap |= {t.i for t in head.subtree}
            continue
        return None
    return lead, gap, False


def _plan_figure(span: Span, clause: Clause, fact: FigureFact) -> tuple[str, set[int], bool] | None:
    if re.search(r"\d\s*(-|–|to|and|or)\s*\d|\b(to|and|or)\b", span.text):
        return None  # a range or a list of figures has no single answer
    root = span.root
    answer_ids = {t.i for t in span}
    doc = span.doc
    if fact.label == "duration":
        return _plan_duration(root.head if root.dep_ == "nummod" else root, clause)
    if root.dep_ in {"nummod", "quantmod"} and root.head.pos_ == "NOUN":
        noun = root.head
        if noun.tag_ not in {"NNS", "NNPS"} or fact.unit:
            return None
        phrase = [t for t in noun.subtree if not t.is_space]
        coordinated = {
            t.i for c in noun.children if c.dep_ in {"conj", "cc", "appos"} for t in c.subtree
        } | {c.i for c in noun.children if c.dep_ == "punct" and c.i > noun.i}
        counted = [
            t
            for t in phrase
            if t.i not in answer_ids | coordinated
            and not (t.dep_ == "det" and t.head == noun)
            and t.i > root.i
        ]
        if not counted or any(t.i < span.start and t.dep_ != "det" for t in phrase):
            return None
        if any(t.pos_ in {"VERB", "AUX"} for t in counted):
            return None  # "41 goals scored and shared ...": a clause inside the counted phrase
        if any(t.text == "," or t.like_num for t in counted):
            return None  # "towns with more than 9,000 farms and 12 towns ..."
        counted_text = "".join(
            t.text
            + (" " if t.whitespace_ or k + 1 == len(counted) or counted[k + 1].i != t.i + 1 else "")
            for k, t in enumerate(counted)
        ).strip()
        gap = {t.i for t in phrase}
        return _place(noun, clause, f"How many {counted_text}", gap)
    if fact.unit in {"USD", "EUR", "GBP"} or "$" in span.text or "£" in span.text:
        if root.dep_ in {"dobj", "attr"} and _attached_to_verb(root, clause):
            outside = {t.i for t in root.subtree} - answer_ids
            if any(doc[i].dep_ not in {"prep", "pobj", "amod", "compound"} for i in outside):
                pass
            return "How much", answer_ids, False
        return None
    if fact.unit == "%" or span.text.endswith("%") or "percent" in span.text.lower():
        if root.dep_ == "dobj" and _attached_to_verb(root, clause):
            following = doc[span.end] if span.end < len(doc) else None
            if following is not None and following.lower_ == "of":
                return "What percentage", answer_ids, False
        return None
    return None


# Verbs whose bare object or adverbial noun is a length of time: "lasted ten days".
DURATION_VERBS = {"last", "take", "spend", "serve", "wait", "stay", "remain", "reign", "rule"}


def _plan_duration(noun: Token, clause: Clause) -> tuple[str, set[int], bool] | None:
    """A length of time the clause's event lasted: "lived there for 738 days" and "lasted ten
    days" ask "How long"."""
    gap = {t.i for t in noun.subtree}
    if any(t.dep_ not in {"nummod", "quantmod", "compound", "det"} for t in noun.lefts):
        return None
    if any(True for _ in noun.rights):
        return None
    preposition = noun.head
    if (
        noun.dep_ == "pobj"
        and preposition.lower_ == "for"
        and preposition.head == clause.verb
        and all(child.i == noun.i for child in preposition.children)
    ):
        return "How long", gap | {preposition.i}, False
    if (
        noun.dep_ in {"dobj", "npadvmod"}
        and noun.head == clause.verb
        and clause.verb.lemma_ in DURATION_VERBS
    ):
        return "How long", gap, False
    return None


def _place(
    noun: Token, clause: Clause, phrase: str, gap: set[int]
) -> tuple[str, set[int], bool] | None:
    """Put a wh-phrase built on `noun` where the noun phrase stood."""
    if noun.dep_ in SUBJECT_DEPS and noun.head == clause.verb:
        return phrase, gap, True
    if noun.dep_ == "dobj" and noun.head == clause.verb:
        return phrase, gap, False
    if noun.dep_ == "attr" and noun.head == clause.verb and _existential(clause):
        return phrase, gap, False  # "There are 100 species" -> "How many species are there?"
    preposition = noun.head
    if (
        noun.dep_ == "pobj"
        and preposition.dep_ in {"prep", "agent", "dative"}
        and preposition.head == clause.verb
        and preposition.lower_ in PIED_PIPED
        and all(child.i == noun.i for child in preposition.children)
    ):
        if preposition.dep_ == "agent":
            # "signed by 11 member states": "How many member states signed it?"
            return f"{ACTIVE}{phrase}", gap | {preposition.i}, True
        # The preposition goes to the front with its object: "aired in 12 episodes" asks
        # "In how many episodes did it air?".
        return (
            f"{preposition.lower_.capitalize()} {phrase[:1].lower()}{phrase[1:]}",
            gap | {preposition.i},
            False,
        )
    return None


def _beside(appos: Token) -> bool:
    """Whether an apposition stands beside its noun ("the headmaster, Amos Tilley"), as
    English writes one. A name after the verb, or hung on a pronoun ("he began attending the
    school, then headed by its headmaster, Amos Tilley"), is the parser's mistake: the
    name belongs to a phrase of its own and is not the subject."""
    head = appos.head
    if head.tag_ in {"PRP", "WP", "WDT", "EX"}:
        return False
    inside = {t.i for t in head.subtree} - {t.i for t in appos.subtree}
    between = range(head.i + 1, appos.left_edge.i)
    return not any(
        appos.doc[i].pos_ in {"VERB", "AUX"} or i not in inside and not appos.doc[i].is_punct
        for i in between
    )


def _existential(clause: Clause) -> bool:
    return len(clause.subject) == 1 and clause.subject[0].dep_ == "expl"


# Prepositions that move to the front with a "how many" object.
PIED_PIPED = {"in", "on", "at", "for", "from", "with", "by", "over", "into", "across", "after"}


def _plan_actor(span: Span, clause: Clause, fact: ActorFact) -> tuple[str, set[int], bool] | None:
    root = span.root
    if root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS:
        if not _beside(root):
            return None  # a name in a later phrase that the parser hung on the subject
        root = root.head  # "Velmark's Foreign Minister, Ilsa Varno, welcomed ..."
    elif any(
        t.dep_ not in {"det", "compound", "punct", "amod", "poss", "case"} and t.i < span.start
        for t in root.subtree
    ) or any(
        t.head == root and t.i >= span.end and t.dep_ not in TRAILING_MODIFIERS
        for t in root.subtree
    ):
        return None  # the name is only part of a longer phrase
    wh = _text_wh(span.root, fact) or _actor_wh(fact)
    gap = {t.i for t in root.subtree}
    birthplace = _birthplace(root, clause)
    if birthplace is not None:
        return "Where", gap | birthplace, False
    if wh is None:
        where = _where(root, clause, fact)
        return ("Where", gap | {root.head.i}, False) if where else None
    if root.dep_ in SUBJECT_DEPS and root.head == clause.verb:
        return wh, gap, True
    if clause.verb.dep_ == "relcl" and root in clause.subject:
        return None
    if root.dep_ == "dobj" and root.head == clause.verb:
        return wh, gap, False
    if root.dep_ == "pobj" and root.head.dep_ in {"prep", "agent", "dative"}:
        preposition = root.head
        if preposition.head != clause.verb or preposition.lower_ in NOT_STRANDED:
            return None
        if preposition.lower_ == "to" and any(
            c.dep_ == "prep" and c.lower_ == "from" for c in clause.verb.children
        ):
            return None  # "from X to Y": a range, not a recipient
        if preposition.dep_ == "prep" and preposition.lower_ == "by":
            return None  # a non-agent "by" with a name is usually a misattached phrase
        if any(c.i != root.i for c in preposition.children):
            return None
        if preposition.dep_ == "agent" and wh == "Who" or preposition.dep_ == "agent":
            return f"{ACTIVE}{wh}", gap | {preposition.i}, True
        if _where(root, clause, fact):
            return "Where", gap | {preposition.i}, False
        later = [
            t
            for t in clause.body
            if t.i > root.right_edge.i
            and t.dep_ == "prep"
            and not any(g.ent_type_ in {"DATE", "TIME"} for g in t.subtree)
        ]
        if preposition.lower_ in {"in", "at", "on"} and later:
            return None  # "Which country was he born in Groningen in into a family ...?"
        if any(
            t.dep_ == "prep" and t.lower_ == preposition.lower_ and t.i < preposition.i
            for t in clause.body
        ):
            return None  # "... attention at X headquarters ... at?": the preposition doubled
        return wh, gap, False  # the preposition stays where it was: "Who did X work for?"
    return None


ACTIVE = "active:"
# Actor labels for places: GPEs as "country" and, from some extractors, "place".
PLACES = {"country", "place"}
# What may follow a name inside its noun phrase and go with it into the gap.
TRAILING_MODIFIERS = {"relcl", "acl", "appos", "prep", "punct"}
# Prepositions whose object makes a poor question when the preposition is left stranded.
NOT_STRANDED = {
    "despite",
    "including",
    "like",
    "unlike",
    "as",
    "than",
    "except",
    "via",
    "per",
    "according",
    "among",
    "between",
    "of",
}


WHERE_PREPOSITIONS = {"in", "at", "near"}
# Verbs of going or sending somewhere: their "to X" is a destination a "Where" asks for.
MOTION_VERBS = GOING_VERBS | {
    "go", "come", "arrive", "fly", "head", "send", "bring", "walk", "drive", "transfer",
    "deport", "ship", "carry", "swim",
}  # fmt: skip


def _where(root: Token, clause: Clause, fact: ActorFact) -> bool:
    """A place after in/at/near (or to/into, a destination) of the clause's verb: "Where"."""
    preposition = root.head
    return (
        fact.label in PLACES
        and root.dep_ == "pobj"
        and preposition.dep_ == "prep"
        and preposition.head == clause.verb
        and (
            preposition.lower_ in WHERE_PREPOSITIONS
            or (preposition.lower_ in {"to", "into"} and clause.verb.lemma_ in MOTION_VERBS)
        )
        and all(child.i == root.i for child in preposition.children)
        and not any(c.dep_ == "prep" and c.lower_ == "from" for c in clause.verb.children)
        and not _other_place(root, clause)
    )


def _birthplace(root: Token, clause: Clause) -> set[int] | None:
    """ "X was born in Harlow": one is born in a place, whatever the name's label says, so the
    question is "Where was X born?". The parents ("born ... to A and B") are another fact and
    stay out of it. Returns the tokens the question leaves out besides the name."""
    verb = clause.verb
    preposition = root.head
    if verb.lemma_ != "bear" or verb.tag_ != "VBN" or root.dep_ != "pobj":
        return None
    if preposition.lower_ not in {"in", "at"} or preposition.head != verb:
        return None
    if root.ent_type_ in {"DATE", "TIME"} or _other_place(root, clause):
        return None
    parents = {
        t.i
        for child in verb.children
        if child.dep_ in {"prep", "dative"} and child.lower_ == "to"
        for t in child.subtree
    }
    return {preposition.i} | parents


def _other_place(root: Token, clause: Clause) -> bool:
    """Another place named by the verb ("moved to Tessel in Norland"): "Where" would
    have two answers."""
    places = {"GPE", "LOC", "FAC"}
    # The answer's own "in <place>" ("moved to Bordeaux in France").
    if any(
        child.dep_ == "prep"
        and child.lower_ == "in"
        and any(g.dep_ == "pobj" and g.ent_type_ in places for g in child.children)
        for child in root.children
    ):
        return True
    verb = clause.verb
    going = verb.pos_ == "VERB" and verb.lemma_ in GOING_VERBS
    for child in verb.children:
        if child.dep_ != "prep" or child == root.head:
            continue
        for g in child.children:
            if g.dep_ != "pobj":
                continue
            # A name a verb of going goes to is a place, whatever the NER took it for.
            if g.ent_type_ in places or (
                going and g.pos_ == "PROPN" and child.lower_ in GOING_PREPOSITIONS
            ):
                return True
    return False


# What a name says it is, by its head noun: "Which university" for the Royal University of
# Carrow, "Which award" for the Golden Lion Award. Keys are singular; the value is the noun
# the question uses.
TYPE_NOUNS = {
    **{noun: noun for noun in """university college school academy institute museum gallery
    library hospital church cathedral temple mosque monastery company corporation bank airline
    newspaper magazine journal party council committee commission ministry department agency
    court parliament congress senate army navy league club team band orchestra choir foundation
    society association union federation prize award medal scholarship fellowship festival
    conference championship tournament station studio theatre theater hall palace castle
    stadium airport bridge pyramid park square hotel centre center office programme program
    project campaign movement network channel website podcast series film novel album
    newspaper treaty act alliance council government firm group trust board test exam
    examination contest competition olympiad""".split()},
    # A "union" of atheists is an association, of states a country, of workers a trade union:
    # the word alone does not say which ("Which union …?" echoes the name it asks for).
    "union": "organisation", "organization": "organization", "organisation": "organisation",
    "tower": "building", "towers": "building", "inc": "company", "ltd": "company",
    "corp": "company", "plc": "company", "times": "newspaper", "post": "newspaper",
    "herald": "newspaper", "gazette": "newspaper", "tribune": "newspaper",
}  # fmt: skip


NAME_PREPOSITIONS = {"of", "for", "in", "at", "on"}
ABBREVIATED_TYPES = frozenset({"inc", "ltd", "corp", "plc"})


def fine_type(name: str) -> str | None:
    """The kind of thing a name names, from its head noun ("the University of Chicago":
    university), or None when the name does not say."""
    words = name.replace(",", " ").split()
    if not words:
        return None
    lowered = [word.strip(".()").lower() for word in words]
    cut = next((i for i, word in enumerate(lowered) if i and word in NAME_PREPOSITIONS), None)
    head = lowered[cut - 1] if cut else lowered[-1]
    if head in TYPE_NOUNS:
        return TYPE_NOUNS[head]
    if head.endswith("s") and head[:-1] in TYPE_NOUNS and head[:-1] not in ABBREVIATED_TYPES:
        return TYPE_NOUNS[head[:-1]]  # "Corps" is no plural of "Corp."
    return None


# Nouns a text puts beside a title to say what it is ("his novel Hotel", "Strong Medicine,
# Marsden's bestseller"): what is asked for is a work, whatever the tagger took the name for.
WORK_NOUNS = {
    **{noun: noun for noun in """novel book film movie play poem song album opera painting
    sculpture symphony musical memoir biography story series show documentary""".split()},
    "blockbuster": "work", "bestseller": "work", "hit": "work", "classic": "work",
}  # fmt: skip
# Nouns of the text's own that say what kind of body a name is ("the charity Comic Aid").
KIND_NOUNS = frozenset(TYPE_NOUNS) | {"charity", "broadcaster", "publisher", "organization"}


def _own_noun(root: Token) -> Token | None:
    """The common noun the text sets beside a name to say what it is: its appositive head
    ("the charity Games Aid Norland"), its own comma-set appositive ("Low Water,
    Marsden's bestseller"), or a noun compounded before it ("volunteer organization Board
    Game Corps"); None when that noun names no kind of body or work."""
    found = []
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < root.i:
        found.append(root.head)
    found += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > root.i]
    found += reversed(
        [c for c in root.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < root.i]
    )
    for noun in found:
        word = noun.lemma_.lower()
        if word in WORK_NOUNS or word in KIND_NOUNS:
            return noun
    return None


def _text_wh(root: Token, fact: ActorFact) -> str | None:
    """The wh-phrase the text's own noun gives: "Which novel" for a title the text calls a
    novel (never "Who"), "Which charity" for a body whose name does not say what it is."""
    noun = _own_noun(root)
    if noun is None:
        return None
    word = noun.lemma_.lower()
    if word in WORK_NOUNS:
        return f"Which {WORK_NOUNS[word]}"
    if fact.label in {"organisation", "group"} and word in KIND_NOUNS:
        names = [str(fact.value), *fact.aliases]
        if not any(map(fine_type, names)):
            return f"Which {noun.lower_ if noun.tag_ == 'NN' else word}"
    return None


def is_acronym(name: str) -> bool:
    """A name written as an acronym ("NASA", "UAAR"): an organisation, whatever else it is."""
    bare = name.replace(".", "").replace("the ", "").strip()
    return 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()


def _actor_wh(fact: ActorFact) -> str | None:
    name = str(fact.value)
    if fact.label == "person":
        return "Who" if len(name.split()) >= 1 else None
    if fact.label == "organisation":
        noun = fine_type(name) or next(filter(None, map(fine_type, fact.aliases)), None)
        return f"Which {noun}" if noun else "Which organisation"
    if fact.label in PLACES:
        if is_country(name) or any(is_country(alias) for alias in fact.aliases):
            return "Which country"
        if is_city(name):
            return "Which city"
        return None
    if fact.label == "group":
        return None
    return None


ECHO_MAX_WORDS = 35


def echo_question(doc: Doc, fact: Fact, start: int, end: int) -> WhQuestion | None:
    """The sentence itself with the answer replaced by a wh-phrase in place ("In 1971, Harlow
    Mills sold its dye works to which organisation?"). Grammatical but not how a teacher asks:
    these are overgenerated for the ranking to weigh and are never recommended."""
    span = answer_span(doc, start, end)
    if span is None or span.start_char != start or span.end_char != end:
        return None
    if not _clean_answer(span.text) or in_range(span):
        return None
    sentence = sentence_of(doc, span.start)
    if _inside_quotation(span) or not _is_running_text(sentence):
        return None
    words = [t for t in sentence if not t.is_space]
    if len(words) > ECHO_MAX_WORDS or any(t.is_quote for t in words):
        return None
    if span.root.dep_ == "conj" or any(c.dep_ == "conj" for c in span.root.children):
        return None  # "in 2022 and 2024": one of two answers
    if part_of_word(span):
        return None
    before = doc[span.start - 1] if span.start > sentence.start else None
    if before is not None and before.text in {",", "("} and span.root.dep_ in {"appos", "npadvmod"}:
        return None  # "the Commissioner, who, who resigned", "(when)": an aside asked alone
    phrase = _echo_phrase(span, fact)
    if phrase is None:
        return None
    replaced_from = span.start_char
    previous = doc[span.start - 1] if span.start > sentence.start else None
    if previous is not None and previous.tag_ == "POS":
        return None  # "Russia's which organisation"
    if previous is not None and previous.pos_ == "DET" and previous.head == span.root:
        replaced_from = previous.idx  # "the fall of the which country" -> "of which country"
    edits = perfect_edits(sentence)
    before = _edited(doc, sentence.start_char, replaced_from, edits)
    after = _edited(doc, span.end_char, sentence.end_char, edits).rstrip().rstrip(".!?;:")
    preposition = re.search(r"(^|\s)(\w+)\s*$", before)
    if preposition and preposition.group(2).lower() == "on" and isinstance(fact, DateFact):
        phrase = "what date"
    if isinstance(fact, DateFact) and preposition and before[: preposition.start(2)].strip() == "":
        # A fronted date ("In 1983, ABC sold ..."): ask at the end ("ABC sold ... in what year?")
        head = preposition.group(2).lower()
        rest = after.lstrip(" ,")
        body = f"{rest[:1].upper()}{rest[1:]} {head} {phrase}"
    elif not before.strip():
        body = f"{phrase[:1].upper()}{phrase[1:]}{after}"
    else:
        body = f"{before[:1].upper()}{before[1:]}{phrase}{after}"
    question = re.sub(r"\s+", " ", body).strip().rstrip(".!?;:, ") + "?"
    if not _balanced(question):
        return None
    statement = _edited(doc, sentence.start_char, sentence.end_char, edits).strip()
    # The cloze keeps the answer's article outside the blank, as `statement_with_blank`
    # does: "promoted her to the _____", not "promoted her to _____" with "the Court of
    # Appeals" to be written in the blank.
    blank_from = span.start_char
    if len(span) > 1 and span[0].lower_ == "the":
        blank_from = span[1].idx
    kept = _edited(doc, sentence.start_char, blank_from, edits)
    cloze = (kept + "_____" + after).strip() + "."
    return WhQuestion(
        question=question,
        statement=statement,
        cloze=re.sub(r"\s+", " ", cloze),
        answer_text=span.text,
        start=start,
        end=end,
        sentence_index=sentence_index(doc, span.start),
        subject_resolved=False,
        wh="echo",
        remainder="",
    )


def perfect_edits(sentence: Span) -> list[tuple[int, int, str]]:
    """The sentence's past perfect told in the simple past, where it is the sentence's one
    past event: "had been established" reads "was established", "had married" reads
    "married" (a sentence alone orders no events). None where another past verb stands
    beside it ("had left when the army arrived": the perfect puts one event before the
    other) or a word comes between "had" and its verb. Edits as (start, end, text)."""
    hads = [
        t
        for t in sentence
        if t.lower_ == "had" and t.dep_ in {"aux", "auxpass"} and t.head.tag_ == "VBN"
    ]
    if len(hads) != 1:
        return []
    had = hads[0]
    verb = had.head
    if any(t.tag_ == "VBD" and t.i != had.i for t in sentence):
        return []
    start = had.idx
    end = verb.idx + len(verb.text)
    subject = subject_of(verb)
    was = "were" if subject is not None and subject.tag_ in {"NNS", "NNPS"} else "was"
    if subject is not None and subject.lower_ in {"they", "we", "you"}:
        was = "were"
    if verb.lower_ == "been" and verb.i == had.i + 1:
        return [(start, end, was)]  # "had been a judge"
    doc = sentence.doc
    if verb.i == had.i + 2 and doc[had.i + 1].lower_ == "been":
        return [(start, doc[had.i + 1].idx + len("been"), was)]
    if verb.i != had.i + 1:
        return []
    past = getInflection(base_form(verb), tag="VBD")
    return [(start, end, past[0])] if past else []


def _edited(doc: Doc, start: int, end: int, edits: list[tuple[int, int, str]]) -> str:
    """The text from `start` to `end` with the edits inside it made."""
    text = doc_text(doc)[start:end]
    for edit_start, edit_end, word in sorted(edits, reverse=True):
        if start <= edit_start and edit_end <= end:
            text = text[: edit_start - start] + word + text[edit_end - start :]
    return text


def _echo_phrase(span: Span, fact: Fact) -> str | None:
    if isinstance(fact, DateFact):
        if fact.vague or span.root.dep_ != "pobj" or not _specific_date(span.text):
            return None
        return {"year": "what year", "month": "what month", "day": "what date"}.get(fact.precision)
    if isinstance(fact, FigureFact):
        if re.search(r"\b(to|and|or)\b|\d\s*[-–]\s*\d", span.text):
            return None
        if fact.unit in {"USD", "EUR", "GBP"} or "$" in span.text or "£" in span.text:
            return "how much"
        if "%" in span.text or "percent" in span.text.lower():
            return "what percentage"
        noun = span.root.head
        if span.root.dep_ == "nummod" and noun.tag_ in {"NNS", "NNPS"} and noun.i == span.end:
            return "how many"
        return None
    if isinstance(fact, ActorFact):
        wh = _actor_wh(fact)
        if wh is None or span.root.dep_ in {"poss", "compound", "amod"}:
            return None
        if wh == "Who" and span.root.dep_ in {"pobj", "dobj", "dative"}:
            return "whom"
        return wh[:1].lower() + wh[1:]
    return None
