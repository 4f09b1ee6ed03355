"""Typed answers a teacher accepts because the text itself uses them for the same thing
(quizgen/nlp/generate/keys.py): the keys a question gets, and the mark a student's typed
answer gets from them. Invented sentences only."""

import pytest

from learning.matching import DocumentKeys
from learning.scoring import mark_answer
from quizgen.models import Question
from quizgen.nlp.tests.drafting import drafts_for

CONGRESS = (
    "The United States Congress passed the Harbour Act in 1902. "
    "Congress met again in the spring to fund the new docks."
)
SCHOOL = (
    "Mira Olsen founded the Northern School of Applied Design in 1921. "
    "The Northern School soon trained hundreds of weavers."
)
TWO_SCHOOLS = (
    "Mira Olsen founded the Northern School of Applied Design in 1921. "
    "The Northern School of Music opened nearby in 1925."
)
TWO_CONGRESSES = (
    "The United States Congress passed the Harbour Act in 1902. "
    "The Continental Congress had met in the same hall long before."
)
UNION = (
    "During the war the Union, or the North, held most of the factories. "
    "The Union blockaded the southern ports in 1861."
)


def _typed(drafts, prompt):
    typed = ("short_answer", "fill_blank")
    (draft,) = [draft for draft in drafts if draft.prompt == prompt and draft.kind in typed]
    return draft


def _mark(draft, typed):
    question = Question(
        kind=draft.kind, prompt=draft.prompt, accepted_answers=list(draft.accepted_answers)
    )
    return mark_answer(question, typed, keys=DocumentKeys()).score


@pytest.mark.parametrize(
    ("text", "prompt", "keys"),
    [
        (
            CONGRESS,
            "Fill in the blank: The _____ passed the Harbour Act in 1902.",
            ("United States Congress", "U.S. Congress", "Congress"),
        ),
        # "Congress" does not answer "which congress?"
        (
            CONGRESS,
            "Which congress passed the Harbour Act in 1902?",
            ("United States Congress", "U.S. Congress"),
        ),
        (
            SCHOOL,
            "Which school did Mira Olsen found in 1921?",
            ("Northern School of Applied Design", "Northern School"),
        ),
        # The short form names another school of the text: not accepted.
        (
            TWO_SCHOOLS,
            "Which school did Mira Olsen found in 1921?",
            ("Northern School of Applied Design",),
        ),
        # "Congress" alone is also another congress of the text; the abbreviation stays.
        (
            TWO_CONGRESSES,
            "Fill in the blank: The _____ passed the Harbour Act in 1902.",
            ("United States Congress", "U.S. Congress"),
        ),
        (
            UNION,
            "Which organisation blockaded the southern ports in 1861?",
            ("Union", "the North"),
        ),
        # The place a name ends with is another thing of the text.
        (
            "Lena Brandt studied at the Conservatoire de Lyon in 1950. "
            "Lyon was then a city of silk.",
            "Which organisation did Lena Brandt study at in 1950?",
            ("Conservatoire de Lyon",),
        ),
        (
            "Pavel Orlov joined Vostok Fan Fair Estonia in 2004. "
            "Estonia welcomed the fair again in 2010.",
            "Which organisation did Pavel Orlov join in 2004?",
            ("Vostok Fan Fair Estonia",),
        ),
        # An acronym in parentheses names the words that spell it, not the whole phrase.
        (
            "Rosa Vega pitched for the Harbour Kings of the Coastal Baseball League (CBL) in "
            "1988. The CBL folded in 1990.",
            "Which league folded in 1990?",
            ("CBL", "Coastal Baseball League"),
        ),
    ],
)
def test_a_name_is_keyed_with_the_forms_the_text_uses_for_it(nlp_pipeline, text, prompt, keys):
    assert _typed(drafts_for(text, nlp_pipeline), prompt).accepted_answers == keys


@pytest.mark.parametrize(
    ("text", "prompt", "typed", "mark"),
    [
        (CONGRESS, "Fill in the blank: The _____ passed the Harbour Act in 1902.", "Congress", 1),
        (CONGRESS, "Which congress passed the Harbour Act in 1902?", "Congress", 0),
        (CONGRESS, "Which congress passed the Harbour Act in 1902?", "the US Congress", 1),
        (CONGRESS, "Which congress passed the Harbour Act in 1902?", "the Senate", 0),
        (SCHOOL, "Which school did Mira Olsen found in 1921?", "the Northern School", 1),
        (SCHOOL, "Which school did Mira Olsen found in 1921?", "the School", 0),
        (TWO_SCHOOLS, "Which school did Mira Olsen found in 1921?", "the Northern School", 0),
        (UNION, "Which organisation blockaded the southern ports in 1861?", "the North", 1),
        (UNION, "Which organisation blockaded the southern ports in 1861?", "North", 1),
        (UNION, "Which organisation blockaded the southern ports in 1861?", "the South", 0),
        (
            UNION,
            "Fill in the blank: The _____ blockaded the southern ports in 1861.",
            "North",
            1,
        ),
    ],
)
def test_the_student_typing_the_texts_other_form_gets_the_mark(
    nlp_pipeline, text, prompt, typed, mark
):
    assert _mark(_typed(drafts_for(text, nlp_pipeline), prompt), typed) == mark


def test_a_list_with_or_is_not_a_second_name(nlp_pipeline):
    text = (
        "Delegates could sail to Riga, Tallinn, or Vilnius. "
        "Tallinn hosted the first congress in 1931."
    )
    cities = {"Riga", "Tallinn", "Vilnius"}
    keys = [
        draft.accepted_answers
        for draft in drafts_for(text, nlp_pipeline)
        if draft.kind in ("short_answer", "fill_blank") and draft.answer_text in cities
    ]
    assert ("Vilnius",) in keys
    assert all(len(cities & set(forms)) == 1 for forms in keys)
