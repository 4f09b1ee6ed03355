"""Actor name rules that need no trained pipeline: normalising, the alias table, acronyms."""

import pytest

from quizgen.nlp.actors import _acronym, alias_index, country_names, normalise_name


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("the United States", "united states"),
        ("U.S.", "us"),
        ("Russia\u2019s", "russia"),
        ("The  United\u00a0Nations", "united nations"),
    ],
)
def test_normalise_name(name, normalised):
    assert normalise_name(name) == normalised


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("USSR", "Soviet Union"),
        ("the Soviet Union", "Soviet Union"),
        ("U.S.", "United States"),
        ("UN", "United Nations"),
        ("ISIS-K", "Islamic State Khorasan Province"),
    ],
)
def test_alias_table(alias, canonical):
    assert alias_index()[normalise_name(alias)] == canonical


def test_the_alias_table_has_no_name_under_two_actors():
    import json

    from quizgen.nlp.actors import ALIASES_PATH

    table = json.loads(ALIASES_PATH.read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for canonical, aliases in table.items():
        if canonical.startswith("_"):
            continue
        for name in [canonical, *aliases]:
            key = normalise_name(name)
            assert seen.setdefault(key, canonical) == canonical, name


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("World Health Organization", "WHO"),
        ("For Inspiration and Recognition of Science and Technology", "FIRST"),
    ],
)
def test_acronym(name, acronym):
    assert acronym in _acronym(name)


def test_country_names_know_countries_and_not_cities():
    assert {"afghanistan", "russia", "united states"} <= country_names()
    assert "kabul" not in country_names()


@pytest.mark.parametrize(
    ("role", "kept"),
    [
        ("Russian Foreign Minister", "Russian Foreign Minister"),
        ("former Tennessee congressman", "former Tennessee congressman"),
        ("Shadow Home Secretary", "Shadow Home Secretary"),
        ("Ms", ""),
        ("Mr.", ""),
        ("Dr.", ""),
        ("Lady", ""),
        # An office that also stands before names as a title is a role, not an honorific.
        ("President", "President"),
        ("King", "King"),
        ("Panama", ""),
        ("BBC production Inspector", ""),
    ],
)
def test_clean_role(role, kept):
    from quizgen.nlp.actors import clean_role

    assert clean_role(role) == kept


def test_former_countries_and_aliases_of_countries_are_countries():
    names = country_names()
    assert {"soviet union", "ussr", "us", "britain"} <= names
    assert "washington dc" not in names


def test_clusters_with_one_name_are_merged(nlp_pipeline):
    from quizgen.nlp.actors import ActorCluster, ActorMention, _merge_same_value

    doc = nlp_pipeline("Lima is big. Lima is old.")
    first = ActorCluster([ActorMention(doc[0:1], "place", "Lima")])
    second = ActorCluster([ActorMention(doc[4:5], "country", "Lima")])
    (merged,) = _merge_same_value([second, first])
    assert [m.span.start for m in merged.mentions] == [0, 4]


@pytest.mark.parametrize(
    ("text", "start", "end", "name"),
    [
        ("The crown passed to George V.", 4, 6, "George V"),
        ("The treaty was signed by the U.S.", 6, 7, "U.S."),
        ("The shares were bought by Acme Inc.", 5, 7, "Acme Inc."),
        ("George V. Smith wrote to them.", 0, 3, "George V. Smith"),
    ],
)
def test_a_name_does_not_keep_the_sentence_full_stop(nlp_pipeline, text, start, end, name):
    from quizgen.nlp.actors import _name_of

    doc = nlp_pipeline(text)
    assert _name_of(doc[start:end]) == name


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        (
            "In 2014, Brightwater resigned. She said the company had changed.",
            "Brightwater",
            "person",
        ),
        (
            "In 2014, Brightwater spoke with a nurse. She said the hospital had changed.",
            "Brightwater",
            "organisation",
        ),
        (
            "In 2014, Brightwater opened a factory. It employs many people.",
            "Brightwater",
            "organisation",
        ),
        ("Dr Halvorsen Trust published the study in 2019.", "Halvorsen Trust", "organisation"),
    ],
)
def test_a_name_called_he_or_she_is_a_person(nlp_pipeline, text, name, label):
    from quizgen.nlp import extract_facts
    from quizgen.nlp.types import FactKind

    labels = {
        str(fact.value): fact.label
        for fact in extract_facts(text, nlp=nlp_pipeline).of_kind(FactKind.ACTOR)
    }
    assert labels.get(name) == label
