"""The whole path on the demo article: ingest, generate, approve, publish, attempt, score."""

import pytest
from django.urls import reverse

from classes import services as class_services
from conftest import DEMO_PUBLISHED_ON
from learning import services as learning_services
from learning.models import Attempt
from quizgen import services as quizgen_services
from quizgen.models import Document, Question

pytestmark = pytest.mark.django_db

PEOPLE = {"Amir Khan Muttaqi", "Muttaqi", "Vladimir Putin", "Putin", "Sergey Lavrov", "Lavrov"}


@pytest.fixture
def demo_document(teacher, demo_text, nlp_pipeline):
    document = quizgen_services.document_ingest(
        owner=teacher,
        text=demo_text,
        title="Russia recognises the Taliban",
        published_on=DEMO_PUBLISHED_ON,
        enqueue=False,
    )
    return quizgen_services.document_generate(document=document)


def correct_answers(questions):
    return {
        option["text"] for question in questions for option in question.options if option["correct"]
    }


def test_demo_article_yields_the_expected_answers(demo_document):
    assert demo_document.status == Document.Status.READY
    questions = list(demo_document.questions.filter(kind=Question.Kind.MULTIPLE_CHOICE))
    answers = correct_answers(questions)
    assert "1979" in answers
    assert "$9 billion" in answers
    assert answers & PEOPLE
    for question in questions:
        texts = [option["text"] for option in question.options]
        assert len(texts) == 4
        assert sum(option["correct"] for option in question.options) == 1
        assert len({text.casefold() for text in texts}) == 4


def test_the_1979_question_is_about_the_soviet_invasion(demo_document):
    question = next(
        q
        for q in demo_document.questions.all()
        if "1979" in [o["text"] for o in q.options if o["correct"]]
    )
    assert "Soviet Union invaded Afghanistan" in question.source_sentence


ONE_ANSWER_KINDS = {"multiple_choice", "true_false", "short_answer", "fill_blank"}


def test_teacher_to_student_flow_scores_the_attempt(demo_document, teacher, student, client):
    # The form below answers by option or by typing: the recommended questions that are
    # answered with one option or one typed answer (ordering and matching are answered
    # differently).
    recommended = quizgen_services.questions_approve_recommended(
        document=demo_document, reviewer=teacher
    )
    approved = [question for question in recommended if question.kind in ONE_ANSWER_KINDS]
    assert len(approved) >= 5
    quiz = learning_services.quiz_create(owner=teacher, title="Demo", questions=approved)
    learning_services.quiz_publish(quiz=quiz)
    # The student joins the teacher's class with its code; the class is assigned the quiz.
    school_class = class_services.class_create(owner=teacher, name="Year 9")
    class_services.class_join(student=student, code=school_class.join_code)
    class_services.assignment_create(school_class=school_class, quiz=quiz)

    client.force_login(student)
    assert client.get(reverse("learning:quiz_intro", args=[quiz.pk])).status_code == 200
    client.post(reverse("learning:quiz_start", args=[quiz.pk]))
    attempt = Attempt.objects.get(quiz=quiz, student=student)

    # Answer the first two right and the rest wrong, through the page's form.
    form = {"finish": "1", "page": "1"}
    for index, question in enumerate(approved):
        if question.correct_options:
            right = question.correct_options[0]
            wrong = next(o["text"] for o in question.options if not o["correct"])
        else:
            right, wrong = question.accepted_answers[0], "not in the text"
        form[f"q-{question.pk}"] = right if index < 2 else wrong
    client.post(reverse("learning:attempt_take", args=[attempt.pk]), form)
    response = client.post(reverse("learning:attempt_confirm", args=[attempt.pk]), {"submit": "1"})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    total = len(approved)
    assert (attempt.score, attempt.max_score, attempt.passed) == (2.0, float(total), False)

    result = client.get(reverse("learning:attempt_result", args=[attempt.pk]))
    share = f"{200 / total:.1f}%"
    assert f"You scored <strong>2 out of {total}</strong> ({share})" in result.content.decode()
