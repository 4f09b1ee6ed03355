"""A student's progress: attempt history, best and last scores, mastery, activity.

Read-only; every figure comes from a fixed number of aggregate queries (the history is
paged, so the cost does not grow with the number of attempts), and the charts are
drawn as plain SVG geometry handed to the template (which escapes every label).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Page
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.html import format_html_join

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


# The calendar's colours by level (no activity, 1-2, 3-5, 6 or more).
DAY_FILLS = ("#eef1f4", "#a8c7fa", "#4c8df6", "#0b3d91")


@dataclass(frozen=True)
class Day:
    day: date
    count: int
    x: int
    y: int
    level: int

    # The square's colour and tooltip, made here rather than in the template: 84 squares
    # of template logic were a good part of the page's CPU.
    @property
    def fill(self) -> str:
        return DAY_FILLS[self.level]

    def title_with(self, names: tuple[list[str], dict[int, str]]) -> str:
        """The tooltip, with the day and month names of `_day_names()` (translated once for
        the 84 squares: each lookup of a lazy name is a translation)."""
        weekdays, months = names
        activities = "activity" if self.count == 1 else "activities"
        weekday, month = weekdays[self.day.weekday()], months[self.day.month]
        return f"{weekday} {self.day.day} {month}: {self.count} {activities}"


def _day_names() -> tuple[list[str], dict[int, str]]:
    """The abbreviated weekday and month names as the date filter's "D j M" writes them."""
    weekdays = [str(WEEKDAYS_ABBR[number]) for number in range(7)]
    months = {number: str(name).title() for number, name in MONTHS_3.items()}
    return weekdays, months


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
    def calendar_squares(self) -> str:
        """The calendar's squares as SVG, escaped, in one piece: as a template loop over
        84 days they were about a fifth of the page's CPU."""
        names = _day_names()
        return format_html_join(
            "\n",
            '<rect x="{}" y="{}" width="13" height="13" rx="2" fill="{}" stroke="#8c959f">'
            "<title>{}</title></rect>",
            ((day.x, day.y, day.fill, day.title_with(names)) for day in self.days),
        )

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


def _quiz_summaries(attempts: dict[int, selectors.QuizAttempts]) -> list[QuizSummary]:
    summaries = [
        QuizSummary(
            quiz_id=quiz_id,
            title=row.quiz.title,
            attempts=row.used,
            best=row.best,
            last=row.last.percent if row.last else None,
            last_attempt_id=row.last.pk if row.last else None,
        )
        for quiz_id, row in attempts.items()
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
    """Everything the progress page shows, in five queries whatever the number of attempts:
    the attempts per quiz (which also give the history's count), one page of the history,
    the scores by kind and by document (one aggregate), the activity calendar (one union)
    and the last TREND_ATTEMPTS scores."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    attempts = selectors.attempts_by_quiz(student=student)
    history = selectors.attempt_history_page(
        student=student, page=page, count=sum(row.used for row in attempts.values())
    )
    by_kind, by_document = _scores_by_kind_and_document(student)
    since = today - timedelta(days=7 * CALENDAR_WEEKS)
    submitted_days = (
        Attempt.objects.filter(student=student, submitted_at__date__gte=since)
        .annotate(day=TruncDate("submitted_at"))
        .values("day")
        .annotate(count=Count("id"))
        .order_by()
    )
    review_days = (
        ReviewLog.objects.filter(review_item__student=student, reviewed_at__date__gte=since)
        .annotate(day=TruncDate("reviewed_at"))
        .values("day")
        .annotate(count=Count("id"))
        .order_by()
    )
    counts: dict[date, int] = {}
    # UNION ALL: a day with both attempts and reviews comes back twice and is added up.
    for row in submitted_days.union(review_days, all=True):
        counts[row["day"]] = counts.get(row["day"], 0) + row["count"]
    days, streak = _calendar(counts, today)
    return Progress(
        history=history,
        quizzes=_quiz_summaries(attempts),
        by_kind=_bars(by_kind),
        by_document=_bars(by_document),
        days=days,
        active_days=sum(1 for day in days if day.count),
        streak=streak,
        trend=_trend(selectors.attempts_recent_submitted(student=student, limit=TREND_ATTEMPTS)),
    )


def _scores_by_kind_and_document(student) -> tuple[list[tuple], list[tuple]]:
    """(label, average score, answers) by kind of fact and by document, from one aggregate
    grouped by kind and question: a question of two kinds counts in each kind (a question
    with two facts of one kind, twice in it, as in the per-kind aggregate it replaces), and
    once in its document."""
    kind_labels = dict(Fact.Kind.choices)
    rows = (
        Response.objects.filter(attempt__student=student, attempt__state=Attempt.State.SUBMITTED)
        .values(
            "question__facts__kind",
            "question_id",
            "question__document_id",
            "question__document__title",
        )
        .annotate(
            total=Sum("score"),
            scored=Count("score"),
            answered=Count("id"),
            responses=Count("id", distinct=True),
        )
        .order_by()
    )
    kinds: dict = {}
    documents: dict = {}
    seen: set[int] = set()
    for row in rows:
        kind = kinds.setdefault(row["question__facts__kind"], [0.0, 0, 0])
        kind[0] += row["total"] or 0.0
        kind[1] += row["scored"]
        kind[2] += row["answered"]
        if row["question_id"] in seen:
            continue
        seen.add(row["question_id"])
        # The join repeats each response once per fact of this kind of its question: the
        # document counts each response once.
        repeats = row["answered"] // row["responses"]
        key = (row["question__document__title"], row["question__document_id"])
        document = documents.setdefault(key, [0.0, 0, 0])
        document[0] += (row["total"] or 0.0) / repeats
        document[1] += row["scored"] // repeats
        document[2] += row["responses"]

    def average(sums) -> float | None:
        return sums[0] / sums[1] if sums[1] else None

    # Sorted as the two aggregates were: by kind (no kind last), by title then id.
    by_kind = [
        (kind_labels.get(kind, "Other"), average(sums), sums[2])
        for kind, sums in sorted(kinds.items(), key=lambda item: (item[0] is None, item[0] or ""))
    ]
    by_document = [
        (title, average(sums), sums[2])
        for (title, _document_id), sums in sorted(
            documents.items(),
            key=lambda item: (item[0][0] is None, item[0][0] or "", item[0][1] or 0),
        )
    ]
    return by_kind, by_document
