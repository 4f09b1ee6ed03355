"""The demo student works through the demo module on a phone-sized screen, by keyboard."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from learning.demo import DEMO_STUDENT, DEMO_TEACHER
from learning.models import Attempt, ReviewLog
from modules import materials, selectors
from modules.demo import DEMO_MODULE_TITLE
from modules.models import Module

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

SCREENSHOTS = settings.BASE_DIR / "var" / "screenshots"


def _serious(page) -> list[dict]:
    results = Axe().run(page)
    return [
        {"id": violation["id"], "nodes": [node["target"] for node in violation["nodes"]]}
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def _answer_correctly(page, module: Module) -> None:
    """Fill every question of the quiz page with its right answer (read from the database)."""
    questions = {question.pk: question for question in module.quiz.questions.all()}
    for question_id, question in questions.items():
        name = f"q-{question_id}"
        radios = page.locator(f'input[type=radio][name="{name}"]')
        if radios.count():
            page.locator(
                f'input[type=radio][name="{name}"][value="{question.correct_options[0]}"]'
            ).check()
        elif page.locator(f'input[name="{name}"]').count():
            page.locator(f'input[name="{name}"]').fill(question.accepted_answers[0])


def test_demo_student_studies_the_demo_module(live_server, page, nlp_pipeline):
    call_command("load_demo", seeds=settings.BASE_DIR / "seeds")
    module = Module.objects.get(title=DEMO_MODULE_TITLE)
    documents = selectors.module_documents(module=module)
    timeline = materials.timeline(documents, selectors.module_facts(documents=documents))

    page.goto(live_server.url + "/")
    page.get_by_label("Username").fill(DEMO_STUDENT[0])
    page.get_by_label("Password").fill(DEMO_STUDENT[1])
    page.get_by_role("button", name="Log in").click()
    # The dashboard lists the module with the student's progress.
    section = page.get_by_role("region", name="Your learning modules")
    expect(section.locator(".status")).to_have_text("Not started")
    section.get_by_role("link", name=DEMO_MODULE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_MODULE_TITLE)

    # The study page passes axe-core: no serious or critical violation.
    assert _serious(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Read: the reading view shows the article with its facts marked and labelled.
    reading = page.locator("section.reading")
    expect(reading.get_by_role("heading", level=3)).to_have_count(len(documents))
    date_mark = reading.locator("details.fact-date").first
    expect(date_mark.locator(".badge")).to_have_text("date")

    # Expand a fact with the keyboard.
    date_mark.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(date_mark).to_have_attribute("open", "")
    expect(date_mark.locator(".fact-detail")).to_be_visible()
    expect(date_mark.locator(".fact-detail")).to_contain_text("Date")
    assert _serious(page) == []

    # Study the timeline: every usable date in order, each linking to its sentence.
    entries = page.locator("ol.timeline > li")
    expect(entries).to_have_count(len(timeline))
    whens = [text.strip() for text in page.locator("ol.timeline .when").all_inner_texts()]
    assert whens == [entry.when for entry in timeline]
    years = [int(re.search(r"\d{4}", when).group()) for when in whens]
    assert years == sorted(years)
    entries.first.get_by_role("link").click()
    assert page.url.endswith("#" + timeline[0].anchor)
    expect(page.locator(f"#{timeline[0].anchor}")).to_be_attached()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "module-study.png", full_page=True)

    # The print stylesheet makes a one- or two-page A4 handout.
    handout = page.pdf(format="A4")
    assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", handout)) <= 2

    # Review five flashcards with the keyboard alone.
    page.locator("section[aria-labelledby=flashcards-heading]").get_by_role(
        "link", name="Study flashcards"
    ).click()
    due_before = int(re.search(r"\d+", page.locator("#due-count").inner_text()).group())
    for number in range(5):
        expect(page.locator("#card-front")).to_be_visible()
        # The page's script puts the focus on "Show answer" once it has run (deferred).
        expect(page.locator("#card-answer summary")).to_be_focused()
        page.keyboard.press("Enter")  # the focused "Show answer" opens the back
        expect(page.locator("#card-back")).to_be_visible()
        if number == 0:
            page.screenshot(path=SCREENSHOTS / "module-flashcard.png", full_page=True)
            assert _serious(page) == []
        with page.expect_navigation():
            page.keyboard.press("3")  # Good
    expect(page.locator("#due-count")).to_have_text(f"{due_before - 5} cards due.")
    logs = ReviewLog.objects.filter(review_item__student__username=DEMO_STUDENT[0])
    assert logs.count() == 5
    assert set(logs.values_list("rating", flat=True)) == {ReviewLog.Rating.GOOD}

    # Take the quiz and see the module completed.
    page.get_by_role("link", name=re.compile("Back to")).click()
    page.get_by_role("link", name="Take the quiz").click()
    start = page.get_by_role("button", name="Start the quiz")
    if start.count():  # the quiz's intro page
        start.click()
    _answer_correctly(page, module)
    finish = page.get_by_role("button", name="Finish and submit…")
    if finish.count():  # submission asks for confirmation
        finish.click()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.locator("#score")).to_be_visible()
    attempt = Attempt.objects.get(student__username=DEMO_STUDENT[0], quiz=module.quiz)
    assert attempt.state == Attempt.State.SUBMITTED and attempt.passed
    page.goto(live_server.url + f"/modules/{module.pk}/")
    expect(page.locator(".progress-box .status")).to_have_text("Completed")
    page.goto(live_server.url + "/")
    section = page.get_by_role("region", name="Your learning modules")
    expect(section.locator(".status")).to_have_text("Completed")

    # The teacher sees it in the class view, which passes axe-core too.
    page.get_by_role("button", name="Log out").click()
    page.get_by_label("Username").fill(DEMO_TEACHER[0])
    page.get_by_label("Password").fill(DEMO_TEACHER[1])
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + f"/modules/{module.pk}/progress/")
    row = page.get_by_role("row", name=re.compile(DEMO_STUDENT[0]))
    expect(row.get_by_role("cell").first).to_have_text("Completed")
    assert _serious(page) == []
