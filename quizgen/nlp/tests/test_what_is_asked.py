"""What a recommended question asks: the faults readers named in what is asked, each on a
sentence of its own.

A question must not give its answer away (a place the text puts inside the answer, the
answer's own words, the text's own subject), must not test trivia (a street, the day of a
passing event), must not be unfair (a false statement made of a bound or of a near day), and
must say which event it is about.
"""

import pytest

from quizgen.nlp.generate.checks import acronym_expansion
from quizgen.nlp.generate.descriptions import blank_owns_unnamed
from quizgen.nlp.generate.features import (
    BLOCK_GIVEAWAY,
    BLOCK_REFERENCE,
    BLOCK_SUBJECT,
    BLOCK_TRIVIAL,
    BLOCK_UNFIXED,
)
from quizgen.nlp.generate.wh import fine_type
from quizgen.nlp.tests.drafting import blocked, drafts_for


def asking_for(drafts, answer, kind=None):
    return [
        d
        for d in drafts
        if d.answer_text == answer and (kind is None or d.kind == kind) and d.rule != "echo"
    ]


def reasons(drafts):
    return {blocked(d) for d in drafts}


# Give-aways -----------------------------------------------------------------------------


def test_a_city_the_text_places_in_the_answer_gives_the_country_away(nlp_pipeline):
    drafts = drafts_for(
        "Marta Kovacs was born in Szeged, in Hungary, in 1931. She studied chemistry at the "
        "University of Vienna.",
        nlp_pipeline,
    )
    country = asking_for(drafts, "Hungary", "fill_blank")
    assert country, "a cloze on the country is made"
    assert all("Szeged" in d.prompt for d in country)
    assert reasons(country) == {BLOCK_GIVEAWAY}
    assert not any(d.recommended for d in country)
    university = asking_for(drafts, "University of Vienna")
    assert university and BLOCK_GIVEAWAY not in reasons(university)


def test_where_a_company_has_its_seat_gives_the_company_away(nlp_pipeline):
    drafts = drafts_for(
        "The young inventor met the judges at the fair held at Nokia's headquarters located "
        "in Espoo, Finland.",
        nlp_pipeline,
    )
    company = asking_for(drafts, "Nokia")
    assert company
    assert all(blocked(d) for d in company)
    assert not any(d.recommended for d in company)


def test_a_word_of_the_answers_own_name_in_the_question_gives_it_away(nlp_pipeline):
    drafts = drafts_for(
        "The charity Comic Aid Canada collects donations of comics for children in hospital. "
        "It was founded by Alan Reid in 1994.",
        nlp_pipeline,
    )
    cloze = asking_for(drafts, "Comic Aid Canada", "fill_blank")
    assert [d.prompt for d in cloze] == [
        "Fill in the blank: The charity _____ collects donations of comics for children in "
        "hospital."
    ]
    assert reasons(cloze) == {BLOCK_GIVEAWAY}
    assert not any(d.recommended for d in asking_for(drafts, "Comic Aid Canada"))


def test_a_union_is_asked_for_as_an_organisation_not_by_its_own_name(nlp_pipeline):
    assert fine_type("Union of Free Painters and Sculptors") == "organisation"
    assert fine_type("National Rail Corps") is None  # "Corps" is no plural of "Corp."
    assert fine_type("Apex Holdings Corp") == "company"
    drafts = drafts_for(
        "The Union of Free Painters and Sculptors launched a petition against the new tax in 1830.",
        nlp_pipeline,
    )
    prompts = [d.prompt for d in asking_for(drafts, "Union of Free Painters and Sculptors")]
    assert "Which organisation launched a petition against the new tax in 1830?" in prompts
    assert not any(p.startswith("Which union") for p in prompts)


def test_the_title_subject_is_no_answer_even_as_its_acronym(nlp_pipeline):
    assert (
        acronym_expansion("effects of SLD are known. The Society for Sleep Lack Disorders", "SLD")
        == "Sleep Lack Disorders"
    )
    assert acronym_expansion("the chronic sleep lack disorders (SLD) of pupils", "SLD") == (
        "sleep lack disorders"
    )
    drafts = drafts_for(
        "Teenagers in Norway suffering from sleep lack\n\n"
        "Many teenagers in Norway sleep too little. The best known effects of SLD are poor "
        "marks and low mood. The Norwegian Council for Sleep Lack Disorders runs a clinic in "
        "Bergen.",
        nlp_pipeline,
    )
    subject = asking_for(drafts, "SLD", "fill_blank")
    assert [d.prompt for d in subject] == [
        "Fill in the blank: The best known effects of _____ are poor marks and low mood."
    ]
    assert reasons(subject) == {BLOCK_SUBJECT}
    assert not any(d.recommended for d in asking_for(drafts, "SLD"))
    # A body named after the subject is not the subject itself.
    council = asking_for(drafts, "Norwegian Council for Sleep Lack Disorders", "short_answer")
    assert council and BLOCK_SUBJECT not in reasons(council)


def test_the_country_of_a_demonym_in_the_title_is_the_texts_subject(nlp_pipeline):
    drafts = drafts_for(
        "Kenyan runners honoured at the city marathon\n\n"
        "Kenya was the only country with three runners in the first ten. The race was won "
        "by Peter Otieno in 2 hours 8 minutes.",
        nlp_pipeline,
    )
    kenya = asking_for(drafts, "Kenya")
    assert kenya
    assert BLOCK_SUBJECT in reasons(kenya)
    assert not any(d.recommended for d in kenya)


# Missing context ----------------------------------------------------------------------------


def test_a_number_in_a_hyphened_modifier_does_not_say_which_one(nlp_pipeline):
    drafts = drafts_for(
        "Mayor Lena Dahl made a remark about the river. The two-line remark was condemned "
        "by the Green Party within an hour.",
        nlp_pipeline,
    )
    party = asking_for(drafts, "Green Party")
    assert party and any("two-line remark" in d.prompt for d in party)
    for draft in party:
        if "two-line remark" in draft.prompt:
            assert blocked(draft) == BLOCK_REFERENCE


def test_a_recurring_event_without_its_year_says_nothing_of_which_one(nlp_pipeline):
    drafts = drafts_for(
        "Ruiz joined the Seattle Mariners in 2010. He won his first ring when the Mariners "
        "beat the Chicago Cubs in the World Series in seven games.",
        nlp_pipeline,
    )
    cubs = [d for d in drafts if "World Series" in d.prompt and d.answer_text == "Chicago Cubs"]
    assert cubs
    assert all(d.features["unfixed_event"] == 1.0 for d in cubs)
    assert not any(d.recommended for d in cubs)
    dated = drafts_for(
        "The Mariners beat the Chicago Cubs in the 2011 World Series in seven games.",
        nlp_pipeline,
    )
    cubs = [d for d in dated if "World Series" in d.prompt and d.answer_text == "Chicago Cubs"]
    assert cubs and all(d.features["unfixed_event"] == 0.0 for d in cubs)
    assert BLOCK_UNFIXED not in reasons(cubs)


# Trivia and fairness ------------------------------------------------------------------------


def test_a_street_address_is_not_asked_for(nlp_pipeline):
    drafts = drafts_for(
        "In 1902 Ana Silva taught briefly at the convent school on Rua Augusta Street, "
        "Lisbon. Silva lived at 14 Gartenweg in Bern.",
        nlp_pipeline,
    )
    streets = [
        d
        for d in drafts
        if d.answer_text in {"Rua Augusta Street", "Gartenweg"} and d.kind != "true_false"
    ]
    assert streets
    assert not any(d.recommended for d in streets)
    assert reasons(streets) <= {BLOCK_TRIVIAL, BLOCK_GIVEAWAY, "has a defect"} | {
        "was asked in place or echoed, not as a clean question"
    }


def test_a_bound_is_stated_true_never_made_false(nlp_pipeline):
    drafts = drafts_for(
        "By 1971, Ingrid Holm had come to accept that rhythm shapes meaning.", nlp_pipeline
    )
    statements = [d for d in drafts if d.kind == "true_false" and "rhythm" in d.prompt]
    assert statements
    assert all(d.answer_text == "True" for d in statements)
    assert all("1971" in d.prompt for d in statements)


def test_a_full_date_is_made_false_by_its_year_never_by_a_near_day(nlp_pipeline):
    drafts = drafts_for(
        "Anna Berg was born on 4 May 1950. Berg returned to Oslo in 1990.", nlp_pipeline
    )
    statements = [d for d in drafts if d.kind == "true_false" and "born" in d.prompt]
    assert [(d.prompt, d.answer_text) for d in statements] == [
        ("True or false: Anna Berg was born on 4 May 1947.", "False")
    ]


def test_a_year_may_still_be_made_false(nlp_pipeline):
    drafts = drafts_for("Ingrid Holm was born in Oslo in 1971.", nlp_pipeline)
    statements = [d for d in drafts if d.kind == "true_false" and "Oslo" in d.prompt]
    assert any(d.answer_text == "False" and "1971" not in d.prompt for d in statements)


def test_the_day_of_a_passing_event_ranks_below_the_day_of_a_birth(nlp_pipeline):
    drafts = drafts_for(
        "Tom Berg was born on 4 May 1990 in Malmo. On 12 June 2014, Berg scored three goals "
        "against Denmark in a friendly.",
        nlp_pipeline,
    )
    birth = [d for d in asking_for(drafts, "4 May 1990") if d.kind == "short_answer"]
    game = [d for d in asking_for(drafts, "12 June 2014") if d.kind == "short_answer"]
    assert birth and game
    assert birth[0].features["passing_day"] == 0.0
    assert game[0].features["passing_day"] == 1.0
    assert game[0].score < birth[0].score


# The wh-phrase and the options --------------------------------------------------------------


def test_the_texts_own_noun_says_what_kind_of_body_is_asked_for(nlp_pipeline):
    drafts = drafts_for(
        "Volunteer organization Paint Corps of Ohio collects donations of paints for schools. "
        "The charity Comic Aid Canada collects donations of comics for children in hospital.",
        nlp_pipeline,
    )
    prompts = {d.prompt for d in drafts if d.kind == "short_answer"}
    assert "Which organization collects donations of paints for schools?" in prompts
    assert "Which charity collects donations of comics for children in hospital?" in prompts
    assert not any(p.startswith("Which company") for p in prompts)


def test_a_name_the_text_calls_a_kingdom_is_asked_for_as_a_place(nlp_pipeline):
    drafts = drafts_for(
        "Aldric of Dunmere\n\n"
        "Aldric was a monk from Tessel sent to the Kingdom of Hestor by Pope Leo in 701. After "
        "a few winters in Hestor, Aldric was consecrated a bishop. Aldric returned to "
        "Hestor, where he became Bishop of Kestrel. Aldric died in 744.",
        nlp_pipeline,
    )
    asked = {d.prompt: d for d in drafts if d.answer_text == "Hestor" and d.kind == "short_answer"}
    assert list(asked) == ["Where did Aldric return?"]
    assert asked["Where did Aldric return?"].recommended


def test_a_title_the_text_calls_a_novel_is_asked_for_as_a_novel(nlp_pipeline):
    from quizgen.nlp.generate.wh import _text_wh
    from quizgen.nlp.types import ActorFact, Sentence

    doc = nlp_pipeline("Grey Morning, Hailey's blockbuster about a strike, was filmed in 1970.")
    sentence = Sentence(text=doc.text, start=0, end=len(doc.text))
    fact = ActorFact(
        text="Grey Morning", start=0, end=12, sentence=sentence, value="Grey Morning",
        label="person",
    )  # fmt: skip
    name = doc[0:2]
    assert _text_wh(name.root, fact) == "Which work"
    doc = nlp_pipeline("His novel Grey Morning was filmed in 1970.")
    assert _text_wh(doc[2:4].root, fact) == "Which novel"
    doc = nlp_pipeline("The actor Tom Hale was filmed in 1970.")
    assert _text_wh(doc[2:4].root, fact) is None  # a person stays "Who"


def test_a_piece_of_a_title_is_no_person_to_offer():
    from quizgen.nlp.generate.distractors import part_of_longer_name

    text = (
        "In 1891 he wrote a poem, Et Tu Malley, on the death of a friend. Coach Tony Lester "
        "agreed. President Ana Ruiz spoke, and Dutchman Piet Okken ran."
    )
    assert part_of_longer_name(text, text.index("Tu Malley"))
    assert not part_of_longer_name(text, text.index("Tony Lester"))
    assert not part_of_longer_name(text, text.index("Ana Ruiz"))
    assert not part_of_longer_name(text, text.index("Piet Okken"))
    assert not part_of_longer_name(text, 0)


def test_a_possessive_its_own_subject_binds_needs_no_text(nlp_pipeline):
    drafts = drafts_for(
        "Anna Berg\n\nAnna Berg is a Swedish actor. Berg made her film debut opposite Tom Hale "
        "in the comedy Late Rain in 2004. Hale invited her to Oslo in 2006. Berg spent most "
        "of her early life in Norway.",
        nlp_pipeline,
    )
    by_prompt = {d.prompt: d for d in drafts if d.kind == "short_answer"}
    bound = [
        "When did Berg make her film debut opposite Tom Hale in the comedy Late Rain?",
        "Where did Berg spend most of her early life?",
    ]
    for prompt in bound:
        assert by_prompt[prompt].features["pronoun"] == 0.0
        assert blocked(by_prompt[prompt]) == ""
    # "her" as an object is someone other than the clause's subject: only the text says who.
    invited = by_prompt["When did Hale invite her to Oslo?"]
    assert blocked(invited) == BLOCK_REFERENCE
    assert not invited.recommended


def test_their_needs_more_than_one_owner_before_it(nlp_pipeline):
    drafts = drafts_for(
        "Anna Berg\n\nBerg married Tom Hale in 2008. Hale gave birth to their son, Leo, in "
        "2011. Berg and Hale sold their house in Oslo in 2015.",
        nlp_pipeline,
    )
    asked = [d for d in drafts if d.kind == "short_answer" and d.rule.startswith("wh:")]
    birth = [d for d in asked if "their son" in d.prompt]
    house = [d for d in asked if "their house" in d.prompt]
    assert birth and house
    assert all(d.features["pronoun"] == 1.0 for d in birth)
    assert all(d.features["pronoun"] == 0.0 for d in house)


@pytest.mark.parametrize(
    ("prompt", "unnamed"),
    [
        ("Fill in the blank: Lena Dahl first auditioned for _____'s role.", True),
        ("Fill in the blank: Dahl was the host of _____'s late-night quiz show.", True),
        ("Fill in the blank: Dahl met the finalists at _____'s headquarters in Espoo.", False),
        ("Fill in the blank: Dahl is filming _____'s new thriller, Cold Harbour.", False),
        ("Fill in the blank: Dahl starred in _____'s first film in 1990.", False),
    ],
)
def test_a_blank_owning_a_thing_it_does_not_name_needs_the_text(prompt, unnamed):
    assert blank_owns_unnamed(prompt) is unnamed


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # A definite set: "the two" takes the count as known, the sentence tells its guides.
        ("Tessel Press\n\nThe two Tessel museums currently employ 48 guides.", "two"),
        # The prompt spells out the list it counts.
        (
            "Marl Hall\n\nThe survey of Marl Hall records the size of just two rooms, the Long "
            "Room and the Oak Room.",
            "just two",
        ),
        # A set's noun gives the count.
        (
            "Ada Quill\n\nAda Quill was born in Tessel in 1950. After expanding on Tidewater "
            "with two more novels to finish the grim Harbour trilogy, Quill became a "
            "leading writer of a new kind of fiction with the 1990 novel Salt Roads.",
            "two",
        ),
    ],
)
def test_a_count_the_prompt_gives_or_takes_as_known_is_not_asked(nlp_pipeline, text, answer):
    drafts = asking_for(drafts_for(text, nlp_pipeline), answer)
    assert drafts, "the count is drafted"
    clozes = [d for d in drafts if d.kind == "fill_blank"]
    assert clozes and reasons(clozes) == {BLOCK_GIVEAWAY}
    assert all(blocked(d) for d in drafts)
    assert not any(d.recommended for d in drafts)


def test_a_count_of_an_indefinite_set_is_still_asked(nlp_pipeline):
    drafts = asking_for(
        drafts_for("Tessel Press\n\nTwo Tessel museums currently employ 48 guides.", nlp_pipeline),
        "48",
    )
    assert drafts
    assert BLOCK_GIVEAWAY not in reasons(drafts)
