"""The modules API: what students see (never a quiz answer), reviews, progress, authorisation."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from learning.tests.factories import QuizFactory, QuizQuestionFactory
from modules import services
from modules.models import Module
from modules.tests.factories import module_with_towns
from quizgen.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db

MATERIALS_QUERIES = 4
PROGRESS_QUERIES = 4
DUE_QUERIES = 8


@pytest.fixture
def api(student):
    client = APIClient()
    client.force_authenticate(student)
    return client


@pytest.fixture
def quiz():
    quiz = QuizFactory()
    QuizQuestionFactory(
        quiz=quiz,
        question=QuestionFactory(
            prompt="Who counted 10 houses in 1900?",
            options=[
                {"text": "Town0", "correct": True},
                {"text": "Nowhere", "correct": False},
            ],
            accepted_answers=["Town0"],
            explanation="Secret explanation",
        ),
    )
    return quiz


def test_students_list_published_modules_only(api, student):
    shown = module_with_towns(assigned_to=[student], towns=2)
    hidden = module_with_towns(assigned_to=[student], towns=1)
    Module.objects.filter(pk=hidden.pk).update(is_published=False)
    body = api.get(reverse("api:module-list")).json()
    assert [row["id"] for row in body["results"]] == [shown.pk]
    assert body["results"][0]["flashcard_count"] == 6
    assert body["results"][0]["document_count"] == 1
    assert api.get(reverse("api:module-detail", args=[hidden.pk])).status_code == 404


def test_module_detail_describes_the_quiz_without_its_answers(api, student, quiz):
    module = module_with_towns(assigned_to=[student], towns=1, quiz=quiz)
    response = api.get(reverse("api:module-detail", args=[module.pk]))
    body = response.json()
    assert body["quiz"] == {
        "id": quiz.pk,
        "title": quiz.title,
        "pass_mark": quiz.pass_mark,
        "question_count": 1,
    }
    assert [document["title"] for document in body["documents"]] == ["Towns from 1900"]
    raw = response.content.decode()
    for secret in ["correct", "Secret explanation", "accepted", "Nowhere"]:
        assert secret not in raw


@pytest.mark.parametrize("towns", [2, 40])
def test_materials_cost_the_same_whatever_the_size(api, student, towns, django_assert_num_queries):
    module = module_with_towns(assigned_to=[student], towns=towns)
    with django_assert_num_queries(MATERIALS_QUERIES):
        body = api.get(reverse("api:module-materials", args=[module.pk])).json()
    assert len(body["timeline"]) == towns
    assert body["timeline"][0] == {
        "when": "1900",
        "words": "1900",
        "event": "",
        "sentence": "In 1900, Town0 counted 10 houses.",
        "document_id": module.documents.get().pk,
    }
    assert body["key_figures"][1]["value"] == "20"
    assert body["key_figures"][1]["counted"] == "houses"
    assert len(body["whos_who"]) == towns
    assert len(body["flashcards"]) == 3 * towns


def test_a_switched_off_section_is_null(api, student):
    module = module_with_towns(assigned_to=[student], towns=1, show_key_figures=False)
    body = api.get(reverse("api:module-materials", args=[module.pk])).json()
    assert body["key_figures"] is None and len(body["timeline"]) == 1


@pytest.mark.parametrize("towns", [2, 40])
def test_due_flashcards_then_a_review(api, student, towns, django_assert_num_queries):
    module = module_with_towns(assigned_to=[student], towns=towns)
    api.get(reverse("api:module-flashcards-due", args=[module.pk]))
    with django_assert_num_queries(DUE_QUERIES):
        due = api.get(reverse("api:module-flashcards-due", args=[module.pk])).json()
    assert len(due) == 3 * towns
    card = due[0]
    assert set(card) == {"id", "front", "back", "sentence", "due", "review_count"}
    response = api.post(
        reverse("api:module-flashcard-review", args=[module.pk, card["id"]]),
        {"rating": 3},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["review_count"] == 1
    assert len(api.get(reverse("api:module-flashcards-due", args=[module.pk])).json()) == (
        3 * towns - 1
    )
    with django_assert_num_queries(PROGRESS_QUERIES):
        progress = api.get(reverse("api:module-progress", args=[module.pk])).json()
    assert (progress["status"], progress["flashcards_reviewed"]) == ("studying", 1)
    assert progress["flashcards_due"] == 3 * towns - 1


def test_a_review_with_a_bad_rating_is_refused(api, student):
    module = module_with_towns(assigned_to=[student], towns=1)
    card = module.flashcards.first()
    response = api.post(
        reverse("api:module-flashcard-review", args=[module.pk, card.pk]),
        {"rating": 9},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert "rating" in body.get("error", {}).get("fields", body)


def test_a_card_of_another_module_is_not_found(api, student):
    module = module_with_towns(assigned_to=[student], towns=1)
    other = module_with_towns(assigned_to=[student], towns=1)
    response = api.post(
        reverse("api:module-flashcard-review", args=[module.pk, other.flashcards.first().pk]),
        {"rating": 3},
        format="json",
    )
    assert response.status_code == 404


def test_class_progress_is_for_the_modules_teacher_only(api, student):
    module = module_with_towns(assigned_to=[student], towns=1)
    services.module_start(module=module, student=student)
    assert api.get(reverse("api:module-class-progress", args=[module.pk])).status_code == 403
    teacher = APIClient()
    teacher.force_authenticate(module.owner)
    rows = teacher.get(reverse("api:module-class-progress", args=[module.pk])).json()
    assert [(row["student"], row["status"]) for row in rows] == [("student-one", "studying")]


def test_anonymous_requests_are_refused():
    module = module_with_towns(towns=1)
    assert APIClient().get(reverse("api:module-detail", args=[module.pk])).status_code in (
        401,
        403,
    )
