"""The attempt on a phone: Chromium at 360 × 740 with touch, taps where a thumb would land.

Each test is one fault found on a phone: a lost tap, a Skip that kept an answer, a counter that
did not follow, a countdown that scrolled away or ran out early, the browser's error page when
finishing offline, and ordering and matching that let one item take every place."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from classes.tests.factories import enrol_for
from learning.models import Attempt, Quiz, Response
from learning.tests.factories import QuizFactory, QuizQuestionFactory, question_of_kind
from quizgen.tests.factories import QuestionFactory, UserFactory
from tests.test_student_browser import check_page, log_in, tab_to

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

STUDENT = ("pat", "correct-horse-battery")
LONG_ITEM = (
    "The delegations of both governments met again in the capital and agreed, after three days "
    "of talks that ran late into each night, on a joint statement about trade and transit"
)


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield context, page
    context.close()


def build_quiz(*questions, **settings) -> Quiz:
    settings.setdefault("title", "On the bus")
    quiz = QuizFactory(shuffle_options=False, **settings)
    for position, question in enumerate(questions, start=1):
        QuizQuestionFactory(quiz=quiz, question=question, position=position)
    return quiz


def start(page, base_url: str, quiz: Quiz) -> None:
    enrol_for(quiz, UserFactory(username=STUDENT[0]))  # in a class assigned the quiz
    log_in(page, base_url, STUDENT)
    page.goto(f"{base_url}/quizzes/{quiz.pk}/")
    page.get_by_role("button", name="Start the quiz").tap()
    expect(page.locator("#quiz-form")).to_be_visible()
    page.wait_for_load_state("load")  # quiz.js (deferred) is running


def thumb(page, locator) -> None:
    """A tap at the centre of where `locator` is now, without waiting for it to hold still:
    if the page moves it between touch and release, the tap is lost as it is on a phone."""
    box = locator.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def saved(page) -> None:
    expect(page.locator("#save-status")).to_have_text("All answers saved.")


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 740


def test_the_first_tap_after_typing_reaches_save_and_next(live_server, phone):
    context, page = phone
    typed = question_of_kind("fill_blank")
    quiz = build_quiz(typed, QuestionFactory(), layout=Quiz.Layout.ONE_PER_PAGE)
    start(page, live_server.url, quiz)
    status = page.locator("#save-status")
    heights = set()
    for text in [
        "Saving…",
        "All answers saved.",
        "Not saved: the connection is lost. Your answers will be saved when it is back.",
        "This answer is too long: keep it under 1,000 characters.",
    ]:
        status.evaluate("(element, text) => { element.textContent = text; }", text)
        heights.add(status.evaluate("element => element.getBoundingClientRect().height"))
    assert len(heights) == 1, heights
    page.get_by_label("1. The treaty was signed by _____ delegates.").tap()
    page.keyboard.type("42")
    # Straight from the keyboard to the button: the blur saves, the status changes, the tap
    # must still land on "Save and next".
    thumb(page, page.get_by_role("button", name="Save and next"))
    expect(page.get_by_text("Question 2 of 2")).to_be_visible()
    assert Response.objects.get(question=typed).answer == "42"
    check_page(page, "phone: second question")


def test_skip_leaves_a_typed_answer_unsaved(live_server, phone):
    context, page = phone
    typed = question_of_kind("fill_blank")
    quiz = build_quiz(typed, QuestionFactory(), layout=Quiz.Layout.ONE_PER_PAGE)
    start(page, live_server.url, quiz)
    page.get_by_label("1. The treaty was signed by _____ delegates.").tap()
    page.keyboard.type("41")
    saved(page)
    assert Response.objects.get(question=typed).answer == "41"
    page.get_by_role("button", name="Skip").tap()
    expect(page.get_by_text("Question 2 of 2")).to_be_visible()
    expect(page.locator("#answered-count")).to_have_text("0 of 2 answered.")
    navigator = page.get_by_role("navigation", name="Questions")
    expect(navigator.get_by_role("button", name=re.compile(r"^1 ?, not answered"))).to_be_visible()
    assert Response.objects.get(question=typed).answer is None


def test_the_counter_and_the_navigator_follow_each_saved_answer(live_server, phone):
    context, page = phone
    quiz = build_quiz(QuestionFactory(), QuestionFactory(), layout=Quiz.Layout.ONE_PER_PAGE)
    start(page, live_server.url, quiz)
    counter = page.locator("#answered-count")
    navigator = page.get_by_role("navigation", name="Questions")
    expect(counter).to_have_text("0 of 2 answered.")
    page.get_by_label("1979").tap()
    saved(page)
    expect(counter).to_have_text("1 of 2 answered.")
    current = navigator.get_by_role("button", name=re.compile(r"^1 ?, answered, current"))
    expect(current).to_have_class("answered")
    check_page(page, "phone: counter after a saved answer")


def test_the_countdown_stays_in_view_and_time_runs_out_once(live_server, phone):
    context, page = phone
    questions = [question_of_kind(kind) for kind in ("multiple_choice", "ordering", "matching")]
    quiz = build_quiz(*questions, QuestionFactory(), QuestionFactory(), time_limit_minutes=10)
    start(page, live_server.url, quiz)
    timer = page.locator("#timer")
    expect(timer).to_have_text(re.compile(r"^(9:5\d|10:00)$"))
    page.get_by_role("button", name="Finish and submit…").scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 700
    assert in_view(page, timer)
    check_page(page, "phone: countdown while scrolled")

    # With 3.6 s left the page's clock is given 4 s: it ends after the server's deadline, so the
    # result opens at once instead of bouncing between the result and the quiz.
    Attempt.objects.update(deadline=timezone.now() + timedelta(seconds=3.6))
    page.reload()
    visited: list[str] = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))
    page.wait_for_url(re.compile(r"/attempts/\d+/$"), timeout=15000)
    expect(page.locator("#score")).to_contain_text("You scored 0 out of 5")
    assert [url for url in visited if "/take/" in url] == []
    assert Attempt.objects.get().state == Attempt.State.SUBMITTED


def test_time_running_out_in_a_background_tab_shows_the_result_once(live_server, phone):
    context, page = phone
    quiz = build_quiz(QuestionFactory(), QuestionFactory(), time_limit_minutes=1)
    start(page, live_server.url, quiz)
    page.get_by_label("1979").first.tap()
    saved(page)
    Attempt.objects.update(deadline=timezone.now() + timedelta(seconds=2.5))
    page.reload()
    visited: list[str] = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))
    # The phone puts the tab away: its timers stop until it is brought back, after the deadline.
    lifecycle = context.new_cdp_session(page)
    lifecycle.send("Page.setWebLifecycleState", {"state": "frozen"})
    deadline = Attempt.objects.get().deadline
    while timezone.now() < deadline + timedelta(seconds=1):
        page.wait_for_timeout(250)
    lifecycle.send("Page.setWebLifecycleState", {"state": "active"})
    page.wait_for_url(re.compile(r"/attempts/\d+/$"), timeout=15000)
    expect(page.locator("#score")).to_contain_text("You scored 1 out of 2")
    page.wait_for_timeout(1500)  # nothing opens after it
    assert [url for url in visited if "/take/" in url] == []
    assert len([url for url in visited if re.search(r"/attempts/\d+/$", url)]) == 1


def test_finishing_offline_says_the_answers_are_saved(live_server, phone):
    context, page = phone
    quiz = build_quiz(*[QuestionFactory() for _ in range(4)])
    start(page, live_server.url, quiz)
    page.get_by_label("1979").first.tap()
    saved(page)
    notice = page.locator("#offline-notice")
    expect(notice).to_be_hidden()
    context.set_offline(True)
    finish = page.get_by_role("button", name="Finish and submit…")
    finish.scroll_into_view_if_needed()
    expect(notice).to_contain_text("You are offline.")
    finish.tap()
    expect(notice).to_contain_text(
        "You are offline, so the quiz cannot be submitted yet. Your answers are saved"
    )
    expect(notice).to_contain_text("reconnect, then press “Finish and submit…” again")
    assert in_view(page, notice)
    assert page.url.endswith("/take/")
    check_page(page, "phone: finishing offline")
    context.set_offline(False)
    expect(notice).to_be_hidden()
    finish.tap()
    expect(page.get_by_role("heading", name="Submit “On the bus”?")).to_be_visible()


def no_axe_violations(page) -> None:
    """The attempt pages pass axe-core with no violation at all, of any impact."""
    results = Axe().run(page)
    assert results.response["violations"] == [], results.generate_report()


def test_finishing_offline_after_a_change_made_offline_still_says_what_to_do(live_server, phone):
    context, page = phone
    questions = [QuestionFactory() for _ in range(3)]
    quiz = build_quiz(*questions)
    start(page, live_server.url, quiz)
    failed_saves: list[str] = []
    page.on("requestfailed", lambda request: failed_saves.append(request.url))
    context.set_offline(True)
    page.locator("#question-2").get_by_label("1979").tap()  # changed offline: not saved yet
    expect(page.locator("#save-status")).to_have_text(
        "Not saved: the connection is lost. Your answers will be saved when it is back."
    )
    page.get_by_role("button", name="Finish and submit…").tap()
    # The press tries the pending answer again; that save fails too, and the notice still
    # says what to do about finishing.
    for _ in range(50):
        if len(failed_saves) >= 2:
            break
        page.wait_for_timeout(100)
    assert len(failed_saves) == 2, failed_saves
    notice = page.locator("#offline-notice")
    expect(notice).to_contain_text("You are offline, so the quiz cannot be submitted yet.")
    expect(notice).to_contain_text("reconnect, then press “Finish and submit…” again")
    assert in_view(page, notice)
    assert page.url.endswith("/take/")
    context.set_offline(False)
    saved(page)
    assert Response.objects.get(question=questions[1]).answer == "1979"


def test_submitting_offline_on_the_confirm_page_keeps_the_student_there(live_server, phone):
    context, page = phone
    quiz = build_quiz(*[QuestionFactory() for _ in range(3)])
    start(page, live_server.url, quiz)
    page.get_by_label("1979").first.tap()
    saved(page)
    page.get_by_role("button", name="Finish and submit…").tap()
    expect(page.get_by_role("heading", name="Submit “On the bus”?")).to_be_visible()
    confirm_url = page.url
    context.set_offline(True)
    notice = page.locator("#offline-notice")
    page.get_by_role("button", name="Submit answers").tap()
    expect(notice).to_have_text(
        "You are offline, so the quiz cannot be submitted yet. Your answers are saved. Stay on "
        "this page, reconnect, then press “Submit answers” again. If time runs out first, the "
        "attempt is submitted with the saved answers."
    )
    assert in_view(page, notice)
    page.get_by_role("link", name=re.compile(r"^Question 2: ")).tap()
    expect(notice).to_contain_text("You are offline, so the questions cannot be opened yet.")
    assert page.url == confirm_url
    assert Attempt.objects.get().state == Attempt.State.IN_PROGRESS
    no_axe_violations(page)
    context.set_offline(False)
    expect(notice).to_be_hidden()
    page.get_by_role("button", name="Submit answers").tap()
    expect(page.locator("#score")).to_contain_text("You scored 1 out of 3")


def test_the_confirm_page_counts_down_and_opens_the_result_when_time_is_up(live_server, phone):
    context, page = phone
    quiz = build_quiz(*[QuestionFactory() for _ in range(8)], time_limit_minutes=1)
    start(page, live_server.url, quiz)
    page.get_by_role("button", name="Finish and submit…").tap()
    expect(page.get_by_role("heading", name="Submit “On the bus”?")).to_be_visible()
    timer = page.locator("#timer")
    expect(timer).to_have_text(re.compile(r"^0:5\d$"))
    no_axe_violations(page)
    page.get_by_role("button", name="Submit answers").scroll_into_view_if_needed()
    assert in_view(page, timer)
    # With 3.6 s left the confirmation page's clock is given 4 s; when it ends the result
    # opens, once, with the attempt submitted by the server.
    Attempt.objects.update(deadline=timezone.now() + timedelta(seconds=3.6))
    page.reload()
    expect(timer).to_have_text(re.compile(r"^0:0[34]$"))
    visited: list[str] = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))
    page.wait_for_url(re.compile(r"/attempts/\d+/$"), timeout=15000)
    expect(page.locator("#score")).to_contain_text("You scored 0 out of 8")
    assert [url for url in visited if "/take/" in url or "/submit/" in url] == []
    assert Attempt.objects.get().state == Attempt.State.SUBMITTED
    no_axe_violations(page)


def item_texts(page, number: int) -> list[str]:
    return page.locator(f"#question-{number} .reorder .item").all_inner_texts()


def test_ordering_and_matching_move_whole_items_by_touch_and_keyboard(live_server, phone):
    context, page = phone
    ordering = question_of_kind(
        "ordering",
        options=["Ceasefire", LONG_ITEM, "Founding"],
        answer=["Founding", LONG_ITEM, "Ceasefire"],
    )
    matching = question_of_kind("matching")
    quiz = build_quiz(ordering, matching)
    start(page, live_server.url, quiz)
    assert item_texts(page, 1) == ["Ceasefire", LONG_ITEM, "Founding"]
    # The long item is shown whole, wrapped inside the screen.
    long_item = page.locator("#question-1 .reorder .item").nth(1)
    assert long_item.evaluate("element => element.scrollWidth <= element.clientWidth")
    assert long_item.bounding_box()["x"] + long_item.bounding_box()["width"] <= 360
    expect(page.get_by_role("combobox", name="Position 1")).to_be_hidden()
    check_page(page, "phone: ordering and matching")

    # Touch: "Founding" up twice, to the top.
    page.get_by_role("button", name="Move “Founding” up").tap()
    page.get_by_role("button", name="Move “Founding” up").tap()
    saved(page)
    assert item_texts(page, 1) == ["Founding", "Ceasefire", LONG_ITEM]
    # Keyboard: Enter on "Move “Ceasefire” down"; the focus stays with the moved item.
    tab_to(page, page.get_by_role("button", name="Move “Ceasefire” down"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Move “Ceasefire” up")).to_be_focused()
    saved(page)
    assert item_texts(page, 1) == ["Founding", LONG_ITEM, "Ceasefire"]
    assert Response.objects.get(question=ordering).answer == ["Founding", LONG_ITEM, "Ceasefire"]

    # Matching: the answers move beside the names; each answer stands in one place only.
    assert item_texts(page, 2) == ["Mayor", "Envoy", "Judge"]
    page.get_by_role("button", name="Move “Envoy” up").tap()
    tab_to(page, page.get_by_role("button", name="Move “Mayor” down"))
    page.keyboard.press("Enter")
    saved(page)
    assert item_texts(page, 2) == ["Envoy", "Judge", "Mayor"]
    assert Response.objects.get(question=matching).answer == {
        "Ana Ruiz": "Envoy",
        "Ben Okafor": "Judge",
        "Chen Wu": "Mayor",
    }
    # Reloaded, the saved order is shown.
    page.reload()
    assert item_texts(page, 1) == ["Founding", LONG_ITEM, "Ceasefire"]
    assert item_texts(page, 2) == ["Envoy", "Judge", "Mayor"]


def test_a_compact_result_with_only_the_mistakes_and_try_again(live_server, phone):
    context, page = phone
    questions = [QuestionFactory() for _ in range(12)]
    quiz = build_quiz(*questions, max_attempts=3)
    start(page, live_server.url, quiz)
    for question in questions[:2]:
        page.locator(f'input[name="q-{question.pk}"][value="1979"]').tap()
        saved(page)
    page.get_by_role("button", name="Finish and submit…").tap()
    page.get_by_role("button", name="Submit answers").tap()
    expect(page.locator("#score")).to_contain_text("You scored 2 out of 12")
    screens = page.evaluate("document.documentElement.scrollHeight") / 740
    print(f"result page: {screens:.1f} screens at 360 × 740")
    assert screens <= 4.5  # 7.5 screens before
    check_page(page, "phone: compact result")
    page.get_by_role("link", name="Show only my mistakes (10)").tap()
    expect(page.locator(".result-row")).to_have_count(10)
    expect(page.get_by_text("Showing your 10 mistakes of 12 questions.")).to_be_visible()
    page.get_by_role("button", name="Try again").tap()
    expect(page.locator("#answered-count")).to_have_text("0 of 12 answered.")
    assert Attempt.objects.filter(state=Attempt.State.IN_PROGRESS).get().number == 2


def test_after_show_answer_the_rating_buttons_are_on_screen(live_server, phone):
    context, page = phone
    question = QuestionFactory(
        prompt="In which year did the delegation that had travelled from the northern "
        "provinces finally reach the capital to sign the agreement?",
        explanation="The text says so in its second paragraph, after describing the long "
        "journey of the delegation and the many stops it made on the way.",
    )
    quiz = build_quiz(question)
    start(page, live_server.url, quiz)
    page.get_by_role("button", name="Finish and submit…").tap()
    page.get_by_role("button", name="Submit answers").tap()
    expect(page.locator("#score")).to_contain_text("You scored 0 out of 1")
    page.goto(live_server.url + "/review/")
    page.get_by_label("1983").tap()
    page.get_by_role("button", name="Check my answer").tap()
    expect(page.locator("#verdict")).to_contain_text("✗ Not right yet")
    for name in ["Again (suggested)", "Hard", "Good", "Easy"]:
        assert in_view(page, page.get_by_role("button", name=name, exact=True)), name
    check_page(page, "phone: review answer")


WORDS_SPLIT_ACROSS_LINES = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("th, td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""

SMALLEST_CHART_TEXT = """() => Math.min(...[...document.querySelectorAll("svg text")].map(
  text => parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a))"""


def test_the_progress_page_keeps_words_whole_and_chart_labels_readable(live_server, phone):
    from learning import services

    context, page = phone
    questions = [QuestionFactory() for _ in range(3)]
    quiz = build_quiz(*questions, title="Recognition, sanctions and the frozen reserves")
    start(page, live_server.url, quiz)
    student = Attempt.objects.get().student
    services.attempt_submit(attempt=Attempt.objects.get(), answers={questions[0].pk: "1979"})
    services.attempt_submit(
        attempt=services.attempt_start(quiz=quiz, student=student),
        answers={question.pk: "1979" for question in questions},
    )
    page.goto(live_server.url + "/progress/")
    expect(page.locator("#history")).to_be_visible()
    assert page.evaluate(WORDS_SPLIT_ACROSS_LINES) == []
    assert page.evaluate(SMALLEST_CHART_TEXT) >= 12
    check_page(page, "phone: progress")
