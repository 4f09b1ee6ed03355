"""The autosave reads each posted question's fields from the question alone (no widget), in
a fixed number of queries, and saves exactly what the page's fields held."""

import pytest
from django.urls import reverse

from learning import services
from learning.models import Response
from learning.tests.factories import quiz_with_every_kind
from quizgen.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(student):
    quiz = quiz_with_every_kind(assigned_to=[student])
    return services.attempt_start(quiz=quiz, student=student)


def question(attempt, kind):
    return attempt.quiz.questions.get(kind=kind)


def save(client, attempt, form):
    return client.post(reverse("learning:attempt_autosave", args=[attempt.pk]), form)


def test_ordering_and_matching_rows_are_read_from_their_fields(client, student, attempt):
    ordering, matching = question(attempt, "ordering"), question(attempt, "matching")
    client.force_login(student)
    form = {
        **{f"q-{ordering.pk}-{n}": item for n, item in enumerate(["Treaty", "Founding"])},
        f"q-{ordering.pk}-2": "",
        f"q-{ordering.pk}-3": "Election",
        # A fifth position does not exist: the question has four items.
        f"q-{ordering.pk}-4": "Ceasefire",
        f"q-{matching.pk}-0": "Envoy",
        f"q-{matching.pk}-2": " Judge ",
    }
    assert save(client, attempt, form).json() == {"saved": True, "message": "Saved."}
    saved = dict(Response.objects.values_list("question_id", "answer"))
    assert saved == {
        ordering.pk: ["Treaty", "Founding", "", "Election"],
        matching.pk: {"Ana Ruiz": "Envoy", "Chen Wu": "Judge"},
    }


def test_a_changed_answer_is_updated_and_an_unchanged_one_left_as_it_was(
    client, student, attempt, django_assert_num_queries
):
    typed, numeric = question(attempt, "fill_blank"), question(attempt, "numeric")
    client.force_login(student)
    save(client, attempt, {f"q-{typed.pk}": "41", f"q-{numeric.pk}": "9bn"})
    before = Response.objects.get(question=numeric).saved_at
    # Session, user; in a savepoint (BEGIN and COMMIT in production): the attempt's row
    # locked, the posted questions with their saved responses, one UPDATE.
    with django_assert_num_queries(7):
        answer = save(client, attempt, {f"q-{typed.pk}": "42", f"q-{numeric.pk}": "9bn"})
    assert answer.json() == {"saved": True, "message": "Saved."}
    assert dict(Response.objects.values_list("question_id", "answer")) == {
        typed.pk: "42",
        numeric.pk: "9bn",
    }
    assert Response.objects.get(question=numeric).saved_at == before


def test_fields_of_a_question_of_another_quiz_are_ignored(client, student, attempt):
    other = quiz_with_every_kind(assigned_to=[student])
    stranger = other.questions.get(kind="fill_blank")
    typed = question(attempt, "fill_blank")
    client.force_login(student)
    answer = save(client, attempt, {f"q-{stranger.pk}": "42", f"q-{typed.pk}": "42"})
    assert answer.json() == {"saved": True, "message": "Saved."}
    assert list(Response.objects.values_list("question_id", "answer")) == [(typed.pk, "42")]


def test_another_students_attempt_is_not_found(client, attempt):
    client.force_login(UserFactory(username="someone-else"))
    typed = question(attempt, "fill_blank")
    assert save(client, attempt, {f"q-{typed.pk}": "42"}).status_code == 404
    assert Response.objects.count() == 0
