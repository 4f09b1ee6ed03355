"""What generation knows of the document as a whole, computed once (`GenerationContext`).

The title (`_title`: the title line, else a short first line), the text's own subjects (every
actor the title names, with a person's surname: `_subject_names`; the title's noun phrases of
two words or more and the stems of its demonyms: `_title_subjects`), the names the byline
credits, the actors by fact key, where the lead (the running text's first sentence) starts,
and the sentences' parses by offset. It also keeps, per sentence and fact, what the checks of
`descriptions`, `reports` and `repeated` found, since every kind asked of one fact asks the
same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from quizgen.nlp.generate.clause import sentences_of
from quizgen.nlp.generate.descriptions import _chunks_in, _descriptions
from quizgen.nlp.generate.giveaway import place_containers
from quizgen.nlp.generate.repeated import repeated_event
from quizgen.nlp.generate.reports import report_of, reported_or_hypothetical
from quizgen.nlp.generate.text import contains_phrase, normalise
from quizgen.nlp.structure import Region, byline_names
from quizgen.nlp.types import ActorFact, Extraction, FactKind, QuestionDraft, Sentence

if TYPE_CHECKING:
    from quizgen.nlp.generate.reports import Report


@dataclass
class GenerationContext:
    """What selection needs to know about the document, computed once per generation."""

    extraction: Extraction
    doc: Doc | None
    subject_names: frozenset[str] = frozenset()
    title: str = ""
    sentence_spans: dict[int, Span] = field(default_factory=dict)
    # Where the running text's first sentence starts: the lead, which restates the title.
    lead_start: int = -1
    # `_descriptions` by (sentence start, sentence end, prompt, answer): asked for when the
    # descriptions are resolved and again for the features.
    _descriptions_of: dict[tuple[int, int, str, str], list[Span]] = field(default_factory=dict)
    # `reported_or_hypothetical` and `repeated_event` by (sentence start, end, answer start):
    # the same for every kind asked about one fact.
    _claims: dict[tuple[int, int, int], bool] = field(default_factory=dict)
    _repeated: dict[tuple, bool] = field(default_factory=dict)
    # The names the byline credits: a sentence about its author is a credit ("Jane Doe is a
    # BBC News correspondent based in Leeds"), not the text's matter.
    authors: frozenset[str] = frozenset()
    # The actors by fact key ("actor:Google"), and which place the text puts inside which
    # ("Groningen, in the Netherlands": groningen -> {netherlands}), both normalised.
    actors: dict[str, ActorFact] = field(default_factory=dict)
    # `_title_subjects`: the title's noun phrases and the stems of its demonyms.
    title_phrases: frozenset[str] = frozenset()
    _containers: dict[str, set[str]] | None = None
    # `report_of` by (sentence start, end, answer start).
    _reports: dict[tuple[int, int, int], Report | None] = field(default_factory=dict)

    @classmethod
    def build(cls, extraction: Extraction, doc: Doc | None) -> GenerationContext:
        title = _title(extraction)
        context = cls(extraction=extraction, doc=doc, title=title)
        context.subject_names = frozenset(_subject_names(extraction, title))
        context.authors = frozenset(
            name
            for sentence in extraction.sentences
            if getattr(sentence, "region", "body") == Region.BYLINE
            for name in byline_names(sentence.text)
        )
        context.title_phrases = frozenset(_title_subjects(extraction, title, doc))
        context.actors = {
            fact.key: fact
            for fact in extraction.of_kind(FactKind.ACTOR)
            if isinstance(fact, ActorFact)
        }
        for sentence in extraction.sentences:
            in_title = bool(title) and sentence.text.strip() in title
            if not in_title and getattr(sentence, "region", "body") == "body":
                context.lead_start = sentence.start
                break
        if doc is not None:
            _, sentences = sentences_of(doc)  # the doc's sentences, already walked once
            context.sentence_spans = {sent.start_char: sent for sent in sentences}
        return context

    def about_author(self, sentence: Sentence) -> bool:
        """Whether `sentence` names an author the byline credits."""
        return any(contains_phrase(sentence.text, name) for name in self.authors)

    def containers(self) -> dict[str, set[str]]:
        """`place_containers` of the doc, computed once."""
        if self._containers is None:
            self._containers = place_containers(self.doc) if self.doc is not None else {}
        return self._containers

    def span_of(self, start: int, end: int) -> Span | None:
        if self.doc is None:
            return None
        span = self.sentence_spans.get(start)
        if span is not None:
            return span
        return self.doc.char_span(start, end, alignment_mode="expand")

    def descriptions(self, draft: QuestionDraft) -> list[Span]:
        """`_descriptions` of the draft's prompt in its sentence, computed once per prompt."""
        sentence = draft.source_sentence
        key = (sentence.start, sentence.end, draft.prompt, draft.answer_text)
        found = self._descriptions_of.get(key)
        if found is None:
            span = self.span_of(sentence.start, sentence.end)
            found = _descriptions(span, draft.prompt, draft.answer_text)
            self._descriptions_of[key] = found
        return found

    def claim(self, sentence: Sentence, start: int) -> bool:
        """`reported_or_hypothetical` for the fact at `start` of `sentence`."""
        key = (sentence.start, sentence.end, start)
        found = self._claims.get(key)
        if found is None:
            span = self.span_of(sentence.start, sentence.end)
            found = reported_or_hypothetical(span, sentence.text, start)
            self._claims[key] = found
        return found

    def report(self, sentence: Sentence, start: int) -> Report | None:
        """`report_of` for the fact at `start` of `sentence`."""
        key = (sentence.start, sentence.end, start)
        if key not in self._reports:
            span = self.span_of(sentence.start, sentence.end)
            self._reports[key] = report_of(span, sentence.text, start)
        return self._reports[key]

    def repeated(self, sentence: Sentence, start: int, prompt: str = "") -> bool:
        """`repeated_event` for the fact at `start` of `sentence`, asked by `prompt` (whose
        years may tell two events apart)."""
        key = (sentence.start, sentence.end, start, prompt)
        found = self._repeated.get(key)
        if found is None:
            span = self.span_of(sentence.start, sentence.end)
            found = repeated_event(span, start, self.doc, prompt)
            self._repeated[key] = found
        return found


def _title(extraction: Extraction) -> str:
    for sentence in extraction.sentences:
        if getattr(sentence, "region", "body") == "title":
            return sentence.text
    first_line = extraction.text.strip().split("\n", 1)[0].strip()
    return first_line if len(first_line.split()) <= 15 else ""


def _subject_names(extraction: Extraction, title: str) -> set[str]:
    """The names of the text's own subjects: every actor the title names (a biography's
    person, the parties of a news story's headline). Asking for one gives the answer away."""
    names = set()
    for actor in extraction.of_kind(FactKind.ACTOR):
        if not isinstance(actor, ActorFact) or not title:
            continue
        if not any(contains_phrase(title, name) for name in _names_of(actor)):
            continue
        for name in _names_of(actor):
            names.add(normalise(name))
            if actor.label == "person" and len(name.split()) >= 2:
                names.add(normalise(name.split()[-1]))
    return {name for name in names if name}


# Endings a demonym adds to its country's stem ("Afghan" / "Afghanistan", "Italian" / "Italy").
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "an", "i")


def _title_subjects(extraction: Extraction, title: str, doc: Doc | None) -> set[str]:
    """What else a title makes the text's subject: each noun phrase of two words or more it
    names ("iodine deficiency"), and, for a demonym in it ("all-girl Afghan team"), the
    stem of the country it is of ("afgh"), written with a trailing "*"."""
    if not title or doc is None:
        return set()
    sentence = next(
        (s for s in extraction.sentences if getattr(s, "region", "body") == "title"), None
    )
    span = None
    if sentence is not None:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return set()
    found = set()
    for chunk in _chunks_in(span):
        words = [t for t in chunk if t.pos_ not in {"DET", "PRON", "PUNCT"}]
        if len(words) >= 2 and all(t.is_alpha or "-" in t.text for t in words):
            found.add(normalise(" ".join(t.text for t in words)))
    for token in span:
        if token.ent_type_ != "NORP" or not token.is_alpha:
            continue
        word = token.lower_
        for ending in DEMONYM_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                found.add(word[: -len(ending)] + "*")
                break
    return found


def _names_of(actor: ActorFact) -> list[str]:
    return [str(actor.value), *actor.aliases, *(m.text for m in actor.mentions)]
