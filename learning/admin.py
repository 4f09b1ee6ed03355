"""The quiz builder: questions in order, every setting, publishing, and item analysis."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import slugify

from learning import services, statistics
from learning.display import given_answer_text
from learning.models import (
    REVIEW_FIELDS,
    REVIEW_ITEMS,
    REVIEW_TIMINGS,
    Attempt,
    Quiz,
    QuizQuestion,
    Regrade,
    Response,
)
from quizgen.admin import OwnedAdminMixin
from quizgen.models import Question

QUIZ_PUBLISHED = "Published “{quiz}”: students can take it now."
QUIZ_UNPUBLISHED = "“{quiz}” is hidden from students again."
QUIZ_DUPLICATED = "Duplicated “{quiz}” as “{copy}” (not published)."

SETTINGS_FIELDS = sorted(services.QUIZ_SETTINGS)


class QuestionPicker(AutocompleteSelect):
    """The searchable question field of a quiz row (type words of the prompt, answer or fact).

    The labels of the quiz's own questions are read once for the whole list (`known_labels`),
    so the page's queries do not grow with the quiz.
    """

    known_labels: dict[int, str] = {}

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if not all(v.isdigit() and int(v) in self.known_labels for v in selected):
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for chosen in selected:
            label = self.known_labels[int(chosen)]
            options.append(self.create_option(name, int(chosen), label, True, len(options)))
        return [(None, options, 0)]


class QuizQuestionFormSet(forms.BaseInlineFormSet):
    """Validates the chosen questions with the same rules as `quiz_set_questions`."""

    request = None

    def add_fields(self, form, index):
        super().add_fields(form, index)
        field = form.fields.get("question")
        if field is not None:
            if not hasattr(self, "_labels"):
                self._labels = {
                    entry.question_id: _question_label(entry.question)
                    for entry in self.get_queryset()
                }
            widget = getattr(field.widget, "widget", field.widget)
            widget.known_labels = self._labels

    def ordered_questions(self) -> list[Question]:
        rows = []
        for index, form in enumerate(self.forms):
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or data.get("question") is None:
                continue
            position = data.get("position")
            # A new row keeps the default position 0: it goes after the numbered ones.
            rows.append((position or 10_000 + index, index, data))
        rows.sort(key=lambda row: (row[0], row[1]))
        return [data["question"] for _, _, data in rows]

    def points(self) -> dict[int, float]:
        """Question id -> points, as the rows give them."""
        points = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data and not data.get("DELETE") and data.get("question") is not None:
                if data.get("points") is not None:
                    points[data["question"].pk] = data["points"]
        return points

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        questions = self.ordered_questions()
        user = self.request.user if self.request else None
        foreign = [
            question
            for question in questions
            if user is not None and not user.is_superuser and question.document.owner_id != user.pk
        ]
        if foreign:
            raise ValidationError(
                services.QUIZ_FOREIGN_QUESTIONS.format(questions=services._describe(foreign))
            )
        if len({question.pk for question in questions}) != len(questions):
            duplicates = [q for q in questions if questions.count(q) > 1]
            raise ValidationError(
                services.QUIZ_DUPLICATE_QUESTION.format(
                    questions=services._describe(dict.fromkeys(duplicates))
                )
            )


def _question_label(question: Question) -> str:
    prompt = question.prompt if len(question.prompt) <= 90 else question.prompt[:90] + "…"
    return f"#{question.pk} {prompt} ({question.document.title})"


class QuizQuestionInline(admin.TabularInline):
    model = QuizQuestion
    formset = QuizQuestionFormSet
    extra = 1
    fields = ["position", "question", "points", "question_status"]
    readonly_fields = ["question_status"]
    autocomplete_fields = ["question"]
    ordering = ["position", "id"]
    verbose_name = "question"
    verbose_name_plural = "Questions (set the position to order them; drag rows to reorder)"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request = request
        return formset

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("quiz", "question", "question__document")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "question":
            # The teacher's approved and draft questions, and whatever the quiz holds now.
            quiz_id = (
                request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            )
            offered = Q(status__in=[Question.Status.APPROVED, Question.Status.DRAFT], stale=False)
            if quiz_id:
                offered |= Q(quiz_entries__quiz_id=quiz_id)
            questions = Question.objects.filter(offered)
            if not request.user.is_superuser:
                questions = questions.filter(document__owner=request.user)
            kwargs["queryset"] = (
                questions.select_related("document")
                .distinct()
                .order_by("document_id", "source_start", "id")
            )
            kwargs["widget"] = QuestionPicker(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="Question and review")
    def question_status(self, entry: QuizQuestion) -> str:
        if entry.question_id is None:
            return ""
        question = entry.question
        parts = [question.get_status_display()]
        if question.defects:
            parts.append("defects: " + ", ".join(question.defects))
        return format_html(
            "{}<br><small>{} · {}</small>",
            question.prompt,
            question.document.title,
            " · ".join(parts),
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or request.user.is_superuser or obj.owner_id == request.user.pk
        )


@admin.register(Quiz)
class QuizAdmin(OwnedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "is_published", "question_count", "review_mode", "closes_at"]
    list_filter = ["is_published", "review_mode"]
    search_fields = ["title"]
    inlines = [QuizQuestionInline]
    actions = ["publish_selected", "unpublish_selected", "duplicate_selected"]
    readonly_fields = ["is_published", "published_at", "item_analysis"]
    change_form_template = "admin/learning/quiz/change_form.html"
    fieldsets = [
        (None, {"fields": ["title", "description", "is_published", "published_at"]}),
        (
            "Settings",
            {
                "fields": [
                    ("max_attempts", "time_limit_minutes", "pass_mark"),
                    ("shuffle_questions", "shuffle_options"),
                    "review_mode",
                    "layout",
                ]
            },
        ),
        ("Open and close", {"fields": [("opens_at", "closes_at")]}),
        (
            "Review options",
            {
                "description": (
                    "What a student sees of a submitted attempt, and when: immediately after "
                    "it (2 minutes), later while the quiz is open, after it closes. The total "
                    "score is always shown; nothing else while another attempt of the quiz "
                    "is in progress. Changing the review mode sets these to what it stands for."
                ),
                "fields": [
                    tuple(f"review_{item}_{timing}" for timing in REVIEW_TIMINGS)
                    for item in REVIEW_ITEMS
                ],
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(self.fieldsets)
        if obj is not None and obj.attempts.exists():
            fieldsets.append(("Item analysis", {"fields": ["item_analysis"]}))
        return fieldsets

    def get_list_display(self, request):
        if request.user.is_superuser:
            return [*self.list_display, "owner"]
        return self.list_display

    def has_delete_permission(self, request, obj=None):
        # Students' attempts are their record: a quiz they answered is unpublished, not deleted.
        if obj is not None and not request.user.is_superuser and obj.attempts.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(entry_count=Count("quiz_questions"))

    @admin.display(description="Questions", ordering="entry_count")
    def question_count(self, quiz: Quiz) -> int:
        return quiz.entry_count

    def save_model(self, request, obj, form, change):
        settings = {
            name: form.cleaned_data[name]
            for name in SETTINGS_FIELDS
            # A review option the teacher left as it was follows a new review mode.
            if name in form.fields and (name not in REVIEW_FIELDS or name in form.changed_data)
        }
        if change:
            services.quiz_update(quiz=Quiz.objects.get(pk=obj.pk), by=request.user, **settings)
            obj.refresh_from_db()
        else:
            created = services.quiz_create(owner=request.user, **settings)
            obj.pk = created.pk
            obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            if isinstance(formset, QuizQuestionFormSet):
                services.quiz_set_questions(
                    quiz=form.instance,
                    questions=formset.ordered_questions(),
                    points=formset.points(),
                    by=request.user,
                )
            # The admin's change message reads these; the service did the saving.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            # A rule of quiz_set_questions the formset could not check (a published quiz,
            # attempts made): the transaction is rolled back; say why and show the quiz again.
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            if object_id:
                return HttpResponseRedirect(request.path)
            return HttpResponseRedirect(reverse("admin:learning_quiz_changelist"))

    def response_add(self, request, obj, post_url_continue=None):
        if "_publish" in request.POST:
            self._publish(request, obj)
            return HttpResponseRedirect(reverse("admin:learning_quiz_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_publish" in request.POST:
            self._publish(request, obj)
            return HttpResponseRedirect(reverse("admin:learning_quiz_change", args=[obj.pk]))
        if "_unpublish" in request.POST:
            services.quiz_unpublish(quiz=obj)
            self.log_change(request, obj, "Unpublished.")
            self.message_user(request, QUIZ_UNPUBLISHED.format(quiz=obj), messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:learning_quiz_change", args=[obj.pk]))
        return super().response_change(request, obj)

    def _publish(self, request, quiz: Quiz) -> bool:
        try:
            services.quiz_publish(quiz=quiz)
        except ValidationError as error:
            self.message_user(
                request,
                f"“{quiz.title}” was saved but not published: {' '.join(error.messages)}",
                messages.ERROR,
            )
            return False
        self.log_change(request, quiz, "Published.")
        self.message_user(request, QUIZ_PUBLISHED.format(quiz=quiz), messages.SUCCESS)
        return True

    @admin.display(description="Item analysis")
    def item_analysis(self, quiz: Quiz) -> str:
        from django.template.loader import render_to_string

        result = statistics.quiz_statistics(quiz=quiz)
        return render_to_string(
            "admin/learning/quiz/item_analysis.html",
            {
                "result": result,
                "csv_url": reverse("admin:learning_quiz_statistics_csv", args=[quiz.pk]),
                "class_results_url": reverse("learning:teach_quiz", args=[quiz.pk]),
            },
        )

    def get_urls(self):
        return [
            path(
                "<int:quiz_id>/statistics.csv",
                self.admin_site.admin_view(self.statistics_csv_view),
                name="learning_quiz_statistics_csv",
            ),
            *super().get_urls(),
        ]

    def statistics_csv_view(self, request, quiz_id: int):
        quiz = get_object_or_404(self.get_queryset(request), pk=quiz_id)
        if not self.has_view_permission(request, quiz):
            raise PermissionDenied
        which = request.GET.get("attempts", statistics.ALL_ATTEMPTS)
        if which not in (statistics.ALL_ATTEMPTS, statistics.FIRST_ATTEMPTS):
            which = statistics.ALL_ATTEMPTS
        result = statistics.quiz_statistics(quiz=quiz, which=which)
        response = HttpResponse(
            statistics.statistics_csv(result), content_type="text/csv; charset=utf-8"
        )
        # The two downloads differ, and so do their names.
        filename = f"{slugify(quiz.title) or 'quiz'}-statistics-{which}-attempts.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.action(description="Publish selected quizzes", permissions=["change"])
    def publish_selected(self, request, queryset):
        for quiz in queryset:
            with transaction.atomic():
                self._publish(request, quiz)

    @admin.action(description="Duplicate selected quizzes", permissions=["change"])
    def duplicate_selected(self, request, queryset):
        for quiz in queryset:
            try:
                copy = services.quiz_duplicate(quiz=quiz, owner=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                continue
            self.log_addition(request, copy, f"Duplicated from “{quiz.title}”.")
            self.message_user(
                request,
                format_html(
                    '{} <a href="{}">Open it</a>.',
                    QUIZ_DUPLICATED.format(quiz=quiz.title, copy=copy.title),
                    reverse("admin:learning_quiz_change", args=[copy.pk]),
                ),
                messages.SUCCESS,
            )

    @admin.action(description="Unpublish selected quizzes", permissions=["change"])
    def unpublish_selected(self, request, queryset):
        for quiz in queryset:
            services.quiz_unpublish(quiz=quiz)
        self.message_user(request, f"Unpublished {queryset.count()} quiz(zes).", messages.SUCCESS)


class ResponseInline(admin.TabularInline):
    model = Response
    extra = 0
    fields = ["question", "answer", "score", "accepted_as", "marked_by_hand", "saved_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Set by hand")
    def marked_by_hand(self, response: Response) -> str:
        link = reverse("admin:learning_response_change", args=[response.pk])
        if response.overridden_by_id:
            return format_html(
                '<a href="{}">by {}</a>{}',
                link,
                response.overridden_by,
                f": {response.teacher_comment}" if response.teacher_comment else "",
            )
        return format_html('<a href="{}">set the mark</a>', link)


class ResponseMarkForm(forms.ModelForm):
    mark = forms.FloatField(
        required=False,
        min_value=0,
        max_value=1,
        label="Mark set by hand",
        help_text="A fraction of the question's points, from 0 to 1. It stays through every "
        "regrade. Leave empty to give the answer back to the marking rules.",
    )

    class Meta:
        model = Response
        fields = ["teacher_comment"]
        widgets = {"teacher_comment": forms.Textarea(attrs={"rows": 3, "cols": 80})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.overridden_by_id:
            self.fields["mark"].initial = self.instance.score


@admin.register(Response)
class ResponseAdmin(OwnedAdminMixin, admin.ModelAdmin):
    """One answer of a submitted attempt: the teacher's mark by hand and comment."""

    owner_path = "attempt__quiz__owner"
    form = ResponseMarkForm
    list_display = ["attempt", "question", "given", "score", "overridden_by"]
    list_select_related = ["attempt__quiz", "attempt__student", "question", "overridden_by"]
    readonly_fields = [
        "attempt",
        "question_prompt",
        "given",
        "score",
        "accepted_as",
        "overridden_by",
        "overridden_at",
    ]
    fields = [
        "attempt",
        "question_prompt",
        "given",
        "score",
        "accepted_as",
        "mark",
        "teacher_comment",
        "overridden_by",
        "overridden_at",
    ]

    def get_model_perms(self, request):
        # Reached from an attempt's answers, not from the admin's index.
        return {}

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Question")
    def question_prompt(self, response: Response) -> str:
        return response.question.prompt

    @admin.display(description="Answer given")
    def given(self, response: Response) -> str:
        return given_answer_text(response.question, response.answer) or "(no answer)"

    def save_model(self, request, obj, form, change):
        services.response_override(
            response=obj,
            by=request.user,
            score=form.cleaned_data.get("mark"),
            comment=form.cleaned_data.get("teacher_comment", ""),
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def response_change(self, request, obj):
        return HttpResponseRedirect(reverse("admin:learning_attempt_change", args=[obj.attempt_id]))


@admin.register(Regrade)
class RegradeAdmin(OwnedAdminMixin, admin.ModelAdmin):
    """Who regraded what and when: read only."""

    owner_path = "quiz__owner"
    list_display = [
        "regraded_at",
        "quiz",
        "reason",
        "regraded_by",
        "responses_changed",
        "attempts_changed",
    ]
    list_filter = ["quiz"]
    list_select_related = ["quiz", "regraded_by"]
    readonly_fields = [field.name for field in Regrade._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attempt)
class AttemptAdmin(OwnedAdminMixin, admin.ModelAdmin):
    owner_path = "quiz__owner"
    list_display = ["quiz", "student", "number", "state", "score", "max_score", "submitted_at"]
    list_filter = ["state"]
    list_select_related = ["quiz", "student"]
    readonly_fields = [field.name for field in Attempt._meta.fields]
    inlines = [ResponseInline]

    def has_add_permission(self, request):
        return False
