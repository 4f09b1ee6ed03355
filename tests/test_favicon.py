"""/favicon.ico is served, without a login, as the icon browsers ask for."""

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_the_favicon_is_served_without_a_login(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response["Cache-Control"] == "max-age=86400, public"
    body = b"".join(response.streaming_content)
    assert body == (settings.BASE_DIR / "static" / "favicon.ico").read_bytes()
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file
