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


@pytest.mark.parametrize(
    ("kind", "given", "score"),
    [
        ("multiple_choice", "Oslo", 1.0),
        ("multiple_choice", " oslo ", 1.0),
        ("multiple_choice", "Lisbon", 0.0),
        ("multiple_choice", "", 0.0),
        ("true_false", "False", 1.0),
        ("true_false", "True", 0.0),
        ("fill_blank", "Forty-Two", 1.0),
        ("fill_blank", "42.", 1.0),
        ("fill_blank", "   ", 0.0),
        ("short_answer", "  maria   ALVAREZ ", 1.0),
        ("short_answer", "Alvarez!", 1.0),
        ("short_answer", "Maria", 0.0),
        ("numeric", "9 billion", 1.0),
        ("numeric", "9,000,000,000", 1.0),
        ("numeric", "$9bn", 1.0),
        ("numeric", "9.05 billion dollars", 1.0),
        ("numeric", "9.2 billion", 0.0),
        ("numeric", "nine", 0.0),
        ("ordering", ["Founding", "Treaty", "Election", "Ceasefire"], 1.0),
        ("ordering", ["Founding", "Treaty", "Ceasefire", "Election"], 0.5),
        ("ordering", ["Founding", "Founding", "Founding", "Founding"], 0.25),
        ("ordering", ["Treaty", "Founding", "", ""], 0.0),
        ("ordering", [], 0.0),
        ("matching", {"Ana Ruiz": "Envoy", "Ben Okafor": "Judge", "Chen Wu": "Mayor"}, 1.0),
        ("matching", {"Ana Ruiz": "Envoy", "Ben Okafor": "Mayor", "Chen Wu": "Judge"}, 1 / 3),
        ("matching", [["Ana Ruiz", "Envoy"], ["Chen Wu", "Mayor"]], 2 / 3),
        ("matching", {}, 0.0),
        ("matching", None, 0.0),
    ],
)
def test_every_kind_with_edge_cases(kind, given, score):
    from learning.tests.factories import KIND_FIELDS

    fields = {k: v for k, v in KIND_FIELDS[kind].items() if k != "prompt"}
    assert score_answer(question(kind=kind, **fields), given) == pytest.approx(score)


def test_numeric_without_a_tolerance_is_exact_and_reads_the_display_value():
    q = question(kind="numeric", answer={"value": 2021, "unit": "", "display": "2021"})
    assert [score_answer(q, given) for given in ["2021", "2,021", "2022"]] == [1.0, 1.0, 0.0]


def test_numeric_tolerance_comes_from_the_answer_when_the_question_has_none():
    q = question(kind="numeric", answer={"value": 100, "tolerance": 5})
    assert [score_answer(q, given) for given in ["104", "106"]] == [1.0, 0.0]


@pytest.mark.parametrize(
    ("typed", "strict", "expected"),
    [
        ("March 1979", False, 1979.0),
        ("March 1979", True, None),
        ("US$ 9 billion", True, 9e9),
        ("1.5m", True, 1.5e6),
        ("-3.5", True, -3.5),
        ("12 apples", True, None),
    ],
)
def test_strict_numbers_are_nothing_but_a_number(typed, strict, expected):
    assert parse_number(typed, strict=strict) == expected


def test_fill_blank_does_not_take_a_date_for_its_year():
    q = question(kind="fill_blank", accepted_answers=["1979"])
    assert (score_answer(q, "1979"), score_answer(q, "March 1979")) == (1.0, 0.0)


def test_expected_and_given_answers_are_written_out():
    from learning.display import expected_answer_text, given_answer_text
    from learning.tests.factories import KIND_FIELDS

    def q(kind):
        return question(kind=kind, **{k: v for k, v in KIND_FIELDS[kind].items()})

    assert expected_answer_text(q("numeric")) == "$9 billion"
    assert expected_answer_text(q("ordering")) == "Founding → Treaty → Election → Ceasefire"
    assert expected_answer_text(q("matching")) == (
        "Ana Ruiz = Envoy; Ben Okafor = Judge; Chen Wu = Mayor"
    )
    assert expected_answer_text(q("fill_blank")) == "forty-two or 42"
    assert given_answer_text(q("ordering"), ["Treaty", ""]) == "Treaty → ?"
    assert given_answer_text(q("matching"), {"Ana Ruiz": "Judge"}) == "Ana Ruiz = Judge"
