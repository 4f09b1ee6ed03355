"""Extraction rules on short hand-written English texts, through the trained pipeline."""

from datetime import date

import pytest

from quizgen.nlp import extract_facts, extract_many
from quizgen.nlp.types import ActorFact, DateFact, FactKind, FigureFact, QuoteFact

PUBLISHED = date(2025, 7, 4)  # a Friday


@pytest.fixture(scope="module")
def extract(nlp_pipeline):
    def run(text):
        return extract_facts(text, published_on=PUBLISHED, nlp=nlp_pipeline)

    return run


def only(extraction, kind, text):
    found = [fact for fact in extraction.of_kind(kind) if fact.text == text]
    assert len(found) == 1, [fact.text for fact in extraction.of_kind(kind)]
    return found[0]


def actor(extraction, value) -> ActorFact:
    found = [fact for fact in extraction.of_kind(FactKind.ACTOR) if fact.value == value]
    assert len(found) == 1, [fact.value for fact in extraction.of_kind(FactKind.ACTOR)]
    return found[0]


def test_a_title_is_a_role_not_part_of_the_name(extract):
    extraction = extract(
        "President Maria Santos opened the new bridge on Monday. "
        "Santos said the project cost $40 million."
    )
    santos = actor(extraction, "Maria Santos")
    assert (santos.label, santos.role, santos.aliases) == ("person", "President", ("Santos",))
    assert [m.text for m in santos.mentions] == ["Maria Santos", "Santos"]
    monday = only(extraction, FactKind.DATE, "Monday")
    assert (monday.value, monday.precision) == ("2025-06-30", "day")
    assert monday.event == "President Maria Santos opened the new bridge"
    money = only(extraction, FactKind.FIGURE, "$40 million")
    assert (money.value, money.unit) == (4e7, "USD")


def test_a_role_in_apposition(extract):
    extraction = extract("Brazil's Foreign Minister, Carlos Mendes, arrived in Geneva on Friday.")
    assert actor(extraction, "Carlos Mendes").role == "Brazil's Foreign Minister"
    assert only(extraction, FactKind.DATE, "Friday").value == "2025-07-04"


def test_an_abbreviation_in_parentheses_joins_its_name(extract):
    extraction = extract("The World Health Organization (WHO) issued a warning in 2019.")
    who = actor(extraction, "World Health Organization")
    assert [m.text for m in who.mentions] == ["The World Health Organization", "WHO"]
    assert only(extraction, FactKind.DATE, "2019").value == "2019"


def test_a_hyphenated_name_stays_whole(extract):
    extraction = extract("ISIS-K claimed the attack, which killed 12 people.")
    isis = actor(extraction, "ISIS-K")
    assert isis.aliases == ("Islamic State Khorasan Province",)
    figure = only(extraction, FactKind.FIGURE, "12")
    assert (figure.value, figure.counted) == (12.0, "people")


def test_a_nationality_adjective_is_not_an_actor(extract):
    extraction = extract("German engineers built the plant in 1998. It employs over 2,500 workers.")
    assert extraction.of_kind(FactKind.ACTOR) == []
    figure = only(extraction, FactKind.FIGURE, "over 2,500")
    assert (figure.value, figure.qualifier, figure.counted) == (2500.0, "over", "workers")


def test_a_language_is_not_an_actor(extract):
    assert extract("She spoke French and German fluently.").facts == ()


def test_curated_aliases_cluster_one_actor(extract):
    extraction = extract("The USSR collapsed in 1991. The Soviet Union had fifteen republics.")
    soviet = actor(extraction, "Soviet Union")
    assert [m.text for m in soviet.mentions] == ["The USSR", "The Soviet Union"]
    assert soviet.aliases == ("USSR",)
    figure = only(extraction, FactKind.FIGURE, "fifteen")
    assert (figure.value, figure.counted) == (15.0, "republics")


def test_a_duration_is_a_figure_not_a_date(extract):
    extraction = extract("The treaty took 15 years to negotiate.")
    assert extraction.of_kind(FactKind.DATE) == []
    figure = only(extraction, FactKind.FIGURE, "15 years")
    assert (figure.value, figure.unit, figure.label) == (15.0, "year", "duration")


def test_a_year_tagged_as_a_number_is_a_date(extract):
    extraction = extract("The company was founded in 1976 and moved to Austin in 1985.")
    founded = only(extraction, FactKind.DATE, "1976")
    assert (founded.value, founded.event) == ("1976", "The company was founded")
    assert only(extraction, FactKind.DATE, "1985").event == "The company moved to Austin"


def test_a_quote_has_its_speaker(extract):
    extraction = extract(
        "\u201cWe will rebuild the school,\u201d said Mayor Anna Berg. "
        "Berg added that two dozen volunteers had signed up."
    )
    quote = extraction.of_kind(FactKind.QUOTE)[0]
    assert isinstance(quote, QuoteFact)
    assert (quote.value, quote.speaker) == ("We will rebuild the school,", "Anna Berg")
    assert actor(extraction, "Anna Berg").role == "Mayor"
    assert only(extraction, FactKind.FIGURE, "two dozen").value == 24.0


def test_extract_many_matches_extract_facts(nlp_pipeline):
    texts = [("The bridge opened in 2001.", None), ("Nothing happened here.", None)]
    many = extract_many(texts, nlp=nlp_pipeline)
    single = [extract_facts(text, nlp=nlp_pipeline) for text, _ in texts]
    assert many == single
    assert [len(extraction.facts) for extraction in many] == [1, 0]


def test_keys_are_unique_and_stable(extract):
    text = "In 2001 and 2001 again, Ana Ruiz met Ana Ruiz's brother in Lima."
    first, second = extract(text), extract(text)
    keys = [fact.key for fact in first.facts]
    assert len(keys) == len(set(keys))
    assert keys == [fact.key for fact in second.facts]


def test_fact_types(extract):
    extraction = extract("In 1979 the army crossed the border with 5,000 soldiers.")
    assert isinstance(only(extraction, FactKind.DATE, "1979"), DateFact)
    assert isinstance(only(extraction, FactKind.FIGURE, "5,000"), FigureFact)


def test_a_day_number_joins_its_date_and_numbers_that_are_not_dates(extract):
    extraction = extract(
        "She lived from 8 February 1700 \u2013 17 March 1782. He hit .322 that season, "
        "and the study is PMID 17547490."
    )
    dates = {fact.text: fact.value for fact in extraction.of_kind(FactKind.DATE)}
    assert dates["17 March 1782"] == "1782-03-17"
    assert dates["8 February 1700"] == "1700-02-08"
    assert not any(".322" in text or "17547490" in text for text in dates)


def test_a_currency_noun_is_the_unit(extract):
    extraction = extract("The city paid over 422,000 euros for the new bridge.")
    figure = only(extraction, FactKind.FIGURE, "over 422,000")
    assert (figure.value, figure.unit, figure.qualifier, figure.counted) == (
        422000.0,
        "EUR",
        "over",
        "",
    )


def test_a_title_in_quotation_marks_is_not_a_quote(extract):
    extraction = extract(
        'Microsoft said on its site "The Browser Countdown" that users should upgrade. '
        "\u201cPlease move on,\u201d Microsoft said."
    )
    quotes = [(fact.text, fact.speaker) for fact in extraction.of_kind(FactKind.QUOTE)]
    assert quotes == [("Please move on,", "Microsoft")]


def test_an_abbreviation_with_an_alias_is_not_taken_for_initials(extract):
    extraction = extract(
        "The University of Sheffield led the study. Farmers in the US grow most of the maize."
    )
    sheffield = actor(extraction, "University of Sheffield")
    assert [m.text for m in sheffield.mentions] == ["The University of Sheffield"]
    assert actor(extraction, "US").aliases == ("United States",)


@pytest.mark.parametrize(
    ("text", "date_text", "event"),
    [
        ("He returned to China in 1925.", "1925", "He returned to China"),
        (
            "Prices rose after the 2008 election and the invasion in 2014.",
            "2014",
            "the invasion",
        ),
        ("The law (a short one) was passed in 1990.", "1990", "The law was passed"),
    ],
)
def test_the_event_of_a_date(extract, text, date_text, event):
    assert only(extract(text), FactKind.DATE, date_text).event == event


def test_date_words_that_modify_a_noun_are_not_dates(extract):
    extraction = extract(
        "Farmers grow winter wheat. A survey of 1709 schoolchildren found a 2000 year old custom."
    )
    assert extraction.of_kind(FactKind.DATE) == []
    assert extraction.of_kind(FactKind.ACTOR) == []  # "Farmers" is capitalised by its place
    figures = {fact.text: fact.value for fact in extraction.of_kind(FactKind.FIGURE)}
    assert figures["1709"] == 1709.0


def test_a_list_of_years_is_several_dates_and_a_sign_joins_its_money(extract):
    extraction = extract(
        "British operations failed in 1755, 1756 and 1757. The price rose from $3.01 to $5.11."
    )
    dates = [(fact.text, fact.value) for fact in extraction.of_kind(FactKind.DATE)]
    assert dates == [("1755", "1755"), ("1756", "1756"), ("1757", "1757")]
    money = [(f.text, f.value, f.unit) for f in extraction.of_kind(FactKind.FIGURE)]
    assert money == [("$3.01", 3.01, "USD"), ("$5.11", 5.11, "USD")]


def test_units_beside_the_number_and_scores(extract):
    extraction = extract(
        "Average temperatures exceed 32 \u00b0C in summer. Denver won 24\u201310. "
        "About 45% of the vote went to her."
    )
    figures = {
        fact.text: (fact.value, fact.unit, fact.counted)
        for fact in extraction.of_kind(FactKind.FIGURE)
    }
    assert figures == {"32 \u00b0C": (32.0, "\u00b0C", ""), "About 45%": (45.0, "%", "the vote")}
