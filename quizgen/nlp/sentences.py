"""The sentences of a parsed document, computed once and looked up by token."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from quizgen.nlp.parsed import doc_text
from quizgen.nlp.structure import Regions
from quizgen.nlp.types import Sentence


class Sentences:
    """`doc.sents` walked once; `span.sent` would walk it again for every fact."""

    def __init__(self, doc: Doc) -> None:
        self.spans: list[Span] = list(doc.sents) if len(doc) else []
        self.starts = [span.start for span in self.spans]
        text = doc_text(doc)
        regions = Regions(text)
        self.values = [_trimmed(text, s.start_char, s.end_char, regions) for s in self.spans]

    def index(self, token_index: int) -> int:
        return max(bisect_right(self.starts, token_index) - 1, 0)

    def span_of(self, token_index: int) -> Span:
        return self.spans[self.index(token_index)]

    def of(self, span: Span) -> Sentence:
        return self.values[self.index(span.start)]


def _trimmed(text: str, start: int, end: int, regions: Regions) -> Sentence:
    """The sentence without the line breaks and spaces spaCy leaves at its edges, with the
    region of the document it stands in (see `quizgen.nlp.structure`)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    sentence = text[start:end]
    return Sentence(sentence, start, end, regions.of_sentence(sentence, start))
