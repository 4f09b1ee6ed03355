"""Claims never stated as facts, and keys of the answer's own type (issue 13 point 3).

What a speaker says, claims, hopes or fears, what stands inside quotation marks however far
from its speaker, what a reporting clause set into the sentence or the next sentence passes
on, is asked with its speaker or not recommended. A town is never keyed as the person who
shares its name; a statement is never made false with a name the text mentions once in
passing; a statement or a cloze does not open on a connective. Invented sentences throughout.
"""

import pytest

from quizgen.nlp import extract_facts
from quizgen.nlp.generate.descriptions import CONNECTIVE_OPENING
from quizgen.nlp.generate.falsify import actor_swap
from quizgen.nlp.tests.drafting import blocked, drafts_for

OPENING = "Tax credits row\n\nThe Harlow Party launched its campaign in Carrow on Monday.\n\n"
CLOSING = "\n\nThe vote is due next spring."


def stated(text, words, nlp_pipeline):
    """The prompts of drafts that hold all of `words` and may be recommended."""
    return [
        d.prompt
        for d in drafts_for(OPENING + text + CLOSING, nlp_pipeline)
        if all(word in d.prompt for word in words) and not blocked(d)
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # A quotation opened after "told reporters:" and running past its first sentence.
        (
            "Alan Pike, the party's campaign coordinator, told reporters in Carrow: \"The "
            "Greens have failed the farmers of Norland. The Greens cut taxes for 300,000 "
            'pensioners in 2004.\n\n"The Greens sold the railways in 1998," he said.',
            ("pensioners",),
        ),
        # The speaker named only where the quotation closes, a sentence later.
        (
            '"The Greens closed 30 schools in Ashby in 1995. They opened the Tarn bridge in '
            '2001," Mr Pike added.',
            ("schools",),
        ),
        # A reporting clause set into the claim, dropped by the question.
        (
            "The party's leader, Mr Pike insisted, had won the 2001 election with a record "
            "majority.",
            ("election",),
        ),
        # The next sentence passes the claim on.
        (
            "The Greens raised the minimum wage by ten per cent in 2001. That claim was made "
            "by Ms Vance at a rally in Tarn.",
            ("minimum wage",),
        ),
        (
            "The Greens doubled the basic pension in 2003. That is what the minister told "
            "reporters.",
            ("pension",),
        ),
        # A speaker's name and a colon.
        ("Mr Pike: The Greens doubled the national debt in 1999.", ("debt",)),
        # A hope, which the tagger lemmatises "hop".
        ("Mr Pike hopes the Harlow Party will win 300 seats in May.", ("seats",)),
    ],
)
def test_a_claim_is_never_stated_as_a_fact(nlp_pipeline, text, words):
    unattributed = [
        prompt
        for prompt in stated(text, words, nlp_pipeline)
        if "Pike" not in prompt
        and "Vance" not in prompt
        and "minister" not in prompt
        and "hopes" not in prompt
        and not prompt.startswith("Who said")
    ]
    assert unattributed == []


def test_a_statement_that_keeps_its_speaker_set_into_it_is_asked(nlp_pipeline):
    prompts = stated(
        "The Greens, Mr Pike alleges, took money from the Tarn Bank in 2003.",
        ("alleges",),
        nlp_pipeline,
    )
    assert any(p.startswith("True or false: The Greens, Mr Pike alleges, took") for p in prompts)


def test_a_report_is_not_asked_without_what_it_reports(nlp_pipeline):
    drafts = drafts_for(
        OPENING + "The Greens promised to build 200 schools, Ms Vance claimed in a speech in "
        "Tarn." + CLOSING,
        nlp_pipeline,
    )
    assert [d.prompt for d in drafts if d.prompt.endswith("claimed in a speech in _____.")] == []


@pytest.mark.parametrize(
    ("body", "opens"),
    [
        ("But although the storm had passed, Ida Marsh sailed to Tarn.", True),
        ("And Ida Marsh sailed to _____ in 1911.", True),
        ("However, Ida Marsh sailed to Tarn in 1911.", True),
        ("So far, Ida Marsh has sailed to Tarn twice.", False),
        ("Sorrel Bay lies east of Tarn.", False),
        ("Although the storm had passed, Ida Marsh sailed to Tarn.", False),
    ],
)
def test_a_statement_that_opens_on_a_connective_does_not_read_alone(body, opens):
    assert bool(CONNECTIVE_OPENING.match(body)) is opens


PAINTER = (
    "Marla Quint\n\nMarla Quint (born 1950) is a painter. Quint was born in Petoskey, "
    "Michigan, and grew up on a farm near the lake. Her father, Ted Petoskey, was a "
    "fisherman. Petoskey taught her to draw boats.\n\nIn 1972 Quint moved to Chicago, where "
    "she studied art. She later returned to Petoskey and opened a studio."
)


def test_a_town_is_never_keyed_as_the_man_who_shares_its_name(nlp_pipeline):
    drafts = drafts_for(PAINTER, nlp_pipeline)
    town = [d for d in drafts if d.answer_text == "Petoskey"]
    assert town
    assert {d.accepted_answers for d in town if d.accepted_answers} == {("Petoskey",)}
    man = [d for d in drafts if d.answer_text == "Ted Petoskey"]
    assert all("Petoskey" not in d.accepted_answers for d in man)


@pytest.mark.parametrize(
    ("rest", "swapped"),
    [
        # Hamburg is named once, as where Gordon went: did no revolution break out there?
        ("Gordon travelled to Hamburg by sea.", None),
        # Named twice, Hamburg is a place the text tells of.
        ("Gordon sent letters from Hamburg to Oslo. He visited Hamburg twice.", "Hamburg"),
    ],
)
def test_a_name_the_text_mentions_once_in_passing_makes_no_statement_false(
    nlp_pipeline, rest, swapped
):
    statement = "A revolution broke out in Moscow."
    text = f"{statement} The court was far away. The winter was cold. {rest}"
    extraction = extract_facts(text, nlp=nlp_pipeline)
    swap = actor_swap(extraction.doc, extraction, statement, extraction.sentences[0])
    assert (swap.replacement if swap else None) == swapped
