"""Trivial questions, not worth a student's time (the rules `worth.TRIVIAL_FEATURES` name).

- `contact_detail`: a telephone number, a helpline, a web or e-mail address ("call the
  helpline on 0800 111 222", "visit www.example.org"), a web address in the prompt (where
  the text got its data).
- `placing_result`: a figure of a competitor who did not win ("Costa finished fifth in
  2:29:40"), or one number out of a list of results (a sentence giving four numbers or more).
- `parenthetical_answer`: an answer inside a bracketed aside ("the Tower (which is ninety
  feet high)").
- `world_answer`: the world itself ("a crisis on _____": Earth), guessable.
- `span_since`: the span of a record ("its first deficit in _____": 16 years).
- `scholars_view`: which side a scholar takes ("The historian Ann Reed agrees with Kirby").

The people a question is about (`side_figure_event`, `side_figure_answer`) are in
`side_figures`.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from quizgen.nlp.generate.text import BLANK
from quizgen.nlp.generate.text import prompt_body as _body
from quizgen.nlp.parsed import span_ents
from quizgen.nlp.types import FACT_ASKING as ASKING
from quizgen.nlp.types import QuestionDraft

CONTACT = re.compile(
    r"\b(?:https?://|www\.)\S+"
    r"|\b[\w.-]+@[\w-]+\.\w+"
    r"|\b[\w-]+\.(?:com|org|net|gov|edu|info|co\.uk|org\.uk|ac\.uk)\b"
    r"|(?<![\w:])(?:\+\d{1,3}[\s-]?)?\(?0?\d{2,4}\)?[\s-]\d{3}[\s-]\d{3,4}\b"
    r"|\b\d{3}-\d{3}-\d{4}\b",
    re.IGNORECASE,
)
PHONE_OR_MAIL = re.compile(
    r"\b[\w.-]+@[\w-]+\.\w+"
    r"|(?<![\w:])(?:\+\d{1,3}[\s-]?)?\(?0?\d{2,4}\)?[\s-]\d{3}[\s-]\d{3,4}\b"
    r"|\b\d{3}-\d{3}-\d{4}\b"
)
WEB_ADDRESS = re.compile(r"(?:\bhttps?://|\bwww\.)\S+", re.IGNORECASE)
HELPLINE = re.compile(r"\b(?:helpline|hotline|help line|freephone)s?\b", re.IGNORECASE)


def contact_detail(draft: QuestionDraft) -> bool:
    """Whether the draft asks for a telephone number, a helpline or a web or e-mail
    address, or states a number or an address to call or write to: where to get help, not
    what the text teaches ("The charity opened a helpline in 2001" is the charity's fact)."""
    answers = [draft.answer_text, *(text for text, _ in draft.options)]
    if any(CONTACT.search(text) or HELPLINE.search(text) for text in answers):
        return True
    if PHONE_OR_MAIL.search(_body(draft.prompt)) or WEB_ADDRESS.search(_body(draft.prompt)):
        return True  # a web address in the prompt is where the text got it ("Data are from …")
    # A statement made false by altering the number no longer reads as one ("0800 555 01234"):
    # the sentence it comes from says whether it gives a number to call.
    return bool(PHONE_OR_MAIL.search(draft.source_sentence.text))


ORDINAL_PLACE = re.compile(
    r"\b(?:finish(?:ed|es|ing)?|came|come|placed|ended|end(?:s|ing)?|took)\s+(?:in\s+)?"
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b"
    r"|\bin\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
    r"\s+place\b",
    re.IGNORECASE,
)
RESULT_LABELS = frozenset({"CARDINAL", "QUANTITY", "TIME", "PERCENT", "MONEY"})
RESULTS_IN_A_LIST = 4


def placing_result(draft: QuestionDraft, span: Span | None) -> bool:
    """Whether a figure question or statement gives the result of a competitor who did not
    win ("Costa finished fifth in 2:29:40"), or one number of a sentence listing four or
    more (a table of results written out)."""
    if span is None or not any(key.startswith("figure:") for key in draft.fact_keys):
        return False
    if ORDINAL_PLACE.search(span.text):
        return True
    return sum(ent.label_ in RESULT_LABELS for ent in span_ents(span)) >= RESULTS_IN_A_LIST


def parenthetical_answer(draft: QuestionDraft, start: int) -> bool:
    """Whether the answer stands inside a bracketed aside of its sentence ("the Old Mill
    Tower (which is ninety feet high)"): a detail the text itself sets apart."""
    if draft.kind not in ASKING:
        return False
    sentence = draft.source_sentence
    before = sentence.text[: max(start - sentence.start, 0)]
    return before.count("(") > before.count(")")


# Answers anyone can give without the text.
WORLD_ANSWERS = frozenset({"earth", "the earth", "world", "the world", "the planet"})


def world_answer(draft: QuestionDraft) -> bool:
    """Whether the answer is the world itself ("a crisis on _____": Earth): guessable."""
    return draft.kind in ASKING and draft.answer_text.strip().lower() in WORLD_ANSWERS


SUPERLATIVE_SPAN = re.compile(
    rf"\b(?:first|last|only|\w+est)\b(?:\s+[\w'-]+){{0,6}}\s+(?:in|for)\s+(?:more than\s+)?{BLANK}"
)
SPAN_OF_TIME = re.compile(r"\b(?:years?|decades?|months?|weeks?|days?|centuries)$", re.IGNORECASE)


def span_since(draft: QuestionDraft) -> bool:
    """Whether the figure asked or altered is how long it had been since the last time ("its
    first trade surplus in _____": 12 years): the idiom marks a record, and its span is
    incidental."""
    sentence = draft.source_sentence
    for key in draft.fact_keys:
        parts = key.split(":")
        if parts[0] != "figure" or len(parts) != 3 or not all(p.isdigit() for p in parts[1:]):
            continue
        start, end = int(parts[1]) - sentence.start, int(parts[2]) - sentence.start
        figure = sentence.text[start:end]
        if not SPAN_OF_TIME.search(figure):
            continue
        marked = sentence.text[:start] + BLANK + sentence.text[end:]
        if SUPERLATIVE_SPAN.search(marked):
            return True
    return False


SCHOLARS = frozenset(
    """historian historians scholar scholars biographer biographers archaeologist
    archaeologists commentator commentators""".split()
)
# Verbs of siding with a view: what a scholar thinks of another's reasoning.
SIDING = frozenset("agree disagree concur dispute accept reject follow support doubt".split())


def scholars_view(draft: QuestionDraft, span: Span | None, start: int) -> bool:
    """Whether the draft tells which side a scholar takes in the scholars' debate ("The
    historian Ann Reed agrees with Pell's reasoning"): a point about the sources, not the
    text's matter."""
    if span is None:
        return False
    for verb in span:
        if verb.lemma_.lower() not in SIDING or verb.pos_ != "VERB":
            continue
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            continue
        words = {t.lower_ for t in subject.subtree}
        if words & SCHOLARS and re.search(rf"\b{re.escape(verb.text)}\b", draft.prompt):
            return True
    return False
