"""The LTI 1.3 endpoints: the tool's key set, OIDC login initiation, the launch (resource
link or deep linking), the deep-linking picker, a class's roster sync, the teacher's retry
of a score the LMS did not take, and dynamic registration (`lti.registration`). After a
launch, the session's pages may be framed by that platform only (`lti.middleware`)."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from lti_tool.constants import SESSION_KEY
from lti_tool.utils import DjangoToolConfig, get_launch_from_request, sync_data_from_launch
from lti_tool.views import LtiLaunchBaseView, OIDCLoginInitView, jwks
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoOIDCLogin
from pylti1p3.exception import LtiException, OIDCException

from classes.selectors import classes_taught
from classes.views import teacher_required
from config.auth import MODEL_BACKEND
from lti import grades, registration, selectors
from lti.middleware import SESSION_ORIGINS, platform_origins, registered_platform_origins
from lti.models import ScorePassback
from lti.roster import class_roster_sync
from lti.services import deep_link_resource, lti_deep_link_accept, lti_launch_accept

DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
LAUNCH_REFUSED = "The launch from your learning platform was refused: {reason}"
DEPLOYMENT_INACTIVE = (
    "this deployment of Quizgen is not active. The site's administrator turns it on in "
    "the admin (LTI deployments)."
)
NONCE_REPLAYED = "this launch was already used once. Open the link from the course again."
NONCE_MEMORY_SECONDS = 2 * 60 * 60
NOT_A_RESOURCE_LINK = (
    "only links to a quiz or module and adding an activity (deep linking) are supported."
)
NO_DEEP_LINK_LAUNCH = (
    'this page is opened from the course\'s "add an activity" in your learning platform.'
)

PASSBACK_RETRYING = "Sending {student}'s score on {quiz} to the LMS again."

REGISTRATION_OFF = (
    "dynamic registration is turned off on this Quizgen site. Its administrator turns it on "
    "(QUIZGEN_LTI_DYNAMIC_REGISTRATION) or registers the platform by hand in the admin."
)
REGISTRATION_TOO_OFTEN = (
    "too many registrations were started from your address in the last hour. Try again later."
)

__all__ = [
    "jwks",
    "LoginView",
    "LaunchView",
    "deep_link",
    "passback_retry",
    "roster_sync",
    "register",
]


# What the library's refusals mean, in Quizgen's words.
REGISTRATION_UNKNOWN = (
    "this learning platform is not registered in Quizgen (its issuer and client ID). The "
    "site's administrator adds it in the admin (LTI registrations)."
)
LAUNCH_EXPIRED = "the launch had expired before it reached Quizgen. Open the link again."
SIGN_IN_LOST = (
    "Quizgen could not find the sign-in step that started this launch; the browser may be "
    "blocking cookies inside the course page. Open the link again, or in a new window."
)
BAD_SIGNATURE = (
    "the launch's signature did not match the learning platform's keys. The site's "
    "administrator checks the key set URL of the LTI registration."
)
LAUNCH_INCOMPLETE = "the launch did not pass Quizgen's checks ({detail})."
LIBRARY_REASONS = [
    (("Registration not found", "Client id not registered", "Could not find registration"),
     REGISTRATION_UNKNOWN),
    (("Signature has expired",), LAUNCH_EXPIRED),
    (("State not found", "Missing state param", "Invalid Nonce", "Launch data not found"),
     SIGN_IN_LOST),
    (("Signature verification failed", "Unable to find public key", "JWT KID not found",
      "Can't decode id_token"), BAD_SIGNATURE),
]  # fmt: skip


def refusal_reason(error: Exception) -> str:
    """A library refusal in the project's words."""
    detail = str(error)
    for fragments, reason in LIBRARY_REASONS:
        if any(fragment in detail for fragment in fragments):
            return reason
    return LAUNCH_INCOMPLETE.format(detail=detail.rstrip(".") or "an unnamed check")


def _framable_by_platforms(response, origins: list[str]) -> HttpResponse:
    """Let the registered platforms (only) frame a page shown before any session exists: the
    login step and a refusal, both without anything to click into."""
    if origins:
        response.xframe_options_exempt = True
        response._csp_replace = {"frame-ancestors": origins}
    return response


def _refused(request, reason: str, status: int = 403) -> HttpResponse:
    response = render(
        request,
        "lti/refused.html",
        {"message": LAUNCH_REFUSED.format(reason=reason)},
        status=status,
    )
    return _framable_by_platforms(response, registered_platform_origins())


class LoginView(OIDCLoginInitView):
    """OIDC third-party login initiation.

    Inside the LMS's frame, a first page (Quizgen's own, `lti/cookie_check.html`, its script
    a static file as the Content-Security-Policy wants) checks that the browser keeps cookies
    there; if it does, the login goes on in the frame, else it offers to open Quizgen in a new
    window. The library's `lti1p3_new_window` parameter marks the second step, after which the
    library redirects to the platform's authentication as usual."""

    main_msg = "Your browser blocks cookies inside the course page, so Quizgen opens apart."
    click_msg = "Open Quizgen in a new window."

    def get_oidc_response(self, request, registration_uuid, params):
        try:
            oidc_login = DjangoOIDCLogin(
                request,
                DjangoToolConfig(registration_uuid),
                launch_data_storage=DjangoCacheDataStorage(),
            )
            registration = oidc_login.validate_oidc_login()
            if params.get("target_link_uri") is None:
                raise OIDCException("Missing target_link_uri parameter")
            if params.get("lti1p3_new_window"):
                return oidc_login.redirect(self.get_redirect_url(params["target_link_uri"]))
        except (LtiException, OIDCException) as error:
            return _refused(request, refusal_reason(error), status=400)
        continue_url = f"{request.path}?{urlencode({**params.dict(), 'lti1p3_new_window': '1'})}"
        response = render(
            request,
            "lti/cookie_check.html",
            {"continue_url": continue_url, "main_msg": self.main_msg, "click_msg": self.click_msg},
        )
        origins = platform_origins(
            registration.get_issuer() or "", registration.get_auth_login_url() or ""
        )
        return _framable_by_platforms(response, origins)


class LaunchView(LtiLaunchBaseView):
    def post(self, request, *args, **kwargs):
        try:
            lti_launch = get_launch_from_request(request)
        except (LtiException, OIDCException) as error:
            return _refused(request, refusal_reason(error))
        # pylti1p3 checks that the nonce was issued, not that it is used once: a replayed
        # launch is refused here (kept as long as an id_token may live).
        nonce = lti_launch.get_launch_data().get("nonce", "")
        if not cache.add(f"lti-nonce-used:{nonce}", True, timeout=NONCE_MEMORY_SECONDS):
            return _refused(request, NONCE_REPLAYED)
        if not lti_launch.deployment.is_active:
            return _refused(request, DEPLOYMENT_INACTIVE)
        deep_link = lti_launch.is_deep_link_launch
        if not (lti_launch.is_resource_launch or deep_link):
            return _refused(request, NOT_A_RESOURCE_LINK)
        try:
            with transaction.atomic():
                sync_data_from_launch(lti_launch, None)
                if deep_link:
                    user, landing = lti_deep_link_accept(lti_launch=lti_launch), None
                else:
                    user, landing = lti_launch_accept(lti_launch=lti_launch)
        except ValidationError as error:
            return _refused(request, " ".join(error.messages))
        login(request, user, backend=MODEL_BACKEND)
        request.session[SESSION_KEY] = lti_launch.get_launch_id()
        presentation = lti_launch.get_launch_data().get(
            "https://purl.imsglobal.org/spec/lti/claim/launch_presentation", {}
        )
        registration = lti_launch.registration
        request.session[SESSION_ORIGINS] = platform_origins(
            registration.issuer, registration.auth_url, presentation.get("return_url", "")
        )
        return redirect(landing or "lti:deep_link")


@login_required
@teacher_required
@require_POST
def roster_sync(request, class_id: int):
    """The class results page's "Sync the roster from the LMS"."""
    school_class = classes_taught(teacher=request.user).filter(pk=class_id).first()
    if school_class is None:
        raise Http404("No such class.")
    try:
        synced = class_roster_sync(school_class=school_class)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(synced))
    return redirect("classes:teach_class", school_class.pk)


@login_required
@teacher_required
@require_POST
def passback_retry(request, passback_id: int):
    """The teacher's retry of a score the LMS did not take; back to the class's results."""
    try:
        passback = selectors.passback_for_teacher(passback_id=passback_id, teacher=request.user)
    except ScorePassback.DoesNotExist:
        raise Http404("No such score.") from None
    grades.score_passback_retry(passback=passback)
    messages.success(
        request,
        PASSBACK_RETRYING.format(student=passback.student, quiz=passback.placement.quiz),
    )
    return redirect("classes:teach_class", passback.school_class_id)


def _deep_link_launch(request):
    """The session's deep-linking launch (kept by the library's cache), or None."""
    launch_id = request.session.get(SESSION_KEY)
    if not launch_id or not request.user.is_authenticated:
        return None
    try:
        lti_launch = get_launch_from_request(request, launch_id)
    except (LtiException, OIDCException):
        return None
    if not lti_launch.is_deep_link_launch or lti_launch.user.auth_user_id != request.user.pk:
        return None
    return lti_launch


@require_http_methods(["GET", "POST"])
def deep_link(request):
    """A teacher picks a published quiz or module; the LMS gets it back as a graded link."""
    lti_launch = _deep_link_launch(request)
    if lti_launch is None:
        return _refused(request, NO_DEEP_LINK_LAUNCH, status=400)
    error = ""
    if request.method == "POST":
        kind, _, item_id = request.POST.get("item", "").partition("-")
        try:
            resource = deep_link_resource(
                teacher=request.user,
                kind=kind,
                item_id=item_id,
                launch_url=request.build_absolute_uri(reverse("lti:launch")),
            )
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            link = lti_launch.get_message_launch().get_deep_link()
            return_url = lti_launch.get_claim(DEEP_LINKING_SETTINGS)["deep_link_return_url"]
            response = render(
                request,
                "lti/deep_link_return.html",
                {
                    "return_url": return_url,
                    "jwt": link.get_response_jwt([resource]),
                    "title": resource.get_title(),
                },
            )
            # The form goes back to the LMS: that one origin joins `form-action 'self'`.
            response._csp_update = {"form-action": platform_origins(return_url)}
            return response
    quizzes, modules = selectors.deep_link_choices(teacher=request.user)
    return render(
        request,
        "lti/deep_link.html",
        {"quizzes": quizzes, "modules": modules, "error": error},
        status=400 if error else 200,
    )


def _registration_refused(request, reason: str, status: int, origins=()) -> HttpResponse:
    response = render(request, "lti/register_refused.html", {"reason": reason}, status=status)
    return _framable_by_platforms(response, list(origins))


def _registration_attempt_allowed(request) -> bool:
    """At most QUIZGEN_LTI_REGISTRATIONS_PER_HOUR starts per client address and clock hour,
    counted in the shared cache (each start makes Quizgen fetch from the given address)."""
    address = get_client_ip_address(request) or "unknown"
    key = f"lti-register:{address}:{int(time.time() // 3600)}"
    cache.add(key, 0, timeout=3600)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between the two calls: this is the hour's first
        cache.set(key, 1, timeout=3600)
        attempts = 1
    return attempts <= settings.QUIZGEN_LTI_REGISTRATIONS_PER_HOUR


# The platform's administrator opens this page inside the platform (a frame or a new window),
# where the browser does not send Quizgen's SameSite=Lax CSRF cookie. The page uses no session
# and no cookie: its POST is authorised by the platform's registration token it carries, so
# a forged POST can do no more than its sender could do with their own token.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def register(request):
    """LTI Dynamic Registration: GET shows who is registering and asks to confirm; POST
    registers Quizgen with the platform and the platform in Quizgen, then closes the
    platform's registration window (`static/lti/registration-close.js`)."""
    params = request.POST if request.method == "POST" else request.GET
    openid_configuration = params.get("openid_configuration", "")
    token = params.get("registration_token", "")
    # These pages may be framed by the platform that opened them: the origins of its
    # configuration and of the page that opened this one (framing them gains nothing: they
    # hold no session, and act only with the token they carry).
    opener = platform_origins(params.get("opener") or request.headers.get("Referer", ""))
    origins = platform_origins(openid_configuration, *opener)
    if not settings.QUIZGEN_LTI_DYNAMIC_REGISTRATION:
        return _registration_refused(request, REGISTRATION_OFF, status=403, origins=origins)
    if not _registration_attempt_allowed(request):
        return _registration_refused(request, REGISTRATION_TOO_OFTEN, status=429, origins=origins)
    try:
        if request.method == "GET":
            configuration = registration.platform_configuration_fetch(
                openid_configuration_url=openid_configuration, registration_token=token
            )
            response = render(
                request,
                "lti/register_confirm.html",
                {
                    "configuration": configuration,
                    "openid_configuration": openid_configuration,
                    "registration_token": token,
                    "opener": opener[0] if opener else "",
                },
            )
        else:
            saved = registration.dynamic_registration_complete(
                openid_configuration_url=openid_configuration,
                registration_token=token,
                base_url=request.build_absolute_uri("/"),
            )
            response = render(
                request,
                "lti/register_done.html",
                {"registration": saved, "deployments": list(saved.deployments.all())},
            )
    except ValidationError as error:
        return _registration_refused(request, " ".join(error.messages), 400, origins)
    return _framable_by_platforms(response, origins)
