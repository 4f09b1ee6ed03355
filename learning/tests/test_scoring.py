import pytest

from learning.numbers import parse_number
from learning.scoring import normalise_text, score_answer
from quizgen.models import Question


def question(**fields):
    return Question(**fields)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("9 billion", 9e9), ("9,000,000,000", 9e9), ("$9bn", 9e9), ("15 000", 15000.0), ("abc", None)],
)
def test_numbers_read_the_way_people_write_them(typed, expected):
    assert parse_number(typed) == expected


@pytest.mark.parametrize(
    ("given", "score"),
    [
        ("Soviet Union", 1.0),
        ("  the soviet union. ", 1.0),
        ("USSR", 1.0),
        ("Russia", 0.0),
        ("", 0.0),
    ],
)
def test_fill_blank_accepts_aliases_case_and_punctuation(given, score):
    q = question(kind="fill_blank", accepted_answers=["Soviet Union", "USSR"])
    assert score_answer(q, given) == score


def test_multiple_choice():
    q = question(
        kind="multiple_choice",
        options=[{"text": "1979", "correct": True}, {"text": "1983", "correct": False}],
    )
    assert (score_answer(q, "1979"), score_answer(q, "1983"), score_answer(q, None)) == (
        1.0,
        0.0,
        0.0,
    )


def test_numeric_uses_tolerance():
    q = question(kind="numeric", answer={"value": 15000}, tolerance=500)
    assert [score_answer(q, given) for given in ["15,000", "15400", "16000"]] == [1.0, 1.0, 0.0]


def test_ordering_gives_partial_credit_per_position():
    q = question(kind="ordering", answer=["1979", "2003", "2021", "2025"])
    assert score_answer(q, ["1979", "2003", "2025", "2021"]) == 0.5


def test_matching_gives_partial_credit_per_pair():
    q = question(kind="matching", answer=[["Putin", "President"], ["Lavrov", "Foreign Minister"]])
    assert score_answer(q, {"Putin": "President", "Lavrov": "President"}) == 0.5


def test_normalise_text():
    assert normalise_text("  The  Soviet-Union! ") == "soviet union"
