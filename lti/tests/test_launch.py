"""LTI 1.3 against a platform nobody here wrote: lti1p3platform signs the launches, over HTTP
against the running app (OIDC login initiation, then the id_token posted to the launch URL).

The platform's key set is served by a small HTTP server in the test, as an LMS serves its own.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.registration import Registration
from lti_tool.models import Key, LtiDeployment, LtiRegistration

from classes.models import Enrolment, SchoolClass
from learning.tests.factories import QuizFactory
from lti import views
from lti.models import CourseClass

pytestmark = pytest.mark.django_db(transaction=True)

ISSUER = "https://lms.example.org"
CLIENT_ID = "quizgen-tool"
DEPLOYMENT = "deployment-1"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"


def _key_pair() -> tuple[str, str]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private_pem, public_pem


class _Platform(LTI1P3PlatformConfAbstract):
    def init_platform_config(self, **kwargs):
        self._registration = kwargs["registration"]

    def get_registration_by_params(self, **kwargs):
        return self._registration


class _Launch(LTIAdvantageMessageLaunchAbstract):
    def render_launch_form(self, launch_data, **kwargs):
        return launch_data


@pytest.fixture
def platform(live_server):
    """The LMS: its keys and key set URL, and its registration of Quizgen."""
    private_pem, public_pem = _key_pair()
    registration = (
        Registration()
        .set_iss(ISSUER)
        .set_client_id(CLIENT_ID)
        .set_deployment_id(DEPLOYMENT)
        .set_launch_url(f"{live_server.url}/lti/launch/")
        .set_tool_key_set_url(f"{live_server.url}/lti/jwks/")
        .set_platform_public_key(public_pem)
        .set_platform_private_key(private_pem)
    )
    key_set = json.dumps({"keys": registration.get_jwks()}).encode()

    class KeySet(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(key_set)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), KeySet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    platform_url = f"http://127.0.0.1:{server.server_port}"
    # What the site's administrator enters in the admin (LTI registrations, deployments).
    Key.objects.generate()
    tool_registration = LtiRegistration.objects.create(
        name="School Moodle",
        issuer=ISSUER,
        client_id=CLIENT_ID,
        auth_url=f"{platform_url}/auth",
        token_url=f"{platform_url}/token",
        keyset_url=f"{platform_url}/jwks",
    )
    LtiDeployment.objects.create(
        registration=tool_registration, deployment_id=DEPLOYMENT, is_active=True
    )
    registration.set_oidc_login_url(f"{live_server.url}/lti/login/{tool_registration.uuid}/")
    yield {"registration": registration, "tool": tool_registration, "live": live_server.url}
    server.shutdown()


def _launch(platform, *, sub, roles, quiz=None, session=None, claims=None, expires_in=300):
    """One launch as the LMS does it; returns (the browser session, the launch response)."""
    browser = session or requests.Session()
    registration = platform["registration"]
    login = browser.get(
        registration.get_oidc_login_url(),
        params={
            "iss": ISSUER,
            "login_hint": sub,
            "target_link_uri": registration.get_launch_url(),
            "lti_message_hint": "link-1",
            "client_id": CLIENT_ID,
            "lti_deployment_id": DEPLOYMENT,
            # What the library's cookie-check page adds once it found cookies allowed.
            "lti1p3_new_window": "1",
        },
        allow_redirects=False,
    )
    assert login.status_code == 302, login.text[:300]
    assert login.headers["Location"].startswith(platform["tool"].auth_url)
    preflight = dict(parse_qsl(urlsplit(login.headers["Location"]).query))
    request = SimpleNamespace(get_data=preflight, form_data={})
    message = _Launch(request, _Platform(registration=registration))
    message.set_user_data(sub, roles, full_name="Amira Haddad", email_address="amira@example.org")
    message.set_resource_link_claim("link-1", title="Week 1 quiz")
    message.set_launch_context_claim("course-7", context_title="History 7B")
    if quiz is not None:
        message.set_custom_parameters_claim({"quiz": str(quiz.pk)})
    if claims:
        message.set_extra_claims(claims)
    message.set_id_token_expiration(expires_in)
    form = message.lti_launch()
    response = browser.post(
        form["launch_url"],
        data={"id_token": form["id_token"], "state": form["state"]},
        allow_redirects=False,
    )
    return browser, response, form


def test_a_student_launch_lands_in_the_quiz_enrolled_in_the_course_class(platform):
    # The teacher opens Quizgen from the course first: the course becomes their class.
    _, teacher_launch, _ = _launch(platform, sub="teacher-1", roles=[INSTRUCTOR])
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
    browser, launch, _ = _launch(platform, sub="student-1", roles=[LEARNER], quiz=quiz)
    assert launch.status_code == 302
    assert launch.headers["Location"] == f"/quizzes/{quiz.pk}/"
    page = browser.get(platform["live"] + launch.headers["Location"])
    assert page.status_code == 200
    assert "<h1>Week 1</h1>" in page.text
    # Inside the LMS's frame: that platform may frame the page, nobody else.
    assert "X-Frame-Options" not in page.headers
    assert (
        "frame-ancestors https://lms.example.org http://127.0.0.1:"
        in (page.headers["Content-Security-Policy"])
    )
    outside = requests.get(platform["live"] + "/accounts/login/")
    assert outside.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in outside.headers["Content-Security-Policy"]
    enrolment = Enrolment.objects.get()
    assert (enrolment.school_class, enrolment.source) == (school_class, Enrolment.Source.LMS)
    assert enrolment.student.is_staff is False
    assert list(school_class.assignments.values_list("quiz", flat=True)) == [quiz.pk]
    assert CourseClass.objects.get().school_class == school_class
    # The same LMS user launching again is the same account.
    _launch(platform, sub="student-1", roles=[LEARNER], quiz=quiz)
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
    _, response, _ = _launch(
        platform, sub="student-1", roles=[LEARNER], quiz=quiz, claims=claims, expires_in=expires_in
    )
    assert response.status_code == 403
    assert "The launch from your learning platform was refused:" in response.text
    alert = re.search(r"role=\"alert\">(.*?)</p>", response.text, re.S).group(1)
    assert reason.replace("'", "&#x27;") in alert, alert
    assert SchoolClass.objects.count() == 0
    assert Enrolment.objects.count() == 0


def test_a_replayed_launch_is_refused(platform):
    browser, first, form = _launch(platform, sub="teacher-1", roles=[INSTRUCTOR])
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
    keys = requests.get(f"{platform['live']}/lti/jwks/").json()["keys"]
    assert [key["kty"] for key in keys] == ["RSA"]
    assert re.fullmatch(r"[\w-]+", keys[0]["kid"])
