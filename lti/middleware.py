"""Pages opened from an LMS may be shown inside its frame, and only inside that LMS's.

After a launch the session holds the platform's origins (see `lti.views.LaunchView`); every
response of that session then allows exactly those as frame-ancestors and drops
X-Frame-Options. Other sessions keep `frame-ancestors 'none'` and X-Frame-Options: DENY.
"""

from __future__ import annotations

from urllib.parse import urlsplit

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


class FramedByPlatformMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        origins = session.get(SESSION_ORIGINS) if session is not None else None
        if origins:
            response.xframe_options_exempt = True
            response._csp_replace = {"frame-ancestors": list(origins)}
        return response
