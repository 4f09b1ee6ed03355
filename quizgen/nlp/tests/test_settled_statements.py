"""True/false items the text settles, and keys that are right (issue 13, i13c, stop 16).

On invented sentences of the shapes readers found wrong: a statement given the wrong subject
(a participle that describes a noun, a relative on
a noun a reader cannot be sure of, "she" for a man), a false statement the text cannot settle
(another person's birth, a place the tagger took for a person, a name that does nothing), a
supposition stated as a fact, and a statement cut short.
"""

from dataclasses import replace

import pytest

from quizgen.nlp import extract_facts
from quizgen.nlp.generate.clause import Antecedents, build_clause, participle_clause, render
from quizgen.nlp.generate.falsify import actor_swap
from quizgen.nlp.generate.text import statement_cut
from quizgen.nlp.tests.drafting import drafts_for
from quizgen.nlp.types import ActorFact


def _prompts(text, nlp_pipeline):
    return {d.prompt: d.answer_text for d in drafts_for(text, nlp_pipeline)}


def test_a_participle_telling_what_a_film_holds_is_not_the_subject_s_act(nlp_pipeline):
    prompts = _prompts(
        "Mr Hale's case was featured in the prize-winning film In The Long Night, "
        "starring Owen Day-Marsh. All were arrested in 1974.",
        nlp_pipeline,
    )
    assert "Who did Mr Hale's case star?" not in prompts
    assert "True or false: Mr Hale's case starred Owen Day-Marsh." not in prompts
    assert prompts["True or false: All were arrested in 1974."] == "True"


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            # "who": Osric, the leader or the faction? and an accusation is no deed
            "In 1822 Lind prosecuted Osric, the leader of the reform faction, who was "
            "accused of neglecting the kingdom's vital trade in Wendmark.",
            "True or false: The reform faction neglected the kingdom's vital trade in Wendmark.",
        ),
        (
            # ", which" after "a Lutheran" is about the whole clause
            "Osric wrote to Eadmer in 619. Eadmer only recently had become a Lutheran, which "
            "clashes with Hild's annals.",
            "True or false: Lutheran clashes with Hild's annals.",
        ),
    ],
)
def test_a_relative_clause_on_a_noun_a_reader_cannot_be_sure_of_is_not_stated(
    nlp_pipeline, text, wrong
):
    assert wrong not in _prompts(text, nlp_pipeline)


def test_she_never_stands_for_a_man_the_text_calls_a_brother(nlp_pipeline):
    prompts = _prompts(
        "Ana Berg was the youngest child of King Harald of Lund. He died when she was 12, and "
        "her brother Erik became king.\n\nIn 1901, she married Count Olaf of Sund.",
        nlp_pipeline,
    )
    assert not [p for p in prompts if "Erik married" in p or "did Erik marry" in p]
    # "her" is Ana Berg's, written out (`test_owners.py`).
    assert prompts["True or false: Ana Berg's brother Erik became king."] == "True"


def test_another_person_is_never_said_to_be_born_where_the_subject_was(nlp_pipeline):
    prompts = _prompts(
        "Ed Stann was born on a farm near Ashby. The farm grew wheat. The town had one "
        "school. Ralph Kline founded the Reform Party.",
        nlp_pipeline,
    )
    assert "True or false: Ralph Kline was born on a farm near Ashby." not in prompts
    assert prompts["True or false: Ed Stann was born on a farm near Ashby."] == "True"


def _swap(text, statement, nlp_pipeline, *, person=""):
    """`actor_swap` for the first sentence, with the actor named `person` taken for a
    person, as the tagger sometimes takes a place or a season."""
    extraction = extract_facts(text, nlp=nlp_pipeline)
    if person:
        facts = tuple(
            replace(fact, label="person")
            if isinstance(fact, ActorFact) and str(fact.value) == person
            else fact
            for fact in extraction.facts
        )
        assert facts != extraction.facts
        extraction = replace(extraction, facts=facts)
    return actor_swap(extraction.doc, extraction, statement, extraction.sentences[0])


def test_a_person_swapped_in_for_a_subject_is_one_the_text_has_do_something(nlp_pipeline):
    club = "Ada Fenwick founded the Oslo Rowing Club. The club trained on the fjord for years. "
    acting = _prompts(
        club + "Tom Garrick sailed across the Baltic in a small boat. Fenwick designed the "
        "boathouse.",
        nlp_pipeline,
    )
    assert acting["True or false: Tom Garrick founded the Oslo Rowing Club."] == "False"
    # Named only as one something was done to, Garrick is no founder the text rules out.
    passive = _prompts(
        club + "Tom Garrick was sent across the Baltic in a small boat. Fenwick designed the "
        "boathouse.",
        nlp_pipeline,
    )
    assert "True or false: Tom Garrick founded the Oslo Rowing Club." not in passive
    assert passive["True or false: Ada Fenwick founded the Oslo Rowing Club."] == "True"


def test_a_name_after_in_is_never_swapped_as_a_person(nlp_pipeline):
    text = (
        "Eadmer landed in Frankland. The crossing had been long. The court was far away. "
        "Garrick met Wulfhere at dawn."
    )
    # Taken for a person, Frankland would become "Eadmer landed in Wulfhere."
    assert _swap(text, "Eadmer landed in Frankland.", nlp_pipeline, person="Frankland") is None
    assert _swap(text, "Eadmer landed in Frankland.", nlp_pipeline) is None  # a place


def test_a_conditional_s_consequent_is_no_fact(nlp_pipeline):
    drafts = drafts_for(
        "Players share ten dollars. As an example, if Player A offers Player B $3 and Player B "
        "agrees, Player A keeps $7 and Player B keeps $3. Most players offer half.",
        nlp_pipeline,
    )
    assert sorted(d.prompt for d in drafts if d.recommended) == ["How much do players share?"]


def test_two_verbs_left_with_only_a_comma_between_them_are_not_stated(nlp_pipeline):
    prompts = _prompts(
        "Ada Fenwick founded several rowing clubs, organised the building of the Tarn "
        "Boathouse, and later helped to establish the Tarn Regatta. She retired in 1931.",
        nlp_pipeline,
    )
    assert (
        "True or false: Ada Fenwick founded several rowing clubs, organised the building of "
        "the Tarn Boathouse." not in prompts
    )
    assert prompts["True or false: Ada Fenwick founded several rowing clubs."] == "True"


def test_a_name_after_there_were_is_a_cut_inversion(nlp_pipeline):
    drafts = drafts_for(
        "Rich in timber after the railway was built there were Tarnland in 1851 and Westmark "
        "in 1886. Settlers arrived in waves.",
        nlp_pipeline,
    )
    stated = [d.prompt for d in drafts if d.kind == "true_false" or d.recommended]
    assert not [p for p in stated if "There were Tarnland" in p or "were there" in p]


@pytest.mark.parametrize(
    ("statement", "cut"),
    [
        ("Ed Stann was born and brought up on a farm near Ashby and.", True),
        ("There were Tarnland in 1851 and Westmark in 1886.", True),
        ("There were Germans in the town.", False),
        ("There was a war in 1851.", False),
        ("Ed Stann was born on a farm near Ashby.", False),
    ],
)
def test_statement_cut(statement, cut):
    assert statement_cut(statement) is cut


def test_a_surname_is_swapped_only_for_a_surname(nlp_pipeline):
    prompts = _prompts(
        "Robert Fenn was born in Leeds, the only son of Andrew Fenn and his wife Ruth Hale. His "
        "parents were committed to reform, Ruth campaigning for schools and Andrew writing for "
        "the Herald. The family moved often. The house was small. Fenn spent twenty-two years "
        "as permanent head of the Treasury, advising ten ministers.",
        nlp_pipeline,
    )
    # "Ruth" (Ruth Hale's given name) for "Fenn" (Robert Fenn's surname): who is Ruth?
    assert not [p for p in prompts if p.startswith("True or false: Ruth spent")]
    assert prompts["How many ministers did Fenn advise?"] == "ten"


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        # "acting" saw nothing: the participle dangles, and is someone else's act
        (
            "Furthermore, after seeing the Abbey Theatre's stage production of Macbeth, "
            "directed by Ann Berg, acting had begun to pique his interest.",
            None,
        ),
        (
            "After seeing the play in Cork, the students had begun to study acting.",
            "The students saw the play in Cork.",
        ),
    ],
)
def test_a_participle_never_takes_an_activity_for_its_subject(nlp_pipeline, sentence, stated):
    doc = nlp_pipeline(sentence)
    main = build_clause(next(doc.sents).root, Antecedents())
    seeing = next(token for token in doc if token.lower_ == "seeing")
    clause = participle_clause(seeing, main)
    assert (render(clause, skip=set()) if clause is not None else None) == stated


def test_an_apposition_is_never_kept_once_its_noun_s_neighbour_is_cut(nlp_pipeline):
    prompts = _prompts(
        "Tom Hale was born in Ashby and raised in Millbrook, two suburbs of Harlow. He moved "
        "to Carrow in 1999.",
        nlp_pipeline,
    )
    assert not [p for p in prompts if "Ashby how many" in p or "Ashby _____ suburbs" in p]
    assert prompts["Where was Tom Hale raised?"] == "Millbrook"
