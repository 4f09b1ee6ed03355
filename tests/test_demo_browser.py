"""A new user follows the README: loads the demo, logs in as the student, takes the quiz."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from learning.demo import DEMO_QUIZ_TITLE, DEMO_STUDENT
from learning.models import Attempt, Quiz
from quizgen.models import Document

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_demo_load_is_idempotent(nlp_pipeline):
    call_command("load_demo", seeds=settings.BASE_DIR / "seeds")
    counts = (Document.objects.count(), Quiz.objects.count(), Quiz.objects.get().questions.count())
    call_command("load_demo", seeds=settings.BASE_DIR / "seeds")
    assert (
        Document.objects.count(),
        Quiz.objects.count(),
        Quiz.objects.get().questions.count(),
    ) == counts
    assert counts[0] == 1 and counts[2] >= 5


def test_demo_student_takes_the_demo_quiz_in_a_browser(live_server, page, nlp_pipeline):
    call_command("load_demo", seeds=settings.BASE_DIR / "seeds")
    page.goto(live_server.url + "/")
    page.get_by_label("Username").fill(DEMO_STUDENT[0])
    page.get_by_label("Password").fill(DEMO_STUDENT[1])
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name=re.compile(re.escape(DEMO_QUIZ_TITLE))).click()
    page.get_by_role("button", name="Start the quiz").click()
    count = Quiz.objects.get(title=DEMO_QUIZ_TITLE).questions.count()
    assert count >= 5
    groups = page.locator("fieldset")
    expect(groups).to_have_count(count)
    for index in range(count):
        groups.nth(index).locator("input[type=radio]").first.check()
    page.get_by_role("button", name="Finish and submit…").click()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.locator("#score")).to_contain_text(re.compile(rf"You scored \d+ out of {count}"))
    attempt = Attempt.objects.get(student__username=DEMO_STUDENT[0])
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.max_score == count
