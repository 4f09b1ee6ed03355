"""Deep linking against lti1p3platform: a teacher adding an activity in the LMS picks a
published quiz; the signed LtiDeepLinkingResponse goes back to the platform, which validates
it; the link it makes later lands a student in that quiz, graded."""

from __future__ import annotations

import html
import re

import pytest
from lti_tool.models import LtiUser

from learning.tests.factories import QuizFactory
from lti import services, views
from lti.models import Placement
from lti.tests.platform import INSTRUCTOR, LEARNER, csp
from modules.tests.factories import ModuleFactory
from quizgen.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _form(page: str, form_id: str) -> tuple[str, dict]:
    """The action and the fields of one form of a page."""
    form = re.search(rf'<form [^>]*id="{form_id}"[^>]*>(.*?)</form>', page, re.S)
    assert form, page[:500]
    action = re.search(r'action="([^"]*)"', form.group(0))
    fields = {
        name: html.unescape(value)
        for name, value in re.findall(
            r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(1)
        )
    }
    return (html.unescape(action.group(1)) if action else ""), fields


def _open_picker(platform):
    browser, launch, _ = platform.launch(sub="teacher-1", roles=[INSTRUCTOR], deep_link=True)
    assert launch.status_code == 302
    assert launch.headers["Location"] == "/lti/deep-link/"
    picker = browser.get(platform.live + "/lti/deep-link/")
    assert picker.status_code == 200
    return browser, picker


def test_a_teacher_places_a_graded_quiz_that_then_opens_for_a_student(platform):
    # The teacher's account exists from an earlier launch; their quizzes and modules:
    platform.launch(sub="teacher-1", roles=[INSTRUCTOR])
    teacher = LtiUser.objects.get(sub="teacher-1").auth_user
    quiz = QuizFactory(owner=teacher, title="Week 1", question_count=3)
    QuizFactory(owner=teacher, title="Draft", is_published=False, question_count=1)
    QuizFactory(owner=TeacherFactory(), title="Someone else's", question_count=1)
    ModuleFactory(owner=teacher, title="Unit 1", is_published=True)

    browser, picker = _open_picker(platform)
    offered = re.findall(r'name="item" value="[^"]+" required> ([^<]+)</label>', picker.text)
    assert offered == ["Week 1", "Unit 1"]
    # Framed by the LMS, like every page of a launched session.
    assert "X-Frame-Options" not in picker.headers

    _, fields = _form(picker.text, "deep-link-choices")
    chosen = browser.post(
        platform.live + "/lti/deep-link/",
        data={"item": f"quiz-{quiz.pk}", "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
    )
    assert chosen.status_code == 200
    assert csp(chosen.headers)["form-action"] == f"'self' {platform.url}"
    action, answer = _form(chosen.text, "deep-link-return")
    assert action == f"{platform.url}/deep-link-return"
    saved = browser.post(action, data=answer)
    assert (saved.status_code, platform.deep_link_errors) == (200, [])
    assert platform.content_items == [
        {
            "type": "ltiResourceLink",
            "title": "Week 1",
            "url": f"{platform.live}/lti/launch/",
            "custom": {"quiz": str(quiz.pk)},
            "lineItem": {"scoreMaximum": 3.0, "label": "Week 1", "resourceId": f"quiz-{quiz.pk}"},
        }
    ]

    # The LMS's new link, with the item's custom parameters and its gradebook column.
    item = platform.content_items[0]
    _, launch, _ = platform.launch(
        sub="student-1",
        roles=[LEARNER],
        link_id="placed-link",
        custom=item["custom"],
        line_item="placed-column",
    )
    assert launch.status_code == 302
    assert launch.headers["Location"] == f"/quizzes/{quiz.pk}/"
    placement = Placement.objects.get(resource_link__id_on_platform="placed-link")
    assert (placement.quiz, placement.line_item_url) == (
        quiz,
        f"{platform.url}/lineitems/placed-column",
    )


def test_a_module_is_placed_without_a_gradebook_column(platform):
    platform.launch(sub="teacher-1", roles=[INSTRUCTOR])
    teacher = LtiUser.objects.get(sub="teacher-1").auth_user
    module = ModuleFactory(owner=teacher, title="Unit 1", is_published=True)
    browser, picker = _open_picker(platform)
    chosen = browser.post(
        platform.live + "/lti/deep-link/",
        data={"item": f"module-{module.pk}", "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
    )
    action, answer = _form(chosen.text, "deep-link-return")
    assert browser.post(action, data=answer).status_code == 200
    assert [(i["title"], i["custom"], "lineItem" in i) for i in platform.content_items] == [
        ("Unit 1", {"module": str(module.pk)}, False)
    ]


def test_another_teachers_quiz_cannot_be_placed(platform):
    other = QuizFactory(owner=TeacherFactory(), title="Someone else's", question_count=1)
    browser, _ = _open_picker(platform)
    chosen = browser.post(
        platform.live + "/lti/deep-link/",
        data={"item": f"quiz-{other.pk}", "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
    )
    assert chosen.status_code == 400
    assert services.NOT_YOURS_TO_PLACE in chosen.text
    assert 'id="deep-link-return"' not in chosen.text


def test_a_student_cannot_add_activities(platform):
    _, launch, _ = platform.launch(sub="student-1", roles=[LEARNER], deep_link=True)
    assert launch.status_code == 403
    assert services.DEEP_LINK_TEACHERS_ONLY in launch.text


def test_the_picker_needs_a_deep_linking_launch(platform, client):
    client.force_login(TeacherFactory())
    page = client.get("/lti/deep-link/")
    assert page.status_code == 400
    assert html.unescape(page.content.decode()).count(views.NO_DEEP_LINK_LAUNCH) == 1
