"""A read compiled once (config/compiled.py) gives what its queryset gives, for every set of
parameter values after the first, and refuses what it cannot compile exactly; the sessions
read that way (config/sessions.py) end on logout, expiry and a password change."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.db.models import Count, F
from django.db.transaction import TransactionManagementError
from django.urls import reverse
from django.utils import timezone

from classes import services as class_services
from classes.models import Enrolment
from classes.selectors import quiz_access, quiz_accesses, student_assignments
from classes.tests.factories import class_with
from config.compiled import COMPILED_LIST_LENGTH, CompiledRead
from learning import selectors, services
from learning.models import Attempt, ReviewItem
from learning.tests.factories import AttemptFactory, QuizFactory, ResponseFactory
from modules.selectors import module_list_for_student
from modules.tests.factories import module_with_towns
from quizgen.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _attempts(*, student_id, since):
    return (
        Attempt.objects.filter(student_id=student_id, started_at__gte=since)
        .select_related("quiz")
        .annotate(quiz_questions=Count("quiz__quiz_questions"), doubled=F("number") * 2)
        .order_by("number")
    )


def _fields(attempt: Attempt) -> tuple:
    return (
        attempt.pk,
        attempt.number,
        attempt.started_at,
        attempt.quiz.pk,
        attempt.quiz.title,
        attempt.quiz_questions,
        attempt.doubled,
    )


def test_each_call_gives_what_the_queryset_gives_for_its_own_values(django_assert_num_queries):
    week_ago = timezone.now() - timedelta(days=7)
    ann, bob = UserFactory(), UserFactory()
    short, long = QuizFactory(title="Short", question_count=1), QuizFactory(question_count=3)
    done = Attempt.State.SUBMITTED
    for number, quiz in enumerate([long, short], start=1):
        AttemptFactory(student=ann, quiz=quiz, number=number)
    long_ago = week_ago - timedelta(days=1)
    AttemptFactory(
        student=ann, quiz=short, number=3, state=done, started_at=long_ago, submitted_at=long_ago
    )
    AttemptFactory(student=bob, quiz=long, number=1)
    read = CompiledRead(_attempts)

    for student, since in [(ann, week_ago), (bob, week_ago), (ann, week_ago - timedelta(days=2))]:
        expected = [_fields(attempt) for attempt in _attempts(student_id=student.pk, since=since)]
        with django_assert_num_queries(1):
            found = [_fields(attempt) for attempt in read.all(student_id=student.pk, since=since)]
        assert found == expected
    assert [row[4] for row in found] == [long.title, "Short", "Short"]
    assert [row[5] for row in found] == [3, 1, 1]


def test_one_is_get_another_students_attempt_does_not_exist():
    attempt = AttemptFactory()
    read = CompiledRead(
        lambda *, attempt_id, student_id: Attempt.objects.filter(
            pk=attempt_id, student_id=student_id
        )
    )

    assert read.one(attempt_id=attempt.pk, student_id=attempt.student_id) == attempt
    with pytest.raises(Attempt.DoesNotExist):
        read.one(attempt_id=attempt.pk, student_id=UserFactory().pk)


def test_one_refuses_more_than_one_object():
    attempt = AttemptFactory()
    AttemptFactory(student=attempt.student, number=2)
    read = CompiledRead(lambda *, student_id: Attempt.objects.filter(student_id=student_id))

    with pytest.raises(Attempt.MultipleObjectsReturned):
        read.one(student_id=attempt.student_id)


def test_a_parameter_that_does_not_reach_the_sql_as_it_is_is_refused():
    in_arithmetic = CompiledRead(lambda *, number: Attempt.objects.filter(number=number + 1))
    as_a_date = CompiledRead(lambda *, since: Attempt.objects.filter(started_at__date=since))

    with pytest.raises(ValueError, match="'number' does not reach the SQL"):
        in_arithmetic.all(number=5)
    with pytest.raises(ValueError, match="'since' does not reach the SQL"):
        as_a_date.all(since=timezone.now())


def test_a_list_of_parameters_keeps_its_places():
    first, second, third = AttemptFactory(), AttemptFactory(), AttemptFactory()
    read = CompiledRead(
        lambda *, one, other: Attempt.objects.filter(pk__in=[one, other]).order_by("pk")
    )

    assert read.all(one=first.pk, other=third.pk) == [first, third]
    assert read.all(one=second.pk, other=second.pk) == [second]


@pytest.mark.parametrize("value", [None, True, 5.0, b"5", timezone.now().replace(tzinfo=None)])
def test_only_ints_and_aware_datetimes_are_taken(value):
    read = CompiledRead(lambda *, number: Attempt.objects.filter(number=number))
    read.all(number=1)

    with pytest.raises(TypeError, match="a compiled read takes ints, strings and aware datetimes"):
        read.all(number=value)


def test_a_shape_gets_its_own_sql():
    attempt = AttemptFactory(number=1)
    AttemptFactory(
        student=attempt.student,
        number=2,
        state=Attempt.State.SUBMITTED,
        submitted_at=timezone.now(),
    )
    read = CompiledRead(
        lambda *, shape, student_id: Attempt.objects.filter(student_id=student_id).filter(
            **({"state": Attempt.State.SUBMITTED} if shape == "submitted" else {})
        )
    )

    assert [a.number for a in read.all(shape="submitted", student_id=attempt.student_id)] == [2]
    assert sorted(a.number for a in read.all(shape="all", student_id=attempt.student_id)) == [1, 2]


# Outside the test's own transaction, as a request in autocommit.
@pytest.mark.django_db(transaction=True)
def test_a_locking_read_runs_inside_a_transaction_only_as_the_queryset():
    attempt = AttemptFactory()

    def locked(*, attempt_id):
        return Attempt.objects.select_for_update(of=("self",)).filter(pk=attempt_id)

    read = CompiledRead(locked)

    def outside(run) -> str:
        try:
            run()
        except TransactionManagementError:
            return "refused"
        return "ran"

    with transaction.atomic():
        assert read.one(attempt_id=attempt.pk) == attempt
    # SQLite has no row locks: Django runs it anywhere there.
    expected = "refused" if connection.features.has_select_for_update else "ran"
    assert outside(lambda: list(locked(attempt_id=attempt.pk))) == expected
    assert outside(lambda: read.one(attempt_id=attempt.pk)) == expected


def test_attempt_entries_show_this_attempts_answers_only():
    quiz = QuizFactory(question_count=2)
    first, second = (entry.question for entry in quiz.quiz_questions.order_by("position"))
    mine = AttemptFactory(quiz=quiz)
    theirs = AttemptFactory(quiz=quiz)
    ResponseFactory(attempt=mine, question=second, answer="1815")
    ResponseFactory(attempt=theirs, question=first, answer="1066")
    ResponseFactory(attempt=theirs, question=second, answer="1492")

    def answers(attempt):
        return [
            (entry.question_id, entry.response and entry.response.answer)
            for entry in selectors.attempt_entries(attempt=attempt)
        ]

    assert answers(mine) == [(first.pk, None), (second.pk, "1815")]
    assert answers(theirs) == [(first.pk, "1066"), (second.pk, "1492")]


# Sessions (config/sessions.py): read with compiled SQL, ended as Django's own engine ends them.


def test_the_session_engine_is_the_compiled_one():
    assert settings.SESSION_ENGINE == "config.sessions"


def test_a_session_holds_until_logout_and_not_after(client, student):
    client.force_login(student)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("learning:dashboard")).status_code == 200

    client.post("/accounts/logout/")
    client.cookies[settings.SESSION_COOKIE_NAME] = key

    answer = client.get(reverse("learning:dashboard"))
    assert (answer.status_code, answer["Location"]) == (302, "/accounts/login/?next=/")
    assert not Session.objects.filter(session_key=key).exists()


def test_an_expired_session_is_not_read(client, student):
    client.force_login(student)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    answer = client.get(reverse("learning:dashboard"))
    assert (answer.status_code, answer["Location"]) == (302, "/accounts/login/?next=/")


def test_a_password_change_ends_the_students_sessions(client, student):
    client.force_login(student)
    assert client.get(reverse("learning:dashboard")).status_code == 200
    student.set_password("a new password for 2027")
    student.save()

    answer = client.get(reverse("learning:dashboard"))
    assert (answer.status_code, answer["Location"]) == (302, "/accounts/login/?next=/")


# The dashboard's reads (classes.selectors, learning.selectors, modules.selectors): compiled
# once per number of assigned ids, the same rows as the querysets they replace.


def _dashboard_reads(student, assignments):
    quizzes = selectors.quizzes_for_dashboard(student=student, assignments=assignments)
    modules = module_list_for_student(student=student, assignments=assignments)
    return (
        [(quiz.pk, quiz.title, quiz.entry_count, quiz.access) for quiz in quizzes],
        [
            (row.module.pk, row.status, row.cards_total, row.cards_due, row.quiz_best)
            for row in modules
        ],
    )


@pytest.mark.parametrize("assigned", [0, 1, 3, COMPILED_LIST_LENGTH + 1])
def test_the_dashboard_shows_what_the_querysets_give_for_any_number_of_assignments(
    student, assigned
):
    quizzes = [
        QuizFactory(assigned_to=[student], title=f"Assigned {n}", question_count=n % 3 + 1)
        for n in range(assigned)
    ]
    # Not shown: closed, unpublished, or another class's.
    QuizFactory(assigned_to=[student], closes_at=timezone.now() - timedelta(days=1))
    QuizFactory(assigned_to=[student], is_published=False)
    QuizFactory(assigned_to=[UserFactory()])
    if quizzes:
        module_with_towns(assigned_to=[student], towns=2, quiz=quizzes[0])
    module_with_towns(assigned_to=[UserFactory()], towns=2)
    assignments = student_assignments(user=student)

    shown = _dashboard_reads(student, assignments)

    # Without the assignments read ahead, the filters are subqueries: no compiled read.
    assert shown == _dashboard_reads(student, None)
    assert sorted(row[1] for row in shown[0]) == sorted(f"Assigned {n}" for n in range(assigned))
    assert [row[2] for row in shown[0]] == [
        quiz.quiz_questions.count() for quiz in reversed(quizzes)
    ]
    assert len(shown[1]) == (1 if quizzes else 0)


def test_the_students_assignments_are_the_rows_of_their_classes(student):
    quiz = QuizFactory(assigned_to=[student], closes_at=timezone.now() + timedelta(days=2))
    QuizFactory(assigned_to=[UserFactory()])

    (row,) = student_assignments(user=student).rows

    assert row == (quiz.pk, quiz.closes_at, None, None, None, None, None, Decimal("1.00"), 0, 0)


def test_rows_is_for_a_values_list_read_only():
    read = CompiledRead(lambda *, attempt_id: Attempt.objects.filter(pk=attempt_id))
    with pytest.raises(ValueError, match="rows\\(\\) is for a values_list\\(\\) read"):
        read.rows(attempt_id=1)


@pytest.mark.parametrize("due", [0, 1, 3])
def test_the_review_count_counts_the_items_due_now(student, due):
    now = timezone.now()
    questions = list(QuizFactory(question_count=due + 1).questions.all())
    for days, question in enumerate(questions[:due], start=1):
        _review_item(student, question, due=now - timedelta(days=days))
    _review_item(student, questions[due], due=now + timedelta(days=1))
    _review_item(UserFactory(), questions[0], due=now - timedelta(days=1))

    assert selectors.review_due_count(student=student) == due


def _review_item(student, question, *, due):
    return ReviewItem.objects.create(
        student=student, item=question, source=ReviewItem.Source.MISTAKE, due=due
    )


@pytest.mark.parametrize("quiz_count", [1, 2, COMPILED_LIST_LENGTH + 1])
def test_each_quizs_access_is_the_widest_of_the_students_classes(teacher, student, quiz_count):
    # Two classes assign every quiz: one until a date, the other with no close, more time
    # and an extra attempt for this student.
    quizzes = [
        QuizFactory(owner=teacher, time_limit_minutes=20, max_attempts=2) for _ in range(quiz_count)
    ]
    until = class_with(student, owner=teacher, name="7A")
    accommodating = class_with(student, owner=teacher, name="7B")
    Enrolment.objects.filter(school_class=accommodating, student=student).update(
        time_factor=Decimal("1.5"), extra_attempts=1
    )
    closes = timezone.now() + timedelta(days=3)
    for quiz in quizzes:
        class_services.assignment_create(school_class=until, quiz=quiz, closes_at=closes)
        class_services.assignment_create(school_class=accommodating, quiz=quiz)

    accesses = quiz_accesses(user=student, quizzes=quizzes)

    assert {
        quiz.pk: (access.closes_at, access.time_limit_minutes(quiz), access.attempt_limit(quiz))
        for quiz, access in ((quiz, accesses[quiz.pk]) for quiz in quizzes)
    } == {quiz.pk: (None, 30, 3) for quiz in quizzes}
    assert quiz_access(user=student, quiz=quizzes[0]) == accesses[quizzes[0].pk]
    assert quiz_access(user=UserFactory(), quiz=quizzes[0]) is None


def test_the_attempts_used_count_each_attempt_of_this_student_at_this_quiz(student):
    classmate = UserFactory()
    quiz = QuizFactory(question_count=1, assigned_to=[student, classmate])
    other = QuizFactory(question_count=1, assigned_to=[student])
    assert selectors.attempts_used_count(quiz_id=quiz.pk, student_id=student.pk) == 0
    services.attempt_submit(attempt=services.attempt_start(quiz=quiz, student=student))
    services.attempt_start(quiz=quiz, student=student)
    services.attempt_start(quiz=other, student=student)
    services.attempt_start(quiz=quiz, student=classmate)

    assert selectors.attempts_used_count(quiz_id=quiz.pk, student_id=student.pk) == 2
    assert selectors.attempt_counts(quiz=quiz, student=student)[0] == 2


def _numbers_of(*, shape: int, student_id: int, quiz_ids=(), **each: int):
    ids = list(quiz_ids) or list(each.values())
    return (
        Attempt.objects.filter(student_id=student_id, quiz_id__in=ids)
        .order_by("quiz_id", "number")
        .values_list("quiz_id", "number")
    )


@pytest.mark.parametrize("count", [1, 3, COMPILED_LIST_LENGTH + 1])
def test_a_read_of_ids_gives_the_queryset_rows_compiled_or_built(count, django_assert_num_queries):
    student = UserFactory()
    quizzes = [QuizFactory(question_count=1) for _ in range(count)]
    for quiz in quizzes[::2]:
        AttemptFactory(student=student, quiz=quiz, number=1)
    AttemptFactory(quiz=quizzes[0], number=1)  # another student's
    ids = [quiz.pk for quiz in reversed(quizzes)]
    expected = list(_numbers_of(shape=count, student_id=student.pk, quiz_ids=ids))
    built = []
    read = CompiledRead(_numbers_of)

    def otherwise():
        built.append(count)
        return _numbers_of(shape=count, student_id=student.pk, quiz_ids=ids)

    with django_assert_num_queries(1):
        rows = read.rows_of_ids(ids, otherwise=otherwise, student_id=student.pk)
    assert rows == expected
    assert len(rows) == len(quizzes[::2])
    assert built == ([count] if count > COMPILED_LIST_LENGTH else [])


def test_value_is_the_count_or_the_default_where_there_is_no_row():
    student = UserFactory()
    read = CompiledRead(
        lambda *, student_id: (
            Attempt.objects.filter(student_id=student_id)
            .values("student_id")
            .annotate(n=Count("id"))
            .values_list("n")
        )
    )
    assert read.value(student_id=student.pk) == 0
    assert read.value(student_id=student.pk, default=None) is None
    AttemptFactory(student=student, number=1)
    AttemptFactory(student=student, number=2)
    assert read.value(student_id=student.pk) == 2
