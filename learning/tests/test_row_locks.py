"""Saving answers locks the attempt's row only: students of one quiz never wait on each other."""

import threading
import time
from contextlib import contextmanager

import pytest
from django.db import connection, connections, transaction

from classes.tests.factories import enrol_for
from learning import services
from learning.tests.factories import QuizFactory, QuizQuestionFactory
from quizgen.tests.factories import UserFactory


@contextmanager
def held_open(work):
    """Run `work` in a transaction of another thread and keep that transaction open, its
    locks held, until the block ends; the block is given the event that ends it early."""
    holding, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                work()
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(10)
        yield release
    finally:
        release.set()
        holder.join(10)


@pytest.mark.django_db(transaction=True)
def test_a_save_holding_its_lock_does_not_block_another_students_save():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks are a PostgreSQL matter (SQLite locks the whole database).")
    quiz = QuizFactory()
    entry = QuizQuestionFactory(quiz=quiz, position=1)
    students = [UserFactory(username="first"), UserFactory(username="second")]
    enrol_for(quiz, *students)
    first = services.attempt_start(quiz=quiz, student=students[0])
    second = services.attempt_start(quiz=quiz, student=students[1])

    def save_first():
        services.attempt_save_answers(attempt=first, answers={entry.question_id: "a"})

    with held_open(save_first):
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        started = time.monotonic()
        services.attempt_save_answers(attempt=second, answers={entry.question_id: "b"})
        waited = time.monotonic() - started
    assert waited < 1
    assert second.responses.get().answer == "b"


@pytest.mark.django_db(transaction=True)
def test_two_tabs_starting_at_the_same_moment_get_the_same_attempt():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent transactions are a PostgreSQL matter (SQLite takes turns).")
    quiz = QuizFactory()
    QuizQuestionFactory(quiz=quiz, position=1)
    student = UserFactory(username="two-tabs")
    enrol_for(quiz, student)
    first = {}

    def start_first():
        first["attempt"] = services.attempt_start(quiz=quiz, student=student)

    with held_open(start_first) as release:
        # The first tab's attempt is not committed yet: this start sees none in progress,
        # and its INSERT waits on the first one's, then fails the unique constraint.
        threading.Timer(0.5, release.set).start()
        second = services.attempt_start(quiz=quiz, student=student)
    assert second.pk == first["attempt"].pk
    assert list(quiz.attempts.values_list("number", "state")) == [(1, "in_progress")]
