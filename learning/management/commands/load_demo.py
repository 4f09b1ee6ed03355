from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from learning.demo import DEMO_STUDENT, DEMO_TEACHER, demo_load


class Command(BaseCommand):
    help = "Load the demo: teacher, student, the documents in seeds/ and a published quiz."

    def add_arguments(self, parser):
        parser.add_argument("--seeds", type=Path, default=settings.BASE_DIR / "seeds")

    def handle(self, *args, seeds: Path, **options):
        summary = demo_load(seeds_dir=seeds)
        self.stdout.write(
            f"Demo ready: {summary.documents} document(s), {summary.questions} questions, "
            f"quiz “{summary.quiz.title}” with {summary.quiz.questions.count()} questions."
        )
        self.stdout.write("  Student pages: http://127.0.0.1:8000/")
        self.stdout.write("  Teacher admin: http://127.0.0.1:8000/admin/")
        self.stdout.write("  API:           http://127.0.0.1:8000/api/v1/quizzes/")
        self.stdout.write(f"  Demo teacher:  {DEMO_TEACHER[0]} / {DEMO_TEACHER[1]}")
        self.stdout.write(f"  Demo student:  {DEMO_STUDENT[0]} / {DEMO_STUDENT[1]}")
