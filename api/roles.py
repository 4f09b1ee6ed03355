"""Who a user is to the API: teacher, integration or student."""

from __future__ import annotations

from django.contrib.auth.models import Group
from rest_framework.permissions import BasePermission

from roles.groups import INTEGRATION_GROUP, TEACHER_GROUP, role_group


def group_names(user) -> frozenset[str]:
    """The user's group names, read once per request and kept on the user object."""
    if not user or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_api_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._api_group_names = cached
    return cached


def is_teacher(user) -> bool:
    return bool(user and user.is_authenticated and user.is_staff) and (
        TEACHER_GROUP in group_names(user)
    )


def is_integration(user) -> bool:
    return INTEGRATION_GROUP in group_names(user)


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
