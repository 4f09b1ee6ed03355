"""The health endpoint a load balancer or monitor polls, the login lockout page and the
site's icon."""

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import FileResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """200 {"status": "ok"} when this process can reach the database, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: the database is unreachable: %s", error)
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


LOGIN_LOCKED_OUT = (
    "Too many wrong passwords for {username}: logging in with this username from this "
    "address is paused for {minutes} minutes. Try again later, or ask an administrator to "
    "unlock it."
)


def login_locked_out(request, credentials, *args, **kwargs):
    """django-axes' answer to a locked-out login, on both login pages: 429 and the reason."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = LOGIN_LOCKED_OUT.format(username=username or "this username", minutes=minutes)
    return render(request, "registration/locked_out.html", {"message": message}, status=429)


@cache_control(max_age=86400, public=True)
@require_GET
def favicon(request):
    """/favicon.ico, which every browser asks for whatever the page links (else a 404 a day)."""
    icon = settings.BASE_DIR / "static" / "favicon.ico"
    return FileResponse(icon.open("rb"), content_type="image/vnd.microsoft.icon")
