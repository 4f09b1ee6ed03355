"""LTI Dynamic Registration (IMS LTI Dynamic Registration 1.0): an LMS administrator pastes
Quizgen's registration URL (`/lti/register/`) into Moodle ("Tool URL" under Manage tools) or
Canvas (Developer keys, "LTI Registration"), and the platform opens it with two parameters:
`openid_configuration` (the URL of the platform's OpenID configuration) and
`registration_token` (the platform's one-time proof that its administrator started this).

1. `platform_configuration_fetch` reads the platform's configuration (the token as bearer,
   a timeout, HTTPS only unless DEBUG or QUIZGEN_LTI_REGISTRATION_ALLOW_HTTP) and checks it:
   the issuer is a prefix of the configuration's URL, ending at a path boundary (so
   `https://lms.example.org` does not vouch for `https://lms.example.org.evil.test/...`), and
   the endpoints Quizgen needs are there, each an HTTPS URL.
2. The administrator confirms on Quizgen's page (who is registering, which issuer).
3. `dynamic_registration_complete` posts Quizgen's registration (`tool_registration`) to the
   platform's registration endpoint with the token and, only once the platform has accepted
   it, stores the LtiRegistration (issuer, the client ID the platform gave, its login, token
   and key set URLs) and the deployment ID it returned as an active deployment, in one
   transaction. Any refusal is a ValidationError with one of the messages below, and then
   nothing is saved.

No login guards the URL: the spec's proof is the platform's token, which only the platform's
administrator can obtain. Because a registered platform's instructors become Quizgen teachers,
the whole flow is off unless QUIZGEN_LTI_DYNAMIC_REGISTRATION is on (README), and each client
address may start it QUIZGEN_LTI_REGISTRATIONS_PER_HOUR times an hour (`lti.views`).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from lti_tool.models import LtiDeployment, LtiRegistration

logger = logging.getLogger(__name__)

REQUEST_TIMEOUT_SECONDS = 10
PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration"
TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
ROSTER_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
# What Quizgen uses: scores sent to a link's line item (lti.grades), the roster (lti.roster).
TOOL_SCOPES = (SCORE_SCOPE, ROSTER_SCOPE)
# The claims a launch may carry for the account (name, e-mail; lti.services).
TOOL_CLAIMS = ("iss", "sub", "name", "given_name", "family_name", "email")
REQUIRED_ENDPOINTS = (
    "authorization_endpoint",
    "token_endpoint",
    "jwks_uri",
    "registration_endpoint",
)

MISSING_PARAMETERS = (
    "this page is opened by the learning platform's tool registration, with its configuration "
    "URL and registration token. Paste the address into the platform's tool registration."
)
NOT_HTTPS = "the learning platform's {what} ({url}) is not an HTTPS address."
UNREACHABLE = "Quizgen could not reach the learning platform at {url} ({detail})."
PLATFORM_STATUS = "the learning platform answered {status} to Quizgen's {step}{detail}."
TOKEN_REFUSED = (
    "the learning platform did not accept the registration token (it is used once and "
    "expires). Start the registration again from the learning platform."
)
NOT_JSON = "the learning platform's answer to Quizgen's {step} was not JSON."
ISSUER_MISMATCH = (
    "the platform's configuration names the issuer {issuer}, which is not where the "
    "configuration was read from ({url}); a platform may only register itself."
)
MISSING_ENDPOINT = "the learning platform's configuration has no {field}."
NO_CLIENT_ID = "the learning platform accepted the registration but gave no client ID."
ALREADY_REGISTERED = (
    "a registration with the client ID {client_id} of {issuer} already exists in Quizgen."
)
TOO_LONG = "the learning platform's {what} is longer than Quizgen keeps ({limit} characters)."

STEP_CONFIGURATION = "request for its configuration"
STEP_REGISTRATION = "registration"


@dataclass(frozen=True)
class PlatformConfiguration:
    """What Quizgen needs of a platform's OpenID configuration."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    registration_endpoint: str
    product: str
    version: str
    scopes_supported: tuple[str, ...] | None

    @property
    def is_canvas(self) -> bool:
        return self.product.lower() == "canvas"


def _http_allowed() -> bool:
    return settings.DEBUG or settings.QUIZGEN_LTI_REGISTRATION_ALLOW_HTTP


def _check_url(url, what: str) -> str:
    parts = urlsplit(url if isinstance(url, str) else "")
    schemes = ("https", "http") if _http_allowed() else ("https",)
    if parts.scheme not in schemes or not parts.netloc:
        raise ValidationError(NOT_HTTPS.format(what=what, url=url), code="not_https")
    return url


def issuer_vouches_for(issuer: str, url: str) -> bool:
    """The spec's issuer rule: the configuration's URL begins with the issuer, and the issuer
    ends there at a path boundary (a '/' or the end of the URL)."""
    prefix = issuer.rstrip("/")
    return bool(prefix) and (url == prefix or url.startswith(prefix + "/"))


def _request(method: str, url: str, *, token: str, step: str, **kwargs) -> dict:
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        response = requests.request(
            method,
            url,
            headers=headers,
            timeout=REQUEST_TIMEOUT_SECONDS,
            allow_redirects=False,
            **kwargs,
        )
    except requests.RequestException as error:
        detail = "no answer in time" if isinstance(error, requests.Timeout) else "no connection"
        raise ValidationError(
            UNREACHABLE.format(url=url, detail=detail), code="unreachable"
        ) from None
    if response.status_code in (401, 403):
        raise ValidationError(TOKEN_REFUSED, code="token_refused")
    if not 200 <= response.status_code < 300:
        raise ValidationError(
            PLATFORM_STATUS.format(
                status=response.status_code, step=step, detail=_platform_error(response)
            ),
            code="platform_status",
        )
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise ValidationError(NOT_JSON.format(step=step), code="not_json")
    return answer


def _platform_error(response) -> str:
    """The platform's own words for a refusal, when it gives them (OAuth's error shape)."""
    try:
        body = response.json()
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    words = body.get("error_description") or body.get("error")
    return f": {str(words)[:300]}" if words else ""


def platform_configuration_fetch(
    *, openid_configuration_url: str, registration_token: str
) -> PlatformConfiguration:
    """The platform's OpenID configuration, read and checked (module docstring, step 1)."""
    if not openid_configuration_url or not registration_token:
        raise ValidationError(MISSING_PARAMETERS, code="missing_parameters")
    _check_url(openid_configuration_url, "configuration URL")
    document = _request(
        "GET", openid_configuration_url, token=registration_token, step=STEP_CONFIGURATION
    )
    issuer = document.get("issuer")
    if not isinstance(issuer, str) or not issuer:
        raise ValidationError(MISSING_ENDPOINT.format(field="issuer"), code="missing_endpoint")
    _check_url(issuer, "issuer")
    if not issuer_vouches_for(issuer, openid_configuration_url):
        raise ValidationError(
            ISSUER_MISMATCH.format(issuer=issuer, url=openid_configuration_url),
            code="issuer_mismatch",
        )
    endpoints = {}
    for field in REQUIRED_ENDPOINTS:
        if not document.get(field):
            raise ValidationError(MISSING_ENDPOINT.format(field=field), code="missing_endpoint")
        endpoints[field] = _check_url(document[field], field.replace("_", " "))
    # The lengths LtiRegistration keeps (a URL field keeps 200 characters).
    for field, limit in (
        ("issuer", 255),
        ("authorization_endpoint", 200),
        ("token_endpoint", 200),
        ("jwks_uri", 200),
    ):
        if len(document[field]) > limit:
            raise ValidationError(
                TOO_LONG.format(what=field.replace("_", " "), limit=limit), code="too_long"
            )
    platform = document.get(PLATFORM_CONFIGURATION)
    platform = platform if isinstance(platform, dict) else {}
    scopes = document.get("scopes_supported")
    return PlatformConfiguration(
        issuer=issuer,
        product=str(platform.get("product_family_code") or "")[:100],
        version=str(platform.get("version") or "")[:100],
        scopes_supported=tuple(scopes) if isinstance(scopes, list) else None,
        **endpoints,
    )


def tool_registration(
    *, configuration: PlatformConfiguration, base_url: str, login_uuid: uuid.UUID
) -> dict:
    """Quizgen's registration as the platform receives it (the spec's client registration,
    with the LTI tool configuration). `base_url` is this site's root, ending in '/'."""

    def url(path: str) -> str:
        return base_url.rstrip("/") + path

    launch_url = url(reverse("lti:launch"))
    scopes = [
        scope
        for scope in TOOL_SCOPES
        if configuration.scopes_supported is None or scope in configuration.scopes_supported
    ]
    deep_linking = {
        "type": "LtiDeepLinkingRequest",
        "target_link_uri": launch_url,
        "label": "Add a Quizgen activity",
    }
    if configuration.is_canvas:
        # Canvas offers deep linking where a placement names it.
        deep_linking["placements"] = ["assignment_selection", "link_selection"]
    return {
        "application_type": "web",
        "response_types": ["id_token"],
        "grant_types": ["implicit", "client_credentials"],
        "initiate_login_uri": url(reverse("lti:login", args=[login_uuid])),
        "redirect_uris": [launch_url],
        "client_name": "Quizgen",
        "jwks_uri": url(reverse("lti:jwks")),
        "token_endpoint_auth_method": "private_key_jwt",
        "scope": " ".join(scopes),
        TOOL_CONFIGURATION: {
            "domain": urlsplit(base_url).netloc,
            "target_link_uri": launch_url,
            "description": "Quizzes made from reading material, graded in the course.",
            "claims": list(TOOL_CLAIMS),
            "messages": [
                {"type": "LtiResourceLinkRequest", "target_link_uri": launch_url},
                deep_linking,
            ],
        },
    }


def dynamic_registration_complete(
    *, openid_configuration_url: str, registration_token: str, base_url: str
) -> LtiRegistration:
    """Register Quizgen with the platform, then the platform in Quizgen (module docstring,
    step 3). Returns the new LtiRegistration."""
    configuration = platform_configuration_fetch(
        openid_configuration_url=openid_configuration_url,
        registration_token=registration_token,
    )
    # The login URL names the registration; its UUID is chosen before the platform sees it.
    login_uuid = uuid.uuid4()
    answer = _request(
        "POST",
        configuration.registration_endpoint,
        token=registration_token,
        step=STEP_REGISTRATION,
        json=tool_registration(
            configuration=configuration, base_url=base_url, login_uuid=login_uuid
        ),
    )
    client_id = answer.get("client_id")
    if not isinstance(client_id, str | int) or not str(client_id).strip():
        raise ValidationError(NO_CLIENT_ID, code="no_client_id")
    client_id = str(client_id).strip()
    tool_configuration = answer.get(TOOL_CONFIGURATION)
    tool_configuration = tool_configuration if isinstance(tool_configuration, dict) else {}
    deployment_id = str(tool_configuration.get("deployment_id") or "").strip()
    for what, value in (("client ID", client_id), ("deployment ID", deployment_id)):
        if len(value) > 255:
            raise ValidationError(TOO_LONG.format(what=what, limit=255), code="too_long")
    return _registration_store(
        configuration=configuration,
        client_id=client_id,
        deployment_id=deployment_id,
        login_uuid=login_uuid,
    )


@transaction.atomic
def _registration_store(
    *, configuration: PlatformConfiguration, client_id: str, deployment_id: str, login_uuid
) -> LtiRegistration:
    issuer = configuration.issuer
    if LtiRegistration.objects.filter(issuer=issuer, client_id=client_id).exists():
        raise ValidationError(
            ALREADY_REGISTERED.format(client_id=client_id, issuer=issuer),
            code="already_registered",
        )
    product = configuration.product.capitalize() or "LMS"
    registration = LtiRegistration.objects.create(
        name=f"{product} at {urlsplit(issuer).netloc} (dynamic registration)"[:255],
        uuid=login_uuid,
        issuer=issuer,
        client_id=client_id,
        auth_url=configuration.authorization_endpoint,
        token_url=configuration.token_endpoint,
        keyset_url=configuration.jwks_uri,
    )
    if deployment_id:
        LtiDeployment.objects.create(
            registration=registration, deployment_id=deployment_id, is_active=True
        )
    logger.info(
        "LTI dynamic registration: %s, client ID %s, deployment %s",
        issuer,
        client_id,
        deployment_id or "none",
    )
    return registration
