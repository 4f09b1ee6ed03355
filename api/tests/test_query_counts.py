"""Each read runs a fixed number of queries whatever the page size (token auth included)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from api.models import ExternalIdentity
from api.tests.conftest import make_questions
from learning.tests.factories import AttemptFactory, QuizFactory, QuizQuestionFactory
from quizgen.tests.factories import DocumentFactory, FactFactory, UserFactory

pytestmark = pytest.mark.django_db


def grow(people, bank, size: int) -> dict:
    """`size` of everything: documents, facts, questions, quizzes, attempts and students."""
    teacher, student = people["teacher"], people["student"]
    for _ in range(size):
        document = DocumentFactory(owner=teacher)
        FactFactory(document=bank["document"])
        make_questions(document)
        quiz = QuizFactory(owner=teacher)
        QuizQuestionFactory(quiz=quiz, question=bank["questions"]["multiple_choice"])
        AttemptFactory(
            quiz=quiz,
            student=student,
            state="submitted",
            score=1.0,
            max_score=1.0,
            submitted_at=quiz.published_at,
        )
        classmate = UserFactory()
        AttemptFactory(
            quiz=bank["quiz"],
            student=classmate,
            state="submitted",
            score=2.0,
            max_score=6.0,
            submitted_at=quiz.published_at,
        )
        ExternalIdentity.objects.create(
            account=people["account"], user=classmate, external_id=f"lms-{classmate.pk}"
        )
    return {"quiz": bank["quiz"], "document": bank["document"]}


# fmt: off
READS = [
    # name, role, url builder, pinned query count
    ("document list", "teacher", lambda w: reverse("api:document-list"), 4),
    ("document detail", "teacher",
     lambda w: reverse("api:document-detail", args=[w["document"].pk]), 4),
    ("document job", "teacher", lambda w: reverse("api:document-job", args=[w["document"].pk]), 3),
    # + the tags of the page's questions, in one prefetch
    ("question list", "teacher", lambda w: reverse("api:question-list"), 5),
    # + the student's window on the page's quizzes (their classes' assignments), one query
    ("quiz list", "student", lambda w: reverse("api:quiz-list"), 4),
    ("quiz owned list", "teacher", lambda w: reverse("api:quiz-owned-list"), 5),
    # + the student's window on the quiz (their classes' assignments), one query
    ("quiz detail", "student", lambda w: reverse("api:quiz-detail", args=[w["quiz"].pk]), 4),
    # 5: the typed answers' accepted forms read the documents' people (surnames), one query.
    ("quiz export qti", "teacher",
     lambda w: reverse("api:quiz-export", args=[w["quiz"].pk, "qti"]), 5),
    ("document export csv", "teacher",
     lambda w: reverse("api:document-export", args=[w["document"].pk, "csv"]), 4),
    ("attempt list", "student", lambda w: reverse("api:attempt-list"), 4),
    ("progress (teacher)", "teacher", lambda w: reverse("api:progress-list"), 4),
    ("progress (integration)", "integration", lambda w: reverse("api:progress-list"), 4),
    ("progress (student)", "student", lambda w: reverse("api:progress-list"), 4),
]
# fmt: on


def captured():
    # The connection keeps at most 9000 queries; a full log would make every count 0.
    connection.queries_log.clear()
    return CaptureQueriesContext(connection)


def count_queries(client, url) -> tuple[int, int]:
    with captured() as context:
        response = client.get(url, {"page_size": 100})
    assert response.status_code == 200, response.content[:300]
    return len(context), response


@pytest.mark.parametrize(("name", "role", "url", "pinned"), READS, ids=[r[0] for r in READS])
def test_reads_run_a_fixed_number_of_queries(people, bank, clients, name, role, url, pinned):
    small = grow(people, bank, 1)
    count_small, _ = count_queries(clients[role], url(small))
    grow(people, bank, 12)
    count_large, response = count_queries(clients[role], url(small))
    print("COUNTS", name, count_small, count_large)
    assert (count_small, count_large) == (pinned, pinned)


def test_an_attempt_runs_a_fixed_number_of_queries_whatever_its_length(people, clients):
    counts = []
    for size in (1, 15):
        document = DocumentFactory(owner=people["teacher"])
        quiz = QuizFactory(owner=people["teacher"], assigned_to=[people["student"]])
        for _ in range(size):
            for question in make_questions(document).values():
                QuizQuestionFactory(quiz=quiz, question=question)
        client = clients["student"]
        row = []
        with captured() as context:
            attempt = client.post(reverse("api:attempt-start", args=[quiz.pk])).json()
        row.append(len(context))
        answers = [{"question": q["id"], "answer": "x"} for q in attempt["questions"][:1]]
        with captured() as context:
            client.get(reverse("api:attempt-detail", args=[attempt["id"]]))
        row.append(len(context))
        with captured() as context:
            client.put(
                reverse("api:attempt-save-answers", args=[attempt["id"]]),
                {"answers": answers},
                format="json",
            )
        row.append(len(context))
        client.post(reverse("api:attempt-submit", args=[attempt["id"]]), {}, format="json")
        with captured() as context:
            client.get(reverse("api:attempt-result", args=[attempt["id"]]))
        row.append(len(context))
        counts.append(tuple(row))
    print("ATTEMPT COUNTS", counts)
    assert counts[0] == counts[1] == PINNED_ATTEMPT_COUNTS


# start, detail, save one answer, result (one more: whether another attempt of the quiz is in
# progress, which hides the answers). Starting reads the student's window, attempts and time
# from their classes (classes.selectors.quiz_access): one query. Saving reads the posted
# questions with the attempt's responses to them in one join (12 before: the questions'
# ids and the responses were read apart). Starting counts the attempts used and finds the
# one in progress in one aggregate, with no row lock and no savepoint of its own around
# the INSERT (15 before: the lock, the count, SAVEPOINT and RELEASE).
PINNED_ATTEMPT_COUNTS = (12, 5, 11, 6)


# fmt: off
WRITES = [
    # name, method, url builder, body, pinned query count (small quiz, large quiz)
    ("question edit", "patch", lambda w: reverse("api:question-edit", args=[w["mc"].pk]),
     {"prompt": "When was it?"}, 10),  # + the question's tags, shown in the answer
    ("question approve", "post", lambda w: reverse("api:question-approve", args=[w["mc"].pk]),
     None, 8),  # + the question's tags
    ("quiz settings", "patch", lambda w: reverse("api:quiz-settings", args=[w["quiz"].pk]),
     {"pass_mark": 70}, 16),  # + whether the quiz has attempts to regrade for the new mark
    ("quiz publish", "post", lambda w: reverse("api:quiz-publish", args=[w["quiz"].pk]), None, 9),
    ("document upload", "post", lambda w: reverse("api:document-upload"),
     {"title": "Notes", "text": "In 1979, the committee met in Paris for the last time."}, 6),
]
# fmt: on


@pytest.mark.parametrize(
    ("name", "method", "url", "body", "pinned"), WRITES, ids=[w[0] for w in WRITES]
)
def test_writes_run_a_fixed_number_of_queries(people, clients, name, method, url, body, pinned):
    counts = []
    for size in (1, 10):
        document = DocumentFactory(owner=people["teacher"])
        quiz = QuizFactory(owner=people["teacher"], is_published=False)
        mc = None
        for _ in range(size):
            questions = make_questions(document)
            mc = mc or questions["multiple_choice"]
            for question in questions.values():
                QuizQuestionFactory(quiz=quiz, question=question)
        world = {"quiz": quiz, "mc": mc}
        with captured() as context:
            response = getattr(clients["teacher"], method)(url(world), body, format="json")
        assert response.status_code in (200, 202), response.content[:300]
        counts.append(len(context))
        body = {**body, "text": body["text"] + " Again."} if body and "text" in body else body
    print("WRITE COUNTS", name, counts)
    assert counts == [pinned, pinned]
