"""Whether a typed answer matches a question's key: every rule of marking typed text lives here.

Scoring (`learning.scoring`), and through it the pages, the API, regrading and the teacher's
views, asks `match_text` (fill in the blank, short answer), `match_number` (numeric) and
`match_option` (multiple choice, true/false). The rules are tried in order; the first that
accepts decides, and says which form it accepted so the result page can show it
("accepted: 8 = eight").

1. **Same text.** Both sides are folded: case, accents ("Sergeï Lavrov" = "Sergei Lavrov"),
   compatibility forms, punctuation, spaces, a leading article ("the", "a", "an") and, before
   a date, a leading "in", "on" or "during" ("in 2021" = "2021").
2. **Same number.** Both sides read as nothing but a number: digits or words ("8" = "eight",
   "twelve" = "12", "one hundred and forty-nine" = "149", "a hundred" = "100"), fractions
   ("two and a half" = "2½" = "2.5"), thousands separators ("15,000", "15 000"), decimals
   (with a point, or a comma before one or two digits: "2,5"), scale words and suffixes
   ("1.5 million", "9bn", "15k"), currency signs and words ("$", "dollars", "US"), an
   approximate qualifier ("about", "around", "over", "more than", "nearly") and words the
   question itself uses ("149 people" when the prompt asks how many people). "under",
   "less than" are not dropped: they change the answer.
   Otherwise, the same words once every number in them is written in digits, ordinals
   included, where the key has one ("3rd" = "third", "nineteenth century" = "19th
   century", "World War 2" = "World War Two"; "3" is not "third", nor "3rd place").
3. **Same date.** Both sides are nothing but a date in a common written form ("3 July 2025",
   "July 3rd, 2025", "2025-07-03", "Jul 3 2025", "the 3rd of July 2025", "the third of July
   2025"), read by the
   project's own `quizgen.nlp.dates.normalise_date`, and the answer is the key's date at the
   key's precision (day, month or year): a less precise answer does not match ("2025" for
   "March 2025"), nor a more precise one, whose extra detail the text does not confirm
   ("March 1979" for "1979"). One exception, as a teacher marks: for a key of a month and a
   year ("August 1888"), the year alone ("1888") matches when the prompt asks neither the
   month nor the date and no other date of the document falls in that year (were the text
   to date two events in 1888, "1888" would not say which). A date in figures
   ("25/12/2024", "3.3.2025") is read when
   only one order of day and month makes a date, or both give the same; "3/7/2025" (3 July
   or 7 March) is not guessed, and the result says so (`ambiguous_date_note`). An answer
   without a year is compared without one only when the prompt does not ask for a year
   ("April" for "in what month?", "July 3" for "on what date?"). Relative dates
   ("Thursday", "March this year") resolve against the document's publication date.
4. **Surname.** When an accepted answer names a person of the document (an actor fact
   labelled person), the surname alone, or after a title ("Lavrov", "Mr Lavrov", "President
   Putin"), matches; not when another person of the document has the same surname.
5. **Typing slip.** Text without digits, of five characters or more, may be off by an edit
   distance (Levenshtein with two swapped neighbours counted once: rapidfuzz's OSA) of 1 up
   to 8 characters, 2 up to 15, 3 beyond ("Afganistan" = "Afghanistan"), and never when
   the answer is that close to another answer of the same document (a fact of the document
   or an option of the question), so "Austria" never passes for "Australia".

Numeric questions read the number by rule 2 (any words around it allowed) in the unit the
question asks: with the unit "billion dollars", "9", "$9 billion", "9bn" and
"9,000,000,000" are all 9. A bare number smaller than the unit's scale is taken to be in
the unit already; one with a scale word, or as large as the scale, is converted. It then
matches when within the question's tolerance (Question.tolerance, else the answer's own
"tolerance", else exact); the result says so of a number that is not the key itself
("15,500: within 750 of over 15,000").

Choice questions match the chosen option's text by rule 1.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from num2words import num2words
from rapidfuzz.distance import OSA
from text_to_num import alpha2digit, text2num

from learning.numbers import parse_number
from quizgen.models import Document, Fact, Question
from quizgen.nlp.dates import FULL_MONTH_NAMES, MONTHS, WEEKDAYS, normalise_date

# The rule that accepted an answer; SAME needs no note on the result page.
SAME = "same"
NUMBER = "number"
DATE = "date"
SURNAME = "surname"
TYPO = "typo"
NO_MATCH = ""

FULL_NAME = "full name"

RULE_LABELS = {
    NUMBER: "",
    DATE: "",
    SURNAME: "surname",
    FULL_NAME: "full name",
    TYPO: "typing slip",
}

_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
# Letters with dots between them are one word: "U.S.S.R." = "USSR".
_INITIALS = re.compile(r"\b(?:[^\W\d_]\.)+[^\W\d_]\b\.?")
_ARTICLE = re.compile(r"^(?:the|a|an) ")
_DATE_PREPOSITION = re.compile(r"^(?:in|on|during|in the year) ")
_QUALIFIER = re.compile(
    r"^(?:about|around|approximately|roughly|some|nearly|almost|over|more than|at least|"
    r"upwards of|just over|close to|an estimated)\s+",
    re.IGNORECASE,
)
_TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir dame lord lady president prime minister foreign "
    "general king queen prince princess pope chancellor senator governor secretary".split()
)
_DATE_WORDS = frozenset(
    {*MONTHS, *WEEKDAYS, "of", "the", "in", "on", "during", "year", "st", "nd", "rd", "th"}
)
_SCALE_WORD = re.compile(
    r"(?:\d\s*(?:k|m|mn|bn|b|tn|t)\b|\b(?:thousand|million|billion|trillion)s?\b)",
    re.IGNORECASE,
)
_UNIT_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_PRECISION_RANK = {"year": 1, "month": 2, "day": 3}


def fold(value: str) -> str:
    """Lower-case, accents and punctuation off, spaces collapsed, a leading article dropped."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", value))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    folded = stripped.casefold().replace("\u2019", "'").replace("'s ", "s ")
    folded = _INITIALS.sub(lambda match: match.group(0).replace(".", ""), folded)
    folded = _PUNCTUATION.sub(" ", folded)
    folded = _SPACES.sub(" ", folded).strip()
    return _ARTICLE.sub("", folded)


@dataclass(frozen=True)
class Match:
    """The verdict on one answer: whether it matched, by which rule, and the form accepted."""

    matched: bool
    rule: str = NO_MATCH
    given: str = ""
    accepted: str = ""
    # A number accepted within the tolerance, not equal to the key: how far it may be.
    within: str = ""

    @property
    def note(self) -> str:
        """What the result page says when the answer was accepted in another form."""
        if not self.matched or (self.rule == SAME and not self.within):
            return ""
        if self.within:
            return f"{self.given}: within {self.within} of {self.accepted}"
        label = RULE_LABELS.get(self.rule, "")
        text = f"{self.given} = {self.accepted}"
        return f"{text} ({label})" if label else text


NO = Match(False)


@dataclass(frozen=True)
class DocumentKey:
    """What a document adds to a question's own key: its date, its people, its answers."""

    published_on: date | None = None
    # Each person of the document: the name and its aliases ("Amir Khan Muttaqi", "Muttaqi").
    people: tuple[tuple[str, ...], ...] = ()
    # Every answer the document could give to some question: each fact's texts and values.
    answers: tuple[tuple[str, ...], ...] = ()


EMPTY_KEY = DocumentKey()


@dataclass
class DocumentKeys:
    """The documents' keys, read once per document and only when a rule needs them."""

    loaded: dict[int, DocumentKey] = field(default_factory=dict)

    @classmethod
    def of_questions(cls, questions: Iterable[Question]) -> DocumentKeys:
        """The keys of the documents of the typed questions among `questions`, in one query."""
        typed = (Question.Kind.FILL_BLANK, Question.Kind.SHORT_ANSWER)
        ids = {question.document_id for question in questions if question.kind in typed}
        return cls(loaded=document_keys(ids) if ids else {})

    def get(self, document_id: int | None) -> DocumentKey:
        if document_id is None:
            return EMPTY_KEY
        if document_id not in self.loaded:
            self.loaded.update(document_keys([document_id]))
        return self.loaded.get(document_id, EMPTY_KEY)


def document_keys(document_ids: Iterable[int]) -> dict[int, DocumentKey]:
    """The keys of these documents, in one query."""
    ids = list(document_ids)
    keys: dict[int, dict] = {
        document_id: {"published_on": None, "people": [], "answers": []} for document_id in ids
    }
    rows = Fact.objects.filter(document_id__in=ids, hidden=False).values_list(
        "document_id", "document__published_on", "kind", "label", "text", "value", "details"
    )
    seen: set[int] = set()
    for document_id, published_on, kind, label, text, value, details in rows:
        key = keys[document_id]
        key["published_on"] = published_on
        seen.add(document_id)
        if kind == Fact.Kind.QUOTE:
            continue
        forms = [text]
        if kind == Fact.Kind.ACTOR:
            forms += [
                str(value or ""),
                *(str(alias) for alias in (details or {}).get("aliases", [])),
            ]
        forms = tuple(dict.fromkeys(form for form in forms if form))
        if kind == Fact.Kind.ACTOR and label == "person":
            key["people"].append(forms)
        key["answers"].append(forms)
    if set(ids) - seen:
        # A document without facts still has a date for "Thursday" or "this year".
        for document_id, published_on in Document.objects.filter(
            pk__in=set(ids) - seen
        ).values_list("pk", "published_on"):
            keys[document_id]["published_on"] = published_on
    return {
        document_id: DocumentKey(
            published_on=key["published_on"],
            people=tuple(key["people"]),
            answers=tuple(key["answers"]),
        )
        for document_id, key in keys.items()
    }


# Rule 2: numbers


_VULGAR_FRACTIONS = {"\u00bd": 0.5, "\u00bc": 0.25, "\u00be": 0.75}
_VULGAR = re.compile(r"(\d*)\s*([\u00bd\u00bc\u00be])")
_WORD_FRACTION = re.compile(
    r"^(?:(?P<whole>.+?)\s+and\s+)?(?P<fraction>a half|one half|half|a quarter|one quarter|"
    r"three quarters)(?:\s+(?P<rest>.*))?$"
)
_WORD_FRACTIONS = {
    "a half": 0.5,
    "one half": 0.5,
    "half": 0.5,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "three quarters": 0.75,
}
# "a hundred", "a thousand": the article stands for "one".
_A_SCALE = re.compile(r"\b(?:a|an)\s+(?=(?:hundred|thousand|million|billion|trillion)\b)")


def _vulgar_fractions(text: str) -> str:
    """ "2½" -> "2.5", "¾" -> "0.75" (before NFKC turns "½" into "1⁄2")."""
    return _VULGAR.sub(
        lambda match: f"{int(match.group(1) or 0) + _VULGAR_FRACTIONS[match.group(2)]:g}", text
    )


def _words_to_digits(text: str) -> str:
    """ "eight" -> "8", "nine billion dollars" -> "9000000000 dollars", "a hundred" -> "100",
    "two and a half" -> "2.5"; digits stay."""
    stripped = _A_SCALE.sub("one ", text.strip().lower())
    if not re.search(r"[a-z]", stripped, re.IGNORECASE):
        return stripped
    fraction = _WORD_FRACTION.fullmatch(stripped)
    if fraction is not None:
        whole_text = fraction.group("whole") or "0"
        whole = parse_number(whole_text, strict=True)
        if whole is None:
            try:
                whole = float(text2num(whole_text, "en"))
            except ValueError:
                whole = None
        if whole is not None:
            value = whole + _WORD_FRACTIONS[fraction.group("fraction")]
            return f"{value:g} {fraction.group('rest') or ''}".strip()
    try:
        return str(text2num(stripped, "en"))
    except ValueError:
        return alpha2digit(stripped, "en")


def in_digits(folded: str) -> str:
    """Folded text with every number word in digits, ordinals included: "nineteenth
    century" -> "19th century", "world war two" -> "world war 2"."""
    if not re.search(r"[a-z]", folded):
        return folded
    return fold(alpha2digit(_A_SCALE.sub("one ", folded), "en", threshold=0))


def read_number(text: str, *, strict: bool = True, ignore: frozenset[str] = frozenset()):
    """The number `text` is (strict) or holds, written in digits or words; None if none.

    Words in `ignore` (those of the question) may stand around a strict number.
    """
    cleaned = _QUALIFIER.sub("", text.strip().replace("\u00a0", " ").replace("\u202f", " "))
    cleaned = _vulgar_fractions(cleaned)
    if ignore:
        words = cleaned.split()
        kept = [word for word in words if fold(word) not in ignore or re.search(r"\d", word)]
        if kept and len(kept) < len(words):
            cleaned = " ".join(kept)
    number = parse_number(cleaned, strict=strict)
    if number is None:
        converted = _words_to_digits(cleaned)
        if converted != cleaned:
            number = parse_number(converted, strict=strict)
    return number


def _same_number(first: float | None, second: float | None) -> bool:
    return first is not None and second is not None and math.isclose(first, second, rel_tol=1e-9)


def _prompt_words(question: Question) -> frozenset[str]:
    return frozenset(fold(question.prompt).split()) - _DATE_WORDS


# Rule 3: dates

_MONTH_NAMES = tuple(name.capitalize() for name in FULL_MONTH_NAMES)


# "3/7/2025", "3.7.2025", "3-7-2025": day and month in an order that differs by country.
_SLASH_DATE = re.compile(r"\s*(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})\s*")
AMBIGUOUS_DATE = (
    "“{given}” could be {first} or {second}, so it was not read as a date: "
    "write the month as a word (“{first}”)."
)


def _slash_date(text: str) -> tuple[str | None, tuple[str, str] | None]:
    """("YYYY-MM-DD", None) for an unambiguous slash date ("25/12/2024", "3/3/2025"),
    (None, (two readings)) for an ambiguous one ("3/7/2025"), (None, None) otherwise."""
    match = _SLASH_DATE.fullmatch(text)
    if match is None:
        return None, None
    first, second, year = int(match.group(1)), int(match.group(3)), match.group(4)
    readings = [
        (day, month)
        for day, month in ((first, second), (second, first))
        if 1 <= month <= 12 and 1 <= day <= 31
    ]
    readings = list(dict.fromkeys(readings))
    if not readings:
        return None, None
    if len(readings) == 1:
        day, month = readings[0]
        return f"{year}-{month:02d}-{day:02d}", None
    written = tuple(f"{day} {_MONTH_NAMES[month - 1]} {year}" for day, month in readings)
    return None, (written[0], written[1])


def ambiguous_date_note(question: Question, given: str) -> str:
    """What the result says of a typed date like "3/7/2025" that was not read as either of
    its two dates (only for a question whose answer is a date)."""
    _, readings = _slash_date(str(given))
    if readings is None or question.kind not in (
        Question.Kind.FILL_BLANK,
        Question.Kind.SHORT_ANSWER,
    ):
        return ""
    if not any(_read_date(str(form), None) for form in question.accepted_answers):
        return ""
    return AMBIGUOUS_DATE.format(given=str(given).strip(), first=readings[0], second=readings[1])


def _read_date(text: str, published_on: date | None):
    """The date `text` is, when it is nothing but a date; else None. Ordinals in words are
    read as in digits ("the third of July 2025")."""
    value = _read_date_as_written(text, published_on)
    if value is None and re.search(r"[a-z]", text, re.IGNORECASE):
        converted = in_digits(fold(text))
        if converted != fold(text):
            value = _read_date_as_written(converted, published_on)
    return value


def _read_date_as_written(text: str, published_on: date | None):
    iso, readings = _slash_date(text)
    if readings is not None:
        return None  # day and month could be either way round: not guessed
    if iso is not None:
        text = iso
    folded = fold(text)
    words = folded.split()
    if not words:
        return None
    if re.fullmatch(r"\d{4} \d{1,2} \d{1,2}", folded):  # 2025-07-03, its dashes folded away
        value = normalise_date(text, published_on)
        return value if value.precision == "day" and not value.vague else None
    years = [word for word in words if re.fullmatch(r"\d{4}", word)]
    small = [word for word in words if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", word)]
    named = [word for word in words if word in MONTHS]
    others = [
        word
        for word in words
        if word not in _DATE_WORDS and word not in years and word not in small
        and not (word in {"this", "last", "next"} and published_on is not None)
    ]  # fmt: skip
    if others or len(years) > 1 or len(small) > 1 or len(named) > 1:
        return None
    value = normalise_date(text, published_on)
    if value.vague or value.precision not in _PRECISION_RANK or value.value is None:
        return None
    return value


def _datelike(folded: str) -> bool:
    return bool(folded) and all(
        word in _DATE_WORDS or re.fullmatch(r"\d{1,4}(?:st|nd|rd|th)?", word)
        for word in folded.split()
    )


def _date_agrees(given, expected, *, asks_year: bool) -> bool:
    if given.precision != expected.precision:
        return False
    given_value, expected_value = given.value, expected.value
    if given_value.startswith("--") or expected_value.startswith("--"):
        if asks_year:
            return False
        given_value = given_value[5:] if not given_value.startswith("--") else given_value[2:]
        expected_value = (
            expected_value[5:] if not expected_value.startswith("--") else expected_value[2:]
        )
        if not given_value or not expected_value:
            return False
    return given_value == expected_value


def _asks_month(question: Question) -> bool:
    words = fold(question.prompt).split()
    return "month" in words or "date" in words


def _year_of_month(given, expected, question: Question, key: DocumentKey) -> bool:
    """The year alone for a key of a month and a year, when the prompt asks neither the month
    nor the date and no other date of the document falls in that year."""
    if given.precision != "year" or expected.precision != "month" or _asks_month(question):
        return False
    year = expected.value[:4]
    if not re.fullmatch(r"\d{4}", year) or given.value != year:
        return False
    for fact_forms in key.answers:
        for form in fact_forms:
            other = _read_date(form, key.published_on)
            if other is None:
                continue
            if other.value[:4] == year and other.value != expected.value:
                return False
    return True


# Rules 4 and 5: names and typing slips


def _allowed_distance(text: str) -> int:
    length = len(text)
    if length < 5 or re.search(r"\d", text):
        return 0
    if length <= 8:
        return 1
    if length <= 15:
        return 2
    return 3


def _surname(name: str) -> str:
    words = fold(name).split()
    return words[-1] if len(words) > 1 else ""


def _without_title(folded: str) -> str:
    words = folded.split()
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return " ".join(words)


def match_text(
    question: Question,
    given: str,
    *,
    accepted: Iterable[str] | None = None,
    document: DocumentKey | Callable[[], DocumentKey] | None = None,
) -> Match:
    """Whether `given` matches one of the accepted answers of `question` (rules 1 to 5).

    `document` is the key of the question's document, or a function returning it (called
    only when a rule needs it); without it the document is read from the database.
    """
    forms = [str(form) for form in (question.accepted_answers if accepted is None else accepted)]
    given = str(given).strip()
    folded = fold(given)
    if not folded or not forms:
        return NO
    folded_forms = [(form, fold(form)) for form in forms]
    undated = _DATE_PREPOSITION.sub("", folded)
    for form, folded_form in folded_forms:
        if folded == folded_form:
            return Match(True, SAME, given, form)
    for form, folded_form in folded_forms:
        if undated != folded and undated == _DATE_PREPOSITION.sub("", folded_form):
            if _datelike(folded_form):
                return Match(True, SAME, given, form)
    ignore = _prompt_words(question)
    given_number = read_number(given, ignore=ignore)
    if given_number is not None:
        for form, _ in folded_forms:
            if _same_number(given_number, read_number(form, ignore=ignore)):
                return Match(True, NUMBER, given, form)
    digits = in_digits(folded)
    for form, folded_form in folded_forms:
        if digits == in_digits(folded_form) and re.search(r"\d", digits):
            return Match(True, NUMBER, given, form)
    asks_year = "year" in fold(question.prompt).split()
    given_date = _read_date(given, None)
    for form, _ in folded_forms:
        expected = _read_date(form, None)
        if given_date is not None and expected is not None:
            if _date_agrees(given_date, expected, asks_year=asks_year):
                return Match(True, DATE, given, form)

    # The rules below need the document.
    key = _resolve(document, question)
    if key.published_on is not None:
        given_date = _read_date(given, key.published_on)
        for form, _ in folded_forms:
            expected = _read_date(form, key.published_on)
            if given_date is not None and expected is not None:
                if _date_agrees(given_date, expected, asks_year=asks_year):
                    return Match(True, DATE, given, form)
    given_date = _read_date(given, key.published_on)
    for form, _ in folded_forms:
        expected = _read_date(form, key.published_on)
        if given_date is not None and expected is not None:
            if _year_of_month(given_date, expected, question, key):
                return Match(True, DATE, given, form)
    folded_set = {folded_form for _, folded_form in folded_forms}
    candidates = list(folded_forms)
    untitled = _without_title(folded)
    surnames = [_surname(name) for person in key.people for name in person[:1]]
    answering = [person for person in key.people if folded_set & {fold(name) for name in person}]
    # Another form of the one person the accepted answer names ("Amir Khan Muttaqi" for
    # "Muttaqi"), when no other person of the document answers to it.
    if len(answering) == 1 and untitled in {fold(name) for name in answering[0]}:
        others = [person for person in key.people if person is not answering[0]]
        if not any(untitled in {fold(name) for name in person} for person in others):
            names = {fold(name) for name in answering[0]}
            form = next(form for form, folded_form in folded_forms if folded_form in names)
            return Match(True, FULL_NAME, given, form)
    for person in answering:
        surname = _surname(person[0])
        if surname and surnames.count(surname) == 1:
            if untitled == surname:
                return Match(True, SURNAME, given, person[0])
            candidates.append((person[0], surname))
    # Another answer of the document (any form of a fact that is not this question's answer).
    rivals = {fold(str(option.get("text", ""))) for option in _options(question)}
    for fact_forms in key.answers:
        folded_fact = {fold(form) for form in fact_forms}
        if not folded_fact & folded_set:
            rivals |= folded_fact
    rivals -= folded_set
    rivals.discard("")
    if folded in rivals or untitled in rivals:
        return NO
    for form, folded_form in candidates:
        allowed = _allowed_distance(folded_form)
        if not allowed:
            continue
        distance = OSA.distance(untitled, folded_form, score_cutoff=allowed)
        if distance > allowed:
            continue
        if any(OSA.distance(untitled, rival, score_cutoff=allowed) <= allowed for rival in rivals):
            continue
        return Match(True, TYPO, given, form)
    return NO


# The forms an export writes (an LMS compares typed answers exactly, ignoring case at most)


def _number_forms(number: float) -> list[str]:
    """ "42", "forty-two"; "1500", "1,500", "one thousand five hundred"."""
    if not float(number).is_integer():
        return [f"{number:g}"]
    whole = int(number)
    forms = [str(whole)]
    if abs(whole) >= 1000:
        forms.append(f"{whole:,}")
    if abs(whole) < 10**12:
        forms.append(num2words(whole, lang="en").replace(",", ""))  # commas read as lists
    return forms


def _date_forms(value) -> list[str]:
    """The common written forms of a date at its precision, with and without "in"/"on"."""
    iso = value.value
    if value.precision == "year" and re.fullmatch(r"\d{4}", iso):
        return [iso, f"in {iso}"]
    if value.precision == "month" and re.fullmatch(r"\d{4}-\d{2}", iso):
        month = _MONTH_NAMES[int(iso[5:7]) - 1]
        return [f"{month} {iso[:4]}", f"in {month} {iso[:4]}"]
    if value.precision == "day" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        year, month, day = iso[:4], _MONTH_NAMES[int(iso[5:7]) - 1], int(iso[8:10])
        written = [f"{day} {month} {year}", f"{month} {day}, {year}", iso]
        return [*written, f"on {written[0]}", f"on {written[1]}"]
    return []


def accepted_forms(
    question: Question, *, document: DocumentKey | Callable[[], DocumentKey] | None = None
) -> list[str]:
    """The accepted answers of a typed question, with the other forms `match_text` accepts
    that an LMS's exact comparison would not: a number in digits and in words ("8",
    "eight"), an ordinal in digits ("third": "3rd"), a date in its common written forms at
    its precision ("3 July 2025", "July 3, 2025", "2025-07-03", "in 2021"), the surname
    alone of a person of the document (when no other person has it), the full name for a
    surname, and the answer without accents. Every form returned is one `match_text`
    accepts, so an exported question marks as Quizgen does (typing slips aside: no LMS
    format can say "within two letters")."""
    keys: list[DocumentKey] = []

    def key() -> DocumentKey:
        if not keys:
            keys.append(_resolve(document, question))
        return keys[0]

    accepted = [str(form) for form in question.accepted_answers if str(form).strip()]
    ignore = _prompt_words(question)
    candidates = list(accepted)
    for form in accepted:
        value = _read_date(form, None)
        number = read_number(form, ignore=ignore) if value is None else None  # "1979": a year
        if number is not None:
            candidates += _number_forms(number)
        if value is not None:
            candidates += _date_forms(value)
            if value.precision == "month" and re.fullmatch(r"\d{4}-\d{2}", value.value):
                candidates += [value.value[:4], f"in {value.value[:4]}"]  # if no other date then
        digits = in_digits(fold(form))
        if digits != fold(form) and value is None and number is None:
            candidates.append(digits)  # "third" -> "3rd", "World War Two" -> "world war 2"
        unaccented = "".join(
            char for char in unicodedata.normalize("NFKD", form) if not unicodedata.combining(char)
        )
        candidates.append(unaccented)
    folded_accepted = {fold(form) for form in accepted}
    people = key().people if accepted else ()
    surnames = [_surname(person[0]) for person in people]
    for person in people:
        if folded_accepted & {fold(name) for name in person}:
            words = person[0].split()
            if len(words) > 1 and surnames.count(_surname(person[0])) == 1:
                candidates.append(words[-1])
            candidates.append(person[0])  # the full name, when the key is the surname
    forms: list[str] = []
    for form in dict.fromkeys(candidates):
        if form in accepted or match_text(question, form, document=key).matched:
            forms.append(form)
    return forms


def essential_forms(question: Question) -> list[str]:
    """The accepted answers without those `accepted_forms` makes of the ones before them: an
    imported file written by `accepted_forms` ("Lutèce", "Lutece") reads back as written
    ("Lutèce"), and marks the same."""
    kept: list[str] = []
    for form in (str(form) for form in question.accepted_answers):
        earlier = Question(kind=question.kind, prompt=question.prompt, accepted_answers=list(kept))
        if kept and form in accepted_forms(earlier, document=EMPTY_KEY):
            continue
        kept.append(form)
    return kept


def _options(question: Question) -> list[dict]:
    return [option for option in question.options or [] if isinstance(option, dict)]


def _resolve(document, question: Question) -> DocumentKey:
    if isinstance(document, DocumentKey):
        return document
    if callable(document):
        return document()
    return DocumentKeys().get(question.document_id)


# Numeric questions


def unit_scale(unit: str) -> float:
    """The scale a unit carries: "billion dollars" -> 1e9, "people" -> 1."""
    for word in fold(unit).split():
        # Whole scale words only: a unit "m" is metres, not millions.
        if word.rstrip("s") in _UNIT_SCALES:
            return _UNIT_SCALES[word.rstrip("s")]
    return 1.0


def numeric_key(question: Question) -> tuple[float | None, float, str]:
    """The expected value (in the question's unit), its tolerance and the unit."""
    answer = question.answer if isinstance(question.answer, dict) else {}
    value = answer.get("value")
    unit = str(answer.get("unit") or "")
    if value is None and question.accepted_answers:
        value = parse_number(str(question.accepted_answers[0]))
        if value is not None:
            value /= unit_scale(unit)
    tolerance = question.tolerance
    if tolerance is None:
        tolerance = answer.get("tolerance") or 0.0
    return (None if value is None else float(value)), float(tolerance), unit


def read_in_unit(text: str, unit: str) -> float | None:
    """The number in `text`, in `unit`: "$9 billion" in "billion dollars" is 9."""
    number = read_number(text, strict=False)
    if number is None:
        return None
    scale = unit_scale(unit)
    if scale == 1:
        return number
    if _SCALE_WORD.search(text) or abs(number) >= scale:
        return number / scale
    return number


def match_number(question: Question, given: str) -> Match:
    """Whether `given` is the numeric answer, read in the question's unit, within tolerance."""
    given = str(given).strip()
    expected, tolerance, unit = numeric_key(question)
    number = read_in_unit(given, unit)
    if number is None or expected is None:
        return NO
    # A small relative slack absorbs float noise ("0.1 + 0.2").
    if abs(number - expected) > tolerance + 1e-9 * abs(expected):
        return NO
    display = str((question.answer or {}).get("display") or f"{expected:g}")
    if not math.isclose(number, expected, rel_tol=1e-9, abs_tol=1e-12):
        # "15,500" for "over 15,000" within 750: not the key, but near enough.
        return Match(True, NUMBER, given, display, within=f"{tolerance:g}")
    same = fold(given) in {fold(display), fold(f"{expected:g}")}
    return Match(True, SAME if same else NUMBER, given, display)


def match_option(question: Question, given: str) -> Match:
    """Whether `given` is the text of a correct option (rule 1 only)."""
    folded = fold(str(given))
    for option in _options(question):
        if option.get("correct") and fold(str(option.get("text", ""))) == folded:
            return Match(True, SAME, str(given), str(option.get("text", "")))
    return NO
