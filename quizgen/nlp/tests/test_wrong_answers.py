"""Questions whose key would be wrong: a name in another noun's phrase taken for the subject,
an event cut out of a clause that states two. The texts are composed for these tests."""

import re

import pytest

from quizgen.nlp.generate.features import BLOCK_CLASH
from quizgen.nlp.tests.drafting import blocked, drafts_for, items_of


def test_a_name_in_a_phrase_after_the_verb_is_not_the_subject(nlp_pipeline):
    # The parser hangs "Samuel Hart" on "she" as an apposition; he headed the school.
    text = (
        "Martha Quinn was a quiet child. In 1802 she began attending Eastfield Grammar "
        "School, at the time run by a young, strict headmaster, Samuel Hart, who was later a "
        "close friend."
    )
    drafts = drafts_for(text, nlp_pipeline)
    assert not [d for d in drafts if "Samuel Hart" in (d.accepted_answers or ())]
    assert not [d.prompt for d in drafts if d.prompt.startswith("Who began")]
    assert "Martha Quinn began attending which school?" in [d.prompt for d in drafts]


THE_DEGREES = (
    "Thomas Harrow was a keen student at Durham. Despite his illness, he got through his "
    "exams, and was granted a B.A. in 1901 and an M.A. in 1905. He moved to Leeds in "
    "1903. Thomas Harrow went up to Durham in 1898."
)


def test_no_event_is_cut_out_of_a_clause_that_states_two(nlp_pipeline):
    drafts = drafts_for(THE_DEGREES, nlp_pipeline)
    worded = [d.prompt for d in drafts] + items_of(drafts)
    assert not [text for text in worded if "granted a B.A." in text and "M.A." not in text]


def test_timeline_items_hold_no_date(nlp_pipeline):
    from quizgen.nlp.generate.builders import YEAR_RE

    drafts = drafts_for(THE_DEGREES, nlp_pipeline)
    items = items_of(drafts)
    assert not [item for item in items if YEAR_RE.search(item)]


def test_no_option_shares_the_surname_of_a_person_the_question_names(nlp_pipeline):
    text = (
        "The runner Peter Rowe won the race in Leeds in 2004. His brother James Rowe finished "
        "fourth in 2005. Tony Lester has coached Rowe since 2006. Mark Hill and Simon Park "
        "also raced in Leeds in 2004. Colin Ward won in 2003."
    )
    (coached,) = [
        d
        for d in drafts_for(text, nlp_pipeline)
        if d.kind == "multiple_choice" and d.prompt == "Who has coached Rowe since 2006?"
    ]
    options = [option for option, _ in coached.options]
    assert "Tony Lester" in options
    assert not [option for option in options if option.endswith("Rowe")]


def _true_false(drafts):
    return {d.prompt: d.answer_text for d in drafts if d.kind == "true_false"}


# A date that is its clause's point (a birth) after one that is not: the first is stated as the
# text gives it, and the false variant goes to the birth.
THE_BIRTH = "Ada Fenwick was born in 1921 in Stoke."


@pytest.mark.parametrize(
    "statement",
    [
        "The first tea room in Carrow opened in Millbrook in 1652.",  # a background date
        "The brew was widely drunk by 1900.",  # true of 1905 too
        "Steam looms were common in Yorkshire in the 1930s.",  # and maybe in the 1940s
        "Weavers in Barrowdale used steam looms as early as 1740.",
        "The Barrowdale guild has met in Tarn since 1802.",
        "Gerald Moss was not elected in 1850.",  # nor, maybe, in 1855
    ],
)
def test_only_a_date_that_is_the_point_of_its_clause_is_moved(nlp_pipeline, statement):
    statements = _true_false(drafts_for(f"{statement} {THE_BIRTH}", nlp_pipeline))
    assert statements[f"True or false: {statement}"] == "True"
    moved = [p for p, key in statements.items() if key == "False"]
    assert len(moved) == 1
    assert moved[0].startswith("True or false: Ada Fenwick was born in ")
    assert moved[0].endswith(" in Stoke.")
    assert "1921" not in moved[0]


def test_a_figure_given_as_a_bound_is_never_changed(nlp_pipeline):
    text = "Gerald Moss bred nearly 40 horses in Hallam. He planted 500 oak trees in Hallam."
    statements = _true_false(drafts_for(text, nlp_pipeline))
    assert statements["True or false: Gerald Moss bred nearly 40 horses in Hallam."] == "True"
    assert [key for key in statements.values()] == ["True", "False"]


def test_a_question_keeps_the_word_saying_its_event_did_not_happen(nlp_pipeline):
    # Dobell did not win: "nearly" stands before the subject, where a clause drops adverbs.
    text = (
        "Nearly winning the Battle of Varrow in 1917, Ralph Dobell lost his command. "
        "In 1916 the brigade narrowly failed to take the bridge at Elmwick."
    )
    drafts = drafts_for(text, nlp_pipeline)
    worded = [d.prompt for d in drafts] + items_of(drafts)
    assert not [w for w in worded if "Battle of Varrow" in w and "early" not in w.lower()]
    assert not [w for w in worded if "bridge" in w and "fail" not in w]
    assert "When did the brigade narrowly fail to take the bridge at Elmwick?" in worded


@pytest.mark.parametrize(
    "byline",
    ["By Tom Walsh, Marlow Herald correspondent\n", "By Tom Walsh, Marlow Herald correspondent. "],
)
def test_the_bylines_author_is_never_asked_about(nlp_pipeline, byline):
    text = (
        f"Library opens in Tarnby\n{byline}The mayor of Tarnby, Ellen Ford, opened a library "
        "in 2019. Mark Dunn designed the library in 2016.\nTom Walsh is a Marlow Herald "
        "correspondent based in Leeds."
    )
    drafts = drafts_for(text, nlp_pipeline)
    recommended = [d.prompt for d in drafts if d.recommended]
    assert "When did the mayor of Tarnby, Ellen Ford, open a library?" in recommended
    assert not [
        d.prompt
        for d in drafts
        if d.recommended and ("Walsh" in d.prompt + d.answer_text or "Herald" in d.prompt)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In 1985, Joe Marks led the league in wins, and in strikeouts and earned run average.",
        "Joe Marks led the league in wins (24), strikeouts (268) and walks (41) in 1985.",
    ],
)
def test_a_list_is_kept_whole_or_not_asked(nlp_pipeline, text):
    drafts = drafts_for(text, nlp_pipeline)
    statements = [d.prompt for d in drafts if d.kind == "true_false"]
    assert statements
    assert not [s for s in statements if "wins" in s and "strikeouts" not in s]
    assert not [s for s in statements if "strikeouts" in s and not re.search("average|walks", s)]


def test_a_clause_coordinated_with_another_keeps_its_own_question(nlp_pipeline):
    text = "Joe Marks won the cup in 1985 and Tim Lee lost the final in 1986."
    prompts = [d.prompt for d in drafts_for(text, nlp_pipeline)]
    assert "When did Joe Marks win the cup?" in prompts


def test_a_question_on_a_month_never_carries_another_month(nlp_pipeline):
    # The parse hangs "in December" (Kessel's) on the clause of April's win at Ferrow: the
    # second win, written without its verb, is left out of April's clause
    # (`clause.gapped_tail`), and what still carries both months is refused.
    drafts = drafts_for(
        "In April 1917 Ames won at Ferrow, and in December at Kessel.", nlp_pipeline
    )
    clashing = [
        d
        for d in drafts
        if any(key.startswith("date:") for key in d.fact_keys)
        and "December" in d.prompt
        and "April" in d.answer_text + d.prompt
    ]
    assert clashing
    assert {blocked(d) for d in clashing} == {BLOCK_CLASH}
    asked = {d.prompt: d.answer_text for d in drafts if d.kind == "short_answer"}
    assert asked["When did Ames win at Ferrow?"] == "April 1917"


ELECTIONS = (
    "Votes in Garnia. Parliamentary and presidential elections in Garnia were held on "
    "27 February 2011. {moved}Turnout was 61 percent."
)


@pytest.mark.parametrize(
    ("moved", "asked"),
    [("Garnia's presidential election was later moved to 10 April 2011. ", False), ("", True)],
)
def test_a_date_the_text_splits_between_two_coordinated_things_is_not_asked(
    nlp_pipeline, moved, asked
):
    drafts = drafts_for(ELECTIONS.format(moved=moved), nlp_pipeline)
    held = [
        d.prompt for d in drafts if d.recommended and "27 February 2011" in d.prompt + d.answer_text
    ]
    assert bool(held) is asked


def test_a_date_after_a_relative_clause_is_not_asked_for_the_verb_before_it(nlp_pipeline):
    # "in June 1851" may be when he took command (the relative clause's), not when the
    # regiment was moved: the parse hangs it on "moved".
    text = (
        "Colonel Reid was a careful officer. Reid arranged for the regiment to be moved to "
        "Malta, where he took command of the 2nd Brigade, in June 1851. Reid left Malta in "
        "1855."
    )
    drafts = drafts_for(text, nlp_pipeline)
    carrying = [d for d in drafts if "June 1851" in d.prompt + d.answer_text]
    assert {d.prompt for d in carrying if d.kind == "fill_blank"} == {
        "Fill in the blank: Reid arranged for the regiment to be moved to Malta in _____."
    }
    assert {blocked(d) for d in carrying} == {BLOCK_CLASH}
    left = [d for d in drafts if "1855" in d.prompt + d.answer_text]
    assert "" in {blocked(d) for d in left}


@pytest.mark.parametrize(
    ("later", "asked"),
    [
        ("Garnia will hold a presidential election in the autumn. ", False),
        ("Garnia has held a presidential election since 1990. ", False),
        ("A presidential election is the country's largest vote. ", True),
    ],
)
def test_a_date_given_to_two_coordinated_modifiers_is_not_asked_when_one_has_another(
    nlp_pipeline, later, asked
):
    text = (
        "Votes in Garnia. Parliamentary and presidential elections in Garnia are scheduled "
        f"for 27 March 2012. {later}Turnout was 61 percent in 2011."
    )
    drafts = drafts_for(text, nlp_pipeline)
    scheduled = [d for d in drafts if "27 March 2012" in d.prompt + d.answer_text]
    assert scheduled
    assert bool([d for d in scheduled if d.recommended]) is asked
