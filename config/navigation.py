"""The links of every page's header (templates/base.html), reversed once per process.

They are the same on every page, and reversing seven URL names on each render was about
0.3 ms of a question page's 12 ms. Kept per script prefix, which is the one thing of a
request that reverse() depends on here (a site served under /quizgen/ gets its own set).
"""

from __future__ import annotations

from functools import cache

from django.urls import get_script_prefix, reverse

LINKS = {
    "dashboard": "learning:dashboard",
    "review": "learning:review",
    "progress": "learning:progress",
    "classes": "classes:mine",
    "teach_classes": "classes:teach_classes",
    "teach_quizzes": "learning:teach_quizzes",
    "logout": "logout",
}


@cache
def _links(script_prefix: str) -> dict[str, str]:
    return {name: reverse(view) for name, view in LINKS.items()}


def navigation(request) -> dict[str, dict[str, str]]:
    """Context processor: `nav.dashboard`, `nav.logout`, ... for the header."""
    return {"nav": _links(get_script_prefix())}
