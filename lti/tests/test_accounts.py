"""Which account a launch opens (a teacher's existing one only when the platform is trusted for
it), and the cookies that let a launched session work inside the LMS's frame."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from lti_tool.models import LtiUser

from classes.models import SchoolClass
from learning.tests.factories import QuizFactory
from lti.models import PlatformTrust
from lti.tests.platform import INSTRUCTOR, LEARNER
from quizgen.tests.factories import TeacherFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "r.okafor@school.example.org"


def _account(sub: str):
    return LtiUser.objects.select_related("auth_user").get(sub=sub).auth_user


def _trust(platform):
    PlatformTrust.objects.create(registration=platform.tool, link_teachers_by_email=True)


def test_an_untrusted_platform_gets_a_new_account_even_for_a_known_email(platform):
    existing = TeacherFactory(username="rokafor", email=EMAIL)
    platform.launch(sub="teacher-1", roles=[INSTRUCTOR], email=EMAIL)
    account = _account("teacher-1")
    assert account.pk != existing.pk
    assert (account.username.startswith("lti-"), account.email) == (True, EMAIL)
    assert SchoolClass.objects.get().owner == account


def test_a_trusted_platform_links_a_teachers_first_launch_to_their_account(platform):
    _trust(platform)
    existing = TeacherFactory(username="rokafor", email=EMAIL.upper())
    platform.launch(sub="teacher-1", roles=[INSTRUCTOR], email=EMAIL)
    assert _account("teacher-1") == existing
    assert SchoolClass.objects.get().owner == existing
    assert get_user_model().objects.filter(email__iexact=EMAIL).count() == 1


@pytest.mark.parametrize(
    ("existing_kind", "roles"),
    [("administrator", [INSTRUCTOR]), ("teacher", [LEARNER]), ("student", [INSTRUCTOR])],
    ids=["an administrator's account", "a student's launch", "a student's account"],
)
def test_a_trusted_platform_never_links_these(platform, existing_kind, roles):
    _trust(platform)
    if existing_kind == "administrator":
        existing = TeacherFactory(username="admin", email=EMAIL, is_superuser=True)
    elif existing_kind == "teacher":
        existing = TeacherFactory(username="rokafor", email=EMAIL)
    else:
        existing = UserFactory(username="rokafor", email=EMAIL)
    quiz = QuizFactory(question_count=1) if roles == [LEARNER] else None
    if quiz is not None:
        platform.launch(sub="teacher-0", roles=[INSTRUCTOR], email="owner@example.org")
        quiz.owner = _account("teacher-0")
        quiz.save()
    platform.launch(sub="someone", roles=roles, email=EMAIL, quiz=quiz)
    account = _account("someone")
    assert account.pk != existing.pk
    assert account.username.startswith("lti-")
    existing.refresh_from_db()
    assert existing.is_staff is (existing_kind != "student")


def _secure_launch(platform, client, **claims):
    login = client.get(
        f"/lti/login/{platform.tool.uuid}/",
        platform.login_params(sub=claims["sub"]),
        secure=True,
    )
    assert login.status_code == 302
    form = platform.sign(dict(parse_qsl(urlsplit(login["Location"]).query)), **claims)
    return client.post(
        "/lti/launch/", {"id_token": form["id_token"], "state": form["state"]}, secure=True
    )


def test_over_https_a_launched_sessions_cookies_are_sent_inside_the_lms_frame(platform, client):
    platform.launch(sub="teacher-1", roles=[INSTRUCTOR])
    quiz = QuizFactory(owner=_account("teacher-1"), title="Week 1", question_count=1)
    launch = _secure_launch(platform, client, sub="student-1", roles=[LEARNER], quiz=quiz)
    assert launch.status_code == 302
    session = launch.cookies["sessionid"]
    assert (session["samesite"], session["secure"], session["httponly"]) == ("None", True, True)
    page = client.get(launch["Location"], secure=True)
    assert "<h1>Week 1</h1>" in page.content.decode()
    csrf = page.cookies["csrftoken"]
    assert (csrf["samesite"], csrf["secure"]) == ("None", True)


def test_other_sessions_keep_lax_cookies(platform, client):
    UserFactory(username="ada")
    response = client.post(
        reverse("login"), {"username": "ada", "password": "correct-horse-battery"}, secure=True
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["samesite"] == "Lax"


def test_the_trust_flag_is_set_on_the_registration_in_the_admin(platform, client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    change = reverse("admin:lti_tool_ltiregistration_change", args=[platform.tool.pk])
    page = client.get(change).content.decode()
    assert "Link teachers by e-mail" in page
    form = {
        "name": "School Moodle",
        "uuid": str(platform.tool.uuid),
        "issuer": platform.tool.issuer,
        "client_id": platform.tool.client_id,
        "auth_url": platform.tool.auth_url,
        "token_url": platform.tool.token_url,
        "keyset_url": platform.tool.keyset_url,
        "is_active": "on",
        "deployments-TOTAL_FORMS": "1",
        "deployments-INITIAL_FORMS": "1",
        "deployments-0-id": str(platform.deployment.pk),
        "deployments-0-registration": str(platform.tool.pk),
        "deployments-0-deployment_id": platform.deployment.deployment_id,
        "deployments-0-is_active": "on",
        "quizgen_trust-TOTAL_FORMS": "1",
        "quizgen_trust-INITIAL_FORMS": "0",
        "quizgen_trust-0-link_teachers_by_email": "on",
    }
    saved = client.post(change, form)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert PlatformTrust.objects.get(registration=platform.tool).link_teachers_by_email is True
