"""The roles of the site, as auth groups with their permissions, for every app in one place.

`migrate` calls `roles_setup` (see `roles.apps`), so a fresh install has the groups without the
demo; running it again changes nothing, and a permission removed from this table is removed
from its group.

- Teacher (staff): reviews questions and builds quizzes, modules and classes in the admin;
  which rows they see there is limited to their own by each admin class.
- Student: takes quizzes; no admin access, so no model permission.
- Integration: an LMS's account on the API; no admin access either.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

TEACHER_GROUP = "Teacher"
STUDENT_GROUP = "Student"
INTEGRATION_GROUP = "Integration"

TEACHER_PERMISSIONS: dict[str, list[str]] = {
    "quizgen": [
        "add_document",
        "change_document",
        "delete_document",
        "view_document",
        "change_fact",
        "view_fact",
        "add_question",
        "change_question",
        "view_question",
        "view_historicalquestion",
    ],
    "learning": [
        "add_quiz",
        "change_quiz",
        "delete_quiz",
        "view_quiz",
        "add_quizquestion",
        "change_quizquestion",
        "delete_quizquestion",
        "view_quizquestion",
        "view_attempt",
        # A teacher sets the mark of one answer by hand (learning.services.response_override).
        "change_response",
        "view_response",
        "view_regrade",
    ],
    "modules": [
        "add_module",
        "change_module",
        "delete_module",
        "view_module",
        "add_moduledocument",
        "change_moduledocument",
        "delete_moduledocument",
        "view_moduledocument",
        "change_flashcard",
        "view_flashcard",
        "view_moduleprogress",
    ],
    "classes": [
        "add_schoolclass",
        "change_schoolclass",
        "delete_schoolclass",
        "view_schoolclass",
        "add_enrolment",
        "change_enrolment",
        "delete_enrolment",
        "view_enrolment",
        "add_assignment",
        "change_assignment",
        "delete_assignment",
        "view_assignment",
    ],
    # Scores sent to the LMS: seen, and retried by an admin action (lti.admin).
    "lti": ["view_scorepassback"],
}

ROLE_PERMISSIONS: dict[str, dict[str, list[str]]] = {
    TEACHER_GROUP: TEACHER_PERMISSIONS,
    STUDENT_GROUP: {},
    INTEGRATION_GROUP: {},
}


def _permissions(table: dict[str, list[str]], using: str) -> list[Permission]:
    wanted = []
    for app_label, codenames in table.items():
        found = list(
            Permission.objects.using(using).filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )
        missing = set(codenames) - {permission.codename for permission in found}
        if missing:
            raise LookupError(f"Unknown permissions for {app_label}: {sorted(missing)}")
        wanted.extend(found)
    return wanted


@transaction.atomic
def roles_setup(*, using: str = "default") -> dict[str, Group]:
    """Create the groups of ROLE_PERMISSIONS and give each exactly its permissions."""
    for app_config in apps.get_app_configs():
        # Normally done by migrate just before; repeated so the table never misses a model.
        create_permissions(app_config, verbosity=0, using=using)
    groups = {}
    for name, table in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(_permissions(table, using))
        groups[name] = group
    return groups


def role_group(name: str) -> Group:
    """One of the role groups (made by migrate; made here if a test database skipped it)."""
    group = Group.objects.filter(name=name).first()
    return group if group is not None else roles_setup()[name]


def group_names(user) -> frozenset[str]:
    """The user's group names, read once per request and kept on the user object."""
    if not user or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_role_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_group_names = cached
    return cached


def is_teacher(user) -> bool:
    return bool(user and user.is_authenticated and user.is_staff) and (
        TEACHER_GROUP in group_names(user)
    )


def is_integration(user) -> bool:
    return INTEGRATION_GROUP in group_names(user)
