"""Scoring extracted facts against a gold-annotated corpus (the format of shared/corpus/gum).

A corpus folder holds `NAME.txt` and `NAME.json` pairs. The JSON gives `genre` and two gold
layers as character offsets into the text: `entities` (GUM mentions with `type`, `group`,
`identity`) and `numbers` (numerals). The mapping onto our fact kinds follows the corpus README:

- actors: gold mentions of type person / organization / place. A predicted actor mention is
  right when it overlaps one of them (lenient) or equals one (exact). Recall counts the named
  gold mentions: capitalised first letter, not a pronoun, not just an article before a common
  noun ("The team") unless the mention carries an identity.
- dates: gold `time` mentions that are not bare durations. Precision against all of them,
  recall against the specific ones (a digit, a month, a weekday, or a counted relative date).
- figures: gold numerals outside date mentions, plus the duration mentions, less the numerals
  that name rather than count (`names_not_counts`, the lead's rule of 2 December 2026: GUM tags
  every numeral NUM, "Room 7" and "one of the" included, and none of them is a figure a
  teacher would ask about): a number closing or inside a capitalised name or label ("Orion
  9", "Internet Explorer 6", "Figure 9.15", "Elizabeth II"), after "No." or "#", a house
  number ("6400 College Avenue") and the pronoun "one" ("one of the", "the one who").
  `load_document(..., all_numerals=True)` keeps them, for the figure against GUM's own tags.
- aliases: pairs of matched named mentions that carry an identity; two mentions are the same
  actor in the gold when their identities are equal, and in the prediction when they belong to
  the same ActorFact. Pairwise precision and recall over those pairs.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

from quizgen.nlp.extract import MONTHS_AND_DAYS, PRONOUN_ONE_DETERMINERS, STREET_WORDS, extract_many
from quizgen.nlp.figures import CURRENCIES, UNITS
from quizgen.nlp.types import ActorFact, Extraction, FactKind

ACTOR_TYPES = {"person", "organization", "place"}
PRONOUNS = {
    "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him",
    "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs", "this", "that",
    "these", "those", "who", "whom", "whose", "which", "what", "itself", "himself", "herself",
    "themselves", "ourselves", "myself", "yourself", "one", "there", "here",
}  # fmt: skip
TIME_UNITS = (
    r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|year|decade|century|"
    r"centuries|millennium|millennia|season|semester|term)s?"
)
RELATIVE_MARKERS = re.compile(
    r"\b(ago|later|earlier|before|after|since|previous|prior|next|last|this|that|following|"
    r"past|same|early|late|end|beginning|start|middle|of)\b",
    re.IGNORECASE,
)
DURATION_RE = re.compile(rf"\b{TIME_UNITS}\b", re.IGNORECASE)
MONTH_OR_WEEKDAY_RE = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)\b",
    re.IGNORECASE,
)
NUMBER_WORD_RE = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|several|"
    r"few|dozens?|hundreds?|thousands?|twenty|thirty|forty|fifty)\b",
    re.IGNORECASE,
)
COUNTED_RELATIVE_RE = re.compile(rf"\b{TIME_UNITS}\s+(ago|later|earlier|before|after)\b", re.I)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str = ""

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class GoldDocument:
    """One corpus document with its gold layers, already mapped onto fact kinds."""

    name: str
    genre: str
    text: str
    published_on: date | None
    actors: tuple[Span, ...]
    named_actors: tuple[Span, ...]
    identities: tuple[tuple[Span, str], ...]
    dates: tuple[Span, ...]
    specific_dates: tuple[Span, ...]
    figures: tuple[Span, ...]


@dataclass
class Score:
    """Precision and recall counts, summed over documents."""

    predicted_right: int = 0
    predicted: int = 0
    gold_found: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.predicted_right += other.predicted_right
        self.predicted += other.predicted
        self.gold_found += other.gold_found
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.predicted_right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 1.0


METRICS = (
    "actors_exact",
    "actors_lenient",
    "aliases",
    "dates_exact",
    "dates_lenient",
    "figures_exact",
    "figures_lenient",
)


@dataclass
class Report:
    """Scores per genre and overall, with throughput."""

    by_genre: dict[str, dict[str, Score]] = field(default_factory=dict)
    overall: dict[str, Score] = field(default_factory=lambda: {m: Score() for m in METRICS})
    documents: int = 0
    tokens: int = 0
    seconds: float = 0.0

    def add(self, genre: str, scores: dict[str, Score]) -> None:
        target = self.by_genre.setdefault(genre, {m: Score() for m in METRICS})
        for metric, score in scores.items():
            target[metric].add(score)
            self.overall[metric].add(score)
        self.documents += 1


def is_duration(text: str) -> bool:
    """A bare duration ("15 years", "just over 24 hours") rather than a point in time."""
    return (
        bool(DURATION_RE.search(text))
        and not RELATIVE_MARKERS.search(text)
        and (bool(NUMBER_WORD_RE.search(text)))
    )


def is_specific_date(text: str) -> bool:
    """A date a reader could be asked about: a digit, a month, a weekday or a counted offset."""
    return bool(re.search(r"\d", text) or MONTH_OR_WEEKDAY_RE.search(text)) or bool(
        NUMBER_WORD_RE.search(text) and COUNTED_RELATIVE_RE.search(text)
    )


def starts_sentence(text: str, start: int) -> bool:
    """Whether position `start` opens a sentence, a line or a quotation (capitalised anyway)."""
    before = text[:start].rstrip(" \t\"'\u201c\u2018(")
    return not before or before[-1] in ".!?:\n"


def is_named(text: str, identity: str | None, *, sentence_initial: bool = False) -> bool:
    """A named mention: it has an identity or a capital letter that its position does not
    explain, and it is not a pronoun."""
    words = text.split()
    if not words or not words[0][:1].isupper() or words[0].lower() in PRONOUNS:
        return False
    if identity:
        return True
    return any(word[:1].isupper() for word in words[1:]) or not sentence_initial


NAMING_NUMERAL_RE = re.compile(r"\d+(?:\.\d+)*|[IVXL]+")
WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)[ \t]+$")
SCORE_AFTER_RE = re.compile(r"^\s*[-\u2013\u2014:]\s*\d+(?![\w])")
HOUSE_NUMBER_RE = re.compile(r"^(?:\s+[A-Z][a-z]+\.?){1,3}")


def names_not_counts(text: str, span: Span) -> bool:
    """A gold numeral that names rather than counts, read off the text alone (no parser): a
    number after "#", "No." or "Nos." or with a leading zero; a number (or a Roman numeral)
    straight after a capitalised word that is no month, currency, unit or function word ("Room
    7", "Figure 9.15", "Elizabeth II"; not "Over 500", nor after a full stop),
    unless a score or a ratio goes on ("Sweden 1 - 0"); a house number ("6400 College
    Avenue"); "one" before "of" or "another", or after a determiner before no content word
    ("the one who")."""
    words = span.text
    before = text[: span.start]
    after = text[span.end :]
    if before.endswith("#") or re.search(r"\bNos?\.\s*$", before) or re.fullmatch(r"0\d+", words):
        return True
    if words.lower() == "one":
        following = re.match(r"\s*([A-Za-z]+)?", after).group(1) or ""
        preceding = re.search(r"([A-Za-z]+)\s+$", before)
        if following.lower() in {"of", "another"}:
            return True
        return bool(
            preceding
            and preceding.group(1).lower() in PRONOUN_ONE_DETERMINERS
            and (not following or following.lower() in STOP_WORDS)
        )
    if not NAMING_NUMERAL_RE.fullmatch(words):
        return False
    street = HOUSE_NUMBER_RE.match(after)
    if words.isdigit() and street:
        names = [word.lower() for word in street.group(0).split()]
        if any(name in STREET_WORDS or name.rstrip(".") in STREET_WORDS for name in names[1:]):
            return True
    word_before = WORD_BEFORE_RE.search(before)
    if not word_before:
        return False
    word = word_before.group(1)
    if not (word[:1].isupper()) or SCORE_AFTER_RE.match(after):
        return False
    lower = word.lower()
    if lower in MONTHS_AND_DAYS or lower in CURRENCIES or lower in UNITS:
        return False
    if lower in STOP_WORDS:
        return False  # "In 24 games", "Over 500 people"
    following = re.match(r"\s*([A-Za-z%]+)", after)
    return not (following and (following.group(1).lower() in UNITS or following.group(1) == "%"))


def load_document(text_path: Path, *, all_numerals: bool = False) -> GoldDocument:
    """Read one `NAME.txt` / `NAME.json` pair and map its gold onto fact kinds (with
    `all_numerals`, the figure gold keeps the numerals that name, as GUM tags them)."""
    text = text_path.read_text(encoding="utf-8")
    meta = json.loads(text_path.with_suffix(".json").read_text(encoding="utf-8"))
    entities = meta.get("entities", [])
    actors, named, identities = [], [], []
    dates, specific, durations = [], [], []
    for entity in entities:
        span = Span(entity["start"], entity["end"], entity["text"])
        if entity["type"] in ACTOR_TYPES:
            actors.append(span)
            initial = starts_sentence(text, span.start)
            if is_named(span.text, entity.get("identity"), sentence_initial=initial):
                named.append(span)
                if entity.get("identity"):
                    identities.append((span, entity["identity"]))
        elif entity["type"] == "time":
            if is_duration(span.text):
                durations.append(span)
            else:
                dates.append(span)
                if is_specific_date(span.text):
                    specific.append(span)
    numbers = [Span(n["start"], n["end"], n["text"]) for n in meta.get("numbers", [])]
    if not all_numerals:
        numbers = [n for n in numbers if not names_not_counts(text, n)]
    figures = [n for n in numbers if not any(n.overlaps(d) for d in dates)] + durations
    published = meta.get("date") or meta.get("published_on")
    return GoldDocument(
        name=text_path.stem,
        genre=meta.get("genre", "unknown"),
        text=text,
        published_on=date.fromisoformat(published) if published else None,
        actors=tuple(actors),
        named_actors=tuple(named),
        identities=tuple(identities),
        dates=tuple(dates),
        specific_dates=tuple(specific),
        figures=tuple(sorted(figures, key=lambda s: (s.start, s.end))),
    )


def load_corpus(folder: Path, *, all_numerals: bool = False) -> list[GoldDocument]:
    """Every document of a corpus folder, in name order."""
    paths = sorted(p for p in Path(folder).glob("*.txt") if p.with_suffix(".json").exists())
    return [load_document(path, all_numerals=all_numerals) for path in paths]


def _match(predicted: Iterable[Span], gold: Iterable[Span], *, lenient: bool) -> Score:
    predicted, gold = list(predicted), list(gold)

    def hit(a: Span, b: Span) -> bool:
        return a.overlaps(b) if lenient else (a.start, a.end) == (b.start, b.end)

    return Score(
        predicted_right=sum(any(hit(p, g) for g in gold) for p in predicted),
        predicted=len(predicted),
        gold_found=sum(any(hit(g, p) for p in predicted) for g in gold),
        gold=len(gold),
    )


def _stands_for(predicted: Span, gold: Span, *, person: bool) -> bool:
    """A predicted mention stands for a gold one when each covers at least half of the other, or
    when it is the name that ends a longer description of a person ("Harlow Mayor Ana
    Ruiz"). Nested gold mentions ("Harlow" inside "Harlow Hawks") then stay apart."""
    overlap = min(predicted.end, gold.end) - max(predicted.start, gold.start)
    if overlap <= 0:
        return False
    if overlap * 2 >= gold.end - gold.start and overlap * 2 >= predicted.end - predicted.start:
        return True
    return person and predicted.end >= gold.end - 2 and predicted.start > gold.start


def _alias_score(extraction: Extraction, gold: GoldDocument) -> Score:
    owner: dict[Span, tuple[int, bool]] = {}
    for index, fact in enumerate(extraction.of_kind(FactKind.ACTOR)):
        assert isinstance(fact, ActorFact)
        for mention in fact.mentions:
            owner[Span(mention.start, mention.end)] = (index, fact.label == "person")
    matched: list[tuple[int, str]] = []
    for span, identity in gold.identities:
        actor = next(
            (a for s, (a, person) in owner.items() if _stands_for(s, span, person=person)), None
        )
        if actor is not None:
            matched.append((actor, identity))
    score = Score()
    for (actor_a, identity_a), (actor_b, identity_b) in combinations(matched, 2):
        same_predicted, same_gold = actor_a == actor_b, identity_a == identity_b
        score.predicted += same_predicted
        score.gold += same_gold
        score.predicted_right += same_predicted and same_gold
        score.gold_found += same_predicted and same_gold
    return score


def score_document(extraction: Extraction, gold: GoldDocument) -> dict[str, Score]:
    """All metrics of one document."""
    mentions = [
        Span(m.start, m.end, m.text)
        for fact in extraction.of_kind(FactKind.ACTOR)
        if isinstance(fact, ActorFact)
        for m in fact.mentions
    ]
    dates = [Span(f.start, f.end, f.text) for f in extraction.of_kind(FactKind.DATE)]
    figures = [Span(f.start, f.end, f.text) for f in extraction.of_kind(FactKind.FIGURE)]
    scores = {}
    for lenient, suffix in ((False, "exact"), (True, "lenient")):
        actor = _match(mentions, gold.actors, lenient=lenient)
        actor_recall = _match(mentions, gold.named_actors, lenient=lenient)
        actor.gold_found, actor.gold = actor_recall.gold_found, actor_recall.gold
        date_score = _match(dates, gold.dates, lenient=lenient)
        date_recall = _match(dates, gold.specific_dates, lenient=lenient)
        date_score.gold_found, date_score.gold = date_recall.gold_found, date_recall.gold
        scores[f"actors_{suffix}"] = actor
        scores[f"dates_{suffix}"] = date_score
        scores[f"figures_{suffix}"] = _match(figures, gold.figures, lenient=lenient)
    scores["aliases"] = _alias_score(extraction, gold)
    return scores


def evaluate(documents: list[GoldDocument], *, nlp: Language | None = None) -> Report:
    """Extract every document through one `nlp.pipe` and score it against its gold."""
    report = Report()
    started = time.perf_counter()
    extractions = extract_many(((doc.text, doc.published_on) for doc in documents), nlp=nlp)
    report.seconds = time.perf_counter() - started
    for gold, extraction in zip(documents, extractions, strict=True):
        report.tokens += extraction.token_count
        report.add(gold.genre, score_document(extraction, gold))
    return report


def _rows(report: Report) -> Iterator[tuple[str, dict[str, Score]]]:
    for genre in sorted(report.by_genre):
        yield genre, report.by_genre[genre]
    yield "overall", report.overall


def format_report(report: Report) -> str:
    """The evaluation as a plain-text table, per genre and overall, with throughput."""
    columns = [
        ("actors P/R (lenient)", "actors_lenient"),
        ("actors P/R (exact)", "actors_exact"),
        ("aliases P/R", "aliases"),
        ("dates P/R (lenient)", "dates_lenient"),
        ("dates P/R (exact)", "dates_exact"),
        ("figures P/R (lenient)", "figures_lenient"),
        ("figures P/R (exact)", "figures_exact"),
    ]
    header = ["genre"] + [title for title, _ in columns]
    lines = [header]
    for genre, scores in _rows(report):
        lines.append(
            [genre]
            + [f"{scores[key].precision:.2f} / {scores[key].recall:.2f}" for _, key in columns]
        )
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    rendered = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in lines]
    rendered.insert(1, "  ".join("-" * width for width in widths))
    docs_per_second = report.documents / report.seconds if report.seconds else 0.0
    tokens_per_second = report.tokens / report.seconds if report.seconds else 0.0
    rendered.append("")
    rendered.append(
        f"{report.documents} documents, {report.tokens} tokens in {report.seconds:.2f} s: "
        f"{docs_per_second:.1f} documents/s, {tokens_per_second:.0f} tokens/s"
    )
    return "\n".join(rendered)


def report_as_dict(report: Report) -> dict[str, Any]:
    """The evaluation as JSON-able data."""
    return {
        genre: {
            key: {"precision": round(s.precision, 4), "recall": round(s.recall, 4)}
            for key, s in scores.items()
        }
        for genre, scores in _rows(report)
    }
