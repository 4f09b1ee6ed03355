"""What is read of one parse again and again, computed once and kept with the Doc.

spaCy rebuilds `doc.text` from every token on each access; the value is kept in
`doc.user_data` (spaCy's store for a caller's own data) the first time it is asked for.
"""

from __future__ import annotations

from spacy.tokens import Doc

_TEXT_KEY = ("quizgen", "text")


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per doc."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text
