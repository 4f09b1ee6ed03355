"""Prepare the database for the load benchmark: the demo quiz (unlimited attempts, one
question per page) and STUDENTS student accounts `bench-1` ... with one password, in the
demo class (which is assigned the quiz).

Usage (the app's environment and settings, the same DATABASE_URL, DJANGO_SETTINGS_MODULE and
SECRET_KEY as `make serve`):
    .venv/bin/python bench/load/prepare.py [STUDENTS] [--sessions FILE]     (default 200)
Prints the quiz id. Running it again changes nothing but the number of accounts.

With --sessions, each student is also logged in ahead of time, as a class is before the bell:
a session is stored for every account and FILE gets {username: session key}. The locustfile
then starts each student with that cookie, so the timed window measures the attempt flow, not
a burst of password checks (PBKDF2, about 0.6 s of a core each; measured on its own with
`--login` in run.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402

from learning import services  # noqa: E402
from learning.demo import DEMO_QUIZ_TITLE  # noqa: E402
from learning.models import Quiz  # noqa: E402

PASSWORD = "bench-password-2026"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("students", nargs="?", type=int, default=200)
    parser.add_argument("--sessions", type=Path, help="write pre-made logins here")
    arguments = parser.parse_args()
    students = arguments.students
    if not Quiz.objects.filter(title=DEMO_QUIZ_TITLE).exists():
        call_command("load_demo")
    quiz = Quiz.objects.get(title=DEMO_QUIZ_TITLE)
    services.quiz_update(quiz=quiz, max_attempts=0, layout=Quiz.Layout.ONE_PER_PAGE)
    User = get_user_model()
    existing = set(
        User.objects.filter(username__startswith="bench-").values_list("username", flat=True)
    )
    hashed = make_password(PASSWORD)
    User.objects.bulk_create(
        [
            User(username=f"bench-{n}", password=hashed)
            for n in range(1, students + 1)
            if f"bench-{n}" not in existing
        ]
    )
    # A student starts only the quizzes assigned to a class of theirs: the demo class has it.
    from classes import services as class_services
    from classes.models import Assignment
    from roles.groups import STUDENT_GROUP, role_group

    school_class = Assignment.objects.filter(quiz=quiz).select_related("school_class").first()
    group = role_group(STUDENT_GROUP)
    for student in User.objects.filter(username__startswith="bench-"):
        student.groups.add(group)
        class_services.enrolment_add(school_class=school_class.school_class, student=student)
    if arguments.sessions:
        arguments.sessions.write_text(json.dumps(_log_in_ahead(students)))
    print(f"quiz {quiz.pk}: {quiz.quiz_questions.count()} questions; {students} students")


def _log_in_ahead(students: int) -> dict[str, str]:
    """A stored session per student, holding what django.contrib.auth.login puts in one."""
    engine = import_module(settings.SESSION_ENGINE)
    backend = settings.AUTHENTICATION_BACKENDS[-1]
    sessions = {}
    for student in get_user_model().objects.filter(
        username__in=[f"bench-{n}" for n in range(1, students + 1)]
    ):
        store = engine.SessionStore()
        store[SESSION_KEY] = str(student.pk)
        store[BACKEND_SESSION_KEY] = backend
        store[HASH_SESSION_KEY] = student.get_session_auth_hash()
        store.create()
        sessions[student.username] = store.session_key
    return sessions


if __name__ == "__main__":
    main()
