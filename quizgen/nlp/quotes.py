"""Direct quotations and who said them."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from quizgen.nlp.actors import ActorCluster
from quizgen.nlp.parsed import doc_text
from quizgen.nlp.sentences import Sentences
from quizgen.nlp.syntax import SUBJECT_DEPS
from quizgen.nlp.types import QuoteFact

QUOTE_RE = re.compile(r"\u201c([^\u201c\u201d\n]{3,}?)\u201d|\"([^\"\n]{3,}?)\"")
SPEECH_VERBS = {
    "say", "add", "tell", "state", "announce", "declare", "write", "ask", "reply", "explain",
    "note", "warn", "claim", "insist", "argue", "call", "describe", "remark", "comment",
    "conclude", "admit", "acknowledge", "suggest", "report", "confirm", "deny", "welcome",
}  # fmt: skip
PERSONAL_PRONOUNS = {"he", "she"}
# Bodies that speak for a country: "the Russian government said" is Russia speaking.
STATE_BODIES = {"government", "ministry", "embassy", "cabinet", "administration", "presidency"}
DEMONYM_ENDINGS = ("", "n", "an", "ian", "ese", "ish", "i", "ean")
MIN_WORDS = 2


def _speaker_cluster(
    subject_start: int, subject_end: int, owners: dict[int, ActorCluster]
) -> ActorCluster | None:
    """The actor named by a subject phrase; a person wins over a place in it
    ("Velmark's Foreign Minister, Ilsa Varno" is Varno)."""
    found = [owners[i] for i in range(subject_start, subject_end) if i in owners]
    people = [cluster for cluster in found if cluster.label == "person"]
    return (people or found or [None])[0]


def find_quotes(doc: Doc, clusters: list[ActorCluster], sentences: Sentences) -> list[QuoteFact]:
    """Quotations of at least two words whose speaker is an actor of the document."""
    owners: dict[int, ActorCluster] = {}
    for cluster in clusters:
        for mention in cluster.mentions:
            for index in range(mention.span.start, mention.span.end):
                owners[index] = cluster
    quotes: list[QuoteFact] = []
    for match in QUOTE_RE.finditer(doc_text(doc)):
        group = 1 if match.group(1) is not None else 2
        start, end = match.start(group), match.end(group)
        quoted = match.group(group)
        words = quoted.split()
        if len(words) < MIN_WORDS or quoted != quoted.strip():
            # Words set off by quotation marks with a space inside them are two quotations'
            # edges matched wrongly, not one quotation.
            continue
        if all(word[:1].isupper() or not word[:1].isalpha() for word in words):
            # "The Old Browser 4 Countdown": a title, not words someone said.
            continue
        inner = doc.char_span(start, end, alignment_mode="expand")
        if inner is None:
            continue
        speaker = _speaker(doc, inner, owners, sentences)
        if speaker is None:
            continue
        quotes.append(
            QuoteFact(
                text=match.group(group),
                start=start,
                end=end,
                sentence=sentences.of(inner),
                value=match.group(group),
                speaker=speaker.value,
                label=speaker.label,
                confidence=0.85,
            )
        )
    return quotes


def _speaker(
    doc: Doc, quote: Span, owners: dict[int, ActorCluster], sentences: Sentences
) -> ActorCluster | None:
    inside = set(range(quote.start, quote.end))
    sent = sentences.span_of(quote.start)
    candidates = [t for t in sent if t.i not in inside]
    if quote.end >= sent.end and sent.end < len(doc):
        following = sentences.span_of(sent.end)
        if len(following) <= 12:
            candidates.extend(following)
    for token in candidates:
        if token.lemma_ not in SPEECH_VERBS or token.pos_ not in {"VERB", "AUX"}:
            continue
        for child in token.children:
            if child.dep_ not in SUBJECT_DEPS:
                continue
            subtree = list(child.subtree)
            cluster = _speaker_cluster(subtree[0].i, subtree[-1].i + 1, owners)
            if cluster is not None:
                return cluster
            if child.lower_ in PERSONAL_PRONOUNS:
                return _previous_person(doc, child.i, owners)
            country = _country_speaking(child, owners)
            if country is not None:
                return country
    return None


def _country_speaking(subject: Token, owners: dict[int, ActorCluster]) -> ActorCluster | None:
    """The country whose government is the subject: "the Russian government" is Russia when
    Russia is an actor of the text. A demonym is the country's name, less a final vowel or
    "y", with a nationality ending ("Russia" + "n", "Chin" + "ese", "German" + "")."""
    if subject.lemma_.lower() not in STATE_BODIES:
        return None
    countries = {id(c): c for c in owners.values() if c.label == "country"}.values()
    for modifier in subject.children:
        if modifier.dep_ not in {"amod", "compound"} or not modifier.text[:1].isupper():
            continue
        word = modifier.text.lower()
        for country in countries:
            name = str(country.value).lower()
            stems = {name, name[:-1]} if name[-1:] in "aeiouy" else {name}
            if any(
                len(stem) >= 4 and word.startswith(stem) and word[len(stem) :] in DEMONYM_ENDINGS
                for stem in stems
            ):
                return country
    return None


def _previous_person(doc: Doc, index: int, owners: dict[int, ActorCluster]) -> ActorCluster | None:
    for position in range(index - 1, max(index - 200, -1), -1):
        cluster = owners.get(position)
        if cluster is not None and cluster.label == "person":
            return cluster
    return None
