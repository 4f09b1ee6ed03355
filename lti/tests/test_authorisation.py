"""The LTI pages for every role, LMS-made accounts among them: the class's results (with its
unsent scores), the retry of an unsent score, the roster sync, the score list in the admin
and the deep-linking picker. The teacher owns the class (made from an LMS course); the LMS
teacher co-teaches it from the LMS; the student and the LMS student are in it; the other
teacher is not."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from lti_tool.models import LtiContext, LtiDeployment, LtiRegistration, LtiResourceLink, LtiUser

from classes import services as class_services
from classes.models import Enrolment
from learning.tests.factories import QuizFactory
from lti.models import CourseClass, Placement, ScorePassback
from lti.services import lti_user_account
from quizgen.tests.factories import TeacherFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "student", "lms_student", "teacher", "lms_teacher", "other_teacher"]


@pytest.fixture
def world():
    registration = LtiRegistration.objects.create(
        name="School Moodle",
        issuer="https://lms.example.org",
        client_id="quizgen-tool",
        auth_url="https://lms.example.org/auth",
        token_url="https://lms.example.org/token",
        keyset_url="https://lms.example.org/jwks",
    )
    deployment = LtiDeployment.objects.create(
        registration=registration, deployment_id="d-1", is_active=True
    )
    context = LtiContext.objects.create(deployment=deployment, id_on_platform="course-7")

    def lms_account(sub, teacher):
        lti_user = LtiUser.objects.create(registration=registration, sub=sub)
        return lti_user, lti_user_account(lti_user=lti_user, teacher=teacher)

    teacher = TeacherFactory(username="teacher-a")
    school_class = class_services.class_create(owner=teacher, name="History 7B")
    CourseClass.objects.create(context=context, school_class=school_class)
    student = UserFactory(username="student-a")
    class_services.enrolment_add(school_class=school_class, student=student)
    lms_student_row, lms_student = lms_account("lms-student", teacher=False)
    class_services.enrolment_add(
        school_class=school_class, student=lms_student, source=Enrolment.Source.LMS
    )
    _, lms_teacher = lms_account("lms-teacher", teacher=True)
    school_class.co_teachers.add(lms_teacher)
    quiz = QuizFactory(owner=teacher, question_count=1)
    placement = Placement.objects.create(
        resource_link=LtiResourceLink.objects.create(context=context, id_on_platform="link-1"),
        quiz=quiz,
        line_item_url="https://lms.example.org/lineitems/1",
    )
    passback = ScorePassback.objects.create(
        placement=placement,
        lti_user=lms_student_row,
        student=lms_student,
        school_class=school_class,
        status=ScorePassback.Status.FAILED,
        tries=3,
        reason="The LMS refused the score (HTTP 503): closed",
        requested_at=timezone.now(),
    )
    users = {
        "anonymous": None,
        "student": student,
        "lms_student": lms_student,
        "teacher": teacher,
        "lms_teacher": lms_teacher,
        "other_teacher": TeacherFactory(username="teacher-b"),
    }
    return {"class": school_class, "passback": passback, "users": users}


def _login(client, user) -> str:
    if user is not None:
        client.force_login(user)
    return reverse("login")


# (name, method, url, what each role in ROLES gets: a status, or where a redirect goes)
MATRIX = [
    ("class results", "get", lambda w: reverse("classes:teach_class", args=[w["class"].pk]),
     ["login", "login", "login", 200, 200, 404]),
    ("passback retry", "post", lambda w: reverse("lti:passback_retry", args=[w["passback"].pk]),
     ["login", "login", "login", "class", "class", 404]),
    ("roster sync", "post", lambda w: reverse("lti:roster_sync", args=[w["class"].pk]),
     ["login", "login", "login", "class", "class", 404]),
    ("admin score list", "get", lambda w: reverse("admin:lti_scorepassback_changelist"),
     ["admin login", "admin login", "admin login", "listed", "listed", "not listed"]),
    ("deep-link picker", "get", lambda w: reverse("lti:deep_link"),
     [400, 400, 400, 400, 400, 400]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "method", "url", "role", "expected"),
    [
        pytest.param(name, method, url, role, outcomes[index], id=f"{name}-{role}")
        for name, method, url, outcomes in MATRIX
        for index, role in enumerate(ROLES)
    ],
)
def test_each_role_gets_the_expected_page(client, world, name, method, url, role, expected):
    login_url = _login(client, world["users"][role])
    response = getattr(client, method)(url(world))
    passback = ScorePassback.objects.get()
    if expected == "login":
        assert (response.status_code, response["Location"].split("?")[0]) == (302, login_url)
    elif expected == "admin login":
        assert (response.status_code, response["Location"].split("?")[0]) == (
            302,
            reverse("admin:login"),
        )
    elif expected == "class":
        assert (response.status_code, response["Location"]) == (
            302,
            reverse("classes:teach_class", args=[world["class"].pk]),
        )
    elif expected in ("listed", "not listed"):
        assert response.status_code == 200
        listed = "The LMS refused the score (HTTP 503): closed" in response.content.decode()
        assert listed is (expected == "listed")
    else:
        assert response.status_code == expected
    # Only a teacher of the class restarts the passback.
    retried = name == "passback retry" and expected == "class"
    assert passback.status == ("pending" if retried else "failed")
