"""Direct quotations and who said them.

A quotation is the words between a pair of quotation marks on one line, or, as news writes a
quotation that goes on into the next paragraph, the words from an opening mark the line never
closes to the line's end. Its speaker is the subject of a speech verb in the sentence the
quotation opens or closes in ("“…,” he said."), in a short sentence after it, in the sentence
before a paragraph that is all quotation when that sentence ends in a colon or a comma
("Obama tweeted:", "Rathbun stated,"), or a name signed after it with a dash ("“…” - Jane
Doe").
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from quizgen.nlp.actors import ActorCluster
from quizgen.nlp.parsed import doc_text
from quizgen.nlp.sentences import Sentences
from quizgen.nlp.syntax import SUBJECT_DEPS
from quizgen.nlp.types import QuoteFact

QUOTE_RE = re.compile(r"\u201c([^\u201c\u201d\n]{3,}?)\u201d|\"([^\"\n]{3,}?)\"")
# A quotation the line opens and does not close: it goes on into the next paragraph.
UNCLOSED_CURLY = re.compile(r"\u201c([^\u201c\u201d\n]{3,})$", re.MULTILINE)
UNCLOSED_STRAIGHT = re.compile(r"\"([^\"\n]{3,})$", re.MULTILINE)
# A name signed after a closing mark: "“…” - Jane Doe", "“…” — Jane Doe, editor".
SIGNED_AFTER = re.compile(
    r"\A\s*[-\u2013\u2014]\s*([A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})\s*(?:,[^\n]*)?$"
)
SPEECH_VERBS = {
    "say", "add", "tell", "state", "announce", "declare", "write", "ask", "reply", "explain",
    "note", "warn", "claim", "insist", "argue", "call", "describe", "remark", "comment",
    "conclude", "admit", "acknowledge", "suggest", "report", "confirm", "deny", "welcome",
    "tweet",
}  # fmt: skip
PERSONAL_PRONOUNS = {"he", "she"}
_SPOKEN_KEY = ("quizgen", "spoken_ranges")
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
    text = doc_text(doc)
    for start, end, closed in _quotations(text):
        quoted = text[start:end]
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
        speaker = _speaker(doc, inner, owners, sentences, closed=closed)
        if speaker is None:
            speaker = _signed_speaker(doc, text, end, owners) if closed else None
        if speaker is None:
            speaker = _colon_speaker(doc, text, start, inner, owners, sentences)
        if speaker is None:
            continue
        quotes.append(
            QuoteFact(
                text=quoted,
                start=start,
                end=end,
                sentence=sentences.of(inner),
                value=quoted,
                speaker=speaker.value,
                label=speaker.label,
                confidence=0.85,
            )
        )
    return quotes


# A quotation of this many words or more is someone's words, not a title or a scare quote.
CLAIM_MIN_WORDS = 4


QUOTE_MARK = re.compile(r"[\"\u201c\u201d]")


def _quoted_stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words each opening quotation mark opens: up to the next closing
    mark, the next opening one (a quotation news goes on with after a closing mark it left
    out) or the line's end. A straight mark opens where it follows a space, a bracket or the
    line's start and a word follows it; it closes where a word or a stop comes before it."""
    found = []
    line_start = 0
    for line in text.split("\n"):
        start = None
        for match in QUOTE_MARK.finditer(line):
            at, mark = match.start(), match.group()
            before = line[at - 1] if at else " "
            after = line[at + 1] if at + 1 < len(line) else " "
            opening = mark == "\u201c" or (
                mark == '"'
                and (before.isspace() or before in "([\u2014\u2013-")
                and not after.isspace()
            )
            if start is not None and at > start:
                found.append((line_start + start, line_start + at))
                start = None
            if opening:
                start = at + 1
        if start is not None and start < len(line):
            found.append((line_start + start, line_start + len(line)))
        line_start += len(line) + 1
    return found


def _spoken_ranges(doc: Doc) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The starts and ends of the quotations of the doc's text that are words someone said:
    of `CLAIM_MIN_WORDS` or more, not a title's capitalised words; found once per doc."""
    found = doc.user_data.get(_SPOKEN_KEY)
    if found is None:
        found = doc.user_data[_SPOKEN_KEY] = _spoken_ranges_of(doc_text(doc))
    return found


def _spoken_ranges_of(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _quoted_stretches(text):
        words = text[start:end].split()
        if len(words) < CLAIM_MIN_WORDS:
            continue
        if all(word[:1].isupper() or not word[:1].isalpha() for word in words):
            continue
        starts.append(start)
        ends.append(end)
    return tuple(starts), tuple(ends)


def inside_quotation(doc: Doc, at: int) -> bool:
    """Whether the character `at` of the doc's text stands inside a quotation of someone's
    words (a pair of quotation marks on a line, or a mark that opens a paragraph's words and
    is closed only in a later one): what stands there is the speaker's claim."""
    starts, ends = _spoken_ranges(doc)
    index = bisect_right(starts, at) - 1
    return index >= 0 and at < ends[index]


def _quotations(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of every quotation's words: the pairs of marks on a line, then a
    mark the line opens and never closes, whose words run to the line's end (a straight mark
    only where the line holds an odd number of them, so it is no pair's closing mark)."""
    found = []
    paired: set[int] = set()
    for match in QUOTE_RE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        found.append((match.start(group), match.end(group), True))
        paired.update((match.start(), match.end() - 1))
    for pattern in (UNCLOSED_CURLY, UNCLOSED_STRAIGHT):
        for match in pattern.finditer(text):
            mark = match.start()
            if mark in paired:
                continue
            line_start = text.rfind("\n", 0, mark) + 1
            if pattern is UNCLOSED_STRAIGHT and text.count('"', line_start, match.end()) % 2 == 0:
                continue
            end = match.start(1) + len(match.group(1).rstrip())
            found.append((match.start(1), end, False))
    return sorted(found)


def _signed_speaker(
    doc: Doc, text: str, end: int, owners: dict[int, ActorCluster]
) -> ActorCluster | None:
    """The person a closed quotation is signed by on its line: "“…” - Jane Doe"."""
    line_end = text.find("\n", end)
    rest = text[end + 1 : line_end if line_end >= 0 else len(text)]
    signed = SIGNED_AFTER.match(rest)
    if signed is None:
        return None
    at = end + 1 + signed.start(1)
    name = doc.char_span(at, at + len(signed.group(1)), alignment_mode="expand")
    if name is None:
        return None
    cluster = _speaker_cluster(name.start, name.end, owners)
    return cluster if cluster is not None and cluster.label == "person" else None


def _colon_speaker(
    doc: Doc,
    text: str,
    start: int,
    inner: Span,
    owners: dict[int, ActorCluster],
    sentences: Sentences,
) -> ActorCluster | None:
    """The speaker of a paragraph that is all quotation, named in the sentence before it
    when that sentence ends in a colon or a comma, as one that introduces it does: "Obama
    tweeted using his account:" / "“Cool clock …”"."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start : start - 1].strip():
        return None
    index = sentences.index(inner.start)
    while index > 0 and sentences.spans[index - 1].end_char > line_start:
        index -= 1  # the opening mark parsed as a sentence of its own
    if index == 0:
        return None
    before = sentences.spans[index - 1]
    if not doc_text(doc)[before.start_char : before.end_char].rstrip().endswith((":", ",")):
        return None
    return _speaker_in(before, set(), doc, owners)


def _speaker(
    doc: Doc,
    quote: Span,
    owners: dict[int, ActorCluster],
    sentences: Sentences,
    *,
    closed: bool = True,
) -> ActorCluster | None:
    """The speaker named by a speech verb in the sentence the quotation opens in, the one it
    closes in, or a short sentence right after it ("… at all.” He said it twice."); not after
    a quotation that goes on into the next paragraph, whose next sentence is more of it."""
    inside = set(range(quote.start, quote.end))
    sent = sentences.span_of(quote.start)
    found = _speaker_in(sent, inside, doc, owners)
    if found is not None:
        return found
    last = sentences.span_of(quote.end - 1)
    if last.start != sent.start:
        found = _speaker_in(last, inside, doc, owners)
        if found is not None:
            return found
    if closed and quote.end >= last.end and last.end < len(doc):
        following = sentences.span_of(last.end)
        if len(following) <= 12:
            return _speaker_in(following, inside, doc, owners)
    return None


def _speaker_in(
    sentence: Span, inside: set[int], doc: Doc, owners: dict[int, ActorCluster]
) -> ActorCluster | None:
    """The subject of a speech verb of `sentence` outside the quotation's tokens `inside`."""
    for token in sentence:
        if token.i in inside:
            continue
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
