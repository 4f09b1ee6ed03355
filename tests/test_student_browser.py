"""The demo student in Debian's Chromium at 360 px, keyboard only: takes the demo quiz, loses
the connection and resumes, submits, reads the results, runs out of time on a second try, and
reviews a mistake the next day. axe-core checks every page on the way."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from learning import services
from learning.demo import DEMO_QUIZ_TITLE, DEMO_STUDENT, DEMO_TEACHER
from learning.models import Attempt, Quiz, Response, ReviewItem, ReviewLog, review_fields_for_mode
from quizgen.models import Question

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

AXE_RESULTS: dict[str, str] = {}


def tab_to(page, locator, *, limit: int = 120) -> None:
    """Press Tab until `locator` has the focus, as a keyboard user would."""
    target = locator.element_handle()
    for _ in range(limit):
        if page.evaluate("element => document.activeElement === element", target):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def check_page(page, name: str) -> None:
    """axe-core finds no serious or critical violation, and nothing scrolls sideways at 360 px."""
    results = Axe().run(page)
    violations = results.response["violations"]
    AXE_RESULTS[name] = results.generate_snapshot() or "no violations"
    blocking = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not blocking, results.generate_report()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{name} is {width}px wide"


def focus_is_visible(page) -> bool:
    return page.evaluate(
        """() => { const style = getComputedStyle(document.activeElement);
        return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2; }"""
    )


def log_in(page, base_url: str, user: tuple[str, str] = DEMO_STUDENT) -> None:
    page.goto(base_url + "/")
    check_page(page, "log in")
    tab_to(page, page.get_by_label("Username"))
    page.keyboard.type(user[0])
    page.keyboard.press("Tab")
    page.keyboard.type(user[1])
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your quizzes")).to_be_visible()


def choose(page, value: str) -> None:
    """Select the radio with `value` using Tab, Space and the arrow keys."""
    radios = page.locator("input[type=radio]")
    values = radios.evaluate_all("elements => elements.map(element => element.value)")
    checked = radios.evaluate_all("elements => elements.findIndex(element => element.checked)")
    tab_to(page, radios.nth(max(checked, 0)))
    if checked < 0:
        page.keyboard.press("Space")
        checked = 0
    for _ in range(values.index(value) - checked):
        page.keyboard.press("ArrowDown")
    expect(radios.nth(values.index(value))).to_be_checked()


def current_question(page) -> Question:
    # "3. Prompt" in a quiz; the prompt alone in review, where there is no quiz position.
    prompt = re.sub(r"^\d+\. ", "", page.locator("legend").first.inner_text())
    return Question.objects.get(prompt=prompt, quizzes__title=DEMO_QUIZ_TITLE)


def wrong_option(question: Question) -> str:
    return next(option["text"] for option in question.options if not option["correct"])


def saved(page) -> None:
    expect(page.locator("#save-status")).to_have_text("All answers saved.")


@pytest.fixture
def demo_quiz(nlp_pipeline) -> Quiz:
    call_command("load_demo", seeds=settings.BASE_DIR / "seeds")
    quiz = Quiz.objects.get(title=DEMO_QUIZ_TITLE)
    quiz.layout = Quiz.Layout.ONE_PER_PAGE
    quiz.save()
    return quiz


def test_demo_student_takes_the_quiz_by_keyboard_resumes_and_reviews_next_day(
    live_server, browser, demo_quiz, monkeypatch
):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.set_default_timeout(15000)
    base = live_server.url
    count = demo_quiz.questions.count()
    log_in(page, base)
    check_page(page, "dashboard")

    tab_to(page, page.get_by_role("link", name=f"Take “{DEMO_QUIZ_TITLE}”"))
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("#question-count")).to_have_text(str(count))
    check_page(page, "quiz intro")
    tab_to(page, page.get_by_role("button", name="Start the quiz"))
    page.keyboard.press("Enter")

    # Question 1 right, question 2 wrong, each saved as given (JavaScript) and on "next".
    expect(page.get_by_text(f"Question 1 of {count}")).to_be_visible()
    check_page(page, "question page")
    first = current_question(page)
    choose(page, first.correct_options[0])
    assert focus_is_visible(page)
    saved(page)
    page.keyboard.press("Enter")  # the form's first button: "Save and next"
    expect(page.get_by_text(f"Question 2 of {count}")).to_be_visible()
    second = current_question(page)
    choose(page, wrong_option(second))
    saved(page)
    page.keyboard.press("Enter")

    # Question 3 answered while the connection is lost; saved when it comes back.
    expect(page.get_by_text(f"Question 3 of {count}")).to_be_visible()
    third = current_question(page)
    context.set_offline(True)
    choose(page, third.correct_options[0])
    expect(page.locator("#save-status")).to_contain_text("Not saved: the connection is lost")
    context.set_offline(False)
    saved(page)
    page.close()  # the tab is closed mid-quiz

    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(base + "/")
    resume = page.get_by_role("link", name=f"Resume “{DEMO_QUIZ_TITLE}”")
    tab_to(page, resume)
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"Question 3 of {count}")).to_be_visible()
    expect(page.locator(f'input[type=radio][value="{third.correct_options[0]}"]')).to_be_checked()
    navigator = page.get_by_role("navigation", name="Questions")
    expect(navigator.get_by_role("button", name=re.compile(r"^1 ?, answered"))).to_be_visible()
    expect(navigator.get_by_role("button", name=re.compile(r"^2 ?, answered"))).to_be_visible()
    page.keyboard.press("Tab")
    tab_to(page, page.get_by_role("button", name="Save and next"))
    page.keyboard.press("Enter")

    # Question 4 skipped; the rest answered wrong.
    expect(page.get_by_text(f"Question 4 of {count}")).to_be_visible()
    skipped = current_question(page)
    tab_to(page, page.get_by_role("button", name="Skip"))
    page.keyboard.press("Enter")
    for number in range(5, count + 1):
        expect(page.get_by_text(f"Question {number} of {count}")).to_be_visible()
        choose(page, wrong_option(current_question(page)))
        saved(page)
        if number < count:
            page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("button", name="Finish and submit…"))
    page.keyboard.press("Enter")

    # The confirmation lists the unanswered question.
    unanswered = page.locator("#unanswered")
    expect(unanswered).to_contain_text(f"1 of {count} questions not answered")
    expect(unanswered).to_contain_text(f"Question 4: {skipped.prompt[:40]}")
    check_page(page, "submit confirmation")
    tab_to(page, page.get_by_role("button", name="Submit answers"))
    page.keyboard.press("Enter")

    # Results after submission, as the demo quiz's review settings allow.
    expect(page.locator("#score")).to_contain_text(f"You scored 2 out of {count}")
    expect(page.locator("#score")).to_contain_text("not passed (pass mark 60%)")
    expect(page.get_by_text("✓ Right")).to_have_count(2)
    expect(page.get_by_text("✗ Wrong")).to_have_count(count - 2)
    # Question 2's own row says its right answer (another row may have the same one, "True").
    second_row = page.locator(".result-row").filter(has_text=second.prompt)
    expect(second_row.get_by_text(f"Correct answer: {second.correct_options[0]}")).to_be_visible()
    check_page(page, "results")
    screens = page.evaluate("document.documentElement.scrollHeight") / 740
    print(f"demo result page: {screens:.1f} screens at 360 × 740")
    assert screens <= 6  # about 12 screens before
    tab_to(page, page.get_by_role("link", name=f"Show only my mistakes ({count - 2})"))
    page.keyboard.press("Enter")
    expect(page.locator(".result-row")).to_have_count(count - 2)
    expect(page.get_by_text("✓ Right")).to_have_count(0)
    check_page(page, "results: only the mistakes")
    attempt = Attempt.objects.get(student__username=DEMO_STUDENT[0])
    assert (attempt.state, attempt.score, attempt.max_score) == ("submitted", 2.0, count)
    assert ReviewItem.objects.filter(source="mistake").count() == count - 2

    # The next day: the mistakes are due; review one by keyboard and it is rescheduled.
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(days=1))
    page.goto(base + "/")
    expect(page.locator("#due-count")).to_have_text(f"{count - 2} items due for review today.")
    check_page(page, "dashboard with results")
    tab_to(page, page.get_by_role("link", name=re.compile(r"^Review my mistakes")))
    page.keyboard.press("Enter")
    expect(page.locator("#due-count")).to_have_text(f"{count - 2} items due now.")
    check_page(page, "review my mistakes")
    question = current_question(page)
    choose(page, question.correct_options[0])
    tab_to(page, page.get_by_role("button", name="Check my answer"))
    page.keyboard.press("Enter")
    expect(page.locator("#verdict")).to_contain_text("✓ Right")
    box = page.get_by_role("button", name="Good (suggested)").bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 740  # on screen after the check
    check_page(page, "review answer")
    tab_to(page, page.get_by_role("button", name="Good (suggested)"))
    page.keyboard.press("Enter")
    expect(page.locator("#due-count")).to_have_text(f"{count - 3} items due now.")
    expect(page.get_by_role("status").filter(has_text="Review recorded.")).to_be_visible()
    check_page(page, "review with a message")
    log = ReviewLog.objects.get()
    assert log.rating == ReviewLog.Rating.GOOD
    assert log.reviewed_at.date() == (real_now() + timedelta(days=1)).date()
    assert log.review_item.due > real_now() + timedelta(days=1)

    page.goto(base + "/progress/")
    # Active on the day of the quiz and on the day of the review.
    expect(page.locator("#streak")).to_contain_text("Streak: 2 days")
    check_page(page, "progress")
    context.close()
    print("axe:", AXE_RESULTS)


def test_demo_student_runs_out_of_time(live_server, page, demo_quiz):
    demo_quiz.layout = Quiz.Layout.ALL_ON_ONE_PAGE
    demo_quiz.time_limit_minutes = 10
    demo_quiz.review_mode = Quiz.ReviewMode.NEVER
    for name, shown in review_fields_for_mode(Quiz.ReviewMode.NEVER).items():
        setattr(demo_quiz, name, shown)
    demo_quiz.save()
    log_in(page, live_server.url)
    tab_to(page, page.get_by_role("link", name=f"Take “{DEMO_QUIZ_TITLE}”"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("button", name="Start the quiz"))
    page.keyboard.press("Enter")
    expect(page.locator("#timer")).to_have_text(re.compile(r"^(9:5\d|10:00)$"))
    check_page(page, "quiz on one page with a countdown")
    first = current_question(page)
    choose(page, first.correct_options[0])
    saved(page)

    # Only seconds remain: the countdown runs out and the attempt is submitted as saved.
    Attempt.objects.update(deadline=timezone.now() + timedelta(seconds=3))
    page.reload()
    expect(page.locator("#timer")).to_have_text(re.compile(r"^0:0[0-3]$"))
    page.wait_for_url(re.compile(r"/attempts/\d+/$"), timeout=15000)
    count = demo_quiz.questions.count()
    expect(page.locator("#score")).to_contain_text(f"You scored 1 out of {count}")
    check_page(page, "results without answers")
    # Review settings "never": no answers, no right/wrong marks.
    expect(page.get_by_text("Correct answers are not shown for this quiz.")).to_be_visible()
    body = page.content()
    assert "Correct answer:" not in body and "✓ Right" not in body
    attempt = Attempt.objects.get()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.submitted_at <= attempt.deadline


def test_demo_teacher_reads_the_class_results(live_server, page, demo_quiz):
    from django.contrib.auth import get_user_model

    student = get_user_model().objects.get(username=DEMO_STUDENT[0])
    attempt = services.attempt_start(quiz=demo_quiz, student=student)
    services.attempt_submit(attempt=attempt)
    log_in(page, live_server.url, DEMO_TEACHER)
    tab_to(page, page.get_by_role("link", name="Class results"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Class results")).to_be_visible()
    check_page(page, "teacher quizzes")
    tab_to(page, page.get_by_role("link", name=DEMO_QUIZ_TITLE))
    page.keyboard.press("Enter")
    expect(page.locator("#class-results")).to_contain_text("0.0% (not passed)")
    check_page(page, "class results")
    tab_to(page, page.get_by_role("link", name=DEMO_STUDENT[0]))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("^student on"))).to_be_visible()
    expect(page.locator("#student-answers")).to_contain_text("(no answer)")
    check_page(page, "one student's answers")
    page.go_back()
    expect(page.locator("#class-results")).to_be_visible()
    tab_to(page, page.get_by_role("link", name="Download the results (CSV)"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == f"quiz-{demo_quiz.pk}-results.csv"
    with open(download.value.path(), "rb") as csv_file:
        assert csv_file.read(3) == b"\xef\xbb\xbf"  # a spreadsheet reads it as UTF-8
    print("axe:", AXE_RESULTS)


def test_every_question_kind_by_keyboard_with_immediate_feedback(live_server, page):
    from learning.tests.factories import quiz_with_every_kind
    from quizgen.tests.factories import UserFactory

    kim = UserFactory(username="kim")
    quiz_with_every_kind(
        review_mode=Quiz.ReviewMode.IMMEDIATELY, title="Every kind", assigned_to=[kim]
    )
    log_in(page, live_server.url, ("kim", "correct-horse-battery"))
    tab_to(page, page.get_by_role("link", name="Take “Every kind”"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("button", name="Start the quiz"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("0 of 7 answered.")).to_be_visible()
    check_page(page, "every question kind")
    # A typed answer is saved while the student is still in the field.
    tab_to(page, page.get_by_label("3. The treaty was signed by _____ delegates."))
    page.keyboard.type("42")
    saved(page)
    assert Response.objects.get(question__kind="fill_blank").answer == "42"
    # Ordering: whole items moved up with the keyboard; the focus stays on the moved item.
    tab_to(page, page.get_by_role("button", name="Move “Founding” up"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("button", name="Move “Treaty” up"))
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("button", name="Move “Election” up"))
    page.keyboard.press("Enter")
    saved(page)
    assert Response.objects.get(question__kind="ordering").answer == [
        "Founding",
        "Treaty",
        "Election",
        "Ceasefire",
    ]
    # Matching: "Envoy" moved beside Ana Ruiz, one right pair (Mayor and Judge stay wrong).
    tab_to(page, page.get_by_role("button", name="Move “Envoy” up"))
    page.keyboard.press("Enter")
    saved(page)
    tab_to(page, page.get_by_role("button", name="Check answer 7"))
    page.keyboard.press("Enter")
    feedback = page.locator("#feedback-7")
    expect(feedback).to_contain_text("◐ Partly right (0.33 of 1 point)")
    expect(feedback).to_contain_text("Correct answer: Ana Ruiz = Envoy; Ben Okafor = Judge")
    expect(page.locator("#feedback-6")).to_have_count(0)
    expect(page.get_by_label("Ana Ruiz")).to_be_disabled()
    expect(page.locator("#question-7 .reorder button")).to_have_count(0)
    check_page(page, "immediate feedback")
    tab_to(page, page.get_by_role("button", name="Check answer 6"))
    page.keyboard.press("Enter")
    expect(page.locator("#feedback-6")).to_contain_text("✓ Right")
    print("axe:", AXE_RESULTS)
