"""Distractors for multiple choice, following item-writing guidelines.

Options are homogeneous (dates of the same precision and format, figures in the same format
and magnitude, actors of the same type and the same naming form), never an alias of the
answer, never mentioned in the source sentence (where they might be true), never duplicated,
never an actor the text names only outside its running text (a photo credit, a caption, a
reader's comment, a cited author).
Dates and figures are offered in logical order; the correct option's position is chosen by
the caller so that it is balanced across a quiz. Distractors come from the same document
first, then from plausible perturbations or the reviewed bank.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from lemminflect import getAllLemmas
from spacy.tokens import Doc, Token

from quizgen.nlp.actors import is_name_title
from quizgen.nlp.generate.clause import doc_index
from quizgen.nlp.generate.defects import _one_name_inside_other
from quizgen.nlp.generate.text import (
    FULL_MONTH_PATTERN,
    MONTH_NAMES,
    WEEKDAYS,
    contains_phrase,
    format_like,
    normalise,
    split_number,
    word_count,
)
from quizgen.nlp.generate.wh import aliases_of, bank, fine_type, is_city, is_country, same_thing
from quizgen.nlp.structure import Region
from quizgen.nlp.types import ActorFact, DateFact, Extraction, FactKind, FigureFact

# A year alone: four digits, three (an early year, "759"), or any with its era before or after
# it ("AD 96", "96 AD"); the era is written again on each option.
YEAR_RE = re.compile(r"^(?:in\s+)?(?:(AD)\s+(\d{1,4})|(\d{3,4}|\d{1,2}(?=\s+AD))(?:\s+(AD))?)$")


def _year_of(match: re.Match[str]) -> int:
    return int(match.group(2) or match.group(3))


def _written_like(match: re.Match[str], year: int) -> str:
    """`year` in the era's place that the matched year has ("AD 96" -> "AD 91")."""
    if match.group(1):
        return f"AD {year}"
    return f"{year} AD" if match.group(4) else str(year)


MONTH_YEAR_RE = re.compile(rf"^({FULL_MONTH_PATTERN})\s+(\d{{4}})$")
DAY_MONTH_YEAR_RE = re.compile(rf"^(\d{{1,2}})\s+({FULL_MONTH_PATTERN})\s+(\d{{4}})$")
MONTH_DAY_YEAR_RE = re.compile(rf"^({FULL_MONTH_PATTERN})\s+(\d{{1,2}}),\s+(\d{{4}})$")
DECADE_RE = re.compile(r"^(the\s+)?(\d{3})0s$")


@dataclass(frozen=True)
class Choice:
    """An answer and its distractors: ordered ones (below and above the answer) or not."""

    answer: str
    below: tuple[str, ...] = ()  # nearest first
    above: tuple[str, ...] = ()  # nearest first
    unordered: tuple[str, ...] = ()
    from_document: float = 0.0  # share of the chosen distractors taken from the text
    ranked: tuple[str, ...] = ()  # every ordered option, in logical (ascending) order

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
        lower = list(self.below[:below_count])
        upper = list(self.above[: 3 - below_count])
        order = {text: position for position, text in enumerate(self.ranked)}
        texts = sorted(lower + [self.answer] + upper, key=lambda text: order.get(text, 0))
        return tuple((text, text == self.answer) for text in texts)


def _usable(candidate: str, answer: str, sentence: str, taken: set[str]) -> bool:
    key = normalise(candidate)
    if not key or key in taken or contains_phrase(sentence, candidate):
        return False
    if any(contains_phrase(sentence, alias) for alias in aliases_of(candidate)):
        return False
    return not any(same_thing(key, other) for other in taken)


def _collect(
    candidates: Iterable[str], answer: str, sentence: str, taken: set[str], limit: int = 3
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
    fact: DateFact,
    answer: str,
    extraction: Extraction,
    published_on: date | None,
    elsewhere: str = "",
) -> Choice | None:
    """Dates in the answer's own format and precision, nearest first on each side; none the
    answer's sentence writes, nor `elsewhere` (the text's other tellings of the same verb of
    the same subject, `falsify.told_with_same_verb`): "won the title again in 2011" makes 2011
    a second right answer to "When did Ruiz win the title?", not a wrong one."""
    text = answer.strip()
    sentence = f"{fact.sentence.text} {elsewhere}".strip()
    latest = published_on.year if published_on else None
    doc_dates = [
        f for f in extraction.of_kind(FactKind.DATE) if isinstance(f, DateFact) and not f.vague
    ]
    if latest is None and doc_dates:
        years = [int(str(f.value)[:4]) for f in doc_dates if str(f.value)[:4].isdigit()]
        latest = max(years) if years else None
    if match := YEAR_RE.match(text):
        year = _year_of(match)
        same = sorted(
            {_year_of(m) for f in doc_dates if (m := YEAR_RE.match(f.text.strip()))} - {year}
        )
        same = [y for y in same if abs(y - year) <= 20]  # of the same era as the answer
        step = 3 if year >= 1950 else 5
        below = sorted((y for y in same if y < year), reverse=True)
        below += [year - step * k for k in (1, 2, 3, 4)]
        above = [y for y in same if y > year] + [year + step * k for k in (1, 2, 3, 4)]
        if latest is not None:
            above = [y for y in above if y <= max(latest, year)]
        below = [y for y in below if y > 0]  # no year 0, and BC runs the other way
        return _ordered(
            text,
            year,
            [(y, _written_like(match, y)) for y in below],
            [(y, _written_like(match, y)) for y in above],
            sentence,
            from_document=len(same),
        )
    if match := MONTH_YEAR_RE.match(text):
        index = int(match.group(2)) * 12 + MONTH_NAMES.index(match.group(1))

        def name(i: int) -> tuple[int, str]:
            return i, f"{MONTH_NAMES[i % 12]} {i // 12}"

        doc_months = sorted(
            {
                int(m.group(2)) * 12 + MONTH_NAMES.index(m.group(1))
                for f in doc_dates
                if (m := MONTH_YEAR_RE.match(f.text.strip()))
            }
            - {index}
        )
        below_months = sorted((i for i in doc_months if i < index), reverse=True)
        below_months += [index - k for k in (3, 6, 9, 12)]
        above_months = [i for i in doc_months if i > index] + [index + k for k in (3, 6, 9, 12)]
        if latest is not None:
            above_months = [i for i in above_months if i // 12 <= max(latest, index // 12)]
        return _ordered(
            text,
            index,
            [name(i) for i in below_months],
            [name(i) for i in above_months],
            sentence,
            from_document=len(doc_months),
        )
    for pattern, day_first in ((DAY_MONTH_YEAR_RE, True), (MONTH_DAY_YEAR_RE, False)):
        if match := pattern.match(text):
            groups = match.groups()
            day, month_name = (groups[0], groups[1]) if day_first else (groups[1], groups[0])
            try:
                when = date(int(groups[2]), MONTH_NAMES.index(month_name) + 1, int(day))
            except ValueError:
                return None

            def write(d: date, day_first: bool = day_first) -> tuple[int, str]:
                if day_first:
                    return d.toordinal(), f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
                return d.toordinal(), f"{MONTH_NAMES[d.month - 1]} {d.day}, {d.year}"

            below_days = [when - timedelta(days=7 * k) for k in (2, 4, 6, 8)]
            above_days = [when + timedelta(days=7 * k) for k in (2, 4, 6, 8)]
            if published_on is not None and when <= published_on:
                above_days = [d for d in above_days if d <= published_on]
            return _ordered(
                text,
                when.toordinal(),
                [write(d) for d in below_days],
                [write(d) for d in above_days],
                sentence,
                from_document=0,
            )
    if text in WEEKDAYS[:5]:
        index = WEEKDAYS.index(text)
        return _ordered(
            text,
            index,
            [(i, WEEKDAYS[i]) for i in range(index - 1, -1, -1)],
            [(i, WEEKDAYS[i]) for i in range(index + 1, 5)],
            sentence,
            from_document=0,
        )
    if match := DECADE_RE.match(text):
        article = match.group(1) or ""
        decade = int(match.group(2)) * 10
        below_decades = [decade - 10 * k for k in (1, 2, 3, 4)]
        above_decades = [decade + 10 * k for k in (1, 2, 3, 4)]
        if latest is not None:
            above_decades = [d for d in above_decades if d <= latest]
        return _ordered(
            text,
            decade,
            [(d, f"{article}{d}s") for d in below_decades],
            [(d, f"{article}{d}s") for d in above_decades],
            sentence,
            from_document=0,
        )
    return None


def _ordered(
    answer: str,
    answer_key: float,
    below: list[tuple[float, str]],
    above: list[tuple[float, str]],
    sentence: str,
    *,
    from_document: int,
) -> Choice:
    """Keyed candidates below and above the answer, nearest first, in logical order."""
    taken = {normalise(answer)}
    keys = {text: key for key, text in below + above}
    lower = _collect([text for _, text in below], answer, sentence, taken)
    upper = _collect([text for _, text in above], answer, sentence, taken)
    share = min(from_document, 3) / 3
    keys[answer] = answer_key
    ranked = sorted([*lower, answer, *upper], key=lambda text: keys[text])
    return Choice(
        answer=answer,
        below=tuple(lower),
        above=tuple(upper),
        from_document=share,
        ranked=tuple(ranked),
    )


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

    def perturb(factors: tuple[float, ...]) -> list[tuple[float, str]]:
        written: list[tuple[float, str]] = []
        for factor in factors:
            value = round(number * factor / granularity) * granularity
            if value <= 0 or value == number or (is_percent and value > 100):
                continue
            text = format_like(answer, value)
            if text is not None:
                written.append((value, text))
        return written

    below = perturb(BELOW_FACTORS)
    above = perturb(ABOVE_FACTORS)
    if number < 4 and not decimals:
        below = [(number - k, format_like(answer, number - k) or "") for k in (1, 2, 3)]
        below = [(value, text) for value, text in below if value > 0 and text]
        above = [(number + k, format_like(answer, number + k) or "") for k in (1, 2, 3, 4)]
    return _ordered(answer, number, below, above, fact.sentence.text, from_document=0)


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
    fact: ActorFact,
    answer: str,
    sentence: str,
    extraction: Extraction,
    answer_at: int | None = None,
) -> Choice | None:
    """Three wrong actors of the answer's kind and naming form, from the text first, then the
    bank. With `answer_at` (where the answer is written), never one the text gives the same
    role of the same verb of the same subject ("taught at Tsinghua ... to teach at Harvard":
    Harvard is no wrong answer to "Which university did Chao teach at?")."""
    taken = {normalise(answer), normalise(str(fact.value))} | {normalise(a) for a in fact.aliases}
    true_too = _same_role_elsewhere(fact, extraction, answer_at)
    several_words = word_count(answer) >= 2
    kind = _place_kind(fact)

    answer_words = set(answer.casefold().split())
    answer_type = fine_type(answer) if fact.label == "organisation" else None
    answer_names = {w for w in answer_words if len(w) > 2 and w not in {"the", "and", "of"}}

    def fits(name: str, from_bank: bool = False) -> bool:
        if name.endswith(("'s", "’s")) or not name.strip() or any(c in name for c in "\n/|"):
            return False
        if _one_name_inside_other(name, answer):
            return False
        words = set(name.casefold().split())
        if words <= answer_words or answer_words <= words:
            return False  # "Owen Gareth Ashworth" for "Owen Ashworth": the same person
        if fact.label == "person" and words & answer_names:
            return False  # "Sister Ilse Brandl" for "Ilse Brandl", "Ivo Marchetti FRS"
        if name.count("(") != name.count(")"):
            return False  # "World Heavyweight) Champion": a piece cut across brackets
        if fact.label == "organisation" and name.split()[-1].lower() in HOLDER_NOUNS:
            return False  # "UFC Heavyweight Champion": a title one holds, not a body
        if fact.label == "organisation" and fine_type(name) != answer_type:
            return False  # a university among universities, not a newspaper or a prize
        if fact.label == "person" and not looks_like_a_name(name):
            return False
        if fact.label == "person" and (word_count(name) >= 2) != several_words:
            return False
        if kind == "country" and not is_country(name):
            return False
        if kind == "city" and not is_city(name):
            return False
        return True

    # A person's family shares the surname of a person the sentence names ("James Rowe" for
    # "Who coached Rowe?"), and a part of a longer name of the text is that person ("Aoife
    # Corran" of "Maeve Brigid Aoife Corran"): neither is a fair wrong option.
    full_names = [
        set(normalise(str(other.value)).split())
        for other in extraction.of_kind(FactKind.ACTOR)
        if isinstance(other, ActorFact) and other.label == "person"
    ]
    named_surnames = {
        normalise(str(other.value)).split()[-1]
        for other in extraction.of_kind(FactKind.ACTOR)
        if isinstance(other, ActorFact)
        and other.label == "person"
        and other.key != fact.key
        and any(contains_phrase(sentence, m.text) for m in other.mentions)
    }
    from_text = []
    named_in_body = body_actors(extraction)
    for other in extraction.of_kind(FactKind.ACTOR):
        assert isinstance(other, ActorFact)
        if other.label != fact.label or other.key == fact.key:
            continue
        if other.key not in named_in_body:
            continue  # named only in a credit, a caption, a reader's comment, a reference
        names = {normalise(str(other.value))} | {normalise(a) for a in other.aliases}
        if names & taken:
            continue
        if any(contains_phrase(sentence, m.text) for m in other.mentions):
            continue
        if other.key in true_too:
            continue  # the text makes it true as well
        if fact.label == "person":
            words = normalise(str(other.value)).split()
            if words and (
                words[-1] in named_surnames or any(set(words) < full for full in full_names)
            ):
                continue
            if other.mentions and all(
                part_of_longer_name(extraction.text, m.start) for m in other.mentions
            ):
                continue  # "Vale Brannock" of the poem "Ave Vale Brannock": a piece of a title
        name = _display(str(other.value))
        if fits(name):
            from_text.append(name)
    chosen = _collect(from_text, answer, sentence, taken)
    document_share = len(chosen) / 3
    bank_key = {"country": "country_distractors", "city": "city_distractors"}.get(kind, fact.label)
    if fact.label == "person":
        names = _people_of_era(_era(extraction, sentence))
    else:
        names = list(bank().get(bank_key, []))
    # Checked lazily: `_collect` stops at the few it needs, and the bank holds hundreds.
    pool = (shown for name in names if fits(shown := _display(name), from_bank=True))
    chosen += _collect(pool, answer, sentence, taken, limit=3 - len(chosen))
    if len(chosen) < 3:
        return None
    return Choice(answer=answer, unordered=tuple(chosen), from_document=document_share)


# Last words of a title a person holds, which the NER tags as a body ("UFC Heavyweight
# Champion", "Grand Master").
HOLDER_NOUNS = frozenset(
    "champion winner holder laureate president chairman chair director master".split()
)


def _role(token: Token, owners: dict[int, str]) -> tuple[str, str, str] | None:
    """What a name is to its clause: the verb's lemma, how the name hangs on it (its object,
    or the preposition it follows) and who the clause's subject is (an actor's key, else the
    subject's own word), reading a bare or coordinated verb's subject from the verb it
    hangs on ("returned to the United States to teach at Harvard": Chao teaches)."""
    for _ in range(3):
        if token.dep_ not in {"appos", "conj"} or token.head == token:
            break
        token = token.head  # "the Ultimate Fighting Championship (UFC)", "X and Y"
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        relation, verb = token.head.lower_, token.head.head
    elif token.dep_ == "dobj":
        relation, verb = "dobj", token.head
    else:
        return None
    if verb.pos_ != "VERB":
        return None
    lemma, current = verb.lemma_, verb
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            owner = owners.get(subject.i) or subject.lower_
            return lemma, relation, owner
        if current.dep_ not in {"xcomp", "conj", "advcl"} or current.head == current:
            return None
        current = current.head
    return None


def _same_role_elsewhere(
    fact: ActorFact, extraction: Extraction, answer_at: int | None
) -> frozenset[str]:
    """The keys of the other actors the text puts in the answer's role (`_role`): the same
    verb, the same relation, the same subject (a pronoun may stand for any)."""
    doc = extraction.doc
    if answer_at is None or not isinstance(doc, Doc):
        return frozenset()
    owners: dict[int, str] = {}
    spans: dict[str, list[Token]] = {}
    for actor in extraction.of_kind(FactKind.ACTOR):
        for mention in actor.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                owners[token.i] = actor.key
            spans.setdefault(actor.key, []).append(span.root)
    here = doc.char_span(answer_at, answer_at + 1, alignment_mode="expand")
    if here is None:
        return frozenset()
    root = next((r for r in spans.get(fact.key, []) if r.i >= here.start), None)
    if root is None or root.i > here.start + 8:
        return frozenset()
    asked = _role(root, owners)
    if asked is None:
        return frozenset()
    found = set()
    for key, roots in spans.items():
        if key == fact.key:
            continue
        for other in roots:
            role = _role(other, owners)
            if role is None or role[:2] != asked[:2]:
                continue
            if role[2] == asked[2] or PRONOUN_OWNERS & {role[2], asked[2]}:
                found.add(key)
    return frozenset(found)


PRONOUN_OWNERS = frozenset({"he", "she", "they", "it"})


def body_actors(extraction: Extraction) -> frozenset[str]:
    """The keys of the actors the text names in its running text at least once (not only in
    a credit, a caption, a reader's comment or a reference), computed once per parse."""
    doc = extraction.doc
    views = doc_index(doc).extraction_views if isinstance(doc, Doc) else {}
    found = views.get("body_actors")
    if found is None:
        sentences = extraction.sentences
        starts = [s.start for s in sentences]

        def in_body(offset: int) -> bool:
            index = bisect_right(starts, offset) - 1
            if index < 0 or offset >= sentences[index].end:
                return True  # between sentences: nothing says it is outside the body
            return sentences[index].region == Region.BODY

        found = frozenset(
            fact.key
            for fact in extraction.of_kind(FactKind.ACTOR)
            if isinstance(fact, ActorFact)
            and (not fact.mentions or any(in_body(m.start) for m in fact.mentions))
        )
        views["body_actors"] = found
    assert isinstance(found, frozenset)
    return found


# Capitalised words that may stand before a name without being part of it.
def part_of_longer_name(text: str, start: int) -> bool:
    """Whether the name at `start` continues a capitalised word before it inside a sentence
    ("Ave Vale Brannock": "Vale Brannock"), a word that is neither a title ("Dr", "President") nor a
    common noun ("Coach", "Norlander"): the name the tagger found is a piece of a longer one."""
    before = text[max(0, start - 60) : start]
    match = re.search(r"(?<![\w'-])([A-Z][\w'-]*)\s+$", before)
    if match is None:
        return False
    word = match.group(1)
    preceding = before[: match.start(1)].rstrip()
    if not preceding or preceding[-1] in ".!?:;\n\"“”'‘’([—–-":
        return False  # the word opens a sentence, a quotation or a bracket
    lowered = word.lower().rstrip(".")
    if lowered.endswith(("man", "woman", "men", "women")):
        return False  # "Norlander Piet Vandam", "Congresswoman …"
    return not is_name_title(lowered) and not _can_be_noun(lowered)


def _era(extraction: Extraction, sentence: str = "") -> int | None:
    """The year of the answer's own sentence if it names one, else the median of the text's."""
    own = [int(year) for year in re.findall(r"\b(1[0-9]{3}|20[0-9]{2})\b", sentence)]
    if own:
        return own[0]
    years = sorted(
        int(str(f.value)[:4])
        for f in extraction.of_kind(FactKind.DATE)
        if isinstance(f, DateFact) and not f.vague and str(f.value)[:4].isdigit()
    )
    return years[len(years) // 2] if years else None


def _people_of_era(era: int | None) -> list[str]:
    """Bank people active nearest the text's era (all of them, alphabetically, without one)."""
    people = bank()["person"]
    if era is None:
        return sorted(person["name"] for person in people)

    def distance(person: dict) -> tuple[int, str]:
        start, end = person["active"]
        return (max(start - era, era - end, 0), person["name"])

    return [person["name"] for person in sorted(people, key=distance)]


def looks_like_a_name(name: str) -> bool:
    """A person's name: capitalised words, the last not a common English noun ("Award")."""
    words = name.split()
    if not words or not all(word[:1].isupper() for word in words if word.isalpha()):
        return False
    last = words[-1].strip(".,").lower()
    return not (_can_be_noun(last) and last not in SURNAME_NOUNS)


@lru_cache(maxsize=8192)
def _can_be_noun(word: str) -> bool:
    """Whether lemminflect knows `word` as a noun (asked for every name of the bank)."""
    return "NOUN" in getAllLemmas(word)


# Common nouns that are also common surnames, kept as possible names.
SURNAME_NOUNS = frozenset(
    "smith baker cook miller taylor turner walker carter cooper hunter king fisher mason "
    "parker porter butler bishop bell stone wood hill brown green white black young rice "
    "bush ford price rose lee long".split()
)


def _display(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def _place_kind(fact: ActorFact) -> str:
    if fact.label not in {"country", "place"}:
        return fact.label
    names = [str(fact.value), *fact.aliases]
    if any(is_country(name) for name in names):
        return "country"
    if any(is_city(name) for name in names):
        return "city"
    return "place"
