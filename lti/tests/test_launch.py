"""LTI 1.3 against a platform nobody here wrote: lti1p3platform signs the launches, over HTTP
against the running app (OIDC login initiation, then the id_token posted to the launch URL).

The platform's key set is served by a small HTTP server in the test, as an LMS serves its own.
"""

from __future__ import annotations

import html
import re

import pytest
import requests
from django.contrib.auth import get_user_model

from classes.models import Enrolment, SchoolClass
from learning.tests.factories import QuizFactory
from lti import views
from lti.models import CourseClass
from lti.tests.platform import INSTRUCTOR, LEARNER, csp, key_pair

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
    assert csp(page.headers)["frame-ancestors"] == f"https://lms.example.org {platform.url}"
    outside = requests.get(platform.live + "/accounts/login/")
    assert outside.headers["X-Frame-Options"] == "DENY"
    assert csp(outside.headers)["frame-ancestors"] == "'none'"
    enrolment = Enrolment.objects.get()
    assert (enrolment.school_class, enrolment.source) == (school_class, Enrolment.Source.LMS)
    assert enrolment.student.is_staff is False
    assert list(school_class.assignments.values_list("quiz", flat=True)) == [quiz.pk]
    assert CourseClass.objects.get().school_class == school_class
    # The same LMS user launching again is the same account.
    platform.launch(sub="student-1", roles=[LEARNER], quiz=quiz)
    assert Enrolment.objects.count() == 1


def _alert(response) -> str:
    return html.unescape(re.search(r"role=\"alert\">(.*?)</p>", response.text, re.S).group(1))


def _other_key(platform):
    platform.registration.set_platform_private_key(key_pair()[0])


def _inactive(platform):
    platform.deployment.is_active = False
    platform.deployment.save()


@pytest.mark.parametrize(
    ("claims", "expires_in", "spoil", "reason"),
    [
        ({"aud": "another-tool"}, 300, None, views.REGISTRATION_UNKNOWN),
        ({}, -120, None, views.LAUNCH_EXPIRED),
        (
            {"https://purl.imsglobal.org/spec/lti/claim/deployment_id": "unknown"},
            300,
            None,
            views.DEPLOYMENT_INACTIVE,
        ),
        ({}, 300, _inactive, views.DEPLOYMENT_INACTIVE),
        ({}, 300, _other_key, views.BAD_SIGNATURE),
        ({}, 300, "other browser", views.SIGN_IN_LOST),
        (
            {"https://purl.imsglobal.org/spec/lti/claim/version": "1.1"},
            300,
            None,
            views.LAUNCH_INCOMPLETE.format(detail="Incorrect version, expected 1.3.0"),
        ),
    ],
    ids=[
        "wrong audience",
        "expired",
        "unknown deployment",
        "inactive deployment",
        "signed with another key",
        "posted from another browser",
        "wrong version",
    ],
)
def test_bad_launches_are_refused_with_a_page_and_change_nothing(
    platform, claims, expires_in, spoil, reason
):
    quiz = QuizFactory(title="Week 1", question_count=1)
    users = get_user_model().objects.count()
    if callable(spoil):
        spoil(platform)
    _, response, _ = platform.launch(
        sub="student-1",
        roles=[LEARNER],
        quiz=quiz,
        claims=claims,
        expires_in=expires_in,
        post_with=requests.Session() if spoil == "other browser" else None,
    )
    assert response.status_code == 403
    assert _alert(response) == views.LAUNCH_REFUSED.format(reason=reason)
    # Shown inside the LMS's frame: the registered platforms may frame it, nobody else.
    assert "X-Frame-Options" not in response.headers
    assert csp(response.headers)["frame-ancestors"] == f"https://lms.example.org {platform.url}"
    assert SchoolClass.objects.count() == 0
    assert Enrolment.objects.count() == 0
    assert get_user_model().objects.count() == users


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


def test_the_login_step_checks_cookies_first_in_a_page_the_platform_may_frame(platform):
    params = platform.login_params(sub="student-1")
    del params["lti1p3_new_window"]
    page = requests.get(platform.registration.get_oidc_login_url(), params=params)
    assert page.status_code == 200
    continue_url = html.unescape(re.search(r'data-continue="([^"]+)"', page.text).group(1))
    assert continue_url == (
        f"/lti/login/{platform.tool.uuid}/?iss=https%3A%2F%2Flms.example.org"
        "&login_hint=student-1"
        f"&target_link_uri=http%3A%2F%2Flocalhost%3A{platform.live.rsplit(':', 1)[1]}"
        "%2Flti%2Flaunch%2F&lti_message_hint=link-1&client_id=quizgen-tool"
        "&lti_deployment_id=deployment-1&lti1p3_new_window=1"
    )
    assert views.LoginView.click_msg in page.text
    assert "X-Frame-Options" not in page.headers
    assert csp(page.headers)["frame-ancestors"] == f"https://lms.example.org {platform.url}"
    # An unknown platform gets the refusal, not the page.
    params["iss"] = "https://elsewhere.example.org"
    refused = requests.get(platform.registration.get_oidc_login_url(), params=params)
    assert refused.status_code == 400
    assert _alert(refused) == views.LAUNCH_REFUSED.format(reason=views.REGISTRATION_UNKNOWN)
