"""Class pages: a student's classes and joining by code; a teacher's classes and results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, user_passes_test
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from classes import selectors, services
from classes.models import SchoolClass
from classes.results import class_results, class_results_csv_rows
from lti.selectors import lms_roster_offered, passbacks_unsent
from quizgen.exports import SpreadsheetWriter

JOINED = "You joined {school_class}."
ALREADY_JOINED = "You are already in {school_class}."


@login_required
@require_http_methods(["GET", "POST"])
def my_classes(request: HttpRequest) -> HttpResponse:
    code = ""
    if request.method == "POST":
        code = request.POST.get("code", "")
        try:
            enrolment, created = services.class_join(student=request.user, code=code)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            template = JOINED if created else ALREADY_JOINED
            messages.success(request, template.format(school_class=enrolment.school_class))
            return redirect("classes:mine")
    return render(
        request,
        "classes/mine.html",
        {"classes": list(selectors.classes_for_student(student=request.user)), "code": code},
    )


teacher_required = user_passes_test(lambda user: user.is_active and user.is_staff)


@login_required
@teacher_required
@require_GET
def teach_classes(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "classes/teach_classes.html",
        {"classes": list(selectors.classes_taught(teacher=request.user))},
    )


def _class_or_404(request: HttpRequest, class_id: int) -> SchoolClass:
    try:
        return selectors.class_detail(school_class_id=class_id, user=request.user)
    except SchoolClass.DoesNotExist:
        raise Http404("No such class.") from None


@login_required
@teacher_required
@require_GET
def teach_class(request: HttpRequest, class_id: int) -> HttpResponse:
    school_class = _class_or_404(request, class_id)
    return render(
        request,
        "classes/teach_class.html",
        {
            "school_class": school_class,
            "results": class_results(school_class=school_class),
            "unsent_scores": list(passbacks_unsent(school_class=school_class)),
            "lms_roster": lms_roster_offered(school_class=school_class),
        },
    )


@login_required
@teacher_required
@require_GET
def teach_class_csv(request: HttpRequest, class_id: int) -> HttpResponse:
    school_class = _class_or_404(request, class_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = slugify(str(school_class)) or f"class-{school_class.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}-results.csv"'
    # Like every CSV download: a byte-order mark, and no cell read as a formula.
    SpreadsheetWriter(response).writerows(
        class_results_csv_rows(class_results(school_class=school_class))
    )
    return response
