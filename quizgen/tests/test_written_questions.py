"""Questions written by hand, of every kind, in the admin and through the API."""

import pytest
from django.urls import reverse

from api.tests.conftest import client_for
from quizgen import admin as quizgen_admin
from quizgen import services
from quizgen.models import Question
from quizgen.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:quizgen_question_add")

# (kind, form fields, what is saved: options, accepted answers, answer)
KINDS = [
    (
        "multiple_choice",
        {"options_text": "1975\n*1979\n1983"},
        (
            [
                {"text": "1975", "correct": False},
                {"text": "1979", "correct": True},
                {"text": "1983", "correct": False},
            ],
            ["1979"],
            None,
        ),
    ),
    (
        "true_false",
        {"options_text": "True\n*False"},
        ([{"text": "True", "correct": False}, {"text": "False", "correct": True}], ["False"], None),
    ),
    ("fill_blank", {"accepted_answers_text": "Kabul\nKaboul"}, ([], ["Kabul", "Kaboul"], None)),
    ("short_answer", {"accepted_answers_text": "Lavrov"}, ([], ["Lavrov"], None)),
    (
        "numeric",
        {"value": "149", "tolerance": "0"},
        ([], [], {"value": 149.0, "tolerance": 0.0}),
    ),
    (
        "ordering",
        {"items_text": "1979\n1989\n2021"},
        (
            [
                {"text": "1989", "correct": False},
                {"text": "2021", "correct": False},
                {"text": "1979", "correct": False},
            ],
            [],
            ["1979", "1989", "2021"],
        ),
    ),
    (
        "matching",
        {"items_text": "Lavrov = foreign minister\nPutin = president"},
        (
            [
                {"text": "president", "correct": False},
                {"text": "foreign minister", "correct": False},
            ],
            [],
            [["Lavrov", "foreign minister"], ["Putin", "president"]],
        ),
    ),
]


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


@pytest.mark.parametrize(("kind", "fields", "saved"), KINDS, ids=[k[0] for k in KINDS])
def test_a_question_of_each_kind_written_in_the_admin(teacher_client, teacher, kind, fields, saved):
    document = DocumentFactory(owner=teacher)
    response = teacher_client.post(
        ADD_URL,
        {"document": document.pk, "kind": kind, "prompt": "Which one?", **fields},
        follow=True,
    )
    question = Question.objects.get()
    assert (question.options, question.accepted_answers, question.answer) == saved
    assert (question.document, question.kind, question.status, question.edited_by_human) == (
        document,
        kind,
        Question.Status.DRAFT,
        True,
    )
    expected = (
        quizgen_admin.DEFECT_CHECK_FOUND.format(defects=", ".join(question.defects))
        if question.defects
        else quizgen_admin.QUESTION_WRITTEN
    )
    assert [str(m) for m in response.context["messages"]] == [expected]
    assert response.redirect_chain[-1][0] == reverse(
        "admin:quizgen_question_change", args=[question.pk]
    )


@pytest.mark.parametrize(
    ("kind", "fields", "field", "message"),
    [
        ("multiple_choice", {"options_text": "1975\n1979"}, "options_text",
         services.QUESTION_NEEDS_ONE_CORRECT),
        ("fill_blank", {}, "accepted_answers_text", services.ACCEPTED_ANSWER_REQUIRED),
        ("numeric", {"value": "149"}, "tolerance", services.NUMERIC_TOLERANCE_REQUIRED),
        ("matching", {"items_text": "Lavrov\nPutin = president"}, "items_text",
         services.QUESTION_ANSWER_SHAPE["matching"]),
    ],
)  # fmt: skip
def test_a_written_question_is_validated_like_an_edit(
    teacher_client, teacher, kind, fields, field, message
):
    document = DocumentFactory(owner=teacher)
    response = teacher_client.post(
        ADD_URL, {"document": document.pk, "kind": kind, "prompt": "Which one?", **fields}
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Question.objects.count() == 0


def test_another_teachers_document_is_not_offered(teacher_client):
    document = DocumentFactory()
    response = teacher_client.post(
        ADD_URL, {"document": document.pk, "kind": "short_answer", "prompt": "Who?"}
    )
    assert "document" in response.context["form"].errors
    assert Question.objects.count() == 0


def test_a_question_written_through_the_api(teacher):
    document = DocumentFactory(owner=teacher)
    response = client_for(teacher).post(
        "/api/v1/questions/create/",
        {
            "document": document.pk,
            "kind": "multiple_choice",
            "prompt": "When did the talks begin?",
            "options": [{"text": "1979", "correct": True}, {"text": "1989", "correct": False}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["status"], body["edited_by_human"]) == (
        "multiple_choice",
        "draft",
        True,
    )
    refused = client_for(teacher).post(
        "/api/v1/questions/create/",
        {"document": document.pk, "kind": "short_answer", "prompt": "Who?"},
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {
        "accepted_answers": [services.ACCEPTED_ANSWER_REQUIRED]
    }


def test_a_written_question_is_not_checked_against_a_sentence_it_lacks(teacher):
    """No source sentence: no "answer not in source"; three options are a teacher's choice."""
    question = services.question_create(
        document=DocumentFactory(owner=teacher),
        author=teacher,
        kind="multiple_choice",
        prompt="In which year did the Soviet Union invade Afghanistan?",
        options=[
            {"text": "1979", "correct": True},
            {"text": "1983", "correct": False},
            {"text": "1975", "correct": False},
        ],
    )
    assert question.defects == []
