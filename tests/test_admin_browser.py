"""A teacher, in a browser, goes from a new article to a published 10-question quiz in the admin.

The test counts the teacher's actions (clicks, typed fields, the file chosen) and the seconds
from opening the admin to the published quiz, and prints them (`pytest -s` shows them).
"""

import re
import time

import pytest

from conftest import DEMO_PUBLISHED_ON, DEMO_TEXT_PATH
from learning.admin import QUIZ_PUBLISHED
from learning.models import Quiz
from learning.services import QUIZ_PICK_FOUND, QUIZ_PICK_TOPPED_UP, quiz_pick_conflict
from quizgen.admin import DEFAULT_TOP_N, QUIZ_CREATED
from quizgen.models import Document, Question
from quizgen.tests.factories import TeacherFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

TITLE = "Russia recognises taliban"  # from the file name
QUICK_QUIZ_SIZE = DEFAULT_TOP_N  # the number the document page proposes


class Teacher:
    """Drives the page and counts what a person would do: clicks, fields typed, files chosen."""

    def __init__(self, page):
        self.page = page
        self.actions: list[str] = []

    def click(self, locator, what: str) -> None:
        locator.click()
        self.actions.append(f"click {what}")

    def type(self, locator, text: str, what: str) -> None:
        locator.fill(text)
        self.actions.append(f"type {what}")

    def choose_file(self, locator, path, what: str) -> None:
        locator.set_input_files(str(path))
        self.actions.append(f"choose {what}")


def test_teacher_goes_from_a_new_article_to_a_published_quiz_on_distinct_facts(
    live_server, page, nlp_pipeline
):
    user = TeacherFactory(username="ms-ortiz")
    teacher = Teacher(page)
    started = time.monotonic()

    page.goto(live_server.url + "/admin/")
    teacher.type(page.get_by_label("Username"), user.username, "username")
    teacher.type(page.get_by_label("Password"), "correct-horse-battery", "password")
    teacher.click(page.get_by_role("button", name="Log in"), "Log in")

    # The admin's home page lists "Documents  + Add".
    teacher.click(
        page.locator("tr.model-document").get_by_role("link", name="Add"), "Add (document)"
    )
    teacher.choose_file(page.get_by_label("File"), DEMO_TEXT_PATH, "the demo article")
    # No title typed: the article's first line is a long sentence, so the file's name is used.
    teacher.type(page.get_by_label("Publication date"), DEMO_PUBLISHED_ON.isoformat(), "date")
    teacher.click(
        page.get_by_role("button", name="Upload and generate questions"), "Upload and generate"
    )

    # The page refreshes by itself until generation is over; the test waits as a teacher would.
    page.locator('.qg-status[data-status="ready"]').wait_for(timeout=120_000)
    generated_at = time.monotonic()
    document = Document.objects.get()
    assert (document.owner, document.title, document.published_on) == (
        user,
        TITLE,
        DEMO_PUBLISHED_ON,
    )
    # The document page: "Make a quiz of [10] questions". The pick is shown for review.
    teacher.click(page.get_by_role("button", name="Make a quiz"), "Make a quiz")
    page.wait_for_url(re.compile(r"/make-quiz/"))
    picked_ids = [
        int(value)
        for value in page.locator("#qg-picked input[name=question]:checked").evaluate_all(
            "boxes => boxes.map(box => box.value)"
        )
    ]
    # Ten on distinct facts: the recommended questions first; too few of them are on distinct
    # facts with none giving another away, so the page says the rest came from the other
    # questions without defects.
    assert len(picked_ids) == QUICK_QUIZ_SIZE
    summary = page.locator("#qg-pick-summary p").all_inner_texts()
    recommended = Question.objects.filter(pk__in=picked_ids, recommended=True).count()
    assert summary[0] == QUIZ_PICK_FOUND.format(picked=QUICK_QUIZ_SIZE, count=QUICK_QUIZ_SIZE)
    assert summary[1:] == (
        [QUIZ_PICK_TOPPED_UP.format(preferred=recommended, others=QUICK_QUIZ_SIZE - recommended)]
        if recommended < QUICK_QUIZ_SIZE
        else []
    )
    teacher.click(page.get_by_role("button", name="Create and publish"), "Create and publish")
    page.wait_for_url(re.compile(r"/admin/learning/quiz/\d+/change/"))
    shown = page.locator("ul.messagelist .success").all_inner_texts()
    finished = time.monotonic()

    quiz = Quiz.objects.get()
    assert [text.strip() for text in shown] == [
        QUIZ_CREATED.format(quiz=quiz.title, count=len(picked_ids)),
        QUIZ_PUBLISHED.format(quiz=quiz.title),
    ]
    assert quiz.is_published and quiz.owner == user
    questions = list(quiz.questions.prefetch_related("facts"))
    assert sorted(q.pk for q in questions) == sorted(picked_ids)
    assert {q.status for q in questions} == {Question.Status.APPROVED}
    # Distinct facts, and no prompt holding another question's answer.
    facts = [fact.pk for question in questions for fact in question.facts.all()]
    assert len(facts) == len(set(facts))
    for question in questions:
        others = [other for other in questions if other != question]
        assert quiz_pick_conflict(question=question, chosen=others) == ""
    kinds = {question.kind for question in questions}
    assert len(kinds) >= 2

    clicks = sum(1 for action in teacher.actions if action.startswith("click"))
    print(
        f"\nNew article to a published {len(questions)}-question quiz: {len(teacher.actions)} "
        f"actions ({clicks} clicks, {len(teacher.actions) - clicks} fields or files) in "
        f"{finished - started:.1f} s (generation included, ready after "
        f"{generated_at - started:.1f} s), kinds {sorted(kinds)}: " + "; ".join(teacher.actions)
    )
    assert len(teacher.actions) <= 12


def test_the_document_page_refreshes_itself_when_generation_ends(live_server, page):
    from quizgen.tests.factories import DocumentFactory

    user = TeacherFactory(username="mr-abara")
    document = DocumentFactory(owner=user, status=Document.Status.PROCESSING)
    page.goto(live_server.url + f"/admin/quizgen/document/{document.pk}/change/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    page.locator('.qg-status[data-status="processing"]').wait_for()
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.FAILED, error_message="Question generation failed: test."
    )
    # No reload by the test: the page's own polling notices the change.
    page.locator('.qg-status[data-status="failed"]').wait_for(timeout=10_000)
    assert "Question generation failed: test." in page.content()


def test_dragging_a_question_row_reorders_the_quiz(live_server, page):
    from learning import services as learning_services
    from quizgen.tests.factories import DocumentFactory, QuestionFactory

    user = TeacherFactory(username="ms-lind")
    document = DocumentFactory(owner=user)
    first, second, third = (QuestionFactory(document=document) for _ in range(3))
    quiz = learning_services.quiz_create(
        owner=user, title="Reorder me", questions=[first, second, third]
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + f"/admin/learning/quiz/{quiz.pk}/change/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    rows = page.locator(".tabular.inline-related tbody tr.form-row.has_original")
    rows.nth(2).drag_to(rows.nth(0), target_position={"x": 5, "y": 2})
    page.get_by_role("button", name="Save", exact=True).click()
    page.locator("ul.messagelist").wait_for()
    assert list(quiz.quiz_questions.values_list("question_id", "position")) == [
        (third.pk, 1),
        (first.pk, 2),
        (second.pk, 3),
    ]


def test_the_quiz_page_fits_a_laptop_screen_with_every_column(live_server, page):
    from learning import services as learning_services
    from quizgen.tests.factories import DocumentFactory, QuestionFactory

    user = TeacherFactory(username="ms-okafor")
    document = DocumentFactory(owner=user, title="A rather long title " * 6)
    long_prompt = "Which of the organisations named in the third paragraph " * 3 + "?"
    questions = [QuestionFactory(document=document, prompt=long_prompt) for _ in range(4)]
    quiz = learning_services.quiz_create(owner=user, title="Wide", questions=questions)
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(live_server.url + f"/admin/learning/quiz/{quiz.pk}/change/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    page.locator(".tabular.inline-related").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    # Every column of the question list is inside the window, the last one included.
    header = page.locator(".tabular.inline-related thead th").last
    box = header.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1366


def test_keys_on_the_question_page_reject_and_move_on(live_server, page):
    from quizgen.tests.factories import DocumentFactory, QuestionFactory

    user = TeacherFactory(username="mr-keys")
    document = DocumentFactory(owner=user)
    first = QuestionFactory(document=document, score=0.9, status=Question.Status.DRAFT)
    second = QuestionFactory(document=document, score=0.8, status=Question.Status.DRAFT)
    third = QuestionFactory(document=document, score=0.7, status=Question.Status.DRAFT)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + f"/admin/quizgen/question/{first.pk}/change/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(rf"/question/{first.pk}/change/"))
    # The keys' script closes the page: a key pressed before it runs does nothing.
    page.wait_for_load_state("load")
    page.keyboard.press("n")
    page.wait_for_url(re.compile(rf"/question/{second.pk}/change/"))
    page.keyboard.press("r")
    page.wait_for_url(re.compile(rf"/question/{third.pk}/change/"))
    page.keyboard.press("p")
    page.wait_for_url(re.compile(rf"/question/{second.pk}/change/"))
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, second.status) == (Question.Status.DRAFT, Question.Status.REJECTED)


def test_review_by_fact_switches_kinds_in_place(live_server, page):
    from quizgen.tests.factories import DocumentFactory, FactFactory, QuestionFactory

    user = TeacherFactory(username="ms-variants")
    document = DocumentFactory(owner=user)
    fact = FactFactory(document=document)
    sentence = {"source_sentence": fact.sentence, "status": Question.Status.DRAFT}
    choice = QuestionFactory(document=document, score=0.9, **sentence)
    true_false = QuestionFactory(
        document=document,
        kind=Question.Kind.TRUE_FALSE,
        prompt="The Soviet Union invaded Afghanistan in 1979.",
        options=[{"text": "True", "correct": True}, {"text": "False", "correct": False}],
        score=0.8,
        **sentence,
    )
    for question in (choice, true_false):
        question.facts.add(fact)
    url = f"/admin/quizgen/document/{document.pk}/review/"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + url)
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    page.locator(".qg-prompt", has_text=choice.prompt).wait_for()
    page.evaluate("window.qgNotReloaded = true")

    page.get_by_role("link", name="True/false").click()

    assert page.locator(".qg-prompt", has_text=true_false.prompt).is_visible()
    assert not page.locator(".qg-prompt", has_text=choice.prompt).is_visible()
    assert page.evaluate("window.qgNotReloaded") is True  # no page load
    assert page.url.endswith(f"{url}?show={true_false.pk}#g-{choice.pk}")
    page.get_by_role("link", name="Multiple choice").click()
    assert page.locator(".qg-prompt", has_text=choice.prompt).is_visible()
    assert page.evaluate("window.qgNotReloaded") is True
    # The shown variant's buttons act on it: approving the true/false one after switching.
    page.get_by_role("link", name="True/false").click()
    page.locator(f'[data-panel="{true_false.pk}"]').get_by_role("button", name="Approve").click()
    page.wait_for_url(re.compile(rf"show={true_false.pk}"))
    true_false.refresh_from_db()
    choice.refresh_from_db()
    assert (true_false.status, choice.status) == (Question.Status.APPROVED, Question.Status.DRAFT)
