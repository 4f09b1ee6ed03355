"""Server-rendered module pages: the study page, flashcards, exports and the teacher's view."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from classes.selectors import classes_taught, modules_visible_filter
from learning.models import ReviewLog
from modules import exports, materials, selectors, services
from modules.models import Flashcard, Module
from quizgen.exports import SpreadsheetWriter

RATINGS = [(value, label, str(value)) for value, label in ReviewLog.Rating.choices]
PROGRESS_CSV_HEADER = [
    "student",
    "status",
    "started",
    "completed",
    "flashcards",
    "flashcards reviewed",
    "flashcards due",
    "retention estimate (%)",
    "quiz attempts",
    "quiz best (%)",
]


def _module_for(request: HttpRequest, module_id: int) -> Module:
    """A published module assigned to the user, or any module its owner (or a superuser) is
    previewing."""
    visible = Q() if request.user.is_superuser else modules_visible_filter(user=request.user)
    module = Module.objects.select_related("quiz", "owner").filter(visible, pk=module_id).first()
    if module is None:
        raise Http404("No such module.")
    return module


def _quiz_url(quiz_id: int | None) -> str:
    """The page where a student starts the module's quiz (its intro page where there is one)."""
    if quiz_id is None:
        return ""
    for name in ("learning:quiz_intro", "learning:quiz_take"):
        try:
            return reverse(name, args=[quiz_id])
        except NoReverseMatch:
            continue
    return ""


def _owns(user, module: Module) -> bool:
    return user.is_superuser or (user.is_staff and module.owner_id == user.pk)


@login_required
def module_list(request: HttpRequest) -> HttpResponse:
    summaries = selectors.module_list_for_student(student=request.user)
    return render(request, "modules/module_list.html", {"module_summaries": summaries})


@login_required
def module_study(request: HttpRequest, module_id: int) -> HttpResponse:
    module = _module_for(request, module_id)
    documents = selectors.module_documents(module=module)
    services.module_build_if_outdated(module=module, documents=documents)
    facts = selectors.module_facts(documents=documents)
    flashcards = selectors.module_flashcards(module=module) if module.show_flashcards else []
    if _owns(request.user, module):
        # The teacher previewing the module is not one of its students.
        summary = selectors.module_progress_for_student(module=module, student=request.user)
    else:
        card_ids = [card.pk for card in flashcards]
        progress, states = services.module_start(
            module=module, student=request.user, card_ids=card_ids
        )
        summary = selectors.module_summary_for_started(
            module=module, student=request.user, card_ids=card_ids, states=states, progress=progress
        )
        services.module_progress_record_completion(progress=progress, completed=summary.completed)
    facts_by_document: dict[int, list] = {}
    for fact in facts:
        facts_by_document.setdefault(fact.document_id, []).append(fact)
    readings = [
        {
            "document": document,
            "paragraphs": materials.reading_paragraphs(
                document, facts_by_document.get(document.pk, [])
            ),
        }
        for document in documents
    ]
    timeline = materials.timeline(documents, facts) if module.show_timeline else []
    return render(
        request,
        "modules/study.html",
        {
            "module": module,
            "documents": documents,
            "readings": readings,
            "timeline": timeline,
            "timeline_points": materials.timeline_svg_points(timeline),
            "figures": materials.key_figures(documents, facts) if module.show_key_figures else [],
            "actors": materials.whos_who(documents, facts) if module.show_whos_who else [],
            "flashcards": flashcards,
            "summary": summary,
            "is_owner": _owns(request.user, module),
            "quiz_url": _quiz_url(module.quiz_id),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def flashcards_study(request: HttpRequest, module_id: int) -> HttpResponse:
    module = _module_for(request, module_id)
    if not module.show_flashcards:
        raise Http404(services.FLASHCARDS_SWITCHED_OFF)
    if request.method == "POST":
        try:
            flashcard = selectors.flashcard_for_module(
                module=module, flashcard_id=int(request.POST.get("flashcard", "0"))
            )
            rating = int(request.POST.get("rating", "0"))
            services.flashcard_review(
                module=module, flashcard=flashcard, student=request.user, rating=rating
            )
        except (Flashcard.DoesNotExist, ValueError):
            messages.error(request, services.FLASHCARD_NOT_IN_MODULE)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("modules:flashcards", module_id=module.pk)
    due = selectors.flashcards_due(module=module, student=request.user)
    next_due = None if due else selectors.next_flashcard_due(module=module, student=request.user)
    if not due and next_due is None and not _owns(request.user, module):
        # Opened before the study page (a bookmark, a link): queue the cards first.
        services.module_start(module=module, student=request.user)
        due = selectors.flashcards_due(module=module, student=request.user)
    return render(
        request,
        "modules/flashcards.html",
        {
            "module": module,
            "card": due[0][1] if due else None,
            "due_count": len(due),
            "next_due": next_due,
            "ratings": RATINGS,
            "now": timezone.now(),
        },
    )


@login_required
def flashcards_export(request: HttpRequest, module_id: int, extension: str) -> HttpResponse:
    module = _module_for(request, module_id)
    if not module.show_flashcards and not _owns(request.user, module):
        raise Http404(services.FLASHCARDS_SWITCHED_OFF)
    flashcards = selectors.module_flashcards(module=module)
    name = slugify(module.title) or f"module-{module.pk}"
    if extension == "apkg":
        response = HttpResponse(
            exports.flashcards_apkg(module=module, flashcards=flashcards),
            content_type="application/octet-stream",
        )
    else:
        response = HttpResponse(
            exports.flashcards_csv(flashcards=flashcards), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}-flashcards.{extension}"'
    return response


def _class_rows(request: HttpRequest, module_id: int, classes: list | None = None):
    """The module, the class of `?class=<id>` (one of the teacher's; None without) and its
    students' progress. `classes`, when the page lists them anyway, saves the class query."""
    module = _module_for(request, module_id)
    if not _owns(request.user, module):
        raise PermissionDenied("Only the module's teacher sees its class progress.")
    raw = request.GET.get("class", "")
    school_class = None
    if raw:
        if not raw.isdigit():
            raise Http404("No such class.")
        if classes is None:
            school_class = classes_taught(teacher=request.user).filter(pk=raw).first()
        else:
            school_class = next((option for option in classes if option.pk == int(raw)), None)
        if school_class is None:
            raise Http404("No such class.")
    students = selectors.module_class_students(module=module, school_class=school_class)
    return module, school_class, selectors.module_class_progress(module=module, students=students)


@login_required
def module_class_progress(request: HttpRequest, module_id: int) -> HttpResponse:
    classes = list(classes_taught(teacher=request.user))
    module, school_class, rows = _class_rows(request, module_id, classes)
    return render(
        request,
        "modules/class_progress.html",
        {"module": module, "rows": rows, "classes": classes, "school_class": school_class},
    )


@login_required
def module_class_progress_csv(request: HttpRequest, module_id: int) -> HttpResponse:
    module, _school_class, rows = _class_rows(request, module_id)
    buffer = io.StringIO()
    writer = SpreadsheetWriter(buffer)
    writer.writerow(PROGRESS_CSV_HEADER)
    for student, summary in rows:
        writer.writerow(
            [
                student.get_username(),
                summary.status_label,
                summary.started_at.isoformat() if summary.started_at else "",
                summary.completed_at.isoformat() if summary.completed_at else "",
                summary.cards_total,
                summary.cards_reviewed,
                summary.cards_due,
                "" if summary.retention is None else summary.retention_percent,
                summary.attempts,
                "" if summary.quiz_best is None else summary.quiz_best,
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = slugify(module.title) or f"module-{module.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}-progress.csv"'
    return response
