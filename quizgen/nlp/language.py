"""A cheap check that a text is English before the English pipeline reads it."""

from __future__ import annotations

import re

# The commonest English function words: in running English text they make up about
# a third of all words; in other languages written in Latin letters, almost none.
FUNCTION_WORDS = frozenset(
    "the of and to in a is that for it was on with as by at from be this are were "
    "an or his her their which has had have not but they he she its also after".split()
)
SAMPLE_CHARS = 5000
MIN_WORDS = 12
MIN_SHARE = 0.08
WORD_RE = re.compile(r"[^\W\d_]+")


def looks_english(text: str) -> bool:
    """False only when the text clearly is not English; short or empty texts pass."""
    sample = text[:SAMPLE_CHARS]
    words = WORD_RE.findall(sample)
    if len(words) < MIN_WORDS:
        return True
    latin = sum(1 for word in words if word.isascii())
    if latin / len(words) < 0.5:
        return False
    # Names are written the same in every language: a list of English names ("Prime
    # Minister Ilsa Varno; Velmish Prime Ministers ...") is judged by its other words.
    common = [word for word in words if not word[:1].isupper()] or words
    if len(common) < MIN_WORDS:
        return True
    share = sum(1 for word in common if word.lower() in FUNCTION_WORDS) / len(common)
    return share >= MIN_SHARE
