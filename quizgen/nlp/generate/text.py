"""Small text helpers shared by the question builders: normalisation, number and date formats."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from quizgen.nlp.dates import FULL_MONTH_NAMES

BLANK = "_____"

# "January" … "December", as a question writes them.
MONTH_NAMES = tuple(name.capitalize() for name in FULL_MONTH_NAMES)
# The same twelve names as alternatives of an expression (matched as written).
FULL_MONTH_PATTERN = "|".join(MONTH_NAMES)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})
_PUNCT_RE = re.compile(r"[^\w\s$%]")
_SPACE_RE = re.compile(r"\s+")
_ARTICLE_RE = re.compile(r"^(the|a|an)\s+")


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Case-, accent-, quote- and punctuation-insensitive form used to compare answers."""
    text = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    text = _PUNCT_RE.sub(" ", text.replace(".", ""))
    text = _SPACE_RE.sub(" ", text).strip()
    return _ARTICLE_RE.sub("", text)


PROMPT_PREFIXES = re.compile(r"^(Fill in the blank|True or false):\s*", re.IGNORECASE)


def prompt_body(prompt: str) -> str:
    """The prompt without the "Fill in the blank:" or "True or false:" it opens with."""
    return PROMPT_PREFIXES.sub("", prompt)


def contains_phrase(haystack: str, needle: str) -> bool:
    """Whether `needle` occurs in `haystack` as whole words, after normalisation."""
    needle_norm = normalise(needle)
    if not needle_norm:
        return False
    return f" {needle_norm} " in f" {normalise(haystack)} "


def fingerprint(*parts: str) -> str:
    """A short stable digest of the parts (≤ 64 characters, as the database allows)."""
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:24]


# A bracketed pointer to another part of the document ("(Figure 15.17)", "(see Chapter 3)",
# "(Table 2)"): it means nothing in a question standing alone.
CROSS_REFERENCE = re.compile(
    r"\s*[(\[](?:(?:see|cf\.?|compare)\s|(?:figures?|figs?\.?|tables?|chapters?|sections?|"
    r"maps?|box|exhibits?|appendix|plates?|diagrams?|graphs?|charts?|p\.|pp\.|pages?|§)"
    r"(?:\s*\d|\s+(?-i:[IVX]+|[A-Z])\b))[^()\[\]]*[)\]]",
    re.IGNORECASE,
)


def tidy(text: str) -> str:
    """Collapse whitespace and fix spacing around punctuation left by removed tokens; drop
    cross-references to other parts of the document."""
    text = CROSS_REFERENCE.sub("", text)
    text = re.sub(r"(?<=\d) ([–—]) (?=\d)", r"\1", text)  # "1887 – 1888" -> "1887–1888"
    text = _SPACE_RE.sub(" ", text).strip()
    text = _SPACE_BEFORE_MARK.sub(r"\1", text)
    text = _COMMAS.sub(",", text)
    text = _MARK_BEFORE_END.sub(r"\1", text)
    text = _DROPPED_CONJUNCT.sub(r"\2", text)
    text = _LEADING_MARKS.sub("", text)
    return balance_quotes(text)


_SPACE_BEFORE_MARK = re.compile(r"\s+([,.;:?!])")
_COMMAS = re.compile(r",(\s*,)+")
_MARK_BEFORE_END = re.compile(r"[,;:]\s*([?.!])$")
_DROPPED_CONJUNCT = re.compile(r"[,;]?\s+(and|or|but)\s*([?.!])$")
_LEADING_MARKS = re.compile(r"^[,;:\s]+")


def balance_quotes(text: str) -> str:
    """Drop quotation marks that no longer have their partner."""
    opens, closes = text.count("“"), text.count("”")
    if opens != closes:
        text = text.replace("“", "").replace("”", "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    return _SPACE_RE.sub(" ", text).strip()


_STRAIGHT_OPENING = re.compile(r'(^|[\s(\[—–-])"')


def quoted(text: str) -> str:
    """`text` inside double quotation marks, its own double quotes turned into single ones
    ("Lavrov said, “It is real.”" -> “Lavrov said, ‘It is real.’”), so that no quotation mark
    is doubled and every one closes where it should. A quotation the sentence split cut off
    ("Lavrov added, “The new authorities are a reality." without its closing mark) is closed
    inside the outer pair."""
    text = text.strip()
    unclosed = text.count("“") - text.count("”")
    inner = text.replace("“", "‘").replace("”", "’")
    inner = _STRAIGHT_OPENING.sub("\\1‘", inner).replace('"', "’")
    if unclosed > 0:
        inner += "’" * unclosed
    elif unclosed < 0:
        inner = "‘" * -unclosed + inner
    return f"“{inner}”"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


NUMBER_RE = re.compile(
    r"^(?P<prefix>.*?)(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?"
    r"(?P<scale>\s*(?:thousand|million|billion|trillion))?(?P<suffix>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def split_number(text: str) -> tuple[str, float, int, bool, str] | None:
    """Split "over $15,000.5 million units" into prefix, number, decimals, commas, rest."""
    match = NUMBER_RE.match(text)
    if match is None:
        return None
    digits = match.group("number")
    decimals = match.group("decimals") or ""
    number = float(digits.replace(",", "") + decimals)
    rest = (match.group("scale") or "") + match.group("suffix")
    return match.group("prefix"), number, max(len(decimals) - 1, 0), "," in digits, rest


def format_like(template: str, number: float) -> str | None:
    """Write `number` in the same format as the number inside `template`."""
    parts = split_number(template)
    if parts is None:
        return None
    prefix, _, decimals, commas, rest = parts
    if decimals:
        body = f"{number:,.{decimals}f}" if commas else f"{number:.{decimals}f}"
    else:
        rounded = round(number)
        body = f"{rounded:,}" if commas or rounded >= 10000 else str(rounded)
        if not commas and rounded >= 10000:
            body = body.replace(",", "")
    return f"{prefix}{body}{rest}"


def word_count(text: str) -> int:
    return len(text.split())


# A statement that ends on a conjunction lost what it joined.
CUT_AT_CONJUNCTION = re.compile(r"\b(and|or|but|nor)\W*$", re.IGNORECASE)
# "There is/was" takes an indefinite noun ("There was a war", "There were settlers"), never a
# name: a statement opening "There were Velmark …" was cut from an inverted sentence
# ("Open to settlers once silver was struck there were Velmark and Norland").
EXISTENTIAL_NAME = re.compile(
    r"^There (is|are|was|were) (?!(A|An|No|Some|Many|Few)\b)[A-Z]\w*[^s\W]\b"
)


def statement_cut(statement: str) -> bool:
    """Whether a statement reads as a sentence cut short: it ends on a conjunction ("… on a
    farm near Ashby and."), or opens "There were" with a name."""
    return bool(CUT_AT_CONJUNCTION.search(statement) or EXISTENTIAL_NAME.match(statement))


# A longer prompt asks the student to hold too much at once (`features.BLOCK_LONG`); a
# description or a source written into a prompt may not make it longer.
PROMPT_MAX_WORDS = 25
