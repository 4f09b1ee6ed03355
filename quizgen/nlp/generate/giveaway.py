"""Whether a question gives its answer away, to itself or to another question of the set.

A question a student can answer from its own wording tests nothing, and a quiz in which one
question states another's answer tests that answer twice over, once for free. Two checks:

- `gives_away`: a question asking for a place or a body that names what gives it away: a
  place the text puts inside the answer, where an organisation has its seat, or a word of the
  answer's own name; or a count the prompt gives (`count_given`). Such a draft is never
  recommended (`select.BLOCK_GIVEAWAY`).
- `term_in_definition`: a term whose own word the definition asked with uses ("Which term
  describes the field of psychology that studies thinking?": cognitive psychology).
- `shows_answer_of`: whether one question's prompt, options or items state another's
  answer; `select.recommend` never puts the two in one recommended set.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from quizgen.nlp.generate.concepts import DEFINITION_RULES
from quizgen.nlp.generate.text import BLANK, contains_phrase, normalise, prompt_body
from quizgen.nlp.generate.wh import TYPE_NOUNS, fine_type, is_country
from quizgen.nlp.parsed import doc_ents
from quizgen.nlp.types import FACT_ASKING, FactKind, QuestionDraft, QuestionKind

if TYPE_CHECKING:
    from quizgen.nlp.generate.context import GenerationContext

PLACE_LABELS = frozenset({"GPE", "LOC"})
# Where an organisation sits: the place beside it names it for anyone who knows the world
# ("at _____'s headquarters in Fernhill").
SEAT_WORDS = re.compile(
    r"\b(headquarters|headquartered|head office|home ground|based in|seat of)\b", re.IGNORECASE
)
# Words of a name that say only what kind of thing it is, as its head noun does
# ("University of X"): asking "Which university …?" for it gives nothing away.
NAME_FILLERS = frozenset({"the", "of", "and", "for", "in", "on", "at", "de", "la", "le", "von"})


def place_containers(doc: Doc) -> dict[str, set[str]]:
    """Which place the text puts inside which: "Tessel, in Norland", "Harrowgate,
    Wendshire", "Ashby in Wendmark" (normalised inner name -> outer names). The inner one is
    the run of proper nouns before the comma or "in", whatever the tagger took it for."""
    found: dict[str, set[str]] = {}
    for outer in doc_ents(doc):
        if outer.label_ not in PLACE_LABELS:
            continue
        i = outer.start - 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        linked = False
        if i >= 0 and doc[i].lower_ == "in":
            i, linked = i - 1, True
        if i >= 0 and doc[i].text == ",":
            i, linked = i - 1, True
        end = i + 1
        while i >= 0 and doc[i].pos_ == "PROPN" and doc[i].ent_type_ not in {"PERSON", "DATE"}:
            i -= 1
        if not linked or i + 1 == end:
            continue
        inner = doc[i + 1 : end].text
        found.setdefault(normalise(inner), set()).add(normalise(outer.text))
    return found


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def gives_away(draft: QuestionDraft, context: GenerationContext, fact_kind: str) -> bool:
    """Whether a question asking for a place or a body names what gives it away: a place the
    text puts inside the answer ("born in Tessel in the _____": Norland), where
    an organisation has its seat ("_____'s headquarters in Fernhill"), or a word of the
    answer's own name that does not just say what kind of thing it is ("Which company
    collects comics?" for the Comic Corps)."""
    if draft.kind in FACT_ASKING and draft.rule.startswith(DEFINITION_RULES):
        return term_in_definition(draft)
    if draft.kind in FACT_ASKING and fact_kind == FactKind.FIGURE:
        return count_given(
            draft, context.span_of(draft.source_sentence.start, draft.source_sentence.end)
        )
    if draft.kind not in FACT_ASKING or fact_kind != FactKind.ACTOR:
        return False
    actor = next((context.actors[k] for k in draft.fact_keys if k in context.actors), None)
    if actor is None or actor.label == "person":
        return False
    body = prompt_body(draft.prompt)
    answer = normalise(draft.answer_text)
    names = {answer, *(normalise(alias) for alias in actor.aliases)}
    for inner, outers in context.containers().items():
        # A town tells its country to most students ("Groningen": the Netherlands), seldom
        # its region ("Ashby" in Wendmark).
        inside = {outer for outer in outers & names if is_country(outer)}
        if inside and inner not in names and contains_phrase(body, inner):
            return True
    if actor.label == "organisation" and SEAT_WORDS.search(body):
        return True
    words = normalise(draft.answer_text).split()
    kind = fine_type(draft.answer_text)
    own = {
        _stem(w)
        for w in words
        if len(w) >= 4 and w not in NAME_FILLERS and w not in TYPE_NOUNS and w != kind
    }
    asked = {_stem(w) for w in normalise(body.replace(BLANK, " ")).split()}
    return bool(own & asked)


# The words a term question frames its definition with, which say nothing of the term.
TERM_FRAME = frozenset({"term", "terms", "word", "name", "describes", "means", "called"})


def term_in_definition(draft: QuestionDraft) -> bool:
    """Whether a question asking for a term uses one of the term's own words (but a
    function word) in the definition it gives: "Which term describes the field of psychology
    dedicated to examining how people think?" (cognitive psychology), "_____ are people who
    believe in moral realism" (moral realists). Half the term is written out for the student."""
    words = {
        _stem(w)
        for w in normalise(draft.answer_text).split()
        if len(w) >= 4 and w not in NAME_FILLERS and w not in TERM_FRAME
    }
    if not words:
        return False
    body = prompt_body(draft.prompt).replace(BLANK, " ")
    return bool(words & {_stem(w) for w in normalise(body).split()})


# Nouns of a set of so many ("the trilogy"): with "two more" the prompt gives the count.
SET_SIZES = {"pair": 2, "duo": 2, "trio": 3, "trilogy": 3, "quartet": 4, "tetralogy": 4}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def count_given(draft: QuestionDraft, span: Span | None) -> bool:
    """Whether a count's question gives it, or asks what its sentence takes as known: the
    count of a definite set ("The two museums employ 40 guides": "the two" tells no news of
    how many), the count of a list the prompt spells out ("just two rooms, A and B"), or one
    a set's noun gives ("with two more books to complete the trilogy")."""
    if span is None:
        return False
    number = _answer_number(draft, span)
    if number is None or number.dep_ != "nummod":
        return False
    noun = number.head
    body = prompt_body(draft.prompt)
    before = [c for c in noun.children if c.i < number.i]
    if any(c.dep_ == "det" and c.lower_ == "the" for c in before) and normalise(
        draft.answer_text
    ) == normalise(number.text):
        return True
    value = NUMBER_WORDS.get(number.lower_) or (int(number.text) if number.text.isdigit() else 0)
    last = noun.doc[noun.right_edge.i].text.rstrip(".")
    if value > 1 and _items_listed(noun) == value and contains_phrase(body, last):
        return True
    more = any(c.lower_ in {"more", "other", "further"} for c in noun.children)
    sizes = {SET_SIZES[w] for w in normalise(body).split() if w in SET_SIZES}
    return more and value + 1 in sizes


def _items_listed(noun: Token) -> int:
    """How many items a list right after the noun names ("two rooms, A and B": 2), as an
    apposition or (as the parser often takes it) as conjuncts of the noun; 0 for none."""
    doc = noun.doc
    if noun.i + 1 >= len(doc) or doc[noun.i + 1].text not in {",", ":"}:
        return 0
    listed = next((c for c in noun.children if c.dep_ == "appos" and c.i > noun.i), None)
    if listed is not None:
        return 1 + sum(1 for t in listed.subtree if t.dep_ == "conj")
    first = next((c for c in noun.children if c.dep_ == "conj"), None)
    if first is None:
        return 0
    return sum(1 for t in first.subtree if t.dep_ == "conj" or t == first)


def _answer_number(draft: QuestionDraft, span: Span) -> Token | None:
    """The number word of the answer where the sentence writes it."""
    at = span.text.find(draft.answer_text)
    if at < 0:
        return None
    start = span.start_char + at
    end = start + len(draft.answer_text)
    return next((t for t in span if start <= t.idx < end and t.like_num and t.pos_ == "NUM"), None)


# Two statements sharing this share of the shorter one's words tell one event: "Moreau made
# her debut in 1950" (false) is answered by "Moreau made her debut at the Festival in 1947".
SAME_STATEMENT = 0.75


def same_statement(first: str, second: str) -> bool:
    """Whether two true/false prompts state one event (told in two sentences of the text)."""
    a = set(normalise(prompt_body(first)).split())
    b = set(normalise(prompt_body(second)).split())
    shared = len(a & b)
    return shared >= 4 and shared >= SAME_STATEMENT * min(len(a), len(b))


def _term_choices(chosen: QuestionDraft, other: QuestionDraft) -> bool:
    """Whether both drafts are multiple choices asking for a term the text defines."""
    return all(
        draft.kind == QuestionKind.MULTIPLE_CHOICE and draft.rule.startswith(DEFINITION_RULES)
        for draft in (chosen, other)
    )


def shows_answer_of(chosen: QuestionDraft, other: QuestionDraft) -> bool:
    """Whether `chosen`'s prompt or options state `other`'s answer, or (a matching of events
    and dates) pair the date a true/false item `other` states or changes with its event. Of
    two multiple choices on the terms a text defines, an option both offer gives nothing
    away."""
    if chosen.kind == QuestionKind.MATCHING and other.kind == QuestionKind.TRUE_FALSE:
        return bool(set(chosen.fact_keys) & set(other.fact_keys))
    if chosen.kind == other.kind == QuestionKind.TRUE_FALSE:
        return same_statement(chosen.prompt, other.prompt)
    answer = other.answer_text
    if other.kind not in FACT_ASKING or not normalise(answer):
        return False
    options = [text for text, _ in chosen.options]
    if _term_choices(chosen, other):
        # An option the other question offers anyway tells its student nothing: multiple
        # choices on a chapter's terms each offer the others' answers among their options.
        offered = {normalise(text) for text, _ in other.options}
        options = [text for text in options if normalise(text) not in offered]
    shown = [chosen.prompt, *options]
    if chosen.kind in {QuestionKind.MATCHING, QuestionKind.ORDERING} and chosen.answer:
        # The student sees every item of a matching or ordering question on the page.
        for item in chosen.answer:
            shown.extend(map(str, item) if isinstance(item, list | tuple) else [str(item)])
    return contains_phrase(" ".join(shown), answer)
