"""Server-rendered pages: the student's dashboard, quizzes, results, review and progress,
and the teacher's class view. Every page works without JavaScript."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, user_passes_test
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from classes.selectors import classes_taught, student_assignments
from learning import progress, selectors, services
from learning import review as review_rules
from learning.answer_input import answer_problem
from learning.display import expected_answer_text, given_answer_text, option_feedback
from learning.forms import (
    Widget,
    answers_from_post,
    build_widget,
    posted_question_ids,
    question_fields,
)
from learning.matching import ambiguous_date_note
from learning.models import Attempt, Quiz, ReviewItem, ReviewLog
from learning.numbers import format_duration
from learning.scoring import is_empty, score_answer
from modules.selectors import module_list_for_student
from quizgen.exports import SpreadsheetWriter
from quizgen.models import Question

QUIZ_NOT_FOUND = "This quiz does not exist or is not published."
ITEM_CHOSEN_TWICE = (
    "“{item}” is chosen more than once: each item goes in one place only. Nothing was saved."
)
REVIEW_ANSWER_HIDDEN = "Your answer is recorded. The answers for this quiz are not shown yet."


def _seconds_left(attempt: Attempt) -> int | None:
    """Whole seconds until the deadline, rounded up: a page's countdown started from it never
    ends before the server's deadline (which would bounce between the quiz and the result)."""
    if attempt.deadline is None:
        return None
    return max(0, math.ceil((attempt.deadline - timezone.now()).total_seconds()))


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    # The student's assignments, read once: which quizzes and modules, and their access.
    assignments = student_assignments(user=request.user)
    quizzes = selectors.quizzes_for_dashboard(student=request.user, assignments=assignments)
    # One query, whatever the number of attempts: counts, best, last and current per quiz.
    attempts = selectors.attempts_by_quiz(student=request.user)
    if any(
        row.current and services.attempt_is_late(attempt=row.current) for row in attempts.values()
    ):
        # Rare: an attempt whose time ran out while the student was away is submitted now,
        # so the page shows it as done. Otherwise a GET writes nothing.
        services.attempts_expire_overdue(student=request.user)
        attempts = selectors.attempts_by_quiz(student=request.user)
    in_progress = [
        {"attempt": row.current, "seconds_left": _seconds_left(row.current)}
        for row in sorted(
            (row for row in attempts.values() if row.current),
            key=lambda row: (row.current.started_at, row.current.pk),
            reverse=True,
        )
    ]
    done = [
        {"quiz": row.quiz, "best": row.best or 0, "last": row.last, "count": row.submitted}
        for row in attempts.values()
        if row.submitted and row.last is not None
    ]
    available = []
    busy = {row["attempt"].quiz_id for row in in_progress}
    now = timezone.now()
    for quiz in quizzes:
        used = attempts[quiz.pk].used if quiz.pk in attempts else 0
        limit = quiz.access.attempt_limit(quiz)
        if quiz.pk in busy or (limit and used >= limit):
            continue
        available.append(
            {
                "quiz": quiz,
                "used": used,
                "attempt_limit": limit,
                "time_limit_minutes": quiz.access.time_limit_minutes(quiz),
                "opens_at": quiz.access.opens_at,
                "not_open": quiz.access.not_open_yet(now),
            }
        )
    return render(
        request,
        "learning/dashboard.html",
        {
            "available": available,
            "in_progress": in_progress,
            "done": sorted(done, key=lambda row: row["quiz"].title.casefold()),
            "due_count": selectors.review_due_count(student=request.user),
            "module_summaries": module_list_for_student(
                student=request.user, quiz_attempts=attempts, assignments=assignments
            ),
        },
    )


def _quiz_or_404(request: HttpRequest, quiz_id: int, counted: bool = True) -> Quiz:
    try:
        return selectors.quiz_for_student(quiz_id=quiz_id, student=request.user, counted=counted)
    except Quiz.DoesNotExist:
        raise Http404(QUIZ_NOT_FOUND) from None


@login_required
@require_GET
def quiz_intro(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = _quiz_or_404(request, quiz_id)
    used, current = selectors.attempt_counts(quiz=quiz, student=request.user)
    shown = selectors.attempts_recent_submitted(
        student=request.user, quiz=quiz, limit=selectors.INTRO_ATTEMPTS_SHOWN
    )
    now = timezone.now()
    access = quiz.access
    limit = access.attempt_limit(quiz)
    problem = ""
    if current is None:
        if access.not_open_yet(now):
            problem = services.QUIZ_NOT_OPEN.format(opens=access.opens_at)
        elif access.closed(now):
            problem = services.QUIZ_CLOSED.format(closes=access.closes_at)
        elif limit and used >= limit:
            problem = services.NO_ATTEMPTS_LEFT.format(count=limit)
    return render(
        request,
        "learning/quiz_intro.html",
        {
            "quiz": quiz,
            "attempts": shown,
            "submitted_count": used - (1 if current else 0),
            "current": current,
            "seconds_left": _seconds_left(current) if current else None,
            "attempt_limit": limit,
            "attempts_left": max(0, limit - used) if limit else None,
            "time_limit_minutes": access.time_limit_minutes(quiz),
            "opens_at": access.opens_at,
            "closes_at": access.closes_at,
            "answers_summary": review_rules.answers_summary(quiz=quiz, closes_at=access.closes_at),
            "problem": problem,
        },
    )


@login_required
@require_POST
def quiz_start(request: HttpRequest, quiz_id: int) -> HttpResponse:
    # The quiz without its question count (a join and a GROUP BY that starting never shows).
    quiz = _quiz_or_404(request, quiz_id, counted=False)
    try:
        # The access was read with the quiz: not again.
        attempt = services.attempt_start(quiz=quiz, student=request.user, access=quiz.access)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("learning:quiz_intro", quiz_id=quiz.pk)
    return redirect("learning:attempt_take", attempt_id=attempt.pk)


def _attempt_or_404(request: HttpRequest, attempt_id: int, with_responses: bool = True) -> Attempt:
    try:
        return selectors.attempt_for_student(
            attempt_id=attempt_id, student=request.user, with_responses=with_responses
        )
    except Attempt.DoesNotExist:
        raise Http404("No such attempt.") from None


def _number(value: float) -> str:
    """1.0 -> "1", 0.5 -> "0.5", 0.3333 -> "0.33"."""
    return f"{round(value, 2):g}"


def _verdict(score: float) -> str:
    return "right" if score >= 1 else "partly" if score > 0 else "wrong"


def _widgets(attempt: Attempt, entries) -> list[Widget]:
    """The widgets of these entries (`selectors.attempt_entries`) in the attempt's order."""
    ordered = selectors.order_entries(attempt=attempt, entries=entries)
    return [_widget(attempt, number, entry) for number, entry in enumerate(ordered, start=1)]


def _widget(attempt: Attempt, number: int, entry) -> Widget:
    """An entry's widget with its saved answer (and, in a quiz with immediate feedback, the
    checked one locked with its feedback)."""
    response = entry.response
    widget = build_widget(
        entry.question,
        number=number,
        answer=response.answer if response else None,
        seed=attempt.seed,
        shuffle_options=attempt.quiz.shuffle_options,
    )
    immediate = attempt.quiz.review_mode == Quiz.ReviewMode.IMMEDIATELY
    if immediate and response is not None and response.checked_at is not None:
        score = response.score or 0.0
        widget.locked = True
        widget.feedback = {
            "verdict": _verdict(score),
            "score": score,
            "expected": expected_answer_text(entry.question),
            "explanation": entry.question.explanation,
            "source": _source_to_show(entry.question),
            "accepted_as": response.accepted_as,
        }
    return widget


@dataclass(frozen=True)
class _Step:
    """A question in the navigator of a one-question-per-page attempt: only its number and
    whether it is answered (no widget is built for the questions not shown)."""

    number: int
    answered: bool


def _page_number(value, count: int, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = default
    return min(max(number, 1), max(count, 1))


@login_required
@require_http_methods(["GET", "POST"])
def attempt_take(request: HttpRequest, attempt_id: int) -> HttpResponse:
    # The responses come joined to the entries (attempt_entries), not read on their own.
    attempt = _attempt_or_404(request, attempt_id, with_responses=False)
    if attempt.state == Attempt.State.SUBMITTED:
        if request.method == "POST":
            messages.error(request, services.ATTEMPT_SUBMITTED)
        return redirect("learning:attempt_result", attempt_id=attempt.pk)
    entries = selectors.attempt_entries(attempt=attempt)
    one_per_page = attempt.quiz.layout == Quiz.Layout.ONE_PER_PAGE
    count = len(entries)
    if request.method == "GET":
        return _attempt_page(request, attempt, entries, one_per_page)
    widgets = _widgets(attempt, entries)
    current = _page_number(request.POST.get("page"), count, attempt.current_page)
    shown = [widgets[current - 1]] if one_per_page and widgets else widgets
    if "skip" in request.POST:
        answers, target = {}, _page_number(request.POST["skip"], count, current)
    else:
        answers = answers_from_post(request.POST, [w for w in shown if not w.locked])
        target = _page_number(request.POST.get("goto"), count, current)
    url = reverse("learning:attempt_take", args=[attempt.pk])
    repeated = _repeated_item(answers)
    if repeated is not None:
        # Without JavaScript, ordering and matching are selects: one item in two places.
        messages.error(request, ITEM_CHOSEN_TWICE.format(item=repeated))
        return redirect(f"{url}?page={current}" if one_per_page else url)
    try:
        services.attempt_save_answers(
            attempt=attempt, answers=answers, page=target if one_per_page else None
        )
        if "check" in request.POST:
            checked = next((w for w in shown if str(w.id) == request.POST["check"]), None)
            if checked is not None:
                services.response_check(attempt=attempt, question_id=checked.id)
                page_part = f"?page={target}" if one_per_page else ""
                return redirect(f"{url}{page_part}#question-{checked.number}")
    except ValidationError as error:
        if error.code in ("expired", "submitted"):
            saved = {widget.id: widget.answer for widget in widgets}
            messages.error(request, _late_message(error, answers, saved))
            return redirect("learning:attempt_result", attempt_id=attempt.pk)
        messages.error(request, " ".join(error.messages))
        if error.code == "invalid_answer":
            # Nothing was saved: stay on the question, whose saved answer the page shows.
            return redirect(f"{url}?page={current}" if one_per_page else url)
    if "finish" in request.POST:
        return redirect("learning:attempt_confirm", attempt_id=attempt.pk)
    if "save" in request.POST:
        messages.success(request, "Your answers are saved.")
    return redirect(f"{url}?page={target}" if one_per_page else url)


def _attempt_page(request: HttpRequest, attempt: Attempt, entries, one_per_page: bool):
    """The question page: with one question per page, the widget of the question shown
    only, and the navigator's numbers and answered states of all."""
    if services.attempt_expire_if_due(attempt=attempt):
        messages.error(request, services.ATTEMPT_EXPIRED)
        return redirect("learning:attempt_result", attempt_id=attempt.pk)
    count = len(entries)
    current = _page_number(request.GET.get("page"), count, attempt.current_page)
    ordered = selectors.order_entries(attempt=attempt, entries=entries)
    steps = [
        _Step(
            number=number,
            answered=entry.response is not None and not is_empty(entry.response.answer),
        )
        for number, entry in enumerate(ordered, start=1)
    ]
    if one_per_page:
        shown = [_widget(attempt, current, ordered[current - 1])] if ordered else []
    else:
        shown = [_widget(attempt, number, entry) for number, entry in enumerate(ordered, start=1)]
    return render(
        request,
        "learning/attempt_take.html",
        {
            "quiz": attempt.quiz,
            "attempt": attempt,
            "widgets": shown,
            "navigator": steps if one_per_page else [],
            "one_per_page": one_per_page,
            "page": current,
            "page_count": count,
            "previous_page": current - 1 if current > 1 else None,
            "next_page": current + 1 if current < count else None,
            "seconds_left": _seconds_left(attempt),
            "answered_count": sum(1 for step in steps if step.answered),
            "immediate": attempt.quiz.review_mode == Quiz.ReviewMode.IMMEDIATELY,
        },
    )


def _repeated_item(answers: dict) -> str | None:
    """An item chosen for two positions (ordering) or two names (matching), if any."""
    for answer in answers.values():
        if isinstance(answer, list | dict):
            values = answer if isinstance(answer, list) else list(answer.values())
            chosen = [item for item in values if item]
            for item in chosen:
                if chosen.count(item) > 1:
                    return item
    return None


def _late_message(error: ValidationError, answers, saved: dict) -> str:
    """The expiry message; it says answers were refused only when new ones were refused
    (`saved`: question id -> the answer saved before)."""
    if error.code == "expired" and any(
        value != saved.get(question_id) for question_id, value in answers.items()
    ):
        return services.LATE_ANSWERS_REFUSED
    return " ".join(error.messages)


@login_required
@require_POST
def attempt_autosave(request: HttpRequest, attempt_id: int) -> JsonResponse:
    """Saves the answers of the fields sent, as the student gives them (used by quiz.js)."""
    # Under the attempt's lock, the posted questions are read with the attempt's saved
    # responses to them, and the answers written: no widget built, the quiz not loaded.
    result_url = reverse("learning:attempt_result", args=[attempt_id])
    try:
        services.attempt_save_form(attempt_id=attempt_id, student=request.user, form=request.POST)
    except Attempt.DoesNotExist:
        raise Http404("No such attempt.") from None
    except ValidationError as error:
        message = " ".join(error.messages)
        if error.code == "expired":
            # Rare (time ran out): the message says whether new answers were refused, by
            # comparing them with what was saved in time.
            message = _late_message(error, *_posted_and_saved(request, attempt_id))
        payload = {"saved": False, "message": message}
        if error.code in ("expired", "submitted"):
            payload["result_url"] = result_url
        return JsonResponse(payload, status=400 if error.code == "invalid_answer" else 409)
    return JsonResponse({"saved": True, "message": "Saved."})


def _posted_and_saved(request: HttpRequest, attempt_id: int) -> tuple[dict, dict]:
    """The answers posted to an attempt (its quiz's questions only), and those it saved."""
    attempt = _attempt_or_404(request, attempt_id, with_responses=False)
    entries = selectors.quiz_entries_for_questions(
        quiz=attempt.quiz, question_ids=posted_question_ids(request.POST)
    )
    answers = answers_from_post(
        request.POST, [question_fields(entry.question) for entry in entries]
    )
    saved = dict(
        attempt.responses.filter(question_id__in=list(answers)).values_list("question_id", "answer")
    )
    return answers, saved


@login_required
@require_http_methods(["GET", "POST"])
def attempt_confirm(request: HttpRequest, attempt_id: int) -> HttpResponse:
    if request.method == "POST":
        # Submitting reads the attempt once, under its lock (and its answers, joined to the
        # quiz's entries): nothing is read before.
        try:
            _submitted, late = services.attempt_submit_for_student(
                attempt_id=attempt_id, student=request.user
            )
        except Attempt.DoesNotExist:
            raise Http404("No such attempt.") from None
        if late:
            messages.error(request, services.ATTEMPT_EXPIRED)
        return redirect("learning:attempt_result", attempt_id=attempt_id)
    attempt = _attempt_or_404(request, attempt_id, with_responses=False)
    if attempt.state == Attempt.State.SUBMITTED:
        return redirect("learning:attempt_result", attempt_id=attempt.pk)
    if services.attempt_expire_if_due(attempt=attempt):
        messages.error(request, services.ATTEMPT_EXPIRED)
        return redirect("learning:attempt_result", attempt_id=attempt.pk)
    widgets = _widgets(attempt, selectors.attempt_entries(attempt=attempt))
    return render(
        request,
        "learning/attempt_confirm.html",
        {
            "quiz": attempt.quiz,
            "attempt": attempt,
            "unanswered": [widget for widget in widgets if not widget.answered],
            "count": len(widgets),
            "one_per_page": attempt.quiz.layout == Quiz.Layout.ONE_PER_PAGE,
            "seconds_left": _seconds_left(attempt),
        },
    )


@login_required
@require_GET
def attempt_result(request: HttpRequest, attempt_id: int) -> HttpResponse:
    # The answers come joined to the entries (attempt_entries), when the review shows any.
    attempt = _attempt_or_404(request, attempt_id, with_responses=False)
    if attempt.state != Attempt.State.SUBMITTED:
        if not services.attempt_expire_if_due(attempt=attempt):
            return redirect("learning:attempt_take", attempt_id=attempt.pk)
        attempt = _attempt_or_404(request, attempt_id, with_responses=False)
    busy = review_rules.attempt_in_progress_elsewhere(attempt=attempt)
    review = review_rules.attempt_review(attempt=attempt, in_progress_elsewhere=busy)
    only_mistakes = request.GET.get("only") == "mistakes"
    rows = []
    if review.anything:
        entries = selectors.order_entries(
            attempt=attempt, entries=selectors.attempt_entries(attempt=attempt)
        )
        for number, entry in enumerate(entries, start=1):
            question = entry.question
            response = entry.response
            score = response.score if response and response.score is not None else 0.0
            answer = response.answer if response else None
            row = {
                "number": number,
                "prompt": question.prompt,
                "given": given_answer_text(question, answer),
                "points": _number(entry.points),
                "points_label": "point" if entry.points == 1 else "points",
                # Each part only when the quiz's review options show it now (learning/review.py).
                "verdict": _verdict(score) if review.marks else "",
                "earned": _number(score * entry.points) if review.marks else "",
                "accepted_as": (response.accepted_as if response else "") if review.marks else "",
                "date_note": ambiguous_date_note(question, answer)
                if review.marks and answer and score < 1
                else "",
                "marked_by_teacher": review.marks and bool(response and response.overridden_by_id),
                "expected": expected_answer_text(question) if review.answers else "",
                "explanation": question.explanation if review.answers else "",
                "source": _source_to_show(question) if review.answers else "",
                "feedback": option_feedback(question, answer) if review.feedback else "",
                "teacher_comment": (
                    (response.teacher_comment if response else "") if review.feedback else ""
                ),
                # Known only with the marks: without them nothing may tell right from wrong.
                "right": review.marks and score >= 1,
            }
            rows.append(row)
    # "Only my mistakes" needs the marks: without them there is no filter to offer.
    mistakes = [row for row in rows if not row["right"]] if review.marks else []
    return render(
        request,
        "learning/attempt_result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "rows": mistakes if only_mistakes and review.marks else rows,
            "question_count": len(rows),
            "mistake_count": len(mistakes),
            "only_mistakes": only_mistakes,
            "review": review,
            "not_shown": _review_not_shown(attempt, review),
            # With another attempt open the student resumes it: no "Try again".
            "can_try_again": not busy and _can_try_again(attempt),
        },
    )


def _review_not_shown(attempt: Attempt, review: review_rules.Review) -> str:
    """Why the correct answers are not on the result page, and when they will be."""
    if review.hidden_by_attempt_in_progress:
        return services.ANSWERS_HIDDEN_DURING_ATTEMPT
    if review.answers:
        return ""
    closes_at = review_rules.student_closes_at(attempt=attempt)
    when = review_rules.answers_shown_later(quiz=attempt.quiz, review=review, closes_at=closes_at)
    if when == "after_close":
        return services.ANSWERS_AFTER_CLOSE.format(
            date=date_format(timezone.localtime(closes_at), "j M Y H:i")
        )
    if when == "later":
        return services.ANSWERS_LATER.format(
            minutes=int(review_rules.REVIEW_IMMEDIATELY_FOR.total_seconds() // 60)
        )
    return services.ANSWERS_NOT_SHOWN


_QUOTES = "\"'“”‘’«»"


def _plain(text: str) -> str:
    return " ".join(text.split()).strip(_QUOTES + " .").casefold()


def _source_to_show(question: Question) -> str:
    """The source sentence, unless the explanation already quotes it (shown once, not twice)."""
    sentence = question.source_sentence or ""
    if not sentence or _plain(sentence) in _plain(question.explanation or ""):
        return ""
    return sentence


def _can_try_again(attempt: Attempt) -> bool:
    """Whether the result page offers "Try again": attempts remain and the quiz is open.

    No other attempt is open (the caller knows). With a limit on attempts, one query counts
    the student's attempts, whatever the number of questions.
    """
    quiz = attempt.quiz
    now = timezone.now()
    if not quiz.is_published or (quiz.opens_at and now < quiz.opens_at):
        return False
    if quiz.closes_at and now >= quiz.closes_at:
        return False
    if not quiz.max_attempts:
        return True
    used = Attempt.objects.filter(quiz=quiz, student_id=attempt.student_id).count()
    return used < quiz.max_attempts


# Spaced review of mistakes (and flashcards, which share the queue)


def _review_context(request: HttpRequest, item: ReviewItem | None, **extra) -> dict:
    context = {
        "item": item,
        "due_count": selectors.review_due_count(student=request.user),
        "ratings": ReviewLog.Rating.choices,
    }
    if item is not None and isinstance(item.item, Question):
        context["widget"] = build_widget(
            item.item,
            number=0,  # one item at a time: no quiz position to show
            answer=extra.pop("answer", None),
            seed=item.pk,
            shuffle_options=True,
        )
    elif item is not None and item.item is not None:
        # A flashcard of a learning module (front, back, sentence), or any other object.
        context["front"] = getattr(item.item, "front", None) or str(item.item)
        context["back"] = getattr(item.item, "back", "")
        context["sentence"] = getattr(item.item, "sentence", "")
    elif item is not None:
        context["front"] = "This card was removed by its teacher. Rate it to move on."
    context.update(extra)
    return context


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest) -> HttpResponse:
    """One due item at a time: answer (or recall), see the answer, rate how it went."""
    if request.method == "GET":
        item = selectors.review_item_next(student=request.user)
        return render(request, "learning/review.html", _review_context(request, item))
    try:
        item = selectors.review_item_for_student(
            student=request.user, review_item_id=int(request.POST.get("item", ""))
        )
    except (ReviewItem.DoesNotExist, ValueError):
        messages.error(request, "That review item is no longer due.")
        return redirect("learning:review")
    if "rating" in request.POST:
        try:
            services.review_record(review_item=item, rating=int(request.POST["rating"]))
        except (ValidationError, ValueError):
            messages.error(request, services.INVALID_RATING)
            return redirect("learning:review")
        messages.success(request, "Review recorded.")
        return redirect("learning:review")
    # Reveal: show the answer of a question (if its quiz allows) or the back of a flashcard.
    extra = {"revealed": True}
    question = item.item if isinstance(item.item, Question) else None
    if question is not None:
        widget = build_widget(question, number=1, answer=None, seed=item.pk, shuffle_options=True)
        answer = answers_from_post(request.POST, [widget]).get(question.pk)
        problem = answer_problem(answer)
        if problem is not None:
            messages.error(request, problem)
            return redirect("learning:review")
        extra["answer"] = answer
        if not review_rules.question_answers_shown_now(
            student=request.user, question_id=question.pk
        ):
            extra["hidden_message"] = REVIEW_ANSWER_HIDDEN
        else:
            score = score_answer(question, answer)
            extra["verdict"] = _verdict(score)
            extra["given"] = given_answer_text(question, answer)
            extra["expected"] = expected_answer_text(question)
            extra["source"] = _source_to_show(question)
            extra["suggested"] = ReviewLog.Rating.GOOD if score >= 1 else ReviewLog.Rating.AGAIN
    return render(request, "learning/review.html", _review_context(request, item, **extra))


@login_required
@require_GET
def progress_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/progress.html",
        {
            "progress": progress.student_progress(
                student=request.user, page=request.GET.get("page", 1)
            ),
            "bar_width": progress.BAR_WIDTH,
            "chart_width": progress.CHART_WIDTH,
        },
    )


# Teachers: their own quizzes only


def _is_staff(user) -> bool:
    return user.is_active and user.is_staff


teacher_required = user_passes_test(_is_staff)


def _owned_or_404(request: HttpRequest, quiz_id: int) -> Quiz:
    try:
        return selectors.quiz_owned(teacher=request.user, quiz_id=quiz_id)
    except Quiz.DoesNotExist:
        raise Http404(QUIZ_NOT_FOUND) from None


def _class_rows(attempts: list[Attempt]) -> list[dict]:
    by_student: dict[int, list[Attempt]] = {}
    for attempt in attempts:
        by_student.setdefault(attempt.student_id, []).append(attempt)
    rows = []
    for student_attempts in by_student.values():
        done = [a for a in student_attempts if a.state == Attempt.State.SUBMITTED]
        last = max(done, key=lambda a: (a.submitted_at, a.pk)) if done else None
        rows.append(
            {
                "student": student_attempts[0].student,
                "attempts": len(student_attempts),
                "best": max((a.percent or 0 for a in done), default=None),
                "last": last,
                "in_progress": len(done) < len(student_attempts),
                "time_spent": format_duration(sum((a.duration for a in done), timedelta())),
            }
        )
    return rows


@login_required
@teacher_required
@require_GET
def teach_quizzes(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/teach_quizzes.html",
        {"quizzes": selectors.quizzes_owned(teacher=request.user)},
    )


@login_required
@teacher_required
@require_GET
def teach_quiz(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = _owned_or_404(request, quiz_id)
    school_class = _class_filter(request)
    services.attempts_expire_overdue(quiz=quiz)
    rows = _class_rows(selectors.quiz_attempts(quiz=quiz, school_class=school_class))
    return render(
        request,
        "learning/teach_quiz.html",
        {
            "quiz": quiz,
            "rows": rows,
            "classes": list(classes_taught(teacher=request.user)),
            "school_class": school_class,
        },
    )


def _class_filter(request: HttpRequest):
    """The class of `?class=<id>` among the teacher's classes (None without one)."""
    raw = request.GET.get("class", "")
    if not raw:
        return None
    school_class = (
        classes_taught(teacher=request.user).filter(pk=raw).first() if raw.isdigit() else None
    )
    if school_class is None:
        raise Http404("No such class.")
    return school_class


@login_required
@teacher_required
@require_GET
def teach_quiz_preview(request: HttpRequest, quiz_id: int) -> HttpResponse:
    """The quiz as a student sees it (no answers in the page), with nothing saved."""
    quiz = _owned_or_404(request, quiz_id)
    entries = selectors.quiz_entries(quiz=quiz)
    widgets = [
        build_widget(
            entry.question,
            number=number,
            answer=None,
            seed=quiz.pk,
            shuffle_options=quiz.shuffle_options,
        )
        for number, entry in enumerate(entries, start=1)
    ]
    return render(request, "learning/quiz_preview.html", {"quiz": quiz, "widgets": widgets})


@login_required
@teacher_required
@require_GET
def teach_student(request: HttpRequest, quiz_id: int, student_id: int) -> HttpResponse:
    quiz = _owned_or_404(request, quiz_id)
    student = get_user_model().objects.filter(pk=student_id).first()
    if student is None:
        raise Http404("No such student.")
    attempts = selectors.quiz_attempts(quiz=quiz, student=student)
    entries = selectors.quiz_entries(quiz=quiz)
    responses = {a.pk: {r.question_id: r for r in a.responses.all()} for a in attempts}
    table = []
    for number, entry in enumerate(entries, start=1):
        cells = []
        for attempt in attempts:
            response = responses[attempt.pk].get(entry.question_id)
            cells.append(
                {
                    "given": given_answer_text(
                        entry.question, response.answer if response else None
                    ),
                    "score": response.score if response else None,
                }
            )
        table.append({"number": number, "question": entry.question, "cells": cells})
    return render(
        request,
        "learning/teach_student.html",
        {"quiz": quiz, "student": student, "attempts": attempts, "table": table},
    )


@login_required
@teacher_required
@require_GET
def teach_quiz_csv(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = _owned_or_404(request, quiz_id)
    school_class = _class_filter(request)
    services.attempts_expire_overdue(quiz=quiz)
    attempts = selectors.quiz_attempts(quiz=quiz, school_class=school_class)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    part = f"-class-{school_class.pk}" if school_class else ""
    response["Content-Disposition"] = f'attachment; filename="quiz-{quiz.pk}{part}-results.csv"'
    writer = SpreadsheetWriter(response)
    writer.writerow(
        [
            "student",
            "attempt",
            "state",
            "started_at",
            "submitted_at",
            "seconds_spent",
            "score",
            "max_score",
            "percent",
            "passed",
        ]
    )
    for attempt in attempts:
        writer.writerow(
            [
                attempt.student.get_username(),  # SpreadsheetWriter guards formulas
                attempt.number,
                attempt.state,
                attempt.started_at.isoformat(),
                attempt.submitted_at.isoformat() if attempt.submitted_at else "",
                int(attempt.duration.total_seconds()) if attempt.duration else "",
                "" if attempt.score is None else f"{attempt.score:g}",
                "" if attempt.max_score is None else f"{attempt.max_score:g}",
                "" if attempt.percent is None else attempt.percent,
                "" if attempt.passed is None else ("yes" if attempt.passed else "no"),
            ]
        )
    return response
