"""Long or unusually parsed sentences: a question asked from a simplified statement of the
answer's clause that reads well alone (`generate/simplify.py`), and the refusals that kept
good questions from short texts (`generate/select.py`).

Every text is invented for the test.
"""

import pytest

from quizgen.nlp.generate.features import BLOCK_TRUNCATED, BLOCK_VAGUE, blocked_reason
from quizgen.nlp.generate.repeated import _listed_apposition
from quizgen.nlp.tests.drafting import drafts_for, items_of


def usable(draft):
    return not blocked_reason(draft, draft.features)


def test_a_long_sentence_is_asked_from_its_simplified_statement(nlp_pipeline):
    # The apposition and the second clause of the coordination are cut away, the subject
    # kept; "also" goes with the clause it compared.
    drafts = drafts_for(
        "Buses first ran in Harlow in 1920. Harlow's previous council, led by Mayor Ana Ruiz, "
        "also attempted to cut bus fares in 2009, but was forced to drop the plan after a "
        "winter of complaints from riders.",
        nlp_pipeline,
    )
    asked = {
        (d.kind, d.prompt, d.answer_text): d for d in drafts if d.rule.startswith("simplified_wh")
    }
    assert sorted(asked) == [
        (
            "fill_blank",
            "Fill in the blank: Harlow's previous council attempted to cut bus fares in _____.",
            "2009",
        ),
        ("multiple_choice", "When did Harlow's previous council attempt to cut bus fares?", "2009"),
        ("short_answer", "When did Harlow's previous council attempt to cut bus fares?", "2009"),
        (
            "true_false",
            "True or false: Harlow's previous council attempted to cut bus fares in 2009.",
            "True",
        ),
    ]
    short = asked[
        ("short_answer", "When did Harlow's previous council attempt to cut bus fares?", "2009")
    ]
    assert usable(short)


def test_no_simplified_question_from_a_clause_that_does_not_stand_alone(nlp_pipeline):
    # The date is in a relative clause about a common noun: "the plan" cannot be placed.
    drafts = drafts_for(
        "Buses first ran in Harlow in 1920. The council dropped a plan, which a mayor had "
        "drawn up in 2009, after public protests.",
        nlp_pipeline,
    )
    assert not [d for d in drafts if d.rule.startswith("simplified_wh")]


def test_an_apposition_going_on_as_a_list_makes_its_noun_one_of_the_list(nlp_pipeline):
    # "the Tarnada, the Harbour riots of 1852 and the Siege of the Weavers": three revolts.
    drafts = drafts_for(
        "Ada Roth was a general of Wendmark. She led loyal soldiers that ended revolts "
        "from 1850 to 1856, including the Tarnada, the Harbour riots of 1852 and the Siege of "
        "the Weavers.",
        nlp_pipeline,
    )
    cloze = [
        d
        for d in drafts
        if d.prompt
        == "Fill in the blank: Ada Roth led loyal soldiers that ended revolts from 1850 "
        "to 1856, including the _____."
    ]
    assert cloze and blocked_reason(cloze[0], cloze[0].features) == BLOCK_VAGUE


@pytest.mark.parametrize(
    ("sentence", "word", "listed"),
    [
        (
            "Troops ended revolts, including the Tarnada, the Harbour riots of 1852 and the Siege "
            "of the Weavers.",
            "riots",
            True,
        ),
        ("Ana Ruiz, the founder and chairman of Corran, opened a ferry line.", "founder", False),
    ],
)
def test_an_apposition_is_a_list_only_of_things_each_with_its_determiner(
    sentence, word, listed, nlp_pipeline
):
    token = next(t for t in nlp_pipeline(sentence) if t.text == word)
    assert token.dep_ == "appos"
    assert _listed_apposition(token) is listed


def test_a_count_before_a_listed_apposition_is_one_answer(nlp_pipeline):
    # "three sisters, Ada, Eve and Ruth": the count is the one answer, not an item.
    drafts = drafts_for(
        "Tom Hale was a painter of Harlow. He had three sisters, Ada, Eve and Ruth.",
        nlp_pipeline,
    )
    asked = [d for d in drafts if d.prompt == "How many sisters did Tom Hale have?"]
    assert asked and usable(asked[0])


def test_a_title_cut_before_its_capitalised_preposition_is_a_piece_of_a_name(nlp_pipeline):
    # The name ends at "Sailing"; "Towards the Harbour" is still the title.
    drafts = drafts_for(
        "Ivo Marchetti was a painter of Tessel. Marchetti's first leading role was in the Harlow "
        "Drama Society's production of Remember the Men of Tessel Sailing Towards the Harbour.",
        nlp_pipeline,
    )
    cloze = [
        d
        for d in drafts
        if d.prompt == "Fill in the blank: Marchetti's first leading role was in the Harlow Drama "
        "Society's production of _____ Towards the Harbour."
    ]
    assert cloze and blocked_reason(cloze[0], cloze[0].features) == BLOCK_TRUNCATED


def test_an_event_opening_with_the_lifes_person_as_owner_is_not_theirs(nlp_pipeline):
    drafts = drafts_for(
        "Maria Lopez\n\nMaria Lopez moved to Leeds in 1990. Lopez founded the Leeds Choir in "
        "1998. Lopez opened a school in Seville in 2008. Maria Lopez's teacher Tom Hale had won "
        "the Leeds Prize in 1951. Tom Hale sang at the Leeds Festival in 1960.",
        nlp_pipeline,
    )
    events = items_of(drafts, timelines=True)
    assert events
    assert not any("Hale" in event for event in events)
