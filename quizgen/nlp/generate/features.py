"""The ranker: a draft's features, the estimate made of them, the hard rules no estimate overrides.

`draft_features` gives each draft explicit features in [0, 1] (its kind and its fact's kind,
the prompt's length, whether it leans on the text, asks for the text's subject, states a claim
as fact, comes from outside the running text, has several right answers, …; the checks are in
`descriptions`, `reports`, `repeated`, `checks`, `giveaway`, `conjuncts`, `stranded` and
`worth`). `estimate` is a small logistic model over them (`ranker_weights.json`, fitted to
readers' verdicts by `bench/quality/fit_ranker.py`). `blocked_reason` says why a draft may
never be recommended whatever its estimate (`BLOCK_*`), or '' when it may be.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.nlp.generate.checks import (
    answer_is_subject,
    date_clash,
    day_of_a_passing_event,
    document_options,
    incidental,
    inplace_reads_well,
    mismatched_replacement,
    street_address,
    unfixed_event,
)
from quizgen.nlp.generate.concepts import DEFINITION_RULES, GLOSS_RULE
from quizgen.nlp.generate.conjuncts import split_conjuncts
from quizgen.nlp.generate.descriptions import (
    COMPARISON,
    CONNECTIVE_OPENING,
    DISCOURSE,
    POSSESSED,
    _before,
    blank_owns_unnamed,
    dated_description,
    demonstrative_date,
    has_pronoun,
    has_quoted_pronoun,
    introduced_definite,
)
from quizgen.nlp.generate.giveaway import gives_away
from quizgen.nlp.generate.references import leans_on_text
from quizgen.nlp.generate.reports import _answer_start, claim_stated_as_fact
from quizgen.nlp.generate.select import FLOOR
from quizgen.nlp.generate.stranded import stranded_date
from quizgen.nlp.generate.text import BLANK, PROMPT_MAX_WORDS, prompt_body
from quizgen.nlp.generate.wh import fine_type, is_acronym
from quizgen.nlp.generate.worth import (
    TRIVIAL_FEATURES,
    TRUNCATED_FEATURES,
    VAGUE_FEATURES,
    worth_features,
)
from quizgen.nlp.types import FACT_ASKING, FactKind, QuestionDraft, QuestionKind

if TYPE_CHECKING:
    from quizgen.nlp.generate.context import GenerationContext


WEIGHTS_PATH = Path(__file__).with_name("ranker_weights.json")
DEFINITION_MAX_WORDS = 35
# The rule of "Who said: “…”?" items (`builders.who_said`).
WHO_SAID_RULE = "who_said"
BLOCK_DEFECT = "has a defect"
BLOCK_REGION = "comes from outside the running text (title, caption, credits, references …)"
BLOCK_REFERENCE = "leans on the text for what a pronoun or 'the …' refers to"
BLOCK_SUBJECT = "asks for the text's own subject"
BLOCK_LEAD = "restates the text's opening sentence, which the title already gives away"
BLOCK_CLAIM = "states a reported, hypothetical or feared claim as fact"
BLOCK_VAGUE = "has several right answers in the text (a list, or the same event told again)"
BLOCK_ASIDE = "carries a bracketed aside of the sentence ('(d. 1990)', an expansion)"
BLOCK_LONG = "is too long to hold at once"
BLOCK_CEILING = "was asked in place or echoed, not as a clean question"
BLOCK_BANK = "has a distractor that is not from the text's world"
BLOCK_TYPE = "asks 'which organisation' for a name that does not say what it is"
BLOCK_OPTIONS = (
    "offers options that are not three other names or dates of the text's own, of the answer's type"
)

BLOCK_TRIVIAL = (
    "asks for an incidental detail: who reported or interviewed, a weekday, a count of things "
    "the question does not say what they are for"
)
BLOCK_MISMATCH = "has someone replacing a team or a country (the parse took the wrong argument)"
BLOCK_CLASH = "carries a date that contradicts its own answer (a month of another event)"
BLOCK_GIVEAWAY = (
    "gives its answer away: a place the text puts inside the answer, where the answer has its "
    "seat, or a word of the answer's own name"
)
BLOCK_UNFIXED = "names a recurring event (a final, a championship) without saying which one"
BLOCK_TRUNCATED = (
    "is cut short or ill-formed: a piece of a name, a verb's complement or a coordinated "
    "clause left out, a wh-phrase tacked on, words written twice, a verb the text never used, "
    "'who' for a place, an opener copied from the text ('In other words, …')"
)


# A year in the prompt (not the answer) pins which event is meant.
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
# A capitalised word after the first: a name of the text the prompt keeps.
_CAPITALISED = re.compile(r"[A-Z][a-z]+")


def context_features(draft: QuestionDraft) -> dict[str, float]:
    """How much of its setting the prompt keeps besides the answer, in [0, 1]: readers
    fault a question most for missing context ("What did the council reject?"), and accept
    one that names who and when ("What did the Carrow council reject in 1998?").

    `anchors` counts the capitalised words after the first (names, up to three), `no_anchor`
    is a prompt with neither a name nor a year, `prompt_year` one with a year; a cloze's blank
    opening the sentence (`blank_first`: "_____ founded the charity", where many names fit) or
    closing a long one (`blank_late`) is marked too."""
    body = prompt_body(draft.prompt)
    rest = body
    if draft.kind != QuestionKind.TRUE_FALSE and draft.answer_text:
        rest = body.replace(draft.answer_text, " ")
    words = rest.replace(BLANK, " ").split()
    names = [word for word in words[1:] if _CAPITALISED.match(word)]
    year = bool(_YEAR.search(rest))
    cloze = body.split()
    blank_at = next((i for i, word in enumerate(cloze) if BLANK in word), -1)
    is_cloze = draft.kind == QuestionKind.FILL_BLANK and blank_at >= 0
    return {
        "anchors": min(len(names) / 3, 1.0),
        "no_anchor": float(not names and not year),
        "prompt_year": float(year),
        "blank_first": float(is_cloze and blank_at == 0),
        "blank_late": float(is_cloze and len(cloze) >= 12 and blank_at >= 0.75 * (len(cloze) - 1)),
    }


def draft_features(
    draft: QuestionDraft,
    *,
    context: GenerationContext,
    ceiling: float,
    from_document: float,
    importance: float,
    fact_kind: str,
) -> dict[str, float]:
    """The explicit features the ranker weighs, all in [0, 1]."""
    sentence = draft.source_sentence
    answer_start = _answer_start(draft)
    words = len(draft.prompt.split())
    region = getattr(sentence, "region", "body")
    features = {
        "bias": 1.0,
        "base_score": draft.score,
        "prompt_long": min(max(words - 12, 0) / 13, 1.0),
        "sentence_long": min(max(len(sentence.text.split()) - 20, 0) / 30, 1.0),
        "importance": importance,
        "pronoun": float(
            has_quoted_pronoun(draft.prompt, context.span_of(sentence.start, sentence.end))
            if draft.rule == WHO_SAID_RULE
            else has_pronoun(
                draft.prompt, context.span_of(sentence.start, sentence.end), draft.answer_text
            )
        ),
        "description": float(
            (bool(context.descriptions(draft)) and draft.rule != WHO_SAID_RULE)
            or blank_owns_unnamed(draft.prompt)
            or introduced_definite(draft.prompt, sentence.text)
            or dated_description(draft.prompt)
            or demonstrative_date(draft)
        ),
        "subject_answer": float(answer_is_subject(draft, context)),
        # "Who said: “…”?" quotes the claim and asks whose it is: it states none as a fact.
        "claim": float(
            draft.rule != WHO_SAID_RULE and claim_stated_as_fact(draft, context, answer_start)
        ),
        "off_text": float(region != "body" or context.about_author(sentence)),
        "echo": float(ceiling < 1.0),
        "inplace_reads_well": float(
            ceiling < 1.0
            and inplace_reads_well(
                draft, context.span_of(sentence.start, sentence.end), fact_kind, answer_start
            )
        ),
        "bank_distractor": float(
            draft.kind == QuestionKind.MULTIPLE_CHOICE
            and fact_kind == FactKind.ACTOR
            and from_document < 1
        ),
        "generic_wh": float(
            "which organisation" in draft.prompt.lower()
            and not is_acronym(draft.answer_text)
            and fine_type(draft.answer_text) not in {"organisation", "organization"}
        ),
        "document_options": float(document_options(draft, context.extraction, fact_kind)),
        "discourse": float(
            bool(DISCOURSE.search(_unquoted_body(draft)))
            or bool(CONNECTIVE_OPENING.match(_unquoted_body(draft)))
        ),
        "comparison": float(bool(COMPARISON.search(_unquoted_body(draft)))),
        # Whose quoted words these are has one answer: no other event of "said" makes a
        # second speaker of them.
        "repeated": float(
            draft.kind in FACT_ASKING
            and draft.rule != WHO_SAID_RULE
            and context.repeated(sentence, answer_start, draft.prompt)
        ),
        "lead_true": float(
            draft.kind == QuestionKind.TRUE_FALSE
            and draft.answer_text == "True"
            and sentence.start == context.lead_start
        ),
        # Only a name is named through its owner ("her mother Samira"); a date or a figure
        # after "his remarks in" is not.
        "possessed": float(
            fact_kind == FactKind.ACTOR
            and bool(POSSESSED.search(_before(sentence.text, draft.answer_text)))
        ),
        "answer_long": min(max(len(draft.answer_text.split()) - 3, 0) / 5, 1.0),
        "quote_in_prompt": float("“" in draft.prompt or '"' in draft.prompt),
        "aside": float("(" in draft.prompt or "[" in draft.prompt),
        # Whose quoted words these are is the question, not a reporter's paraphrase.
        "incidental": float(
            draft.rule != WHO_SAID_RULE
            and incidental(
                draft, context.span_of(sentence.start, sentence.end), answer_start, context
            )
        ),
        "mismatched": float(
            mismatched_replacement(context.span_of(sentence.start, sentence.end), answer_start)
        ),
        "date_clash": float(
            date_clash(draft)
            or stranded_date(draft, context.span_of(sentence.start, sentence.end), answer_start)
        ),
        "split_conjuncts": float(
            split_conjuncts(
                context.span_of(sentence.start, sentence.end), answer_start, context.doc
            )
        ),
        "giveaway": float(gives_away(draft, context, fact_kind)),
        "points_back": float(leans_on_text(draft, context.span_of(sentence.start, sentence.end))),
        "unfixed_event": float(unfixed_event(draft)),
        "address": float(street_address(draft)),
        "passing_day": float(day_of_a_passing_event(draft)),
    }
    features.update(
        worth_features(
            draft,
            context.span_of(sentence.start, sentence.end),
            answer_start,
            context.doc,
            context.subject_names,
        )
    )
    for kind in (
        QuestionKind.MULTIPLE_CHOICE,
        QuestionKind.TRUE_FALSE,
        QuestionKind.FILL_BLANK,
        QuestionKind.SHORT_ANSWER,
        QuestionKind.NUMERIC,
        QuestionKind.ORDERING,
        QuestionKind.MATCHING,
    ):
        features[f"kind_{kind}"] = float(draft.kind == kind)
    for kind in (FactKind.DATE, FactKind.FIGURE, FactKind.ACTOR, FactKind.QUOTE, "term"):
        features[f"fact_{kind}"] = float(fact_kind == kind)
    features.update(context_features(draft))
    return features


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The fitted weights (checked in beside this module)."""
    return json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))["weights"]


# How far a minor detail (`day_of_a_passing_event`) is ranked below its fitted estimate: set
# by hand from readers' notes ("the exact date of one game is incidental") until refitted.
MINOR_DEMOTION = 0.12


def as_estimated(features: dict[str, float]) -> dict[str, float]:
    """The features as the estimate weighs them (and `fit_ranker.py` fits them).

    A multiple choice whose options all come from the text (`document_options`) is weighed
    as the same question asked for a short answer: readers accept both, but its options are
    the text's other terms or dates, so ranked above them it would give away (and keep out)
    the questions asked on those."""
    if features.get("document_options"):
        return dict(features, kind_multiple_choice=0.0, kind_short_answer=1.0)
    return features


def estimate(features: dict[str, float]) -> float:
    """The ranker's estimate that a teacher accepts the draft as written."""
    fitted = weights()
    z = sum(fitted.get(name, 0.0) * value for name, value in as_estimated(features).items())
    value = 1.0 / (1.0 + math.exp(-z))
    if features.get("passing_day") and value > FLOOR:
        # Below the text's main facts, not out of the set: it may still fill a short one.
        value = max(value - MINOR_DEMOTION, FLOOR)
    return round(value, 4)


def _unquoted_body(draft: QuestionDraft) -> str:
    """The prompt's body; of a "Who said: “…”?" item, without the words quoted. What the
    speaker calls "the bans" or "the same hope", or says happened "already", is theirs
    to say: the question asks who said it, not what it refers to. A pronoun or a
    demonstrative there ("It shows …", "these claims") still leans on the text
    (`has_pronoun`)."""
    body = prompt_body(draft.prompt)
    if draft.rule != WHO_SAID_RULE:
        return body
    return re.sub(r"“[^”]*”", " ", body)


def blocked_reason(draft: QuestionDraft, features: dict[str, float]) -> str:
    """Why a draft may never be recommended, whatever its estimate ('' when it may be)."""
    if draft.defects:
        return BLOCK_DEFECT
    if features["off_text"]:
        return BLOCK_REGION
    if features.get("date_clash"):
        return BLOCK_CLASH
    if features["echo"] and not features.get("inplace_reads_well"):
        return BLOCK_CEILING
    if draft.rule.startswith(DEFINITION_RULES):
        # A definition is written to stand alone: its "the branch of botany given over to
        # …" and its "people who believe …" are the term's meaning, not a reference or a claim.
        if features["subject_answer"]:
            return BLOCK_SUBJECT
        if features.get("giveaway"):
            return BLOCK_GIVEAWAY
        if draft.rule == GLOSS_RULE:
            return BLOCK_VAGUE
        return BLOCK_LONG if len(draft.prompt.split()) > DEFINITION_MAX_WORDS else ""
    if (
        features["pronoun"]
        or features["description"]
        or features.get("comparison")
        or features["possessed"]
        or features["discourse"]
        or features.get("points_back")
    ):
        return BLOCK_REFERENCE
    if features["subject_answer"]:
        return BLOCK_SUBJECT
    if features["lead_true"]:
        return BLOCK_LEAD
    if features["claim"]:
        return BLOCK_CLAIM
    if features["repeated"] or features.get("split_conjuncts"):
        return BLOCK_VAGUE
    if len(draft.prompt.split()) > PROMPT_MAX_WORDS:
        return BLOCK_LONG
    if features["aside"]:
        return BLOCK_ASIDE
    if features["bank_distractor"]:
        return BLOCK_BANK
    if draft.kind == QuestionKind.MULTIPLE_CHOICE and not features.get("document_options"):
        if not draft.rule.startswith(DEFINITION_RULES):
            return BLOCK_OPTIONS
    if features["generic_wh"]:
        return BLOCK_TYPE
    if features.get("incidental"):
        return BLOCK_TRIVIAL
    if features.get("mismatched"):
        return BLOCK_MISMATCH
    if features.get("giveaway"):
        return BLOCK_GIVEAWAY
    if features.get("unfixed_event"):
        return BLOCK_UNFIXED
    if features.get("address") or any(features.get(name) for name in TRIVIAL_FEATURES):
        return BLOCK_TRIVIAL
    if any(features.get(name) for name in VAGUE_FEATURES):
        return BLOCK_VAGUE
    if any(features.get(name) for name in TRUNCATED_FEATURES):
        return BLOCK_TRUNCATED
    return ""
