"""Distractors for multiple choice, following item-writing guidelines.

Options are homogeneous (dates of the same precision and format, figures in the same format
and magnitude, actors of the same type and the same naming form), never an alias of the
answer, never mentioned in the source sentence (where they might be true), never duplicated.
Dates and figures are offered in logical order; the correct option's position is chosen by
the caller so that it is balanced across a quiz. Distractors come from the same document
first, then from plausible perturbations or the reviewed bank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from quizgen.nlp.generate.text import (
    MONTH_NAMES,
    WEEKDAYS,
    contains_phrase,
    format_like,
    normalise,
    split_number,
    word_count,
)
from quizgen.nlp.generate.wh import bank, is_city, is_country, same_thing
from quizgen.nlp.types import ActorFact, DateFact, Extraction, FactKind, FigureFact

YEAR_RE = re.compile(r"^(?:in\s+)?(\d{4})$")
MONTH_YEAR_RE = re.compile(rf"^({'|'.join(MONTH_NAMES)})\s+(\d{{4}})$")
DAY_MONTH_YEAR_RE = re.compile(rf"^(\d{{1,2}})\s+({'|'.join(MONTH_NAMES)})\s+(\d{{4}})$")
MONTH_DAY_YEAR_RE = re.compile(rf"^({'|'.join(MONTH_NAMES)})\s+(\d{{1,2}}),\s+(\d{{4}})$")
DECADE_RE = re.compile(r"^(the\s+)?(\d{3})0s$")


@dataclass(frozen=True)
class Choice:
    """An answer and its distractors: ordered ones (below and above the answer) or not."""

    answer: str
    below: tuple[str, ...] = ()  # nearest first
    above: tuple[str, ...] = ()  # nearest first
    unordered: tuple[str, ...] = ()
    from_document: float = 0.0  # share of the chosen distractors taken from the text

    def options(self, target: int) -> tuple[tuple[str, bool], ...] | None:
        """Four options with the answer at `target` (or the nearest feasible position)."""
        if self.unordered:
            if len(self.unordered) < 3:
                return None
            chosen = sorted(self.unordered[:3], key=normalise)
            position = target % 4
            texts = chosen[:position] + [self.answer] + chosen[position:]
            return tuple((text, text == self.answer) for text in texts)
        feasible = [
            below_count
            for below_count in range(4)
            if below_count <= len(self.below) and 3 - below_count <= len(self.above)
        ]
        if not feasible:
            return None
        below_count = min(feasible, key=lambda count: (abs(count - target % 4), count))
        lower = list(reversed(self.below[:below_count]))
        upper = list(self.above[: 3 - below_count])
        texts = lower + [self.answer] + upper
        return tuple((text, text == self.answer) for text in texts)


def _usable(candidate: str, answer: str, sentence: str, taken: set[str]) -> bool:
    key = normalise(candidate)
    if not key or key in taken or contains_phrase(sentence, candidate):
        return False
    return not any(same_thing(key, other) for other in taken)


def _collect(
    candidates: list[str], answer: str, sentence: str, taken: set[str], limit: int = 3
) -> list[str]:
    chosen: list[str] = []
    for candidate in candidates:
        if len(chosen) == limit:
            break
        if _usable(candidate, answer, sentence, taken):
            taken.add(normalise(candidate))
            chosen.append(candidate)
    return chosen


# Dates ---------------------------------------------------------------------------------


def date_choice(
    fact: DateFact, answer: str, extraction: Extraction, published_on: date | None
) -> Choice | None:
    """Dates in the answer's own format and precision, nearest first on each side."""
    text = answer.strip()
    sentence = fact.sentence.text
    latest = published_on.year if published_on else None
    doc_dates = [
        f for f in extraction.of_kind(FactKind.DATE) if isinstance(f, DateFact) and not f.vague
    ]
    if latest is None and doc_dates:
        years = [int(str(f.value)[:4]) for f in doc_dates if str(f.value)[:4].isdigit()]
        latest = max(years) if years else None
    if match := YEAR_RE.match(text):
        year = int(match.group(1))
        same = sorted(
            {int(f.text.strip()) for f in doc_dates if YEAR_RE.match(f.text.strip())} - {year}
        )
        step = 3 if year >= 1950 else 5
        below = [str(y) for y in sorted((y for y in same if y < year), reverse=True)]
        below += [str(year - step * k) for k in (1, 2, 3, 4)]
        above = [str(y) for y in same if y > year]
        above += [str(year + step * k) for k in (1, 2, 3, 4)]
        if latest is not None:
            above = [y for y in above if int(y) <= max(latest, year)]
        return _ordered(text, below, above, sentence, from_document=len(same))
    if match := MONTH_YEAR_RE.match(text):
        month = MONTH_NAMES.index(match.group(1)) + 1
        year = int(match.group(2))
        index = year * 12 + month - 1

        def name(i: int) -> str:
            return f"{MONTH_NAMES[i % 12]} {i // 12}"

        doc_months = sorted(
            {
                int(m.group(2)) * 12 + MONTH_NAMES.index(m.group(1))
                for f in doc_dates
                if (m := MONTH_YEAR_RE.match(f.text.strip()))
            }
            - {index}
        )
        below = [name(i) for i in sorted((i for i in doc_months if i < index), reverse=True)]
        below += [name(index - k) for k in (3, 6, 9, 12)]
        above = [name(i) for i in doc_months if i > index]
        above += [name(index + k) for k in (3, 6, 9, 12)]
        if latest is not None:
            above = [a for a in above if int(a.split()[-1]) <= max(latest, year)]
        return _ordered(text, below, above, sentence, from_document=len(doc_months))
    for pattern, day_first in ((DAY_MONTH_YEAR_RE, True), (MONTH_DAY_YEAR_RE, False)):
        if match := pattern.match(text):
            groups = match.groups()
            day, month_name = (groups[0], groups[1]) if day_first else (groups[1], groups[0])
            try:
                when = date(int(groups[2]), MONTH_NAMES.index(month_name) + 1, int(day))
            except ValueError:
                return None

            def write(d: date, day_first: bool = day_first) -> str:
                if day_first:
                    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
                return f"{MONTH_NAMES[d.month - 1]} {d.day}, {d.year}"

            below = [write(when - timedelta(days=7 * k)) for k in (2, 4, 6, 8)]
            above = [write(when + timedelta(days=7 * k)) for k in (2, 4, 6, 8)]
            if published_on is not None:
                above = [a for a in above if when > published_on or _parse_day(a) <= published_on]
            return _ordered(text, below, above, sentence, from_document=0)
    if text in WEEKDAYS:
        index = WEEKDAYS.index(text)
        below = [WEEKDAYS[i] for i in range(index - 1, -1, -1) if i < 5]
        above = [WEEKDAYS[i] for i in range(index + 1, 5)]
        return _ordered(text, below, above, sentence, from_document=0)
    if match := DECADE_RE.match(text):
        article = match.group(1) or ""
        decade = int(match.group(2)) * 10
        below = [f"{article}{decade - 10 * k}s" for k in (1, 2, 3, 4)]
        above = [f"{article}{decade + 10 * k}s" for k in (1, 2, 3, 4)]
        if latest is not None:
            above = [a for a in above if int(re.sub(r"\D", "", a)) <= latest]
        return _ordered(text, below, above, sentence, from_document=0)
    return None


def _parse_day(text: str) -> date:
    if match := DAY_MONTH_YEAR_RE.match(text):
        day, month, year = match.groups()
    else:
        found = MONTH_DAY_YEAR_RE.match(text)
        assert found is not None
        month, day, year = found.groups()
    return date(int(year), MONTH_NAMES.index(month) + 1, int(day))


def _ordered(
    answer: str, below: list[str], above: list[str], sentence: str, *, from_document: int
) -> Choice:
    taken = {normalise(answer)}
    lower = _collect(below, answer, sentence, taken)
    upper = _collect(above, answer, sentence, taken)
    share = min(from_document, 3) / 3
    return Choice(answer=answer, below=tuple(lower), above=tuple(upper), from_document=share)


# Figures -------------------------------------------------------------------------------

BELOW_FACTORS = (2 / 3, 1 / 2, 1 / 3, 1 / 4)
ABOVE_FACTORS = (3 / 2, 2, 3, 4)


def figure_choice(fact: FigureFact, answer: str) -> Choice | None:
    """Plausible perturbations of the figure, written exactly like the answer."""
    parts = split_number(answer)
    if parts is None:
        return None
    _, number, decimals, _, _ = parts
    if number <= 0:
        return None
    is_percent = "%" in answer or "percent" in answer.lower()
    granularity = _granularity(number, decimals)

    def perturb(factors: tuple[float, ...]) -> list[str]:
        written: list[str] = []
        for factor in factors:
            value = round(number * factor / granularity) * granularity
            if value <= 0 or value == number or (is_percent and value > 100):
                continue
            text = format_like(answer, value)
            if text is not None:
                written.append(text)
        return written

    below = perturb(BELOW_FACTORS)
    above = perturb(ABOVE_FACTORS)
    if number < 4 and not decimals:
        below = [format_like(answer, number - k) or "" for k in (1, 2, 3) if number - k > 0]
        above = [format_like(answer, number + k) or "" for k in (1, 2, 3, 4)]
        if is_percent:
            above = [a for a in above if a]
    return _ordered(answer, below, above, fact.sentence.text, from_document=0)


def _granularity(number: float, decimals: int) -> float:
    if decimals:
        return 10.0**-decimals
    whole = int(number)
    step = 1
    while whole and whole % (step * 10) == 0:
        step *= 10
    return float(step)


# Actors --------------------------------------------------------------------------------


def actor_choice(
    fact: ActorFact, answer: str, sentence: str, extraction: Extraction
) -> Choice | None:
    taken = {normalise(answer), normalise(str(fact.value))} | {normalise(a) for a in fact.aliases}
    several_words = word_count(answer) >= 2
    kind = _place_kind(fact)

    def fits(name: str) -> bool:
        if fact.label == "person" and (word_count(name) >= 2) != several_words:
            return False
        if kind == "country" and not is_country(name):
            return False
        if kind == "city" and not is_city(name):
            return False
        return True

    from_text = []
    for other in extraction.of_kind(FactKind.ACTOR):
        assert isinstance(other, ActorFact)
        if other.label != fact.label or other.key == fact.key:
            continue
        names = {normalise(str(other.value))} | {normalise(a) for a in other.aliases}
        if names & taken:
            continue
        if any(contains_phrase(sentence, m.text) for m in other.mentions):
            continue
        name = _display(str(other.value))
        if fits(name):
            from_text.append(name)
    chosen = _collect(from_text, answer, sentence, taken)
    document_share = len(chosen) / 3
    bank_key = {"country": "country_distractors", "city": "city_distractors"}.get(kind, fact.label)
    pool = [_display(name) for name in bank().get(bank_key, []) if fits(_display(name))]
    chosen += _collect(pool, answer, sentence, taken, limit=3 - len(chosen))
    if len(chosen) < 3:
        return None
    return Choice(answer=answer, unordered=tuple(chosen), from_document=document_share)


def _display(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def _place_kind(fact: ActorFact) -> str:
    if fact.label != "country":
        return fact.label
    names = [str(fact.value), *fact.aliases]
    if any(is_country(name) for name in names):
        return "country"
    if any(is_city(name) for name in names):
        return "city"
    return "place"
