"""Server-rendered pages for students: dashboard, taking a quiz, results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from learning import selectors, services
from learning.forms import answers_from_post, field_name
from learning.models import Attempt, Quiz


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    quizzes = list(selectors.quiz_list_for_student(student=request.user))
    attempts = list(selectors.attempts_for_student(student=request.user))
    return render(request, "learning/dashboard.html", {"quizzes": quizzes, "attempts": attempts})


def _question_views(attempt: Attempt, answers: dict[int, object]) -> list[dict]:
    views = []
    for number, entry in enumerate(selectors.attempt_entries(attempt=attempt), start=1):
        question = entry.question
        options = selectors.option_order(
            attempt=attempt, question_id=question.pk, options=question.options
        )
        views.append(
            {
                "number": number,
                "id": question.pk,
                "kind": question.kind,
                "prompt": question.prompt,
                "field": field_name(question.pk),
                # Only the option texts travel to the page, never their correctness.
                "choices": [option["text"] for option in options],
                "items": list(question.answer or []) if question.kind == "ordering" else [],
                "answer": answers.get(question.pk),
            }
        )
    return views


@login_required
@require_http_methods(["GET", "POST"])
def quiz_take(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = get_object_or_404(Quiz, pk=quiz_id, is_published=True)
    try:
        attempt = services.attempt_start(quiz=quiz, student=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("learning:dashboard")
    entries = selectors.attempt_entries(attempt=attempt)
    if request.method == "POST":
        answers = answers_from_post(request.POST, entries)
        try:
            if "submit" in request.POST:
                attempt = services.attempt_submit(attempt=attempt, answers=answers)
                return redirect("learning:attempt_result", attempt_id=attempt.pk)
            services.attempt_save_answers(attempt=attempt, answers=answers)
            messages.success(request, "Your answers are saved.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("learning:attempt_result", attempt_id=attempt.pk)
        return redirect("learning:quiz_take", quiz_id=quiz.pk)
    saved = {response.question_id: response.answer for response in attempt.responses.all()}
    return render(
        request,
        "learning/quiz_take.html",
        {"quiz": quiz, "attempt": attempt, "questions": _question_views(attempt, saved)},
    )


@login_required
def attempt_result(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz"), pk=attempt_id, student=request.user
    )
    if attempt.state != Attempt.State.SUBMITTED:
        services.attempt_expire_if_due(attempt=attempt)
        attempt.refresh_from_db()
    if attempt.state != Attempt.State.SUBMITTED:
        return redirect("learning:quiz_take", quiz_id=attempt.quiz_id)
    review = services.attempt_review_allowed(attempt=attempt)
    responses = {response.question_id: response for response in attempt.responses.all()}
    rows = []
    for number, entry in enumerate(selectors.attempt_entries(attempt=attempt), start=1):
        response = responses.get(entry.question_id)
        row = {
            "number": number,
            "prompt": entry.question.prompt,
            "given": response.answer if response else None,
        }
        if review:
            row["correct"] = bool(response and response.is_correct)
            row["expected"] = _expected_answer(entry.question)
            row["explanation"] = entry.question.explanation
        rows.append(row)
    return render(
        request,
        "learning/attempt_result.html",
        {"attempt": attempt, "quiz": attempt.quiz, "rows": rows, "review": review},
    )


def _expected_answer(question) -> str:
    if question.options:
        return ", ".join(question.correct_options)
    if question.accepted_answers:
        return question.accepted_answers[0]
    if isinstance(question.answer, dict) and "value" in question.answer:
        return str(question.answer.get("display") or question.answer["value"])
    if isinstance(question.answer, list):
        return " → ".join(
            str(item) if not isinstance(item, list) else " = ".join(item)
            for item in question.answer
        )
    return ""
