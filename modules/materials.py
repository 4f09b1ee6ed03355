"""Study materials computed from facts: wording, timeline, key figures, who's who, reading marks.

Everything here reads Fact rows already fetched; nothing queries the database, so a page costs
the same number of queries whatever the size of its documents. A teacher's correction
(`Fact.corrected_text`) replaces the extracted wording everywhere; a hidden fact shows nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from quizgen.models import Document, Fact

MONTHS = (
    "January February March April May June July August September October November December"
).split()
BLANK = "_____"
_DATE_VALUE = re.compile(r"^(?P<year>\d{3,4})(?:s|-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
FLASHCARD_ACTOR_LABELS = frozenset({"person", "organisation", "country"})
CURRENCIES = frozenset({"USD", "EUR", "GBP", "JPY", "CNY", "RUB", "INR", "AUD", "CAD", "CHF"})


# Wording ---------------------------------------------------------------------------------


def date_sort_key(value: Any) -> tuple[int, int, int] | None:
    """(year, month, day) of a normalised date value, or None when it cannot be placed."""
    if isinstance(value, dict):
        value = value.get("start")
    if not isinstance(value, str | int):
        return None
    match = _DATE_VALUE.match(str(value))
    if match is None:
        return None
    return (
        int(match["year"]),
        int(match["month"] or 0),
        int(match["day"] or 0),
    )


def date_value_display(value: Any) -> str:
    """'3 July 2025', 'April 2025', '1979', '1990s' for the normalised values."""
    if isinstance(value, dict) and "start" in value:
        return f"{date_value_display(value['start'])} – {date_value_display(value.get('end'))}"
    text = "" if value is None else str(value)
    match = _DATE_VALUE.match(text)
    if match is None or match.end() != len(text):
        return text
    if match["day"]:
        return f"{int(match['day'])} {MONTHS[int(match['month']) - 1]} {match['year']}"
    if match["month"]:
        return f"{MONTHS[int(match['month']) - 1]} {match['year']}"
    return text


def _large_number(value: int) -> str:
    """9000000000 -> '9 billion', 2500000 -> '2.5 million' (as a reader would say it)."""
    for scale, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:.3g} {word}"
    return f"{value:,}"


def figure_value_display(fact: Fact) -> str:
    value = fact.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and abs(value) >= 1_000_000:
        number = _large_number(value)
    elif isinstance(value, int):
        number = f"{value:,}"
    else:
        number = str(value)
    unit = (fact.details or {}).get("unit") or ""
    qualifier = (fact.details or {}).get("qualifier") or ""
    return " ".join(part for part in (qualifier, number, unit) if part)


def fact_display(fact: Fact) -> str:
    """The fact as a student should read it: the teacher's correction or the text's words."""
    if fact.corrected_text:
        return fact.corrected_text
    if fact.kind == Fact.Kind.ACTOR:
        return str(fact.value or fact.text)
    return fact.text


def fact_normalised(fact: Fact) -> str:
    """The normalised value shown beside the words (a date, a figure with its unit)."""
    if fact.kind == Fact.Kind.DATE:
        return date_value_display(fact.value)
    if fact.kind == Fact.Kind.FIGURE:
        return figure_value_display(fact)
    return ""


def date_usable(fact: Fact) -> bool:
    details = fact.details or {}
    return (
        fact.kind == Fact.Kind.DATE
        and not fact.hidden
        and not details.get("vague")
        and date_sort_key(fact.value) is not None
    )


def cloze(fact: Fact) -> str:
    """The fact's sentence with the fact's words blanked out (every occurrence)."""
    sentence = fact.sentence.strip()
    words = {fact.text}
    if fact.kind == Fact.Kind.ACTOR:
        words |= {mention["text"] for mention in (fact.details or {}).get("mentions", [])}
        words |= set((fact.details or {}).get("aliases", []))
        words.add(str(fact.value or ""))
    # "the Taliban" blanks as "the _____": the article is not part of the name asked for.
    words = {re.sub(r"^(?:the|The)\s+", "", word) for word in words}
    for word in sorted((word for word in words if word), key=len, reverse=True):
        sentence = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", BLANK, sentence)
    return sentence


_DATE_WORD = re.compile(rf"\b(?:1\d{{3}}|20\d{{2}}|{'|'.join(MONTHS)})\b")


def _other_date_in_sentence(fact: Fact) -> bool:
    start = fact.start - fact.sentence_start
    end = fact.end - fact.sentence_start
    sentence = fact.sentence
    if 0 <= start <= end <= len(sentence) and sentence[start:end] == fact.text:
        sentence = sentence[:start] + " " + sentence[end:]
    return bool(_DATE_WORD.search(sentence))


def _sentence_case(clause: str) -> str:
    clause = clause.strip().rstrip(".")
    return clause[:1].upper() + clause[1:] + "."


def flashcard_front(fact: Fact) -> str:
    """A question whose answer is the fact, asked from the text's own words."""
    details = fact.details or {}
    if fact.kind == Fact.Kind.DATE:
        event = (details.get("event") or "").strip()
        # With another date in the sentence ("forums in 2022 and 2024") the event does not
        # single out one date; the blanked sentence does.
        if event and not _other_date_in_sentence(fact):
            return f"When did this happen? {_sentence_case(event)}"
        return f"Which date fills the blank? {cloze(fact)}"
    if fact.kind == Fact.Kind.FIGURE:
        counted = (details.get("counted") or "").strip()
        # "How many" only fits a count; an amount with a unit (money, percent) is asked as is.
        if counted and not details.get("unit"):
            return f"How many {counted}? {cloze(fact)}"
        if fact.label == "money" or details.get("unit") in CURRENCIES:
            return f"Which amount fills the blank? {cloze(fact)}"
        return f"Which figure fills the blank? {cloze(fact)}"
    if fact.kind == Fact.Kind.ACTOR:
        role = (details.get("role") or "").strip()
        # A bare title ("President") does not say of what; a qualified role names one holder.
        if len(role.split()) >= 2:
            return f"Who is {role}?"
        return f"Who fills the blank? {cloze(fact)}"
    if fact.kind == Fact.Kind.QUOTE:
        words = str(fact.value or fact.text).strip().strip('“”"').rstrip(" .,;:")
        return f"Who said “{words}”?"
    return cloze(fact)


def flashcard_answer(fact: Fact) -> str:
    """The back of a fact's card: its words, with the normalised value when they differ."""
    if fact.kind == Fact.Kind.QUOTE:
        return fact.corrected_text or (fact.details or {}).get("speaker", "")
    answer = fact_display(fact)
    normalised = "" if fact.corrected_text else fact_normalised(fact)
    if normalised and normalised.casefold() != answer.casefold():
        return f"{answer} ({normalised})"
    return answer


def flashcard_eligible(fact: Fact) -> bool:
    """Whether a fact makes a flashcard whose answer is true and unambiguous."""
    if fact.hidden:
        return False
    details = fact.details or {}
    if fact.kind == Fact.Kind.DATE:
        return date_usable(fact)
    if fact.kind == Fact.Kind.FIGURE:
        return fact.value is not None
    if fact.kind == Fact.Kind.ACTOR:
        return bool(details.get("role")) or fact.shown_label in FLASHCARD_ACTOR_LABELS
    if fact.kind == Fact.Kind.QUOTE:
        return bool(details.get("speaker"))
    return False


def fact_key(fact: Fact) -> str:
    return f"{fact.document_id}:{fact.key}"


# Sections --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    sort_key: tuple[int, int, int]
    when: str
    words: str
    event: str
    sentence: str
    anchor: str
    document: Document
    fact_id: int


def sentence_anchor(document_id: int, sentence_start: int) -> str:
    return f"d{document_id}-s{sentence_start}"


def timeline(documents: Sequence[Document], facts: Iterable[Fact]) -> list[TimelineEntry]:
    """Every usable date of the documents in chronological order, merged across documents."""
    position = {document.pk: index for index, document in enumerate(documents)}
    by_id = {document.pk: document for document in documents}
    entries = []
    for fact in facts:
        if not date_usable(fact):
            continue
        when = fact.corrected_text or date_value_display(fact.value)
        entries.append(
            (
                (date_sort_key(fact.value), position[fact.document_id], fact.start),
                TimelineEntry(
                    sort_key=date_sort_key(fact.value),
                    when=when,
                    words=fact.text,
                    event=((fact.details or {}).get("event") or "").strip(),
                    sentence=fact.sentence,
                    anchor=sentence_anchor(fact.document_id, fact.sentence_start),
                    document=by_id[fact.document_id],
                    fact_id=fact.pk,
                ),
            )
        )
    entries.sort(key=lambda pair: pair[0])
    return [entry for _, entry in entries]


def timeline_svg_points(entries: Sequence[TimelineEntry], width: int = 320) -> list[dict]:
    """x positions on a proportional axis, one per distinct year, for the decorative SVG."""
    years = sorted({entry.sort_key[0] for entry in entries})
    if not years:
        return []
    low, high = years[0], years[-1]
    span = max(high - low, 1)
    margin = 24
    return [
        {"year": year, "x": margin + round((year - low) * (width - 2 * margin) / span)}
        for year in years
    ]


@dataclass(frozen=True)
class FigureEntry:
    value: str
    words: str
    unit: str
    counted: str
    qualifier: str
    sentence: str
    anchor: str
    document: Document


def key_figures(documents: Sequence[Document], facts: Iterable[Fact]) -> list[FigureEntry]:
    by_id = {document.pk: document for document in documents}
    position = {document.pk: index for index, document in enumerate(documents)}
    figures = [
        fact
        for fact in facts
        if fact.kind == Fact.Kind.FIGURE and not fact.hidden and fact.value is not None
    ]
    figures.sort(key=lambda fact: (position[fact.document_id], fact.start))
    return [
        FigureEntry(
            value=fact.corrected_text or figure_value_display(fact),
            words=fact.text,
            unit=(fact.details or {}).get("unit") or "",
            counted=(fact.details or {}).get("counted") or "",
            qualifier=(fact.details or {}).get("qualifier") or "",
            sentence=fact.sentence,
            anchor=sentence_anchor(fact.document_id, fact.sentence_start),
            document=by_id[fact.document_id],
        )
        for fact in figures
    ]


@dataclass
class ActorEntry:
    name: str
    kind: str
    roles: list[str] = field(default_factory=list)
    other_names: list[str] = field(default_factory=list)
    mentions: int = 0
    first_seen: tuple[int, int] = (0, 0)
    anchor: str = ""


def whos_who(documents: Sequence[Document], facts: Iterable[Fact]) -> list[ActorEntry]:
    """Actors merged across documents by canonical name, most mentioned first."""
    position = {document.pk: index for index, document in enumerate(documents)}
    actors: dict[str, ActorEntry] = {}
    for fact in facts:
        if fact.kind != Fact.Kind.ACTOR or fact.hidden:
            continue
        details = fact.details or {}
        key = str(fact.value or fact.text)
        entry = actors.get(key)
        seen = (position[fact.document_id], fact.start)
        if entry is None:
            entry = actors[key] = ActorEntry(
                name=fact_display(fact),
                kind=fact.shown_label,
                first_seen=seen,
                anchor=sentence_anchor(fact.document_id, fact.sentence_start),
            )
        elif seen < entry.first_seen:
            entry.first_seen = seen
            entry.anchor = sentence_anchor(fact.document_id, fact.sentence_start)
        if fact.corrected_text:
            entry.name = fact.corrected_text
        role = (details.get("role") or "").strip()
        if role and role not in entry.roles:
            entry.roles.append(role)
        names = list(details.get("aliases") or []) + [
            mention["text"] for mention in details.get("mentions") or []
        ]
        for name in names:
            if name and name not in entry.other_names:
                entry.other_names.append(name)
        entry.mentions += len(details.get("mentions") or []) or 1
    for entry in actors.values():
        entry.other_names = [
            name
            for name in entry.other_names
            if name.casefold().removeprefix("the ") != entry.name.casefold().removeprefix("the ")
        ]
    return sorted(actors.values(), key=lambda entry: (-entry.mentions, entry.first_seen))


# Reading view ----------------------------------------------------------------------------

KIND_BADGES = {
    Fact.Kind.DATE: "date",
    Fact.Kind.FIGURE: "figure",
    Fact.Kind.ACTOR: "who",
}


@dataclass(frozen=True)
class Mark:
    id: str
    kind: str
    badge: str
    words: str
    display: str
    normalised: str
    details: list[tuple[str, str]]


def _mark_details(fact: Fact) -> list[tuple[str, str]]:
    details = fact.details or {}
    rows: list[tuple[str, str]] = []
    if fact.corrected_text:
        rows.append(("Teacher's wording", fact.corrected_text))
    if fact.kind == Fact.Kind.DATE:
        rows.append(("Date", date_value_display(fact.value)))
        if details.get("event"):
            rows.append(("Event", details["event"]))
    elif fact.kind == Fact.Kind.FIGURE:
        rows.append(("Figure", figure_value_display(fact)))
        if details.get("counted"):
            rows.append(("Counts", details["counted"]))
    elif fact.kind == Fact.Kind.ACTOR:
        rows.append(("Name", fact_display(fact)))
        if fact.shown_label:
            rows.append(("Kind", fact.shown_label))
        if details.get("role"):
            rows.append(("Role", details["role"]))
        others = sorted(
            {m["text"] for m in details.get("mentions") or []} | set(details.get("aliases") or [])
        )
        others = [name for name in others if name != fact_display(fact)]
        if others:
            rows.append(("Also called", ", ".join(others)))
    return rows


def reading_paragraphs(document: Document, facts: Iterable[Fact]) -> list[list[tuple[str, Any]]]:
    """The document's text split into paragraphs of pieces: ("text", str), ("anchor", id)
    at each sentence holding a fact, and ("mark", Mark) on each shown date, figure or actor
    mention. Overlapping spans keep the earliest (then the longest)."""
    text = document.text
    spans: list[tuple[int, int, Mark]] = []
    anchors: set[int] = set()
    for fact in facts:
        if fact.hidden or fact.kind not in KIND_BADGES:
            continue
        if fact.kind == Fact.Kind.DATE and not date_usable(fact):
            continue
        anchors.add(fact.sentence_start)
        mark_details = _mark_details(fact)
        places = (
            [(m["start"], m["end"]) for m in (fact.details or {}).get("mentions") or []]
            if fact.kind == Fact.Kind.ACTOR
            else []
        ) or [(fact.start, fact.end)]
        for index, (start, end) in enumerate(places):
            if not (0 <= start < end <= len(text)) or "\n" in text[start:end]:
                continue
            spans.append(
                (
                    start,
                    end,
                    Mark(
                        id=f"f{fact.pk}-{index}",
                        kind=fact.kind,
                        badge=KIND_BADGES[fact.kind],
                        words=text[start:end],
                        display=fact_display(fact),
                        normalised=fact_normalised(fact),
                        details=mark_details,
                    ),
                )
            )
    spans.sort(key=lambda span: (span[0], -(span[1] - span[0])))
    events: list[tuple[int, int, Any]] = []
    last_end = -1
    for start, end, mark in spans:
        if start >= last_end:
            events.append((start, end, mark))
            last_end = end
    for start in anchors:
        events.append((start, start, None))
    events.sort(key=lambda event: (event[0], event[1] != event[0]))

    paragraphs: list[list[tuple[str, Any]]] = [[]]

    def add_text(chunk: str) -> None:
        lines = re.split(r"\n\s*\n|\n", chunk)
        for number, line in enumerate(lines):
            if number:
                paragraphs.append([])
            if line:
                paragraphs[-1].append(("text", line))

    cursor = 0
    for start, end, mark in events:
        if start > cursor:
            add_text(text[cursor:start])
            cursor = start
        if mark is None:
            if start >= cursor:
                paragraphs[-1].append(("anchor", sentence_anchor(document.pk, start)))
            continue
        paragraphs[-1].append(("mark", mark))
        cursor = end
    add_text(text[cursor:])
    return [paragraph for paragraph in paragraphs if paragraph]
