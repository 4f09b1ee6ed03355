"""Frozen dataclasses passed between extraction, generation and the Django layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class FactKind:
    DATE = "date"
    FIGURE = "figure"
    ACTOR = "actor"
    QUOTE = "quote"
    TERM = "term"


class QuestionKind:
    MULTIPLE_CHOICE = "multiple_choice"
    TRUE_FALSE = "true_false"
    FILL_BLANK = "fill_blank"
    SHORT_ANSWER = "short_answer"
    NUMERIC = "numeric"
    ORDERING = "ordering"
    MATCHING = "matching"


# The kinds whose answer is the fact itself (not a statement to judge, an order or pairs).
FACT_ASKING = frozenset(
    {
        QuestionKind.MULTIPLE_CHOICE,
        QuestionKind.SHORT_ANSWER,
        QuestionKind.FILL_BLANK,
        QuestionKind.NUMERIC,
    }
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the source text with its character offsets.

    `region` is the part of the document it stands in: "body" for the running text, or one
    of title, heading, dateline, byline, caption, credit, references, note, example, exercise,
    comments, links (see `quizgen.nlp.structure`). Questions are recommended only from the body.
    """

    text: str
    start: int
    end: int
    region: str = "body"


@dataclass(frozen=True)
class Mention:
    """One place in the text where an actor is named."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Fact:
    """Something a student should retain, anchored to a span of the text.

    `value` is the normalised value as plain JSON-able data (an ISO date string, a
    number, an actor's canonical name); `key` identifies the fact stably across
    re-extractions of the same text so teacher edits can follow it.
    """

    kind: str
    text: str
    start: int
    end: int
    sentence: Sentence
    value: Any
    confidence: float = 1.0
    label: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.start}:{self.end}"

    def details(self) -> dict[str, Any]:
        """Kind-specific attributes as plain JSON-able data."""
        return {}


@dataclass(frozen=True, kw_only=True)
class DateFact(Fact):
    """A date or time; `value` is ISO-like text at `precision` (day, month, year, decade...)."""

    kind: str = FactKind.DATE
    precision: str = "year"
    vague: bool = False
    event: str = ""

    def details(self) -> dict[str, Any]:
        return {"precision": self.precision, "vague": self.vague, "event": self.event}


@dataclass(frozen=True, kw_only=True)
class FigureFact(Fact):
    """A number with its unit, qualifier ("over") and the noun it counts."""

    kind: str = FactKind.FIGURE
    unit: str = ""
    qualifier: str = ""
    counted: str = ""

    def details(self) -> dict[str, Any]:
        return {"unit": self.unit, "qualifier": self.qualifier, "counted": self.counted}


@dataclass(frozen=True, kw_only=True)
class ActorFact(Fact):
    """A person, organisation, country or group; one fact per actor with all its mentions.

    `label` is the actor type: person, organisation, country, group, place.
    """

    kind: str = FactKind.ACTOR
    mentions: tuple[Mention, ...] = ()
    aliases: tuple[str, ...] = ()
    role: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.value}"

    def details(self) -> dict[str, Any]:
        return {
            "mentions": [
                {"text": mention.text, "start": mention.start, "end": mention.end}
                for mention in self.mentions
            ],
            "aliases": list(self.aliases),
            "role": self.role,
        }


@dataclass(frozen=True, kw_only=True)
class QuoteFact(Fact):
    """A direct quotation; `value` is the quoted words and `speaker` the actor's name."""

    kind: str = FactKind.QUOTE
    speaker: str = ""

    def details(self) -> dict[str, Any]:
        return {"speaker": self.speaker}


@dataclass(frozen=True, kw_only=True)
class TermFact(Fact):
    """A term the text defines: `value` is the term as a glossary writes it ("prototype"),
    `definition` the noun phrase or clause that defines it ("a short poem of
    fourteen lines"), `pattern` the shape of the definition ("is", "refers to",
    "defined as", "is called", "or", "brackets", "glossary") and `plural` whether the text
    names it in the plural."""

    kind: str = FactKind.TERM
    definition: str = ""
    pattern: str = ""
    plural: bool = False

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.start}:{self.end}"

    def details(self) -> dict[str, Any]:
        return {"definition": self.definition, "pattern": self.pattern, "plural": self.plural}


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one text.

    `notes` says why a text gave no facts when that is not just the text (a non-English text).
    """

    text: str
    sentences: tuple[Sentence, ...]
    facts: tuple[Fact, ...]
    token_count: int = 0
    notes: tuple[str, ...] = ()
    # The parsed spaCy Doc the facts came from, when the extractor keeps it, so question
    # generation reuses the parse instead of parsing the text again. Not part of equality.
    doc: Any = field(default=None, compare=False, repr=False)

    def of_kind(self, kind: str) -> list[Fact]:
        return [fact for fact in self.facts if fact.kind == kind]


@dataclass(frozen=True, kw_only=True)
class QuestionDraft:
    """A generated question before any teacher has seen it.

    `options` is a tuple of (text, correct) pairs for kinds with options. `answer` holds
    kind-specific answer data: the number and tolerance for numeric questions, the
    correct order for ordering questions, the pairs for matching questions.
    """

    kind: str
    prompt: str
    options: tuple[tuple[str, bool], ...] = ()
    accepted_answers: tuple[str, ...] = ()
    answer: Any = None
    explanation: str = ""
    source_sentence: Sentence
    fact_keys: tuple[str, ...] = ()
    score: float = 0.0
    difficulty: float = 0.5
    recommended: bool = False
    defects: tuple[str, ...] = ()
    fingerprint: str = field(default="")
    # The main answer as the student would write it, and the wh-question the draft was
    # built from (empty for kinds without one); used for ranking, evaluation and listings.
    answer_text: str = ""
    question_text: str = ""
    # The rule that made the draft ("wh:When", "inplace", "who_said" …), shown to the teacher.
    rule: str = ""
    # The ranker's features (see generate/features.py), for listings and for fitting the ranker.
    features: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
