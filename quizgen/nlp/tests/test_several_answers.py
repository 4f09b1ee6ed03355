"""Questions a careful student could answer otherwise from the same text (lane vague): the
same deed told again with another place or thing, a wrong option the text makes true, and a
statement made false on a figure that only says whom it is about."""

import pytest

from quizgen.nlp.generate.features import BLOCK_VAGUE
from quizgen.nlp.tests.drafting import blocked, drafts_for

OPENING = "Lena Ruiz is a Norland singer. "
# A text of two sentences is all opening and title: a third makes it a text of its own.
CLOSING = " She won a prize in 1990."


@pytest.mark.parametrize(
    ("sentence", "prompt", "answer"),
    [
        (
            "Ruiz was educated at Carrow School, a state school in Tessel, followed by the "
            "University of Harlow and the Fenwick Academy of Music.",
            "Which school was Ruiz educated at?",
            "Carrow School",
        ),
        (
            "Ruiz was educated at Carrow School, a state school in Tessel, Wendmark, [4] "
            "followed by the University of Harlow.",
            "Which school was Ruiz educated at?",
            "Carrow School",
        ),
        (
            "Ruiz attended Carrow School before entering Harlow College.",
            "Ruiz attended which school?",
            "Carrow School",
        ),
    ],
)
def test_one_of_a_sequence_of_schools_is_vague(nlp_pipeline, sentence, prompt, answer):
    drafts = drafts_for(OPENING + sentence + CLOSING, nlp_pipeline)
    asked = [d for d in drafts if d.prompt == prompt and d.answer_text == answer]
    assert [blocked(d) for d in asked] == [BLOCK_VAGUE]


def test_the_question_that_names_the_other_school_may_be_recommended(nlp_pipeline):
    text = OPENING + "Ruiz attended Carrow School before entering Harlow College." + CLOSING
    cloze = [
        d
        for d in drafts_for(text, nlp_pipeline)
        if d.prompt == "Fill in the blank: Ruiz attended Carrow School before entering _____."
    ]
    assert [(blocked(d), d.answer_text) for d in cloze] == [("", "Harlow College")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ruiz was raised in Tessel and later in Carrow.",
        "Ruiz was raised in Tessel, and then in Carrow.",
    ],
)
def test_a_place_the_verb_takes_again_is_no_one_answer(nlp_pipeline, sentence):
    drafts = drafts_for(OPENING + sentence + CLOSING, nlp_pipeline)
    places = [d for d in drafts if d.answer_text in {"Tessel", "Carrow"}]
    assert places
    assert not any(d.recommended for d in places)


@pytest.mark.parametrize(
    ("sentence", "prompt"),
    [
        ("Ruiz was born in Tessel in 1970.", "Where was Ruiz born in 1970?"),
        (
            "Ruiz was born in Tessel, in Wendmark, in 1970.",
            "Fill in the blank: Ruiz was born in _____, in Wendmark, in 1970.",
        ),
    ],
)
def test_a_year_or_the_place_around_it_leaves_one_answer(nlp_pipeline, sentence, prompt):
    drafts = drafts_for(OPENING + sentence + CLOSING, nlp_pipeline)
    where = [d for d in drafts if d.prompt == prompt and d.kind != "multiple_choice"]
    assert [(blocked(d), d.answer_text) for d in where] == [("", "Tessel")]


def test_no_wrong_option_is_a_year_the_text_gives_for_the_same_deed(nlp_pipeline):
    text = (
        "Mara Ruiz is a Norland cyclist. Ruiz won the national title in 2008. She moved to "
        "Carrow in 2009. Ruiz won the national title again in 2011. She retired in 2015."
    )
    won = [
        d
        for d in drafts_for(text, nlp_pipeline)
        if d.kind == "multiple_choice" and d.prompt == "When did Ruiz win the national title?"
    ]
    assert [[text for text, _ in d.options] for d in won] == [["2008", "2009", "2014", "2015"]]


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        (
            "In a 2010 survey, people earning $150,000 a year called themselves middle class.",
            "$150,000",
        ),
        ("Families with 3 children receive a state allowance.", "3"),
        ("Workers who earn 500 pounds a month pay no tax.", "500"),
    ],
)
def test_a_figure_that_only_says_whom_the_sentence_is_about_stays_as_written(
    nlp_pipeline, sentence, figure
):
    text = "Class in Norland is a matter of debate. " + sentence
    statements = [d for d in drafts_for(text, nlp_pipeline) if d.kind == "true_false"]
    stated = [d for d in statements if figure in d.prompt or d.prompt.endswith(sentence)]
    assert [(d.prompt, d.answer_text) for d in stated] == [(f"True or false: {sentence}", "True")]


@pytest.mark.parametrize(
    ("sentence", "changed"),
    [
        ("The 300 workers went on strike in May.", "The 400 workers went on strike in May."),
    ],
)
def test_a_figure_the_clause_tells_may_still_be_changed(nlp_pipeline, sentence, changed):
    text = "Class in Norland is a matter of debate. " + sentence
    prompts = [d.prompt for d in drafts_for(text, nlp_pipeline) if d.kind == "true_false"]
    assert f"True or false: {changed}" in prompts


def test_where_the_object_of_a_deed_lies_is_not_answered_by_another_deed(nlp_pipeline):
    text = (
        OPENING + "At fifteen Ruiz entered the music college at Tessel. She later taught in "
        "Carrow." + CLOSING
    )
    tessel = [
        d
        for d in drafts_for(text, nlp_pipeline)
        if d.answer_text == "Tessel" and d.kind in {"short_answer", "fill_blank"}
    ]
    assert [d.features["repeated"] for d in tessel] == [0.0, 0.0]
