from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from learning import services
from learning.models import Attempt, Quiz, QuizQuestion, Response


class QuizQuestionInline(admin.TabularInline):
    model = QuizQuestion
    extra = 0
    autocomplete_fields = ["question"]
    ordering = ["position"]


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "is_published", "published_at"]
    list_filter = ["is_published"]
    search_fields = ["title"]
    inlines = [QuizQuestionInline]
    actions = ["publish_selected"]
    readonly_fields = ["is_published", "published_at"]

    @admin.action(description="Publish selected quizzes")
    def publish_selected(self, request, queryset):
        for quiz in queryset:
            try:
                services.quiz_publish(quiz=quiz)
                self.message_user(request, f"Published “{quiz.title}”.", messages.SUCCESS)
            except ValidationError as error:
                self.message_user(
                    request, f"“{quiz.title}”: {' '.join(error.messages)}", messages.ERROR
                )


class ResponseInline(admin.TabularInline):
    model = Response
    extra = 0
    readonly_fields = ["question", "answer", "score", "saved_at"]
    can_delete = False


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["quiz", "student", "number", "state", "score", "max_score", "submitted_at"]
    list_filter = ["state", "quiz"]
    readonly_fields = [field.name for field in Attempt._meta.fields]
    inlines = [ResponseInline]
