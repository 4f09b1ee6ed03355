"""One student's visit, as in the issue's measurement: log in, dashboard, quiz intro, start,
every question page with an autosave of its answer, confirm, submit, result, progress.

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

from locust import HttpUser, between, task
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


class Student(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        number = (next(_numbers) - 1) % STUDENTS + 1
        username = f"bench-{number}"
        if username in SESSIONS and not LOGIN_ONLY:
            self.client.cookies.set(SESSION_COOKIE, SESSIONS[username])
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
        intro = client.get(f"/quizzes/{QUIZ_ID}/", name="quiz intro")
        with client.post(
            f"/quizzes/{QUIZ_ID}/start/",
            {"csrfmiddlewaretoken": _csrf(intro.text)},
            name="start",
            catch_response=True,
        ) as started:
            match = ATTEMPT_URL.search(started.url or "")
            if match is None:
                # Counted as an error: a start that gives no attempt is the flow failing.
                started.failure(f"no attempt started (ended at {started.url})")
                return
        attempt = match.group(1)
        first = client.get(f"/attempts/{attempt}/take/?page=1", name="question page")
        pages = max([int(n) for n in PAGE_COUNT.findall(first.text)] or [1])
        token = _csrf(first.text)
        for number in range(1, pages + 1):
            page = (
                first
                if number == 1
                else client.get(f"/attempts/{attempt}/take/?page={number}", name="question page")
            )
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
        confirm = client.get(f"/attempts/{attempt}/submit/", name="confirm")
        client.post(
            f"/attempts/{attempt}/submit/",
            {"csrfmiddlewaretoken": _csrf(confirm.text), "submit": "1"},
            name="submit",
        )
        client.get(f"/attempts/{attempt}/", name="result")
        client.get("/progress/", name="progress")


def _csrf(html: str) -> str:
    match = CSRF_FIELD.search(html)
    return match.group(1) if match else ""
