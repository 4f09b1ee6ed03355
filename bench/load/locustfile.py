"""One student's visit, as in the issue's measurement: log in, dashboard, quiz intro, start,
every question page with an autosave of its answer, confirm, submit, result, progress.

At a student's pace: each student waits 1 to 3 seconds (uniformly drawn) after EVERY request
of the visit, as a person reads a page and picks an answer, and again before the next visit.
A visit to a quiz of Q questions is 2Q + 7 requests (19 for the demo quiz's 6, 31 for 12),
about 2 seconds each with the wait, so N students send about N / 2 requests a second. The
issue's figures (p99 81 ms at 50 students, 461 ms at 100, about 23 ms of CPU a request) fit
this pace. Before 2 December 2026 the visit's requests went back to back, as fast as the
server answered, with the wait only between visits: 50 such students kept the server
saturated (about 60 requests a second, p50 630 ms), which is no class's pace.

Each request locust counts is one request to the server. The client is locust's
FastHttpUser (geventhttpclient): it costs about half the CPU per request of HttpUser
(python-requests), and locust runs on the same cores as the server here, so what it spends
is taken from the server (bench/load/cpu_split.py shows it: 4.3 ms of CPU per request
with HttpUser). The redirects after start and submit are followed by hand, as a browser
does: the page they lead to is the first question page and the result. Before 2 December
2026 (03:00 UTC) python-requests followed them unseen, inside the start's and the submit's timings,
and the flow then asked for the first question page and the result once more, two requests
a visit (of 21) that no browser sends.

Run by bench/load/run.py; alone: bench/load/.venv/bin/locust -f bench/load/locustfile.py
--host http://127.0.0.1:8000 (BENCH_QUIZ_ID and BENCH_STUDENTS in the environment).

With BENCH_SESSIONS naming the file prepare.py --sessions wrote, a student starts already
logged in (its session cookie set) instead of logging in; BENCH_LOGIN_ONLY=1 makes each
student only log in and stop, to measure the logins on their own.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from http.cookiejar import Cookie
from urllib.parse import urlparse

from locust import FastHttpUser, between, task
from locust.exception import StopUser

PASSWORD = "bench-password-2026"
QUIZ_ID = int(os.environ.get("BENCH_QUIZ_ID", "1"))
STUDENTS = int(os.environ.get("BENCH_STUDENTS", "200"))
_SESSIONS_FILE = os.environ.get("BENCH_SESSIONS")
SESSIONS = json.loads(open(_SESSIONS_FILE).read()) if _SESSIONS_FILE else {}
LOGIN_ONLY = os.environ.get("BENCH_LOGIN_ONLY") == "1"
SESSION_COOKIE = os.environ.get("BENCH_SESSION_COOKIE", "sessionid")
_numbers = itertools.count(1)

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANSWER_FIELD = re.compile(r'name="(q-\d+)"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="(q-\d+)"')
ATTEMPT_URL = re.compile(r"/attempts/(\d+)/")
PAGE_COUNT = re.compile(r'name="goto" value="(\d+)"')


class Student(FastHttpUser):
    # Between every two requests of a visit (`think`), and between visits.
    wait_time = between(1, 3)

    def think(self) -> None:
        """A student reading the page and choosing an answer before the next request."""
        self.wait()

    def on_start(self) -> None:
        number = (next(_numbers) - 1) % STUDENTS + 1
        username = f"bench-{number}"
        if username in SESSIONS and not LOGIN_ONLY:
            self.client.cookiejar.set_cookie(_cookie(self.host, SESSION_COOKIE, SESSIONS[username]))
            return
        page = self.client.get("/accounts/login/", name="login page")
        self.client.post(
            "/accounts/login/",
            {
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": _csrf(page.text),
                "next": "/",
            },
            name="log in",
        )
        if LOGIN_ONLY:
            raise StopUser()

    @task
    def take_the_quiz(self) -> None:
        client = self.client
        client.get("/", name="dashboard")
        self.think()
        intro = client.get(f"/quizzes/{QUIZ_ID}/", name="quiz intro")
        self.think()
        with client.post(
            f"/quizzes/{QUIZ_ID}/start/",
            {"csrfmiddlewaretoken": _csrf(intro.text)},
            name="start",
            catch_response=True,
            allow_redirects=False,
        ) as started:
            location = _location(started)
            match = ATTEMPT_URL.search(location)
            if started.status_code != 302 or match is None:
                # Counted as an error: a start that gives no attempt is the flow failing.
                started.failure(f"no attempt started ({started.status_code}, to {location!r})")
                return
        attempt = match.group(1)
        # Where the start leads: the attempt's first page, as a browser follows it.
        first = client.get(location, name="question page")
        pages = max([int(n) for n in PAGE_COUNT.findall(first.text)] or [1])
        token = _csrf(first.text)
        self.think()
        for number in range(1, pages + 1):
            if number == 1:
                page = first
            else:
                page = client.get(f"/attempts/{attempt}/take/?page={number}", name="question page")
                self.think()
            field = ANSWER_FIELD.search(page.text)
            if field is None:
                continue
            name = field.group(1) or field.group(4)
            value = field.group(2) if field.group(1) else field.group(3)
            client.post(
                f"/attempts/{attempt}/save/",
                {name: value or "an answer"},
                headers={"X-CSRFToken": token},
                name="autosave",
            )
            self.think()
        confirm = client.get(f"/attempts/{attempt}/submit/", name="confirm")
        self.think()
        submitted = client.post(
            f"/attempts/{attempt}/submit/",
            {"csrfmiddlewaretoken": _csrf(confirm.text), "submit": "1"},
            name="submit",
            allow_redirects=False,
        )
        # The result, where the submit leads.
        client.get(_location(submitted) or f"/attempts/{attempt}/", name="result")
        self.think()
        # The wait after the last request is the one between visits (wait_time).
        client.get("/progress/", name="progress")


def _csrf(html: str) -> str:
    match = CSRF_FIELD.search(html)
    return match.group(1) if match else ""


def _location(response) -> str:
    """The path a redirect leads to (empty when it is none)."""
    return (response.headers or {}).get("Location") or ""


def _cookie(host: str, name: str, value: str) -> Cookie:
    """A cookie for the server's host, as the login would have set it."""
    return Cookie(
        version=0,
        name=name,
        value=value,
        port=None,
        port_specified=False,
        domain=urlparse(host).hostname or "",
        domain_specified=False,
        domain_initial_dot=False,
        path="/",
        path_specified=True,
        secure=False,
        expires=None,
        discard=True,
        comment=None,
        comment_url=None,
        rest={"HttpOnly": None},
    )
