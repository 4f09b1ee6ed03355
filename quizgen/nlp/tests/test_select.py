"""The recommended set: hard rules a teacher's reading asks for, and the selection."""

import pytest

from quizgen.nlp.generate.descriptions import DISCOURSE, has_pronoun
from quizgen.nlp.generate.features import (
    BLOCK_CLAIM,
    BLOCK_LEAD,
    BLOCK_OPTIONS,
    BLOCK_REFERENCE,
    BLOCK_SUBJECT,
    BLOCK_VAGUE,
)
from quizgen.nlp.generate.wh import fine_type
from quizgen.nlp.tests.drafting import blocked, drafts_for

FACT_KINDS = {"multiple_choice", "short_answer", "fill_blank", "numeric"}


def reasons(text, nlp_pipeline, *, answer):
    return {
        d.kind: blocked(d)
        for d in drafts_for(text, nlp_pipeline)
        if d.answer_text == answer or (d.kind == "true_false" and answer in d.prompt)
    }


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("The drought ended in 1998 after the rains returned to Kenya.", "1998"),
        ("Officials said the prize was awarded to Maria Lopez in 2004.", "2004"),
        ("Each side lost 300 soldiers at Gettysburg in July 1863.", "July 1863"),
    ],
)
def test_a_prompt_that_needs_the_text_for_what_it_names_is_not_recommended(
    nlp_pipeline, text, answer
):
    found = reasons(text, nlp_pipeline, answer=answer)
    assert found, "the generator asks about the fact"
    assert BLOCK_REFERENCE in found.values()
    assert not any(
        d.recommended and answer in (d.answer_text, d.prompt)
        for d in drafts_for(text, nlp_pipeline)
        if blocked(d) == BLOCK_REFERENCE
    )


@pytest.mark.parametrize(
    "text",
    [
        "If a mill weaves 500 rugs per year, each rug costs little to make in Leeds.",
        # "Police said that …": see test_recall (its dates and figures are asked "According
        # to police, …"; who did what stays a claim).
        "Acme Corporation reportedly paid 3 million dollars to Microsoft in 2019.",
    ],
)
def test_reported_and_hypothetical_claims_are_not_recommended_as_facts(nlp_pipeline, text):
    drafts = drafts_for(text, nlp_pipeline)
    claims = [d for d in drafts if blocked(d) == BLOCK_CLAIM]
    assert claims
    assert not any(d.recommended for d in claims)


def test_the_texts_own_subject_is_not_the_answer(nlp_pipeline):
    text = (
        "Ada Lovelace\n\nAda Lovelace was born in London in 1815. Lovelace published the "
        "first program in 1843. Lovelace worked with Charles Babbage on the Analytical Engine."
    )
    drafts = drafts_for(text, nlp_pipeline)
    about_her = [d for d in drafts if d.kind in FACT_KINDS and "Lovelace" in d.answer_text]
    assert about_her
    assert {blocked(d) for d in about_her} == {BLOCK_SUBJECT}
    assert not any(d.recommended for d in about_her)


def test_the_opening_sentence_restated_as_true_is_not_recommended(nlp_pipeline):
    text = (
        "Russia recognises the new government\n\nRussia recognised the new government of "
        "Ruritania in July 2025. Its foreign minister visited Moscow in May 2024."
    )
    drafts = drafts_for(text, nlp_pipeline)
    lead = [
        d
        for d in drafts
        if d.kind == "true_false" and d.answer_text == "True" and "recognised" in d.prompt
    ]
    assert all(blocked(d) == BLOCK_LEAD for d in lead)


def test_one_of_a_list_or_an_event_told_twice_is_vague(nlp_pipeline):
    text = (
        "Venn taught at Yale, Harvard and Berkeley. Venn returned to Norway in 1920. "
        "Venn returned to Norway in 1925."
    )
    drafts = drafts_for(text, nlp_pipeline)
    returned = [
        d for d in drafts if d.kind == "short_answer" and d.prompt.startswith("When did Venn")
    ]
    assert returned
    assert {blocked(d) for d in returned} == {BLOCK_VAGUE}


@pytest.mark.parametrize(
    ("name", "noun"),
    [
        ("Royal University of Carrow", "university"),
        ("Carrow Film Festival Award for Best Actress", "award"),
        ("Harlow Memorial Scholarship", "scholarship"),
        ("Century City Towers", "building"),
        ("The Huffington Post", "newspaper"),
        ("Sydney City Council", "council"),
        ("Harlow Institute Entrance Examination", "examination"),
        ("Northern Mathematics Contest", "contest"),
        ("Second Test", "test"),
        ("Dean Kamen", None),
        ("Microsoft", None),
    ],
)
def test_a_name_says_what_it_names_by_its_head_noun(name, noun):
    assert fine_type(name) == noun


def test_which_examination_and_which_contest_are_asked_by_their_head_nouns(nlp_pipeline):
    drafts = drafts_for(
        "Hanna Roe\n\nHanna Roe is a Danish mathematician. Hanna Roe won the Northern "
        "Mathematics Contest in 1990. Hanna Roe later passed the Harlow Institute Entrance "
        "Examination in 1992.",
        nlp_pipeline,
    )
    prompts = sorted(
        d.prompt for d in drafts if d.kind == "short_answer" and d.prompt.startswith("Which")
    )
    assert "Which contest did Hanna Roe win in 1990?" in prompts
    assert "Which examination did Hanna Roe later pass in 1992?" in prompts


def test_which_university_and_distractors_of_the_same_type(nlp_pipeline):
    text = (
        "Lindgren studied geology at the American University of Carrow in 1968. "
        "Her colleague taught at Cornell University in 1970. The Times praised her in 1971. "
        "She later lectured at Harvard University and at Yale University. "
        "She won the Corran Prize in 2004."
    )
    drafts = drafts_for(text, nlp_pipeline)
    carrow = [d for d in drafts if d.answer_text == "American University of Carrow"]
    prompts = {d.prompt for d in carrow}
    assert "Which university did Lindgren study geology at in 1968?" in prompts
    for draft in carrow:
        if draft.kind == "multiple_choice":
            assert all("University" in text for text, _ in draft.options)


def test_every_draft_names_the_rule_that_made_it(nlp_pipeline):
    drafts = drafts_for("The Soviet Union invaded Afghanistan in December 1979.", nlp_pipeline)
    assert drafts
    assert all(d.rule for d in drafts)
    assert {d.rule for d in drafts if d.kind == "short_answer"} >= {"wh:when"}


@pytest.mark.parametrize(
    ("text", "answer", "digits"),
    [
        ("Daniel Bernoulli had two brothers.", "two", "2"),
        ("The show was cancelled after eight episodes in 2004.", "eight", "8"),
    ],
)
def test_a_number_in_words_is_also_accepted_in_digits(nlp_pipeline, text, answer, digits):
    asking = [
        d
        for d in drafts_for(text, nlp_pipeline)
        if d.kind == "short_answer" and d.answer_text == answer
    ]
    assert asking
    assert all(d.accepted_answers == (answer, digits) for d in asking)


def test_a_true_statement_only_about_the_subject_is_not_recommended(nlp_pipeline):
    text = (
        "Owen Ashworth\n\nOwen Ashworth is an English actor. Ashworth has appeared in many "
        "stage plays. Ashworth was born in Harlow in 1978."
    )
    drafts = drafts_for(text, nlp_pipeline)
    about_him = [
        d for d in drafts if d.kind == "true_false" and d.fact_keys == ("actor:Owen Ashworth",)
    ]
    assert about_him
    assert {blocked(d) for d in about_him} == {BLOCK_SUBJECT}


def test_a_bracketed_aside_keeps_a_prompt_out_of_the_recommended_set(nlp_pipeline):
    text = "Her mother, a singer, performed at the Moulin Vert (d. 1990) in Paris in 1925."
    drafts = drafts_for(text, nlp_pipeline)
    bracketed = [d for d in drafts if "(d. 1990)" in d.prompt]
    assert bracketed
    assert not any(d.recommended for d in bracketed)


def test_a_definite_description_is_replaced_by_what_it_refers_to(nlp_pipeline):
    text = (
        "The FIRST Global competition was held in Washington. "
        "The competition ended on 19 July 2017 with a ceremony."
    )
    drafts = {d.prompt: d for d in drafts_for(text, nlp_pipeline) if d.kind == "short_answer"}
    resolved = drafts["When did the FIRST Global competition end with a ceremony?"]
    assert blocked(resolved) == ""
    assert not any(p.startswith("When did the competition end") for p in drafts)


def test_a_shorter_name_of_the_same_thing_is_no_second_antecedent(nlp_pipeline):
    text = (
        "The Harrowgate City Kite Festival opened on Saturday. The Harrowgate kite festival "
        "draws crowds every year. The festival lasts until March 14."
    )
    prompts = {d.prompt for d in drafts_for(text, nlp_pipeline)}
    assert "Fill in the blank: The Harrowgate City Kite Festival lasts until _____." in prompts


def test_a_description_with_two_possible_antecedents_stays_unresolved(nlp_pipeline):
    text = (
        "The Tessel team travelled for weeks. The Norland team won the final. "
        "The team arrived in Washington in July 2017."
    )
    arrived = [d for d in drafts_for(text, nlp_pipeline) if "arrive" in d.prompt]
    assert arrived
    assert all("Norland" not in d.prompt and "Tessel" not in d.prompt for d in arrived)
    assert {blocked(d) for d in arrived} == {BLOCK_REFERENCE}


def test_a_verb_sharing_its_subject_counts_as_the_same_event_told_again(nlp_pipeline):
    text = (
        "Venn returned to Norway and taught at Carrow University in 1920. "
        "He taught at Harvard University in 1921."
    )
    taught = [
        d
        for d in drafts_for(text, nlp_pipeline)
        if d.kind == "short_answer" and "Carrow" in d.answer_text
    ]
    assert taught
    assert {blocked(d) for d in taught} == {BLOCK_VAGUE}


@pytest.mark.parametrize(
    "text",
    [
        "However, if a brewery fills 9,000 casks each season, then it can open a second hall "
        "in Hull.",
        "In many cases, a shop that deals in one or a few goods is more successful "
        "than Apple in 2010.",
    ],
)
def test_no_true_or_false_statement_of_a_hypothetical_or_generic_example(nlp_pipeline, text):
    statements = [d for d in drafts_for(text, nlp_pipeline) if d.kind == "true_false"]
    assert statements
    assert not any(d.recommended for d in statements)
    assert all(blocked(d) for d in statements)


@pytest.mark.parametrize(
    ("prompt", "leans"),
    [
        ("True or false: Nothing in the old mill was ever level.", True),
        ("Fill in the blank: No one came to the opening in _____.", True),
        ("Fill in the blank: Relatedly, Marlowe argues that realism fails in _____.", False),
        ("True or false: Lindgren was born in Carrow in 1950.", False),
    ],
)
def test_an_indefinite_pronoun_as_the_subject_leans_on_the_text(prompt, leans):
    assert has_pronoun(prompt) is leans


@pytest.mark.parametrize(
    "prompt",
    [
        "True or false: Relatedly, Sharon Street argues that moral realism is false.",
        "Fill in the blank: Moreover, the Louvre opened a gallery in _____.",
        "True or false: The treaty was therefore signed in 1848.",
        # Contrasted with what? The sentence before says.
        "Fill in the blank: Day workers, in contrast, earned _____ a week.",
        "True or false: By contrast, the northern towns grew slowly.",
        # Immediately after what? The clause the prompt left out says.
        "Fill in the blank: Corwin Hale immediately fled to the _____.",
        "True or false: The mayor soon resigned.",
    ],
)
def test_a_sentence_adverb_linking_back_to_the_text_keeps_a_prompt_out(prompt):
    assert DISCOURSE.search(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "Fill in the blank: Corwin Hale fled to the _____ immediately after the trial.",
        "True or false: The mayor resigned soon after the election.",
        "Fill in the blank: As soon as the war ended, Hale returned to _____.",
    ],
)
def test_immediately_or_soon_with_what_they_follow_needs_no_text(prompt):
    assert not DISCOURSE.search(prompt)


CHOIR = (
    "Anna Berg founded the Lund Chamber Choir in 1990 after years of singing in Malmo. "
    "Carl Dahl joined the Lund Chamber Choir as its organist in 1992. "
    "Eva Falk conducted the Lund Chamber Choir on its first tour in 1995. "
    "Gustav Holm wrote a mass for the Lund Chamber Choir in 1998."
)


def test_multiple_choice_with_the_texts_own_dates_as_options_may_be_recommended(nlp_pipeline):
    drafts = drafts_for(CHOIR, nlp_pipeline)
    dated = [d for d in drafts if d.kind == "multiple_choice" and d.prompt.startswith("When")]
    own = [d for d in dated if all(text in CHOIR for text, _ in d.options)]
    other = [d for d in dated if d not in own]
    assert own and other, "some options are the text's years, some are made up"
    assert {blocked(d) for d in own} == {""}
    assert {blocked(d) for d in other} == {BLOCK_OPTIONS}


def test_multiple_choice_on_people_is_not_recommended(nlp_pipeline):
    # the text's other people are seldom of the answer's role: a choir's organist and a
    # composer are no candidates for its founder
    drafts = drafts_for(CHOIR, nlp_pipeline)
    people = [d for d in drafts if d.kind == "multiple_choice" and d.prompt.startswith("Who")]
    assert people, "multiple choice is made on the people"
    assert not any(d.recommended for d in people)
    assert all(blocked(d) for d in people)


def test_multiple_choice_with_options_from_outside_the_text_is_not_recommended(nlp_pipeline):
    text = (
        "Anna Berg founded the Lund Chamber Choir in 1990 after years of singing in Malmo. "
        "The Lund Chamber Choir later toured Norway with great success."
    )
    drafts = drafts_for(text, nlp_pipeline)
    choices = [d for d in drafts if d.kind == "multiple_choice" and d.answer_text == "1990"]
    assert choices, "a multiple choice is made with years near the answer"
    assert {blocked(d) for d in choices} == {BLOCK_OPTIONS}
    assert not any(d.recommended for d in choices)
