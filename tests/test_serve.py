"""The production set-up as `make serve` runs it: gunicorn with the production settings.

Static files come from the web process (WhiteNoise) with DEBUG off, HTTP is sent to HTTPS
except the health endpoint, and each request is one readable line in the access log. The
application is loaded once in gunicorn's master and the workers are forks of it, replaced
after MAX_REQUESTS requests.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

from tests.test_settings import SECRET

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, **headers: str):
    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(urllib.request.Request(url, headers=headers), timeout=10)
    except urllib.error.HTTPError as error:
        return error


def test_gunicorn_serves_pages_static_files_and_health_under_production_settings(tmp_path):
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": "2",
        # Each worker is replaced after 3 requests (no jitter below 10), a fork of the master.
        "MAX_REQUESTS": "3",
    }
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert collect.returncode == 0, collect.stderr
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [BIN / "gunicorn", "config.wsgi", "-c", "config/gunicorn.py"],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                health = fetch(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.2)
        assert health.status == 200
        assert health.read() == b'{"status": "ok", "database": "ok"}'

        redirected = fetch(f"{base}/accounts/login/")
        assert redirected.status == 301
        assert redirected.headers["Location"] == f"https://127.0.0.1:{port}/accounts/login/"

        login = fetch(f"{base}/accounts/login/", **{"X-Forwarded-Proto": "https"})
        assert login.status == 200
        assert login.headers["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        assert "; Secure" in login.headers["Set-Cookie"]

        script = fetch(f"{base}/static/learning/quiz.js", **{"X-Forwarded-Proto": "https"})
        assert script.status == 200
        assert script.headers["Content-Type"].startswith("text/javascript")
        assert b"addEventListener" in script.read()

        # Enough requests for every worker to be replaced at least once: the forks answer.
        statuses = [fetch(f"{base}/healthz").status for _ in range(8)]
        assert statuses == [200] * 8
    finally:
        server.terminate()
        server.wait(timeout=30)
    log_text = log_path.read_text()
    assert log_text.count("Booting worker with pid") >= 4
    assert log_text.count("Autorestarting worker after current request") >= 2
    assert '"GET /healthz HTTP/1.1" 200 ' in log_text


def test_loading_the_application_opens_no_database_connection_and_starts_no_thread(tmp_path):
    """What makes gunicorn's preload_app safe: the master imports config.wsgi before it forks
    the workers, so a connection or thread made at import would be shared by all of them."""
    environment = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'preload.sqlite3'}",
    }
    probe = (
        "import threading, config.wsgi; from django.db import connections; "
        "print([connections[alias].connection for alias in connections], "
        "threading.active_count())"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout == "[None] 1\n"
