"""Scoring, the defect check, near-duplicate removal and the final order of the drafts."""

from __future__ import annotations

import re
from dataclasses import replace

from quizgen.nlp.generate.builders import Candidate
from quizgen.nlp.generate.context import GenerationContext
from quizgen.nlp.generate.defects import FactIndex, find_defects
from quizgen.nlp.generate.descriptions import resolve_descriptions
from quizgen.nlp.generate.features import (
    WHO_SAID_RULE,
    blocked_reason,
    draft_features,
    estimate,
)
from quizgen.nlp.generate.keys import text_forms
from quizgen.nlp.generate.references import resolve_references
from quizgen.nlp.generate.reports import attribute_report
from quizgen.nlp.generate.select import Scored, fill_target, recommend
from quizgen.nlp.generate.text import BLANK, contains_phrase, normalise
from quizgen.nlp.structure import Region
from quizgen.nlp.types import Extraction, QuestionDraft, QuestionKind

RECOMMEND_AT = 0.6
# A longer question asks the student to hold too much at once; it is shown, not recommended.
RECOMMEND_MAX_WORDS = 25
NEAR_DUPLICATE = 0.8
# Kinds whose answer is a fact of the text (not True/False, an order or pairs).
ASKS_FOR_A_FACT = {
    QuestionKind.SHORT_ANSWER,
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.FILL_BLANK,
    QuestionKind.NUMERIC,
}
KIND_ORDER = {
    kind: index
    for index, kind in enumerate(
        [
            QuestionKind.MULTIPLE_CHOICE,
            QuestionKind.SHORT_ANSWER,
            QuestionKind.FILL_BLANK,
            QuestionKind.TRUE_FALSE,
            QuestionKind.NUMERIC,
            QuestionKind.ORDERING,
            QuestionKind.MATCHING,
        ]
    )
}
IDEAL_WORDS = 22
# How surely the student's answer can be scored as the teacher means it: choosing among
# options is exact; typed answers risk a right answer in an unforeseen wording.
SCORING_RELIABILITY = {
    QuestionKind.MULTIPLE_CHOICE: 1.0,
    QuestionKind.TRUE_FALSE: 1.0,
    QuestionKind.NUMERIC: 0.9,
    QuestionKind.ORDERING: 0.85,
    QuestionKind.MATCHING: 0.85,
    QuestionKind.FILL_BLANK: 0.75,
    QuestionKind.SHORT_ANSWER: 0.7,
}


def score(candidate: Candidate, defects: tuple[str, ...]) -> float:
    """Quality in [0, 1] from explicit features; any defect halves it."""
    words = len(candidate.prompt.split())
    grammar = 1.0 - min(max(words - IDEAL_WORDS, 0) * 0.02, 0.3)
    value = (
        0.25 * grammar
        + 0.15 * candidate.specificity
        + 0.15 * candidate.resolution
        + 0.15 * candidate.importance
        + 0.15 * candidate.distractor_quality
        + 0.15 * SCORING_RELIABILITY.get(candidate.kind, 0.7)
    )
    if defects:
        value *= 0.5
    return round(min(max(value, 0.0), candidate.ceiling), 4)


_THE_BEFORE_BLANK = re.compile(rf"\bthe {re.escape(BLANK)}", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def keys_after_the_blank(prompt: str, accepted: tuple[str, ...]) -> tuple[str, ...]:
    """A cloze that keeps the answer's "the" outside the blank ("for the _____") accepts
    what goes in the blank: "year 1910", not "the year 1910" (which reads "the the")."""
    if not _THE_BEFORE_BLANK.search(prompt):
        return accepted
    keys: list[str] = []
    for key in accepted:
        bare = _LEADING_THE.sub("", key)
        if bare and bare not in keys:
            keys.append(bare)
    return tuple(keys)


def typed_keys(candidate: Candidate, extraction: Extraction) -> tuple[str, ...]:
    """A typed question's keys with the forms the text uses for the same thing (keys.py)."""
    if candidate.kind not in (QuestionKind.SHORT_ANSWER, QuestionKind.FILL_BLANK):
        return candidate.accepted
    extra = [
        form
        for form in text_forms(candidate.answer_text, candidate.facts, extraction)
        if not contains_phrase(candidate.prompt, form)  # "Congress" does not say which congress
    ]
    return tuple(dict.fromkeys((*candidate.accepted, *extra)))


def to_draft(
    candidate: Candidate, extraction: Extraction, fingerprint: str, index: FactIndex | None = None
) -> QuestionDraft:
    draft = QuestionDraft(
        kind=candidate.kind,
        prompt=candidate.prompt,
        options=candidate.options,
        accepted_answers=keys_after_the_blank(candidate.prompt, typed_keys(candidate, extraction)),
        answer=candidate.answer,
        explanation=candidate.explanation,
        source_sentence=candidate.sentence,
        fact_keys=tuple(fact.key for fact in candidate.facts),
        difficulty=round(candidate.difficulty, 4),
        fingerprint=fingerprint,
        answer_text=candidate.answer_text,
        question_text=candidate.question_text,
    )
    defects = find_defects(draft, extraction, index)
    quality = score(candidate, defects)
    # Provisional: whether the draft could be recommended at all. The recommended set is
    # decided once, by `select.recommend`, after every draft is scored.
    return replace(
        draft,
        defects=defects,
        score=quality,
        recommended=not defects
        and quality >= RECOMMEND_AT
        and len(candidate.prompt.split()) <= RECOMMEND_MAX_WORDS,
    )


def _words(text: str) -> set[str]:
    return set(normalise(text).split())


def _near(a: str, b: str) -> bool:
    return _near_words(a, _words(a), b, _words(b))


def _near_words(a: str, first: set[str], b: str, second: set[str]) -> bool:
    if not first or not second:
        return a == b
    return len(first & second) / len(first | second) >= NEAR_DUPLICATE


def rank(
    candidates: list[Candidate], extraction: Extraction, context: GenerationContext | None = None
) -> list[QuestionDraft]:
    """Check and score every candidate, keep the best of near-duplicates, balance, then let
    `select.recommend` choose the recommended set and the final order."""
    index = FactIndex(extraction)
    scored = []
    for position, candidate in enumerate(candidates):
        draft = to_draft(candidate, extraction, candidate.fingerprint, index)
        scored.append((draft, candidate, position))
    scored.sort(key=lambda item: (not item[0].recommended, -item[0].score, item[2]))
    kept: list[tuple[QuestionDraft, Candidate, int]] = []
    identities: set[tuple[str, ...]] = set()
    prompts_by_kind: dict[str, list[tuple[str, set[str], str, tuple | None]]] = {}
    for draft, candidate, position in scored:
        answer = normalise(candidate.answer_text)
        identity = (candidate.kind, answer, *draft.fact_keys)
        if identity in identities:
            continue
        words = _words(draft.prompt)
        statement = candidate.statement
        near = [
            other_answer
            for other, other_words, other_answer, other_statement in prompts_by_kind.get(
                draft.kind, []
            )
            # A statement's true and false versions are near by design: one is kept later.
            if (statement is None or other_statement != statement)
            and _near_words(draft.prompt, words, other, other_words)
        ]
        if near:
            if answer in near or candidate.kind not in ASKS_FOR_A_FACT:
                continue  # the same question twice, or two statements of one sentence
            # Another question on the same sentence with another answer: kept for the
            # teacher, not recommended beside its twin (each would give the other away).
            draft = replace(draft, recommended=False)
        identities.add(identity)
        prompts_by_kind.setdefault(draft.kind, []).append((draft.prompt, words, answer, statement))
        kept.append((draft, candidate, position))
    kept.sort(
        key=lambda item: (
            not item[0].recommended,
            -item[0].score,
            item[0].source_sentence.start,
            KIND_ORDER.get(item[0].kind, 99),
            item[0].prompt,
        )
    )
    finalised = _finalise(kept, extraction, index)
    context = context or GenerationContext.build(extraction, extraction.doc)
    body = sum(1 for sentence in extraction.sentences if sentence.region == Region.BODY)
    return recommend(
        one_version_per_statement(
            [
                _scored(draft, candidate, context, position, index)
                for position, (draft, candidate) in enumerate(finalised)
            ],
            [candidate.statement for _, candidate in finalised],
        ),
        target=fill_target(body),
    )


def _scored(
    draft: QuestionDraft,
    candidate: Candidate,
    context: GenerationContext,
    position: int,
    index: FactIndex,
) -> Scored:
    written = draft.prompt
    sentence_span = context.span_of(draft.source_sentence.start, draft.source_sentence.end)
    if candidate.rule == WHO_SAID_RULE:
        # A quotation is shown as the speaker said it: nothing in it is written out.
        draft = replace(draft, rule=candidate.rule)
    else:
        draft = replace(resolve_descriptions(draft, context), rule=candidate.rule or draft.rule)
        draft = resolve_references(draft, sentence_span)
    if draft.prompt != written:
        # What the prompt pointed back to is now written out: checked again as it reads.
        draft = replace(draft, defects=find_defects(draft, context.extraction, index))
    fact_kind = candidate.facts[0].kind if candidate.facts else ""
    attributed = attribute_report(draft, context, fact_kind)
    if attributed.prompt != draft.prompt:
        # The prompt gained its source (and lost a report closing it): checked again.
        draft = replace(attributed, defects=find_defects(attributed, context.extraction, index))
    features = draft_features(
        draft,
        context=context,
        ceiling=candidate.ceiling,
        from_document=candidate.choice.from_document if candidate.choice else 1.0,
        importance=candidate.importance,
        fact_kind=fact_kind,
    )
    # A question asked in place, echoed or taken from outside the running text keeps its
    # builder's ceiling, so ordering by score puts it after the clean questions.
    value = min(estimate(features), candidate.ceiling)
    draft = replace(draft, score=value, features=features)
    # A question on several facts (ordering, matching) shares its sentence with no other.
    sentence = draft.source_sentence.start if len(candidate.facts) == 1 else -1 - position
    return Scored(
        draft=draft,
        estimate=value,
        blocked=blocked_reason(draft, features),
        sentence=sentence,
        facts=draft.fact_keys,
    )


def one_version_per_statement(
    scored: list[Scored], statements: list[tuple[str, ...] | None]
) -> list[Scored]:
    """Keep one version, true or false, of each statement that has both (`statements[i]`
    is the statement `scored[i]` tells, None for other kinds), so that about half the
    true/false items a quiz is likely to take are false: in the order `select.recommend`
    takes them (best estimate first), a statement is made false while the false items kept so
    far that may be recommended are no more than the true ones. A version that may not be
    recommended (`blocked`) gives way to one that may. Then at most two true statements are
    kept for each false one (and two more): a false one is made only where it is fair
    (`falsify`), and the text's own statements are worth offering."""
    versions: dict[tuple[str, ...], list[int]] = {}
    for position, statement in enumerate(statements):
        if statement is not None:
            versions.setdefault(statement, []).append(position)
    order = sorted(range(len(scored)), key=lambda i: (-scored[i].estimate, i))
    counts = {"True": 0, "False": 0}
    dropped: set[int] = set()
    decided: set[tuple[str, ...]] = set()
    for position in order:
        statement = statements[position]
        if statement is None or position in dropped:
            continue
        chosen = position
        both = versions[statement]
        if statement not in decided and len(both) > 1:
            decided.add(statement)
            usable = [i for i in both if not scored[i].blocked] or both
            wanted = "False" if counts["False"] <= counts["True"] else "True"
            chosen = next((i for i in usable if scored[i].draft.answer_text == wanted), usable[0])
            dropped.update(i for i in both if i != chosen)
        if chosen == position and not scored[position].blocked:
            answer = scored[position].draft.answer_text
            counts[answer] = counts.get(answer, 0) + 1
    kept = [item for position, item in enumerate(scored) if position not in dropped]
    falses = sum(
        1
        for item in kept
        if item.draft.kind == QuestionKind.TRUE_FALSE and item.draft.answer_text == "False"
    )
    allowed_true = 2 * falses + 2
    balanced = []
    for position in sorted(range(len(kept)), key=lambda i: (-kept[i].estimate, i)):
        draft = kept[position].draft
        if draft.kind == QuestionKind.TRUE_FALSE and draft.answer_text == "True":
            if allowed_true == 0:
                continue
            allowed_true -= 1
        balanced.append(position)
    return [kept[position] for position in sorted(balanced)]


def _finalise(
    kept: list[tuple[QuestionDraft, Candidate, int]], extraction: Extraction, index: FactIndex
) -> list[tuple[QuestionDraft, Candidate]]:
    """Rotate the correct option's position across the multiple-choice questions."""
    drafts: list[tuple[QuestionDraft, Candidate]] = []
    fingerprints: set[str] = set()
    choice_count = 0
    for draft, candidate, _ in kept:
        if candidate.kind == QuestionKind.MULTIPLE_CHOICE and candidate.choice is not None:
            options = candidate.choice.options(choice_count)
            if options is not None and options != candidate.options:
                candidate.options = options
                rebuilt = to_draft(candidate, extraction, draft.fingerprint, index)
                draft = replace(
                    rebuilt, score=draft.score if not rebuilt.defects else rebuilt.score
                )
            choice_count += 1
        fingerprint = draft.fingerprint
        suffix = 1
        while fingerprint in fingerprints:
            suffix += 1
            fingerprint = f"{draft.fingerprint}-{suffix}"
        fingerprints.add(fingerprint)
        drafts.append((replace(draft, fingerprint=fingerprint), candidate))
    return drafts
