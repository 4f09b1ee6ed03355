"""The progress page and the teacher's class view, with its CSV export."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from classes.tests.factories import enrol_for
from learning import services
from learning.models import Attempt
from learning.progress import student_progress
from learning.tests.factories import QuizFactory, QuizQuestionFactory
from quizgen.tests.factories import (
    DocumentFactory,
    FactFactory,
    QuestionFactory,
    TeacherFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def submit(quiz, student, answers):
    enrol_for(quiz, student)
    attempt = services.attempt_start(quiz=quiz, student=student)
    return services.attempt_submit(attempt=attempt, answers=answers)


@pytest.fixture
def two_documents_quiz():
    quiz = QuizFactory(title="Summits")
    first, second = DocumentFactory(title="Alpha report"), DocumentFactory(title="Beta report")
    date_fact = FactFactory(document=first, kind="date")
    figure_fact = FactFactory(document=second, kind="figure", key="figure:1")
    questions = []
    for document, fact in [(first, date_fact), (first, date_fact), (second, figure_fact)]:
        question = QuestionFactory(document=document)
        question.facts.add(fact)
        QuizQuestionFactory(quiz=quiz, question=question)
        questions.append(question)
    return quiz, questions


def test_mastery_per_fact_kind_and_per_document(student, two_documents_quiz):
    quiz, (q1, q2, q3) = two_documents_quiz
    submit(quiz, student, {q1.pk: "1979", q2.pk: "1983", q3.pk: "1979"})
    progress = student_progress(student=student)
    assert [(b.label, b.percent, b.answered) for b in progress.by_kind] == [
        ("Date", 50, 2),
        ("Figure", 100, 1),
    ]
    assert [(b.label, b.percent, b.answered, b.width) for b in progress.by_document] == [
        ("Alpha report", 50, 2, 100),
        ("Beta report", 100, 1, 200),
    ]
    assert progress.streak == 1 and progress.active_days == 1
    assert [(s.title, s.attempts, s.best, s.last) for s in progress.quizzes] == [
        ("Summits", 1, 66.7, 66.7)
    ]


def test_streak_counts_consecutive_days_up_to_today(student):
    quiz = QuizFactory(assigned_to=[student], question_count=1)
    now = timezone.now()
    for days_ago in [0, 1, 2, 5]:
        attempt = submit(quiz, student, {})
        Attempt.objects.filter(pk=attempt.pk).update(
            submitted_at=now - timedelta(days=days_ago), started_at=now - timedelta(days=days_ago)
        )
    progress = student_progress(student=student, now=now)
    assert (progress.streak, progress.active_days) == (3, 4)
    assert len(progress.days) == 7 * 11 + timezone.localdate(now).weekday() + 1


def test_progress_page_draws_svg_charts_with_text(client, student, two_documents_quiz):
    quiz, (q1, q2, q3) = two_documents_quiz
    submit(quiz, student, {q1.pk: "1979"})
    client.force_login(student)
    body = client.get(reverse("learning:progress")).content.decode()
    assert '<svg role="img" aria-labelledby="mastery-kind-title"' in body
    assert "Share of points earned per kind of fact: Date 50% of 2 answers; Figure 0% of 1" in body
    assert "Alpha report" in body and "Beta report" in body
    assert '<svg role="img" aria-labelledby="calendar-title"' in body
    # Today's square: one activity, the lightest blue, its date as the date filter writes it.
    today = dateformat.format(timezone.localdate(), "D j M")
    assert f'fill="#a8c7fa" stroke="#8c959f"><title>{today}: 1 activity</title></rect>' in body
    assert body.count('rx="2" fill="#') == 7 * 11 + timezone.localdate().weekday() + 1
    assert "Streak: 1 day · active on 1 day in the last 12 weeks." in body
    assert "33.3%" in body
    assert "Score of each of your last 1 attempts, oldest first: 33.3%" in body


def test_the_trend_follows_the_scores_oldest_first(student):
    quiz = QuizFactory(assigned_to=[student], question_count=2)
    first, second = [e.question for e in quiz.quiz_questions.order_by("position")]
    submit(quiz, student, {})
    submit(quiz, student, {first.pk: "1979"})
    submit(quiz, student, {first.pk: "1979", second.pk: "1979"})
    trend = student_progress(student=student).trend
    assert [(p.percent, p.x, p.y) for p in trend] == [
        (0.0, 10, 110),
        (50.0, 120, 60),
        (100.0, 230, 10),
    ]


def test_class_view_lists_students_scores_and_time(client, two_documents_quiz):
    quiz, (q1, q2, q3) = two_documents_quiz
    ada, bob = UserFactory(username="ada"), UserFactory(username="bob")
    attempt = submit(quiz, ada, {q1.pk: "1979", q2.pk: "1979", q3.pk: "1979"})
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=attempt.submitted_at - timedelta(minutes=4, seconds=5)
    )
    submit(quiz, bob, {})
    client.force_login(quiz.owner)
    body = client.get(reverse("learning:teach_quiz", args=[quiz.pk])).content.decode()
    assert body.index(">ada<") < body.index(">bob<")
    assert "<td>100.0%</td>" in body and "<td>4 min 05 s</td>" in body
    assert "<td>0.0% (not passed)</td>" in body
    student_page = client.get(
        reverse("learning:teach_student", args=[quiz.pk, ada.pk])
    ).content.decode()
    assert "ada on “Summits”" in student_page and "✓ right" in student_page
    assert "100.0%, 4 min 05 s</th>" in student_page


@pytest.mark.parametrize(
    ("spent", "shown"),
    [
        (timedelta(seconds=2.297602), "2 s"),
        (timedelta(seconds=59.6), "1 min 00 s"),
        (timedelta(minutes=4, seconds=5), "4 min 05 s"),
        (timedelta(hours=1, minutes=2, seconds=40), "1 h 02 min"),
        (None, "–"),
    ],
)
def test_time_spent_reads_in_seconds_minutes_and_hours(spent, shown):
    from learning.numbers import format_duration

    assert format_duration(spent) == shown


def test_csv_export_has_one_row_per_attempt(client, two_documents_quiz):
    quiz, (q1, q2, q3) = two_documents_quiz
    submit(quiz, UserFactory(username="=cmd"), {q1.pk: "1979"})
    client.force_login(quiz.owner)
    response = client.get(reverse("learning:teach_quiz_csv", args=[quiz.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    # The byte-order mark first, so a spreadsheet reads the file as UTF-8.
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["student", "attempt", "state"]
    assert len(rows) == 2
    student, number, state = rows[1][:3]
    assert (student, number, state) == ("'=cmd", "1", "submitted")
    assert rows[1][6:] == ["1", "3", "33.3", "no"]


def test_teachers_see_only_their_own_quizzes(client, two_documents_quiz, student):
    quiz, _ = two_documents_quiz
    client.force_login(TeacherFactory(username="other-teacher"))
    for name in ["teach_quiz", "teach_quiz_csv"]:
        assert client.get(reverse(f"learning:{name}", args=[quiz.pk])).status_code == 404
    assert quiz.title not in client.get(reverse("learning:teach_quizzes")).content.decode()
    client.force_login(student)
    response = client.get(reverse("learning:teach_quiz", args=[quiz.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
