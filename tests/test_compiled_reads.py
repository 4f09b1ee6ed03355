"""A read compiled once (config/compiled.py) gives what its queryset gives, for every set of
parameter values after the first, and refuses what it cannot compile exactly; the sessions
read that way (config/sessions.py) end on logout, expiry and a password change."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.db.models import Count, F
from django.db.transaction import TransactionManagementError
from django.urls import reverse
from django.utils import timezone

from config.compiled import CompiledRead
from learning import selectors
from learning.models import Attempt
from learning.tests.factories import AttemptFactory, QuizFactory, ResponseFactory
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
