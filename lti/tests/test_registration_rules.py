"""Dynamic registration's rules that need no platform: the issuer rule and what Quizgen asks
of a platform that names its supported scopes, or is Canvas."""

from __future__ import annotations

import uuid

import pytest

from lti.registration import (
    ROSTER_SCOPE,
    SCORE_SCOPE,
    TOOL_CONFIGURATION,
    PlatformConfiguration,
    issuer_vouches_for,
    tool_registration,
)

CONFIGURATION_URL = "https://moodle.school.example/mod/lti/openid-configuration.php"


@pytest.mark.parametrize(
    ("issuer", "vouches"),
    [
        ("https://moodle.school.example", True),
        ("https://moodle.school.example/", True),
        ("https://moodle.school.example/mod", True),
        (CONFIGURATION_URL, True),
        ("https://moodle.school", False),
        ("https://moodle.school.example/mo", False),
        ("https://canvas.instructure.com", False),
        ("http://moodle.school.example", False),
        ("", False),
    ],
)
def test_an_issuer_vouches_for_configuration_urls_under_it_only(issuer, vouches):
    assert issuer_vouches_for(issuer, CONFIGURATION_URL) is vouches


def _platform(product: str, scopes) -> PlatformConfiguration:
    return PlatformConfiguration(
        issuer="https://lms.school.example",
        authorization_endpoint="https://lms.school.example/auth",
        token_endpoint="https://lms.school.example/token",
        jwks_uri="https://lms.school.example/jwks",
        registration_endpoint="https://lms.school.example/register",
        product=product,
        version="",
        scopes_supported=scopes,
    )


@pytest.mark.parametrize(
    ("scopes", "asked"),
    [
        (None, f"{SCORE_SCOPE} {ROSTER_SCOPE}"),
        ((SCORE_SCOPE, "openid"), SCORE_SCOPE),
        ((), ""),
    ],
)
def test_quizgen_asks_only_for_scopes_the_platform_offers(scopes, asked):
    sent = tool_registration(
        configuration=_platform("moodle", scopes),
        base_url="https://quizgen.school.example/",
        login_uuid=uuid.UUID(int=7),
    )
    assert sent["scope"] == asked
    assert sent["initiate_login_uri"] == (
        "https://quizgen.school.example/lti/login/00000000-0000-0000-0000-000000000007/"
    )


def test_canvas_gets_deep_linking_placements():
    sent = tool_registration(
        configuration=_platform("canvas", None),
        base_url="https://quizgen.school.example/",
        login_uuid=uuid.UUID(int=7),
    )
    messages = sent[TOOL_CONFIGURATION]["messages"]
    assert [message.get("placements") for message in messages] == [
        None,
        ["assignment_selection", "link_selection"],
    ]
