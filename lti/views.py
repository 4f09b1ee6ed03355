"""The LTI 1.3 endpoints: the tool's key set, OIDC login initiation and the resource-link
launch. After a launch, the session's pages may be framed by that platform only
(`lti.middleware`)."""

from __future__ import annotations

from django.contrib.auth import login
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from lti_tool.constants import SESSION_KEY
from lti_tool.utils import get_launch_from_request, sync_data_from_launch
from lti_tool.views import LtiLaunchBaseView, OIDCLoginInitView, jwks
from pylti1p3.exception import LtiException, OIDCException

from lti.middleware import SESSION_ORIGINS, platform_origins
from lti.services import lti_launch_accept

LAUNCH_REFUSED = "The launch from your learning platform was refused: {reason}"
DEPLOYMENT_INACTIVE = (
    "this deployment of Quizgen is not active. The site's administrator turns it on in "
    "the admin (LTI deployments)."
)
NONCE_REPLAYED = "this launch was already used once. Open the link from the course again."
NONCE_MEMORY_SECONDS = 2 * 60 * 60
NOT_A_RESOURCE_LINK = "only links to a quiz or module (resource links) are supported yet."

__all__ = ["jwks", "LoginView", "LaunchView"]


def _refused(request, reason: str, status: int = 403) -> HttpResponse:
    return render(
        request,
        "lti/refused.html",
        {"message": LAUNCH_REFUSED.format(reason=reason)},
        status=status,
    )


class LoginView(OIDCLoginInitView):
    """OIDC third-party login initiation. In a browser that blocks cookies in frames, the
    library's page first checks, then offers to continue in a new window."""

    main_msg = "Your browser blocks cookies inside the course page, so Quizgen opens apart."
    click_msg = "Open Quizgen in a new window."

    def get_oidc_response(self, request, registration_uuid, params):
        try:
            return super().get_oidc_response(request, registration_uuid, params)
        except (LtiException, OIDCException) as error:
            return _refused(request, str(error), status=400)


class LaunchView(LtiLaunchBaseView):
    def post(self, request, *args, **kwargs):
        try:
            lti_launch = get_launch_from_request(request)
        except (LtiException, OIDCException) as error:
            return _refused(request, str(error))
        # pylti1p3 checks that the nonce was issued, not that it is used once: a replayed
        # launch is refused here (kept as long as an id_token may live).
        nonce = lti_launch.get_launch_data().get("nonce", "")
        if not cache.add(f"lti-nonce-used:{nonce}", True, timeout=NONCE_MEMORY_SECONDS):
            return _refused(request, NONCE_REPLAYED)
        if not lti_launch.deployment.is_active:
            return _refused(request, DEPLOYMENT_INACTIVE)
        if not lti_launch.is_resource_launch:
            return _refused(request, NOT_A_RESOURCE_LINK)
        try:
            with transaction.atomic():
                sync_data_from_launch(lti_launch, None)
                user, landing = lti_launch_accept(lti_launch=lti_launch)
        except ValidationError as error:
            return _refused(request, " ".join(error.messages))
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[SESSION_KEY] = lti_launch.get_launch_id()
        presentation = lti_launch.get_launch_data().get(
            "https://purl.imsglobal.org/spec/lti/claim/launch_presentation", {}
        )
        registration = lti_launch.registration
        request.session[SESSION_ORIGINS] = platform_origins(
            registration.issuer, registration.auth_url, presentation.get("return_url", "")
        )
        return redirect(landing)
