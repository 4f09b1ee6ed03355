"""A student's progress: attempt history, best and last scores, mastery, activity.

Read-only; every figure comes from a fixed number of aggregate queries (the history is
paged, so the cost does not grow with the number of attempts), and the charts are
drawn as plain SVG geometry handed to the template (which escapes every label).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Page
from django.db.models import Avg, Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from learning import selectors
from learning.models import Attempt, Response, ReviewLog
from quizgen.models import Fact

CALENDAR_WEEKS = 12
BAR_WIDTH = 200
# Each bar's row: its label on one line, the bar and its percentage below (a phone's width).
BAR_ROW = 42
CHART_WIDTH = 280


@dataclass(frozen=True)
class QuizSummary:
    quiz_id: int
    title: str
    attempts: int
    best: float | None
    last: float | None
    last_attempt_id: int | None


@dataclass(frozen=True)
class Bar:
    label: str
    percent: int
    answered: int
    y: int
    width: int


@dataclass(frozen=True)
class Day:
    day: date
    count: int
    x: int
    y: int
    level: int


@dataclass(frozen=True)
class Point:
    label: str
    percent: float
    x: int
    y: int


TREND_ATTEMPTS = 20
TREND_WIDTH = 220


def _trend(recent: list[Attempt]) -> list[Point]:
    """The scores of the last submitted attempts, oldest first, as points of a 220x100 chart
    (narrow enough for a phone's screen at its natural size, so its labels stay 12 px)."""
    done = [a for a in reversed(recent) if a.percent is not None]
    step = TREND_WIDTH // max(len(done) - 1, 1)
    return [
        Point(
            label=f"{a.submitted_at:%d %b}: {a.quiz.title}",
            percent=a.percent,
            x=10 + step * index,
            y=round(110 - a.percent),
        )
        for index, a in enumerate(done)
    ]


@dataclass(frozen=True)
class Progress:
    history: Page
    quizzes: list[QuizSummary]
    by_kind: list[Bar]
    by_document: list[Bar]
    days: list[Day]
    active_days: int
    streak: int
    trend: list[Point]

    @property
    def trend_line(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.trend)

    @property
    def chart_height_kind(self) -> int:
        return BAR_ROW * len(self.by_kind) + 4

    @property
    def chart_height_document(self) -> int:
        return BAR_ROW * len(self.by_document) + 4


def _bars(rows: list[tuple[str, float, int]]) -> list[Bar]:
    return [
        Bar(
            label=label,
            percent=round(100 * (average or 0)),
            answered=answered,
            y=BAR_ROW * index,
            width=round(BAR_WIDTH * (average or 0)),
        )
        for index, (label, average, answered) in enumerate(rows)
    ]


def _quiz_summaries(stats: dict[int, dict]) -> list[QuizSummary]:
    summaries = [
        QuizSummary(
            quiz_id=quiz_id,
            title=row["title"],
            attempts=row["used"],
            best=row["best"],
            last=row["last"].percent if row["last"] else None,
            last_attempt_id=row["last"].pk if row["last"] else None,
        )
        for quiz_id, row in stats.items()
    ]
    return sorted(summaries, key=lambda summary: summary.title.casefold())


def _calendar(counts: dict[date, int], today: date) -> tuple[list[Day], int]:
    # Columns are weeks (Monday first), ending with the current week.
    start = today - timedelta(days=today.weekday() + 7 * (CALENDAR_WEEKS - 1))
    days = []
    current = start
    while current <= today:
        count = counts.get(current, 0)
        offset = (current - start).days
        days.append(
            Day(
                day=current,
                count=count,
                x=16 * (offset // 7),
                y=16 * (offset % 7),
                level=0 if count == 0 else 1 if count < 3 else 2 if count < 6 else 3,
            )
        )
        current += timedelta(days=1)
    streak = 0
    cursor = today if counts.get(today) else today - timedelta(days=1)
    while counts.get(cursor):
        streak += 1
        cursor -= timedelta(days=1)
    return days, streak


def student_progress(*, student, now=None, page=1) -> Progress:
    """Everything the progress page shows, in ten queries whatever the number of attempts:
    one page of the history, one row per quiz, the last TREND_ATTEMPTS scores."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    history = selectors.attempt_history_page(student=student, page=page)
    answered = Response.objects.filter(
        attempt__student=student, attempt__state=Attempt.State.SUBMITTED
    )
    kind_labels = dict(Fact.Kind.choices)
    by_kind = [
        (kind_labels.get(row["question__facts__kind"], "Other"), row["average"], row["answered"])
        for row in answered.values("question__facts__kind")
        .annotate(average=Avg("score"), answered=Count("id"))
        .order_by("question__facts__kind")
    ]
    by_document = [
        (row["question__document__title"], row["average"], row["answered"])
        for row in answered.values("question__document_id", "question__document__title")
        .annotate(average=Avg("score"), answered=Count("id"))
        .order_by("question__document__title", "question__document_id")
    ]
    since = today - timedelta(days=7 * CALENDAR_WEEKS)
    counts: dict[date, int] = {}
    for row in (
        Attempt.objects.filter(student=student, submitted_at__date__gte=since)
        .annotate(day=TruncDate("submitted_at"))
        .values("day")
        .annotate(count=Count("id"))
        .order_by()
    ):
        counts[row["day"]] = counts.get(row["day"], 0) + row["count"]
    for row in (
        ReviewLog.objects.filter(review_item__student=student, reviewed_at__date__gte=since)
        .annotate(day=TruncDate("reviewed_at"))
        .values("day")
        .annotate(count=Count("id"))
        .order_by()
    ):
        counts[row["day"]] = counts.get(row["day"], 0) + row["count"]
    days, streak = _calendar(counts, today)
    return Progress(
        history=history,
        quizzes=_quiz_summaries(selectors.attempt_stats_by_quiz(student=student)),
        by_kind=_bars(by_kind),
        by_document=_bars(by_document),
        days=days,
        active_days=sum(1 for day in days if day.count),
        streak=streak,
        trend=_trend(selectors.attempts_recent_submitted(student=student, limit=TREND_ATTEMPTS)),
    )
