"""The class roster from the LMS (NRPS) against lti1p3platform's membership service: the admin
action and the management command enrol the course's learners, add its instructors as
co-teachers and take out LMS students it no longer lists; others stay."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from classes import services as class_services
from classes.models import Enrolment, SchoolClass
from learning.tests.factories import QuizFactory
from lti import roster
from lti.tests.platform import INSTRUCTOR, LEARNER
from quizgen.tests.factories import TeacherFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def member(sub, role, status="Active", **claims):
    return {"user_id": sub, "roles": [role], "status": status, **claims}


def _roster(school_class) -> list[tuple[str, str]]:
    return sorted(
        (enrolment.student.email or enrolment.student.username, enrolment.source)
        for enrolment in school_class.enrolments.select_related("student")
    )


@pytest.fixture
def course(platform):
    platform.launch(sub="teacher-1", roles=[INSTRUCTOR], memberships=True)
    school_class = SchoolClass.objects.get()
    # Launched once from the course, then dropped from it in the LMS:
    quiz = QuizFactory(owner=school_class.owner, question_count=1)
    platform.launch(sub="left-1", roles=[LEARNER], email="left@example.org", quiz=quiz)
    assert school_class.enrolments.get().source == Enrolment.Source.LMS
    # Joined with the class code: not the LMS's to take out.
    joined = UserFactory(username="by-code", email="")
    class_services.class_join(student=joined, code=school_class.join_code)
    platform.members = [
        member("teacher-1", INSTRUCTOR),
        member("teacher-2", INSTRUCTOR, name="Noor Saleh", email="noor@example.org"),
        member(
            "student-1", LEARNER, given_name="Lena", family_name="Ruiz", email="lena@example.org"
        ),
        member("student-2", LEARNER, email="omar@example.org"),
        member("student-3", LEARNER, status="Inactive", email="ines@example.org"),
    ]
    return school_class


def test_the_admin_action_syncs_the_class_roster_from_the_lms(platform, course, client):
    client.force_login(course.owner)
    page = client.post(
        reverse("admin:classes_schoolclass_changelist"),
        {"action": "sync_lms_roster", "_selected_action": [course.pk]},
        follow=True,
    )
    assert (
        "History 7B (LMS): 2 student(s) enrolled from the LMS (2 new), 1 taken out, "
        "1 co-teacher(s) added."
    ) in page.content.decode()
    assert _roster(course) == [
        ("by-code", Enrolment.Source.JOIN_CODE),
        ("lena@example.org", Enrolment.Source.LMS),
        ("omar@example.org", Enrolment.Source.LMS),
    ]
    lena = course.enrolments.get(student__email="lena@example.org").student
    assert (lena.first_name, lena.last_name, lena.is_staff) == ("Lena", "Ruiz", False)
    assert [(t.email, t.is_staff) for t in course.co_teachers.all()] == [("noor@example.org", True)]


def test_the_command_syncs_every_lms_class_and_again_after_a_change(platform, course, capsys):
    call_command("sync_lms_rosters")
    platform.members = [m for m in platform.members if m["user_id"] != "student-2"]
    call_command("sync_lms_rosters", str(course.pk))
    assert capsys.readouterr().out.splitlines() == [
        "History 7B (LMS): 2 student(s) enrolled from the LMS (2 new), 1 taken out, "
        "1 co-teacher(s) added.",
        "History 7B (LMS): 1 student(s) enrolled from the LMS (0 new), 1 taken out, "
        "0 co-teacher(s) added.",
    ]
    assert _roster(course) == [
        ("by-code", Enrolment.Source.JOIN_CODE),
        ("lena@example.org", Enrolment.Source.LMS),
    ]


def test_a_class_not_from_an_lms_is_refused_and_unchanged(platform, course):
    plain = class_services.class_create(owner=TeacherFactory(), name="Year 9")
    with pytest.raises(CommandError, match="1 roster"):
        call_command("sync_lms_rosters", str(plain.pk))
    with pytest.raises(ValidationError) as refusal:
        roster.class_roster_sync(school_class=plain)
    assert refusal.value.messages == [roster.NOT_FROM_AN_LMS.format(school_class=plain)]


def test_an_unreadable_roster_changes_nothing(platform, course):
    before = _roster(course)
    platform.members = [{"roles": [LEARNER]}]  # no user_id: the platform answers 400
    with pytest.raises(ValidationError) as refusal:
        roster.class_roster_sync(school_class=course)
    assert refusal.value.messages[0].startswith(
        "The LMS roster of History 7B (LMS) could not be read: HTTP response ["
    )
    assert _roster(course) == before


def test_the_results_page_button_syncs_the_roster(platform, course, client):
    client.force_login(course.owner)
    results = reverse("classes:teach_class", args=[course.pk])
    sync_url = reverse("lti:roster_sync", args=[course.pk])
    assert f'action="{sync_url}"' in client.get(results).content.decode()
    page = client.post(sync_url, follow=True)
    assert page.redirect_chain == [(results, 302)]
    assert (
        "History 7B (LMS): 2 student(s) enrolled from the LMS (2 new), 1 taken out, "
        "1 co-teacher(s) added."
    ) in page.content.decode()
    # Another teacher's class is not theirs to sync; a class not from an LMS has no button.
    client.force_login(TeacherFactory())
    assert client.post(sync_url).status_code == 404
    plain = class_services.class_create(owner=course.owner, name="Year 9")
    client.force_login(course.owner)
    page = client.get(reverse("classes:teach_class", args=[plain.pk])).content.decode()
    assert "Sync the roster from the LMS" not in page
