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
- `reporting_tag`: who the text has a fact from, asked as the answer: the source after
  "according to", whom someone told it ("Reed told the _____": BBC), the body a speaker
  speaks for ("A spokesman for which company said …?"), who declined to comment. Who said
  it is the question only of a quotation ("Who said: “…”?", `builders.who_said`); that the
  speaker said something is the reporter's tag, not the text's matter (`checks.incidental`
  takes the speaker who passes a paraphrase on).
- `incidental_number`: a number that labels or names something rather than counting it (a
  page, a figure or a chapter, "No. 4", "Apollo 11", "Band Aid 20"), or the size of the
  groups something was arranged in ("in groups of three").

The people a question is about (`side_figure_event`, `side_figure_answer`) are in
`side_figures`.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from quizgen.nlp.generate.clause import token_at
from quizgen.nlp.generate.text import BLANK
from quizgen.nlp.generate.text import prompt_body as _body
from quizgen.nlp.parsed import span_ents
from quizgen.nlp.types import FACT_ASKING as ASKING
from quizgen.nlp.types import QuestionDraft, QuestionKind

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


# Verbs that pass a fact on, for `reporting_tag`: their listener and their speaker's body.
REPORTING_VERBS = frozenset(
    """say state tell add note explain claim confirm report write insist argue stress reply
    respond comment announce warn""".split()
)
# The words a name is part of, climbing to the noun phrase's head ("the BBC", "BBC News").
NAME_PARTS = frozenset({"compound", "amod", "nummod", "det", "poss", "flat", "appos", "case"})
# The rule of "Who said: “…”?" items (`builders.who_said`): a quotation is the point there.
WHO_SAID = "who_said"


def reporting_tag(draft: QuestionDraft, span: Span | None, start: int) -> bool:
    """Whether the answer is the tag that says where the text has a fact from: the source
    after "according to" ("the Carrow Herald"), the listener of a report ("Tom Reed told the
    BBC", "said to reporters"), or the body a reporting subject speaks for ("a spokesman for
    Brightwave said …"); or, asked or stated, that someone declined to comment. Asking who
    reported a fact tests the reporting, not the fact."""
    if draft.rule == WHO_SAID or span is None:
        return False
    if draft.kind not in ASKING | {QuestionKind.TRUE_FALSE}:
        return False
    token = token_at(span, start)
    if token is None:
        return False
    head = token
    while head.dep_ in NAME_PARTS and head.head.i != head.i:
        head = head.head
    if head.dep_ in {"nsubj", "nsubjpass"} and _no_comment(head.head):
        return True  # "Delta Airlines declined to comment", asked or stated
    if draft.kind not in ASKING:
        return False
    if head.dep_ == "pobj" and head.head.lower_ == "to":
        above = head.head.head
        if above.lower_ == "according":
            return True
        if above.lemma_.lower() in REPORTING_VERBS and above.pos_ == "VERB":
            return True  # "said to reporters"
    if head.dep_ in {"dobj", "dative"} and head.head.lemma_.lower() == "tell":
        return _reports(head.head)
    # "a spokesman for Brightwave", "the head of the council": the speaker's body.
    if head.dep_ == "pobj" and head.head.lower_ in {"for", "of", "at"}:
        speaker = head.head.head
        if speaker.dep_ in {"nsubj"} and speaker.pos_ == "NOUN":
            verb = speaker.head
            return verb.lemma_.lower() in REPORTING_VERBS and _reports(verb)
    return False


# Saying nothing: "declined to comment", "refused to confirm", "could not be reached for
# comment", "did not respond to requests for comment".
COMMENT_VERBS = frozenset("comment respond confirm elaborate discuss speak".split())


def _no_comment(verb) -> bool:
    """Whether the verb tells that someone said nothing to the reporter."""
    lemma = verb.lemma_.lower()
    if lemma in {"decline", "refuse"}:
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in COMMENT_VERBS for c in verb.children)
    negated = any(c.dep_ == "neg" for c in verb.children)
    if lemma in {"comment", "respond"} and negated:
        return True
    return lemma == "reach" and any(
        c.dep_ == "prep" and any(g.lemma_.lower() == "comment" for g in c.children)
        for c in verb.children
    )


def _reports(verb) -> bool:
    """Whether a verb of saying passes a clause on: it takes one ("told the BBC that …"), or
    is tagged on to the clause it reports ("The fault lay in Leeds, Reed told the BBC")."""
    return any(c.dep_ in {"ccomp", "parataxis"} for c in verb.children) or verb.dep_ in {
        "parataxis",
        "ccomp",
    }


# Words a number after them labels rather than counts: where something is in the book or the
# record ("page 12", "Figure 9.15", "Article 5"), or which of a series it is ("No. 4").
LABEL_WORDS = frozenset(
    """page pages p pp figure fig table chapter chap section sect box appendix exercise
    equation eq verse line lines article paragraph para volume vol issue no number nos
    item unit lesson module part step platform room route highway flight""".split()
)
# Names a number may be a word of ("Apollo 11", "Band Aid 20", "Windows 7").
NAMED_LABELS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW"})
# Nouns of how things were grouped: "arranged in groups of three" says how, not how many.
GROUPING_NOUNS = frozenset("group team set batch row column pair cohort".split())


def incidental_number(draft: QuestionDraft, span: Span | None) -> bool:
    """Whether the figure asked or altered is a number that labels rather than counts (a
    page, a figure or a table of the book, "No. 4", a number that is a word of a name:
    "Apollo 11", "Band Aid 20"), or the size of the groups things were put in ("arranged in
    groups of three"): an incidental number, not a quantity the text teaches."""
    if span is None:
        return False
    for key in draft.fact_keys:
        parts = key.split(":")
        if parts[0] != "figure" or len(parts) != 3 or not parts[1].isdigit():
            continue
        token = token_at(span, int(parts[1]))
        if token is None:
            continue
        if _labels(token) or _named(token) or _group_size(token):
            return True
    return False


def _labels(token) -> bool:
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    if before.text == "#":
        return True
    return before.lower_.rstrip(".") in LABEL_WORDS and before.i >= token.sent.start


def _named(token) -> bool:
    """A number inside a name with a word of its own ("Apollo 11"; not "the 40 Lions")."""
    if token.ent_type_ not in NAMED_LABELS:
        return False
    start = token.i
    while start > token.sent.start and token.doc[start - 1].ent_iob_ == "I":
        start -= 1
    if token.ent_iob_ == "B":
        start = token.i
    name = [t for t in token.doc[start : token.i + 8] if t.ent_type_ == token.ent_type_]
    words_before = [t for t in name if t.i < token.i and t.pos_ == "PROPN" and t.is_title]
    return bool(words_before)


def _group_size(token) -> bool:
    """ "groups of three": the count of each group, after "of"."""
    if token.dep_ != "pobj" or token.head.lower_ != "of":
        return False
    noun = token.head.head
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in GROUPING_NOUNS
