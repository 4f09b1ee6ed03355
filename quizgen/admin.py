from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from quizgen import services
from quizgen.models import Document, Fact, Question


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "status", "published_on", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "text"]
    readonly_fields = ["checksum", "status", "error_message", "created_at", "updated_at"]


@admin.register(Fact)
class FactAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "label", "value", "document"]
    list_filter = ["kind", "document"]
    search_fields = ["text", "sentence"]


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["prompt", "kind", "status", "recommended", "score", "document"]
    list_filter = ["document", "status", "kind", "recommended"]
    search_fields = ["prompt", "accepted_answers"]
    ordering = ["-score"]
    actions = ["approve_selected", "reject_selected"]
    readonly_fields = ["reviewed_by", "reviewed_at", "fingerprint", "created_at", "updated_at"]

    @admin.action(description="Approve selected questions")
    def approve_selected(self, request, queryset):
        for question in queryset:
            services.question_approve(question=question, reviewer=request.user)
        self.message_user(request, f"Approved {queryset.count()} question(s).", messages.SUCCESS)

    @admin.action(description="Reject selected questions")
    def reject_selected(self, request, queryset):
        rejected = 0
        for question in queryset:
            try:
                services.question_reject(question=question, reviewer=request.user)
                rejected += 1
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
        self.message_user(request, f"Rejected {rejected} question(s).", messages.SUCCESS)
