"""Bad input from students through the API: refused in the error shape, nothing stored, every
page that would show the answer still works."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from api.errors import BODY_TOO_LARGE
from learning import answer_input, services
from learning.models import Attempt, Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(clients, bank):
    started = clients["student"].post(reverse("api:attempt-start", args=[bank["quiz"].pk]))
    assert started.status_code == 201
    return started.json()


def save(client, attempt, body: bytes):
    return client.put(
        reverse("api:attempt-save-answers", args=[attempt["id"]]),
        body,
        content_type="application/json",
    )


def answers_body(question_id: int, answer_json: str) -> bytes:
    return f'{{"answers": [{{"question": {question_id}, "answer": {answer_json}}}]}}'.encode()


def assert_pages_still_work(people, bank, attempt) -> None:
    student, teacher = Client(), Client()
    student.force_login(people["student"])
    teacher.force_login(people["teacher"])
    take = student.get(reverse("learning:attempt_take", args=[attempt["id"]]))
    assert take.status_code == 200
    assert student.get(reverse("learning:dashboard")).status_code == 200
    quiz = bank["quiz"].pk
    assert teacher.get(reverse("learning:teach_quiz", args=[quiz])).status_code == 200
    student_id = people["student"].pk
    page = teacher.get(reverse("learning:teach_student", args=[quiz, student_id]))
    assert page.status_code == 200


def test_a_lone_surrogate_escape_is_refused_and_nothing_is_stored(clients, people, bank, attempt):
    question = bank["questions"]["fill_blank"].pk
    response = save(clients["student"], attempt, answers_body(question, '"x\\udfff"'))
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "parse_error",
            "message": "The request body is not valid JSON (invalid high surrogate in string).",
            "fields": {},
        }
    }
    assert Response.objects.count() == 0
    detail = clients["student"].get(reverse("api:attempt-detail", args=[attempt["id"]]))
    assert detail.status_code == 200
    assert_pages_still_work(people, bank, attempt)


def test_a_surrogate_written_as_bytes_is_refused(clients, bank, attempt):
    question = bank["questions"]["fill_blank"].pk
    body = answers_body(question, '"x__"').replace(b"__", "\udfff".encode("utf-8", "surrogatepass"))
    response = save(clients["student"], attempt, body)
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "parse_error",
        "message": "The request body is not valid JSON (str is not valid UTF-8).",
        "fields": {},
    }
    assert Response.objects.count() == 0


def test_a_body_nested_100000_levels_deep_is_refused(clients, bank, attempt):
    question = bank["questions"]["fill_blank"].pk
    deep = "[" * 100_000 + "]" * 100_000
    for body in (answers_body(question, deep), deep.encode()):
        response = save(clients["student"], attempt, body)
        assert response.status_code == 400
        assert response.json()["error"] == {
            "code": "parse_error",
            "message": "The request body is not valid JSON (depth limit exceeded).",
            "fields": {},
        }
    submit = clients["student"].post(
        reverse("api:attempt-submit", args=[attempt["id"]]),
        answers_body(question, deep),
        content_type="application/json",
    )
    assert submit.status_code == 400
    assert Attempt.objects.get(pk=attempt["id"]).state == Attempt.State.IN_PROGRESS


@pytest.mark.parametrize(
    ("kind", "answer", "message"),
    [
        ("fill_blank", "a" * 4_000_000, answer_input.ANSWER_TOO_LONG),
        ("fill_blank", "a" * 1001, answer_input.ANSWER_TOO_LONG),
        ("ordering", ["Mu meeting", "b" * 1001], answer_input.ANSWER_TOO_LONG),
        ("ordering", ["Mu meeting"] * 51, answer_input.ANSWER_TOO_MANY_PARTS),
        ("matching", {"Quorn": "c" * 5000}, answer_input.ANSWER_TOO_LONG),
        ("fill_blank", "x\u0000", answer_input.ANSWER_UNREADABLE),
        ("fill_blank", "x\u0007y", answer_input.ANSWER_UNREADABLE),
        ("fill_blank", "x\ufffd", answer_input.ANSWER_UNREADABLE),
        ("fill_blank", "\u202eaitetuL", answer_input.ANSWER_UNREADABLE),
        ("fill_blank", "Lutetia\u2067", answer_input.ANSWER_UNREADABLE),
        ("fill_blank", "Lutetia\uffff", answer_input.ANSWER_UNREADABLE),
        ("fill_blank", "Lutetia\U0010fffe", answer_input.ANSWER_UNREADABLE),
        ("fill_blank", "Lute\u0301\u0301\u0301\u0301\u0301tia", answer_input.ANSWER_UNREADABLE),
        ("matching", {"Quorn": "x\u202d"}, answer_input.ANSWER_UNREADABLE),
    ],
)
def test_answers_the_schema_does_not_allow_are_refused(
    clients, people, bank, attempt, kind, answer, message
):
    question = bank["questions"][kind].pk
    response = save(clients["student"], attempt, answers_body(question, json.dumps(answer)))
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid",
            "message": "Some fields are not valid: see `fields` for what to fix.",
            "fields": {"answers.0.answer": [message]},
        }
    }
    assert Response.objects.count() == 0
    assert_pages_still_work(people, bank, attempt)


@pytest.mark.parametrize(
    ("typed", "score"),
    [
        ("Lute\u0300ce", 1.0),  # the accent typed as a combining mark
        ("Lutetia 🏛️", 1.0),
        ("\u200fLutetia", 1.0),  # a right-to-left mark
        ("Lutetia\u200b", 1.0),  # a zero-width space
        ("👩🏽‍🏫", 0.0),  # a sequence of emoji joined by U+200D
        ("ﻟﻮﺗﻴﺘﻴﺎ", 0.0),  # Arabic presentation forms
        ("ạ\u0302\u0301", 0.0),  # Vietnamese: two marks on one letter
    ],
)
def test_odd_but_readable_answers_are_kept_as_typed_and_shown(
    clients, people, bank, attempt, typed, score
):
    question = bank["questions"]["fill_blank"].pk
    response = save(clients["student"], attempt, answers_body(question, json.dumps(typed)))
    assert response.status_code == 200
    assert Response.objects.get().answer == typed
    assert_pages_still_work(people, bank, attempt)
    result = clients["student"].post(reverse("api:attempt-submit", args=[attempt["id"]]))
    item = next(item for item in result.json()["items"] if item["question"] == question)
    assert (item["given"], item["score"]) == (typed, score)
    student = Client()
    student.force_login(people["student"])
    page = student.get(reverse("learning:attempt_result", args=[attempt["id"]]))
    assert page.status_code == 200
    assert typed in page.content.decode()


def test_the_longest_allowed_answer_is_saved(clients, bank, attempt):
    question = bank["questions"]["fill_blank"].pk
    response = save(clients["student"], attempt, answers_body(question, json.dumps("é" * 1000)))
    assert response.status_code == 200
    assert Response.objects.get().answer == "é" * 1000


def test_a_too_long_answer_sent_with_the_submission_leaves_the_attempt_open(clients, bank, attempt):
    question = bank["questions"]["fill_blank"].pk
    response = clients["student"].post(
        reverse("api:attempt-submit", args=[attempt["id"]]),
        answers_body(question, json.dumps("a" * 4_000_000)),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "answers.0.answer": [answer_input.ANSWER_TOO_LONG]
    }
    assert Attempt.objects.get(pk=attempt["id"]).state == Attempt.State.IN_PROGRESS


def test_a_body_over_the_size_limit_is_refused(clients, bank, attempt, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    question = bank["questions"]["fill_blank"].pk
    body = answers_body(question, json.dumps("a" * 1_100_000))
    response = save(clients["student"], attempt, body)
    assert response.status_code == 413
    assert response.json() == {
        "error": {"code": "too_large", "message": BODY_TOO_LARGE.format(limit=1), "fields": {}}
    }
    assert Response.objects.count() == 0


@pytest.mark.parametrize(
    "answer",
    [
        "x\udfff",
        "a" * 1001,
        ["ok", "\ud800"],
        {"Quorn": "x\x00"},
        {"\udfff": "Xylo"},
        {"Quorn\u202e": "Xylo"},
        ["ok", "\ufdd0"],
    ],
)
def test_the_save_service_refuses_what_no_page_could_show(people, bank, answer):
    attempt = services.attempt_start(quiz=bank["quiz"], student=people["student"])
    question = bank["questions"]["matching"].pk
    with pytest.raises(ValidationError) as error:
        services.attempt_save_answers(attempt=attempt, answers={question: answer})
    assert error.value.code == "invalid_answer"
    assert Response.objects.count() == 0
    services.attempt_submit(attempt=attempt)
    assert Response.objects.get(question_id=question).answer is None
