"""The roles exist after `migrate` alone: the test database is made by migrate, without the demo."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from quizgen.tests.factories import TeacherFactory, UserFactory
from roles.groups import INTEGRATION_GROUP, STUDENT_GROUP, TEACHER_GROUP, roles_setup

pytestmark = pytest.mark.django_db


def _codenames(name: str) -> set[tuple[str, str]]:
    return set(
        Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename")
    )


def test_migrate_alone_creates_the_three_roles_and_no_demo_user():
    assert sorted(Group.objects.values_list("name", flat=True)) == [
        INTEGRATION_GROUP,
        STUDENT_GROUP,
        TEACHER_GROUP,
    ]
    assert get_user_model().objects.count() == 0


def test_teachers_may_build_quizzes_modules_and_review_questions_but_not_forge_attempts():
    codenames = _codenames(TEACHER_GROUP)
    for expected in [
        ("quizgen", "add_document"),
        ("quizgen", "change_question"),
        ("quizgen", "add_question"),
        ("learning", "add_quiz"),
        ("learning", "view_attempt"),
        ("modules", "add_module"),
        ("modules", "change_flashcard"),
        ("modules", "view_moduleprogress"),
    ]:
        assert expected in codenames
    for refused in [
        ("learning", "change_attempt"),
        ("modules", "change_moduleprogress"),
        ("auth", "change_user"),
    ]:
        assert refused not in codenames


def test_students_and_integrations_have_no_model_permission():
    assert _codenames(STUDENT_GROUP) == set()
    assert _codenames(INTEGRATION_GROUP) == set()


def test_setting_up_again_changes_nothing():
    before = {name: _codenames(name) for name in (TEACHER_GROUP, STUDENT_GROUP, INTEGRATION_GROUP)}
    roles_setup()
    assert Group.objects.count() == 3
    assert {name: _codenames(name) for name in before} == before


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:modules_module_changelist",
        "admin:modules_module_add",
        "admin:learning_quiz_changelist",
        "admin:learning_quiz_add",
        "admin:quizgen_document_changelist",
        "admin:quizgen_question_changelist",
    ],
)
def test_a_teacher_with_only_the_groups_permissions_reaches_the_admin_pages(client, url_name):
    teacher = TeacherFactory()
    assert teacher.user_permissions.count() == 0
    client.force_login(teacher)
    assert client.get(reverse(url_name)).status_code == 200


def test_a_student_in_the_student_group_is_sent_to_the_admin_login(client):
    student = UserFactory()
    student.groups.add(Group.objects.get(name=STUDENT_GROUP))
    client.force_login(student)
    response = client.get(reverse("admin:modules_module_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
