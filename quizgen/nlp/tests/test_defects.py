"""The defect checker: for each defect it names, a question built to have it and one without.

Hand-made extractions and drafts; no trained pipeline needed.
"""

from dataclasses import replace

import pytest

from quizgen.nlp.generate import defects
from quizgen.nlp.generate.defects import find_defects
from quizgen.nlp.types import (
    ActorFact,
    DateFact,
    Extraction,
    FigureFact,
    Mention,
    QuestionDraft,
    QuestionKind,
    Sentence,
)

TEXT = (
    "In 1848, the Republic of Valoria signed a treaty with Norland. "
    "The treaty ended a war that cost 12,000 lives. "
    "Years later, Mara Ostrow became president."
)
FIRST = Sentence(text=TEXT[:62], start=0, end=62)
SECOND = Sentence(text=TEXT[63:109], start=63, end=109)
THIRD = Sentence(text=TEXT[110:], start=110, end=len(TEXT))

YEAR = DateFact(text="1848", start=3, end=7, sentence=FIRST, value="1848", precision="year")
VAGUE = DateFact(text="Years later", start=110, end=121, sentence=THIRD, value=None, vague=True)
LIVES = FigureFact(
    text="12,000", start=96, end=102, sentence=SECOND, value=12000.0, counted="lives"
)
VALORIA = ActorFact(
    text="the Republic of Valoria",
    start=9,
    end=32,
    sentence=FIRST,
    value="Republic of Valoria",
    label="country",
    mentions=(Mention("the Republic of Valoria", 9, 32),),
    aliases=("Valoria",),
)
NORLAND = ActorFact(
    text="Norland",
    start=54,
    end=61,
    sentence=FIRST,
    value="Norland",
    label="country",
    mentions=(Mention("Norland", 54, 61),),
)
OSTROW = ActorFact(
    text="Mara Ostrow",
    start=123,
    end=134,
    sentence=THIRD,
    value="Mara Ostrow",
    label="person",
    mentions=(Mention("Mara Ostrow", 123, 134),),
)
EXTRACTION = Extraction(
    text=TEXT,
    sentences=(FIRST, SECOND, THIRD),
    facts=(YEAR, VALORIA, NORLAND, LIVES, VAGUE, OSTROW),
)

GOOD_CHOICE = QuestionDraft(
    kind=QuestionKind.MULTIPLE_CHOICE,
    prompt="When did the Republic of Valoria sign a treaty with Norland?",
    options=(("1836", False), ("1840", False), ("1848", True), ("1856", False)),
    accepted_answers=("1848",),
    answer_text="1848",
    source_sentence=FIRST,
    fact_keys=(YEAR.key,),
)
GOOD_SHORT = QuestionDraft(
    kind=QuestionKind.SHORT_ANSWER,
    prompt="How many lives did the war cost?",
    accepted_answers=("12,000",),
    answer_text="12,000",
    source_sentence=SECOND,
    fact_keys=(LIVES.key,),
)
GOOD_ACTOR_CHOICE = QuestionDraft(
    kind=QuestionKind.MULTIPLE_CHOICE,
    prompt="Which country did the Republic of Valoria sign a treaty with in 1848?",
    options=(("France", False), ("Norland", True), ("Spain", False), ("Sweden", False)),
    accepted_answers=("Norland",),
    answer_text="Norland",
    source_sentence=FIRST,
    fact_keys=(NORLAND.key,),
)


def defects_of_prompt(prompt):
    """The defects of the good short-answer question asked with `prompt` instead."""
    return find_defects(replace(GOOD_SHORT, prompt=prompt), EXTRACTION)


def test_the_good_questions_have_no_defect():
    assert find_defects(GOOD_CHOICE, EXTRACTION) == ()
    assert find_defects(GOOD_SHORT, EXTRACTION) == ()
    assert find_defects(GOOD_ACTOR_CHOICE, EXTRACTION) == ()


@pytest.mark.parametrize(
    ("draft", "defect"),
    [
        (
            replace(GOOD_CHOICE, prompt="In 1848, when did Valoria sign a treaty with Norland?"),
            defects.ANSWER_IN_PROMPT,
        ),
        (
            replace(
                GOOD_CHOICE,
                options=(("1840", False), ("1848", True), ("1848.", False), ("1856", False)),
            ),
            defects.OPTIONS_NOT_DISTINCT,
        ),
        (
            replace(
                GOOD_ACTOR_CHOICE,
                prompt="Who signed a treaty with Norland in 1848?",
                options=(
                    ("Republic of Valoria", True),
                    ("Valoria", False),
                    ("Spain", False),
                    ("Sweden", False),
                ),
                answer_text="Republic of Valoria",
                accepted_answers=("Republic of Valoria",),
                fact_keys=(VALORIA.key,),
            ),
            defects.OPTIONS_NOT_DISTINCT,
        ),
        (
            replace(
                GOOD_ACTOR_CHOICE,
                prompt="Who led the river march in 1930?",
                options=(
                    ("Ilse Brandl", True),
                    ("Sister Brandl", False),
                    ("Edith Crisp", False),
                    ("Tomas Reid", False),
                ),
                answer_text="Ilse Brandl",
                accepted_answers=("Ilse Brandl",),
                source_sentence=THIRD,
                fact_keys=(OSTROW.key,),
            ),
            defects.OPTIONS_NOT_DISTINCT,
        ),
        (
            replace(GOOD_CHOICE, options=GOOD_CHOICE.options[:3]),
            defects.WRONG_OPTION_COUNT,
        ),
        (
            replace(
                GOOD_ACTOR_CHOICE,
                prompt="Which country signed a treaty in 1848?",
                options=(
                    ("France", False),
                    ("Norland", True),
                    ("Valoria", False),
                    ("Spain", False),
                ),
            ),
            defects.DISTRACTOR_TRUE_IN_TEXT,
        ),
        (
            replace(GOOD_SHORT, source_sentence=FIRST),
            defects.ANSWER_NOT_IN_SOURCE,
        ),
        (
            replace(GOOD_SHORT, prompt="How many lives did it cost?"),
            defects.UNRESOLVED_REFERENCE,
        ),
        (
            replace(GOOD_SHORT, prompt="How many lives did that war cost?"),
            defects.UNRESOLVED_REFERENCE,
        ),
        (
            replace(GOOD_SHORT, prompt="How many lives did the war cost."),
            defects.NOT_A_QUESTION,
        ),
        (
            replace(GOOD_SHORT, prompt="How many lives in the war?"),
            defects.NOT_A_QUESTION,
        ),
        (
            QuestionDraft(
                kind=QuestionKind.SHORT_ANSWER,
                prompt="When did Mara Ostrow become president?",
                accepted_answers=("Years later",),
                answer_text="Years later",
                source_sentence=THIRD,
                fact_keys=(VAGUE.key,),
            ),
            defects.VAGUE_DATE_ANSWER,
        ),
        (
            replace(
                GOOD_ACTOR_CHOICE,
                prompt="Which country signed a treaty with Norland in 1848?",
                options=(
                    ("France", False),
                    ("Republic of Valoria", True),
                    ("Spain", False),
                    ("Sweden", False),
                ),
                answer_text="Republic of Valoria",
                accepted_answers=("Republic of Valoria",),
                fact_keys=(VALORIA.key,),
            ),
            defects.ANSWER_UNIQUE_IN_FORM,
        ),
        (
            replace(
                GOOD_SHORT,
                kind=QuestionKind.MULTIPLE_CHOICE,
                options=(("12,000", True), ("8", False), ("18", False), ("24", False)),
            ),
            defects.ANSWER_UNIQUE_IN_FORM,
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_question_built_with_a_defect_is_named_with_it(draft, defect):
    assert defect in find_defects(draft, EXTRACTION)


def test_the_unit_on_the_answer_alone_is_a_defect():
    draft = replace(
        GOOD_SHORT,
        kind=QuestionKind.MULTIPLE_CHOICE,
        options=(("$12", True), ("8", False), ("18", False), ("24", False)),
    )
    assert find_defects(draft, EXTRACTION) == (defects.ANSWER_UNIQUE_IN_FORM,)


def test_relative_time_words_and_quoted_pronouns_are_not_unresolved():
    prompt = "Who said “it will rain” this year?"
    assert defects.UNRESOLVED_REFERENCE not in defects_of_prompt(prompt)


@pytest.mark.parametrize(
    ("prompt", "unresolved"),
    [
        # A dummy "it" stands for the infinitive after it.
        ("Which term describes a rule that makes it possible to rest one field?", False),
        ("Which view sees it as fair to share the harvest?", False),
        ("Who thought it wise to wait for the spring?", False),
        # Not before a particle: something is held up.
        ("Who held it up to the light?", True),
        ("Who found it in the attic in 1920?", True),
    ],
)
def test_a_dummy_it_points_at_nothing(prompt, unresolved):
    assert (defects.UNRESOLVED_REFERENCE in defects_of_prompt(prompt)) is unresolved


def test_a_possessive_after_a_named_subject_is_resolved():
    assert defects.UNRESOLVED_REFERENCE not in defects_of_prompt(
        "How many lives did Valoria lose in its war?"
    )


@pytest.mark.parametrize(
    ("prompt", "unresolved"),
    [
        ("Which organisation moved the office to its new building?", False),
        ("Which organisation did its members sue?", True),
        ("Who welcomed the decision?", True),
        ("Which organisation confirmed the move on Thursday?", True),
        ("Who welcomed the decision to open the border?", False),
    ],
)
def test_its_binds_to_a_thing_asked_about_and_event_nouns_need_their_event(prompt, unresolved):
    assert (defects.UNRESOLVED_REFERENCE in defects_of_prompt(prompt)) is unresolved


def test_every_defect_has_a_test_above():
    named = {
        defects.ANSWER_IN_PROMPT,
        defects.OPTIONS_NOT_DISTINCT,
        defects.WRONG_OPTION_COUNT,
        defects.DISTRACTOR_TRUE_IN_TEXT,
        defects.ANSWER_NOT_IN_SOURCE,
        defects.UNRESOLVED_REFERENCE,
        defects.NOT_A_QUESTION,
        defects.VAGUE_DATE_ANSWER,
        defects.ANSWER_UNIQUE_IN_FORM,
        defects.REFERENCE_MARK_IN_PROMPT,
        defects.ANSWER_WITH_PUNCTUATION,
    }
    assert set(defects.ALL_DEFECTS) == named


@pytest.mark.parametrize(
    ("prompt", "marked"),
    [
        ("Who coached the team in District 9-2B 4?", True),
        ("When was the library of the university 21 opened?", False),
        ("When did the university 21 open its library?", False),
        ("Who founded the university 21?", True),
        ("Who wrote Chapter 3?", False),
        ("Who flew on Apollo 11?", False),
        ("How many ships did Norland sink, out of 40?", False),
        ("True or false: A factory makes 80,000 cars each year.", False),
    ],
)
def test_a_clause_final_reference_number_is_a_defect(prompt, marked):
    assert (defects.REFERENCE_MARK_IN_PROMPT in defects_of_prompt(prompt)) is marked


def test_a_number_the_text_states_is_no_reference_mark():
    assert defects.REFERENCE_MARK_IN_PROMPT not in defects_of_prompt(
        "Which country lost 12,000 lives in a war of 1848?"
    )
    # "48" is not a number of the text, though "1848" is.
    prompt = "Which country ended the war of lives 48?"
    assert defects.REFERENCE_MARK_IN_PROMPT in defects_of_prompt(prompt)


@pytest.mark.parametrize(
    ("answer", "flagged"),
    [
        ("Mara Ostrow.", True),
        ("George V.", True),
        ("Norland,", True),
        ("Mara Ostrow", False),
        ("the U.S.", False),
        ("Acme Inc.", False),
    ],
)
def test_an_answer_ending_with_sentence_punctuation_is_a_defect(answer, flagged):
    draft = replace(GOOD_SHORT, answer_text=answer, accepted_answers=(answer,))
    assert (defects.ANSWER_WITH_PUNCTUATION in find_defects(draft, EXTRACTION)) is flagged


@pytest.mark.parametrize(
    ("prompt", "unresolved"),
    [
        ("Who became president last year?", True),
        ("Who became president last Year?", True),
        ("Who signed a treaty yesterday?", True),
        ("Who became president in the next decade?", True),
        ("Who became president after the war?", False),
        ("Who was the last president of Norland?", False),
    ],
)
def test_time_told_from_the_moment_of_writing_is_unresolved(prompt, unresolved):
    assert (defects.UNRESOLVED_REFERENCE in defects_of_prompt(prompt)) is unresolved


@pytest.mark.parametrize(
    ("prompt", "broken"),
    [
        ("When did the crown pass to Mara V. She?", True),
        ("When did the crown pass to Mara V. Ostrow?", False),
        ("When did the U.S. The treaty?", True),
    ],
)
def test_a_prompt_running_into_a_second_sentence_is_not_a_question(prompt, broken):
    assert (defects.NOT_A_QUESTION in defects_of_prompt(prompt)) is broken


@pytest.mark.parametrize(
    ("prompt", "unresolved"),
    [
        ("Who led the subsequent tour of Norland?", True),
        ("Who won the first one in 1990?", True),
        ("Who was appointed to so high an office in 1990?", True),
        ("Who founded the latter in 1990?", True),
        ("When did the former close its doors?", True),
        ("Who issued such a ruling in 1990?", True),
        ("True or false: One was built in 1850.", True),
        ("Fill in the blank: One of the bridges of Norland was built in _____.", False),
        ("Who won the first race in 1990?", False),
        ("Who was the last president of Norland?", False),
        ("Who led the tour of Norland in 1990?", False),
    ],
)
def test_words_pointing_back_at_the_text_are_unresolved(prompt, unresolved):
    assert (defects.UNRESOLVED_REFERENCE in defects_of_prompt(prompt)) is unresolved
