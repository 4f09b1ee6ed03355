"""Item analysis checked against values worked out by hand for a small made-up class.

Six students, five one-mark questions. Scores (rows: attempts; columns: Q1..Q5):

    A 0 0 1 1 0   total 2        Q4 everyone right, Q5 everyone wrong.
    B 0 0 1 1 0   total 2        Facility: Q1 3/6, Q2 4/6, Q3 5/6, Q4 1, Q5 0.
    C 0 1 1 1 0   total 3        Totals 2 2 3 3 4 4: mean 3, median 3, sample SD sqrt(0.8).
    D 1 1 0 1 0   total 3        Discrimination = r(item, total - item):
    E 1 1 1 1 0   total 4          Q1 = 0.5 / sqrt(1.5 * 1.5) = 1/3; Q2 = 1/2;
    F 1 1 1 1 0   total 4          Q3 = -0.4152 (the good student D misses it).
Item variances 0.3, 4/15, 1/6, 0, 0 (sum 11/15); total variance 4/5;
Cronbach's alpha = 5/4 * (1 - (11/15) / (4/5)) = 5/48.
"""

import math

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from learning import statistics
from learning.models import Attempt
from learning.tests.factories import (
    AttemptFactory,
    QuizFactory,
    QuizQuestionFactory,
    ResponseFactory,
)
from quizgen.tests.factories import DocumentFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db

MATRIX = [
    [0, 0, 1, 1, 0],
    [0, 0, 1, 1, 0],
    [0, 1, 1, 1, 0],
    [1, 1, 0, 1, 0],
    [1, 1, 1, 1, 0],
    [1, 1, 1, 1, 0],
]
# What each student answered to Q1 (the correct option is "1979").
Q1_ANSWERS = ["1975", "1983", None, "1979", "1979", "1979"]


def _submitted(quiz, student, number=1):
    return AttemptFactory(
        quiz=quiz,
        student=student,
        number=number,
        state=Attempt.State.SUBMITTED,
        submitted_at=timezone.now(),
    )


@pytest.fixture
def quiz(teacher):
    quiz = QuizFactory(owner=teacher)
    document = DocumentFactory(owner=teacher)
    questions = [QuestionFactory(document=document) for _ in range(5)]
    for position, question in enumerate(questions, start=1):
        QuizQuestionFactory(quiz=quiz, question=question, position=position)
    for index, row in enumerate(MATRIX):
        attempt = _submitted(quiz, UserFactory(username=f"pupil{index}"))
        for column, (question, score) in enumerate(zip(questions, row, strict=True)):
            answer = "1979" if score else "1975"
            if column == 0:
                answer = Q1_ANSWERS[index]
            ResponseFactory(attempt=attempt, question=question, answer=answer, score=float(score))
    # An attempt still in progress does not count.
    AttemptFactory(quiz=quiz, student=UserFactory(username="late"), state=Attempt.State.IN_PROGRESS)
    quiz.test_questions = questions
    return quiz


def _check_hand_values(result):
    assert result.attempts == 6
    assert result.max_score == 5.0
    assert result.mean == pytest.approx(3.0)
    assert result.median == pytest.approx(3.0)
    assert result.standard_deviation == pytest.approx(math.sqrt(0.8))
    assert result.cronbach_alpha == pytest.approx(5 / 48)
    facility = [item.facility for item in result.items]
    assert facility == pytest.approx([3 / 6, 4 / 6, 5 / 6, 1.0, 0.0])
    deviations = [item.standard_deviation for item in result.items]
    assert deviations == pytest.approx(
        [math.sqrt(0.3), math.sqrt(4 / 15), math.sqrt(1 / 6), 0.0, 0.0]
    )
    discrimination = [item.discrimination for item in result.items]
    assert discrimination[:3] == pytest.approx([1 / 3, 1 / 2, -0.41522739926869984])
    assert discrimination[3:] == [None, None]  # no spread: undefined, as in Moodle
    assert [item.flags for item in result.items] == [
        (),
        (),
        (statistics.NEGATIVE_DISCRIMINATION,),
        (statistics.TOO_EASY,),
        (statistics.TOO_HARD,),
    ]


def test_item_analysis_matches_the_hand_computed_values(quiz, django_assert_num_queries):
    with django_assert_num_queries(3):
        result = statistics.quiz_statistics(quiz=quiz)
    _check_hand_values(result)
    assert [item.position for item in result.items] == [1, 2, 3, 4, 5]


def test_share_choosing_each_option(quiz):
    first = statistics.quiz_statistics(quiz=quiz).items[0]
    assert [(o.text, o.correct, o.count) for o in first.options] == [
        ("1975", False, 1),
        ("1979", True, 3),
        ("1983", False, 1),
        ("1988", False, 0),
        (statistics.NO_ANSWER, False, 1),
    ]
    assert [o.share for o in first.options] == pytest.approx([1 / 6, 3 / 6, 1 / 6, 0, 1 / 6])


def test_first_attempts_only(quiz):
    student = Attempt.objects.filter(quiz=quiz, state="submitted").order_by("id").first().student
    retake = _submitted(quiz, student, number=2)
    for question in quiz.test_questions:
        ResponseFactory(attempt=retake, question=question, answer="1979", score=1.0)
    assert statistics.quiz_statistics(quiz=quiz).attempts == 7
    _check_hand_values(statistics.quiz_statistics(quiz=quiz, which=statistics.FIRST_ATTEMPTS))


def test_the_query_count_does_not_grow_with_the_class(quiz, django_assert_num_queries):
    for index in range(10):
        attempt = _submitted(quiz, UserFactory(username=f"extra{index}"))
        for question in quiz.test_questions:
            ResponseFactory(attempt=attempt, question=question, answer="1979", score=1.0)
    with django_assert_num_queries(3):
        assert statistics.quiz_statistics(quiz=quiz).attempts == 16


def test_a_quiz_without_attempts_has_empty_statistics(teacher):
    quiz = QuizFactory(owner=teacher, question_count=2)
    result = statistics.quiz_statistics(quiz=quiz)
    assert (result.attempts, result.mean, result.median, result.cronbach_alpha) == (
        0,
        None,
        None,
        None,
    )
    assert [item.facility for item in result.items] == [None, None]


def test_csv_export(quiz, client, teacher):
    client.force_login(teacher)
    response = client.get(reverse("admin:learning_quiz_statistics_csv", args=[quiz.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{slugify(quiz.title)}-statistics-all-attempts.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Position,Question ID,Kind,Prompt,Attempts,Facility index (%),"
        "Standard deviation (%),Discrimination index (%),Flags,Options (share choosing)"
    )
    first_id, third_id = quiz.test_questions[0].pk, quiz.test_questions[2].pk
    prompt = quiz.test_questions[0].prompt
    assert lines[1] == (
        f"1,{first_id},multiple_choice,{prompt},6,50.0,54.8,33.3,,"
        "1975: 16.7%; 1979 (correct): 50.0%; 1983: 16.7%; 1988: 0.0%; (no answer): 16.7%"
    )
    assert lines[3].startswith(f"3,{third_id},multiple_choice,")
    assert ",83.3,40.8,-41.5,negative discrimination (check the key)," in lines[3]
    assert lines[-6:] == [
        "Attempts,6",
        "Maximum score,5.000",
        "Mean score,3.000",
        "Median score,3.000",
        "Standard deviation,0.894",
        "Cronbach's alpha,0.104",
    ]


def test_the_quiz_page_shows_the_item_analysis(quiz, client, teacher):
    client.force_login(teacher)
    response = client.get(reverse("admin:learning_quiz_change", args=[quiz.pk]))
    content = response.content.decode()
    assert "6 submitted attempts" in content
    assert "Cronbach&#x27;s alpha 0.10" in content or "Cronbach's alpha 0.10" in content
    assert "negative discrimination (check the key)" in content
    assert reverse("admin:learning_quiz_statistics_csv", args=[quiz.pk]) in content
    class_results = reverse("learning:teach_quiz", args=[quiz.pk])
    assert f'<a href="{class_results}">Class results (each student’s attempts)</a>' in content
    back = client.get(class_results).content.decode()
    item_analysis = reverse("admin:learning_quiz_change", args=[quiz.pk]) + "#item-analysis"
    assert f'href="{item_analysis}">Item analysis (each question)</a>' in back


def test_another_teacher_cannot_export(quiz, client):
    from quizgen.tests.factories import TeacherFactory

    client.force_login(TeacherFactory())
    response = client.get(reverse("admin:learning_quiz_statistics_csv", args=[quiz.pk]))
    assert response.status_code == 404


def test_option_shares_only_for_questions_answered_by_choosing_an_option(teacher):
    quiz = QuizFactory(owner=teacher)
    ordering = QuestionFactory(
        document=DocumentFactory(owner=teacher),
        kind="ordering",
        options=[{"text": "b", "correct": False}, {"text": "a", "correct": False}],
        answer=["a", "b"],
    )
    QuizQuestionFactory(quiz=quiz, question=ordering, position=1)
    attempt = _submitted(quiz, UserFactory(username="solo"))
    ResponseFactory(attempt=attempt, question=ordering, answer=["a", "b"], score=1.0)
    item = statistics.quiz_statistics(quiz=quiz).items[0]
    assert (item.facility, item.options) == (1.0, ())


def test_csv_of_first_attempts_only(quiz, client, teacher):
    student = Attempt.objects.filter(quiz=quiz, state="submitted").order_by("id").first().student
    retake = _submitted(quiz, student, number=2)
    for question in quiz.test_questions:
        ResponseFactory(attempt=retake, question=question, answer="1979", score=1.0)
    client.force_login(teacher)
    url = reverse("admin:learning_quiz_statistics_csv", args=[quiz.pk])
    assert "Attempts,7" in client.get(url).content.decode().splitlines()
    first = client.get(url, {"attempts": "first"})
    assert "Attempts,6" in first.content.decode().splitlines()
    assert first["Content-Disposition"] == (
        f'attachment; filename="{slugify(quiz.title)}-statistics-first-attempts.csv"'
    )
