"""Marking as a student sees it on a phone (360 × 740, touch): answers typed in another form
are marked right, and the result says in which form each was accepted."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from classes.tests.factories import enrol_for
from learning.models import Quiz
from learning.tests.factories import QuizFactory, QuizQuestionFactory
from quizgen.tests.factories import QuestionFactory, UserFactory
from tests.test_student_browser import log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

STUDENT = ("robin", "correct-horse-battery")

# (prompt, accepted answers, numeric key or None, typed, what the result says)
TYPED = [
    ("In what place did the team finish the league?", ["third"], None, "3rd", "3rd = third"),
    ("How many ships did the fleet have?", ["100"], None, "a hundred", "a hundred = 100"),
    ("How many hours did the walk take?", ["2.5"], None, "two and a half", "two and a half = 2.5"),
    ("On what date was the treaty signed?", ["July 3, 2025"], None, "the third of July 2025",
     "the third of July 2025 = July 3, 2025"),
    ("How many soldiers crossed the river?", ["over 15,000"],
     {"value": 15000.0, "tolerance": 750.0, "unit": "", "display": "over 15,000"},
     "15,500", "15,500: within 750 of over 15,000"),
]  # fmt: skip


def test_answers_in_another_form_are_right_and_the_result_says_how(live_server, browser):
    quiz = QuizFactory(title="Forms", shuffle_options=False, layout=Quiz.Layout.ALL_ON_ONE_PAGE)
    questions = []
    for position, (prompt, accepted, numeric, _, _) in enumerate(TYPED, start=1):
        question = QuestionFactory(
            kind="numeric" if numeric else "short_answer",
            prompt=prompt,
            options=[],
            accepted_answers=accepted,
            answer=numeric,
            tolerance=numeric["tolerance"] if numeric else None,
            document__owner=quiz.owner,
        )
        QuizQuestionFactory(quiz=quiz, question=question, position=position)
        questions.append(question)
    enrol_for(quiz, UserFactory(username=STUDENT[0]))
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    log_in(page, live_server.url, STUDENT)
    page.goto(f"{live_server.url}/quizzes/{quiz.pk}/")
    page.get_by_role("button", name="Start the quiz").tap()
    for question, (_, _, _, typed, _) in zip(questions, TYPED, strict=True):
        page.locator(f'input[name="q-{question.pk}"]').fill(typed)
    page.get_by_role("button", name="Finish and submit…").tap()
    page.get_by_role("button", name="Submit answers").tap()
    expect(page.locator("#score")).to_contain_text("You scored 5 out of 5")
    notes = page.locator(".result-row p.muted", has_text="Accepted:")
    expect(notes).to_have_text([f"Accepted: {note}" for *_, note in TYPED])
    context.close()
