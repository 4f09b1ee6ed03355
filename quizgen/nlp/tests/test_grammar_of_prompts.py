"""Lane gram, stop 21: early years get date options like any other year (invented texts)."""

import pytest

from quizgen.nlp import extract_facts
from quizgen.nlp.generate.builders import _another_year
from quizgen.nlp.generate.distractors import date_choice
from quizgen.nlp.types import FactKind


@pytest.mark.parametrize(
    ("text", "answer", "options"),
    [
        (
            "Marcus Tellan was a Roman engineer. In AD 96 Tellan built a bridge over the Ardo.",
            "AD 96",
            ("AD 81", "AD 86", "AD 91"),
        ),
        (
            "Marcus Tellan was a Roman engineer. Tellan built a bridge over the Ardo in 96 AD.",
            "96 AD",
            ("81 AD", "86 AD", "91 AD"),
        ),
    ],
)
def test_an_early_year_gets_date_options_written_in_its_era(nlp_pipeline, text, answer, options):
    extraction = extract_facts(text, nlp=nlp_pipeline)
    (fact,) = [f for f in extraction.of_kind(FactKind.DATE) if f.text.strip() == answer]
    choice = date_choice(fact, answer, extraction, None)
    assert choice is not None and choice.ranked == (*options, answer)


def test_a_three_digit_year_has_options_and_another_year():
    from types import SimpleNamespace

    fact = SimpleNamespace(sentence=SimpleNamespace(text="In 759 Venn founded a school."))
    extraction = SimpleNamespace(of_kind=lambda kind: [])
    choice = date_choice(fact, "759", extraction, None)
    assert choice is not None and choice.below == ("754", "749", "744")
    assert _another_year("15 August 759", "") == "15 August 754"
    assert _another_year("AD 3", "") is None  # no year below 100 is moved
