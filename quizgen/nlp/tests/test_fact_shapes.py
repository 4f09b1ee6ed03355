"""What is a date, a figure or an actor: shapes of English the extraction got wrong on texts
outside the corpus (found by people judging a sample of what it extracts), each on a sentence
of its own."""

import pytest

from quizgen.nlp import extract_facts
from quizgen.nlp.types import FactKind


@pytest.fixture(scope="module")
def facts(nlp_pipeline):
    def run(text):
        extraction = extract_facts(text, nlp=nlp_pipeline)
        return {
            kind: [fact.text for fact in extraction.of_kind(kind)]
            for kind in (FactKind.DATE, FactKind.FIGURE)
        } | {
            FactKind.ACTOR: [
                mention.text
                for fact in extraction.of_kind(FactKind.ACTOR)
                for mention in fact.mentions
            ]
        }

    return run


DATES_AND_FIGURES = [
    pytest.param(
        "Osric was born around 540 AD in Velmark and the town fell in 400 BCE.",
        ["540 AD", "400 BCE"],
        [],
        id="a-year-before-1000-with-its-era-is-a-date-and-the-era-no-actor",
    ),
    pytest.param(
        "Osric died on 3 May 712. He had reached Velmark by 715 and was made abbot in 702. "
        "He ruled 300 monks.",
        ["3 May 712", "715", "702"],
        ["300"],
        id="a-text-that-dates-by-three-digit-years-has-them-after-in-and-by",
    ),
    pytest.param(
        "The mill output rose by 300 in 1990.",
        ["1990"],
        ["300"],
        id="a-three-digit-number-is-a-figure-where-the-text-has-no-such-years",
    ),
    pytest.param(
        "Ana took silver at the 2002 Harlow Games.",
        ["2002"],
        [],
        id="a-year-before-a-name-is-a-date-not-a-count",
    ),
    pytest.param(
        "When Ana was eleven, she left Harlow for good.",
        [],
        ["eleven"],
        id="a-number-in-words-is-an-age-not-a-date",
    ),
    pytest.param(
        "Ruiz died at the age of 78.",
        [],
        ["78"],
        id="the-age-of-a-number-is-a-figure-not-a-date",
    ),
    pytest.param(
        "A grown heart weighs 10 to 12 ounces.",
        [],
        ["10 to 12 ounces"],
        id="a-weight-is-a-figure-not-a-date",
    ),
    pytest.param(
        "After years of poor sales, the mill closed in 1880.",
        ["1880"],
        [],
        id="a-unit-of-time-alone-in-the-plural-is-neither-date-nor-figure",
    ),
    pytest.param(
        "She left on 14 July or 17 July 1796.",
        ["14 July", "17 July 1796"],
        [],
        id="a-date-does-not-end-in-the-or-of-a-list",
    ),
    pytest.param(
        "She finished grade 12 in Leeds, and the rule is on page 80.",
        [],
        [],
        id="a-number-after-the-noun-it-labels-is-no-figure",
    ),
    pytest.param(
        "If one supposes the pump turns twice, the tank fills.",
        [],
        [],
        id="one-standing-for-a-person-is-no-figure",
    ),
    pytest.param(
        "At one point the river froze.",
        [],
        [],
        id="one-in-a-set-phrase-is-no-figure",
    ),
    pytest.param(
        "Early years\nShe was born in Leeds in 1901.",
        ["1901"],
        [],
        id="a-heading-is-no-date",
    ),
    pytest.param(
        "When the mill reached the twenty-first century, old looms still ran.",
        ["the twenty-first century"],
        [],
        id="an-ordinal-century-is-a-date-and-an-old-after-a-comma-no-age",
    ),
]


@pytest.mark.parametrize(("text", "dates", "figures"), DATES_AND_FIGURES)
def test_dates_and_figures_are_told_apart(facts, text, dates, figures):
    found = facts(text)
    assert (found[FactKind.DATE], found[FactKind.FIGURE]) == (dates, figures)


def test_a_year_before_1000_has_its_value_with_the_era_as_a_sign(nlp_pipeline):
    extraction = extract_facts(
        "The fort fell in 400 BCE and was rebuilt in AD 612.", nlp=nlp_pipeline
    )
    assert [(fact.text, fact.value) for fact in extraction.of_kind(FactKind.DATE)] == [
        ("400 BCE", "-0400"),
        ("AD 612", "0612"),
    ]


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        pytest.param(
            "She won the Harlow Book Awards in 2001.",
            [],
            id="the-name-of-a-prize-is-no-actor",
        ),
        pytest.param(
            "He won silver at the Harlow Olympic Games and a bronze as a Velmark Olympic sprinter.",
            [],
            id="the-name-of-an-event-is-no-actor",
        ),
        pytest.param(
            "The Crash of 1907 closed the Harlow mills, and the Crash also ruined farmers.",
            ["Harlow"],
            id="an-event-named-by-its-year-is-no-actor-wherever-it-is-written",
        ),
        pytest.param(
            "Colour and Mass of the Spleen\nThe spleen is small.",
            [],
            id="common-nouns-capitalised-by-a-heading-are-no-actor",
        ),
    ],
)
def test_what_is_not_an_actor(facts, text, actors):
    assert facts(text)[FactKind.ACTOR] == actors
