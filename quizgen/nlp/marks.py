"""Reference marks: footnote numbers left in running text ("joined the university 21.").

A bare number right after a word, closing its clause, that counts nothing and labels no name
("Chapter 3", "Apollo 11") and no numbered thing ("page 3", "the year 500") is a reference
mark, not a figure of the text: it is left out of names and questions. So is a number in
square brackets ("District 9-2B, [3] and"), with its brackets.
"""

from __future__ import annotations

from spacy.tokens import Token

CLAUSE_END = frozenset({".", ",", ";", ":", "!", "?", ")", "]"})
# Nouns that numbers label, not count: "in the year 500.", "on page 12,".
NUMBERED_NOUNS = frozenset(
    "year page pages chapter number no room grade level article section verse line lines "
    "route episode season volume part act scene stage phase game round day week step item "
    "figure table platform gate floor track bus flight apartment unit division district "
    "ward class form size age aged".split()
)
MEASURE_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


def is_reference_mark(token: Token) -> bool:
    """Whether `token` is a footnote mark: a bare number closing its clause after a word, a
    number in square brackets ("[3]"), or one of those brackets."""
    text = token.text
    if token.i == 0:
        return False
    if text not in {"[", "]"} and not (
        len(text) <= 3 and text.isascii() and (text.isdigit() or len(text) == 1)
    ):
        return False  # a word: neither a bracket nor a short number (most tokens end here)
    if _bracketed_number(token):
        return True
    if not (text.isascii() and text.isdigit() and len(text) <= 3):
        return False
    if token.ent_type_ in MEASURE_ENTS or any(True for _ in token.children):
        return False
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if following is not None and following.text not in CLAUSE_END and not following.is_sent_start:
        return False
    before = doc[token.i - 1]
    if before.lower_ in NUMBERED_NOUNS:
        return False
    word = before.text
    if word.isalpha():
        # A lowercase noun or adjective ("the university 21"); a capitalised word is a name
        # the number labels ("Apollo 11").
        return word.islower() and before.pos_ in {"NOUN", "ADJ", "PROPN"}
    # A code that already carries its digits ("District 6-4A 3"): the second number is a mark.
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def _bracketed_number(token: Token) -> bool:
    """ "[3]" after a word or a comma: a citation, as encyclopaedias write them. The number
    and both brackets are the mark."""
    doc = token.doc
    index = token.i
    if token.text == "[":
        index += 1
    elif token.text == "]":
        index -= 1
    if not 0 < index < len(doc) - 1:
        return False
    number = doc[index]
    return (
        doc[index - 1].text == "["
        and doc[index + 1].text == "]"
        and number.text.isascii()
        and (number.text.isdigit() or (number.text.isalpha() and len(number.text) == 1))
        and len(number.text) <= 3
    )
