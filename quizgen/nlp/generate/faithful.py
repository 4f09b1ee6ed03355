"""A question tells what its clause tells: no word dropped that says its event did not happen,
no list cut short.

Unrealised events are what nearly or almost happened, or was tried, planned, due or expected to:
"Nearly winning the battle in 1917, Dobell lost his command" tells that Dobell did not win,
and a question built without "nearly" ("When did Dobell win the battle?") states the
opposite. A list is one fact: "led the league in goals, assists and clean sheets" (a
triple crown) is not "led the league in wins". A question or statement from such a clause
keeps those words and the whole list, or is not made. (A claim softened or passed on as
hearsay, "reportedly", "is said to", is another matter: `select.CLAIM_HEDGES`.)
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from quizgen.nlp.generate.clause import gapped_tail
from quizgen.nlp.syntax import subject_of

# Adverbs that say an event did not quite happen.
UNREALISED_ADVERBS = frozenset({"nearly", "almost", "virtually", "practically"})
# Verbs (lemmas) whose complement is an event that did not, or not yet, happen: "tried to
# win", "failed to take", "was scheduled to open", "was set to open".
UNREALISED_VERBS = frozenset(
    """try attempt fail plan hope expect intend aim seek want wish threaten propose schedule
    set poise suppose refuse struggle prepare promise vow pledge""".split()
)
# Adjectives and adverbs that do the same: "was due to finish", "came close to winning".
UNREALISED_ADJECTIVES = frozenset({"due", "close", "likely", "unlikely", "poised", "supposed"})
COMPLEMENTS = frozenset({"xcomp", "pcomp", "prep", "pobj", "acomp"})
WORD = re.compile(r"[A-Za-z]+")


def drops_unrealised(doc: Doc, start: int, end: int, *texts: str) -> bool:
    """Whether the clause of the fact at [start, end) is marked unrealised by a word that
    none of `texts` (the question and statement made from it) keeps."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    kept = {word.casefold() for text in texts for word in WORD.findall(text)}
    return any(
        token.lower_ not in kept and token.lemma_.casefold() not in kept
        for token in _unrealising_words(span.root)
    )


def _unrealising_words(token: Token) -> list[Token]:
    """The words that say the event did not happen, on the way from `token` up to its
    sentence's root."""
    found: list[Token] = []
    node, below = token, None
    for _ in range(16):
        lemma = node.lemma_.casefold()
        if below is not None and below.dep_ == "xcomp" and lemma in UNREALISED_VERBS:
            found.append(node)  # "tried to [win]"
        elif (
            below is not None
            and below.dep_ in COMPLEMENTS
            and node.pos_ in {"ADJ", "ADV"}
            and lemma in UNREALISED_ADJECTIVES
        ):
            found.append(node)  # "close to [winning]"
        if node.pos_ in {"VERB", "AUX", "ADJ"}:
            for child in node.children:
                if child.dep_ == "advmod" and child.lower_ in UNREALISED_ADVERBS:
                    found.append(child)
                elif child.dep_ in {"acomp", "advmod"} and child.lower_ in UNREALISED_ADJECTIVES:
                    found.append(child)  # "was due [to finish] in June 1931"
        if node.head.i == node.i:
            break
        node, below = node.head, node
    return list({word.i: word for word in found}.values())


CONJUNCTIONS = frozenset({"and", "or"})
# The parts of speech that open a conjunct of a list of things, not a second clause.
NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "ADP", "DET"})


def cut_list(doc: Doc, start: int, end: int, statement: str) -> bool:
    """Whether `statement`, made from the clause of the fact at [start, end), keeps the
    first part of a list of its sentence ("in wins, strikeouts") and drops its end ("and
    earned run average")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    sentence = span.root.sent
    verb = _clause_verb(span.root)
    kept = {word.casefold() for word in WORD.findall(statement)}
    # A second event written without its verb is left out whole, not cut ("into X in 1840
    # and in 1850 into Y": `gapped_tail`).
    gap = {t.i for t in gapped_tail(verb)}
    for cc in sentence:
        if cc.dep_ != "cc" or cc.lower_ not in CONJUNCTIONS or cc.i + 1 >= sentence.end:
            continue
        if cc.i in gap:
            continue
        if _clause_verb(cc.head) != verb and cc.head != verb:
            continue  # a list of another clause ("whereas ..., two or more elements")
        after = doc[cc.i + 1]
        word = next((t for t in doc[cc.i + 1 : sentence.end] if t.is_alpha and not t.is_stop), None)
        before = _item_before(doc, cc.i, sentence.start, gap)
        if before is None or word is None or not after.is_alpha:
            continue
        if before.lower_ not in kept or word.lower_ in kept:
            continue
        conjunct = next((c for c in cc.head.children if c.dep_ == "conj" and c.i > cc.i), None)
        if conjunct is not None and conjunct.pos_ in {"VERB", "AUX"}:
            if subject_of(conjunct) is not None:
                continue  # "and Smith lost in 1918": a clause of its own
        if after.pos_ in NOMINAL or _series_before(doc, before, sentence.start, kept):
            return True
    return False


def _clause_verb(token: Token) -> Token:
    """The nearest verb above `token` (itself excluded), or the root."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node
    return node


def _item_before(doc: Doc, index: int, first: int, skip: set[int] = frozenset()) -> Token | None:
    """The last word before `index`, past commas, a bracketed aside ("(268)") and `skip`."""
    depth = 0
    for i in range(index - 1, first - 1, -1):
        token = doc[i]
        if i in skip:
            continue
        if token.text == ")":
            depth += 1
        elif token.text == "(":
            depth -= 1
        elif depth == 0 and token.is_alpha:
            return token
    return None


def _series_before(doc: Doc, item: Token, first: int, kept: set[str]) -> bool:
    """Whether `item` ends a comma series whose earlier item the statement keeps too."""
    for i in range(item.i - 1, max(first, item.i - 5) - 1, -1):
        if doc[i].text == ",":
            earlier = _item_before(doc, i, first)
            return earlier is not None and earlier.lower_ in kept
    return False
