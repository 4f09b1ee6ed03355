"""Pages opened from an LMS may be shown inside its frame, and only inside that LMS's.

After a launch the session holds the platform's origins (see `lti.views.LaunchView`); every
response of that session then allows exactly those as frame-ancestors and drops
X-Frame-Options. Other sessions keep `frame-ancestors 'none'` and X-Frame-Options: DENY.

Inside the LMS's frame Quizgen is a third-party site: a browser sends it only cookies marked
`SameSite=None; Secure`. So over HTTPS, the session and CSRF cookies of a launched session
(and only of such a session) are marked so; every other session keeps the site's SameSite
setting (Lax). A browser that blocks third-party cookies altogether gets the library's page
at the login step, which opens Quizgen in a new window instead.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

SESSION_ORIGINS = "quizgen_lti_frame_origins"


def platform_origins(*urls: str) -> list[str]:
    """The scheme://host[:port] of each URL (duplicates and non-HTTP ones left out)."""
    origins = []
    for url in urls:
        parts = urlsplit(url or "")
        if parts.scheme in ("http", "https") and parts.netloc:
            origin = f"{parts.scheme}://{parts.netloc}"
            if origin not in origins:
                origins.append(origin)
    return origins


def registered_platform_origins() -> list[str]:
    """The origins of every active registration's issuer and login URL."""
    from lti_tool.models import LtiRegistration

    urls = []
    for issuer, auth_url in LtiRegistration.objects.active().values_list("issuer", "auth_url"):
        urls += [issuer, auth_url]
    return platform_origins(*urls)


def _launch_origins(request) -> list[str] | None:
    """The platform origins of a launched session, read only from a session this request
    has already loaded: a request that never needed its session (the health check, the
    icon, a token-authenticated API call) costs no session query for this. Every page a
    launched student sees reads the session (for `request.user`) before this runs."""
    session = getattr(request, "session", None)
    if session is None or not session.accessed:
        return None
    return session.get(SESSION_ORIGINS)


class FramedByPlatformMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        origins = _launch_origins(request)
        if origins:
            response.xframe_options_exempt = True
            response._csp_replace = {"frame-ancestors": list(origins)}
        return response


class LaunchedSessionCookiesMiddleware:
    """Placed before SessionMiddleware, so that it sees the cookies it and CSRF set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.is_secure() or not _launch_origins(request):
            return response
        for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME):
            cookie = response.cookies.get(name)
            if cookie is not None and cookie.value:
                cookie["samesite"] = "None"
                cookie["secure"] = True
        return response
