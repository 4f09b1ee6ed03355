"""Prepare the database for the load benchmark: the demo quiz (unlimited attempts, one
question per page) and STUDENTS student accounts `bench-1` ... with one password, in the
demo class (which is assigned the quiz).

Usage (the app's environment and settings, the same DATABASE_URL as `make serve`):
    .venv/bin/python bench/load/prepare.py [STUDENTS]      (default 200)
Prints the quiz id. Running it again changes nothing but the number of accounts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402

from learning import services  # noqa: E402
from learning.demo import DEMO_QUIZ_TITLE  # noqa: E402
from learning.models import Quiz  # noqa: E402

PASSWORD = "bench-password-2026"


def main() -> None:
    students = int(sys.argv[1]) if len(sys.argv) > 1 else 200
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
    print(f"quiz {quiz.pk}: {quiz.quiz_questions.count()} questions; {students} students")


if __name__ == "__main__":
    main()
