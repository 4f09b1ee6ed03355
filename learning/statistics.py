"""Item analysis of a quiz, as Moodle's quiz statistics report defines it.

Per question: the facility index (mean score on the question as a share of its mark: the
share correct for right/wrong questions), the standard deviation of its scores, the
discrimination index (Pearson correlation between the score on the question and the score
on the rest of the test, i.e. the total less this question) and the share of attempts that
chose each option. For the whole quiz: mean, median and standard deviation of the total
score, and Cronbach's alpha (Moodle's "coefficient of internal consistency").

Variances and standard deviations are sample ones (divided by n - 1), as in Moodle.
Flags follow Moodle's guidance: a facility index of 90 % or more is very easy, 10 % or less
very difficult, and a negative discrimination index points to a question that the better
students get wrong: often a wrong key.

Three queries whatever the size: the quiz's questions, its submitted attempts, their responses.
"""

from __future__ import annotations

import io
import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from learning.models import Attempt, Quiz, QuizQuestion, Response
from learning.scoring import normalise_text
from quizgen.exports import SpreadsheetWriter

TOO_EASY = "too easy"
TOO_HARD = "too hard"
NEGATIVE_DISCRIMINATION = "negative discrimination (check the key)"
TOO_EASY_FROM = 0.90
TOO_HARD_UP_TO = 0.10

ALL_ATTEMPTS = "all"
FIRST_ATTEMPTS = "first"
NO_ANSWER = "(no answer)"
CHOICE_KINDS = ("multiple_choice", "true_false")


@dataclass(frozen=True)
class OptionShare:
    text: str
    correct: bool
    count: int
    share: float


@dataclass(frozen=True)
class ItemStatistics:
    position: int
    question_id: int
    prompt: str
    kind: str
    attempts: int
    facility: float | None
    standard_deviation: float | None
    discrimination: float | None
    options: tuple[OptionShare, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuizStatistics:
    quiz_id: int
    attempts: int
    max_score: float
    mean: float | None
    median: float | None
    standard_deviation: float | None
    cronbach_alpha: float | None
    items: tuple[ItemStatistics, ...] = field(default_factory=tuple)


def _sample_variance(values: list[float]) -> float | None:
    return statistics.variance(values) if len(values) > 1 else None


def _correlation(first: list[float], second: list[float]) -> float | None:
    if len(first) < 2:
        return None
    mean_first, mean_second = statistics.fmean(first), statistics.fmean(second)
    covariance = sum(
        (a - mean_first) * (b - mean_second) for a, b in zip(first, second, strict=True)
    )
    spread_first = math.sqrt(sum((a - mean_first) ** 2 for a in first))
    spread_second = math.sqrt(sum((b - mean_second) ** 2 for b in second))
    if spread_first == 0 or spread_second == 0:
        return None
    return covariance / (spread_first * spread_second)


def _flags(facility: float | None, discrimination: float | None) -> tuple[str, ...]:
    flags = []
    if facility is not None and facility >= TOO_EASY_FROM:
        flags.append(TOO_EASY)
    if facility is not None and facility <= TOO_HARD_UP_TO:
        flags.append(TOO_HARD)
    if discrimination is not None and discrimination < 0:
        flags.append(NEGATIVE_DISCRIMINATION)
    return tuple(flags)


def quiz_statistics(*, quiz: Quiz, which: str = ALL_ATTEMPTS) -> QuizStatistics:
    """Item analysis over the quiz's submitted attempts (`which`: all, or each student's first)."""
    entries = list(
        QuizQuestion.objects.filter(quiz=quiz).select_related("question").order_by("position", "id")
    )
    attempts = list(
        Attempt.objects.filter(quiz=quiz, state=Attempt.State.SUBMITTED)
        .order_by("student_id", "number", "id")
        .values_list("pk", "student_id")
    )
    if which == FIRST_ATTEMPTS:
        first: dict[int, int] = {}
        for attempt_id, student_id in attempts:
            first.setdefault(student_id, attempt_id)
        attempt_ids = list(first.values())
    else:
        attempt_ids = [attempt_id for attempt_id, _ in attempts]
    scores: dict[int, dict[int, float]] = defaultdict(dict)
    answers: dict[int, dict[int, object]] = defaultdict(dict)
    if attempt_ids:
        for attempt_id, question_id, answer, score in Response.objects.filter(
            attempt_id__in=attempt_ids
        ).values_list("attempt_id", "question_id", "answer", "score"):
            scores[question_id][attempt_id] = score or 0.0
            answers[question_id][attempt_id] = answer

    count = len(attempt_ids)
    item_scores = {
        entry.question_id: [scores[entry.question_id].get(a, 0.0) for a in attempt_ids]
        for entry in entries
    }
    totals = [
        sum(item_scores[entry.question_id][index] for entry in entries) for index in range(count)
    ]
    items = []
    for entry in entries:
        question = entry.question
        values = item_scores[question.pk]
        facility = statistics.fmean(values) if values else None
        variance = _sample_variance(values)
        rest = [total - value for total, value in zip(totals, values, strict=True)]
        discrimination = _correlation(values, rest)
        items.append(
            ItemStatistics(
                position=entry.position,
                question_id=question.pk,
                prompt=question.prompt,
                kind=question.kind,
                attempts=count,
                facility=facility,
                standard_deviation=math.sqrt(variance) if variance is not None else None,
                discrimination=discrimination,
                options=_option_shares(question, answers[question.pk], attempt_ids),
                flags=_flags(facility, discrimination),
            )
        )

    total_variance = _sample_variance(totals)
    alpha = None
    if total_variance and len(entries) > 1:
        item_variance = sum(_sample_variance(item_scores[e.question_id]) or 0.0 for e in entries)
        alpha = len(entries) / (len(entries) - 1) * (1 - item_variance / total_variance)
    return QuizStatistics(
        quiz_id=quiz.pk,
        attempts=count,
        max_score=float(len(entries)),
        mean=statistics.fmean(totals) if totals else None,
        median=statistics.median(totals) if totals else None,
        standard_deviation=math.sqrt(total_variance) if total_variance is not None else None,
        cronbach_alpha=alpha,
        items=tuple(items),
    )


def _option_shares(question, answers: dict[int, object], attempt_ids: list[int]):
    # Only kinds whose answer is one chosen option; ordering and matching list items too.
    if question.kind not in CHOICE_KINDS or not question.options or not attempt_ids:
        return ()
    chosen: Counter[str] = Counter()
    for attempt_id in attempt_ids:
        answer = answers.get(attempt_id)
        chosen[normalise_text(str(answer)) if answer not in (None, "", []) else NO_ANSWER] += 1
    shares = []
    for option in question.options:
        key = normalise_text(option["text"])
        shares.append(
            OptionShare(
                text=option["text"],
                correct=bool(option.get("correct")),
                count=chosen.pop(key, 0),
                share=0.0,
            )
        )
    unanswered = chosen.pop(NO_ANSWER, 0)
    if unanswered:
        shares.append(OptionShare(text=NO_ANSWER, correct=False, count=unanswered, share=0.0))
    total = len(attempt_ids)
    return tuple(
        OptionShare(text=s.text, correct=s.correct, count=s.count, share=s.count / total)
        for s in shares
    )


def _percent(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.1f}"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def statistics_csv(result: QuizStatistics) -> str:
    """The item analysis as CSV: one row per question, then the quiz's summary."""
    buffer = io.StringIO()
    writer = SpreadsheetWriter(buffer)
    writer.writerow(
        [
            "Position",
            "Question ID",
            "Kind",
            "Prompt",
            "Attempts",
            "Facility index (%)",
            "Standard deviation (%)",
            "Discrimination index (%)",
            "Flags",
            "Options (share choosing)",
        ]
    )
    for item in result.items:
        writer.writerow(
            [
                item.position,
                item.question_id,
                item.kind,
                item.prompt,
                item.attempts,
                _percent(item.facility),
                _percent(item.standard_deviation),
                _percent(item.discrimination),
                "; ".join(item.flags),
                "; ".join(
                    f"{option.text}{' (correct)' if option.correct else ''}: "
                    f"{100 * option.share:.1f}%"
                    for option in item.options
                ),
            ]
        )
    writer.writerow([])
    writer.writerow(["Attempts", result.attempts])
    writer.writerow(["Maximum score", _number(result.max_score)])
    writer.writerow(["Mean score", _number(result.mean)])
    writer.writerow(["Median score", _number(result.median)])
    writer.writerow(["Standard deviation", _number(result.standard_deviation)])
    writer.writerow(["Cronbach's alpha", _number(result.cronbach_alpha)])
    return buffer.getvalue()
