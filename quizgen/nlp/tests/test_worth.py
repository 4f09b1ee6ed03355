"""Questions worth asking, asking one thing, whole: the trivial, vague and truncated
questions readers named, each rule on sentences written for the test.

Trivial: a telephone number or a web address, an event of the subject's kin or of someone
named once in passing, the result of a competitor who did not win. Vague: a year blanked
where other words fit, a subject the text says the same of elsewhere. Truncated: a piece of
a name asked for, an aspectual verb without its complement, one of two coordinated "that"
clauses, a wh-phrase hung on a statement.
"""

from dataclasses import replace

import pytest

from quizgen.nlp.generate.checks import names_only
from quizgen.nlp.generate.features import (
    BLOCK_CEILING,
    BLOCK_DEFECT,
    BLOCK_TRIVIAL,
    BLOCK_TRUNCATED,
    BLOCK_VAGUE,
    blocked_reason,
)
from quizgen.nlp.generate.giveaway import term_in_definition
from quizgen.nlp.generate.trivial import contact_detail, world_answer
from quizgen.nlp.generate.truncated import (
    copied_opener,
    cut_coordination,
    dangling_end,
    doubled_run,
    dropped_complement,
    filler_verb,
    framing_participle,
    name_cut_in_prompt,
    piece_of_a_name,
    tacked_on_wh,
    who_for_place,
)
from quizgen.nlp.generate.vague import year_as_noun
from quizgen.nlp.tests.drafting import drafts_for, items_of, shown


def by_prompt(drafts):
    """The drafts by prompt (a multiple choice shares its prompt with its short answer)."""
    return {d.prompt: d for d in drafts if d.kind != "multiple_choice"}


def reason(draft):
    return blocked_reason(draft, draft.features)


# Trivial --------------------------------------------------------------------------------


def test_a_telephone_number_is_never_recommended(nlp_pipeline):
    drafts = drafts_for(
        "Mara Lind founded the Lifeline charity in 1998. Lifeline can be reached on 0800 555 0123.",
        nlp_pipeline,
    )
    with_number = [d for d in drafts if any("0800 555 0123" in text for text in shown(d))]
    assert with_number, "the sentence gives drafts"
    assert {d.features["contact"] for d in with_number} == {1.0}
    assert not any(d.recommended for d in with_number)
    founded = by_prompt(drafts)[
        "Fill in the blank: Mara Lind founded the Lifeline charity in _____."
    ]
    assert founded.features["contact"] == 0.0


def test_a_sentence_giving_a_number_to_call_is_never_asked_even_altered(nlp_pipeline):
    drafts = drafts_for(
        "Brightwave recalled two million lamps in 2004. Owners can order a new lamp by "
        "ringing 0800 555 0123 in the UK.",
        nlp_pipeline,
    )
    ringing = [d for d in drafts if "0800 555" in d.source_sentence.text]
    assert ringing, "the sentence gives drafts"
    assert {d.features["contact"] for d in ringing} == {1.0}
    assert not any(d.recommended for d in ringing)
    recalled = [d for d in drafts if "recalled" in d.source_sentence.text]
    assert {d.features["contact"] for d in recalled} == {0.0}


@pytest.mark.parametrize(
    ("answer", "prompt", "trivial"),
    [
        ("0800 555 0123", "Which number can callers ring for advice?", True),
        ("www.lifeline.org", "Which website gives the charity's advice?", True),
        ("Ann Reed", "Fill in the blank: Data are taken from _____ https://example.org/x.", True),
        ("the Silver Line helpline", "Which service does Lifeline run for older people?", True),
        ("1998", "True or false: Lifeline can be reached on 0800 555 0123.", True),
        ("2001", "When did the charity open a national helpline?", False),
        ("Mara Lind", "Who founded the Lifeline charity in 1998?", False),
    ],
)
def test_contact_details_are_trivial(nlp_pipeline, answer, prompt, trivial):
    draft = drafts_for("Mara Lind founded the Lifeline charity in 1998.", nlp_pipeline)[0]
    assert contact_detail(replace(draft, prompt=prompt, answer_text=answer)) is trivial


def test_an_event_of_the_subjects_parents_is_not_asked(nlp_pipeline):
    drafts = drafts_for(
        "Ada Moss was born in Leeds in 1901. Moss's parents married in York in 1895. Ada Moss "
        "wrote novels. Moss died in 1970.",
        nlp_pipeline,
    )
    asked = by_prompt(drafts)
    cloze = asked["Fill in the blank: Moss's parents married in York in _____."]
    assert cloze.features["side_figure"] == 1.0
    assert reason(cloze) == BLOCK_TRIVIAL
    assert not any(d.recommended for d in drafts if d.answer_text == "1895")
    born = asked["Fill in the blank: Ada Moss was born in Leeds in _____."]
    assert born.features["side_figure"] == 0.0


BRANDT = (
    "Ada Moss was born in Leeds in 1901. She studied music in Vienna. In 1925, the critic "
    "Paul Brandt visited Vienna. Moss wrote three operas. Moss died in 1970."
)


def test_the_date_of_someone_named_once_in_passing_is_not_asked(nlp_pipeline):
    drafts = drafts_for(BRANDT, nlp_pipeline)
    asked = by_prompt(drafts)
    when = asked["When did the critic Paul Brandt visit Vienna?"]
    assert when.features["side_figure"] == 1.0
    assert reason(when) == BLOCK_TRIVIAL
    statement = asked["True or false: The critic Paul Brandt visited Vienna in 1925."]
    assert reason(statement) == BLOCK_TRIVIAL
    assert not statement.recommended
    # The subject's own dates are hers, however often she is named.
    assert asked["Fill in the blank: Moss died in _____."].features["side_figure"] == 0.0


def test_a_side_figure_told_of_in_a_relative_clause_is_the_clauses_subject(nlp_pipeline):
    drafts = drafts_for(
        "Ada Moss was born in Leeds in 1901. Moss won the Leeds Prize in 1925. The only other "
        "winner from Leeds was Tom Reed, who won the prize in 1930. Moss died in 1970.",
        nlp_pipeline,
    )
    reed = [d for d in drafts if d.answer_text == "1930" and d.kind != "multiple_choice"]
    assert {d.prompt: d.features["side_figure"] for d in reed} == {
        "When did the only other winner from Leeds win the Leeds Prize?": 1.0,
        "Fill in the blank: The only other winner from Leeds won the Leeds Prize in _____.": 1.0,
    }
    assert not any(d.recommended for d in reed)
    opening = "True or false: The only other winner from Leeds won the Leeds Prize in"
    statements = [d for d in drafts if d.prompt.startswith(opening)]
    assert statements and {d.features["side_figure"] for d in statements} == {1.0}
    won = by_prompt(drafts)["Fill in the blank: Moss won the Leeds Prize in _____."]
    assert won.features["side_figure"] == 0.0


def test_someone_named_once_who_acts_on_the_texts_subject_is_no_side_figure(nlp_pipeline):
    drafts = drafts_for(
        "Ruth Hale was a judge in Ohio. In 1904, Governor Lowe promoted Hale to the Court of "
        "Appeals. Hale retired in 1920.",
        nlp_pipeline,
    )
    promoted = by_prompt(drafts)["When did Governor Lowe promote Hale to the Court of Appeals?"]
    assert promoted.features["side_figure"] == 0.0
    assert reason(promoted) == ""


def test_the_result_of_a_competitor_who_did_not_win_is_not_asked(nlp_pipeline):
    drafts = drafts_for(
        "Lena Ortiz won the Boston Marathon in 2:21:04. Maria Costa finished fifth in 2:29:40.",
        nlp_pipeline,
    )
    asked = by_prompt(drafts)
    fifth = asked["True or false: Maria Costa finished fifth in 2:29:40."]
    assert fifth.features["placing"] == 1.0
    assert reason(fifth) == BLOCK_TRIVIAL
    assert not fifth.recommended
    winner = asked["Fill in the blank: Lena Ortiz won the Boston Marathon in _____."]
    assert winner.features["placing"] == 0.0


# Vague ----------------------------------------------------------------------------------


def test_a_year_blanked_where_other_words_fit_is_vague(nlp_pipeline):
    drafts = drafts_for("The finalists for 2005 include Ruth Hale and Tom Reed.", nlp_pipeline)
    cloze = by_prompt(drafts)[
        "Fill in the blank: The finalists for _____ include Ruth Hale and Tom Reed."
    ]
    assert cloze.features["year_as_noun"] == 1.0
    assert reason(cloze) == BLOCK_VAGUE
    assert not cloze.recommended


@pytest.mark.parametrize(
    ("prompt", "vague"),
    [
        ("Fill in the blank: Hale opened _____ with a win over Leeds.", True),
        ("Fill in the blank: The _____ season ended early.", True),
        ("Fill in the blank: _____ saw the end of the war.", True),
        ("Fill in the blank: Hale retired in _____.", False),
        ("Fill in the blank: Hale taught at Leeds from _____ to 1925.", False),
        ("Fill in the blank: Hale moved to Leeds in the summer of _____.", False),
        ("Fill in the blank: In May, _____, Hale moved to Leeds.", False),
    ],
)
def test_a_year_is_a_time_only_after_a_word_of_time(nlp_pipeline, prompt, vague):
    draft = next(
        d
        for d in drafts_for("Ruth Hale retired in 1920.", nlp_pipeline)
        if d.kind == "fill_blank" and d.answer_text == "1920"
    )
    assert year_as_noun(replace(draft, prompt=prompt)) is vague


def test_a_place_modifying_a_subject_the_text_says_the_same_of_elsewhere_is_vague(nlp_pipeline):
    drafts = drafts_for(
        "Hunger in the north\n\nIn 1880, food shortages in Ireland were severe. Shortages in "
        "Scotland were also severe.",
        nlp_pipeline,
    )
    asked = by_prompt(drafts)
    cloze = asked["Fill in the blank: Food shortages in _____ were severe in 1880."]
    assert cloze.features["same_predicate"] == 1.0
    assert reason(cloze) == BLOCK_VAGUE
    alone = by_prompt(
        drafts_for(
            "Hunger in the north\n\nIn 1880, food shortages in Ireland were severe.", nlp_pipeline
        )
    )
    assert (
        alone["Fill in the blank: Food shortages in _____ were severe in 1880."].features[
            "same_predicate"
        ]
        == 0.0
    )


# Truncated ------------------------------------------------------------------------------


def test_a_word_of_a_works_title_is_not_blanked(nlp_pipeline):
    drafts = drafts_for(
        "The life of Ruth Hale\n\nRuth Hale wrote several plays, including The Silent Garden. "
        "Hale died in 1960.",
        nlp_pipeline,
    )
    cloze = by_prompt(drafts)["Fill in the blank: Hale wrote several plays, including The _____."]
    assert cloze.features["name_piece"] == 1.0
    assert reason(cloze) == BLOCK_TRUNCATED
    assert not cloze.recommended


def test_a_word_of_an_awards_name_is_not_asked_but_a_title_before_a_name_stays(nlp_pipeline):
    award = drafts_for("Ruth Hale received the Sportsman of the Year Award in 1999.", nlp_pipeline)
    sportsman = [d for d in award if d.answer_text == "Sportsman"]
    assert sportsman, "the parse takes 'Sportsman' for a name"
    assert {d.features["name_piece"] for d in sportsman} == {1.0}
    assert not any(d.recommended for d in sportsman)
    governor = by_prompt(
        drafts_for(
            "In 1904, Governor Lowe promoted Ruth Hale to the Court of Appeals.", nlp_pipeline
        )
    )
    named = governor[
        "Fill in the blank: Governor _____ promoted Ruth Hale to the Court of Appeals in 1904."
    ]
    assert named.features["name_piece"] == 0.0


def test_an_aspectual_verb_keeps_the_verb_it_takes(nlp_pipeline):
    drafts = drafts_for("American settlers began petitioning for statehood in 1817.", nlp_pipeline)
    question = by_prompt(drafts)["When did American settlers begin petitioning for statehood?"]
    span = question.source_sentence
    doc = nlp_pipeline(span.text)
    sentence = doc[:]
    assert question.features["dropped_complement"] == 0.0
    assert dropped_complement(question, sentence) is False
    cut = replace(question, prompt="When did American settlers begin?")
    assert dropped_complement(cut, sentence) is True


def test_a_that_clause_coordinated_with_another_is_not_cut_after_the_first(nlp_pipeline):
    text = "In 1910, Mara Lind argued that taxes were too high, and that wages were too low."
    drafts = drafts_for(text, nlp_pipeline)
    cut = [d for d in drafts if "taxes were too high" in d.prompt]
    assert cut and all("wages" not in d.prompt for d in cut)
    assert {d.features["cut_coordination"] for d in cut} == {1.0}
    assert not any(d.recommended for d in cut)
    sentence = nlp_pipeline(text)[:]
    whole = replace(cut[0], prompt=f"True or false: {text}")
    assert cut_coordination(whole, sentence) is False


@pytest.mark.parametrize(
    ("prompt", "tacked"),
    [
        ("Ruth Hale was promoted to the Court of Appeals, in what year?", True),
        ("Ruth Hale was promoted to the Court of Appeals, when?", True),
        ("In what year was Ruth Hale promoted to the Court of Appeals?", False),
        (
            "When did Ruth Hale host the show Room 12, which was cancelled after eight weeks?",
            False,
        ),
        ("Ruth Hale was promoted to which court?", False),
    ],
)
def test_a_wh_phrase_hung_on_a_statement_is_no_question(nlp_pipeline, prompt, tacked):
    draft = next(
        d
        for d in drafts_for("Ruth Hale retired in 1920.", nlp_pipeline)
        if d.kind == "short_answer"
    )
    assert tacked_on_wh(replace(draft, prompt=prompt)) is tacked


def test_an_echoed_cloze_keeps_the_answers_article_outside_the_blank(nlp_pipeline):
    drafts = drafts_for(
        "Ruth Hale was a judge in Ohio. In 1904, voters elected her to the Court of Appeals.",
        nlp_pipeline,
    )
    clozes = [d for d in drafts if d.kind == "fill_blank" and d.answer_text == "Court of Appeals"]
    assert [d.prompt for d in clozes] == [
        "Fill in the blank: In 1904, voters elected her to the _____."
    ]
    assert clozes[0].accepted_answers == ("Court of Appeals",)


@pytest.mark.parametrize(
    ("sentence", "kind", "prompt"),
    [
        (
            "In 1850, her court had been established by the state.",
            "fill_blank",
            "Fill in the blank: Ruth Hale's court was established by the state in _____.",
        ),
        (
            "Her parents had married in York in 1895.",
            "short_answer",
            "When did Ruth Hale's parents marry in York?",
        ),
    ],
)
def test_a_past_perfect_alone_in_its_item_is_told_in_the_simple_past(
    nlp_pipeline, sentence, kind, prompt
):
    drafts = drafts_for(f"Ruth Hale was a judge in Ohio. {sentence}", nlp_pipeline)
    assert prompt in {d.prompt for d in drafts if d.kind == kind}
    assert not any(" had " in d.prompt for d in drafts)


def test_an_example_a_list_opens_is_not_asked_alone(nlp_pipeline):
    drafts = drafts_for(
        "The life of Otto Berg\n\nOtto Berg attended lectures at institutions like Leeds "
        "University. Berg wrote several plays, including Dark Water. Berg died in 1950.",
        nlp_pipeline,
    )
    asked = by_prompt(drafts)
    for prompt in (
        "Fill in the blank: Otto Berg attended lectures at institutions like _____.",
        "Fill in the blank: Berg wrote several plays, including _____.",
    ):
        assert asked[prompt].features["example_of_several"] == 1.0
        assert reason(asked[prompt]) == BLOCK_VAGUE
    examples = [d for d in drafts if d.answer_text in {"Leeds University", "Dark Water"}]
    assert not any(d.recommended for d in examples)
    assert asked["Fill in the blank: Berg died in _____."].features["example_of_several"] == 0.0


OHIO = "The Ohio Valley began wielding influence in national politics in 1850."


@pytest.mark.parametrize(
    ("prompt", "answer", "rule", "holds"),
    [
        (
            "Who began wielding influence in national politics in 1850?",
            "Ohio Valley",
            "place",
            True,
        ),
        ("Who began wielding influence in national politics in 1850?", "Ruth Hale", "place", False),
        ("Which region began wielding influence in 1850?", "Ohio Valley", "place", False),
        ("When did the influence of the valley occur?", "1850", "filler", True),
        ("When did the Ohio Valley begin wielding influence?", "1850", "filler", False),
        (
            "The Ohio Valley began wielding began wielding influence in what year?",
            "1850",
            "doubled",
            True,
        ),
        ("The Ohio Valley began wielding influence in what year?", "1850", "doubled", False),
    ],
)
def test_ill_formed_prompts(nlp_pipeline, prompt, answer, rule, holds):
    draft = next(d for d in drafts_for(OHIO, nlp_pipeline) if d.kind == "short_answer")
    changed = replace(draft, prompt=prompt, answer_text=answer)
    found = {
        "place": lambda: who_for_place(changed, None, 0),
        "filler": lambda: filler_verb(changed),
        "doubled": lambda: doubled_run(changed),
    }[rule]()
    assert found is holds


def test_a_name_the_prompt_starts_after_its_of_is_cut(nlp_pipeline):
    draft = next(
        d
        for d in drafts_for(
            "Ruth Hale received the Sportsman of the Year Award in 1999.", nlp_pipeline
        )
        if d.prompt == "When did Ruth Hale receive the Sportsman of the Year Award?"
    )
    assert name_cut_in_prompt(draft) is False
    assert name_cut_in_prompt(replace(draft, prompt="When did Ruth Hale receive the Year Award?"))


def test_a_name_after_for_or_after_the_answer_is_not_cut(nlp_pipeline):
    drafts = drafts_for("The first prize was won by Ann Lee for Green Water in 1999.", nlp_pipeline)
    asked = [d for d in drafts if "Green Water" in d.prompt and d.kind != "true_false"]
    assert asked, "the sentence gives questions on the winner or the year"
    assert {name_cut_in_prompt(d) for d in asked} == {False}
    draft = asked[0]
    leeds = replace(
        draft,
        prompt="Who of Green Water won the first prize?",
        answer_text="Ann Lee",
        source_sentence=replace(
            draft.source_sentence, text="The first prize was won by Ann Lee of Green Water."
        ),
    )
    assert name_cut_in_prompt(leeds) is False


def test_a_participle_of_beginning_that_frames_the_clause_is_not_its_event(nlp_pipeline):
    drafts = drafts_for(
        "Lena Ortiz was born in Leeds in 1981. Lena Ortiz attended Riverside Academy from the "
        "age of nine, starting in 1990. Beginning in the 1920s, farmers in Kansas planted more "
        "wheat. Lena Ortiz began a survey of river birds in 1998.",
        nlp_pipeline,
    )
    asked = by_prompt(drafts)
    for prompt in (
        "When did Lena Ortiz start?",
        "Fill in the blank: Lena Ortiz started in _____.",
        "True or false: Lena Ortiz started in 1990.",
        "When did farmers in Kansas begin?",
        "True or false: Farmers in Kansas began in the 1920s.",
    ):
        assert asked[prompt].features["framing_participle"] == 1.0, prompt
        assert reason(asked[prompt]) == BLOCK_TRUNCATED, prompt
    assert not any(d.recommended for d in drafts if d.answer_text in {"1990", "the 1920s"})
    # A participle with an object of its own tells an event; a finite "began" is one.
    survey = asked["Fill in the blank: Lena Ortiz began a survey of river birds in _____."]
    assert survey.features["framing_participle"] == 0.0


MOSS_FAMILY = (
    "Ada Moss\n\n"
    "Ada Moss was a British composer. Moss was born in Leeds in 1901, the second of three "
    "children of Tom Moss and his wife, Ann. Moss's sister, Eve, played for the Leeds hockey "
    "team in 1925. Ann Moss was a keen singer. Moss studied music in Vienna in 1920. Moss "
    "wrote three operas. Moss died in 1970."
)


def test_a_relative_asked_for_without_the_relation_is_vague(nlp_pipeline):
    drafts = drafts_for(MOSS_FAMILY, nlp_pipeline)
    asked = by_prompt(drafts)
    # Eve and Ann are named as her sister and her mother; the question does not say so.
    eve = asked["Who played for the Leeds hockey team in 1925?"]
    assert eve.features["relative"] == 1.0
    assert reason(eve) == BLOCK_VAGUE
    ann = asked["Fill in the blank: _____ was a keen singer."]
    assert ann.features["relative"] == 1.0
    # Said with the relation, the question is fair.
    sister = asked[
        "Fill in the blank: Moss's sister, _____, played for the Leeds hockey team in 1925."
    ]
    assert sister.features["relative"] == 0.0
    studied = asked["Fill in the blank: Moss studied music in Vienna in _____."]
    assert (studied.features["relative"], reason(studied)) == (0.0, "")


def test_a_relative_the_text_keeps_naming_is_one_of_its_actors(nlp_pipeline):
    drafts = drafts_for(
        "Ada Moss\n\n"
        "Ada Moss was a British composer. Moss was the daughter of the painter Tom Moss. Tom "
        "Moss taught Ada Moss to draw. Tom Moss opened a gallery in York in 1910. Tom Moss "
        "sold the gallery in 1930. Moss died in 1970.",
        nlp_pipeline,
    )
    father = [d for d in drafts if d.answer_text == "Tom Moss"]
    assert father and {d.features["relative"] for d in father} == {0.0}


def test_someone_a_life_names_once_in_an_aside_is_not_asked_for(nlp_pipeline):
    drafts = drafts_for(
        "Ada Moss\n\n"
        "Ada Moss was born in Leeds in 1901. She studied music in Vienna. Moss joined the "
        "Leeds Opera as Sir Tom Reed fell into poor health. Moss wrote three operas for the "
        "Leeds Opera. In 1950, Governor Lowe awarded Moss a medal. Moss died in 1970.",
        nlp_pipeline,
    )
    asked = by_prompt(drafts)
    for prompt in (
        "Who fell into poor health?",
        "True or false: Sir Tom Reed fell into poor health.",
    ):
        assert asked[prompt].features["side_figure"] == 1.0, prompt
        assert reason(asked[prompt]) == BLOCK_TRIVIAL, prompt
    # Named once too, but what he did is the subject's event.
    awarded = asked["Who awarded Moss a medal in 1950?"]
    assert awarded.features["side_figure"] == 0.0
    assert reason(awarded) == ""


def test_a_participle_of_beginning_after_a_preposition_says_nothing_of_what_began(nlp_pipeline):
    drafts = drafts_for(
        "Lena Ortiz knew within days after starting at Riverside College that law was wrong "
        "for her.",
        nlp_pipeline,
    )
    draft = drafts[0]
    sentence = nlp_pipeline(draft.source_sentence.text)[:]
    cut = replace(draft, prompt="Fill in the blank: Lena Ortiz started at _____.")
    assert framing_participle(cut, sentence) is True
    whole = replace(
        draft, prompt="Fill in the blank: Lena Ortiz knew that law was wrong for _____."
    )
    assert framing_participle(whole, sentence) is False


VAGUE_TEXT = (
    "Aldric preached in Hestor in 720. Aldric also was an active lay preacher in Dunmere. By "
    "1818, the Reed brothers had been ennobled. In the 1990s, a tunnel under the Kessel "
    "Strait seemed unlikely."
)


@pytest.mark.parametrize(
    ("prompt", "feature"),
    [
        # "also": the text tells of another place where he was a lay preacher.
        ("Fill in the blank: Aldric was an active lay preacher in _____.", "also_dropped"),
        ("Where was Aldric an active lay preacher?", "also_dropped"),
        # "by" behind a passive verb reads as who ennobled them.
        ("Fill in the blank: The Reed brothers were ennobled by _____.", "passive_by_date"),
        # It seemed so before and after too.
        ("When did a tunnel under the Kessel Strait seem unlikely?", "when_seeming"),
    ],
)
def test_questions_other_answers_fit(nlp_pipeline, prompt, feature):
    asked = by_prompt(drafts_for(VAGUE_TEXT, nlp_pipeline))
    assert asked[prompt].features[feature] == 1.0
    assert reason(asked[prompt]) == BLOCK_VAGUE


def test_a_figure_in_a_bracketed_aside_is_not_asked(nlp_pipeline):
    drafts = drafts_for(
        "Among the monuments of Tamra were the Tower of Winds (which is ninety feet high) and "
        "the Old Gate.",
        nlp_pipeline,
    )
    cloze = by_prompt(drafts)["Fill in the blank: The Tower of Winds is _____ high."]
    assert cloze.features["parenthetical"] == 1.0
    assert reason(cloze) == BLOCK_TRIVIAL


@pytest.mark.parametrize(
    ("answer", "guessable"), [("Earth", True), ("the world", True), ("Mars", False)]
)
def test_the_world_itself_is_no_answer_to_ask_for(nlp_pipeline, answer, guessable):
    draft = drafts_for("The Kessel Report raised concerns about a crisis in Tamra.", nlp_pipeline)[
        0
    ]
    asked = replace(
        draft,
        kind="fill_blank",
        prompt="Fill in the blank: The report raised concerns about a crisis on _____.",
        answer_text=answer,
    )
    assert world_answer(asked) is guessable


@pytest.mark.parametrize(
    ("prompt", "cut"),
    [
        ("True or false: Lind was born and brought up on a farm near Leeds and.", True),
        ("Fill in the blank: Lind was the leader of the movement in _____ as.", True),
        ("Fill in the blank: Lind led the movement in _____.", False),
        ("Who did Lind work for?", False),
        ("What was the movement known as?", False),
        ("Who founded the movement and?", True),
    ],
)
def test_a_prompt_cut_before_its_end(nlp_pipeline, prompt, cut):
    draft = drafts_for("Mara Lind founded the Lifeline charity in 1998.", nlp_pipeline)[0]
    assert dangling_end(replace(draft, prompt=prompt)) is cut


RECORD_TEXT = (
    "Ann Reed was premier of Tamra from 2006. Reed had to cope with the province's first "
    "budget deficit in 16 years. Reed founded the Kessel Party in 1990. The historian Tom Hale "
    "agrees with Pell's reasoning."
)


@pytest.mark.parametrize(
    ("prompt", "feature"),
    [
        # The span since the last time marks a record; its length is incidental.
        (
            "Fill in the blank: Reed had to cope with the province's first budget deficit in "
            "_____.",
            "span_since",
        ),
        # A side in the scholars' debate.
        ("True or false: The historian Tom Hale agrees with Pell's reasoning.", "scholars_view"),
        ("Who agrees with Pell's reasoning?", "scholars_view"),
    ],
)
def test_incidental_details_are_trivial(nlp_pipeline, prompt, feature):
    asked = by_prompt(drafts_for(RECORD_TEXT, nlp_pipeline))
    assert asked[prompt].features[feature] == 1.0
    assert reason(asked[prompt]) == BLOCK_TRIVIAL
    founded = asked["Fill in the blank: Reed founded the Kessel Party in _____."]
    assert (founded.features[feature], reason(founded)) == (0.0, "")


def test_a_word_of_a_title_joined_by_to_is_a_piece_of_the_name(nlp_pipeline):
    draft = drafts_for("The Ladders to Growth circulated widely in 1972.", nlp_pipeline)[0]
    sentence = nlp_pipeline(draft.source_sentence.text)[:]
    cut = replace(
        draft,
        kind="fill_blank",
        prompt="Fill in the blank: The _____ to Growth circulated widely in 1972.",
        answer_text="Ladders",
    )
    assert piece_of_a_name(cut, sentence, 4) is True
    moved = nlp_pipeline("Ann Reed moved from Leeds to Kessel in 1972.")[:]
    trip = replace(
        cut,
        prompt="Fill in the blank: Ann Reed moved from _____ to Kessel in 1972.",
        answer_text="Leeds",
    )
    assert piece_of_a_name(trip, moved, 20) is False


def test_a_records_span_altered_in_a_statement_is_trivial_too(nlp_pipeline):
    drafts = drafts_for(RECORD_TEXT, nlp_pipeline)
    altered = [
        d for d in drafts if d.kind == "true_false" and "first budget deficit in" in d.prompt
    ]
    assert altered and {d.features["span_since"] for d in altered} == {1.0}
    assert not any(d.recommended for d in altered)


def test_the_cloze_of_how_something_seemed_is_vague_too(nlp_pipeline):
    asked = by_prompt(drafts_for(VAGUE_TEXT, nlp_pipeline))
    cloze = asked[
        "Fill in the blank: A tunnel under the Kessel Strait seemed unlikely in the _____."
    ]
    assert cloze.features["when_seeming"] == 1.0
    assert reason(cloze) == BLOCK_VAGUE


def test_also_after_a_deed_adds_a_deed_and_the_name_stays_the_one_answer(nlp_pipeline):
    drafts = drafts_for(
        "Mara Lind ran the Tamra Opera from 1980. Mara Lind also restored the Kessel Hall in 1990.",
        nlp_pipeline,
    )
    restored = [d for d in drafts if d.answer_text == "Kessel Hall" and d.kind == "fill_blank"]
    assert restored and {d.features["also_dropped"] for d in restored} == {0.0}


MEDALS_TEXT = (
    "Sprinters banned\n\nTwo sprinters have been banned for two years after missing drug "
    "tests.\n\nDana Whitlock won 400m gold at the 1996 Atlanta Olympics, while Mira Osei won "
    "bronze in the 800m.\n\nLena Brandt won silver in the 1500m at the 1992 Barcelona "
    "Olympics.\n\nBoth athletes deny wrongdoing."
)


@pytest.mark.parametrize(
    ("prompt", "dropped"),
    [
        ("Who won bronze in the 800m?", 1.0),
        ("Fill in the blank: _____ won bronze in the 800m.", 1.0),
        ("Who won silver in the 1500m at the 1992 Barcelona Olympics?", 0.0),
    ],
)
def test_a_medal_asked_without_its_contest_is_vague(nlp_pipeline, prompt, dropped):
    asked = by_prompt(drafts_for(MEDALS_TEXT, nlp_pipeline))
    assert asked[prompt].features["contest_dropped"] == dropped
    if dropped:
        assert reason(asked[prompt]) == BLOCK_VAGUE


# Lane worth, stop 20: a relative's dates and the baptism beside the birth -----------------

KIN_TEXT = (
    "Ada Moss\n\n"
    "Ada Moss was born in Leeds on 3 May 1901. She was baptised on 5 May 1901. Her sister "
    "Eve was born in 1903. Eve died in 1980. Moss married Carl Hale in 1928. Hale gave up "
    "painting in 1935. Their son Peter was born in 1931. On 2 June 1933, Hale's cousin Ann "
    "gave birth to a son, Tom. Moss wrote three operas in 1925. Her father took her to Paris "
    "in 1910. Moss and her sister moved to York in 1912. Moss died in 1970."
)


@pytest.mark.parametrize(
    ("prompt", "kin"),
    [
        ("Fill in the blank: Ada Moss's sister Eve was born in _____.", True),
        ("When did Eve die?", True),  # the sister, named as such once
        ("When did Hale give up painting?", True),  # the husband's own event
        ("Fill in the blank: Their son Peter was born in _____.", True),
        ("When did Moss marry Carl Hale?", False),  # her own marriage
        ("Fill in the blank: Moss wrote three operas in _____.", False),
        ("When did Ada Moss's father take her to Paris?", False),  # she takes part
        ("Fill in the blank: Moss and her sister moved to York in _____.", False),
    ],
)
def test_a_relatives_own_event_is_not_asked_in_a_life(nlp_pipeline, prompt, kin):
    asked = by_prompt(drafts_for(KIN_TEXT, nlp_pipeline))
    assert asked[prompt].features["kin_event"] == float(kin)
    if kin:
        assert not asked[prompt].recommended
        # "Their son" leans on the text as well (a defect, which is named first).
        expected = BLOCK_DEFECT if prompt.startswith("Fill in the blank: Their") else BLOCK_TRIVIAL
        assert reason(asked[prompt]) == expected


def test_a_child_born_is_the_childs_event(nlp_pipeline):
    drafts = drafts_for(
        "Tom Reed\n\nTom Reed was born in Hull in 1950. Reed married Joan Hart in 1975. On "
        "2 June 1980, Hart gave birth to their first son, Sam Reed. Reed won the Hull Prize "
        "in 1985. Reed died in 2010.",
        nlp_pipeline,
    )
    birth = [d for d in drafts if "gave birth" in d.source_sentence.text and d.kind != "matching"]
    dated = [d for d in birth if "2 June 1980" in d.answer_text or "True or false" in d.prompt]
    assert dated and {d.features["kin_event"] for d in dated} == {1.0}
    assert not any(d.recommended for d in dated)
    won = by_prompt(drafts)["Fill in the blank: Reed won the Hull Prize in _____."]
    assert (won.features["kin_event"], reason(won)) == (0.0, "")


def test_a_baptism_beside_a_dated_birth_is_not_asked(nlp_pipeline):
    drafts = drafts_for(KIN_TEXT, nlp_pipeline)
    baptised = [d for d in drafts if "baptised" in d.prompt and d.kind != "matching"]
    assert baptised and {d.features["baptism"] for d in baptised} == {1.0}
    assert not any(d.recommended for d in baptised)
    born = by_prompt(drafts)["Fill in the blank: Ada Moss was born in Leeds on _____."]
    assert born.features["baptism"] == 0.0
    # Nor does a timeline or a date matching carry the family's events.
    items = " ".join(items_of(drafts, timelines=True))
    assert "baptised" not in items and "Eve" not in items and "Hale gave up" not in items


def test_a_baptism_is_asked_where_the_text_gives_no_birth_date(nlp_pipeline):
    drafts = drafts_for(
        "Ann Hart was a painter. Hart was baptised in Hull on 9 June 1850. Hart died in 1901.",
        nlp_pipeline,
    )
    baptised = [d for d in drafts if "baptised" in d.prompt]
    assert baptised and {d.features["baptism"] for d in baptised} == {0.0}


REPORTED = (
    "Brightwave recalled two million lamps in 2004. The fault was found in a Leeds factory, "
    "Tom Reed told the BBC. The factory closed in 2006, said a spokeswoman for the Leeds "
    "council. The link is dubious, according to Anna Street."
)


@pytest.mark.parametrize(
    ("prompt", "tag"),
    [
        # whom he told
        ("Fill in the blank: The fault was found in a Leeds factory, Tom Reed told _____.", True),
        ("The Leeds factory closed in 2006, said a spokeswoman for which council?", True),
        ("Fill in the blank: The link is dubious, according to _____.", True),
        ("How many lamps did Brightwave recall in 2004?", False),
        ("Fill in the blank: Brightwave recalled two million lamps in _____.", False),
    ],
)
def test_the_tag_saying_who_reported_a_fact_is_no_answer(nlp_pipeline, prompt, tag):
    asked = by_prompt(drafts_for(REPORTED, nlp_pipeline))
    assert asked[prompt].features["reporting_tag"] == float(tag)
    if tag:
        assert not asked[prompt].recommended


@pytest.mark.parametrize(
    ("prompt", "copied"),
    [
        ("Fill in the blank: In other words, a gene is a length of _____.", True),
        ("True or false: For example, a tern is a sea bird.", True),
        ("Fill in the blank: As we saw in Chapter 2, cells divide by _____.", True),
        ("True or false: This means that the cell divides.", True),
        ("Fill in the blank: Another type of rock is _____.", True),
        ("Fill in the blank: Now let’s try drawing it in _____ dimensions.", True),
        ("Fill in the blank: Third, trade lets firms use _____.", True),
        ("Fill in the blank: A gene is a length of _____.", False),
        ("True or false: In 1990, the cell was named.", False),
        ("Fill in the blank: Another's loss is _____'s gain.", False),
    ],
)
def test_a_textbooks_opener_copied_into_the_question(nlp_pipeline, prompt, copied):
    draft = drafts_for("Mara Lind founded the Lifeline charity in 1998.", nlp_pipeline)[0]
    changed = replace(draft, prompt=prompt)
    assert copied_opener(changed) is copied


def test_an_opener_keeps_the_question_out_of_the_set(nlp_pipeline):
    drafts = drafts_for(
        "A gene is a length of DNA. Cells divide by mitosis. Now let's try drawing a cell in "
        "two dimensions.",
        nlp_pipeline,
    )
    opened = {d.prompt: (d.features["opener"], reason(d)) for d in drafts if copied_opener(d)}
    assert opened == {
        "True or false: Now let's try drawing a cell in two dimensions.": (1.0, BLOCK_TRUNCATED),
        "Fill in the blank: Now let's try drawing a cell in _____ dimensions.": (
            1.0,
            BLOCK_TRUNCATED,
        ),
        # Asked in place, it was never a clean question.
        "Now let's try drawing a cell in how many dimensions?": (1.0, BLOCK_CEILING),
    }
    assert not any(d.recommended for d in drafts if copied_opener(d))


@pytest.mark.parametrize(
    ("prompt", "answer", "given"),
    [
        (
            "Which term describes the field of psychology that studies thinking?",
            "cognitive psychology",
            True,
        ),
        (
            "Fill in the blank: _____ are people who believe in moral realism.",
            "moral realists",
            True,
        ),
        ("Which term describes the best example of a concept?", "prototype", False),
        ("Which term describes a group of words?", "phrase", False),
    ],
)
def test_a_term_whose_own_word_its_definition_uses_is_given_away(
    nlp_pipeline, prompt, answer, given
):
    draft = drafts_for("Mara Lind founded the Lifeline charity in 1998.", nlp_pipeline)[0]
    assert term_in_definition(replace(draft, prompt=prompt, answer_text=answer)) is given


@pytest.mark.parametrize(
    ("heading", "answer", "only"),
    [
        ("What Is Cognition?", "cognition", True),
        ("Defining Thrift", "thrift", True),
        ("An Introduction to Grit", "grit", True),
        ("Concepts", "concept", True),
        ("What Is Cognition?", "prototype", False),
        ("Concepts and Prototypes", "prototype", False),
    ],
)
def test_a_heading_framing_its_one_term_names_only_it(nlp_pipeline, heading, answer, only):
    draft = drafts_for("Mara Lind founded the Lifeline charity in 1998.", nlp_pipeline)[0]
    assert names_only(heading, replace(draft, answer_text=answer, accepted_answers=())) is only


def test_the_size_of_the_groups_is_an_incidental_number(nlp_pipeline):
    asked = by_prompt(
        drafts_for(
            "Forty teams came to the Leeds contest in 2017. Teams from ten countries were "
            "arranged in groups of three.",
            nlp_pipeline,
        )
    )
    groups = asked["Fill in the blank: Teams from ten countries were arranged in groups of _____."]
    assert groups.features["incidental_number"] == 1.0
    assert reason(groups) == BLOCK_TRIVIAL
    teams = asked["Fill in the blank: _____ teams came to the Leeds contest in 2017."]
    assert teams.features["incidental_number"] == 0.0


def test_saying_nothing_to_the_reporter_is_no_fact(nlp_pipeline):
    drafts = drafts_for(
        "Brightwave recalled two million lamps in 2004. Delta Airlines declined to comment. "
        "Ann Reed did not respond to requests for comment.",
        nlp_pipeline,
    )
    silent = {d.prompt: d.features["reporting_tag"] for d in drafts if "comment" in d.prompt}
    assert silent == {
        "True or false: Delta Airlines declined to comment.": 1.0,
        "True or false: Ann Reed did not respond to requests for comment.": 1.0,
        "Which airline declined to comment?": 1.0,
        "Who did not respond to requests for comment?": 1.0,
        "Fill in the blank: _____ declined to comment.": 1.0,
        "Fill in the blank: _____ did not respond to requests for comment.": 1.0,
    }
    assert not any(d.recommended for d in drafts if "comment" in d.prompt)


LIFE_WITH_LISTS = (
    "Tom Reed\n\n"
    "Tom Reed was born in Hull in 1950. Reed married Joan Hart, who died in 1993. In 1960, "
    "Reed, his mother and his sister moved to Leeds. Sam Cole, Reed, was elected in 1980. "
    "Reed's uncle Max Cole, his wife Eva and their son were killed on 4 May 1961. Reed "
    "died in 2010."
)


@pytest.mark.parametrize(
    ("prompt", "kin"),
    [
        ("When did Joan Hart die?", True),  # the wife, told of in a relative clause
        ("When did Reed, his mother and his sister move to Leeds?", False),  # a list
        ("Fill in the blank: Tom Reed was born in Hull in _____.", False),
    ],
)
def test_a_relatives_event_told_in_a_relative_clause_or_a_list(nlp_pipeline, prompt, kin):
    asked = by_prompt(drafts_for(LIFE_WITH_LISTS, nlp_pipeline))
    assert asked[prompt].features["kin_event"] == float(kin)
