"""The quiz builder in the admin: questions in order, settings, publishing, ownership."""

import pytest
from django.urls import reverse

from learning import services
from learning.admin import QUIZ_PUBLISHED
from learning.models import Quiz
from learning.tests.factories import QuizFactory, QuizQuestionFactory
from quizgen.models import Question
from quizgen.tests.factories import DocumentFactory, QuestionFactory, TeacherFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:learning_quiz_add")


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _quiz_data(rows, existing=(), **settings):
    """Form data: `rows` are (position, question) pairs; `existing` the saved entries."""
    data = {
        "title": "Week 5 check",
        "description": "",
        "max_attempts": "2",
        "time_limit_minutes": "20",
        "pass_mark": "60",
        "shuffle_questions": "on",
        "shuffle_options": "on",
        "review_mode": Quiz.ReviewMode.AFTER_CLOSE,
        "layout": Quiz.Layout.ONE_PER_PAGE,
        "opens_at_0": "2030-01-01",
        "opens_at_1": "09:00:00",
        "closes_at_0": "2030-01-08",
        "closes_at_1": "17:00:00",
        "quiz_questions-TOTAL_FORMS": str(len(rows)),
        "quiz_questions-INITIAL_FORMS": str(len(existing)),
        "quiz_questions-MIN_NUM_FORMS": "0",
        "quiz_questions-MAX_NUM_FORMS": "1000",
        "_continue": "Save",
    }
    for index, (position, question) in enumerate(rows):
        data[f"quiz_questions-{index}-position"] = str(position)
        data[f"quiz_questions-{index}-question"] = str(question.pk)
        if index < len(existing):
            data[f"quiz_questions-{index}-id"] = str(existing[index].pk)
            data[f"quiz_questions-{index}-quiz"] = str(existing[index].quiz_id)
    data.update(settings)
    return data


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


@pytest.fixture
def questions(teacher):
    document = DocumentFactory(owner=teacher)
    return [QuestionFactory(document=document) for _ in range(3)]


def test_building_a_quiz_with_every_setting_and_ordered_questions(
    teacher_client, teacher, questions
):
    first, second, third = questions
    response = teacher_client.post(ADD_URL, _quiz_data([(2, first), (1, third), (3, second)]))
    assert response.status_code == 302
    quiz = Quiz.objects.get()
    assert quiz.owner == teacher
    assert list(quiz.quiz_questions.values_list("question_id", "position")) == [
        (third.pk, 1),
        (first.pk, 2),
        (second.pk, 3),
    ]
    assert (
        quiz.max_attempts,
        quiz.time_limit_minutes,
        quiz.pass_mark,
        quiz.shuffle_questions,
        quiz.review_mode,
        quiz.layout,
        quiz.opens_at.isoformat(),
        quiz.is_published,
    ) == (2, 20, 60, True, "after_close", "one", "2030-01-01T09:00:00+00:00", False)


def test_reordering_and_removing_on_the_change_page(teacher_client, teacher, questions):
    first, second, third = questions
    quiz = QuizFactory(owner=teacher, is_published=False)
    services.quiz_set_questions(quiz=quiz, questions=[first, second, third])
    entries = list(quiz.quiz_questions.order_by("position"))
    data = _quiz_data([(3, first), (1, second), (2, third)], existing=entries)
    data["quiz_questions-2-DELETE"] = "on"
    response = teacher_client.post(reverse("admin:learning_quiz_change", args=[quiz.pk]), data)
    assert response.status_code == 302
    assert list(quiz.quiz_questions.values_list("question_id", "position")) == [
        (second.pk, 1),
        (first.pk, 2),
    ]


def test_publishing_refuses_unapproved_and_defective_questions_naming_them(
    teacher_client, teacher, questions
):
    first, second, third = questions
    Question.objects.filter(pk=second.pk).update(status=Question.Status.DRAFT)
    Question.objects.filter(pk=third.pk).update(defects=["answer_in_prompt"])
    data = _quiz_data([(1, first), (2, second), (3, third)], _publish="Save and publish")
    response = teacher_client.post(ADD_URL, data, follow=True)
    quiz = Quiz.objects.get()
    assert quiz.is_published is False
    refusal = services.UNAPPROVED_QUESTIONS.format(questions=f"#{second.pk} “{second.prompt}”")
    assert _messages(response) == [f"“{quiz.title}” was saved but not published: {refusal}"]
    Question.objects.filter(pk=second.pk).update(status=Question.Status.APPROVED)
    entries = list(quiz.quiz_questions.order_by("position"))
    data = _quiz_data([(1, first), (2, second), (3, third)], entries, _publish="Publish")
    response = teacher_client.post(
        reverse("admin:learning_quiz_change", args=[quiz.pk]), data, follow=True
    )
    refusal = services.DEFECTIVE_QUESTIONS.format(questions=f"#{third.pk} “{third.prompt}”")
    assert _messages(response) == [f"“{quiz.title}” was saved but not published: {refusal}"]
    Question.objects.filter(pk=third.pk).update(defects=[])
    response = teacher_client.post(
        reverse("admin:learning_quiz_change", args=[quiz.pk]), data, follow=True
    )
    quiz.refresh_from_db()
    assert quiz.is_published is True
    assert _messages(response) == [QUIZ_PUBLISHED.format(quiz=quiz.title)]


def test_a_published_quiz_refuses_a_draft_with_a_message(teacher_client, teacher, questions):
    first, second, _ = questions
    Question.objects.filter(pk=second.pk).update(status=Question.Status.DRAFT)
    quiz = QuizFactory(owner=teacher)
    services.quiz_set_questions(quiz=quiz, questions=[first])
    entries = list(quiz.quiz_questions.all())
    url = reverse("admin:learning_quiz_change", args=[quiz.pk])
    response = teacher_client.post(url, _quiz_data([(1, first), (2, second)], entries), follow=True)
    assert _messages(response) == [
        services.UNAPPROVED_QUESTIONS.format(questions=f"#{second.pk} “{second.prompt}”")
    ]
    assert list(quiz.quiz_questions.values_list("question_id", flat=True)) == [first.pk]
    quiz.refresh_from_db()
    assert quiz.title != "Week 5 check"  # the whole save was rolled back


def test_another_teachers_question_cannot_be_added(teacher_client, questions):
    foreign = QuestionFactory(document=DocumentFactory(owner=TeacherFactory()))
    page = teacher_client.get(ADD_URL)
    offered = page.context["inline_admin_formsets"][0].formset.forms[0].fields["question"]
    assert [value for value, _ in offered.choices if value] == [q.pk for q in questions]
    response = teacher_client.post(ADD_URL, _quiz_data([(1, questions[0]), (2, foreign)]))
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors[1] == {
        "question": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert Quiz.objects.count() == 0


def test_quiz_list_shows_only_own_quizzes(teacher_client, teacher):
    mine = QuizFactory(owner=teacher)
    QuizFactory()
    response = teacher_client.get(reverse("admin:learning_quiz_changelist"))
    assert [quiz.pk for quiz in response.context["cl"].result_list] == [mine.pk]


def test_unpublish_button(teacher_client, teacher):
    quiz = QuizFactory(owner=teacher)
    entry = QuizQuestionFactory(
        quiz=quiz, question=QuestionFactory(document=DocumentFactory(owner=teacher))
    )
    data = _quiz_data([(1, entry.question)], [entry], _unpublish="Unpublish")
    teacher_client.post(reverse("admin:learning_quiz_change", args=[quiz.pk]), data)
    quiz.refresh_from_db()
    assert quiz.is_published is False


def test_attempts_of_other_teachers_quizzes_are_hidden(teacher_client, teacher):
    from learning.tests.factories import AttemptFactory

    mine = AttemptFactory(quiz=QuizFactory(owner=teacher))
    AttemptFactory()
    response = teacher_client.get(reverse("admin:learning_attempt_changelist"))
    assert [attempt.pk for attempt in response.context["cl"].result_list] == [mine.pk]


def test_question_picker_searches_own_drafts_and_approved_questions(
    teacher_client, teacher, questions
):
    first, second, third = questions
    Question.objects.filter(pk=second.pk).update(status=Question.Status.DRAFT)
    Question.objects.filter(pk=third.pk).update(status=Question.Status.REJECTED)
    stale = QuestionFactory(document=first.document, stale=True, status=Question.Status.DRAFT)
    QuestionFactory(document=DocumentFactory())  # another teacher's
    quiz = QuizFactory(owner=teacher, is_published=False)
    services.quiz_set_questions(quiz=quiz, questions=[stale])
    page = teacher_client.get(reverse("admin:learning_quiz_change", args=[quiz.pk]))
    # The stale draft the quiz holds shows as chosen, with its label; the field searches.
    assert (
        f'<option value="{stale.pk}" selected>#{stale.pk} {stale.prompt} '
        f"({stale.document.title})</option>"
    ) in page.content.decode()
    found = teacher_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "",
            "app_label": "learning",
            "model_name": "quizquestion",
            "field_name": "question",
        },
    ).json()["results"]
    assert sorted(int(row["id"]) for row in found) == sorted([first.pk, second.pk])


def test_a_quiz_students_answered_cannot_be_deleted_by_its_teacher(teacher_client, teacher):
    from learning.tests.factories import AttemptFactory

    answered, fresh = QuizFactory(owner=teacher), QuizFactory(owner=teacher)
    AttemptFactory(quiz=answered)
    assert (
        teacher_client.get(reverse("admin:learning_quiz_delete", args=[answered.pk])).status_code
        == 403
    )
    assert (
        teacher_client.get(reverse("admin:learning_quiz_delete", args=[fresh.pk])).status_code
        == 200
    )


def test_the_quiz_page_runs_a_fixed_number_of_queries(
    teacher_client, teacher, django_assert_max_num_queries
):
    document = DocumentFactory(owner=teacher)
    quiz = QuizFactory(owner=teacher, is_published=False)
    url = reverse("admin:learning_quiz_change", args=[quiz.pk])

    def grow(count):
        current = list(quiz.questions.all())
        extra = [QuestionFactory(document=document) for _ in range(count)]
        services.quiz_set_questions(quiz=quiz, questions=current + extra)

    grow(2)
    teacher_client.get(url)
    with django_assert_max_num_queries(40) as few:
        teacher_client.get(url)
    grow(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        teacher_client.get(url)


def test_duplicating_a_quiz_from_the_list(teacher_client, teacher, questions):
    from learning.admin import QUIZ_DUPLICATED

    quiz = services.quiz_create(owner=teacher, title="Week 5", questions=questions, max_attempts=2)
    response = teacher_client.post(
        reverse("admin:learning_quiz_changelist"),
        {"action": "duplicate_selected", "_selected_action": [quiz.pk]},
        follow=True,
    )
    copy = Quiz.objects.exclude(pk=quiz.pk).get()
    assert (copy.title, copy.max_attempts, copy.is_published, copy.owner) == (
        "Copy of Week 5",
        2,
        False,
        teacher,
    )
    assert list(copy.questions.order_by("quiz_entries__position")) == questions
    link = reverse("admin:learning_quiz_change", args=[copy.pk])
    assert _messages(response) == [
        f"{QUIZ_DUPLICATED.format(quiz='Week 5', copy='Copy of Week 5')} "
        f'<a href="{link}">Open it</a>.'
    ]


def test_find_questions_to_add_opens_the_filtered_list_with_the_quiz_chosen(
    teacher_client, teacher, questions
):
    from quizgen.admin import ADDING_TO_QUIZ
    from quizgen.tests.factories import FactFactory

    quiz = services.quiz_create(owner=teacher, title="Week 6", questions=questions[:1])
    page = teacher_client.get(reverse("admin:learning_quiz_change", args=[quiz.pk]))
    link = reverse("admin:quizgen_question_changelist") + f"?for_quiz={quiz.pk}"
    assert f'href="{link}">Find questions to add</a>' in page.content.decode()
    listing = teacher_client.get(link)
    assert _messages(listing) == [ADDING_TO_QUIZ.format(quiz="Week 6")]
    assert listing.context["action_form"].fields["quiz"].initial == quiz.pk
    questions[2].facts.add(FactFactory(document=questions[2].document, kind="figure"))
    # Filters keep the quiz chosen; the fact kind is one of them.
    filtered = teacher_client.get(
        reverse("admin:quizgen_question_changelist"), {"facts__kind__exact": "figure"}
    )
    assert list(filtered.context["cl"].result_list) == [questions[2]]
    assert filtered.context["action_form"].fields["quiz"].initial == quiz.pk
    teacher_client.post(
        reverse("admin:quizgen_question_changelist") + "?facts__kind__exact=figure",
        {"action": "add_to_quiz", "_selected_action": [questions[2].pk], "quiz": quiz.pk},
    )
    assert list(quiz.questions.order_by("quiz_entries__position")) == [
        questions[0],
        questions[2],
    ]
