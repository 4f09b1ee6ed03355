"""Tags on questions: set in the admin and the API, filtering the question list (which is also
the quiz's question picker) and the API's list; imported categories become tags."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from api.tests.conftest import client_for
from quizgen import admin as quizgen_admin
from quizgen import services
from quizgen.models import Question
from quizgen.tests.factories import DocumentFactory, QuestionFactory, TeacherFactory

pytestmark = pytest.mark.django_db

QUESTIONS_URL = reverse("admin:quizgen_question_changelist")


def _names(question) -> list[str]:
    return sorted(question.tags.names())


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def test_tags_are_folded_and_deduplicated(teacher):
    question = QuestionFactory(document=DocumentFactory(owner=teacher))
    services.question_set_tags(question=question, tags=["  Chapter   4 ", "chapter 4", "dates", ""])
    assert _names(question) == ["Chapter 4", "dates"]
    services.question_set_tags(question=question, tags=["dates"])
    assert _names(question) == ["dates"]


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        (
            ["x" * 101],
            services.TAG_TOO_LONG.format(limit=100, tag="x" * 40 + "…"),
        ),
        ([f"t{n}" for n in range(21)], services.TOO_MANY_TAGS.format(limit=20)),
    ],
    ids=["too-long", "too-many"],
)
def test_a_bad_set_of_tags_is_refused(teacher, tags, message):
    question = QuestionFactory(document=DocumentFactory(owner=teacher))
    question.tags.add("kept")
    with pytest.raises(ValidationError) as refused:
        services.question_set_tags(question=question, tags=tags)
    assert refused.value.messages == [message]
    assert _names(question) == ["kept"]


def _edit_data(question, **fields):
    data = {
        "prompt": question.prompt,
        "explanation": question.explanation,
        "difficulty": question.difficulty,
        "options-TOTAL_FORMS": str(len(question.options)),
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
        "_continue": "Save",
    }
    for index, option in enumerate(question.options):
        data[f"options-{index}-text"] = option["text"]
        if option["correct"]:
            data[f"options-{index}-correct"] = "on"
    data.update(fields)
    return data


def test_the_question_page_sets_the_tags(teacher_client, teacher):
    question = QuestionFactory(document=DocumentFactory(owner=teacher))
    question.tags.add("old")
    url = reverse("admin:quizgen_question_change", args=[question.pk])
    page = teacher_client.get(url).content.decode()
    assert 'name="tags_text" value="old"' in page
    teacher_client.post(url, _edit_data(question, tags_text="Chapter 4, dates"))
    assert _names(question) == ["Chapter 4", "dates"]
    question.refresh_from_db()
    assert question.edited_by_human is False  # only the tags changed


def test_the_question_page_refuses_a_tag_too_long(teacher_client, teacher):
    question = QuestionFactory(document=DocumentFactory(owner=teacher))
    url = reverse("admin:quizgen_question_change", args=[question.pk])
    response = teacher_client.post(url, _edit_data(question, tags_text="y" * 101))
    assert response.status_code == 200
    message = services.TAG_TOO_LONG.format(limit=100, tag="y" * 40 + "…")
    assert message in response.content.decode()
    assert _names(question) == []


def test_the_question_list_filters_by_tag_and_offers_only_ones_own(teacher_client, teacher):
    document = DocumentFactory(owner=teacher)
    dated, other = QuestionFactory(document=document), QuestionFactory(document=document)
    dated.tags.add("Dates")
    QuestionFactory(document=DocumentFactory(owner=TeacherFactory())).tags.add("Secret")

    page = teacher_client.get(QUESTIONS_URL)
    shown = [choice["display"] for choice in _tag_choices(page)]
    assert shown == ["All", "Dates"]

    filtered = teacher_client.get(QUESTIONS_URL, {"tag": "dates"})
    assert [q.pk for q in filtered.context["cl"].result_list] == [dated.pk]
    searched = teacher_client.get(QUESTIONS_URL, {"q": "Dates"})
    assert [q.pk for q in searched.context["cl"].result_list] == [dated.pk]
    assert other.pk not in [q.pk for q in filtered.context["cl"].result_list]


def _tag_choices(page):
    (spec,) = [spec for spec in page.context["cl"].filter_specs if spec.title == "tag"]
    return list(spec.choices(page.context["cl"]))


def test_the_bulk_action_tags_the_selected_questions(teacher_client, teacher):
    document = DocumentFactory(owner=teacher)
    first, second, third = (QuestionFactory(document=document) for _ in range(3))
    response = teacher_client.post(
        QUESTIONS_URL,
        {"action": "tag_selected", "_selected_action": [first.pk, second.pk], "tag": " Unit 2 "},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        quizgen_admin.TAGGED.format(count=2, tag="Unit 2")
    ]
    assert (_names(first), _names(second), _names(third)) == (["Unit 2"], ["Unit 2"], [])


def test_a_question_written_in_the_admin_gets_its_tags(teacher_client, teacher):
    document = DocumentFactory(owner=teacher)
    teacher_client.post(
        reverse("admin:quizgen_question_add"),
        {
            "document": document.pk,
            "kind": "short_answer",
            "prompt": "Who chaired the committee?",
            "accepted_answers_text": "Ada",
            "tags_text": "people, Unit 2",
        },
    )
    assert _names(Question.objects.get(document=document)) == ["Unit 2", "people"]


def test_the_api_shows_sets_and_filters_by_tags(teacher):
    api = client_for(teacher)
    document = DocumentFactory(owner=teacher)
    first, second = QuestionFactory(document=document), QuestionFactory(document=document)
    first.tags.add("dates", "Afghanistan")

    listed = api.get(reverse("api:question-list"), {"tag": "DATES"}).json()
    assert [(row["id"], row["tags"]) for row in listed["results"]] == [
        (first.pk, ["Afghanistan", "dates"])
    ]

    edited = api.patch(
        reverse("api:question-edit", args=[second.pk]), {"tags": ["Unit 2"]}, format="json"
    )
    assert edited.status_code == 200
    assert edited.json()["tags"] == ["Unit 2"]
    second.refresh_from_db()
    assert second.edited_by_human is False

    created = api.post(
        reverse("api:question-create"),
        {
            "document": document.pk,
            "kind": "short_answer",
            "prompt": "Who met?",
            "accepted_answers": ["The committee"],
            "tags": ["people"],
        },
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["tags"] == ["people"]


def test_imported_categories_become_tags(teacher):
    bank = services.question_bank_import(
        owner=teacher,
        name="history.gift",
        content=(
            b"$CATEGORY: $course$/top/History/Treaties\n\n::A::Which year?{=1648 ~1748}\n\n"
            b"$CATEGORY: $course$/top/History/Wars\n\n::B::Which war?{=Thirty Years ~Seven Years}"
        ),
    )
    tags = {q.prompt: _names(q) for q in bank.questions.all()}
    assert tags == {"Which year?": ["History/Treaties"], "Which war?": ["History/Wars"]}


# Tags in the question's history: the history cannot follow taggit's relation, so each change
# is a history row of its own, its change reason naming what was added and removed.


def _history(question) -> list[tuple[str, str, str | None]]:
    return [
        (row.history_type, row.history_change_reason, getattr(row.history_user, "username", None))
        for row in question.history.order_by("history_date", "history_id")
    ]


def test_a_change_of_tags_on_the_question_page_shows_in_its_history(teacher_client, teacher):
    question = QuestionFactory(document=DocumentFactory(owner=teacher))
    question.tags.add("old")
    url = reverse("admin:quizgen_question_change", args=[question.pk])
    teacher_client.post(url, _edit_data(question, tags_text="Chapter 4, dates"))
    # Saving again with the same tags (in another case) changes nothing, so adds no row.
    teacher_client.post(url, _edit_data(question, tags_text="dates, chapter 4"))

    assert _history(question) == [
        ("+", None, None),
        ("~", "Tags added: “Chapter 4”, “dates”; Tags removed: “old”", teacher.username),
    ]
    page = teacher_client.get(reverse("admin:quizgen_question_history", args=[question.pk]))
    assert "Tags added: “Chapter 4”, “dates”; Tags removed: “old”" in page.content.decode()


def test_tags_set_through_the_api_the_bulk_action_and_an_edit_are_in_the_history(
    teacher_client, teacher
):
    document = DocumentFactory(owner=teacher)
    first, second = QuestionFactory(document=document), QuestionFactory(document=document)
    api = client_for(teacher)
    api.patch(reverse("api:question-edit", args=[first.pk]), {"tags": ["Unit 2"]}, format="json")
    teacher_client.post(
        QUESTIONS_URL,
        {"action": "tag_selected", "_selected_action": [first.pk, second.pk], "tag": "unit 2"},
    )
    services.question_edit(question=second, editor=teacher, prompt="Which year?", tags=[])

    assert _history(first) == [("+", None, None), ("~", "Tags added: “Unit 2”", teacher.username)]
    assert _history(second) == [
        ("+", None, None),
        # The tag as it is already known ("Unit 2"), not as typed.
        ("~", "Tags added: “Unit 2”", teacher.username),
        ("~", f"Edited by {teacher}", None),
        ("~", "Tags removed: “Unit 2”", teacher.username),
    ]


def test_a_question_written_with_tags_has_them_in_its_history(teacher):
    question = services.question_create(
        document=DocumentFactory(owner=teacher),
        author=teacher,
        kind="short_answer",
        prompt="Who met?",
        accepted_answers=["The committee"],
        tags=["people", "Unit 2"],
    )
    assert _history(question) == [
        ("+", f"Written by {teacher}", None),
        ("~", f"Written by {teacher}", None),
        ("~", "Tags added: “people”, “Unit 2”", teacher.username),
    ]
