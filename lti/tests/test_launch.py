"""LTI 1.3 against a platform nobody here wrote: lti1p3platform signs the launches, over HTTP
against the running app (OIDC login initiation, then the id_token posted to the launch URL).

The platform's key set is served by a small HTTP server in the test, as an LMS serves its own.
"""

from __future__ import annotations

import re

import pytest
import requests

from classes.models import Enrolment, SchoolClass
from learning.tests.factories import QuizFactory
from lti import views
from lti.models import CourseClass
from lti.tests.platform import INSTRUCTOR, LEARNER

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_student_launch_lands_in_the_quiz_enrolled_in_the_course_class(platform):
    # The teacher opens Quizgen from the course first: the course becomes their class.
    _, teacher_launch, _ = platform.launch(sub="teacher-1", roles=[INSTRUCTOR])
    school_class = SchoolClass.objects.get()
    assert teacher_launch.status_code == 302
    assert teacher_launch.headers["Location"] == f"/teach/classes/{school_class.pk}/"
    teacher = school_class.owner
    assert (teacher.is_staff, teacher.email, school_class.name) == (
        True,
        "amira@example.org",
        "History 7B",
    )
    # The teacher's quiz, placed in the course with the custom parameter quiz=<id>.
    quiz = QuizFactory(owner=teacher, title="Week 1", question_count=2)
    browser, launch, _ = platform.launch(sub="student-1", roles=[LEARNER], quiz=quiz)
    assert launch.status_code == 302
    assert launch.headers["Location"] == f"/quizzes/{quiz.pk}/"
    page = browser.get(platform.live + launch.headers["Location"])
    assert page.status_code == 200
    assert "<h1>Week 1</h1>" in page.text
    # Inside the LMS's frame: that platform may frame the page, nobody else.
    assert "X-Frame-Options" not in page.headers
    assert (
        "frame-ancestors https://lms.example.org http://127.0.0.1:"
        in (page.headers["Content-Security-Policy"])
    )
    outside = requests.get(platform.live + "/accounts/login/")
    assert outside.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in outside.headers["Content-Security-Policy"]
    enrolment = Enrolment.objects.get()
    assert (enrolment.school_class, enrolment.source) == (school_class, Enrolment.Source.LMS)
    assert enrolment.student.is_staff is False
    assert list(school_class.assignments.values_list("quiz", flat=True)) == [quiz.pk]
    assert CourseClass.objects.get().school_class == school_class
    # The same LMS user launching again is the same account.
    platform.launch(sub="student-1", roles=[LEARNER], quiz=quiz)
    assert Enrolment.objects.count() == 1


@pytest.mark.parametrize(
    ("claims", "expires_in", "reason"),
    [
        ({"aud": "another-tool"}, 300, "Registration not found."),
        ({}, -120, "Can't decode id_token: Signature has expired"),
        (
            {"https://purl.imsglobal.org/spec/lti/claim/deployment_id": "unknown"},
            300,
            views.DEPLOYMENT_INACTIVE,
        ),
    ],
    ids=["wrong audience", "expired", "unknown deployment"],
)
def test_bad_launches_are_refused_with_a_page_and_change_nothing(
    platform, claims, expires_in, reason
):
    quiz = QuizFactory(title="Week 1", question_count=1)
    _, response, _ = platform.launch(
        sub="student-1", roles=[LEARNER], quiz=quiz, claims=claims, expires_in=expires_in
    )
    assert response.status_code == 403
    assert "The launch from your learning platform was refused:" in response.text
    alert = re.search(r"role=\"alert\">(.*?)</p>", response.text, re.S).group(1)
    assert reason.replace("'", "&#x27;") in alert, alert
    assert SchoolClass.objects.count() == 0
    assert Enrolment.objects.count() == 0


def test_a_replayed_launch_is_refused(platform):
    browser, first, form = platform.launch(sub="teacher-1", roles=[INSTRUCTOR])
    assert first.status_code == 302
    replay = browser.post(
        form["launch_url"],
        data={"id_token": form["id_token"], "state": form["state"]},
        allow_redirects=False,
    )
    assert replay.status_code == 403
    assert views.NONCE_REPLAYED in replay.text
    assert SchoolClass.objects.count() == 1


def test_the_tool_serves_its_key_set(platform):
    keys = requests.get(f"{platform.live}/lti/jwks/").json()["keys"]
    assert [key["kty"] for key in keys] == ["RSA"]
    assert re.fullmatch(r"[\w-]+", keys[0]["kid"])
