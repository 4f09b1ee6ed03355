"""Inside the LMS: Chromium opens the test platform's course page, which frames Quizgen at its
login URL; the login, the platform's authentication and the signed launch run in the frame.
The page fixture fails a test on any Content-Security-Policy refusal (a refused frame
included).

The platform listens on 127.0.0.1. Framing Quizgen by that same host name keeps the frame
same-site, where the browser keeps Quizgen's cookies (as it does across sites for cookies
marked SameSite=None; Secure over HTTPS, see lti.middleware); framing it as `localhost` makes
Quizgen a third-party site whose plain-HTTP cookies the browser refuses, which is how a
browser blocking third-party cookies behaves.
"""

import pytest
from lti_tool.models import LtiUser
from playwright.sync_api import expect

from learning.models import Attempt
from learning.tests.factories import QuizFactory
from lti.tests.conftest import platform  # noqa: F401  (the LMS, running)
from lti.tests.platform import INSTRUCTOR, LEARNER

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _placed_quiz(platform):  # noqa: F811
    platform.launch(sub="teacher-1", roles=[INSTRUCTOR])
    teacher = LtiUser.objects.get(sub="teacher-1").auth_user
    quiz = QuizFactory(owner=teacher, title="Week 1", question_count=2)
    platform.browser_launch = {
        "sub": "student-1",
        "roles": [LEARNER],
        "quiz": quiz,
        "line_item": "week-1",
    }
    return quiz


def _take(tool, quiz) -> None:
    tool.get_by_role("button", name="Start the quiz").click()
    questions = list(quiz.quiz_questions.order_by("position").values_list("question", flat=True))
    tool.locator(f'input[name="q-{questions[0]}"][value="1979"]').check()
    tool.locator(f'input[name="q-{questions[1]}"][value="1983"]').check()
    tool.get_by_role("button", name="Finish and submit…").click()
    tool.get_by_role("button", name="Submit answers").click()
    expect(tool.get_by_text("You scored")).to_contain_text("1 out of 2")


def test_a_student_takes_a_graded_quiz_inside_the_lms_frame(platform, page):  # noqa: F811
    quiz = _placed_quiz(platform)
    platform.move_tool(platform.tool_url.replace("localhost", "127.0.0.1"))
    page.goto(f"{platform.url}/course")
    expect(page.get_by_role("heading", name="History 7B")).to_be_visible()
    tool = page.frame_locator("#tool")
    expect(tool.get_by_role("heading", name="Week 1")).to_be_visible()
    _take(tool, quiz)
    attempt = Attempt.objects.get(quiz=quiz)
    assert (attempt.student.lti_users.get().sub, attempt.score) == ("student-1", 1.0)
    assert [(s["userId"], s["scoreGiven"], s["scoreMaximum"]) for s in platform.scores] == [
        ("student-1", 1.0, 2.0)
    ]


def test_where_the_frame_cannot_keep_cookies_quizgen_opens_in_a_new_window(
    platform,  # noqa: F811
    page,
):
    quiz = _placed_quiz(platform)
    page.goto(f"{platform.url}/course")
    tool = page.frame_locator("#tool")
    blocked = tool.get_by_text("Your browser blocks cookies inside the course page")
    expect(blocked).to_be_visible()
    with page.expect_popup() as opened:
        tool.get_by_role("link", name="Open Quizgen in a new window.").click()
    window = opened.value
    expect(window.get_by_role("heading", name="Week 1")).to_be_visible()
    _take(window, quiz)
    assert [(s["userId"], s["scoreGiven"]) for s in platform.scores] == [("student-1", 1.0)]
