"""Question generation from extracted facts."""

from __future__ import annotations

import hashlib

from quizgen.nlp.types import (
    ActorFact,
    DateFact,
    Extraction,
    Fact,
    FactKind,
    FigureFact,
    QuestionDraft,
    QuestionKind,
)

BLANK = "_____"


def generate_questions(extraction: Extraction) -> list[QuestionDraft]:
    """Generate multiple-choice questions about the dates, figures and actors of a text.

    Deterministic: the same extraction always gives the same questions in the same order.
    """
    drafts: list[QuestionDraft] = []
    for fact in extraction.facts:
        if fact.kind == FactKind.ACTOR:
            assert isinstance(fact, ActorFact)
            for mention in fact.mentions:
                draft = _multiple_choice(extraction, fact, mention.start, mention.end)
                if draft is not None:
                    drafts.append(draft)
                    break
            continue
        draft = _multiple_choice(extraction, fact, fact.start, fact.end)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _answer_text(fact: Fact, start: int, end: int, extraction: Extraction) -> str:
    return extraction.text[start:end]


def _distractors(extraction: Extraction, fact: Fact, answer: str) -> list[str]:
    candidates: list[str] = []
    if isinstance(fact, DateFact):
        others = [
            f.text
            for f in extraction.of_kind(FactKind.DATE)
            if isinstance(f, DateFact) and f.precision == fact.precision and f.value != fact.value
        ]
        candidates.extend(others)
        if fact.precision == "year" and str(fact.value).isdigit():
            year = int(fact.value)
            candidates.extend(str(year + delta) for delta in (-4, 3, -9, 6, 11))
    elif isinstance(fact, FigureFact):
        for factor in (0.5, 2, 3, 0.25):
            candidates.append(_scale_figure(answer, fact.value, factor))
    elif isinstance(fact, ActorFact):
        candidates.extend(
            f.value
            for f in extraction.of_kind(FactKind.ACTOR)
            if f.label == fact.label and f.value != fact.value
        )
        candidates.extend(_ACTOR_BANK.get(fact.label, ()))
    unique: list[str] = []
    seen = {answer.lower()}
    if isinstance(fact, ActorFact):
        seen |= {alias.lower() for alias in fact.aliases} | {str(fact.value).lower()}
    for candidate in candidates:
        if candidate and candidate.lower() not in seen:
            seen.add(candidate.lower())
            unique.append(candidate)
    return unique[:3]


_ACTOR_BANK = {
    "person": ("Joe Biden", "Xi Jinping", "Angela Merkel", "Emmanuel Macron"),
    "organisation": ("the European Union", "NATO", "the World Bank", "the Red Cross"),
    "country": ("China", "India", "France", "Brazil"),
    "group": ("British", "French", "Chinese", "German"),
}


def _scale_figure(answer: str, value: float, factor: float) -> str:
    number = value * factor
    for word, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if word in answer:
            return answer.replace(_format(value / size), _format(number / size), 1)
    return answer.replace(_format_plain(answer, value), _format_plain(answer, number), 1)


def _format(number: float) -> str:
    return f"{number:g}"


def _format_plain(answer: str, number: float) -> str:
    if "," in answer:
        return f"{round(number):,}"
    return f"{round(number)}"


def _multiple_choice(
    extraction: Extraction, fact: Fact, start: int, end: int
) -> QuestionDraft | None:
    answer = _answer_text(fact, start, end, extraction)
    if isinstance(fact, DateFact) and fact.vague:
        return None
    distractors = _distractors(extraction, fact, answer)
    if len(distractors) < 3:
        return None
    sentence = fact.sentence
    local_start, local_end = start - sentence.start, end - sentence.start
    stem = sentence.text[:local_start] + BLANK + sentence.text[local_end:]
    prompt = f"Which answer fills the blank? {stem.strip()}"
    options = sorted([(answer, True)] + [(d, False) for d in distractors], key=_option_order)
    digest = hashlib.sha1(f"{QuestionKind.MULTIPLE_CHOICE}|{prompt}|{answer}".encode()).hexdigest()
    return QuestionDraft(
        kind=QuestionKind.MULTIPLE_CHOICE,
        prompt=prompt,
        options=tuple(options),
        accepted_answers=(answer,),
        explanation=f"The text says: {sentence.text.strip()}",
        source_sentence=sentence,
        fact_keys=(fact.key,),
        score=fact.confidence,
        difficulty=0.5,
        recommended=True,
        fingerprint=digest[:16],
    )


def _option_order(option: tuple[str, bool]) -> tuple[int, str]:
    text = option[0]
    digits = "".join(ch for ch in text if ch.isdigit() or ch == ".")
    try:
        return (0, f"{float(digits):020.2f}")
    except ValueError:
        return (1, text.lower())
