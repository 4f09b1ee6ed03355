"""True/false items made false in one plausible way (issue 13, i13c), on invented sentences.

A statement is made false by changing one thing: its date or figure, or, where no value may
change, one name for another the text names in a comparable role (`falsify.actor_swap`).
Never a name or a value the text joins to the same verb elsewhere; a figure stays plausible;
the true and the false version of a statement are never both offered.
"""

import pytest

from quizgen.nlp import extract_facts
from quizgen.nlp.generate.falsify import false_figures
from quizgen.nlp.generate.giveaway import same_statement, shows_answer_of
from quizgen.nlp.tests.drafting import drafts_for
from quizgen.nlp.types import FactKind, QuestionDraft, Sentence


def _statements(text, nlp_pipeline):
    drafts = drafts_for(text, nlp_pipeline)
    return {d.prompt: d.answer_text for d in drafts if d.kind == "true_false"}


CLUB = (
    "Ada Fenwick founded the Oslo Rowing Club. The club trained on the fjord for many years. "
    "Tom Garrick sailed across the Baltic in a small boat. "
)


def test_a_subject_is_swapped_for_another_person_the_text_names_as_a_subject(nlp_pipeline):
    statements = _statements(CLUB + "Fenwick designed the boathouse.", nlp_pipeline)
    assert statements["True or false: Tom Garrick founded the Oslo Rowing Club."] == "False"
    # The false version replaces the true one: never both.
    assert "True or false: Ada Fenwick founded the Oslo Rowing Club." not in statements
    assert statements["True or false: Tom Garrick sailed across the Baltic in a small boat."] == (
        "True"
    )


@pytest.mark.parametrize(
    "told",
    [
        "Garrick also founded a rowing club.",  # the other did it too
        "He founded a sailing school.",  # "he" may be the other
    ],
)
def test_a_person_the_text_joins_to_the_same_verb_is_never_swapped_in(nlp_pipeline, told):
    statements = _statements(f"{CLUB}{told} Fenwick designed the boathouse.", nlp_pipeline)
    assert statements["True or false: Ada Fenwick founded the Oslo Rowing Club."] == "True"
    assert not [p for p in statements if "Garrick founded" in p]


def test_a_place_beside_its_region_is_never_swapped(nlp_pipeline):
    statements = _statements(
        "Ada Fenwick died in Leeds, Yorkshire. The city gave her a grand funeral. Tom Garrick "
        "opened a bakery in York.",
        nlp_pipeline,
    )
    assert not [p for p in statements if "York," in p or "died in York" in p]
    assert statements["True or false: Tom Garrick died in Leeds, Yorkshire."] == "False"


def test_a_figure_is_made_false_with_another_value_of_its_measure_from_the_text(nlp_pipeline):
    statements = _statements(
        "Ada Fenwick ran the 100 metres in 9.9 seconds. The crowd cheered. Tom Garrick ran the "
        "100 metres in 10.2 seconds.",
        nlp_pipeline,
    )
    assert statements["True or false: Ada Fenwick ran the 100 metres in 10.2 seconds."] == "False"


@pytest.mark.parametrize(
    "second",
    [
        "",  # no other time
        " The crowd cheered. She ran the 200 metres in 10.2 seconds.",  # her own other time
    ],
)
def test_a_figure_without_another_of_its_measure_moves_a_tenth(nlp_pipeline, second):
    statements = _statements(
        f"Ada Fenwick ran the 100 metres in 9.9 seconds.{second}", nlp_pipeline
    )
    assert statements["True or false: Ada Fenwick ran the 100 metres in 10.9 seconds."] == "False"


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("9.9 seconds", ["10.9 seconds", "8.9 seconds"]),
        ("500 oak trees", ["600 oak trees", "400 oak trees"]),
        ("26 games", ["31 games", "21 games"]),
        ("46%", ["55%", "37%"]),
        ("2 brothers", ["3 brothers"]),  # never "1 brothers"
    ],
)
def test_nearby_false_figures_are_written_like_the_answer(nlp_pipeline, answer, expected):
    extraction = extract_facts(f"Ada Fenwick counted {answer} in Hull.", nlp=nlp_pipeline)
    (figure,) = [f for f in extraction.of_kind(FactKind.FIGURE) if answer.startswith(f.text)]
    assert false_figures(figure, answer, extraction) == expected


@pytest.mark.parametrize(
    ("verb", "moved_to"),
    [
        ("returned", "1910"),  # 1921 may be hers too: "her sister" is no named other
        ("moved", "1921"),  # another verb: 1921 dates another event
    ],
)
def test_a_date_the_text_gives_the_same_verb_elsewhere_is_never_swapped_in(
    nlp_pipeline, verb, moved_to
):
    statements = _statements(
        "Ada Fenwick returned to Bergen in 1925. The city welcomed her. Ada Fenwick opened a "
        f"school in Oslo in 1910. The school grew quickly. Her sister {verb} to Bergen in 1921.",
        nlp_pipeline,
    )
    moved = [p for p, key in statements.items() if key == "False"]
    assert moved == [f"True or false: Ada Fenwick returned to Bergen in {moved_to}."]


def test_a_birth_name_never_names_the_person_a_text_is_about(nlp_pipeline):
    statements = _statements(
        "Sandy Moss\n\nSanford Sandy Moss (born Sanford Braun, 1935) is an American pitcher. He "
        "won the Tarn Award in 1963. Moss retired in 1966. His father Jack Braun was a tailor.",
        nlp_pipeline,
    )
    assert statements["True or false: Sanford Sandy Moss won the Tarn Award in 1963."] == "True"
    assert not [p for p in statements if "Sanford Braun won" in p or "Braun retired" in p]


def _draft(kind, prompt, answer, keys=("date:0:4",)):
    return QuestionDraft(
        kind=kind,
        prompt=prompt,
        answer_text=answer,
        source_sentence=Sentence(text=prompt, start=0, end=len(prompt)),
        fact_keys=keys,
    )


def test_two_statements_of_one_event_give_each_other_away():
    false = "True or false: Mara Lind made her stage debut in 1950."
    true = "True or false: Mara Lind made her stage debut at the Tarn Festival in 1947."
    other = "True or false: Mara Lind married Tom Garrick in 1955."
    assert same_statement(false, true)
    assert not same_statement(false, other)
    assert shows_answer_of(_draft("true_false", true, "True"), _draft("true_false", false, "False"))


def test_a_matching_of_dates_gives_away_a_statement_on_one_of_its_dates():
    matching = _draft(
        "matching", "Match each event with the right date.", "", ("date:0:4", "date:9:13")
    )
    statement = _draft("true_false", "True or false: Lind graduated in 2007.", "False")
    elsewhere = _draft(
        "true_false", "True or false: Lind retired in 1990.", "True", ("date:20:24",)
    )
    assert shows_answer_of(matching, statement)
    assert not shows_answer_of(matching, elsewhere)


LIFE = (
    "Mara Lind was born in Hull in 1921. Lind studied music in Leeds. In 1940 Lind joined the "
    "Hull Choir. Lind married Tom Garrick in 1948. Garrick opened a bakery in York in 1950. "
    "Lind recorded 12 albums. Lind sang at the Tarn Festival in 1955. Lind died in 1990."
)


def test_recommended_true_statements_never_outnumber_false_ones(nlp_pipeline):
    drafts = drafts_for(LIFE, nlp_pipeline)
    answers = [d.answer_text for d in drafts if d.recommended and d.kind == "true_false"]
    assert answers.count("False") >= 2
    assert answers.count("True") <= answers.count("False")


def test_one_true_statement_may_stand_alone(nlp_pipeline):
    # "study" tells a state (true of other years too), and no one else is named: no swap.
    text = (
        "The Leeds choir sang every Sunday in the old hall. In 1950 Ada Fenwick studied music "
        "in Leeds."
    )
    drafts = drafts_for(text, nlp_pipeline)
    recommended = [(d.prompt, d.answer_text) for d in drafts if d.recommended]
    assert [item for item in recommended if item[0].startswith("True or false")] == [
        ("True or false: Ada Fenwick studied music in Leeds in 1950.", "True")
    ]
