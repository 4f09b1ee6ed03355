"""Every page runs a fixed number of queries, whatever the number of questions (5 or 50)."""

import pytest
from django.urls import reverse

from learning import services
from learning.models import Quiz
from learning.tests.factories import KIND_FIELDS, QuizFactory, QuizQuestionFactory, question_of_kind
from quizgen.tests.factories import FactFactory

pytestmark = pytest.mark.django_db

KINDS = list(KIND_FIELDS)

# Page -> queries, session and user included. Measured with 5 and with 50 questions.
EXPECTED = {
    # session, user; the student's assignments through their classes (one plain query that
    # gives the quizzes and modules they see and their windows and accommodations); the open
    # quizzes; the attempts per quiz (counts, best, last and current in one window query,
    # which also shows whether one is overdue: no separate expiry query); the review items
    # due; the modules with their progress and card counts (their quiz results come from
    # the attempts). 10 before (14 with a module): the expiry check, the accesses, the
    # in-progress attempts, the last attempts and four of the modules' queries are gone.
    "dashboard": 7,
    # attempts used, the one in progress, the last ten submitted; + the student's window and
    # accommodations (quiz_access)
    "quiz_intro": 7,
    # session, user, the attempt with its quiz, the quiz's entries with their questions and
    # the attempt's responses joined (5 before: the responses were read on their own)
    "attempt_take": 4,
    "attempt_confirm": 4,
    # another attempt is open: one EXISTS, and no answers are loaded (5 before: the
    # responses were read anyway)
    "attempt_result": 4,
    "review": 5,
    # session, user; the attempts per quiz (one window query, whose counts also give the
    # history's); one page of history; scores by kind and document (one aggregate); the
    # calendar (attempts and reviews per day, one UNION ALL); the trend. 11 before: the
    # history's count, the last attempts, the second score aggregate and the second
    # calendar query are gone.
    "progress": 7,
    "teach_quiz": 6,  # + the teacher's classes, to show one class's results
    "teach_student": 7,
    "teach_quiz_csv": 5,
}


def build(size: int, student, layout=Quiz.Layout.ALL_ON_ONE_PAGE):
    """A quiz of `size` questions of every kind, with one submitted and one open attempt."""
    quiz = QuizFactory(
        assigned_to=[student],
        layout=layout,
        shuffle_options=True,
        shuffle_questions=True,
        max_attempts=5,
    )
    fact = FactFactory()
    for position in range(size):
        question = question_of_kind(KINDS[position % len(KINDS)], document=fact.document)
        question.facts.add(fact)
        QuizQuestionFactory(quiz=quiz, question=question, position=position + 1)
    questions = list(quiz.questions.all())
    done = services.attempt_start(quiz=quiz, student=student)
    services.attempt_submit(attempt=done, answers={q.pk: "1979" for q in questions[::2]})
    current = services.attempt_start(quiz=quiz, student=student)
    services.attempt_save_answers(attempt=current, answers={questions[0].pk: "x"})
    return quiz, done, current


def urls(quiz, done, current, student):
    return {
        "dashboard": reverse("learning:dashboard"),
        "quiz_intro": reverse("learning:quiz_intro", args=[quiz.pk]),
        "attempt_take": reverse("learning:attempt_take", args=[current.pk]) + "?page=2",
        "attempt_confirm": reverse("learning:attempt_confirm", args=[current.pk]),
        "attempt_result": reverse("learning:attempt_result", args=[done.pk]),
        "review": reverse("learning:review"),
        "progress": reverse("learning:progress"),
        "teach_quiz": reverse("learning:teach_quiz", args=[quiz.pk]),
        "teach_student": reverse("learning:teach_student", args=[quiz.pk, student.pk]),
        "teach_quiz_csv": reverse("learning:teach_quiz_csv", args=[quiz.pk]),
    }


@pytest.mark.parametrize("layout", [Quiz.Layout.ALL_ON_ONE_PAGE, Quiz.Layout.ONE_PER_PAGE])
@pytest.mark.parametrize("size", [5, 50])
def test_query_counts_are_pinned_for_5_and_50_questions(
    client, student, django_assert_num_queries, size, layout
):
    quiz, done, current = build(size, student, layout)
    for name, url in urls(quiz, done, current, student).items():
        client.force_login(quiz.owner if name.startswith("teach") else student)
        with django_assert_num_queries(EXPECTED[name]):
            response = client.get(url)
        assert response.status_code == 200, name


@pytest.mark.parametrize("size", [5, 50])
def test_saving_answers_runs_a_fixed_number_of_queries(
    client, student, django_assert_num_queries, size
):
    quiz, _done, current = build(size, student)
    questions = list(quiz.questions.all())
    client.force_login(student)
    form = {f"q-{q.pk}": "1979" for q in questions if q.kind in ("fill_blank", "short_answer")}
    # Session, user; in a savepoint (in production BEGIN and COMMIT): the attempt's row
    # locked (the autosave's only read of the attempt, without its quiz), the posted
    # questions of the quiz with the attempt's responses to them (one join: what their
    # fields need, no widget) and one INSERT of the answers, all new here (changed ones
    # take one UPDATE more). 10 before: the attempt read unlocked with its quiz, the
    # posted entries with every column of their questions, then under the lock the ids
    # checked and the responses read, each on its own (11 before that).
    with django_assert_num_queries(7):
        response = client.post(reverse("learning:attempt_autosave", args=[current.pk]), form)
    assert response.json()["saved"] is True


@pytest.mark.parametrize("size", [5, 50])
def test_submitting_runs_a_fixed_number_of_queries(
    client, student, django_assert_num_queries, size
):
    quiz, _done, current = build(size, student)
    client.force_login(student)
    # Session, user, then the submission's own queries: the attempt read once, locked, with
    # its quiz and student (the view no longer reads it before), the quiz's entries with
    # their questions and the attempt's responses joined (one query, two before), scoring,
    # the review queue and the LMS links. 14 before; 16 before that.
    with django_assert_num_queries(12):
        response = client.post(
            reverse("learning:attempt_confirm", args=[current.pk]), {"submit": "1"}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:attempt_result", args=[current.pk])
    current.refresh_from_db()
    assert current.state == "submitted"
