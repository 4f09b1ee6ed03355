"""Which drafts are recommended: the one place that decides it, after every draft is scored.

A teacher approves the recommended set as a quiz, so it is chosen for precision, not reach:

1. Each draft gets explicit features (`features.draft_features`): its kind, the kind of fact
   it asks about, how long the prompt is, whether the prompt leans on the text ("the drought",
   "he", "each side": `descriptions`), whether the answer is the text's own subject
   (`checks`), whether the sentence reports, supposes or fears what the question would state
   as fact (`reports`), where the sentence stands in the document's structure, and where its
   distractors come from. What is known of the document as a whole is in `context`.
2. A small logistic model over those features (`ranker_weights.json`, fitted offline to
   readers' verdicts by `bench/quality/fit_ranker.py`, never to particular documents) estimates
   how likely a teacher is to accept the draft as written (`features.estimate`). That estimate
   is the draft's score.
3. Hard rules no estimate overrides (`features.blocked_reason`): a draft with a defect, from
   outside the running text, leaning on the text for what it refers to, asking for the text's
   own subject, or stating a reported or hypothetical claim as fact is never recommended.
   Three of those checks have their own modules: `giveaway` (a prompt that gives its answer
   away, or another question's), `conjuncts` (one value stated of two things the text tells
   apart) and `stranded` (a date the parse may have hung on the wrong clause); `repeated`
   finds the questions with several right answers.
4. Selection (`recommend`, this module): best first, at most one question per fact and
   sentence (its other kinds stay as alternatives for the teacher), at most one per sentence
   until the set would be too small, no question whose prompt or options give away another's
   answer, no kind taking more than its share, and no more than `MAX_RECOMMENDED` in all.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from quizgen.nlp.generate.concepts import DEFINITION_RULES
from quizgen.nlp.generate.giveaway import shows_answer_of
from quizgen.nlp.generate.text import contains_phrase, normalise, prompt_body
from quizgen.nlp.types import FACT_ASKING, QuestionDraft, QuestionKind

# A recommended set is a quiz a teacher reviews in minutes: enough to choose from, no more.
MAX_RECOMMENDED = 12
# Below this many, a second question from one sentence is allowed (never on one fact).
MIN_RECOMMENDED = 8
# The estimate a draft needs to be recommended at all; `FLOOR` is the lower bar used only to
# reach MIN_RECOMMENDED.
RECOMMEND_AT = 0.5
FLOOR = 0.35
# A document still short of MIN_RECOMMENDED is filled up from the questions no hard rule
# refuses, down to this estimate: the hard rules (`blocked_reason`) carry the quality, the
# estimate orders what passes them (readers accepted short-answer, cloze and true/false
# items estimated 0.3-0.35 as often as those above, when no rule refused them).
FILL_FLOOR = 0.25
# No kind takes more than this share of the recommended set (once it has four questions).
KIND_SHARE = 0.4
# The share while a set is filled up to its target: with three kinds to choose from (true
# or false, cloze, short answer: the usual ones of a news text), a share of 0.4 stops a set
# at six questions, and 0.5 at seven when one kind is all that is left (a chapter's clozes
# once its one statement per sentence is taken); two thirds reach eight.
FILL_KIND_SHARE = 0.67
# A text supports about one question for every two sentences of its running text: a short
# article is filled up to that many, not to MIN_RECOMMENDED.
SENTENCES_PER_QUESTION = 2
# The ideas a chapter defines are what it teaches: up to this many term questions (one per
# term) are chosen before anything else, from FLOOR up.
TERMS_FIRST = 3
# Of those, at most this many of one kind while a question of another kind on a term fits
# (a short answer, a cloze on its sentence, a multiple choice among the chapter's terms,
# which no other question's answer may be among); then any kind.
TERMS_KIND_CAP = 2


@dataclass
class Scored:
    draft: QuestionDraft
    estimate: float
    blocked: str
    sentence: int
    facts: tuple[str, ...]


def _too_many_true(draft: QuestionDraft, kinds: Counter, lead: int) -> bool:
    """Whether a true statement would put the recommended true statements more than `lead`
    ahead of the false ones (one true statement may stand alone): a student learns that
    "True" is a safe guess. The statement's fact is then asked in another kind, or another
    fact is; only to fill a short set is one more true statement taken (`lead` 1)."""
    if draft.kind != QuestionKind.TRUE_FALSE or draft.answer_text != "True":
        return False
    return kinds["True"] >= max(kinds["False"], 1) + lead


def fill_target(body_sentences: int) -> int:
    """How many questions a set is filled up to: MIN_RECOMMENDED, or one for every
    SENTENCES_PER_QUESTION sentences of running text in a shorter text."""
    return max(1, min(MIN_RECOMMENDED, -(-body_sentences // SENTENCES_PER_QUESTION)))


def _statement_words(draft: QuestionDraft) -> set[str]:
    return {word for word in normalise(prompt_body(draft.prompt)).split() if not word.isdigit()}


def same_statement(first: QuestionDraft, second: QuestionDraft) -> bool:
    """Two true/false items telling one thing, whatever year or number each gives ("Mara made
    her debut in 1950" and "Mara made her debut at the Crown in 1947": every word of the one
    is in the other): one answers the other."""
    if QuestionKind.TRUE_FALSE != first.kind or QuestionKind.TRUE_FALSE != second.kind:
        return False
    a, b = _statement_words(first), _statement_words(second)
    return bool(a and b) and (a <= b or b <= a)


def is_term_question(draft: QuestionDraft) -> bool:
    """A question asking for a term the text defines (not the matching, which shows them)."""
    return draft.rule.startswith(DEFINITION_RULES) and draft.kind in FACT_ASKING


def _terms_order(scored: list[Scored], order: list[int]) -> list[int]:
    """The term questions, best first, those whose prompt names another term the text defines
    last: "Which term describes younger neutrophils?" (bands) leans on "neutrophils", and the
    two cannot both be asked (the one prompt gives the other's answer), so the term the
    other is built on is asked."""
    terms = [i for i in order if is_term_question(scored[i].draft)]
    answers = {scored[i].draft.answer_text for i in terms}

    def leans(index: int) -> bool:
        draft = scored[index].draft
        return any(
            answer != draft.answer_text and contains_phrase(draft.prompt, answer)
            for answer in answers
        )

    return sorted(terms, key=lambda i: (leans(i), order.index(i)))


def recommend(scored: list[Scored], *, target: int = MIN_RECOMMENDED) -> list[QuestionDraft]:
    """Mark the recommended set and order the drafts: recommended first, best first.

    The terms the text defines come first (up to TERMS_FIRST), then the best questions from
    RECOMMEND_AT and FLOOR up to MAX_RECOMMENDED; a set still short of `target` (see
    `fill_target`) is filled up from FILL_FLOOR. No draft a hard rule refuses is ever taken."""
    order = sorted(range(len(scored)), key=lambda i: (-scored[i].estimate, i))
    chosen: list[int] = []
    facts_used: set[tuple] = set()
    sentences_used: Counter = Counter()
    kinds: Counter = Counter()

    def fits(index: int, *, bar: float, per_sentence: int, share: float, lead: int) -> bool:
        item = scored[index]
        if item.blocked or item.estimate < bar:
            return False
        if any((key, item.sentence) in facts_used for key in item.facts):
            return False
        if sentences_used[item.sentence] >= per_sentence:
            return False
        if item.draft.kind == QuestionKind.TRUE_FALSE and (item.sentence, "tf") in facts_used:
            return False  # two statements of one sentence: each gives the other away
        if _too_many_true(item.draft, kinds, lead):
            return False
        if any(same_statement(scored[other].draft, item.draft) for other in chosen):
            return False
        if len(chosen) >= 4 and kinds[item.draft.kind] + 1 > share * (len(chosen) + 1):
            return False
        return not any(
            shows_answer_of(scored[other].draft, item.draft)
            or shows_answer_of(item.draft, scored[other].draft)
            for other in chosen
        )

    passes = (
        (FLOOR, KIND_SHARE, TERMS_FIRST, TERMS_KIND_CAP, True),
        (FLOOR, KIND_SHARE, TERMS_FIRST, 0, True),
        (RECOMMEND_AT, KIND_SHARE, MAX_RECOMMENDED, 0, False),
        (FLOOR, KIND_SHARE, MAX_RECOMMENDED, 0, False),
        # Filling up to the target: a kind may take two thirds of the set, below FLOOR only
        # as many questions are taken as the set lacks, and at last one more true statement.
        (FLOOR, FILL_KIND_SHARE, target, 0, False),
        (FILL_FLOOR, FILL_KIND_SHARE, target, 1, False),
    )
    for bar, share, limit, setting, terms_only in passes:
        # The terms' pass reads its last number as the most questions of one kind it takes
        # while another kind fits; the others as the lead true statements may take.
        cap, lead = (setting, 0) if terms_only else (0, setting)
        for index in _terms_order(scored, order) if terms_only else order:
            if len(chosen) >= limit:
                break
            if terms_only and not is_term_question(scored[index].draft):
                continue
            if cap and kinds[scored[index].draft.kind] >= cap:
                continue
            if index in chosen or not fits(index, bar=bar, per_sentence=2, share=share, lead=lead):
                continue
            item = scored[index]
            chosen.append(index)
            facts_used.update((key, item.sentence) for key in item.facts)
            if item.draft.kind == QuestionKind.TRUE_FALSE:
                facts_used.add((item.sentence, "tf"))
            sentences_used[item.sentence] += 1
            kinds[item.draft.kind] += 1
            if item.draft.kind == QuestionKind.TRUE_FALSE:
                kinds[item.draft.answer_text] += 1
        if not terms_only and len(chosen) >= target:
            break
    picked = set(chosen)
    chosen.sort(key=lambda i: (-scored[i].estimate, i))
    rest = [i for i in order if i not in picked]
    return [replace(scored[i].draft, recommended=True) for i in chosen] + [
        replace(scored[i].draft, recommended=False) for i in rest
    ]
