"""Reading figures: value, unit and qualifier, without the trained pipeline."""

import pytest

from quizgen.nlp.figures import FigureValue, parse_figure


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$9 billion", FigureValue(9e9, "USD", "")),
        ("over 15,000", FigureValue(15000.0, "", "over")),
        ("149", FigureValue(149.0, "", "")),
        ("two decades", FigureValue(2.0, "decade", "")),
        ("a dozen", FigureValue(12.0, "", "")),
        ("fifteen thousand", FigureValue(15000.0, "", "")),
        ("45 percent", FigureValue(45.0, "%", "")),
        ("12.5%", FigureValue(12.5, "%", "")),
        ("more than 100 years", FigureValue(100.0, "year", "more than")),
        ("roughly 3.5 million", FigureValue(3.5e6, "", "roughly")),
        ("£40 million", FigureValue(4e7, "GBP", "")),
        ("10-20 km", FigureValue([10.0, 20.0], "km", "")),
        ("between 5 and 8", FigureValue([5.0, 8.0], "", "")),
        ("dozens", FigureValue(None, "", "")),
        ("just over 24 hours", FigureValue(24.0, "hour", "just over")),
        ("twenty working days", FigureValue(20.0, "day", "")),
        ("21st", FigureValue(21.0, "ordinal", "")),
        ("third", FigureValue(3.0, "ordinal", "")),
        ("two-year", FigureValue(2.0, "year", "")),
        ("one hundred and twenty", FigureValue(120.0, "", "")),
    ],
)
def test_parse_figure(text, expected):
    assert parse_figure(text) == expected
