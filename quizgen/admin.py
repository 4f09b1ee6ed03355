"""The teacher's review desk: upload documents, review generated questions, fix them.

Every write goes through `quizgen.services` (and `learning.services` for quizzes); the admin
only shows, collects input and reports the services' messages.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from quizgen import selectors, services
from quizgen.imports import IMPORT_FORMATS, MAX_IMPORT_BYTES
from quizgen.models import Document, DocumentFile, Fact, Question
from quizgen.uploads import MAX_UPLOAD_BYTES

# The teacher's screens need the width (a phone is 360 px): no navigation sidebar.
admin.site.enable_nav_sidebar = False
admin.site.site_header = "Quizgen"
admin.site.site_title = "Quizgen"
admin.site.index_title = "Documents, questions and quizzes"

DEFAULT_TOP_N = 10
APPROVED_TOP = "Approved {count} recommended question(s) of “{document}”."
NOTHING_TO_APPROVE = "“{document}” has no recommended draft without defects left to approve."
QUIZ_CREATED = "Created the quiz “{quiz}” with {count} question(s)."
ADDED_TO_QUIZ = "Added {count} question(s) to “{quiz}”."
CHOOSE_A_DOCUMENT = "Select questions of one document (or filter by document) first."
DEFECT_CHECK_CLEAN = "Defect check: no defects found."
DEFECT_CHECK_FOUND = "Defect check found: {defects}. Fix them before publishing this question."
GENERATION_STUCK = (
    "No progress for a long while: the background worker may have stopped. "
    "Check that it runs (make run starts it), then regenerate."
)
QUESTION_APPROVED = "Saved and approved."
QUESTION_APPROVED_SHORT = "Approved."
QUESTION_REJECTED_SHORT = "Rejected."
PICKING_FOR_QUIZ = "quizgen_picking_for_quiz"
ADDING_TO_QUIZ = (
    "Adding to “{quiz}”: filter by document, kind or fact kind, or search a prompt, answer "
    "or fact; tick the questions, then run “Add selected questions to a quiz”."
)
QUESTION_WRITTEN = "Saved as a draft. Defect check: no defects found."
OPTION_REPLACED = "Replaced the wrong option “{old}” with “{new}”."
NOT_APPROVED_DEFECTS = "Saved, but not approved: fix the defects first ({defects})."
GENERATION_QUEUED = "Generation of “{document}” is queued; this page updates by itself."
FILE_BEING_READ = (
    "“{document}” was uploaded. Its file is being read in the background, then its questions "
    "are generated; this page updates by itself."
)


# Ownership: a teacher sees and edits only their own rows; superusers see everything.


class OwnedAdminMixin:
    """Limits rows to the request user's own, by `owner_path` (e.g. "document__owner")."""

    owner_path = "owner"

    def get_queryset(self, request: HttpRequest):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{self.owner_path: request.user})

    def is_owner(self, request: HttpRequest, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        owner_id = obj
        for part in self.owner_path.split("__"):
            owner_id = getattr(owner_id, part)
        return owner_id == request.user

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.is_owner(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.is_owner(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.is_owner(request, obj)


def status_badge(document: Document) -> str:
    return format_html(
        '<span class="qg-status qg-status-{}" data-status="{}" data-document-id="{}">{}</span>',
        document.status,
        document.status,
        document.pk,
        document.get_status_display(),
    )


def defect_labels(defects: list[str]) -> str:
    if not defects:
        return format_html('<span class="qg-ok">{}</span>', "none")
    return format_html_join(
        " ",
        '<span class="qg-defect">{}</span>',
        ((defect.replace("_", " "),) for defect in defects),
    )


def highlighted_source(question: Question) -> str:
    """The source sentence, escaped, with the (first) correct answer wrapped in <mark>."""
    sentence = question.source_sentence or ""
    answers = question.correct_options or list(question.accepted_answers)
    if isinstance(question.answer, dict) and question.answer.get("text"):
        answers.append(str(question.answer["text"]))
    lowered = sentence.casefold()
    for answer in answers:
        answer = str(answer).strip()
        at = lowered.find(answer.casefold()) if answer else -1
        if at >= 0:
            end = at + len(answer)
            return format_html(
                "{}<mark>{}</mark>{}", sentence[:at], sentence[at:end], sentence[end:]
            )
    return escape(sentence)


def answer_summary(question: Question) -> str:
    """The options with the correct one in bold, or the accepted answers, or the number."""
    if question.options:
        return format_html_join(
            " · ",
            "{}",
            (
                (format_html("<strong>{}</strong>", option["text"]),)
                if option.get("correct")
                else (option["text"],)
                for option in question.options
            ),
        )
    if question.accepted_answers:
        return format_html("<strong>{}</strong>", " / ".join(question.accepted_answers))
    if isinstance(question.answer, dict) and "value" in question.answer:
        return format_html(
            "<strong>{}</strong> ± {}", question.answer["value"], question.tolerance or 0
        )
    return "–"


# Documents


class DocumentUploadForm(forms.Form):
    upload = forms.FileField(
        required=False,
        allow_empty_file=True,  # the service refuses it, with the same words as the API
        label="File",
        help_text=".txt, .md, .html, .pdf or .docx, up to 2 MB.",
    )
    text = forms.CharField(
        required=False,
        label="Or paste the text",
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
    )
    title = forms.CharField(
        required=False,
        max_length=300,
        help_text="Leave empty to use the first line (if short) or the file's name.",
    )
    published_on = forms.DateField(
        required=False,
        label="Publication date",
        help_text="The day the text was published; “last year” in the text is read from it.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    source_url = forms.CharField(required=False, max_length=1000, label="Source URL")

    # Which field shows a refusal, by the service's error code.
    ERROR_FIELDS = {"title": "title", "source_url": "source_url"}


class QuestionImportForm(forms.Form):
    upload = forms.FileField(
        label="File",
        allow_empty_file=True,  # the service refuses it, with the same words as the API
        help_text="GIFT or Aiken (.txt), Moodle XML (.xml), QTI 2.1 (a .zip package or one "
        "item's .xml); up to 5 MB.",
    )
    import_format = forms.ChoiceField(
        label="Format",
        required=False,
        choices=[("", "Tell from the file"), *IMPORT_FORMATS.items()],
    )
    title = forms.CharField(
        required=False,
        max_length=300,
        label="Question bank",
        help_text="The name of the new question bank; leave empty to use the file's name.",
    )


TAGGED = "Tagged {count} question(s) “{tag}”."
IMPORTED = "Imported {count} question(s) into “{bank}”; {skipped} skipped."


@admin.register(Document)
class DocumentAdmin(OwnedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "status_display", "question_counts", "published_on", "created_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    fields = [
        "status_display",
        "question_counts",
        "file_display",
        "title",
        "published_on",
        "source_url",
        "text_preview",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [
        "status_display",
        "file_display",
        "error_message",
        "question_counts",
        "text_preview",
        "created_at",
        "updated_at",
    ]
    change_form_template = "admin/quizgen/document/change_form.html"
    change_list_template = "admin/quizgen/document/change_list.html"

    def get_list_display(self, request):
        if request.user.is_superuser:
            return [*self.list_display, "owner"]
        return self.list_display

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("owner")
            .annotate(
                draft_count=Count(
                    "questions",
                    filter=Q(questions__status=Question.Status.DRAFT, questions__stale=False),
                ),
                approved_count=Count(
                    "questions", filter=Q(questions__status=Question.Status.APPROVED)
                ),
                recommended_count=Count(
                    "questions",
                    filter=Q(
                        questions__status=Question.Status.DRAFT,
                        questions__recommended=True,
                        questions__stale=False,
                    ),
                ),
            )
        )

    @admin.display(description="Status", ordering="status")
    def status_display(self, document: Document) -> str:
        badge = status_badge(document)
        if document.status == Document.Status.FAILED and document.error_message:
            return format_html("{} {}", badge, document.error_message)
        if services.document_generation_stuck(document):
            return format_html("{} {}", badge, GENERATION_STUCK)
        if document.status in services.PENDING_STATUSES:
            return format_html("{} {}", badge, "this page updates by itself")
        return badge

    @admin.display(description="File")
    def file_display(self, document: Document) -> str:
        upload = DocumentFile.objects.filter(document_id=document.pk).only("name", "size").first()
        if upload is None:
            return "imported question bank" if document.is_imported else "pasted text"
        return f"{upload.name} ({filesizeformat(upload.size)})"

    @admin.display(description="Questions")
    def question_counts(self, document: Document) -> str:
        counts = getattr(document, "draft_count", None)
        if counts is None:
            return "–"
        url = reverse("admin:quizgen_question_changelist") + f"?document__id__exact={document.pk}"
        return format_html(
            '<a href="{}">{} approved · {} to review ({} recommended)</a>',
            url,
            document.approved_count,
            document.draft_count,
            document.recommended_count,
        )

    @admin.display(description="Text")
    def text_preview(self, document: Document) -> str:
        text = document.text
        shown = text if len(text) <= 1500 else text[:1500] + " …"
        return format_html('<div class="qg-text">{}</div>', shown)

    def get_urls(self):
        urls = [
            path(
                "status/",
                self.admin_site.admin_view(self.status_view),
                name="quizgen_document_status",
            ),
            path(
                "<int:document_id>/regenerate/",
                self.admin_site.admin_view(self.regenerate_view),
                name="quizgen_document_regenerate",
            ),
            path(
                "<int:document_id>/approve-top/",
                self.admin_site.admin_view(self.approve_top_view),
                name="quizgen_document_approve_top",
            ),
            path(
                "<int:document_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name="quizgen_document_review",
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="quizgen_document_import",
            ),
            path(
                "<int:document_id>/import-report/",
                self.admin_site.admin_view(self.import_report_view),
                name="quizgen_document_import_report",
            ),
            path(
                "<int:document_id>/make-quiz/",
                self.admin_site.admin_view(self.make_quiz_view),
                name="quizgen_document_make_quiz",
            ),
        ]
        return urls + super().get_urls()

    # Upload instead of the model form: a file or pasted text becomes a document.
    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = DocumentUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            upload = data["upload"]
            try:
                document = services.document_upload(
                    owner=request.user,
                    title=data["title"],
                    name=upload.name if upload else None,
                    # One byte past the limit is enough for the service to refuse a big file.
                    content=upload.read(MAX_UPLOAD_BYTES + 1) if upload else None,
                    text=None if upload or not data["text"].strip() else data["text"],
                    published_on=data["published_on"],
                    source_url=data["source_url"],
                )
            except ValidationError as error:
                field = DocumentUploadForm.ERROR_FIELDS.get(error.code or "")
                if field is None:
                    field = "upload" if upload else "text"
                    if error.code == "upload_or_paste":
                        field = None
                form.add_error(field, error)
            else:
                if document.status == Document.Status.READING:
                    self.message_user(
                        request, FILE_BEING_READ.format(document=document), messages.SUCCESS
                    )
                elif document.status in services.PENDING_STATUSES:
                    self.message_user(
                        request, GENERATION_QUEUED.format(document=document), messages.SUCCESS
                    )
                return HttpResponseRedirect(
                    reverse("admin:quizgen_document_change", args=[document.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": "Add a document",
            "form": form,
            "opts": self.model._meta,
            "has_view_permission": self.has_view_permission(request),
            "media": self.media + form.media,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/quizgen/document/upload.html", context)

    def import_view(self, request):
        """Import a question bank: upload, then the report of what was read and skipped."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = QuestionImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["upload"]
            try:
                document = services.question_bank_import(
                    owner=request.user,
                    name=upload.name,
                    # One byte past the limit is enough for the service to refuse a big file.
                    content=upload.read(MAX_IMPORT_BYTES + 1),
                    title=form.cleaned_data["title"],
                    import_format=form.cleaned_data["import_format"],
                )
            except ValidationError as error:
                form.add_error("upload", error)
            else:
                report = document.import_report
                self.log_addition(request, document, "Imported questions.")
                self.message_user(
                    request,
                    IMPORTED.format(
                        count=len(report["read"]), bank=document, skipped=len(report["skipped"])
                    ),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:quizgen_document_import_report", args=[document.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": "Import questions",
            "form": form,
            "opts": self.model._meta,
            "has_view_permission": self.has_view_permission(request),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/quizgen/document/import.html", context)

    def import_report_view(self, request, document_id: int):
        document = get_object_or_404(
            self.get_queryset(request), pk=document_id, origin=Document.Origin.IMPORT
        )
        if not self.has_view_permission(request, document):
            raise PermissionDenied
        report = dict(document.import_report or {})
        kind_names = dict(Question.Kind.choices)
        report["read"] = [
            {**row, "kind_name": kind_names.get(row["kind"], row["kind"])}
            for row in report.get("read", [])
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Imported: {document}",
            "document": document,
            "report": report,
            "questions_url": reverse("admin:quizgen_question_changelist")
            + f"?document__id__exact={document.pk}",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/quizgen/document/import_report.html", context)

    def save_model(self, request, obj, form, change):
        services.document_update(
            document=obj,
            title=form.cleaned_data["title"],
            published_on=form.cleaned_data["published_on"],
            source_url=form.cleaned_data["source_url"],
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        document = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "default_top_n": DEFAULT_TOP_N,
            "question_kinds": Question.Kind.choices,
            "generation_stuck": document is not None
            and services.document_generation_stuck(document),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _owned_document(self, request, document_id: int) -> Document:
        document = get_object_or_404(self.get_queryset(request), pk=document_id)
        if not self.has_change_permission(request, document):
            raise PermissionDenied
        return document

    def _back(self, document: Document) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:quizgen_document_change", args=[document.pk]))

    def status_view(self, request):
        ids = [int(value) for value in request.GET.getlist("id") if value.isdigit()][:200]
        rows = self.get_queryset(request).filter(pk__in=ids).values_list("pk", "status")
        labels = dict(Document.Status.choices)
        return JsonResponse(
            {str(pk): {"status": status, "label": labels[status]} for pk, status in rows}
        )

    def regenerate_view(self, request, document_id: int):
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse("admin:quizgen_document_change", args=[document_id])
            )
        document = self._owned_document(request, document_id)
        chosen = request.POST.getlist("kinds")
        # All kinds (or none ticked by an older form) means the default: every kind.
        kinds = chosen if chosen and set(chosen) != set(Question.Kind.values) else None
        try:
            queued = services.document_regenerate(document=document, kinds=kinds)
            reading = queued.status == Document.Status.READING
            self.log_change(
                request, document, "Read the file again." if reading else "Regenerated questions."
            )
            message = FILE_BEING_READ if reading else GENERATION_QUEUED
            self.message_user(request, message.format(document=document), messages.SUCCESS)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        return self._back(document)

    def approve_top_view(self, request, document_id: int):
        document = self._owned_document(request, document_id)
        if request.method != "POST":
            return self._back(document)
        try:
            limit = max(1, int(request.POST.get("number", DEFAULT_TOP_N)))
        except ValueError:
            limit = DEFAULT_TOP_N
        approved = services.questions_approve_recommended(
            document=document, reviewer=request.user, limit=limit
        )
        if approved:
            message = APPROVED_TOP.format(count=len(approved), document=document)
            self.log_change(request, document, message)
            self.message_user(request, message, messages.SUCCESS)
        else:
            self.message_user(
                request, NOTHING_TO_APPROVE.format(document=document), messages.WARNING
            )
        return self._back(document)

    def review_view(self, request, document_id: int):
        """Review by fact: one row per fact and sentence, its kinds as variants to switch
        between; approve, reject or reword the shown one in place."""
        document = self._owned_document(request, document_id)
        url = reverse("admin:quizgen_document_review", args=[document.pk])
        if request.method == "POST":
            question = get_object_or_404(
                document.questions.all(), pk=request.POST.get("question") or 0
            )
            action = request.POST.get("do")
            try:
                if action == "approve":
                    services.question_approve(question=question, reviewer=request.user)
                    self.message_user(request, QUESTION_APPROVED_SHORT, messages.SUCCESS)
                elif action == "reject":
                    services.question_reject(question=question, reviewer=request.user)
                    self.message_user(request, QUESTION_REJECTED_SHORT, messages.SUCCESS)
                elif action == "prompt":
                    edited = services.question_edit(
                        question=question,
                        editor=request.user,
                        prompt=request.POST.get("prompt", ""),
                    )
                    if edited.defects:
                        self.message_user(
                            request,
                            DEFECT_CHECK_FOUND.format(defects=", ".join(edited.defects)),
                            messages.WARNING,
                        )
                    else:
                        self.message_user(request, DEFECT_CHECK_CLEAN, messages.INFO)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(f"{url}?show={question.pk}#{request.POST.get('group', '')}")
        show = request.GET.get("show")
        groups = selectors.question_groups_for_review(
            document=document, show=int(show) if show and show.isdigit() else None
        )
        # Every variant of a group is on the page, the one shown first; the others are hidden
        # panels that quizgen/review-variants.js shows in place (without JavaScript, the
        # variant links load the page with ?show=).
        rows = [
            {
                "group": group,
                "panels": [
                    {
                        "question": variant,
                        "shown": variant.pk == group.current.pk,
                        "source": highlighted_source(variant),
                        "answer": answer_summary(variant),
                        "defects": defect_labels(variant.defects),
                    }
                    for variant in group.variants
                ],
            }
            for group in groups
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review “{document.title}” by fact",
            "opts": self.model._meta,
            "document": document,
            "rows": rows,
            "url": url,
        }
        return TemplateResponse(request, "admin/quizgen/document/review.html", context)

    def make_quiz_view(self, request, document_id: int):
        """ "Make a quiz of N questions": the picked questions, shown for adjustment, then saved
        (and published) in one step. The choosing is `learning.services.quiz_pick_questions`."""
        from learning import services as learning_services
        from learning.admin import QUIZ_PUBLISHED

        document = self._owned_document(request, document_id)
        try:
            count = min(100, max(1, int(request.GET.get("count", DEFAULT_TOP_N))))
        except ValueError:
            count = DEFAULT_TOP_N
        candidates = learning_services.quiz_candidates(documents=[document])
        title = document.title[:300]
        summary: list[str] = []
        if request.method == "POST":
            wanted = {int(pk) for pk in request.POST.getlist("question") if pk.isdigit()}
            chosen = sorted(
                document.questions.filter(pk__in=wanted).prefetch_related("facts"),
                key=lambda q: (q.source_start, q.pk),
            )
            title = (request.POST.get("title") or "").strip()[:300] or title
            publish = "_publish" in request.POST
            try:
                quiz = learning_services.quiz_create_from_selection(
                    owner=request.user, title=title, questions=chosen, publish=publish
                )
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                message = QUIZ_CREATED.format(quiz=quiz, count=len(chosen))
                self.log_addition(request, quiz, message)
                self.message_user(request, message, messages.SUCCESS)
                if publish:
                    self.message_user(request, QUIZ_PUBLISHED.format(quiz=quiz), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:learning_quiz_change", args=[quiz.pk]))
        else:
            chosen = learning_services.quiz_pick_questions(documents=[document], count=count)
            if not chosen:
                self.message_user(
                    request,
                    learning_services.QUIZ_NOTHING_TO_PICK.format(document=document),
                    messages.ERROR,
                )
                return self._back(document)
            summary = learning_services.quiz_pick_summary(
                picked=chosen, candidates=candidates, count=count
            )
        chosen_ids = {question.pk for question in chosen}
        by_id = {question.pk: question for question in candidates}
        picked = [by_id.get(question.pk, question) for question in chosen]
        others = [
            (
                question,
                learning_services.quiz_pick_conflict(question=question, chosen=picked),
            )
            for question in candidates
            if question.pk not in chosen_ids
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Make a quiz from “{document.title}”",
            "opts": self.model._meta,
            "original": document,
            "document": document,
            "count": count,
            "quiz_title": title,
            "summary": summary,
            "picked": [_pick_row(question, "") for question in picked],
            "others": [_pick_row(question, note) for question, note in others],
        }
        return TemplateResponse(request, "admin/quizgen/document/make_quiz.html", context)


@admin.register(Fact)
class FactAdmin(OwnedAdminMixin, admin.ModelAdmin):
    owner_path = "document__owner"
    list_display = ["text", "kind", "label", "value", "document"]
    list_filter = ["kind"]
    search_fields = ["text", "sentence"]
    list_select_related = ["document"]
    readonly_fields = [
        "document",
        "kind",
        "key",
        "text",
        "start",
        "end",
        "sentence",
        "sentence_start",
        "sentence_end",
        "value",
        "label",
        "confidence",
        "details",
    ]

    def has_add_permission(self, request):
        return False


def _pick_row(question: Question, note: str) -> dict:
    from learning.display import expected_answer_text

    return {
        "question": question,
        "answer": expected_answer_text(question),
        "facts": ", ".join(fact.text for fact in question.facts.all()),
        "note": note,
    }


# Questions


class OwnDocumentFilter(admin.SimpleListFilter):
    title = "document"
    parameter_name = "document__id__exact"

    def lookups(self, request, model_admin):
        documents = selectors.document_choices_for_user(user=request.user)
        return [(str(pk), title) for pk, title in documents]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(document_id=self.value())
        return queryset


class TagFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        return [(name, name) for name in selectors.tag_choices_for_user(user=request.user)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__name__iexact=self.value())
        return queryset


class HasDefectsFilter(admin.SimpleListFilter):
    title = "defects"
    parameter_name = "has_defects"

    def lookups(self, request, model_admin):
        return [("yes", "Has defects"), ("no", "No defects")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(defects=[])
        if self.value() == "no":
            return queryset.filter(defects=[])
        return queryset


class DifficultyFilter(admin.SimpleListFilter):
    title = "difficulty"
    parameter_name = "difficulty"
    BANDS = {"easy": (0.0, 0.35), "medium": (0.35, 0.65), "hard": (0.65, 1.01)}

    def lookups(self, request, model_admin):
        return [("easy", "Easy (< 0.35)"), ("medium", "Medium"), ("hard", "Hard (≥ 0.65)")]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value() or "")
        if band is None:
            return queryset
        return queryset.filter(difficulty__gte=band[0], difficulty__lt=band[1])


class QuestionActionForm(ActionForm):
    number = forms.IntegerField(
        required=False,
        min_value=1,
        initial=DEFAULT_TOP_N,
        label="N",
        widget=forms.NumberInput(attrs={"class": "qg-narrow"}),
    )
    quiz = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="a new quiz",
        label="Quiz",
    )
    tag = forms.CharField(required=False, max_length=100, label="Tag")

    def __init__(self, *args, **kwargs):
        from learning.models import Quiz

        super().__init__(*args, **kwargs)
        # Any quiz validates here; the action itself only uses the user's own, and the
        # changelist narrows the choices shown to them.
        self.fields["quiz"].queryset = Quiz.objects.all()


class OptionForm(forms.Form):
    text = forms.CharField(required=False, max_length=1000)
    correct = forms.BooleanField(required=False)
    feedback = forms.CharField(required=False, max_length=1000)


OptionFormSet = forms.formset_factory(OptionForm, extra=2, can_delete=True)


class QuestionForm(forms.ModelForm):
    accepted_answers_text = forms.CharField(
        required=False,
        label="Accepted answers",
        help_text="One per line. For multiple choice this follows the correct option.",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )
    tags_text = forms.CharField(
        required=False, label="Tags", help_text="Your own labels, separated by commas."
    )

    class Meta:
        model = Question
        fields = ["prompt", "explanation", "answer", "tolerance", "difficulty"]
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 3, "cols": 80}),
            "explanation": forms.Textarea(attrs={"rows": 3, "cols": 80}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        question = self.instance
        self.has_options = question.kind in (
            Question.Kind.MULTIPLE_CHOICE,
            Question.Kind.TRUE_FALSE,
        )
        self.options_formset = OptionFormSet(
            self.data if self.is_bound else None,
            prefix="options",
            initial=None if self.is_bound else list(question.options),
        )
        self.options_errors: list[str] = []
        if not self.is_bound and "accepted_answers_text" in self.fields:
            self.fields["accepted_answers_text"].initial = "\n".join(question.accepted_answers)
        if not self.is_bound and question.pk:
            self.fields["tags_text"].initial = ", ".join(sorted(question.tags.names()))
        if question.kind != Question.Kind.NUMERIC:
            self.fields.pop("tolerance", None)
        if question.kind not in (
            Question.Kind.NUMERIC,
            Question.Kind.ORDERING,
            Question.Kind.MATCHING,
        ):
            self.fields.pop("answer", None)
        if self.has_options:
            self.fields.pop("accepted_answers_text", None)

    def edited_options(self) -> list[dict]:
        options = []
        for option_form in self.options_formset.forms:
            data = getattr(option_form, "cleaned_data", None) or {}
            if data.get("DELETE") or not (data.get("text") or "").strip():
                continue
            option = {"text": data["text"].strip(), "correct": bool(data.get("correct"))}
            if (data.get("feedback") or "").strip():
                option["feedback"] = data["feedback"].strip()
            options.append(option)
        return options

    def edited_accepted_answers(self) -> list[str]:
        text = self.cleaned_data.get("accepted_answers_text") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def clean(self):
        cleaned = super().clean()
        if self.has_options and not self.options_formset.is_valid():
            raise ValidationError("Correct the options below.")
        question = self.instance
        # Everything on the form is checked, whether it changed or not.
        values = {"prompt": cleaned.get("prompt", question.prompt)}
        if self.has_options:
            values["options"] = self.edited_options()
        if "accepted_answers_text" in self.fields:
            values["accepted_answers"] = self.edited_accepted_answers()
        for name in ("answer", "tolerance"):
            if name in self.fields:
                values[name] = cleaned.get(name)
        errors = services.question_validate(kind=question.kind, values=values)
        try:
            self.edited_tags = services.tags_clean(
                services.tags_parse(cleaned.get("tags_text", ""))
            )
        except ValidationError as error:
            self.add_error("tags_text", error)
        from learning import services as learning_services

        refusal = learning_services.question_change_refusal(question=question, fields=values)
        if refusal:
            self.add_error(None, refusal)
        for field, field_errors in errors.items():
            if field == "options":
                self.options_errors = [message for e in field_errors for message in e.messages]
                self.add_error(None, field_errors)
            elif field == "accepted_answers":
                self.add_error("accepted_answers_text", field_errors)
            elif field in self.fields:
                self.add_error(field, field_errors)
            else:
                self.add_error(None, field_errors)
        return cleaned

    def edited_fields(self) -> dict:
        """The fields whose value differs from the saved question (for question_edit)."""
        saved = Question.objects.get(pk=self.instance.pk)
        fields = {
            name: self.cleaned_data[name]
            for name in ("prompt", "explanation", "answer", "tolerance", "difficulty")
            if name in self.fields and self.cleaned_data[name] != getattr(saved, name)
        }
        if self.has_options:
            options = self.edited_options()
            if options != saved.options:
                fields["options"] = options
        elif "accepted_answers_text" in self.fields:
            answers = self.edited_accepted_answers()
            if answers != saved.accepted_answers:
                fields["accepted_answers"] = answers
        return fields


class QuestionAddForm(forms.Form):
    """Every kind on one form; what a kind needs is read from the fields its help names."""

    document = forms.ModelChoiceField(queryset=Document.objects.none())
    kind = forms.ChoiceField(choices=Question.Kind.choices)
    prompt = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 80}))
    options_text = forms.CharField(
        required=False,
        label="Options",
        help_text="Multiple choice and true/false: one per line, the correct one starting "
        "with * (for true/false: *True and False, or True and *False).",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )
    accepted_answers_text = forms.CharField(
        required=False,
        label="Accepted answers",
        help_text="Fill in the blank and short answer: one per line.",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )
    value = forms.FloatField(required=False, label="Numeric answer")
    tolerance = forms.FloatField(required=False, min_value=0, help_text="Numeric: how far off.")
    items_text = forms.CharField(
        required=False,
        label="Items",
        help_text="Ordering: the items in the right order, one per line. Matching: one pair "
        "per line, as left = right.",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )
    explanation = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 80})
    )
    tags_text = forms.CharField(
        required=False, label="Tags", help_text="Your own labels, separated by commas."
    )

    # The service's field names, as this form shows them.
    FIELD_OF = {
        "options": "options_text",
        "accepted_answers": "accepted_answers_text",
        "tolerance": "tolerance",
        "prompt": "prompt",
    }

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in (text or "").splitlines() if line.strip()]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        kind = data["kind"]
        arguments = {
            "document": data["document"],
            "kind": kind,
            "prompt": data["prompt"],
            "explanation": data["explanation"],
            "options": [
                {"text": line.lstrip("*").strip(), "correct": line.startswith("*")}
                for line in self._lines(data["options_text"])
            ],
            "accepted_answers": self._lines(data["accepted_answers_text"]),
            "tags": services.tags_parse(data["tags_text"]),
        }
        if kind == Question.Kind.NUMERIC:
            value = data["value"]
            arguments["answer"] = None if value is None else {"value": value}
            arguments["tolerance"] = data["tolerance"]
        elif kind == Question.Kind.ORDERING:
            arguments["answer"] = self._lines(data["items_text"])
        elif kind == Question.Kind.MATCHING:
            arguments["answer"] = [
                [part.strip() for part in line.split("=", 1)] if "=" in line else [line]
                for line in self._lines(data["items_text"])
            ]
        return arguments

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error("tags_text" if error.code in ("tag", "tags") else None, error)
            return
        kind = self.cleaned_data.get("kind")
        for field, errors in error.error_dict.items():
            if field == "answer":
                target = "value" if kind == Question.Kind.NUMERIC else "items_text"
            else:
                target = self.FIELD_OF.get(field)
            self.add_error(target, errors)


@admin.register(Question)
class QuestionAdmin(OwnedAdminMixin, SimpleHistoryAdmin):
    owner_path = "document__owner"
    form = QuestionForm
    action_form = QuestionActionForm
    list_display = [
        "prompt_display",
        "answer_display",
        "source_display",
        "kind",
        "status",
        "recommended",
        "score_display",
        "difficulty_display",
        "tags_display",
    ]
    list_display_links = ["prompt_display"]
    list_filter = [
        OwnDocumentFilter,
        "kind",
        ("facts__kind", admin.ChoicesFieldListFilter),
        "status",
        "recommended",
        TagFilter,
        HasDefectsFilter,
        DifficultyFilter,
        "stale",
        "edited_by_human",
    ]
    list_select_related = ["document"]
    list_per_page = 50
    search_fields = ["prompt", "accepted_answers", "options", "facts__text", "tags__name"]
    ordering = ["-score", "id"]
    actions = [
        "approve_selected",
        "reject_selected",
        "approve_top_recommended",
        "add_to_quiz",
        "tag_selected",
    ]
    change_form_template = "admin/quizgen/question/change_form.html"
    history_list_display = ["status", "edited_by_human"]
    fieldsets = [
        (
            None,
            {"fields": ["document", "kind", "status_line", "source_display", "defects_display"]},
        ),
        (
            "Question",
            {
                "fields": [
                    "prompt",
                    "accepted_answers_text",
                    "answer",
                    "tolerance",
                    "explanation",
                    "difficulty",
                    "tags_text",
                ]
            },
        ),
        (
            "Review",
            {
                "classes": ["collapse"],
                "fields": [
                    "score",
                    "recommended",
                    "edited_by_human",
                    "stale",
                    "reviewed_by",
                    "reviewed_at",
                    "fingerprint",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    readonly_fields = [
        "document",
        "kind",
        "status_line",
        "source_display",
        "defects_display",
        "score",
        "recommended",
        "edited_by_human",
        "stale",
        "reviewed_by",
        "reviewed_at",
        "fingerprint",
        "created_at",
        "updated_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description="Tags")
    def tags_display(self, question: Question) -> str:
        return ", ".join(sorted((tag.name for tag in question.tags.all()), key=str.casefold))

    def get_fieldsets(self, request, obj=None):
        form_fields = set(self.get_form(request, obj).base_fields)
        fieldsets = []
        for name, options in self.fieldsets:
            fields = [
                field
                for field in options["fields"]
                if field in form_fields or field in self.readonly_fields
            ]
            fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["fields"] = None
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            # The kind decides the fields; build a throwaway form to know which remain.
            sample = form(instance=obj)
            form.base_fields = {
                name: field for name, field in form.base_fields.items() if name in sample.fields
            }
        return form

    def add_view(self, request, form_url="", extra_context=None):
        """Write a question by hand: one form for every kind, checked by the service."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        documents = Document.objects.all()
        if not request.user.is_superuser:
            documents = documents.filter(owner=request.user)
        form = QuestionAddForm(request.POST or None, documents=documents)
        if request.method == "POST" and form.is_valid():
            try:
                question = services.question_create(author=request.user, **form.service_arguments())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                self.log_addition(request, question, "Written by hand.")
                if question.defects:
                    self.message_user(
                        request,
                        DEFECT_CHECK_FOUND.format(defects=", ".join(question.defects)),
                        messages.WARNING,
                    )
                else:
                    self.message_user(request, QUESTION_WRITTEN, messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse("admin:quizgen_question_change", args=[question.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": "Write a question",
            "form": form,
            "opts": self.model._meta,
            "has_view_permission": self.has_view_permission(request),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/quizgen/question/add.html", context)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("model_name") == "quizquestion":
            # The quiz's question picker offers what a quiz may hold: no rejected or stale ones.
            queryset = queryset.filter(
                status__in=[Question.Status.APPROVED, Question.Status.DRAFT], stale=False
            )
        return queryset, may_have_duplicates

    def changelist_view(self, request, extra_context=None):
        from learning.models import Quiz

        quizzes = Quiz.objects.all()
        if not request.user.is_superuser:
            quizzes = quizzes.filter(owner=request.user)
        # "Find questions to add" on a quiz page opens this list with ?for_quiz=<id>: the list
        # filters as usual and the "Add to a quiz" action has that quiz chosen.
        if "for_quiz" in request.GET:
            request.GET = request.GET.copy()
            wanted = request.GET.pop("for_quiz")[-1]
            quiz = quizzes.filter(pk=int(wanted)).first() if wanted.isdigit() else None
            request.session[PICKING_FOR_QUIZ] = quiz.pk if quiz else None
            if quiz is not None:
                self.message_user(request, ADDING_TO_QUIZ.format(quiz=quiz), messages.INFO)
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and context.get("action_form") is not None:
            field = context["action_form"].fields["quiz"]
            field.queryset = quizzes
            picking = request.session.get(PICKING_FOR_QUIZ)
            if picking and quizzes.filter(pk=picking).exists():
                field.initial = picking
        return response

    @admin.display(description="Prompt", ordering="prompt")
    def prompt_display(self, question: Question) -> str:
        prompt = question.prompt
        return prompt if len(prompt) <= 140 else prompt[:140] + "…"

    @admin.display(description="Score", ordering="score")
    def score_display(self, question: Question) -> str:
        return f"{question.score:.2f}"

    @admin.display(description="Difficulty", ordering="difficulty")
    def difficulty_display(self, question: Question) -> str:
        return f"{question.difficulty:.2f}"

    @admin.display(description="Options / answer")
    def answer_display(self, question: Question) -> str:
        return answer_summary(question)

    @admin.display(description="Defects")
    def defects_display(self, question: Question) -> str:
        return defect_labels(question.defects)

    @admin.display(description="Source sentence and defects")
    def source_display(self, question: Question) -> str:
        return format_html(
            '<span class="qg-source">{}</span><br>{}{}',
            highlighted_source(question),
            defect_labels(question.defects) if question.defects else "",
            format_html(' <span class="qg-stale">{}</span>', "stale") if question.stale else "",
        )

    @admin.display(description="Status")
    def status_line(self, question: Question) -> str:
        parts = [question.get_status_display()]
        if question.stale:
            parts.append("stale: no longer generated from the text")
        if question.edited_by_human:
            parts.append("edited by a person")
        return " · ".join(parts)

    def save_model(self, request, obj, form, change):
        tags = getattr(form, "edited_tags", None)
        if tags is not None and sorted(tags) != sorted(obj.tags.names()):
            services.question_set_tags(question=obj, tags=tags, editor=request.user)
        fields = form.edited_fields()
        if not fields:
            return
        question = services.question_edit(
            question=Question.objects.get(pk=obj.pk), editor=request.user, **fields
        )
        if question.defects:
            self.message_user(
                request,
                DEFECT_CHECK_FOUND.format(defects=", ".join(question.defects)),
                messages.WARNING,
            )
        else:
            self.message_user(request, DEFECT_CHECK_CLEAN, messages.INFO)

    def save_related(self, request, form, formsets, change):
        pass  # Facts are not edited here; the service saved everything.

    def _neighbours(self, question: Question) -> tuple[int | None, int | None]:
        """The questions before and after this one in its document, as the list orders them."""
        ids = list(
            Question.objects.filter(document_id=question.document_id, stale=False)
            .order_by("-score", "id")
            .values_list("pk", flat=True)
        )
        if question.pk not in ids:
            return None, None
        at = ids.index(question.pk)
        return (ids[at - 1] if at > 0 else None), (ids[at + 1] if at + 1 < len(ids) else None)

    def response_change(self, request, obj):
        if "_reject" in request.POST:
            question = Question.objects.get(pk=obj.pk)
            try:
                services.question_reject(question=question, reviewer=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return HttpResponseRedirect(request.path)
            self.message_user(request, QUESTION_REJECTED_SHORT, messages.SUCCESS)
            _, next_id = self._neighbours(question)
            if next_id:
                return HttpResponseRedirect(
                    reverse("admin:quizgen_question_change", args=[next_id])
                )
            return HttpResponseRedirect(
                reverse("admin:quizgen_question_changelist")
                + f"?document__id__exact={question.document_id}"
            )
        if "_replace" in request.POST:
            try:
                question = services.question_replace_option(
                    question=Question.objects.get(pk=obj.pk),
                    editor=request.user,
                    old=request.POST.get("replace_old", ""),
                    new=request.POST.get("replace_new", ""),
                )
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    OPTION_REPLACED.format(
                        old=request.POST.get("replace_old"), new=request.POST.get("replace_new")
                    ),
                    messages.SUCCESS,
                )
                if question.defects:
                    self.message_user(
                        request,
                        DEFECT_CHECK_FOUND.format(defects=", ".join(question.defects)),
                        messages.WARNING,
                    )
            return HttpResponseRedirect(request.path)
        if "_approve" in request.POST:
            question = Question.objects.get(pk=obj.pk)
            if question.defects:
                self.message_user(
                    request,
                    NOT_APPROVED_DEFECTS.format(defects=", ".join(question.defects)),
                    messages.ERROR,
                )
                return HttpResponseRedirect(request.path)
            services.question_approve(question=question, reviewer=request.user)
            self.message_user(request, QUESTION_APPROVED, messages.SUCCESS)
            return HttpResponseRedirect(
                reverse("admin:quizgen_question_changelist")
                + f"?document__id__exact={question.document_id}"
            )
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context["options_formset"] = form.options_formset if form.has_options else None
        context["options_errors"] = form.options_errors
        if obj is not None:
            previous_id, next_id = self._neighbours(obj)
            context["previous_url"] = previous_id and reverse(
                "admin:quizgen_question_change", args=[previous_id]
            )
            context["next_url"] = next_id and reverse(
                "admin:quizgen_question_change", args=[next_id]
            )
            if obj.kind == Question.Kind.MULTIPLE_CHOICE:
                context["wrong_options"] = [
                    option["text"] for option in obj.options if not option.get("correct")
                ]
                context["distractor_candidates"] = selectors.question_distractor_candidates(
                    question=obj
                )
                context["candidate_kinds"] = " and ".join(
                    sorted({f"{fact.get_kind_display().lower()}s" for fact in obj.facts.all()})
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.action(description="Approve selected questions", permissions=["change"])
    def approve_selected(self, request, queryset):
        count = 0
        for question in queryset:
            services.question_approve(question=question, reviewer=request.user)
            count += 1
        self.message_user(request, f"Approved {count} question(s).", messages.SUCCESS)

    @admin.action(
        description="Tag selected questions (with the tag written beside)", permissions=["change"]
    )
    def tag_selected(self, request, queryset):
        try:
            count = services.questions_add_tag(
                questions=queryset, tag=request.POST.get("tag", ""), editor=request.user
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        tag = " ".join(request.POST.get("tag", "").split())
        self.message_user(request, TAGGED.format(count=count, tag=tag), messages.SUCCESS)

    @admin.action(description="Reject selected questions", permissions=["change"])
    def reject_selected(self, request, queryset):
        rejected = 0
        for question in queryset:
            try:
                services.question_reject(question=question, reviewer=request.user)
                rejected += 1
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
        self.message_user(request, f"Rejected {rejected} question(s).", messages.SUCCESS)

    @admin.action(
        description="Approve the top N recommended of the selected questions' documents",
        permissions=["change"],
    )
    def approve_top_recommended(self, request, queryset):
        try:
            limit = int(request.POST.get("number") or DEFAULT_TOP_N)
        except ValueError:
            limit = DEFAULT_TOP_N
        documents = Document.objects.filter(pk__in=queryset.values("document_id"))
        for document in documents:
            approved = services.questions_approve_recommended(
                document=document, reviewer=request.user, limit=max(1, limit)
            )
            if approved:
                self.message_user(
                    request,
                    APPROVED_TOP.format(count=len(approved), document=document),
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request, NOTHING_TO_APPROVE.format(document=document), messages.WARNING
                )

    @admin.action(
        description="Add selected questions to a quiz (chosen in “Quiz”)", permissions=["change"]
    )
    def add_to_quiz(self, request, queryset):
        questions = list(queryset.order_by("document_id", "source_start", "id"))
        quiz_id = request.POST.get("quiz")
        try:
            with transaction.atomic():
                quiz, added = self._fill_quiz(request, quiz_id, questions)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        link = reverse("admin:learning_quiz_change", args=[quiz.pk])
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">Open the quiz</a>.',
                ADDED_TO_QUIZ.format(count=len(added), quiz=quiz),
                link,
            ),
            messages.SUCCESS,
        )
        return None

    def _fill_quiz(self, request, quiz_id, questions):
        from learning import services as learning_services
        from learning.models import Quiz

        if quiz_id:
            quizzes = Quiz.objects.all()
            if not request.user.is_superuser:
                quizzes = quizzes.filter(owner=request.user)
            quiz = get_object_or_404(quizzes, pk=quiz_id)
            current = list(quiz.questions.order_by("quiz_entries__position"))
            present = {question.pk for question in current}
            added = [question for question in questions if question.pk not in present]
            learning_services.quiz_set_questions(quiz=quiz, questions=current + added)
        else:
            added = questions
            title = questions[0].document.title if questions else "New quiz"
            quiz = learning_services.quiz_create(
                owner=request.user, title=title[:300], questions=[]
            )
            learning_services.quiz_set_questions(quiz=quiz, questions=questions)
        return quiz, added
