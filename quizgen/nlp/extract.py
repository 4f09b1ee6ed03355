"""Fact extraction: dates, figures, actors, quotes and defined terms from a text.

spaCy's entities are the starting point; small rules of English fix its usual errors (a year
tagged CARDINAL, a duration tagged DATE, a title swallowed into a PERSON span, a nationality
adjective taken for a country) and the dependency parse supplies what a question needs: the
event a date belongs to, the noun a figure counts, an actor's role, a quotation's speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import numpy
from lemminflect import getAllLemmas
from spacy.attrs import LIKE_NUM
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from quizgen.nlp.actors import (
    ActorCluster,
    actor_mentions,
    cluster_mentions,
    propagate_names,
    surname_start,
)
from quizgen.nlp.dates import (
    MONTH_PATTERN,
    MONTHS,
    WEEKDAY_PATTERN,
    is_duration,
    looks_like_year,
    normalise_date,
)
from quizgen.nlp.figures import CURRENCIES, QUALIFIERS, UNITS, parse_figure
from quizgen.nlp.language import looks_english
from quizgen.nlp.parsed import doc_text
from quizgen.nlp.pipeline import DEFAULT_MODEL, load_pipeline
from quizgen.nlp.quotes import find_quotes
from quizgen.nlp.sentences import Sentences
from quizgen.nlp.terms import find_terms
from quizgen.nlp.types import (
    ActorFact,
    DateFact,
    Extraction,
    Fact,
    FigureFact,
    Mention,
)

NOT_TEXT = "Fact extraction needs the text as a string."
NOT_ENGLISH = "The text does not look like English, so no facts were extracted."
# spaCy refuses texts over `nlp.max_length` (1,000,000 characters) and needs about 1 GB of
# memory per 100,000 characters for the parser; longer texts are parsed in pieces.
MAX_CHUNK_CHARS = 100_000
# ORDINAL is left out: "the first country to ..." ranks rather than counts, and as a quiz
# answer on its own it is almost always ambiguous ("first" what?). `parse_figure` reads
# ordinals for callers that want them.
FIGURE_LABELS = {"MONEY", "CARDINAL", "PERCENT", "QUANTITY"}
YEAR_PREPOSITIONS = {"in", "since", "by", "until", "till", "from", "during", "before", "after"}
AGE_RE = re.compile(r"\b(old|aged?)\b", re.IGNORECASE)
AGE_PREFIX_RE = re.compile(r"^(the\s+)?(age|aged)\b", re.IGNORECASE)
# The marks of an era written after a year ("212 BC", "388 CE") or, for AD, before it.
ERA_AFTER = frozenset({"BC", "BCE", "AD", "CE", "B.C.", "A.D.", "B.C.E.", "C.E."})
ERA_BEFORE = frozenset({"AD", "A.D."})
# Words after which a three-digit number of a text that dates by such years is a year too
# ("in 702", "by 715", "around 690", "(died 748)", "from 340 to 318 BC").
EARLY_YEAR_FRAMES = YEAR_PREPOSITIONS | {
    "around", "about", "c.", "circa", "ca.", "died", "born", "than", "between",
}  # fmt: skip
# A time expression names a unit, a part of the day or year, a feast or a number: a "date"
# with none of these ("Harrowby") is the tagger's mistake.
TIME_WORDS_RE = re.compile(
    r"\d|\b(?:" + r"|".join(["today", "tonight", "tomorrow", "yesterday", "now", "morning",
    "afternoon", "evening", "night", "noon", "midnight", "dawn", "dusk", "eve", "spring",
    "summer", "autumn", "fall", "winter", "christmas", "easter", "lent", "advent", "ramadan",
    "passover", "thanksgiving", "halloween", "hanukkah", "diwali", "time", "times", "ages?",
    "era", "period", "quarter", "semester", "term", "fortnight", "weekends?", "holidays?",
    "season", "seasons", r"\w+ties", "teens", "recently", "future", "past", "present",
    "centur(?:y|ies)", "millenni(?:um|a)", "decades?", "years?", "months?", "weeks?",
    "days?", "hours?", "minutes?", "seconds?", "nights?", r"\w*(?:th|first|second|third)",
    "later", "earlier", "ago", "soon", "afterwards",
    MONTH_PATTERN, WEEKDAY_PATTERN]) +
    r")\b",
    re.IGNORECASE,
)  # fmt: skip
# A unit of time standing alone in the plural ("for years", "in days") says a vague
# amount of time: no date, and no figure either.
BARE_TIME_UNITS = frozenset(
    "seconds minutes hours days nights weeks months years decades centuries ages".split()
)
SINGULAR_TIME_UNITS = frozenset("second minute hour day night week month year decade".split())
# Units of measure (not of time) in a span the tagger took for a date ("6 to 8 ounces").
MEASURE_WORDS = frozenset(
    word for word, unit in UNITS.items() if unit not in {"second", "minute", "hour", "day",
    "night", "week", "month", "year", "decade", "century"}
) | {"ounces", "ounce", "oz", "pints", "pint", "stone", "yards", "yard"}  # fmt: skip
# Parts of a date entity that are not part of the date ("annual", "every other").
NOT_DATES = {"annual", "annually", "daily", "weekly", "monthly", "yearly", "quarterly"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
EVENT_ARGUMENTS = {"dobj", "attr", "oprd", "prt", "acomp", "agent", "dative", "neg", "xcomp"}
MAX_EVENT_PREP_TOKENS = 8
CURRENCY_SIGNS = {"$", "£", "€", "¥", "₹", "US$"}
ACTOR_ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
RELATIVES = {"that", "which", "who", "whom"}


def extract_facts(
    text: str,
    *,
    published_on: date | None = None,
    title: str = "",
    nlp: Language | None = None,
) -> Extraction:
    """Extract the facts of one text. Offsets index into `text` exactly as given.

    A text that is clearly not English yields no facts and a note saying why; a text longer
    than the pipeline takes at once is parsed in pieces cut at line breaks. `title` is
    accepted for callers that have one; extraction reads the text itself.
    """
    if not isinstance(text, str):
        raise TypeError(NOT_TEXT)
    if not looks_english(text):
        return Extraction(text=text, sentences=(), facts=(), notes=(NOT_ENGLISH,))
    pipeline = nlp or load_pipeline(DEFAULT_MODEL)
    return extract_from_doc(parse(pipeline, text), published_on=published_on)


def extract_many(
    texts: Iterable[tuple[str, date | None]],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
) -> list[Extraction]:
    """Extract facts from many (text, publication date) pairs through one `nlp.pipe`."""
    pipeline = nlp or load_pipeline(DEFAULT_MODEL)
    pairs = list(texts)
    piped = [text for text, _ in pairs if len(text) <= MAX_CHUNK_CHARS and looks_english(text)]
    docs = iter(pipeline.pipe(piped, batch_size=batch_size))
    extractions = []
    for text, published in pairs:
        if not isinstance(text, str):
            raise TypeError(NOT_TEXT)
        if not looks_english(text):
            extractions.append(Extraction(text=text, sentences=(), facts=(), notes=(NOT_ENGLISH,)))
            continue
        doc = next(docs) if len(text) <= MAX_CHUNK_CHARS else parse(pipeline, text)
        extractions.append(extract_from_doc(doc, published_on=published))
    return extractions


def parse(pipeline: Language, text: str) -> Doc:
    """Parse `text`; a long one in pieces cut after line breaks, joined back into one Doc."""
    if len(text) <= MAX_CHUNK_CHARS:
        return pipeline(text)
    docs = list(pipeline.pipe(split_for_parsing(text)))
    return Doc.from_docs(docs, ensure_whitespace=False)


def split_for_parsing(text: str, limit: int = MAX_CHUNK_CHARS) -> list[str]:
    """Cut `text` into pieces of at most `limit` characters, after a line break where there is
    one, else after a space; joined, the pieces are the text exactly."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window_start = start + limit // 2
        cut = text.rfind("\n", window_start, start + limit)
        if cut == -1:
            cut = text.rfind(" ", window_start, start + limit)
        if cut == -1:
            cut = start + limit - 1
        pieces.append(text[start : cut + 1])
        start = cut + 1
    pieces.append(text[start:])
    return pieces


def extract_from_doc(doc: Doc, *, published_on: date | None = None) -> Extraction:
    """Extract the facts of a document already parsed by the pipeline."""
    sentences = Sentences(doc)
    # Only number-like tokens are candidates for years and figures: no walk over every token.
    numbers = [doc[int(i)] for i in numpy.flatnonzero(doc.to_array([LIKE_NUM]))] if len(doc) else []
    ents = list(doc.ents)
    clusters = cluster_mentions(actor_mentions(doc, ents))
    propagate_names(doc, clusters)
    actor_tokens = {
        i for cluster in clusters for mention in cluster.mentions for i in _token_range(mention)
    }
    date_spans, duration_spans = _date_spans(doc, ents, numbers)
    date_tokens = {i for span in date_spans for i in range(span.start, span.end)}
    facts: list[Fact] = []
    all_dates = frozenset(date_tokens)
    facts.extend(_date_fact(span, published_on, sentences, all_dates) for span in date_spans)
    facts.extend(
        _figures(doc, ents, duration_spans, date_tokens | actor_tokens, numbers, sentences)
    )
    surnames = _surnames_alone(clusters)
    facts.extend(_actor_fact(cluster, sentences, surnames.get(id(cluster))) for cluster in clusters)
    facts.extend(find_quotes(doc, clusters, sentences))
    facts.extend(find_terms(doc, sentences))
    facts = _unique_keys(facts)
    facts.sort(key=lambda fact: (fact.start, fact.end, fact.kind))
    return Extraction(
        text=doc_text(doc),
        sentences=tuple(s for s in sentences.values if s.text.strip()),
        facts=tuple(facts),
        token_count=len(doc),
        doc=doc,
    )


def _token_range(mention) -> range:
    return range(mention.span.start, mention.span.end)


def _unique_keys(facts: list[Fact]) -> list[Fact]:
    seen: set[str] = set()
    unique = []
    for fact in facts:
        if fact.key in seen:
            continue
        seen.add(fact.key)
        unique.append(fact)
    return unique


# --- dates -------------------------------------------------------------------------------


def _trim_date(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (
        doc[start].is_punct or doc[start].is_space or doc[start].lower_ in NOT_DATES
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].tag_ == "POS"
        or doc[end - 1].lower_ in {"and", "or"}  # "3 May or", the list's other date apart
    ):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


def _is_age(span: Span) -> bool:
    """ "aged 17", "the age of nine", "20 years old"; an age is a number ("That winter,
    aged 19": the winter is no age)."""
    doc = span.doc
    if not any(token.like_num for token in span):
        return False
    # "20 years old"; not across a comma ("the twenty-first century, old quarrels").
    after = doc[span.end : span.end + 2].text if span.end < len(doc) else ""
    if after and doc[span.end].is_punct:
        after = ""
    before = doc[max(span.start - 3, 0) : span.start].text.lower()
    return bool(
        re.search(r"\bold\b", span.text, re.IGNORECASE)
        or AGE_RE.search(after)
        or re.search(r"\b(age|aged)\b( of)?$", before)
        or AGE_PREFIX_RE.match(span.text)
    )


def _counts_a_noun(token: Token) -> bool:
    """ "1709 schoolchildren": a number modifying the noun after it counts it."""
    head = token.head
    return (
        token.dep_ in {"nummod", "compound", "amod"}
        and head.i > token.i
        and head.pos_
        in {
            "NOUN",
            "PROPN",
        }
    )


def _is_day_of_month(token: Token) -> bool:
    """A day number written next to its month ("8 February", "March 8")."""
    if not (token.text.isdigit() and 1 <= int(token.text) <= 31):
        return False
    doc = token.doc
    after = doc[token.i + 1].lower_.rstrip(".") if token.i + 1 < len(doc) else ""
    before = doc[token.i - 1].lower_.rstrip(".") if token.i > 0 else ""
    return after in MONTHS or before in MONTHS


def _split_year_list(span: Span) -> list[Span]:
    """ "1755, 1756 and 1757" is three dates, not one."""
    words = [t for t in span if not (t.is_punct or t.lower_ in {"and", "or"})]
    if len(words) < 2 or len(words) == len(span) or not all(looks_like_year(t.text) for t in words):
        return [span]
    return [span.doc[t.i : t.i + 1] for t in words]


def _modifies_a_noun(span: Span) -> bool:
    """A date word used as a modifier, not a date: "winter wheat", "1709 schoolchildren",
    "a billion-year contract"."""
    doc = span.doc
    root = span.root
    if span.end < len(doc) and doc[span.end].text == "-" and not doc[span.end - 1].whitespace_:
        return True
    if len(span) == 1 and _counts_a_noun(root) and root.head.tag_ == "NNS":
        return True
    return (
        len(span) == 1
        and not any(ch.isdigit() for ch in span.text)
        and root.dep_ in {"compound", "amod"}
        and root.head.i > root.i
        and root.head.pos_ == "NOUN"
    )


def _is_number_not_date(span: Span) -> bool:
    """A DATE entity that is only a number that cannot be a year ("he was 17", "6400", ".322"),
    a number written in words ("when she was eleven": a year is written in digits), or that
    holds an identifier-length number ("PMID 17547490")."""
    text = span.text.strip()
    if re.fullmatch(r"[\d.,]+", text):
        return not looks_like_year(text)
    if all(token.like_num and token.is_alpha or token.text == "-" for token in span):
        return True
    return bool(re.search(r"\d{5,}", text))


def _is_no_time(span: Span) -> bool:
    """A DATE entity that names no time: no number, unit, month, weekday, part of the day or
    season, feast ("Harrowby"); a unit alone in the plural ("for years", "in
    days"), a vague amount of time; or a month's name written in lower case ("the long
    march's end")."""
    if not TIME_WORDS_RE.search(span.text):
        return True
    if len(span) == 1 and span[0].lower_ in BARE_TIME_UNITS:
        return True
    if len(span) == 2 and span[0].lower_ == "the" and span[1].lower_ in BARE_TIME_UNITS:
        return True  # "as the days passed", "over the months"
    doc = span.doc
    if (
        len(span) == 1
        and span[0].lower_ in SINGULAR_TIME_UNITS
        and span.end < len(doc)
        and doc[span.end].tag_ == "POS"
        and span.start > 0
        and doc[span.start - 1].lower_ in {"a", "an", "one"}
    ):
        return True  # "a month's loan": how long the loan ran, said of the loan
    return len(span) == 1 and span[0].is_lower and span[0].lower_ in MONTHS


# Possessives before a decade of life or a year of age ("your late 20s", "his seventeenth
# year"): an age, not a date.
POSSESSIVES = frozenset("my your his her its our their".split())
DECADE_OF_LIFE_RE = re.compile(
    r"^(?:(?:early|mid|late)[- ]?)?(?:\d0s|twenties|thirties|forties|fifties|sixties|seventies|"
    r"eighties|nineties|teens)$",
    re.IGNORECASE,
)


def _is_age_of_a_life(span: Span) -> bool:
    """ "until your late 20s", "in his seventeenth year": after a possessive, a decade or a
    counted year is an age, not a date."""
    doc = span.doc
    words = [token for token in span if token.lower_ not in POSSESSIVES]
    owner = any(token.lower_ in POSSESSIVES for token in span) or (
        span.start > 0 and doc[span.start - 1].lower_ in POSSESSIVES
    )
    if not owner or not words:
        return False
    rest = " ".join(token.text for token in words)
    if DECADE_OF_LIFE_RE.match(rest):
        return True
    return (
        words[-1].lower_ == "year"
        and len(words) == 2
        and words[0].tag_ == "JJ"
        and (words[0].lower_.endswith(("th", "st", "nd", "rd")))
    )


def _names_not_dates(span: Span) -> bool:
    """A date entity that is part of a name: a number after "No"/"Number" ("No 10", "Number 10"
    Downing Street), a year-shaped number labelling the common noun before it ("UN resolution
    1441"), a month that opens a name after "the" ("the October Revolution"; not "on 13 March
    Lord Ruiz met ...")."""
    doc = span.doc
    if span[0].text in {"No", "No.", "Number", "#"} and len(span) == 2 and span[1].like_num:
        return True
    if len(span) == 1 and looks_like_year(span.text) and span.start > 0:
        before = doc[span.start - 1]
        if (
            before.pos_ == "NOUN"
            and before.is_lower
            and before.is_alpha
            and span[0].head.i == before.i
            and span[0].dep_ in {"nummod", "appos", "compound"}
            and before.lower_ not in SEASONS_AND_TIMES | CIRCA
            and not before.lower_.endswith("s")
        ):
            return True
    if any(token.like_num for token in span) or span[0].lower_ != "the":
        return False
    for token in span:
        if token.lower_ in MONTHS and token.text[:1].isupper() and token.i + 1 < len(doc):
            after = doc[token.i + 1]
            if (
                after.is_title
                and after.pos_ in {"NOUN", "PROPN"}
                and after.lower_ not in MONTHS
                and not after.like_num
                and after.text not in ERA_AFTER
            ):
                return True
    return False


SEASONS_AND_TIMES = frozenset(
    "spring summer autumn fall winter year season term semester month week day night "
    "morning evening afternoon decade century session class vintage".split()
)


def _ends_ago(span: Span) -> bool:
    """An amount of time before "ago" the tagger took for money or a count ("about 14 billion
    years ago"): a date."""
    doc = span.doc
    words = [token.lower_ for token in span]
    following = doc[span.end].lower_ if span.end < len(doc) else ""
    unit = words[-2] if words[-1] == "ago" and len(words) > 1 else words[-1]
    ago = words[-1] == "ago" or following == "ago"
    return ago and unit.rstrip("s") in SINGULAR_TIME_UNITS | {"centurie", "millennia"}


def _with_from_now(span: Span) -> Span:
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ == "ago":
        return Span(doc, span.start, span.end + 1, label=span.label_)
    return span


def _is_heading_words(span: Span) -> bool:
    """A DATE entity with no number that is a whole line of its own: a heading ("Early
    years"), which names a part of the text, not a time."""
    text = doc_text(span.doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line = text[line_start : line_end if line_end != -1 else len(text)].strip()
    return line == span.text.strip() and not any(ch.isdigit() for ch in line)


def _is_measure(span: Span) -> bool:
    """A DATE entity holding a unit of measure: "6 to 8 ounces" is a weight."""
    return any(token.lower_ in MEASURE_WORDS for token in span)


def _is_bare_small_number(token: Token) -> bool:
    return bool(re.fullmatch(r"[1-9]\d{0,2}", token.text))


def _early_years_written(doc: Doc, numbers: list[Token]) -> int:
    """The fewest digits of the years before 1000 by which the text dates events (0 where it
    dates by none): one written with its era ("212 BC", "AD 733", "37 AD": 3, 3, 2 digits),
    after a month ("3 May 712") or after "c." or "circa" ("c. 314 - 368"), counting no noun."""
    fewest = 0
    for token in numbers:
        if not _is_bare_small_number(token):
            continue
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        before = doc[token.i - 1] if token.i > 0 else None
        digits = len(token.text)
        evidence = (after is not None and after.text in ERA_AFTER) or (
            before is not None and before.text in ERA_BEFORE
        )
        if not evidence and digits == 3 and before is not None and not _counts_a_noun(token):
            evidence = (
                before.text[:1].isupper() and before.lower_.rstrip(".") in MONTHS
            ) or before.lower_ in CIRCA
        if evidence and digits >= 2:
            fewest = digits if not fewest else min(fewest, digits)
    return fewest


# "the summer of 759": a season's number is its year, whatever the text's other years.
SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})
# "c. 314": circa stands before years.
CIRCA = frozenset({"c.", "ca.", "circa"})
# Words after which a two-digit number is a year, in a text that writes such years with their
# era ("37 AD"): "in 68", "born 40"; not "around 50", "than 50", which count as often.
TWO_DIGIT_YEAR_FRAMES = frozenset(
    "in by since until till from during before after born died c. ca. circa".split()
)


def _early_year(token: Token, written: int) -> Span | None:
    """A year before 1000: a number with its era ("212 BC", "AD 733", the era's mark in the
    span) or, in a text that dates by such years (`written`: the fewest digits it dates by), a
    three-digit number after a word that introduces a year ("in 702", "by 715", "around 690",
    "(died 748)", "than 683") or closing a range that one opens ("from 706 to 748"), a
    two-digit one after "in", "born", "died" ... where the text writes two-digit years ("in
    68"), or opening a range whose end has its era ("54 - 68 AD"); counting no noun ("in 300
    towns")."""
    if not re.fullmatch(r"[1-9]\d{0,3}", token.text):
        return None
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    before = doc[token.i - 1] if token.i > 0 else None
    if after is not None and after.text in ERA_AFTER:
        return Span(doc, token.i, token.i + 2, label="DATE")
    if before is not None and before.text in ERA_BEFORE:
        return Span(doc, token.i - 1, token.i + 1, label="DATE")
    digits = len(token.text)
    if (
        digits == 3
        and before is not None
        and before.lower_ == "of"
        and token.i >= 2
        and doc[token.i - 2].lower_ in SEASONS
    ):
        return Span(doc, token.i, token.i + 1, label="DATE")  # "the summer of 759"
    if not written or digits not in {2, 3} or digits < written or _counts_a_noun(token):
        return None
    if (
        after is not None
        and after.text in {"-", "\u2013", "\u2014", "to"}
        and token.i + 3 < len(doc)
        and re.fullmatch(r"[1-9]\d{0,3}", doc[token.i + 2].text)
        and doc[token.i + 3].text in ERA_AFTER
    ):
        return Span(doc, token.i, token.i + 1, label="DATE")
    if before is None:
        return None
    if before.lower_ in CIRCA:
        return Span(doc, token.i, token.i + 1, label="DATE")  # "(c. 314 - 368)"
    if after is not None and (
        after.like_num or after.pos_ == "NOUN" or after.lower_ in UNITS or after.text in {"%", "-"}
    ):
        return None
    if digits == 2:
        framed = before.lower_ in TWO_DIGIT_YEAR_FRAMES
        return Span(doc, token.i, token.i + 1, label="DATE") if framed else None
    frame = before.lower_ in EARLY_YEAR_FRAMES or (
        before.text[:1].isupper() and before.lower_.rstrip(".") in MONTHS
    )
    opened = (
        before.lower_ in {"to", "and", "-", "\u2013", "\u2014", "until"}
        and token.i >= 3
        and re.fullmatch(r"[1-9]\d{2,3}", doc[token.i - 2].text) is not None
        and doc[token.i - 3].lower_ in EARLY_YEAR_FRAMES | set(MONTHS) | CIRCA
    )
    return Span(doc, token.i, token.i + 1, label="DATE") if frame or opened else None


def _counts_things(token: Token) -> bool:
    """A number shaped like a year counts the noun after it only where that noun is plural
    ("1709 schoolchildren", "1500 Normans"); before a singular noun or a name it is a year
    ("the 1994 Harlow Games", "a 1931 film", "the 2004 Grand Prize winner")."""
    if not _counts_a_noun(token):
        return False
    head = token.head
    return head.tag_ == "NNS" or (head.tag_ == "NNPS" and head.ent_type_ == "NORP")


YEAR_RANGE_RE = re.compile(r"(1\d{3}|20\d{2})\s*[-\u2013\u2014]\s*(1\d{3}|20\d{2})")
# Words that make an amount of time vague: "all day", "many months", "hundreds of years".
VAGUE_TIME_RE = re.compile(
    r"^(?:all|many|several|countless|some|hundreds|thousands|dozens|millions)\b"
    r"(?:\s+of)?(?:\s+the)?\s+(?:[a-z]+\s+)?(?:days?|nights?|weeks?|months?|years?|decades?|"
    r"centur(?:y|ies)|ages|millennia|seasons?)$",
    re.IGNORECASE,
)
# Words after an amount of time that place an event by it ("five months before her birth",
# "23 years after his death", "six days later"): a date, not a duration.
PLACING_AFTER = frozenset({"before", "after", "later", "earlier", "ago", "afterwards"})


def _is_year_range(span: Span) -> bool:
    """Two years joined by a dash in one word, in brackets or after a word that opens a time
    ("(1491\u20131523)": a life; "in 1887\u20131888") are dates, not a figure, unless they
    count a plural noun ("1200\u20131500 workers")."""
    # Spaced ones ("1922 - 2013") are already two dates, token by token.
    match = YEAR_RANGE_RE.fullmatch(span.text) if len(span) == 1 else None
    if match is None or int(match.group(2)) <= int(match.group(1)) or span.start == 0:
        return False
    # In brackets or after a word that opens a time ("in 1887-1888", "over 2000-2050"); not
    # the pages of a reference ("92 (6): 1087-1101").
    before = span.doc[span.start - 1].lower_
    if before != "(" and before not in EARLY_YEAR_FRAMES | {"over", "of"}:
        return False
    return not _counts_things(span[-1]) and not _counts_things(span.root)


def _is_vague_time(span: Span) -> bool:
    """An amount of time with no number ("all day", "many months", "hundreds of years"): how
    long, and vaguely; no date and no figure. "an early age" likewise says no time."""
    text = span.text.strip()
    if VAGUE_TIME_RE.match(text):
        return True
    # Lower case: "the Bronze Age" is an era, a time.
    return not any(ch.isdigit() for ch in text) and span.root.text == "age"


def _placed_in_time(span: Span) -> bool:
    """An amount of time followed by what it is counted from says when ("five months before
    her birth", "23 years after his death", "six days later"): a date. ("After ten days" is
    left a duration: the corpus counts it so.)"""
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if span.start > 0 and doc[span.start - 1].lower_ == "for":
        return False  # "it operated for 23 minutes before succumbing": how long
    if after == "from" and span.end + 1 < len(doc) and doc[span.end + 1].lower_ == "now":
        return True  # "five hundred years from now"
    if len(span) > 2 and span[-2].lower_ == "from" and span[-1].lower_ == "now":
        return True
    return after in PLACING_AFTER


def _after_a_title_word(span: Span) -> Span:
    """ "player of the year in 2011": the tagger ran a title's "the year" into the date after
    it; the date is what follows the "in"."""
    words = [token.lower_ for token in span]
    if len(words) > 3 and words[0] == "the" and words[2] in {"in", "on"}:
        return Span(span.doc, span.start + 3, span.end, label=span.label_)
    return span


def _from_the_number(span: Span) -> Span:
    """An age as its number: "the age of nine" -> "ten"."""
    first = next((token.i for token in span if token.like_num), span.start)
    return Span(span.doc, first, span.end, label=span.label_)


def _date_spans(doc: Doc, ents: list[Span], numbers: list[Token]) -> tuple[list[Span], list[Span]]:
    """Spans that are dates, and date-tagged spans that are really durations."""
    dates: list[Span] = []
    durations: list[Span] = []
    early_years = _early_years_written(doc, numbers)
    for ent in ents:
        if ent.label_ in {"DATE", "TIME"}:
            span = _trim_date(ent)
            if span is None or span.text.lower() in NOT_DATES:
                continue
            if "\u00b0" in span.text or "%" in span.text or _is_measure(span):
                # "90 °F" tagged DATE is a measurement.
                durations.append(Span(doc, span.start, span.end, label="QUANTITY"))
                continue
            if len(span) == 1 and (early := _early_year(span[0], early_years)) is not None:
                dates.append(early)
                continue
            if _is_year_range(span):
                dates.append(span)
                continue
            if _is_number_not_date(span) or _modifies_a_noun(span) or _is_no_time(span):
                continue
            if _names_not_dates(span) or _is_age_of_a_life(span):
                continue
            if _is_heading_words(span) or _indefinite_one(span):
                continue
            if _is_vague_time(span) and not is_duration(span.text):
                continue
            span = _after_a_title_word(span)
            if _is_age(span):
                durations.append(_from_the_number(span))
            elif is_duration(span.text) and not _placed_in_time(span):
                durations.append(span)
            else:
                dates.extend(_split_year_list(span))
        elif ent.label_ in FIGURE_LABELS and _ends_ago(ent):
            dates.append(_with_from_now(Span(doc, ent.start, ent.end, label="DATE")))
        elif ent.label_ == "CARDINAL" and _is_year_range(ent):
            dates.append(ent)
        elif ent.label_ == "CARDINAL" and len(ent) == 1 and looks_like_year(ent.text):
            previous = doc[ent.start - 1] if ent.start > 0 else None
            if previous is not None and previous.lower_ in YEAR_PREPOSITIONS | {"and", "or", ","}:
                dates.append(Span(doc, ent.start, ent.end, label="DATE"))
    taken = {i for span in dates for i in range(span.start, span.end)}
    for token in numbers:
        if token.i in taken or token.ent_type_ in {"DATE", "TIME"}:
            continue
        early = _early_year(token, early_years)
        if early is not None and not any(i in taken for i in range(early.start, early.end)):
            dates.append(early)
            taken.update(range(early.start, early.end))
        elif _is_year_range(doc[token.i : token.i + 1]):
            dates.append(Span(doc, token.i, token.i + 1, label="DATE"))
        elif looks_like_year(token.text) and not _counts_things(token):
            dates.append(Span(doc, token.i, token.i + 1, label="DATE"))
        elif _is_day_of_month(token):
            dates.append(Span(doc, token.i, token.i + 1, label="DATE"))
    dates.sort(key=lambda span: span.start)
    return _join_adjacent(dates), durations


def _join_adjacent(dates: list[Span]) -> list[Span]:
    """A day number beside a date NER found is part of it: "17" + "March 1782"."""
    joined: list[Span] = []
    for span in dates:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.end == span.start
            and (len(previous) == 1 and previous[0].is_digit or len(span) == 1 and span[0].is_digit)
        ):
            joined[-1] = Span(span.doc, previous.start, span.end, label="DATE")
        else:
            joined.append(span)
    return joined


EVENT_NOUN_ENDINGS = ("tion", "sion", "ment", "al", "ure", "ance", "ence")


def _is_event_noun(token: Token) -> bool:
    """A noun made from a verb to name its event: "withdrawal", "invasion", "election"."""
    if token.pos_ != "NOUN" or not token.lower_.endswith(EVENT_NOUN_ENDINGS):
        return False
    # The noun's verb must exist ("withdraw", "invade"); "hospital" or "animal" has none.
    stem = re.sub(r"(al|ion|ment|ure|ance|ence)$", "", token.lower_)
    candidates = [stem + ending for ending in ("", "e", "t", "d")]
    candidates += [stem[:-1] + ending for ending in ("de", "d", "t", "te")]  # invasion: invade
    return any("VERB" in getAllLemmas(candidate) for candidate in candidates)


def _noun_phrase(token: Token) -> set[int]:
    """A subject without its clauses: "The Taliban, declared ..." is "The Taliban"."""
    left = [t.i for t in token.lefts if t.dep_ in {"det", "compound", "amod", "poss", "nummod"}]
    for index in list(left):
        left.extend(t.i for t in token.doc[index].subtree)
    return {token.i, *left}


def _event(span: Span, other_dates: frozenset[int] = frozenset()) -> str:
    """The clause a date belongs to: its verb with the subject and objects."""
    token: Token = span.root
    if token.head.dep_ == "prep" and _is_event_noun(token.head.head):
        # "after the U.S. withdrawal in August 2021": the date belongs to the withdrawal.
        noun = token.head.head
        phrase = sorted(_noun_phrase(noun))
        return span.doc[phrase[0] : phrase[-1] + 1].text
    steps = 0
    while token.pos_ not in {"VERB", "AUX"} and token.head is not token and steps < 6:
        token = token.head
        steps += 1
    if token.pos_ not in {"VERB", "AUX"}:
        return ""
    while (
        token.tag_ == "VB"
        and any(child.lower_ == "to" for child in token.children)
        and token.dep_ in {"acl", "xcomp", "relcl"}
        and not any(child.dep_ in SUBJECTS for child in token.children)
    ):
        # "was the first to sign a deal in 2022": the infinitive belongs to the clause above.
        governor = token.head
        while governor.pos_ not in {"VERB", "AUX"} and governor.head is not governor:
            governor = governor.head
        if governor.pos_ not in {"VERB", "AUX"}:
            break
        token = governor
    verb = token
    date_tokens = set(range(span.start, span.end)) | other_dates
    keep: set[int] = {verb.i}
    inserted: dict[int, str] = {}
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            keep.update(_noun_phrase(child))
        elif child.dep_ in EVENT_ARGUMENTS | {"aux", "auxpass"}:
            keep.update(t.i for t in child.subtree)
        elif child.dep_ == "prep" and child.i > verb.i:
            # "He returned to China": a place, person or body the verb goes to or acts on.
            subtree = list(child.subtree)
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if (
                objects
                and objects[0].ent_type_ in ACTOR_ENTITY_TYPES
                and len(subtree) <= MAX_EVENT_PREP_TOKENS
                and not any(t.i in date_tokens or t.ent_type_ in {"DATE", "TIME"} for t in subtree)
            ):
                keep.update(t.i for t in subtree)
    if verb.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in verb.children):
        # "Russia never closed its embassy and was the first ...": the subject is shared.
        for child in verb.head.children:
            if child.dep_ in SUBJECTS:
                keep.update(_noun_phrase(child))
    if not any(child.dep_ in SUBJECTS for child in verb.children) and verb.dep_ in {
        "acl",
        "relcl",
    }:
        keep.add(verb.head.i)
        keep.update(t.i for t in verb.head.children if t.dep_ in {"compound", "det"})
        if verb.tag_ == "VBN" and verb.head.i < verb.i:
            # "The Taliban, declared a terrorist group by Russia": a passive participle.
            inserted[verb.i] = "were " if verb.head.tag_ in {"NNS", "NNPS"} else "was "
    children = {child.dep_ for child in verb.children}
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    comma_before = verb.i > 0 and verb.doc[verb.i - 1].text == ","
    if (
        subject is not None
        and verb.tag_ in {"VBN", "VBD"}
        and not children & {"aux", "auxpass"}
        and ("agent" in children or (comma_before and subject.i == verb.i - 2))
    ):
        # "The Taliban, declared a terrorist group by Russia": a participle set off by a comma
        # (or with a "by" agent) is passive, whatever tag the parser gave it.
        inserted[verb.i] = "were " if subject.tag_ in {"NNS", "NNPS"} else "was "
    relative = [c for c in verb.children if c.dep_ in SUBJECTS and c.lower_ in RELATIVES]
    if relative and verb.dep_ == "relcl":
        # "an attack that killed 149 people": the attack is the subject.
        keep.discard(relative[0].i)
        keep.add(verb.head.i)
        keep.update(t.i for t in verb.head.children if t.dep_ in {"compound", "det", "amod"})
    keep -= date_tokens
    # What hangs on the date goes with it ("September's" output loses its "'s").
    keep -= {i for i in keep if span.doc[i].head.i in date_tokens}
    keep -= _parenthesised(span.doc, keep)
    # A preposition left without its object once the date is gone ("the move on").
    for index in sorted(keep):
        token = span.doc[index]
        if token.dep_ == "prep" and not any(
            child.i in keep for child in token.children if child.dep_ in {"pobj", "pcomp"}
        ):
            keep -= {t.i for t in token.subtree}
    kept = sorted(keep)
    while kept and span.doc[kept[-1]].pos_ in {"ADP", "PUNCT", "CCONJ", "SPACE"}:
        kept.pop()
    if not kept:
        return ""
    pieces = []
    for position, index in enumerate(kept):
        token = span.doc[index]
        follows = position + 1 < len(kept) and kept[position + 1] == index + 1
        pieces.append(inserted.get(index, ""))
        pieces.append(token.text_with_ws if follows else token.text + " ")
    return re.sub(r"\s+", " ", "".join(pieces)).strip(" ,")


def _parenthesised(doc: Doc, indices: set[int]) -> set[int]:
    """The tokens inside parentheses among `indices`, brackets included: asides, not events."""
    inside: set[int] = set()
    depth = 0
    for index in sorted(indices):
        text = doc[index].text
        if text in {"(", "["}:
            depth += 1
        if depth:
            inside.add(index)
        if text in {")", "]"} and depth:
            depth -= 1
    return inside


def _date_fact(
    span: Span, published_on: date | None, sentences: Sentences, all_dates: frozenset[int]
) -> DateFact:
    normalised = normalise_date(span.text, published_on)
    return DateFact(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        sentence=sentences.of(span),
        value=normalised.value,
        precision=normalised.precision,
        vague=normalised.vague,
        event=_event(span, all_dates),
        confidence=0.95 if not normalised.vague else 0.5,
        label=span.label_.lower(),
    )


# --- figures -----------------------------------------------------------------------------


def _figure_spans(
    doc: Doc, ents: list[Span], durations: list[Span], excluded: set[int], numbers: list[Token]
) -> list[Span]:
    spans: list[Span] = list(durations)
    taken = {i for span in durations for i in range(span.start, span.end)} | excluded
    for ent in ents:
        if ent.label_ not in FIGURE_LABELS or any(i in taken for i in range(ent.start, ent.end)):
            continue
        if len(ent) == 1 and (
            _year_of_an_occasion(ent[0])
            or _labels_the_noun_before(ent[0])
            or _one_not_a_count(ent[0], of_counts=True)
            or _part_of_a_name(ent[0])
        ):
            continue
        if _indefinite_one(ent) or _title_words(ent):
            continue
        spans.append(_with_multiplier(ent))
        taken.update(range(ent.start, ent.end))
    for token in numbers:
        if token.i in taken or token.pos_ != "NUM":
            continue
        if _one_not_a_count(token) or _labels_the_noun_before(token) or _part_of_a_name(token):
            continue
        if _year_of_an_occasion(token):
            continue
        single = _hyphenated_number(token)
        if _indefinite_one(single) or _title_words(single):
            continue
        spans.append(single)
        taken.update(range(single.start, single.end))
    return sorted((_with_qualifier(span, taken) for span in spans), key=lambda span: span.start)


# What a definite article or a possessive before a year-like number says it is ("the 1998
# games", "its 2006 elections"): the year names an occasion; a count rarely takes them.
DEFINITE_BEFORE_YEAR = frozenset("the its his her their this that these those".split())


def _year_of_an_occasion(token: Token) -> bool:
    """A year written before a plural noun after "the" or a possessive names the occasion of
    that year ("the 1998 games", "the 1994 championships", "their 2010 elections"): it counts
    nothing, and "2398 games" is no false version of it."""
    doc = token.doc
    if not (token.text.isdigit() and looks_like_year(token.text)) or token.i == 0:
        return False
    head = token.head
    before = doc[token.i - 1]
    return (
        token.dep_ in {"nummod", "compound", "amod"}
        and head.i == token.i + 1
        and head.tag_ == "NNS"
        and (before.lower_ in DEFINITE_BEFORE_YEAR or before.tag_ in {"PRP$", "POS"})
    )


NUMBER_WORD_TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())


def _hyphenated_number(token: Token) -> Span:
    """The number a token starts: "twenty-four" is one number, not "twenty" and "four"."""
    doc = token.doc
    end = token.i + 1
    if (
        token.lower_ in NUMBER_WORD_TENS
        and end + 1 < len(doc)
        and doc[end].text == "-"
        and not token.whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].like_num
        and doc[end + 1].is_alpha
    ):
        end += 2
    return Span(doc, token.i, end, label="CARDINAL")


def _labels_the_noun_before(token: Token) -> bool:
    """A number written after the common noun it hangs on labels a level or a place in a
    series rather than counting anything: "grade 12", "page 80", "section 6", "platform 4" (a
    count comes before its noun: "12 grades"). Not after a name: the corpus counts the number
    of "Model 3" or "Figure 2.1" among its numerals."""
    head = token.head
    after = _next_lower(token)
    if after in UNITS or _is_unit_symbol(after) or after in {"m", "s", "g", "-", "\u2013"}:
        return False  # "the Harlow 100m champion": a distance; "won 3 - 1": a score
    return (
        token.text.isdigit()  # ".324" after "batting" is an average
        and head.i == token.i - 1
        and head.pos_ == "NOUN"
        and head.is_lower
        and token.dep_ in {"nummod", "appos", "compound", "npadvmod"}
        and head.lower_ not in CURRENCIES
        and head.lower_ not in UNITS
    )


# Signs that stand before a number to make it a name or a place in a series ("No. 4
# Squadron", "Nos. 3 and 5"): the number names, it does not count.
NUMBER_SIGNS = frozenset({"No.", "Nos.", "#"})
# Singular nouns after which "one" is the indefinite article ("one day, ...", "in one study",
# "One example is ..."): what is meant is "a", not a count of one.
INDEFINITE_ONE_NOUNS = frozenset(
    "example instance study survey report account version theory explanation".split()
)
# Parts of a day or days that "one" places in time rather than counts ("One morning, ...").
INDEFINITE_ONE_TIMES = frozenset("day morning afternoon evening night summer winter".split())
# Words before "one" that make it a count again ("only one study", "more than one day").
COUNTING_WORDS = frozenset("only just exactly than single least most every each per".split())


def _part_of_a_name(token: Token) -> bool:
    """A number that names rather than counts (the lead's rule of 2 December; the corpus
    evaluation drops such numbers from its figure gold, see `evaluation.names_not_counts`):
    after "No.", "Nos." or "#" ("No. 4 Squadron", "ranked No. 12", "the #2 browser"); with a
    leading zero ("Agent 007"); closing or inside a capitalised name or a label ("Orion 9",
    "Room 7", "Band Aid 20", "Internet Explorer 6", "Movimento 5 Stelle", "Figure 9.15",
    "Table 2", "Route 66"); a house number before a street's name ("6400 College Avenue")."""
    doc = token.doc
    text = token.text
    if re.fullmatch(r"0\d+", text):
        return True
    if not NAMING_NUMBER_RE.fullmatch(text):
        return False
    if token.i == 0:
        return _numbers_a_line(token)
    before = doc[token.i - 1]
    if before.text in NUMBER_SIGNS | {"No", "Nos"} or (
        before.text == "." and token.i >= 2 and doc[token.i - 2].text in {"No", "Nos"}
    ):
        return True
    return _closes_a_name(token) or _house_number(token) or _numbers_a_line(token)


# A number that can name: digits, with the dots of a label's parts ("9.15", "2.0").
NAMING_NUMBER_RE = re.compile(r"\d+(?:\.\d+)*")
# The words that end a street's name: the number before such a name is a house number.
STREET_WORDS = frozenset(
    "street st st. avenue ave ave. road rd rd. lane boulevard blvd drive way place square "
    "court terrace crescent close row parkway".split()
)
MONTHS_AND_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday".split()
)


def _closes_a_name(token: Token) -> bool:
    """A number written straight after a capitalised name or label word ("Room 7", "Figure
    9.15", "Internet Explorer 6"): the number is part of what is named. Not after a function
    word opening a sentence ("Over 500", "Nearly 30,000"), a month or a currency
    ("USD 5"), nor when the number goes on as a score ("Sweden 1 \u2013 0"), a measure ("Harlow
    100m") or a count of what follows ("Apple 20 employees")."""
    doc = token.doc
    before = doc[token.i - 1]
    if not before.is_alpha or not before.text[:1].isupper():
        return False  # "YouTube 15" too
    word = before.lower_
    if word in STOP_WORDS:
        return False  # "Over 500 people", "In 24 games"
    if word in MONTHS_AND_DAYS or word in CURRENCIES or word in UNITS:
        return False
    if before.ent_type_ == "MONEY":
        return False
    if token.i + 1 < len(doc):
        after = doc[token.i + 1]
        if after.lower_ in UNITS or _is_unit_symbol(after.text) or after.lower_ in {"m", "s", "g"}:
            return False
        if after.text in {"-", "\u2013", "\u2014", ":"} and token.i + 2 < len(doc):
            if doc[token.i + 2].like_num:
                return False  # a score or a ratio: "Sweden 1 \u2013 0", "Harlow 3:1"
        if after.tag_ == "NNS" and after.is_lower:
            return False  # "Apple 20 employees" counts
    return True


def _numbers_a_line(token: Token) -> bool:
    """A number opening a line that numbers it: a list item or a note ("38. The ...", "2)
    ...") or a section heading ("24.2 Spacetime and Gravity")."""
    doc = token.doc
    opens_line = token.i == 0 or "\n" in doc[token.i - 1].text_with_ws
    if not opens_line or token.i + 1 >= len(doc):
        return False
    after = doc[token.i + 1]
    if after.text in {".", ")"}:
        return True
    return "." in token.text and after.is_title and bool(token.whitespace_)


def _house_number(token: Token) -> bool:
    """A whole number before a capitalised name that ends in a street word ("6400 College
    Avenue", "10 Downing Street")."""
    doc = token.doc
    if not token.text.isdigit():
        return False
    for index in range(token.i + 1, min(token.i + 5, len(doc))):
        word = doc[index]
        if not word.is_title and word.text != ".":
            return False
        if word.lower_ in STREET_WORDS and index > token.i + 1:
            return True
    return False


def _indefinite_one(span: Span) -> bool:
    """ "one" as the article "a": before a noun of saying or showing ("One example is ...",
    "in one study") or placing a time ("One day, the mill burned down": a day, not a count;
    "for one day" and "only one day" count)."""
    first = span[0]
    if first.lower_ != "one" or first.i + 1 >= len(span.doc):
        return False
    doc = span.doc
    noun = doc[first.i + 1]
    before = doc[first.i - 1].lower_ if first.i > 0 else ""
    if before in COUNTING_WORDS or noun.tag_ != "NN":
        return False
    if _answered_by_the_other(first):
        return True
    if noun.lower_ in INDEFINITE_ONE_NOUNS:
        return True
    return noun.lower_ in INDEFINITE_ONE_TIMES and noun.dep_ == "npadvmod"


def _answered_by_the_other(one: Token) -> bool:
    """ "one" set against "the other" or "the next" later in its sentence ("on one side ...
    on the other", "rain one moment and sunshine the next"): it picks one of a pair, it does
    not count."""
    words = [token.lower_ for token in one.sent if token.i > one.i + 1]
    pairs = zip(words, words[1:], strict=False)
    return any(first == "the" and second in {"other", "next"} for first, second in pairs)


def _title_words(span: Span) -> bool:
    """A number in words written with a capital inside a sentence is part of a title ("Cheaper
    by the Dozen", "A Month in the Country"), not a count."""
    first = span[0]
    if any(ch.isdigit() for ch in span.text) or not first.is_title or first.is_sent_start:
        return False
    before = span.doc[first.i - 1] if first.i > 0 else None
    if before is None or before.is_punct or before.is_space or before.text in QUOTE_MARKS:
        return False
    return all(token.is_title or not token.is_alpha for token in span)


QUOTE_MARKS = frozenset({'"', "'", "\u201c", "\u2018", "(", "["})


def _with_multiplier(span: Span) -> Span:
    """ "£456m": a scale letter written onto the number belongs to the amount."""
    doc = span.doc
    if (
        span.end < len(doc)
        and doc[span.end].lower_ in {"m", "bn", "mn", "k", "b"}
        and not doc[span.end - 1].whitespace_
        and doc[span.end - 1].like_num
    ):
        return Span(doc, span.start, span.end + 1, label=span.label_)
    return span


def _one_not_a_count(token: Token, *, of_counts: bool = False) -> bool:
    """ "one" standing for a person or a thing, not a count: before "of" ("one of the
    founders", the lead's rule of 2 December), after a determiner with no noun after it ("the
    one who left", "this one", "no one"), "one another", before its verb ("if one supposes"),
    or in a set phrase ("at one point"). With `of_counts`, the tagger's own numbers: a "one"
    it takes for a number elsewhere counts."""
    if token.lower_ != "one":
        return False
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    if after is not None and after.lower_ in {"of", "another"}:
        return True
    if before in PRONOUN_ONE_DETERMINERS and (
        after is None or after.pos_ not in {"NOUN", "PROPN", "ADJ", "NUM"}
    ):
        return True
    if token.dep_ != "nummod":
        if not of_counts:
            return True
        # The tagger's own "one": only the pronoun before its verb ("if one supposes").
        return token.dep_ == "nsubj" and after is not None and after.pos_ in {"VERB", "AUX"}
    return before == "at" and token.head.lower_ in {"point", "time", "stage", "moment"}


# Determiners after which "one" is a pronoun when no noun follows ("the one who", "no one").
PRONOUN_ONE_DETERMINERS = frozenset("the this that which any no every each another".split())


def _with_qualifier(span: Span, taken: set[int]) -> Span:
    """Take in a qualifier written just before the number: "over" 422,000, "more than" 100,
    and a currency sign NER left outside ("$" 5.11)."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].text in CURRENCY_SIGNS:
        span = Span(doc, span.start - 1, span.end, label="MONEY")
    if span.end < len(doc) and span.end not in taken and _is_unit_symbol(doc[span.end].text):
        # "32 °C": NER often leaves the unit symbol outside the number.
        end = span.end + 1
        if (
            doc[span.end].text == "\u00b0"
            and end < len(doc)
            and doc[end].text in {"C", "F"}
            and not doc[span.end].whitespace_
        ):
            end += 1
        span = Span(doc, span.start, end, label="QUANTITY")
    for width in (2, 1):
        start = span.start - width
        if start < 0 or any(i in taken for i in range(start, span.start)):
            continue
        words = " ".join(token.lower_ for token in doc[start : span.start])
        if words in QUALIFIERS:
            return Span(doc, start, span.end, label=span.label_)
    return span


def _is_unit_symbol(text: str) -> bool:
    return text.startswith("\u00b0") or text in {"%", "km", "kg", "cm", "mm", "mph", "km/h"}


def _next_lower(token: Token) -> str:
    return token.nbor().lower_ if token.i + 1 < len(token.doc) else ""


def _counted(span: Span) -> str:
    """The noun a figure counts: "over 15,000 Soviet lives" counts "Soviet lives"."""
    doc = span.doc
    root = span.root
    head = root.head
    if root.dep_ in {"nummod", "quantmod", "compound", "amod", "npadvmod"} and head.i >= span.end:
        if head.pos_ in {"NOUN", "PROPN"}:
            words = doc[span.end : head.i + 1]
            # "[$2.2 billion] decision", "four-way": punctuation is not part of the noun.
            start = next((t.i for t in words if not t.is_punct), head.i)
            return doc[start : head.i + 1].text
    if head.i < span.start and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return ""
    # "$9 billion in assets", "45% of the vote"; "32 °C in summer" counts nothing.
    prepositions = {"of", "in"} if span.label_ == "MONEY" else {"of"}
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                subtree = list(objects[0].subtree)
                return doc[subtree[0].i : subtree[-1].i + 1].text
    return ""


def _figures(
    doc: Doc,
    ents: list[Span],
    durations: list[Span],
    excluded: set[int],
    numbers: list[Token],
    sentences: Sentences,
) -> list[FigureFact]:
    found = []
    for span in _figure_spans(doc, ents, durations, excluded, numbers):
        parsed = parse_figure(span.text, span.label_)
        if parsed.value is None and span.label_ not in {"DATE", "TIME"}:
            continue
        counted = _counted(span)
        unit = parsed.unit
        if counted and (counted.lower() in UNITS or _is_unit_symbol(counted)):
            unit, counted = unit or UNITS.get(counted.lower(), counted), ""
        last_word = counted.split()[-1].lower() if counted else ""
        if not unit and last_word in CURRENCIES:
            # "over 422,000 euros": the noun is the currency, so nothing else is counted.
            unit, counted = CURRENCIES[last_word], ""
        elif not unit and last_word in UNITS:
            unit = UNITS[last_word]
        label = {"MONEY": "money", "PERCENT": "percent", "QUANTITY": "quantity"}.get(
            span.label_, "duration" if span.label_ in {"DATE", "TIME"} else "count"
        )
        if isinstance(parsed.value, list):
            label = "range"
        found.append(
            FigureFact(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                sentence=sentences.of(span),
                value=parsed.value,
                unit=unit,
                qualifier=parsed.qualifier,
                counted=counted,
                label=label,
                confidence=0.9 if parsed.value is not None else 0.5,
            )
        )
    return found


# --- actors ------------------------------------------------------------------------------


# What closes a name without being its surname ("Jr."); a regnal number ("John Paul II")
# says the name has none.
NAME_SUFFIXES = frozenset("jr jr. sr sr.".split())
REGNAL_NUMBERS = re.compile(r"^(?:[IVX]+|\d+(?:st|nd|rd|th)?)$")
# Surnames that come first in names of these traditions ("Wang Lei", "Kim Yuna", "Nguyen
# Van An"): their last word is a given name.
FAMILY_NAME_FIRST = frozenset(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng
    liang xie song tang xi deng mao jiang cao feng kim park lee choi jung kang cho yoon nguyen
    tran pham hoang""".split()
)


def _surnames_alone(clusters: list[ActorCluster]) -> dict[int, str]:
    """The surname alone, for each person of the text named in full whose surname nobody else
    of the text bears or is called by ("Scorsese" for Martin Scorsese, "den Hartog" for Jurgen
    den Hartog): an answer a student who knows it may fairly give (by `id` of the cluster)."""
    people = [c for c in clusters if c.label == "person"]
    found: dict[int, str] = {}
    for cluster in people:
        words = cluster.value.split()
        while words and words[-1].lower() in NAME_SUFFIXES:
            words = words[:-1]
        if (
            len(words) < 2
            or words[0].lower() in FAMILY_NAME_FIRST
            or not words[-1][:1].isupper()
            or REGNAL_NUMBERS.match(words[-1])
        ):
            continue
        start = surname_start(words)
        if start == 0:
            continue  # "Den Hartog", "Van Gogh": a surname whole, its particle capitalised
        found[id(cluster)] = " ".join(words[start:])
    # A surname two people share, or another actor's name, stands for no one alone.
    counts: dict[str, int] = {}
    for surname in found.values():
        counts[surname.casefold()] = counts.get(surname.casefold(), 0) + 1
    names = {
        (id(cluster), name.casefold())
        for cluster in clusters
        for name in {cluster.value, *(m.name for m in cluster.mentions)}
    }
    return {
        key: surname
        for key, surname in found.items()
        if counts[surname.casefold()] == 1
        and not any(other != key and name == surname.casefold() for other, name in names)
        and not any(
            id(c) != key
            and c.label == "person"
            and c.value.split()[0].casefold() == surname.casefold()
            for c in people
        )
    }


def _actor_fact(cluster: ActorCluster, sentences: Sentences, surname: str | None) -> ActorFact:
    first = cluster.mentions[0].span
    value = cluster.value
    names = {mention.name for mention in cluster.mentions} | ({surname} if surname else set())
    return ActorFact(
        text=first.text,
        start=first.start_char,
        end=first.end_char,
        sentence=sentences.of(first),
        value=value,
        label=cluster.label,
        mentions=tuple(
            Mention(m.span.text, m.span.start_char, m.span.end_char) for m in cluster.mentions
        ),
        aliases=tuple(sorted((names | {cluster.canonical_hint}) - {value, ""})),
        role=cluster.role,
        confidence=0.9,
    )
