"""Migration learning/0007 cleans the answers stored before the input checks existed."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.urls import reverse

from learning import services
from learning.models import Response
from learning.tests.factories import QuizFactory, QuizQuestionFactory
from quizgen.models import Question
from quizgen.tests.factories import QuestionFactory

migration = importlib.import_module("learning.migrations.0007_clean_stored_answers")


@pytest.mark.parametrize(
    ("stored", "cleaned"),
    [
        ("x\udfff", "x"),
        ("\ud800Kabul", "Kabul"),
        ("a" * 4_000_000, "a" * 1000),
        ("Ka\x00bul\x07", "Kabul"),
        ("two\nlines\tand a tab\r", "two\nlines\tand a tab\r"),
        ("Lutèce – “quoted” 😀", "Lutèce – “quoted” 😀"),
        (["Zeta\udfff", "Alpha"], ["Zeta", "Alpha"]),
        ([f"item {n}" for n in range(80)], [f"item {n}" for n in range(50)]),
        ({"Paris\udfff": "France" + "x" * 2000}, {"Paris": "France" + "x" * 994}),
        (None, None),
        ("1979", "1979"),
    ],
)
def test_each_stored_answer_is_cleaned(stored, cleaned):
    assert migration.clean_answer(stored) == cleaned


@pytest.mark.django_db
def test_the_migration_cleans_the_rows_and_the_pages_show_again(client, student):
    question = QuestionFactory(
        kind=Question.Kind.SHORT_ANSWER, options=[], accepted_answers=["Kabul"]
    )
    quiz = QuizFactory(assigned_to=[student])
    QuizQuestionFactory(quiz=quiz, question=question)
    attempt = services.attempt_start(quiz=quiz, student=student)
    attempt = services.attempt_submit(attempt=attempt, answers={question.pk: "Kabul"})
    response = Response.objects.get(attempt=attempt)
    # What the pages and the API accepted before the checks: a 4 MB answer, and (where the
    # database can hold one: SQLite; PostgreSQL's jsonb refuses it) a lone surrogate.
    surrogate = connection.vendor == "sqlite"
    stored = ("Kabul\udfff" if surrogate else "Kabul") + "!" * 4_000_000
    Response.objects.filter(pk=response.pk).update(answer=stored, accepted_as="Kabul\x07")
    untouched = Response.objects.filter(pk=response.pk).values_list("score", flat=True).get()

    migration.clean_stored_answers(django_apps, None)

    response.refresh_from_db()
    assert response.answer == "Kabul" + "!" * 995
    assert response.accepted_as == "Kabul"
    assert response.score == untouched  # the mark is not changed
    client.force_login(student)
    page = client.get(reverse("learning:attempt_result", args=[attempt.pk]))
    assert page.status_code == 200
    assert "Your answer: Kabul!!!" in page.content.decode()


@pytest.mark.django_db
def test_clean_rows_are_not_rewritten(django_assert_num_queries, student):
    quiz = QuizFactory(assigned_to=[student], question_count=2)
    attempt = services.attempt_start(quiz=quiz, student=student)
    answers = {entry.question_id: "1979" for entry in quiz.quiz_questions.all()}
    services.attempt_submit(attempt=attempt, answers=answers)
    assert Response.objects.filter(attempt=attempt).count() == 2
    # One read of the rows, no write.
    with django_assert_num_queries(1):
        migration.clean_stored_answers(django_apps, None)
