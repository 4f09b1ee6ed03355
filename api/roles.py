"""Who a user is to the API: teacher, integration or student."""

from __future__ import annotations

from django.contrib.auth.models import Group
from rest_framework.permissions import BasePermission

from roles.groups import INTEGRATION_GROUP, group_names, is_integration, is_teacher, role_group

__all__ = ["group_names", "is_integration", "is_teacher"]


def integration_group() -> Group:
    return role_group(INTEGRATION_GROUP)


class IsTeacher(BasePermission):
    message = "Only teachers may do this."

    def has_permission(self, request, view) -> bool:
        return is_teacher(request.user)


class IsLearner(BasePermission):
    """Anyone signed in who takes quizzes: students and teachers, not integration accounts."""

    message = "Integration accounts do not take quizzes; use the student's own token."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated) and not is_integration(
            request.user
        )


class IsTeacherOrIntegration(BasePermission):
    message = "Only teachers and integration accounts may read results."

    def has_permission(self, request, view) -> bool:
        return is_teacher(request.user) or is_integration(request.user)
