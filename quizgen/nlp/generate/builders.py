"""Candidate questions of every kind, built from facts and the questions about them.

Builders overgenerate; `rank` scores, checks and deduplicates afterwards.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from spacy.tokens import Doc
from text_to_num import alpha2digit

from quizgen.nlp.generate.clause import doc_index
from quizgen.nlp.generate.defects import _unresolved
from quizgen.nlp.generate.distractors import Choice, actor_choice, date_choice, figure_choice
from quizgen.nlp.generate.falsify import (
    FALSE,
    FALSE_FROM_TEXT,
    Swap,
    apply_swap,
    false_figures,
)
from quizgen.nlp.generate.inplace import statement_reads_well
from quizgen.nlp.generate.text import (
    BLANK,
    FULL_MONTH_PATTERN,
    MONTH_NAMES,
    contains_phrase,
    fingerprint,
    normalise,
    quoted,
    split_number,
    statement_cut,
)
from quizgen.nlp.generate.wh import WhQuestion
from quizgen.nlp.parsed import doc_text
from quizgen.nlp.structure import Region
from quizgen.nlp.types import (
    ActorFact,
    DateFact,
    Extraction,
    Fact,
    FactKind,
    FigureFact,
    QuestionKind,
    QuoteFact,
    Sentence,
)

QUALIFIERS = re.compile(
    r"^(over|about|nearly|almost|around|some|roughly|approximately|more than|less than|"
    r"fewer than|at least|up to|just over|just under)\s+",
    re.IGNORECASE,
)
# The qualifiers of a figure that bound it rather than round it.
BOUNDS = re.compile(
    r"^(over|more than|less than|fewer than|at least|up to|just over|just under)\s+", re.I
)
RELATIVE_YEAR = re.compile(r"^(.*\S)\s+(?:of\s+)?(?:this|last|next)\s+year$", re.I)
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Below rank.RECOMMEND_AT: a question on a title, caption, credit, reference list, note or
# exercise box is shown to the teacher as an alternative (with no defect), never recommended.
OUTSIDE_BODY_CEILING = 0.5
CURRENCIES = {"$": "dollars", "US$": "US dollars", "£": "pounds", "€": "euros"}


# The last word of a true/false item's identity: the statement as the text makes it, or false.
VERSIONS = frozenset({("true",), ("false",)})


@dataclass
class Candidate:
    """One overgenerated question with the features the ranking scores it by."""

    kind: str
    prompt: str
    sentence: Sentence
    facts: tuple[Fact, ...]
    answer_text: str = ""
    accepted: tuple[str, ...] = ()
    options: tuple[tuple[str, bool], ...] = ()
    choice: Choice | None = None
    answer: Any = None
    question_text: str = ""
    explanation: str = ""
    specificity: float = 1.0
    resolution: float = 1.0
    importance: float = 1.0
    distractor_quality: float = 0.9
    difficulty: float = 0.5
    identity: tuple[str, ...] = field(default_factory=tuple)
    # An upper bound on the score: echo questions ("Harlow Mills sold its dye works to which
    # organisation?") are kept for the teacher to see but never reach the recommended threshold.
    ceiling: float = 1.0
    # The rule that built the candidate, carried to the draft for the teacher to see.
    rule: str = ""

    def __post_init__(self) -> None:
        if self.sentence.region != Region.BODY:
            self.ceiling = min(self.ceiling, OUTSIDE_BODY_CEILING)

    @property
    def outside_body(self) -> bool:
        """True when the question comes from a part of the document around its running text."""
        return self.sentence.region != Region.BODY

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.kind, *self.identity)

    @property
    def statement(self) -> tuple[str, ...] | None:
        """For a true/false item, the statement it tells or falsifies (its true and its false
        version share it: `rank` keeps one of the two); None for other kinds."""
        if self.kind != QuestionKind.TRUE_FALSE or self.identity[-1:] not in VERSIONS:
            return None
        return self.identity[:-1]


def explanation_for(sentence: Sentence) -> str:
    return f"The article says: {quoted(sentence.text)}"


def _fitting_the_blank(common: dict, cloze: str) -> dict:
    """The cloze's key without the "the" its statement keeps before the blank ("Nida retired
    in the _____." is answered "early 1980s"; "the early 1980s" filled in reads "in the the
    early 1980s"); the answer as written stays accepted."""
    answer = common["answer_text"]
    if not answer.lower().startswith("the ") or not re.search(
        rf"\b[Tt]he {re.escape(BLANK)}", cloze
    ):
        return common
    bare = answer[4:].strip()
    accepted = tuple(dict.fromkeys((bare, *common["accepted"])))
    return {**common, "answer_text": bare, "accepted": accepted}


def accepted_answers(fact: Fact, answer: str) -> tuple[str, ...]:
    """The answer as written plus the forms a student may fairly give instead."""
    forms = [answer]
    if isinstance(fact, ActorFact):
        forms += [str(fact.value), *fact.aliases]
    elif isinstance(fact, DateFact):
        forms.append(_written_date(fact) or "")
        # "April this year": the month is the answer a student writes.
        if relative := RELATIVE_YEAR.match(answer):
            forms.append(relative.group(1))
        # "the 19th century" may be written "the nineteenth century".
        forms += [ORDINAL.sub(_ordinal_word, form) for form in list(forms) if ORDINAL.search(form)]
    elif isinstance(fact, FigureFact):
        # "about 50" may be answered "50"; "more than 50" may not (a bound is not the value).
        bare = QUALIFIERS.sub("", answer) if not BOUNDS.match(answer) else answer
        forms.append(bare)
        # A student who knows the answer may write "2" for "two", "40000" for "forty thousand".
        forms += [_in_digits(form) for form in (answer, bare) if not re.search(r"\d", form)]
    # Scoring compares with punctuation removed, so "U.S." must also be accepted as "US"
    # and "15,000" as "15000".
    forms += [re.sub(r"\.(?!\d)", "", form) for form in forms if "." in form]
    forms += [re.sub(r"(?<=\d),(?=\d{3})", "", form) for form in forms if "," in form]
    unique: list[str] = []
    seen: set[str] = set()
    for form in forms:
        key = form.strip().casefold()
        if key and key not in seen:
            seen.add(key)
            unique.append(form.strip())
    return tuple(unique)


ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b(?=\s+(?:century|centuries|millennium)\b)", re.I)
ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()


def _ordinal_word(match: re.Match) -> str:
    """ "19th" as "nineteenth", "21st" as "twenty-first" (centuries and millennia)."""
    number = int(match.group(1))
    if 1 <= number <= 20:
        return ORDINAL_WORDS[number - 1]
    if 21 <= number <= 29:
        return "twenty-" + ORDINAL_WORDS[number - 21]
    return match.group(0)


def _in_digits(text: str) -> str:
    """Number words written as digits ("two" → "2"); the text as it was when it has none."""
    return alpha2digit(text, "en", threshold=0)


def _written_date(fact: DateFact) -> str | None:
    value = str(fact.value or "")
    if re.fullmatch(r"\d{4}", value):
        return value
    if match := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return f"{MONTH_NAMES[int(match.group(2)) - 1]} {match.group(1)}"
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        return f"{int(match.group(3))} {MONTH_NAMES[int(match.group(2)) - 1]} {match.group(1)}"
    return None


def specificity(fact: Fact, answer: str) -> float:
    if isinstance(fact, DateFact):
        base = {"day": 1.0, "month": 1.0, "year": 0.95, "decade": 0.7, "century": 0.6}
        score = base.get(fact.precision, 0.6)
        return score if re.search(r"\d", answer) else score - 0.1
    if isinstance(fact, FigureFact):
        return 1.0 if (fact.counted or fact.unit) else 0.8
    if isinstance(fact, ActorFact):
        if fact.label == "person":
            return 1.0 if len(answer.split()) >= 2 else 0.85
        return 0.95
    return 0.8


def _display_actor(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def from_wh(
    wh: WhQuestion,
    fact: Fact,
    extraction: Extraction,
    *,
    importance: float,
    published_on: date | None,
    true_false: str = "true",
    swap: Swap | None = None,
    elsewhere: str = "",
) -> list[Candidate]:
    """Short answer, multiple choice, fill-in-the-blank, numeric and true/false candidates.
    The true/false item is made false (`true_false` of "false…") with another value, or
    with `swap` (another actor's name) where no value can be changed."""
    sentence = fact.sentence
    answer = wh.answer_text.strip()
    if isinstance(fact, ActorFact):
        answer = _display_actor(answer)
        canonical = _display_actor(str(fact.value))
        known = {normalise(str(fact.value))} | {normalise(a) for a in fact.aliases}
        # The actor's full name ("Amir Khan Muttaqi" for "Muttaqi") when it is a clean one.
        if normalise(answer) in known and len(canonical) >= len(answer):
            if "\n" not in canonical and canonical.strip() == canonical:
                answer = canonical
    accepted = accepted_answers(fact, answer)
    common = {
        "sentence": sentence,
        "facts": (fact,),
        "answer_text": answer,
        "accepted": accepted,
        "question_text": wh.question,
        "explanation": explanation_for(sentence),
        "specificity": specificity(fact, answer),
        "resolution": 0.85 if wh.subject_resolved else 1.0,
        "importance": importance,
    }
    identity = (fact.key, str(wh.start), normalise(answer))
    found: list[Candidate] = [
        Candidate(
            kind=QuestionKind.SHORT_ANSWER,
            prompt=wh.question,
            difficulty=0.65,
            identity=identity,
            **common,
        )
    ]
    choice: Choice | None = None
    if isinstance(fact, DateFact):
        # A date the text gives for another telling of the same deed is no wrong option.
        choice = date_choice(fact, wh.answer_text.strip(), extraction, published_on, elsewhere)
    elif isinstance(fact, FigureFact):
        choice = figure_choice(fact, wh.answer_text.strip())
    elif isinstance(fact, ActorFact):
        # The prompt too: a person it names (its subject, maybe a resolved "he") is no option.
        choice = actor_choice(
            fact, answer, f"{sentence.text} {wh.question}", extraction, answer_at=wh.start
        )
    if choice is not None and choice.options(0) is not None:
        mc_common = dict(common)
        mc_common["answer_text"] = choice.answer
        found.append(
            Candidate(
                kind=QuestionKind.MULTIPLE_CHOICE,
                prompt=wh.question,
                choice=choice,
                options=choice.options(0) or (),
                distractor_quality=0.75 + 0.25 * choice.from_document,
                difficulty=0.35 + 0.2 * choice.from_document,
                identity=identity,
                **mc_common,
            )
        )
    found.append(
        Candidate(
            kind=QuestionKind.FILL_BLANK,
            prompt=f"Fill in the blank: {wh.cloze}",
            difficulty=0.55,
            identity=identity,
            **_fitting_the_blank(common, wh.cloze),
        )
    )
    if isinstance(fact, FigureFact):
        numeric = _numeric(wh, fact, answer)
        if numeric is not None:
            prompt, payload = numeric
            numeric_common = dict(common)
            numeric_common["question_text"] = prompt
            found.append(
                Candidate(
                    kind=QuestionKind.NUMERIC,
                    prompt=prompt,
                    answer=payload,
                    difficulty=0.7,
                    identity=identity,
                    **numeric_common,
                )
            )
    if true_false != "none":
        found.extend(
            _true_false(
                wh,
                fact,
                _false_values(fact, choice, extraction, wh.answer_text.strip()),
                common,
                mode=true_false,
                after=_next_sentence(extraction, fact.sentence),
                only=_text_values(extraction) if true_false == FALSE_FROM_TEXT else None,
                swap=swap,
                elsewhere=elsewhere,
            )
        )
    return found


# How a true/false item is made (`true_false` of `from_wh` and `clause_candidates`): stated as
# the text makes it, made false with any distractor, only with a date the text gives for
# another event (`falsify.may_falsify`), or only with another actor's name (`falsify.SWAP`).
TRUE = "true"


def _false_values(
    fact: Fact, choice: Choice | None, extraction: Extraction, answer: str
) -> tuple[str, ...]:
    """The values a false statement may give instead of `answer`, best first: for a figure
    plausible ones (`falsify.false_figures`), for a date the multiple-choice options."""
    if isinstance(fact, FigureFact):
        return tuple(false_figures(fact, answer, extraction))
    if isinstance(fact, DateFact) and choice is not None:
        return (*choice.above, *choice.below)
    return ()


def _text_values(extraction: Extraction) -> frozenset[str]:
    """The dates the text writes, as written."""
    return frozenset(f.text.strip() for f in extraction.of_kind(FactKind.DATE))


ECHO_CEILING = 0.45


def echo_candidate(
    wh: WhQuestion, fact: Fact, extraction: Extraction, importance: float
) -> Candidate:
    """A short-answer question asked in place: shown to the teacher, never recommended."""
    answer = wh.answer_text.strip()
    if isinstance(fact, ActorFact):
        answer = _display_actor(answer)
    return Candidate(
        kind=QuestionKind.SHORT_ANSWER,
        prompt=wh.question,
        sentence=fact.sentence,
        facts=(fact,),
        answer_text=answer,
        accepted=accepted_answers(fact, answer),
        question_text=wh.question,
        explanation=explanation_for(fact.sentence),
        specificity=specificity(fact, answer),
        importance=importance,
        difficulty=0.7,
        identity=(fact.key, str(wh.start), normalise(answer), "echo"),
        ceiling=ECHO_CEILING,
    )


def clause_candidates(
    wh: WhQuestion,
    fact: Fact,
    extraction: Extraction,
    *,
    importance: float,
    published_on: date | None,
    true_false: str,
    swap: Swap | None = None,
    elsewhere: str = "",
) -> list[Candidate]:
    """A cloze and a true/false item from the statement of a question asked in place (or of
    a simplified clause): the text's own words with the answer blanked, or stated (for a
    date or figure, made false with a distractor when `true_false` is "false"). They read as
    the text does, so they may be recommended where the question in place may not."""
    if not statement_reads_well(wh.statement, wh.cloze):
        return []
    sentence = fact.sentence
    answer = wh.answer_text.strip()
    if isinstance(fact, ActorFact):
        answer = _display_actor(answer)
    common = {
        "sentence": sentence,
        "facts": (fact,),
        "answer_text": answer,
        "accepted": accepted_answers(fact, answer),
        "question_text": wh.statement,
        "explanation": explanation_for(sentence),
        "specificity": specificity(fact, answer),
        "resolution": 0.85,
        "importance": importance,
    }
    identity = (fact.key, str(wh.start), normalise(answer))
    found = [
        Candidate(
            kind=QuestionKind.FILL_BLANK,
            prompt=f"Fill in the blank: {wh.cloze}",
            difficulty=0.55,
            identity=identity,
            **_fitting_the_blank(common, wh.cloze),
        )
    ]
    if true_false == "none":
        return found
    choice: Choice | None = None
    if "year's" in wh.question:
        true_false = TRUE  # a year that is part of a name ("the 2018 FIFA World Cup")
    if true_false in {FALSE, FALSE_FROM_TEXT} and isinstance(fact, DateFact):
        choice = date_choice(fact, wh.answer_text.strip(), extraction, published_on)
    found.extend(
        _true_false(
            wh,
            fact,
            (
                _false_values(fact, choice, extraction, wh.answer_text.strip())
                if true_false.startswith(FALSE)
                else ()
            ),
            common,
            mode=true_false,
            after=_next_sentence(extraction, fact.sentence),
            only=_text_values(extraction) if true_false == FALSE_FROM_TEXT else None,
            swap=swap,
            elsewhere=elsewhere,
        )
    )
    return found


# Words that tell of the same thing happening at another time or to another value.
REPETITION = re.compile(r"\b(again|also|too|as well|once more|repeatedly|anew)\b", re.IGNORECASE)
# Words that make a value a bound, not a point: "by 1965 he acknowledged" is true of 1968 as
# well, "more than 12,000 names" of 9,000; a changed bound is no certain falsehood. (An
# approximation is no bound: "nearly 40,000" is false of nearly 30,000.)
BOUND = re.compile(
    r"\b(by|before|after|since|until|till|up to|no later than|no earlier than|as early as|"
    r"as late as|at least|at most|more than|less than|fewer than|over|under|within|beyond)"
    r"\s+(the\s+)?(end\s+of\s+|early\s+|late\s+|mid-?)?$",
    re.IGNORECASE,
)


def _bounded(statement: str, value: str) -> bool:
    """Whether `value` stands in `statement` as a bound ("By 1965, …", "more than 300")."""
    at = statement.find(value)
    return at >= 0 and bool(BOUND.search(statement[:at]))


def _another_year(original: str, nearby: str) -> str | None:
    """The full date with its year moved back (3 years, 5 before 1950), day and month kept:
    a falsehood about what a reader may remember; None when the text gives that date too."""
    match = re.search(r"\b([1-9][0-9]{2}|1[0-9]{3}|20[0-9]{2})\b", original)  # 759 too
    if match is None:
        return None
    year = int(match.group(1))
    moved = (
        original[: match.start()] + str(year - (3 if year >= 1950 else 5)) + original[match.end() :]
    )
    return None if contains_phrase(nearby, moved) else moved


def _only_days_apart(original: str, swap: str) -> bool:
    """Whether two full dates of one year differ by days or weeks ("1 August 1708" / "15
    August 1708"): nobody is asked to remember the day of an event the text tells in passing,
    and a near day is no fair falsehood."""
    day = re.compile(r"\b\d{1,2}(st|nd|rd|th)?\b")
    year = re.compile(r"\b\d{4}\b")
    month = re.compile(rf"\b({FULL_MONTH_PATTERN})\b")
    if not all(day.search(t) and month.search(t) and year.search(t) for t in (original, swap)):
        return False  # full dates only ("46 percent" / "69 percent" are no days)
    return original != swap and year.findall(original) == year.findall(swap)


def _next_sentence(extraction: Extraction, sentence: Sentence) -> str:
    """The sentence after `sentence` (where a title ending in "?" or "!" carries on)."""
    following = next((s for s in extraction.sentences if s.start >= sentence.end), None)
    return following.text if following is not None else ""


def _true_false(
    wh: WhQuestion,
    fact: Fact,
    values: tuple[str, ...],
    common: dict[str, Any],
    *,
    mode: str,
    after: str = "",
    only: frozenset[str] | None = None,
    swap: Swap | None = None,
    elsewhere: str = "",
) -> list[Candidate]:
    """The statement as the text makes it and (when `mode` is one of the "false" modes) a
    false one that changes one thing: the date or figure for one of `values` (one of `only`,
    when given, and none that `elsewhere`, the text's other sentences with the same verb,
    gives), or where no value may change, one name for another (`swap`): the text gives
    one, so it is certainly false. The two share their `statement`; `rank` keeps one of
    them, since one would give the other away."""
    statement = wh.statement
    if statement_cut(statement):
        return []  # "There were Velmark in 1851 and Norland in 1886."
    base = dict(common)
    base["accepted"] = ()
    make_false = mode.startswith(FALSE)
    if REPETITION.search(fact.sentence.text):
        # "Pasco again began 2014 in the reserves": another value may be true of another time.
        make_false = False
    changed: tuple[str, str, str] | None = None  # (false statement, original, swapped in)
    if make_false and mode in {FALSE, FALSE_FROM_TEXT} and isinstance(fact, DateFact | FigureFact):
        # Never a value the sentence itself gives for something else ("small parts in 1949,
        # ... Nocturne? (1950)" made false with 1950 would be true of the film).
        nearby = f"{fact.sentence.text} {after} {elsewhere}"
        swaps = [v for v in values if not contains_phrase(nearby, v)]
        if only is not None:
            swaps = [v for v in swaps if v in only]
        value = swaps[0] if swaps else None
        original = wh.answer_text.strip()
        if value and _only_days_apart(original, value):
            value = _another_year(original, nearby)  # the year is what a reader may know
        if value and _bounded(statement, original):
            value = None  # stated as the text gives it, True
        if value and statement.count(original) == 1:
            changed = (statement.replace(original, value), original, value)
    if make_false and changed is None and swap is not None:
        swapped = apply_swap(statement, swap)
        if swapped is not None:
            changed = (swapped, swap.original, swap.replacement)
    base_true = dict(base)
    base_true["answer_text"] = "True"
    made = [
        Candidate(
            kind=QuestionKind.TRUE_FALSE,
            prompt=f"True or false: {statement}",
            options=(("True", True), ("False", False)),
            difficulty=0.25,
            identity=(fact.key, str(wh.start), "true"),
            **base_true,
        )
    ]
    if changed is not None:
        false_statement, original, value = changed
        base_false = dict(base)
        base_false["answer_text"] = "False"
        base_false["explanation"] = (
            f"False: the article gives {original}, not {value} "
            f"({statement.rstrip('.')}). " + common["explanation"]
        )
        made.append(
            Candidate(
                kind=QuestionKind.TRUE_FALSE,
                prompt=f"True or false: {false_statement}",
                options=(("True", False), ("False", True)),
                difficulty=0.35,
                identity=(fact.key, str(wh.start), "false"),
                **base_false,
            )
        )
    return made


def _numeric(wh: WhQuestion, fact: FigureFact, answer: str) -> tuple[str, dict] | None:
    parts = split_number(answer)
    if parts is None:
        return None
    prefix, number, decimals, _, rest = parts
    qualifier = QUALIFIERS.match(answer)
    scale = next((word for word in SCALE_WORDS if word in rest.lower()), "")
    currency = next((name for mark, name in CURRENCIES.items() if mark in prefix), "")
    unit_words = " ".join(word for word in (scale, currency) if word)
    if "%" in answer or "percent" in answer.lower():
        unit_words = "percent"
    question = wh.question
    if scale and currency:
        prompt = f"{question[:-1]} (in {scale}s of {currency})?"
    elif currency:
        prompt = f"{question[:-1]} (in {currency})?"
    elif unit_words == "percent":
        prompt = f"{question[:-1]} (in percent)?"
    elif fact.label == "duration" and question.startswith("How long") and rest.strip():
        # "How long did it last?" has no number for an answer until the unit is named.
        unit_words = rest.strip().split()[0].lower()
        unit_words = unit_words if unit_words.endswith("s") else f"{unit_words}s"
        prompt = f"{question[:-1]} (in {unit_words})?"
    else:
        prompt = question
    if qualifier:
        tolerance = round(number * 0.05, 6)
    elif decimals:
        tolerance = 0.5 * 10**-decimals
    else:
        tolerance = 0.0
    payload = {
        "value": float(number),
        "tolerance": float(tolerance),
        "unit": unit_words,
        "display": answer,
    }
    return prompt, payload


STATEMENT_MIN_WORDS = 4
STATEMENT_MAX_WORDS = 30


def quoted_statement(quote: QuoteFact) -> str | None:
    """The words of a quotation that is a statement someone made, as a question shows them.

    A quoted statement opens with a capital letter, like the sentence it was; words in
    quotation marks that begin in lower case are part of the reporting sentence ("called it a
    “courageous step.”", "refer to them as “de facto authorities,”"): a scare-quoted phrase or
    a fragment, not something one can ask who said. The comma or full stop that closes the
    quotation belongs to the reporting sentence and is dropped; a question or exclamation mark
    is the speaker's and stays. A quotation of several sentences too long to show whole is
    shown by its opening sentence (two where the first is under four words): the speaker said
    those words.
    """
    text = " ".join(str(quote.value).split())
    if len(text.split()) > STATEMENT_MAX_WORDS:
        text = _opening_sentences(text)
    words = text.split()
    if not quote.speaker or not STATEMENT_MIN_WORDS <= len(words) <= STATEMENT_MAX_WORDS:
        return None
    first = next((char for char in text if char.isalpha()), "")
    if not first.isupper():
        return None
    text = text.rstrip(",.;: ")
    return text if len(text.split()) >= STATEMENT_MIN_WORDS else None


# Where a quotation's sentence ends: a full stop, question or exclamation mark before a capital.
QUOTED_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)][.!?])\s+(?=[A-Z])")


def _opening_sentences(text: str) -> str:
    """The fewest opening sentences of the quotation that make a statement of
    `STATEMENT_MIN_WORDS`, within `STATEMENT_MAX_WORDS` ('' when the first is longer)."""
    kept: list[str] = []
    for sentence in QUOTED_SENTENCE_END.split(text):
        if len(" ".join([*kept, sentence]).split()) > STATEMENT_MAX_WORDS:
            break
        kept.append(sentence)
        if len(" ".join(kept).split()) >= STATEMENT_MIN_WORDS:
            break
    return " ".join(kept)


def who_said(quote: QuoteFact, extraction: Extraction, *, importance: float) -> list[Candidate]:
    """ "Who said: “…”?" for a quoted statement whose speaker is a named person of the text:
    as a short answer (the speaker's name, or the surname alone) and, where the text gives
    three other people, as multiple choice. The claim is quoted and asked whose it is, so
    it is stated as no fact."""
    statement = quoted_statement(quote)
    if statement is None:
        return []
    speaker = next(
        (
            fact
            for fact in extraction.of_kind(FactKind.ACTOR)
            if isinstance(fact, ActorFact)
            and fact.label == "person"
            and normalise(quote.speaker)
            in {normalise(str(fact.value))} | {normalise(a) for a in fact.aliases}
        ),
        None,
    )
    if speaker is None:
        return []
    answer = _display_actor(str(speaker.value))
    prompt = f"Who said: “{statement}”?"
    passage = _quotation_passage(quote, speaker, extraction)
    asked = Candidate(
        kind=QuestionKind.SHORT_ANSWER,
        prompt=prompt,
        sentence=passage,
        facts=(speaker, quote),
        answer_text=answer,
        accepted=accepted_answers(speaker, answer),
        question_text=prompt,
        explanation=explanation_for(passage),
        importance=importance,
        difficulty=0.55,
        identity=(quote.key, "who_said"),
    )
    chosen = _who_said_choice(asked, speaker, extraction)
    if not _says_something(quote, statement, extraction):
        return chosen
    return [asked, *chosen]


def _quotation_passage(quote: QuoteFact, speaker: ActorFact, extraction: Extraction) -> Sentence:
    """The sentences a quotation stands in, with the one next to them that names its speaker
    when they do not ("Harry Kane won the award. He said, “…”", "Obama tweeted:" before a
    paragraph of quotation): the passage a reader finds the answer in. Not a neighbour that
    names another person too, nor one beside a quotation that does, whom it may be."""
    sentences = extraction.sentences
    starts, people = _sentences_and_people(extraction)
    first = bisect_right(starts, quote.start) - 1
    last = bisect_right(starts, max(quote.end - 1, quote.start)) - 1
    if first < 0 or last < first:
        return quote.sentence
    names = [str(speaker.value), *speaker.aliases]
    mention_starts = [start for start, _ in people]

    def names_speaker(index: int) -> bool:
        return any(contains_phrase(sentences[index].text, name) for name in names)

    def names_another(index: int) -> bool:
        sentence = sentences[index]
        at = bisect_right(mention_starts, sentence.start - 1)
        while at < len(people) and people[at][0] < sentence.end:
            if people[at][1] != speaker.key:
                return True
            at += 1
        return False

    inside = range(first, last + 1)
    if not any(names_speaker(i) for i in inside) and not any(names_another(i) for i in inside):
        for neighbour in (first - 1, last + 1):
            if not 0 <= neighbour < len(sentences):
                continue
            if sentences[neighbour].region == Region.BODY and names_speaker(neighbour):
                if not names_another(neighbour):
                    first, last = min(first, neighbour), max(last, neighbour)
                break
    if first == last:
        return sentences[first]
    start, end = sentences[first].start, sentences[last].end
    regions = {sentences[i].region for i in range(first, last + 1)}
    region = Region.BODY if regions == {Region.BODY} else sorted(regions - {Region.BODY})[0]
    return Sentence(text=extraction.text[start:end], start=start, end=end, region=region)


def _sentences_and_people(extraction: Extraction) -> tuple[list[int], list[tuple[int, str]]]:
    """The starts of the extraction's sentences and every person's mentions as (start, actor
    key), in text order, computed once per parse."""
    doc = extraction.doc
    views = doc_index(doc).extraction_views if isinstance(doc, Doc) else {}
    found = views.get("sentences_and_people")
    if found is None:
        people = sorted(
            (mention.start, fact.key)
            for fact in extraction.of_kind(FactKind.ACTOR)
            if isinstance(fact, ActorFact) and fact.label == "person"
            for mention in fact.mentions
        )
        found = ([s.start for s in extraction.sentences], people)
        views["sentences_and_people"] = found
    return found  # type: ignore[return-value]


# A speaker declining to say anything ("We cannot comment on …"): no claim to place.
NO_COMMENT = re.compile(
    r"(?:\bnot|n['’]t|\bcannot|\bnever|\bno)\s+(?:to\s+)?comment\b", re.IGNORECASE
)


def _says_something(quote: QuoteFact, statement: str, extraction: Extraction) -> bool:
    """Whether a quotation says something a student can tell its speaker by: a statement
    (it has a verb) that names a thing (a noun or a name: "We have beaten the old record"),
    not only how the speaker feels ("I am calm and hopeful", which anyone of the story might
    have said), and no refusal to comment."""
    if NO_COMMENT.search(statement):
        return False
    doc = extraction.doc
    if not isinstance(doc, Doc):
        return True
    at = doc_text(doc).find(statement, quote.sentence.start)
    span = doc.char_span(at, at + len(statement), alignment_mode="expand") if at >= 0 else None
    if span is None:
        return True  # the words are not the text's as written: nothing to read them by
    # A statement has a verb: a quoted title ("Feminist Views of Work") is none.
    verb = any(t.pos_ in {"VERB", "AUX"} for t in span)
    return verb and any(t.pos_ in {"NOUN", "PROPN"} for t in span)


def _who_said_choice(
    asked: Candidate, speaker: ActorFact, extraction: Extraction
) -> list[Candidate]:
    """The "Who said" short answer as multiple choice, where the text gives three other people."""
    choice = actor_choice(speaker, asked.answer_text, asked.sentence.text, extraction)
    if choice is None or choice.options(0) is None:
        return []
    chosen = replace(
        asked,
        kind=QuestionKind.MULTIPLE_CHOICE,
        choice=choice,
        options=choice.options(0) or (),
        distractor_quality=0.75 + 0.25 * choice.from_document,
        difficulty=0.45,
    )
    return [chosen]


@dataclass(frozen=True)
class DatedEvent:
    """What happened (a statement without its date) and when, from one When-question."""

    event: str
    fact: DateFact
    key: tuple[int, int, int]
    precision: int


YEAR_RE = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})s?\b")


def dated_event(wh: WhQuestion, fact: DateFact) -> DatedEvent | None:
    """The event a When-question dates; none whose text still holds a date (its own or
    another event's: the date would give the order away, or contradict the key)."""
    value = str(fact.value or "")
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if wh.wh != "when" or match is None or fact.vague or _unresolved(wh.remainder):
        return None
    if not wh.stands_alone:
        return None  # "The BBC appointed him director", "The expedition returned"
    if YEAR_RE.search(wh.remainder) or any(
        re.search(rf"\b{month}\b", wh.remainder) for month in MONTH_NAMES
    ):
        return None
    words = wh.remainder.split()
    if UNNAMED_SUBJECT.match(wh.remainder) and words[1] not in SELF_NAMED:
        if not any(word[:1].isupper() for word in words[1:5]):
            return None  # "The delegates reconvened.": which delegates? ("near Moscow" says)
    year, month, day = (int(part) if part else 0 for part in match.groups())
    precision = 3 if day else 2 if month else 1
    return DatedEvent(wh.remainder, fact, (year, month, day), precision)


# An event told of "the <common noun>" names nobody a student can place.
UNNAMED_SUBJECT = re.compile(r"^(The|This|These|Those|That|Such) [a-z][a-z-]* ")
SELF_NAMED = frozenset("government world public people".split())


def unambiguous_events(events: list[DatedEvent], subjects: frozenset[str]) -> list[DatedEvent]:
    """The events a timeline or a date matching may use: none told twice with two dates
    ("Venn returned to Norway" in 1931 and in 1936: either date fits), and, in a text about a
    person (`subjects`: the normalised names its title gives), only that person's events
    when there are three or more of them (not "Rory Tamblin went 3-for-4" in Pasco's life)."""

    def told(event: DatedEvent) -> str:
        """The event without its subject's name, if it is the text's subject ("Ana Cole
        returned to Spain" and "Cole returned to Spain" tell one thing)."""
        text = normalise(event.event)
        for name in sorted(subjects, key=len, reverse=True):
            if text.startswith(f"{name} "):
                return text[len(name) :]
        return text

    dates: dict[str, set[str]] = {}
    for event in events:
        dates.setdefault(told(event), set()).add(str(event.fact.value))
    once = [e for e in events if len(dates[told(e)]) == 1]
    if not subjects:
        return once
    theirs = [
        e
        for e in once
        if any(
            normalise(e.event).startswith(f"{s} ")
            and not normalise(e.event).startswith(f"{s} s ")  # "Ana Cole's teacher …"
            for s in subjects
        )
    ]
    return theirs if len(theirs) >= 3 else once


def _comparable(a: DatedEvent, b: DatedEvent) -> bool:
    if a.key[0] != b.key[0]:
        return True
    if min(a.precision, b.precision) >= 2 and a.key[1] != b.key[1]:
        return True
    return min(a.precision, b.precision) >= 3 and a.key != b.key


def choose_events(events: list[DatedEvent], limit: int) -> list[DatedEvent]:
    chosen: list[DatedEvent] = []
    seen_events: set[str] = set()
    for event in events:
        if event.fact.sentence.region != Region.BODY:
            continue  # a timeline of the running text, not of captions and notes
        key = normalise(event.event)
        if key in seen_events or not 5 <= len(event.event.split()) <= 18:
            continue
        if all(_comparable(event, other) for other in chosen):
            chosen.append(event)
            seen_events.add(key)
        if len(chosen) == limit:
            break
    return chosen


def _display_order(items: list[str], seed: str) -> list[str]:
    shuffled = list(items)
    generator = random.Random(seed)
    for _ in range(20):
        generator.shuffle(shuffled)
        if shuffled != items and (len(items) < 4 or shuffled != items[::-1]):
            return shuffled
    return items[1:] + items[:1]


def _span_sentence(facts: list[Fact]) -> Sentence:
    """The sentences the facts stand in, in text order, as one source passage; outside the
    body when any of them is."""
    sentences = sorted({fact.sentence for fact in facts}, key=lambda s: s.start)
    text = " ".join(sentence.text.strip() for sentence in sentences)
    regions = [f.sentence.region for f in facts if not isinstance(f, ActorFact)]
    region = next((r for r in regions if r != Region.BODY), Region.BODY)
    return Sentence(text=text, start=sentences[0].start, end=sentences[-1].end, region=region)


def ordering(events: list[DatedEvent], importance: dict[int, float]) -> Candidate | None:
    """Timeline ordering of 3-5 dated events, shown in an order that is not the answer."""
    chosen = choose_events(events, 5)
    if len(chosen) < 3:
        return None
    chronological = sorted(chosen, key=lambda e: e.key)
    correct = [e.event for e in chronological]
    identity = tuple(e.fact.key for e in chronological)
    display = _display_order(correct, "|".join(identity))
    facts = [e.fact for e in chronological]
    return Candidate(
        kind=QuestionKind.ORDERING,
        prompt="Put the events below in chronological order, earliest first.",
        sentence=_span_sentence(facts),
        facts=tuple(facts),
        options=tuple((text, False) for text in display),
        answer=correct,
        answer_text=" → ".join(correct),
        explanation="The article dates them: "
        + "; ".join(f"{e.fact.text.strip()}: {e.event.rstrip('.')}" for e in chronological)
        + ".",
        difficulty=0.6,
        distractor_quality=1.0,
        specificity=_mean(specificity(f, f.text) for f in facts),
        importance=_mean(importance.get(f.sentence.start, 0.8) for f in facts),
        identity=identity,
    )


def _mean(values) -> float:
    items = list(values)
    return round(sum(items) / len(items), 4) if items else 0.8


def matching(
    pairs: list[tuple[str, str, Fact]],
    prompt: str,
    identity: str,
    explanation: str,
    importance: dict[int, float],
) -> Candidate | None:
    """Match 3-5 left items to their right-hand partners (all distinct)."""
    unique: list[tuple[str, str, Fact]] = []
    lefts: set[str] = set()
    rights: set[str] = set()
    for left, right, fact in pairs:
        if fact.sentence.region != Region.BODY and not isinstance(fact, ActorFact):
            # Pairs from the running text only; an actor's sentence is only its first mention
            # (often the title of a biography), so actors are judged by their pair's text.
            continue
        if normalise(left) in lefts or normalise(right) in rights:
            continue
        lefts.add(normalise(left))
        rights.add(normalise(right))
        unique.append((left, right, fact))
        if len(unique) == 5:
            break
    if len(unique) < 3:
        return None
    answer = [[left, right] for left, right, _ in unique]
    rights_in_order = [right for _, right, _ in unique]
    display = _display_order(rights_in_order, identity)
    facts = [fact for _, _, fact in unique]
    return Candidate(
        kind=QuestionKind.MATCHING,
        prompt=prompt,
        sentence=_span_sentence(facts),
        facts=tuple(facts),
        options=tuple((text, False) for text in display),
        answer=answer,
        answer_text="; ".join(f"{left} → {right}" for left, right in answer),
        explanation=explanation,
        difficulty=0.5,
        distractor_quality=1.0,
        importance=_mean(importance.get(f.sentence.start, 0.8) for f in facts),
        identity=(identity, *(fact.key for fact in facts)),
    )
