"""The LMS of the LTI tests: lti1p3platform (an LTI 1.3 platform implementation nobody here
wrote) signs the launches, issues the service tokens and validates what the tool sends, served
over HTTP by a small server in the test, as an LMS serves its own endpoints:

- GET  /jwks                      the platform's key set
- POST /token                     service access tokens (client-credentials grant, JWT assertion)
- POST /lineitems/<id>/scores     AGS scores, kept in `scores` (or refused while `refuse_scores`)
- GET  /memberships               NRPS: the course's members, from `members`
- POST /deep-link-return          the tool's deep linking response, validated into `content_items`
- GET  /auth                      the OIDC authentication answer: a form posting the launch
- GET  /course                    a course page framing the tool (for the browser test)
- GET  /.well-known/openid-configuration, POST /register
                                  the platform's side of LTI Dynamic Registration (below)

Every endpoint but the last two hands the request to lti1p3platform's own classes; the handler
only moves bytes. lti1p3platform has no Dynamic Registration, so its platform side is written
here after the IMS spec and what Moodle checks of a tool's registration (`register_tool`): the
one-time registration token as bearer, the required fields, `id_token` among the response
types, `private_key_jwt`, the domain of the target link URI; an accepted registration gets a
client ID and a deployment ID, and the platform's lti1p3platform registration then launches
the tool at the URLs the tool registered.
"""

from __future__ import annotations

import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlencode, urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.membership import Context
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import Request
from lti1p3platform.score import UpdateScoreStatus
from lti1p3platform.service_connector import (
    AssignmentsGradesService,
    NamesRoleProvisioningService,
)

ISSUER = "https://lms.example.org"
CLIENT_ID = "quizgen-tool"
DEPLOYMENT = "deployment-1"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
COURSE_ID = "course-7"
DYNAMIC_CLIENT_ID = "quizgen-dynamic-1"
DYNAMIC_DEPLOYMENT = "deployment-dr-1"
TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration"


def csp(headers) -> dict[str, str]:
    """A response's Content-Security-Policy as {directive: its sources}; the header's order of
    directives is not fixed, so tests compare directives, not substrings of the header."""
    policy = {}
    for directive in headers["Content-Security-Policy"].split(";"):
        name, _, sources = directive.strip().partition(" ")
        if name:
            policy[name] = sources
    return policy


def key_pair() -> tuple[str, str]:
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


class PlatformConf(LTI1P3PlatformConfAbstract):
    def init_platform_config(self, **kwargs):
        self._registration = kwargs["registration"]

    def get_registration_by_params(self, **kwargs):
        return self._registration


class MessageLaunch(LTIAdvantageMessageLaunchAbstract):
    def render_launch_form(self, launch_data, **kwargs):
        return launch_data


class _Request(Request):
    def build_metadata(self, request):
        return request


class _Scores(AssignmentsGradesService):
    """The gradebook: every score the tool posts, kept in order."""

    def __init__(self, *args, store, **kwargs):
        super().__init__(*args, **kwargs)
        self.store = store

    def update_score(self, line_item_id, score):
        self.store.append({"line_item": line_item_id, **score})
        return UpdateScoreStatus.SUCCESS

    def find_lineitems(self, *args, **kwargs):
        raise NotImplementedError

    def find_lineitem(self, line_item_id):
        raise NotImplementedError

    def create_lineitem(self, creation_data):
        raise NotImplementedError

    def update_lineitem(self, update_data):
        raise NotImplementedError

    def delete_lineitem(self, line_item_id):
        raise NotImplementedError

    def get_results(self, *args, **kwargs):
        raise NotImplementedError


class _Members(NamesRoleProvisioningService):
    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members

    def get_context_by_id(self):
        return Context(id=COURSE_ID, label="HIST7B", title="History 7B")

    def get_member_data_page(self, page=1, limit=None, role=None, since=None, **kwargs):
        return {"content": [dict(member) for member in self.members], "has_next": False}


class Platform:
    """A running LMS and its registration of the tool."""

    def __init__(self, *, tool_url: str):
        private_pem, public_pem = key_pair()
        self.tool_url = tool_url
        self.registration = (
            Registration()
            .set_iss(ISSUER)
            .set_client_id(CLIENT_ID)
            .set_deployment_id(DEPLOYMENT)
            .set_launch_url(f"{tool_url}/lti/launch/")
            .set_deeplink_launch_url(f"{tool_url}/lti/launch/")
            .set_tool_key_set_url(f"{tool_url}/lti/jwks/")
            .set_platform_public_key(public_pem)
            .set_platform_private_key(private_pem)
        )
        self.scores: list[dict] = []
        self.refuse_scores = False
        self.members: list[dict] = []
        self.content_items: list[dict] = []
        self.deep_link_errors: list[str] = []
        # Dynamic registration: the token the platform hands its administrator (used once),
        # the issuer its configuration names (its own URL unless a test says otherwise), an
        # answer it gives instead of registering, and every registration the tool posted.
        self.registration_token = secrets.token_urlsafe(16)
        self.registration_token_used = False
        self.configuration_issuer: str | None = None
        self.refuse_registration: tuple[int, dict] | None = None
        self.tool_registrations: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def move_tool(self, tool_url: str) -> None:
        """Reach the tool at another address (the same server by another host name)."""
        login_url = self.registration.get_oidc_login_url().replace(self.tool_url, tool_url)
        self.tool_url = tool_url
        self.registration.set_launch_url(f"{tool_url}/lti/launch/")
        self.registration.set_deeplink_launch_url(f"{tool_url}/lti/launch/")
        self.registration.set_oidc_login_url(login_url)

    def conf(self) -> PlatformConf:
        return PlatformConf(registration=self.registration)

    def stop(self) -> None:
        self.server.shutdown()

    def _handler(self):
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def _reply(self, code, body, content_type="application/json"):
                payload = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _request(self, body: bytes):
                parts = urlsplit(self.path)
                return _Request(
                    {
                        "method": self.command,
                        "headers": dict(self.headers),
                        "get_data": dict(parse_qsl(parts.query)),
                        "form_data": {},
                        "content_type": self.headers.get("Content-Type"),
                        "path": parts.path,
                        "json": json.loads(body) if body else None,
                    }
                )

            def do_GET(self):
                path = urlsplit(self.path).path
                if path == "/jwks":
                    return self._reply(200, {"keys": platform.registration.get_jwks()})
                if path == "/memberships":
                    service = _Members(
                        self._request(b""),
                        platform.conf(),
                        f"{platform.url}/memberships",
                        members=platform.members,
                    )
                    answer = service.handle_resp(service.handle_get_members)
                    return self._reply(answer.code, answer.result or {"error": answer.message})
                if path == "/.well-known/openid-configuration":
                    return self._reply(200, platform.openid_configuration())
                if path == "/course":
                    return self._reply(200, platform.course_page().encode(), "text/html")
                if path == "/auth":
                    # The LMS's answer to the tool's authentication request, as a browser
                    # gets it: a form that posts the signed launch at once.
                    preflight = dict(parse_qsl(urlsplit(self.path).query))
                    form = platform.sign(preflight, **platform.browser_launch)
                    page = (
                        f'<form id="launch" method="post" action="{form["launch_url"]}">'
                        f'<input type="hidden" name="id_token" value="{form["id_token"]}">'
                        f'<input type="hidden" name="state" value="{form["state"]}"></form>'
                        "<script>document.getElementById('launch').submit()</script>"
                    )
                    return self._reply(200, page.encode(), "text/html")
                return self._reply(404, {"error": "not found"})

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                path = urlsplit(self.path).path
                if path == "/token":
                    form = dict(parse_qsl(body.decode()))
                    return self._reply(200, platform.conf().get_access_token(form))
                if path.startswith("/lineitems/") and path.endswith("/scores"):
                    if platform.refuse_scores:
                        return self._reply(503, {"error": "The gradebook is closed for upkeep."})
                    service = _Scores(
                        self._request(body),
                        platform.conf(),
                        f"{platform.url}/lineitems",
                        store=platform.scores,
                    )
                    line_item = path.removeprefix("/lineitems/").removesuffix("/scores")
                    answer = service.handle_resp(
                        service.handle_update_score, line_item_id=line_item
                    )
                    return self._reply(answer.code, {"status": answer.message})
                if path == "/register":
                    code, answer = platform.register_tool(
                        self.headers.get("Authorization", ""), body
                    )
                    return self._reply(code, answer)
                if path == "/deep-link-return":
                    form = dict(parse_qsl(body.decode()))
                    try:
                        platform.content_items.extend(
                            platform.conf().validate_deeplinking_resp(form)
                        )
                    except Exception as error:  # what the LMS shows when it refuses the items
                        platform.deep_link_errors.append(str(error))
                        return self._reply(400, b"refused", "text/plain")
                    return self._reply(200, b"<p>Saved in the course.</p>", "text/html")
                return self._reply(404, {"error": "not found"})

            def log_message(self, *args):
                pass

        return Handler

    def openid_configuration_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def openid_configuration(self) -> dict:
        """The platform's OpenID configuration, as Moodle and Canvas publish theirs."""
        return {
            "issuer": self.configuration_issuer or self.registration.get_iss(),
            "authorization_endpoint": f"{self.url}/auth",
            "token_endpoint": f"{self.url}/token",
            "jwks_uri": f"{self.url}/jwks",
            "registration_endpoint": f"{self.url}/register",
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": ["RS256"],
            "scopes_supported": [
                "openid",
                "https://purl.imsglobal.org/spec/lti-ags/scope/score",
                "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
            ],
            "response_types_supported": ["id_token"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "claims_supported": ["iss", "sub", "aud", "name", "given_name", "family_name", "email"],
            "subject_types_supported": ["public", "pairwise"],
            "https://purl.imsglobal.org/spec/lti-platform-configuration": {
                "product_family_code": "moodle",
                "version": "4.5",
                "messages_supported": [
                    {"type": "LtiResourceLinkRequest"},
                    {"type": "LtiDeepLinkingRequest"},
                ],
            },
        }

    def register_tool(self, authorization: str, body: bytes) -> tuple[int, dict]:
        """The registration endpoint: (status, answer) for the tool's posted registration."""
        if authorization != f"Bearer {self.registration_token}" or self.registration_token_used:
            return 401, {"error": "invalid_token"}
        self.registration_token_used = True
        if self.refuse_registration is not None:
            return self.refuse_registration
        try:
            tool = json.loads(body)
        except ValueError:
            return 400, {"error": "invalid_client_metadata", "error_description": "not JSON"}
        self.tool_registrations.append(tool)
        problem = _registration_problem(tool)
        if problem:
            return 400, {"error": "invalid_client_metadata", "error_description": problem}
        configuration = tool[TOOL_CONFIGURATION]
        deep_linking = next(
            message
            for message in configuration["messages"]
            if message["type"] == "LtiDeepLinkingRequest"
        )
        (
            self.registration.set_client_id(DYNAMIC_CLIENT_ID)
            .set_deployment_id(DYNAMIC_DEPLOYMENT)
            .set_oidc_login_url(tool["initiate_login_uri"])
            .set_launch_url(configuration["target_link_uri"])
            .set_deeplink_launch_url(deep_linking["target_link_uri"])
            .set_tool_key_set_url(tool["jwks_uri"])
        )
        return 200, {
            **tool,
            "client_id": DYNAMIC_CLIENT_ID,
            TOOL_CONFIGURATION: {**configuration, "deployment_id": DYNAMIC_DEPLOYMENT},
        }

    # Who the browser launches as (`sign`'s arguments), for /auth.
    browser_launch: dict = {}

    def course_page(self) -> str:
        """The LMS's course page: the tool in a frame, started at its login URL."""
        params = self.login_params(sub=self.browser_launch["sub"])
        del params["lti1p3_new_window"]
        src = f"{self.registration.get_oidc_login_url()}?{urlencode(params)}"
        return (
            "<!DOCTYPE html><html lang=en><title>History 7B</title><h1>History 7B</h1>"
            f'<iframe id="tool" title="Quizgen" src="{src}" width="900" height="700"></iframe>'
        )

    def login_params(self, *, sub, link_id="link-1") -> dict:
        """What the LMS sends to the tool's OIDC login initiation URL."""
        return {
            "iss": self.registration.get_iss(),
            "login_hint": sub,
            "target_link_uri": self.registration.get_launch_url(),
            "lti_message_hint": link_id,
            "client_id": self.registration.get_client_id(),
            "lti_deployment_id": self.registration.get_deployment_id(),
            # What the library's cookie-check page adds once it found cookies allowed.
            "lti1p3_new_window": "1",
        }

    def sign(
        self,
        preflight: dict,
        *,
        sub,
        roles,
        quiz=None,
        claims=None,
        expires_in=300,
        line_item=None,
        deep_link=False,
        memberships=False,
        link_id="link-1",
        custom=None,
        email="amira@example.org",
    ) -> dict:
        """The LMS's answer to the tool's authentication request (`preflight`, its query):
        the signed id_token, the state and the URL to post them to."""
        message = MessageLaunch(SimpleNamespace(get_data=preflight, form_data={}), self.conf())
        message.set_user_data(sub, roles, full_name="Amira Haddad", email_address=email)
        if not deep_link:
            message.set_resource_link_claim(link_id, title="Week 1 quiz")
        message.set_launch_context_claim(COURSE_ID, context_title="History 7B")
        custom_claim = dict(custom or {})
        if quiz is not None:
            custom_claim["quiz"] = str(quiz.pk)
        if custom_claim:
            message.set_custom_parameters_claim(custom_claim)
        if line_item is not None:
            message.set_ags(
                lineitems_url=f"{self.url}/lineitems",
                lineitem_url=f"{self.url}/lineitems/{line_item}",
            )
        if memberships:
            message.set_nrps(f"{self.url}/memberships")
        if deep_link:
            message.set_dl(f"{self.url}/deep-link-return", title="Add a Quizgen activity")
        if claims:
            message.set_extra_claims(claims)
        message.set_id_token_expiration(expires_in)
        return message.lti_launch()

    def launch(self, *, sub, session=None, post_with=None, link_id="link-1", **claims):
        """One launch as the LMS does it, in a browser (`session`, else a new one): the OIDC
        login, then the signed launch posted (by `post_with` when given: another browser).
        Returns (the browser session, the launch response, the form the LMS posted)."""
        browser = session or requests.Session()
        login = browser.get(
            self.registration.get_oidc_login_url(),
            params=self.login_params(sub=sub, link_id=link_id),
            allow_redirects=False,
        )
        assert login.status_code == 302, login.text[:300]
        assert login.headers["Location"].startswith(f"{self.url}/auth")
        preflight = dict(parse_qsl(urlsplit(login.headers["Location"]).query))
        form = self.sign(preflight, sub=sub, link_id=link_id, **claims)
        response = (post_with or browser).post(
            form["launch_url"],
            data={"id_token": form["id_token"], "state": form["state"]},
            allow_redirects=False,
        )
        return browser, response, form


def _registration_problem(tool: dict) -> str:
    """What a platform refuses in a tool's registration (the checks Moodle makes), or ''."""
    for field in (
        "response_types",
        "initiate_login_uri",
        "redirect_uris",
        "client_name",
        "jwks_uri",
        "token_endpoint_auth_method",
        TOOL_CONFIGURATION,
    ):
        if not tool.get(field):
            return f"missing required attribute {field}"
    configuration = tool[TOOL_CONFIGURATION]
    domain = configuration.get("domain")
    if not domain:
        return "missing_domain"
    if urlsplit(configuration.get("target_link_uri") or "").netloc != domain:
        return "domain_targetlinkuri_mismatch"
    if "id_token" not in tool["response_types"]:
        return "invalid_response_types"
    if not isinstance(tool["redirect_uris"], list):
        return "invalid_redirect_uris"
    if tool["token_endpoint_auth_method"] != "private_key_jwt":
        return "invalid_token_endpoint_auth_method"
    if tool.get("application_type", "web") != "web":
        return "invalid_application_type"
    if not {"implicit", "client_credentials"} <= set(tool.get("grant_types") or []):
        return "invalid_grant_types"
    return ""
