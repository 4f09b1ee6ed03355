"""LTI Dynamic Registration against the test platform (lti/tests/platform.py): the platform
opens Quizgen's registration URL with its configuration URL and token, the administrator
confirms, Quizgen registers itself at the platform's registration endpoint and stores the
platform; then a real launch by lti1p3platform with the new client ID opens Quizgen."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pytest
import requests
from django.core.cache import cache
from lti_tool.models import Key, LtiDeployment, LtiRegistration

from classes.models import SchoolClass
from learning.tests.factories import QuizFactory
from lti import registration, views
from lti.tests.platform import (
    DYNAMIC_CLIENT_ID,
    DYNAMIC_DEPLOYMENT,
    INSTRUCTOR,
    LEARNER,
    Platform,
    csp,
)

pytestmark = pytest.mark.django_db(transaction=True)

MOODLE_ADMIN = "https://moodle.school.example/admin/tool/lti/register.php"


@pytest.fixture(autouse=True)
def dynamic_registration_on(settings):
    settings.QUIZGEN_LTI_DYNAMIC_REGISTRATION = True
    # The attempt counter lives in the shared cache, which outlasts each test's database.
    cache.clear()


@pytest.fixture
def lms(live_server):
    """An LMS that Quizgen does not know yet: its issuer is its own URL, as Moodle's is."""
    platform = Platform(tool_url=live_server.url)
    platform.registration.set_iss(platform.url)
    platform.live = live_server.url
    Key.objects.generate()
    yield platform
    platform.stop()


def _start(lms, token=None, **headers):
    """What the LMS's registration window opens: Quizgen's registration URL with the
    platform's configuration URL and token."""
    return requests.get(
        f"{lms.live}/lti/register/",
        params={
            "openid_configuration": lms.openid_configuration_url(),
            "registration_token": lms.registration_token if token is None else token,
        },
        headers=headers,
    )


def _confirm(lms, page):
    """The administrator's click on "Register Quizgen": the page's form, posted."""
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.text))
    return requests.post(
        f"{lms.live}/lti/register/", data={k: html.unescape(v) for k, v in fields.items()}
    )


def _alert(response) -> str:
    return html.unescape(re.search(r"role=\"alert\">(.*?)</p>", response.text, re.S).group(1))


def _refused(reason: str) -> str:
    return f"The registration was refused: {reason}"


def test_a_platform_registers_quizgen_and_then_launches_it(lms):
    page = _start(lms, Referer=MOODLE_ADMIN)
    assert page.status_code == 200
    assert re.search(r'<dd id="issuer">(.*?)</dd>', page.text).group(1) == lms.url
    assert re.search(r'<dd id="product">(.*?)</dd>', page.text).group(1) == "moodle 4.5"
    # Shown inside the platform's window: the platform (its configuration's origin and the
    # page that opened Quizgen) may frame it.
    assert "X-Frame-Options" not in page.headers
    assert csp(page.headers)["frame-ancestors"] == f"{lms.url} https://moodle.school.example"
    # Nothing is saved, nor sent to the platform, before the administrator confirms.
    assert LtiRegistration.objects.count() == 0
    assert lms.tool_registrations == []

    done = _confirm(lms, page)
    assert done.status_code == 200
    assert re.search(r'id="registered">(.*?)</p>', done.text).group(1) == (
        f"Quizgen is registered with {lms.url} (client ID {DYNAMIC_CLIENT_ID}, "
        f"deployment {DYNAMIC_DEPLOYMENT})."
    )
    assert csp(done.headers)["frame-ancestors"] == f"{lms.url} https://moodle.school.example"
    # The platform's window is closed by a script file, never an inline script.
    assert re.findall(r"<script[^>]*>", done.text) == [
        '<script src="/static/lti/registration-close.js">'
    ]
    assert csp(done.headers)["script-src"] == "'self'"
    closer = requests.get(f"{lms.live}/static/lti/registration-close.js")
    assert 'postMessage({ subject: "org.imsglobal.lti.close" }, "*")' in closer.text

    stored = LtiRegistration.objects.get()
    assert (
        stored.name,
        stored.issuer,
        stored.client_id,
        stored.auth_url,
        stored.token_url,
        stored.keyset_url,
        stored.is_active,
    ) == (
        f"Moodle at {urlsplit(lms.url).netloc} (dynamic registration)",
        lms.url,
        DYNAMIC_CLIENT_ID,
        f"{lms.url}/auth",
        f"{lms.url}/token",
        f"{lms.url}/jwks",
        True,
    )
    assert list(LtiDeployment.objects.values_list("deployment_id", "is_active")) == [
        (DYNAMIC_DEPLOYMENT, True)
    ]
    # What the platform received, whole.
    launch_url = f"{lms.live}/lti/launch/"
    assert lms.tool_registrations == [
        {
            "application_type": "web",
            "response_types": ["id_token"],
            "grant_types": ["implicit", "client_credentials"],
            "initiate_login_uri": f"{lms.live}/lti/login/{stored.uuid}/",
            "redirect_uris": [launch_url],
            "client_name": "Quizgen",
            "jwks_uri": f"{lms.live}/lti/jwks/",
            "token_endpoint_auth_method": "private_key_jwt",
            "scope": f"{registration.SCORE_SCOPE} {registration.ROSTER_SCOPE}",
            "https://purl.imsglobal.org/spec/lti-tool-configuration": {
                "domain": urlsplit(lms.live).netloc,
                "target_link_uri": launch_url,
                "description": "Quizzes made from reading material, graded in the course.",
                "claims": ["iss", "sub", "name", "given_name", "family_name", "email"],
                "messages": [
                    {"type": "LtiResourceLinkRequest", "target_link_uri": launch_url},
                    {
                        "type": "LtiDeepLinkingRequest",
                        "target_link_uri": launch_url,
                        "label": "Add a Quizgen activity",
                    },
                ],
            },
        }
    ]

    # The platform launches Quizgen with the new client ID at the URLs Quizgen registered.
    assert lms.login_params(sub="teacher-1")["client_id"] == DYNAMIC_CLIENT_ID
    _, teacher_launch, _ = lms.launch(sub="teacher-1", roles=[INSTRUCTOR])
    school_class = SchoolClass.objects.get()
    assert teacher_launch.status_code == 302
    assert teacher_launch.headers["Location"] == f"/teach/classes/{school_class.pk}/"
    quiz = QuizFactory(owner=school_class.owner, title="Week 1", question_count=1)
    _, student_launch, _ = lms.launch(sub="student-1", roles=[LEARNER], quiz=quiz)
    assert student_launch.status_code == 302
    assert student_launch.headers["Location"] == f"/quizzes/{quiz.pk}/"


def test_a_registration_token_works_once(lms):
    page = _start(lms)
    assert _confirm(lms, page).status_code == 200
    again = _confirm(lms, page)
    assert again.status_code == 400
    assert _alert(again) == _refused(registration.TOKEN_REFUSED)
    assert LtiRegistration.objects.count() == 1


def _lookalike_issuer(lms):
    # http://127.0.0.1:4567 for a configuration at http://127.0.0.1:45678/...: a prefix of
    # the URL, but another server.
    lms.configuration_issuer = lms.url[:-1]


@pytest.mark.parametrize(
    ("spoil", "token", "refused_at", "reason"),
    [
        (None, "forged-token", "confirm", registration.TOKEN_REFUSED),
        (
            lambda lms: setattr(lms, "configuration_issuer", "https://lms.example.org"),
            None,
            "start",
            "issuer",
        ),
        (_lookalike_issuer, None, "start", "issuer"),
        (
            lambda lms: setattr(
                lms,
                "refuse_registration",
                (400, {"error": "invalid_client_metadata", "error_description": "Closed."}),
            ),
            None,
            "confirm",
            registration.PLATFORM_STATUS.format(
                status=400, step=registration.STEP_REGISTRATION, detail=": Closed."
            ),
        ),
        (
            lambda lms: setattr(lms, "refuse_registration", (500, {})),
            None,
            "confirm",
            registration.PLATFORM_STATUS.format(
                status=500, step=registration.STEP_REGISTRATION, detail=""
            ),
        ),
    ],
    ids=[
        "wrong token",
        "another issuer",
        "issuer only a string prefix",
        "platform answers 400",
        "platform fails",
    ],
)
def test_refused_registrations_save_nothing(lms, spoil, token, refused_at, reason):
    if spoil is not None:
        spoil(lms)
    if reason == "issuer":
        reason = registration.ISSUER_MISMATCH.format(
            issuer=lms.configuration_issuer, url=lms.openid_configuration_url()
        )
    page = _start(lms, token=token)
    if refused_at == "confirm":
        assert page.status_code == 200
        page = _confirm(lms, page)
    assert page.status_code == 400
    assert _alert(page) == _refused(reason)
    assert LtiRegistration.objects.count() == 0
    assert LtiDeployment.objects.count() == 0
    # The refusal shows inside the platform's window too.
    assert csp(page.headers)["frame-ancestors"] == lms.url


def test_the_platform_is_not_asked_anything_before_the_checks_pass(lms, settings):
    lms.configuration_issuer = "https://lms.example.org"
    refused = requests.get(f"{lms.live}/lti/register/")  # opened by hand, not by a platform
    assert refused.status_code == 400
    assert _alert(refused) == _refused(registration.MISSING_PARAMETERS)
    page = requests.post(
        f"{lms.live}/lti/register/",
        data={
            "openid_configuration": lms.openid_configuration_url(),
            "registration_token": lms.registration_token,
        },
    )
    assert _alert(page) == _refused(
        registration.ISSUER_MISMATCH.format(
            issuer="https://lms.example.org", url=lms.openid_configuration_url()
        )
    )
    # The token was never sent to the registration endpoint of a platform that failed.
    assert (lms.registration_token_used, lms.tool_registrations) == (False, [])


def test_plain_http_platforms_are_refused_outside_tests_and_debug(lms, settings):
    settings.QUIZGEN_LTI_REGISTRATION_ALLOW_HTTP = False
    page = _start(lms)
    assert page.status_code == 400
    assert _alert(page) == _refused(
        registration.NOT_HTTPS.format(what="configuration URL", url=lms.openid_configuration_url())
    )


def test_dynamic_registration_turned_off(lms, settings):
    settings.QUIZGEN_LTI_DYNAMIC_REGISTRATION = False
    page = _start(lms)
    assert page.status_code == 403
    assert _alert(page) == _refused(views.REGISTRATION_OFF)
    posted = requests.post(
        f"{lms.live}/lti/register/",
        data={
            "openid_configuration": lms.openid_configuration_url(),
            "registration_token": lms.registration_token,
        },
    )
    assert posted.status_code == 403
    assert (lms.registration_token_used, lms.tool_registrations) == (False, [])
    assert LtiRegistration.objects.count() == 0


def test_registration_starts_are_limited_per_address(lms, settings):
    settings.QUIZGEN_LTI_REGISTRATIONS_PER_HOUR = 2
    assert [_start(lms).status_code for _ in range(2)] == [200, 200]
    third = _start(lms)
    assert third.status_code == 429
    assert _alert(third) == _refused(views.REGISTRATION_TOO_OFTEN)
    confirm = requests.post(
        f"{lms.live}/lti/register/",
        data={
            "openid_configuration": lms.openid_configuration_url(),
            "registration_token": lms.registration_token,
        },
    )
    assert confirm.status_code == 429
    assert (lms.registration_token_used, LtiRegistration.objects.count()) == (False, 0)
