"""CPU time of each page of a student's attempt, measured inside one process.

The load benchmark (bench/load/) says how long students wait; this says where the web
process's CPU goes. It runs the production settings in this process and sends the flow of
bench/load/locustfile.py through Django's test client (no server, no network): dashboard,
quiz intro, start, each question page with an autosave of its answer, confirm, submit,
result, progress. For each page it prints the CPU time of one request (`time.process_time`:
this process's CPU only, so other work on a shared machine does not count, and neither does
PostgreSQL's own CPU), the median and 90th percentile over the students, and the number of
SQL statements (counted as a server would run them, not with Django's debug cursor, whose
logging costs about 0.1 ms a query; BEGIN and COMMIT are not among them, as they are in the
tests' pinned counts).

Prepare a database of its own (as for the load benchmark), then run it with the same
variables:

    createdb quizgen_profile
    export DJANGO_SETTINGS_MODULE=config.settings.production QUIZGEN_PLAIN_HTTP=true \\
        SECRET_KEY=<50+ characters> DATABASE_URL=postgres://.../quizgen_profile
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py createcachetable
    .venv/bin/python bench/load/prepare.py 50 --sessions var/profile-sessions.json
    .venv/bin/python bench/profile_pages.py --sessions var/profile-sessions.json --quiz 1 \\
        [--students 20] [--freeze] [--profile 40 [--profile-out FILE]] [--breakdown] [--sql]
        [--boot]

--students: how many of the prepared students take the quiz once each (the first one warms
the process up and is not counted). --freeze: gc.freeze() before the flow, as gunicorn's
master does before forking the workers (config/gunicorn.py). --profile N: run cProfile, on
the CPU clock, over the timed requests and print the N functions with the most time of
their own and the N with the most cumulative time (the profiler itself about doubles the
CPU); --profile-out FILE also saves it for `python -m pstats FILE`. --breakdown: the CPU of each
page by kind of work (middleware, session, user, ORM, templates, view code...; see
bench/breakdown.py), each function's own time charged once. --sql: print the
queries of each page, from the last student. --boot: start a fresh interpreter as a
gunicorn worker without preloading would (import config.wsgi), print its CPU time and
whether spaCy was imported.

It also prints the garbage collector's runs during the timed requests and, when PostgreSQL
runs on this machine, the CPU its backend spent per request. On a shared machine the same
code varies by 15% or more from one run to the next: compare runs made alternately.

Each run adds one submitted attempt per student, as a real class would.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import pstats
import re
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANSWER_FIELD = re.compile(r'name="(q-\d+)"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="(q-\d+)"')
ATTEMPT_URL = re.compile(r"/attempts/(\d+)/")
PAGE_COUNT = re.compile(r'name="goto" value="(\d+)"')

PAGES = [
    "dashboard",
    "quiz intro",
    "start",
    "question page",
    "autosave",
    "confirm",
    "submit",
    "result",
    "progress",
]


class Collections:
    """The garbage collector's runs during the timed requests: how many, and their CPU."""

    def __init__(self) -> None:
        self.count = defaultdict(int)
        self.spent = defaultdict(float)
        self._start = 0.0
        self.on = False

    def __call__(self, phase: str, info: dict) -> None:
        if not self.on:
            return
        if phase == "start":
            self._start = time.process_time()
        else:
            self.count[info["generation"]] += 1
            self.spent[info["generation"]] += (time.process_time() - self._start) * 1000

    def report(self) -> str:
        return ", ".join(
            f"generation {generation}: {self.count[generation]} runs, "
            f"{self.spent[generation]:.0f} ms"
            for generation in sorted(self.count)
        )


def backend_cpu_ms() -> float | None:
    """CPU used so far by this connection's PostgreSQL backend, when the database runs on
    this machine and /proc shows it (None otherwise)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def boot_cost() -> None:
    """A fresh interpreter importing the WSGI application, as each gunicorn worker does."""
    code = (
        "import sys, time; start = time.process_time(); import config.wsgi; "
        "print(round((time.process_time() - start) * 1000), 'spacy' in sys.modules, "
        "len(sys.modules))"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print(
        f"worker start: import config.wsgi {output[0]} ms CPU, whole interpreter "
        f"{total * 1000:.0f} ms CPU; spaCy imported: {output[1]}; {output[2]} modules"
    )


class Flow:
    """One student's attempt through the test client, each request timed in CPU."""

    def __init__(self, client, quiz: int, timings, queries, sql=None, breakdown=None) -> None:
        self.client = client
        self.breakdown = breakdown
        self.sql = sql
        self.quiz = quiz
        self.timings = timings
        self.queries = queries

    def request(self, name: str, method: str, path: str, **extra):
        from django.db import connection

        statements = _Statements()
        with connection.execute_wrapper(statements):
            start = time.process_time()
            if self.breakdown is None:
                response = getattr(self.client, method)(path, **extra)
            else:
                with self.breakdown.request(name):
                    response = getattr(self.client, method)(path, **extra)
            spent = time.process_time() - start
        if response.status_code >= 400:
            raise SystemExit(f"{name} {path}: HTTP {response.status_code}")
        if self.sql is not None and name not in self.sql:
            self.sql[name] = statements.sql
        self.timings[name].append(spent * 1000)
        self.queries[name].append(len(statements.sql))
        return response

    def run(self) -> None:
        self.request("dashboard", "get", "/")
        intro = self.request("quiz intro", "get", f"/quizzes/{self.quiz}/")
        started = self.request(
            "start",
            "post",
            f"/quizzes/{self.quiz}/start/",
            data={"csrfmiddlewaretoken": _csrf(intro)},
        )
        match = ATTEMPT_URL.search(started.get("Location", ""))
        if match is None:
            raise SystemExit(f"start did not start an attempt (went to {started.get('Location')})")
        attempt = match.group(1)
        first = self.request("question page", "get", f"/attempts/{attempt}/take/?page=1")
        text = first.content.decode()
        pages = max([int(n) for n in PAGE_COUNT.findall(text)] or [1])
        token = _csrf(first)
        for number in range(1, pages + 1):
            if number > 1:
                text = self.request(
                    "question page", "get", f"/attempts/{attempt}/take/?page={number}"
                ).content.decode()
            field = ANSWER_FIELD.search(text)
            if field is None:
                continue
            name = field.group(1) or field.group(4)
            value = field.group(2) if field.group(1) else field.group(3)
            self.request(
                "autosave",
                "post",
                f"/attempts/{attempt}/save/",
                data={name: value or "an answer"},
                headers={"X-CSRFToken": token},
            )
        confirm = self.request("confirm", "get", f"/attempts/{attempt}/submit/")
        self.request(
            "submit",
            "post",
            f"/attempts/{attempt}/submit/",
            data={"csrfmiddlewaretoken": _csrf(confirm), "submit": "1"},
        )
        self.request("result", "get", f"/attempts/{attempt}/")
        self.request("progress", "get", "/progress/")


class _Statements:
    """Counts the SQL statements of a request as a server runs them: through an execute
    wrapper, not Django's debug cursor (whose logging, a client-side rendering of each
    statement with its parameters, cost about 0.1 ms a query, 8% of a request)."""

    def __init__(self) -> None:
        self.sql: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        self.sql.append(sql)
        return execute(sql, params, many, context)


def _csrf(response) -> str:
    match = CSRF_FIELD.search(response.content.decode())
    return match.group(1) if match else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=Path, required=True, help="from prepare.py --sessions")
    parser.add_argument("--quiz", type=int, default=1)
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--profile-out", type=Path, help="also write the profile here (pstats)")
    parser.add_argument("--boot", action="store_true")
    parser.add_argument("--breakdown", action="store_true", help="CPU by kind of work")
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() before the flow")
    parser.add_argument("--sql", action="store_true", help="print the last student's queries")
    arguments = parser.parse_args()
    if arguments.boot:
        boot_cost()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    breakdown = None
    if arguments.breakdown:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from breakdown import Breakdown

        breakdown = Breakdown()
        breakdown.install()
    sessions = json.loads(arguments.sessions.read_text())
    usernames = sorted(sessions, key=lambda name: int(name.rsplit("-", 1)[-1]))
    usernames = usernames[: arguments.students]
    print(
        f"{settings.SETTINGS_MODULE}, DEBUG={settings.DEBUG}, "
        f"CONN_MAX_AGE={settings.DATABASES['default']['CONN_MAX_AGE']}, "
        f"{len(usernames) - 1} students timed (+1 warm-up)"
    )
    # CPU time in the profile too (cProfile's default clock is the wall clock).
    profiler = cProfile.Profile(time.process_time) if arguments.profile else None
    # One client for every student, as one web process serves them all: its handler loads
    # the middleware once (WhiteNoise scans the static files then), like a gunicorn worker.
    client = Client(enforce_csrf_checks=True)
    timings: dict[str, list[float]] = defaultdict(list)
    queries: dict[str, list[int]] = defaultdict(list)
    sql: dict[str, list[str]] = {}
    collections = Collections()
    gc.callbacks.append(collections)
    if arguments.freeze:
        # What config/gunicorn.py does once the application is loaded.
        gc.collect()
        gc.freeze()
    database_start = None
    for index, username in enumerate(usernames):
        if index == 1:
            database_start = backend_cpu_ms()
        client.cookies.clear()
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[username]
        warm_up = index == 0
        last = index == len(usernames) - 1
        flow = Flow(
            client,
            arguments.quiz,
            defaultdict(list) if warm_up else timings,
            defaultdict(list) if warm_up else queries,
            sql if last and arguments.sql else None,
            None if warm_up else breakdown,
        )
        collections.on = not warm_up
        if profiler is not None and not warm_up:
            profiler.enable()
        flow.run()
        if profiler is not None and not warm_up:
            profiler.disable()
    collections.on = False
    database_end = backend_cpu_ms() if database_start is not None else None

    print(f"\n{'page':<14} {'requests':>8} {'median ms':>10} {'p90 ms':>8} {'SQL':>8}")
    total = count = 0.0
    for name in PAGES:
        spent = sorted(timings[name])
        if not spent:
            continue
        p90 = spent[min(len(spent) - 1, int(len(spent) * 0.9))]
        print(
            f"{name:<14} {len(spent):>8} {statistics.median(spent):>10.1f} {p90:>8.1f} "
            f"{statistics.median(queries[name]):>8.0f}"
        )
        total += sum(spent)
        count += len(spent)
    if count:
        print(f"{'all':<14} {count:>8.0f} {'mean':>10} {total / count:.1f} ms CPU per request")
    print(f"garbage collections in the timed requests: {collections.report() or 'none'}")
    if database_end is not None and count:
        print(
            f"PostgreSQL backend (same machine): {(database_end - database_start) / count:.1f} "
            "ms CPU per request (mean)"
        )
    if breakdown is not None:
        print("\nCPU by kind of work (each function's own time; bench/breakdown.py):")
        weights = {name: len(timings[name]) for name in PAGES}
        print(breakdown.report(PAGES, weights))
        print("\nThe same, each label with everything it called (its outermost calls):")
        print(breakdown.report(PAGES, weights, inclusive=True))
    for name, statements in sql.items():
        print(f"\n{name}: {len(statements)} queries")
        for statement in statements:
            print(f"  {statement[:300]}")
    if profiler is not None:
        stats = pstats.Stats(profiler)
        if arguments.profile_out:
            stats.dump_stats(arguments.profile_out)
        stats.sort_stats("tottime").print_stats(arguments.profile)
        stats.sort_stats("cumulative").print_stats(arguments.profile)


if __name__ == "__main__":
    main()
