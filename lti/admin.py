"""LTI in the admin: each registration's trust settings beside django-lti's own fields, and
the scores sent to the LMS (what was sent, what failed and why, and a retry)."""

from __future__ import annotations

from django.contrib import admin, messages
from lti_tool.admin import LtiDeploymentInline, LtiRegistrationAdmin
from lti_tool.models import LtiRegistration

from lti import grades
from lti.models import PlatformTrust, ScorePassback

RETRIED = "Sending {count} score(s) to the LMS again."


@admin.register(ScorePassback)
class ScorePassbackAdmin(admin.ModelAdmin):
    list_display = ["student", "quiz", "school_class", "status", "tries", "reason", "sent_at"]
    list_filter = ["status"]
    list_select_related = ["student", "placement__quiz", "school_class"]
    search_fields = ["student__username", "placement__quiz__title"]
    actions = ["retry"]
    readonly_fields = [
        "placement", "lti_user", "student", "school_class", "status", "tries", "reason",
        "score_given", "score_maximum", "requested_at", "sent_at",
    ]  # fmt: skip

    @admin.display(description="quiz")
    def quiz(self, passback):
        return passback.placement.quiz

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        from classes.selectors import classes_taught

        return queryset.filter(school_class__in=classes_taught(teacher=request.user).values("pk"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Retry sending the selected scores to the LMS")
    def retry(self, request, queryset):
        passbacks = list(queryset)
        for passback in passbacks:
            grades.score_passback_retry(passback=passback)
        self.message_user(request, RETRIED.format(count=len(passbacks)), messages.SUCCESS)


class PlatformTrustInline(admin.StackedInline):
    model = PlatformTrust
    can_delete = False


admin.site.unregister(LtiRegistration)


@admin.register(LtiRegistration)
class RegistrationAdmin(LtiRegistrationAdmin):
    inlines = [LtiDeploymentInline, PlatformTrustInline]
