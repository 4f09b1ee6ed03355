"""Self-contained questions: what a prompt points back to is written out where exactly one
thing can be meant, else the question is not recommended (`generate/references.py`).

Every text is invented for the test.
"""

import re

import pytest

from quizgen.nlp.generate.defects import UNRESOLVED_REFERENCE
from quizgen.nlp.generate.features import BLOCK_REFERENCE, blocked_reason
from quizgen.nlp.generate.references import headless_subject, person_noun
from quizgen.nlp.tests.drafting import drafts_for


def prompts(drafts, kind=None):
    return [d.prompt for d in drafts if kind is None or d.kind == kind]


def of_sentence(drafts, words):
    return [d for d in drafts if words in d.source_sentence.text]


def usable(draft):
    return not blocked_reason(draft, draft.features)


# Resolved: a description the text names, an opening pronoun, an epithet, a setting ---------


@pytest.mark.parametrize(
    ("text", "question"),
    [
        # A predication names the network.
        (
            "Brightwave has become the second largest mobile network in Norway. The network's "
            "profits rose by half in 2019.",
            "When did Brightwave's profits rise by half?",
        ),
        # An apposition names the firm.
        (
            "Kestrel Labs, a small software firm, opened an office in Leeds in 2011. The firm "
            "hired forty engineers in 2012.",
            "When did Kestrel Labs hire forty engineers?",
        ),
        # A title before a name: the chancellor is Chancellor Ana Ruiz.
        (
            "Chancellor Ana Ruiz visited Quito in 2004. The chancellor opened a new bridge in "
            "Quito in 2005.",
            "When did Chancellor Ana Ruiz open a new bridge in Quito?",
        ),
        # "It" opening a sentence after one about one named thing.
        (
            "Brightwave was founded in Oslo in 1998. It opened a store in Bergen in 2004.",
            "When did Brightwave open a store in Bergen?",
        ),
        # An epithet for the pair of people the sentence before names.
        (
            "Tom and Ann Hale host a cookery show. The couple wrote a book in 2015.",
            "When did Tom and Ann Hale write a book?",
        ),
        # An epithet for the one person of the sentence before.
        (
            "Tom Hale signed for the club in 1999. The striker scored 40 goals in 2001.",
            "When did Tom Hale score 40 goals?",
        ),
        # "the country" for the one country named just before.
        (
            "Germany introduced ration cards in 1939. The country ran short of fat by 1941.",
            "True or false: Germany ran short of fat by 1941.",
        ),
    ],
)
def test_a_description_with_one_certain_referent_is_written_out(text, question, nlp_pipeline):
    drafts = drafts_for(text, nlp_pipeline)
    asked = [d for d in drafts if d.prompt == question]
    assert asked, prompts(drafts)
    assert all(d.defects == () for d in asked)
    assert any(usable(d) for d in asked)


def test_an_opening_possessive_becomes_the_name_of_the_previous_subject(nlp_pipeline):
    drafts = drafts_for(
        "Brightwave was founded in Oslo in 1998. Its profit for the year 2019 was $5m.",
        nlp_pipeline,
    )
    statement = "True or false: Brightwave's profit for the year 2019 was $5m."
    assert statement in prompts(drafts, "true_false")
    assert not any("Its " in d.prompt or " its " in d.prompt for d in drafts)


def test_an_epithet_owning_a_noun_becomes_its_owners_name(nlp_pipeline):
    drafts = drafts_for(
        "Tom and Ann Hale host a cookery show on Channel 4. The TV couple's new book was "
        "published in 2015.",
        nlp_pipeline,
    )
    assert "When was Tom and Ann Hale's new book published?" in prompts(drafts, "short_answer")
    assert not any("couple" in d.prompt for d in drafts if d.recommended)


def test_the_paragraphs_setting_is_added_to_a_bare_subject(nlp_pipeline):
    drafts = drafts_for(
        "Germany introduced ration cards in 1939. Rationing grew tight by 1941.", nlp_pipeline
    )
    second = of_sentence(drafts, "Rationing")
    assert "True or false: In Germany, rationing grew tight by 1941." in prompts(second)
    assert "Fill in the blank: In Germany, rationing grew tight by _____." in prompts(second)
    assert all(d.prompt.split(": ")[-1].startswith("In Germany, ") for d in second)


# Not resolvable: not recommended -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # Another network is named in between.
        (
            "Brightwave has become the largest mobile network in Norway. Telenor cut its "
            "prices in 2018. The network's profits rose by half in 2019.",
            "network's profits",
        ),
        # "Its" could be the phone's.
        ("Brightwave launched a new phone in 2019. Its price was $500 in 2020.", "Its price"),
        # Two people: which is the singer?
        (
            "Tom Hale met Ann Ruiz in Leeds in 1999. The singer released an album in 2001.",
            "The singer",
        ),
        # The setting is two countries.
        (
            "Germany and Italy introduced ration cards in 1939. Rationing grew tight by 1941.",
            "Rationing",
        ),
        # A reflexive "own" sets it against another moratorium.
        (
            "Norway banned the hunting of whales in 1982. Iceland announced its own moratorium "
            "in 1985.",
            "its own",
        ),
        # "followed" what?
        ("The army captured the fort in 1836. A massacre followed in March 1836.", "followed"),
        # Four hundred what?
        (
            "Tea rooms spread quickly across Wendshire after 1680. By 1712, Harlow had more "
            "than four hundred.",
            "four hundred",
        ),
        # The complement that said which team is left out of every prompt.
        (
            "The research team, under Professor Ana Ruiz, studied the work of women at "
            "Westminster in 2004.",
            "research team",
        ),
        # The same quarter as what?
        (
            "Brightwave reported a loss of $3m in the first quarter of 2019. Profits rose by 40% "
            "in the same quarter of 2020.",
            "same quarter",
        ),
        # "Both" of whom?
        (
            "Ruth Kane and Ada Moss swam for Leeds. Both were banned by the federation in 2004.",
            "Both were",
        ),
        # Counted in what?
        ("A train left the rails near Crewe in 1911. There were 21 fatalities.", "fatalities"),
        # "This farm" written "The farm": which farm?
        (
            "The Hale family farmed near York. In 1880, one of these farms grew famous. This "
            "farm was run by a man named Tom Hale.",
            "This farm",
        ),
    ],
)
def test_a_reference_that_cannot_be_resolved_is_not_recommended(text, words, nlp_pipeline):
    drafts = drafts_for(text, nlp_pipeline)
    leaning = of_sentence(drafts, words)
    assert leaning
    assert not any(usable(d) for d in leaning), [d.prompt for d in leaning if usable(d)]
    assert not any(d.recommended for d in leaning)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # An office the text never gives her: the governor is another person.
        (
            "Ruth Hale was a judge in Ohio. In 1904, the governor promoted her to the Court of "
            "Appeals.",
            "Ruth Hale promoted",
        ),
        (
            "Ana Ruiz studied law in Madrid. In 1990, the minister appointed her to the council.",
            "Ana Ruiz appointed",
        ),
        # "him" in the epithet's own clause is the person named before.
        (
            "Tom Hale signed for the club in 1999. In 2001, the striker replaced him in the team.",
            "Tom Hale replaced",
        ),
    ],
)
def test_an_epithet_for_someone_else_is_never_given_the_name_before(text, wrong, nlp_pipeline):
    drafts = drafts_for(text, nlp_pipeline)
    assert drafts
    assert not [d.prompt for d in drafts if wrong in d.prompt]


@pytest.mark.parametrize(
    "sentence",
    [
        "Promising sprinter clocked 9.9 seconds in Rome in 2008.",
        # Measures and common nouns before the noun say what kind of athlete, not which.
        "Promising 400m runner clocked a new record of 44.9 seconds in Rome in 2008.",
        "Olympic bronze decathlon medallist made a quiet return at a meeting in Rome in 2008.",
    ],
)
def test_a_sentence_that_lost_its_name_gives_no_question(sentence, nlp_pipeline):
    drafts = drafts_for(sentence, nlp_pipeline)
    assert drafts
    assert {blocked_reason(d, d.features) for d in drafts} <= {
        BLOCK_REFERENCE,
        "was asked in place or echoed, not as a clean question",
    }
    assert not any(d.recommended for d in drafts)


@pytest.mark.parametrize(
    ("sentence", "headless"),
    [
        ("Former world champion won the race in Rome in 2001.", True),
        ("The former world champion won the race in Rome in 2001.", False),
        ("One farmer won the prize in Rome in 2001.", False),
        ("Britain's champion won the race in Rome in 2001.", False),
        ("Rationing grew tight by 1941.", False),
    ],
)
def test_a_subject_says_which_person_or_lost_its_name(sentence, headless, nlp_pipeline):
    assert headless_subject(nlp_pipeline(sentence)[:]) is headless


@pytest.mark.parametrize(
    ("word", "person"),
    [
        ("sprinter", True),
        ("swimmer", True),
        ("pianist", True),
        ("minister", True),
        ("butter", False),
        ("water", False),
        ("rationing", False),
    ],
)
def test_a_person_noun_is_told_from_a_mass_noun(word, person):
    assert person_noun(word) is person


@pytest.mark.parametrize(
    ("sentence", "shape"),
    [
        ("The first child was born in 1817.", r"first child"),
        ("The two women were killed in 1820.", r"(two|_____) women"),
        ("The couple moved to Leeds in 1990.", r"couple"),
    ],
)
def test_an_unnamed_ordinal_number_or_role_is_an_unresolved_reference(
    sentence, shape, nlp_pipeline
):
    drafts = drafts_for(f"Mary Hale married Tom Ruiz in 1816. {sentence}", nlp_pipeline)
    second = of_sentence(drafts, sentence[:12])
    shaped = [d for d in second if re.search(shape, d.prompt)]
    assert shaped
    assert all(UNRESOLVED_REFERENCE in d.defects for d in shaped)
    assert not any(d.recommended for d in second)


@pytest.mark.parametrize(
    "sentence",
    [
        "The first woman to fly across the Atlantic was born in 1897.",
        "The two sides of the river were joined by a bridge in 1890.",
    ],
)
def test_a_description_with_its_own_complement_is_no_unresolved_reference(sentence, nlp_pipeline):
    drafts = drafts_for(sentence, nlp_pipeline)
    assert drafts
    assert not any(UNRESOLVED_REFERENCE in d.defects for d in drafts)


def test_a_description_keeping_its_complement_stays_recommendable(nlp_pipeline):
    drafts = drafts_for(
        "The team of Professor Ana Ruiz studied the work of women at Westminster in 2004.",
        nlp_pipeline,
    )
    asked = [
        d
        for d in drafts
        if d.prompt
        == "When did the team of Professor Ana Ruiz study the work of women at Westminster?"
    ]
    assert asked and usable(asked[0])


def test_a_relative_clause_made_the_statement_no_longer_says_which_one(nlp_pipeline):
    drafts = drafts_for(
        "The swimmers, who trained at the Leeds Aquatic Centre, were banned in 2004.",
        nlp_pipeline,
    )
    clause = [d for d in drafts if d.prompt.endswith("The swimmers trained at the _____.")]
    assert clause and not usable(clause[0])
    assert not any(usable(d) for d in drafts)


def test_a_name_from_a_heading_in_capitals_is_written_as_a_name(nlp_pipeline):
    drafts = drafts_for(
        "Waterways of the North\n\nEngineers in Yorkshire planned many waterways in the "
        "nineteenth century.\n\nTHE BUILDING OF THE KESWICK CANAL\n\nWork on the canal started "
        "in June 1897. The canal opened in 1905.",
        nlp_pipeline,
    )
    assert "When did the Keswick Canal open?" in prompts(drafts)
    assert not any("KESWICK" in prompt for prompt in prompts(drafts))


# A heading's capitals are its style: a heading in capitals names what the running text
# capitalises ("Kestrel"), written as a name; a title-case heading naming nothing the text
# capitalises ("Location of the Wheel") names no referent.
def test_a_heading_in_capitals_names_what_the_text_capitalises(nlp_pipeline):
    text = (
        "Mills of the North\n\nTHE BUILDING OF THE KESTREL CANAL\n\nThe mill owners of Kestrel "
        "wanted a cheap way to move coal to their mills. Work on the canal started in June 1897. "
        "The canal opened to barges in 1905.\n"
    )
    prompts_seen = prompts(drafts_for(text, nlp_pipeline))
    assert "When did the Kestrel Canal open to barges?" in prompts_seen
    assert not any("KESTREL" in prompt for prompt in prompts_seen)


def test_a_title_case_heading_names_nothing(nlp_pipeline):
    text = (
        "Parts of a Mill\n\nLocation of the Wheel\n\nThe mill stands on the bank of a fast "
        "stream. The water falls on the upper rim of the wheel, called the crown. The wheel "
        "was rebuilt in 1850.\n"
    )
    prompts_seen = prompts(drafts_for(text, nlp_pipeline))
    assert "Which term describes the upper rim of the wheel?" in prompts_seen
    assert not any("Wheel" in prompt for prompt in prompts_seen)


# A noun after a name in a title-case heading is part of the name ("the Harwick-Dunmore Act"),
# although the running text writes the common noun ("the act") in lower case.
def test_a_title_case_heading_keeps_the_capital_of_a_compound_name(nlp_pipeline):
    text = (
        "The Harwick-Dunmore Act and the Mill Owners\n\nParliament passed a law on the canals "
        "in 1801. The act created two new canal companies. Mill owners welcomed the act.\n"
    )
    prompts_seen = prompts(drafts_for(text, nlp_pipeline))
    assert "True or false: The Harwick-Dunmore Act created two new canal companies." in (
        prompts_seen
    )
    assert not any("Harwick-Dunmore act" in prompt for prompt in prompts_seen)


def test_the_time_a_sentence_opens_with_is_put_back_before_its_second_clause(nlp_pipeline):
    drafts = drafts_for(
        "Cotton spinning grew fast in northern England. In the late 1820s and early 1830s, "
        "Lancashire mills led the world in cotton spinning, and the Netherlands continued to "
        "rely on England for finished cloth.",
        nlp_pipeline,
    )
    assert (
        "In the late 1820s and early 1830s, which country continued to rely on England for "
        "finished cloth?"
    ) in prompts(drafts, "short_answer")
    assert not any(p.startswith("Which country continued") for p in prompts(drafts))


def test_the_place_a_sentence_opens_with_is_put_back_before_the_question(nlp_pipeline):
    drafts = drafts_for(
        "Ada Quill\n\nAda Quill was born in Ashby in 1950. In Fennick, Quill joined the Harbour "
        "Players in 1968. In her home town, Quill joined a choir in 1960.",
        nlp_pipeline,
    )
    asked = prompts(drafts)
    assert "In Fennick, when did Quill join the Harbour Players?" in asked
    assert "Fill in the blank: In Fennick, Quill joined the Harbour Players in _____." in asked
    assert "When did Quill join the Harbour Players?" not in asked
    # Only a place named and nothing more: "In her home town" says more than where.
    assert not any(p.startswith("In her home town, when") for p in asked)


def test_a_relative_pronoun_is_no_description_to_resolve(nlp_pipeline):
    # "that" opening the relative clause is a noun chunk of its own, but it says which plan.
    drafts = drafts_for(
        "Ferries have crossed the Tarn at Harlow since 1880. The Harlow Assembly has rejected "
        "a plan that would have closed two river ferries.",
        nlp_pipeline,
    )
    asked = [
        d
        for d in drafts
        if d.prompt == "True or false: The Harlow Assembly has rejected a plan that would have "
        "closed two river ferries."
    ]
    assert asked and usable(asked[0])


@pytest.mark.parametrize(
    "question",
    [
        # The prompt keeps "the fines of the Carrow Six", not the clause's other "the fines".
        "When did the Harbour Court cancel the fines of the Carrow Six?",
        # "on the Wexley Three" is read as saying which fines, though the parse hangs it on the
        # verb.
        "When did the Harbour Court lift the fines on the Wexley Three?",
    ],
)
def test_a_description_is_read_where_the_prompt_has_it(question, nlp_pipeline):
    drafts = drafts_for(
        "In March 1987 the Harbour Court cancelled the fines of the Carrow Six, and in May 1990 "
        "it lifted the fines on the Wexley Three.",
        nlp_pipeline,
    )
    asked = [d for d in drafts if d.prompt == question]
    assert asked and usable(asked[0])


# Lane ctx: an office without whose, a place, a contrast or a relation left behind ---------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # President of which country? The text gives none it could be.
        (
            "Kwame Nkrumah returned from London in 1947. He took office as president in 1960.",
            "as president",
        ),
        # Captain of which team?
        ("Tom Hale was named captain in 2004.", "named captain"),
        # "the first chancellor": first of what?
        ("Ana Ruiz became the first chancellor in 1871.", "first chancellor"),
        # A common noun before the office says what kind, not whose.
        ("Ana Ruiz served as club president from 1990 to 1994.", "club president"),
        # "There": where the sentence before says.
        (
            "In 1972 Ana Ruiz moved to Paris to study painting. There she met the sculptor "
            "Paul Brandt in 1973.",
            "There she met",
        ),
        ("From there the fleet sailed to Lisbon in 1497.", "From there"),
        # The contrast the clause is set against.
        ("Unlike his two brothers, Tom Hale did not attend university in Leeds.", "Unlike"),
        (
            "In contrast to the Norland army, the Tessel army did not use horses in 1820.",
            "In contrast",
        ),
        # A negative clause after a concession.
        (
            "Although he was invited in 1990, Tom Hale did not attend the royal wedding.",
            "Although",
        ),
        ("Despite heavy rain, the Harlow Fair did not close in 1990.", "Despite"),
        # A comment on what?
        ("Delta Airlines declined to comment.", "comment"),
        # Took his place in what?
        ("Tom Hale was injured in March 2004. Ian Moss replaced Tom Hale in 2004.", "replaced"),
        # Nothing is its own shareholder: "its" is the firm named before.
        (
            "Suez owns 40% of Aguas Argentinas. Spain's Aguas de Barcelona is its second "
            "biggest shareholder with 25.01%.",
            "its second",
        ),
    ],
)
def test_a_question_that_drops_what_its_clause_needs_is_not_recommended(text, words, nlp_pipeline):
    drafts = of_sentence(drafts_for(text, nlp_pipeline), words)
    assert drafts
    assert not any(usable(d) for d in drafts), [d.prompt for d in drafts if usable(d)]
    assert not any(d.recommended for d in drafts)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        # The office's own complement says whose.
        (
            "Ana Ruiz became captain of the Harlow Rovers in 2004.",
            "When did Ana Ruiz become captain of the Harlow Rovers?",
        ),
        # The body that gave the office is kept.
        (
            "The Labour Party elected Tom Hale leader in 2004.",
            "When did the Labour Party elect Tom Hale leader?",
        ),
        # A concession before a clause that is not negated: the clause alone is as true.
        (
            "Although it rained all week, the Harlow Fair opened on 3 May 1990.",
            "When did the Harlow Fair open?",
        ),
    ],
)
def test_a_question_keeping_whose_office_or_an_affirmed_clause_stays_recommendable(
    text, question, nlp_pipeline
):
    asked = [d for d in drafts_for(text, nlp_pipeline) if d.prompt == question]
    assert asked
    assert any(usable(d) for d in asked)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # One factor of what?
        (
            "Grain prices rose across Norland in 1846. One factor in 1846 was the failure of "
            "the potato harvest in Tessel.",
            "One factor",
        ),
        (
            "Grain prices rose across Norland in 1846. The main reason was the failure of the "
            "potato harvest in 1845.",
            "main reason",
        ),
    ],
)
def test_a_reason_or_factor_of_something_unsaid_is_not_recommended(text, words, nlp_pipeline):
    drafts = of_sentence(drafts_for(text, nlp_pipeline), words)
    assert drafts
    assert not any(usable(d) for d in drafts), [d.prompt for d in drafts if usable(d)]


@pytest.mark.parametrize(
    ("text", "question"),
    [
        # The country the sentence before makes its subject.
        (
            "Ghana won its independence from Britain in 1957. Kwame Nkrumah took office as "
            "president in 1960.",
            "When did Kwame Nkrumah take office as president of Ghana?",
        ),
        # The body the sentence before has him join.
        (
            "Tom Hale joined the Harlow Rovers in 1999. He was named captain in 2004.",
            "When was Tom Hale named captain of the Harlow Rovers?",
        ),
    ],
)
def test_the_one_owner_of_an_office_is_written_in(text, question, nlp_pipeline):
    asked = [d for d in drafts_for(text, nlp_pipeline) if d.prompt == question]
    assert asked
    assert any(usable(d) for d in asked)


@pytest.mark.parametrize(
    ("text", "office"),
    [
        # The club he left is not the one he captains.
        (
            "Tom Hale left the Harlow Rovers in 1999. Ana Ruiz was named captain in 2004.",
            "captain",
        ),
        # A birthplace is no office's owner.
        ("Tom Hale was born in Leeds in 1950. He became mayor in 1990.", "mayor"),
    ],
)
def test_an_office_owner_the_text_does_not_make_certain_is_not_written_in(
    text, office, nlp_pipeline
):
    drafts = drafts_for(text, nlp_pipeline)
    assert [d for d in drafts if office in d.prompt]
    assert not [d.prompt for d in drafts if f"{office} of" in d.prompt]
    assert not any(usable(d) for d in drafts if office in d.prompt)


def test_a_part_of_a_match_says_which_match_by_its_two_sides(nlp_pipeline):
    text = (
        "Belgium faced Panama in Sochi on 18 June 2018. Harry Kane was booked for a foul in "
        "the second half."
    )
    drafts = drafts_for(text, nlp_pipeline)
    booked = of_sentence(drafts, "second half")
    assert booked
    assert not any(usable(d) for d in booked), [d.prompt for d in booked if usable(d)]
    sides = "When did Belgium beat Panama in the second half in Sochi?"
    asked = [
        d
        for d in drafts_for(
            "Belgium beat Panama in the second half in Sochi on 18 June 2018.", nlp_pipeline
        )
        if d.prompt == sides
    ]
    assert any(usable(d) for d in asked)


def test_this_noun_is_not_taken_up_by_an_earlier_phrase_that_names_nothing(nlp_pipeline):
    # "This provisional government" after "a new government": "The new government was led by
    # _____" says which no more than "this" did.
    text = (
        "Moderate politicians established a new government in Norland in 1917. This "
        "provisional government was led by Ana Ruiz."
    )
    drafts = drafts_for(text, nlp_pipeline)
    assert drafts
    assert not [d.prompt for d in drafts if "new government was" in d.prompt]
    assert not any(d.answer_text == "Ana Ruiz" and usable(d) for d in drafts)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # An ordinal after "this" counts, it does not say which house.
        (
            "The first house of the Norland parliament was elected in 1906. The other house had "
            "members the king appointed. This second house dominated the Norland Diet in 1907.",
            "second house",
        ),
        # "the government" alone is one of a kind; "this government" one of several.
        (
            "Moderate politicians set up a new government in Norland in 1917. This provisional "
            "government was led by Ana Ruiz from 1917.",
            "provisional government",
        ),
    ],
)
def test_a_demonstrative_with_a_number_or_a_common_noun_still_points_back(
    text, words, nlp_pipeline
):
    drafts = of_sentence(drafts_for(text, nlp_pipeline), words)
    assert drafts
    assert not any(usable(d) for d in drafts), [d.prompt for d in drafts if usable(d)]


def test_a_war_taken_up_by_that_keeps_its_named_complement(nlp_pipeline):
    text = (
        "In 1979, Norland invaded Tessel, triggering a brutal war with Tessel-backed fighters. "
        "That war cost over 15,000 lives."
    )
    prompts_of = prompts(drafts_for(text, nlp_pipeline))
    assert "How many lives did the brutal war with Tessel-backed fighters cost?" in prompts_of


# A bound "one"/"ones" standing for a noun of the sentence before (lane anchor) -------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Harlow built three bridges across the Lune. The earliest ones were made of oak "
            "by Thomas Keane in 1802.",
            "earliest ones",
        ),
        (
            "The old mill at Harlow closed in 1850. A larger one opened at Barford in 1852.",
            "larger one",
        ),
    ],
)
def test_a_bound_one_is_not_recommended(nlp_pipeline, text, words):
    drafts = [d for d in drafts_for(text, nlp_pipeline) if words in d.prompt]
    assert drafts
    assert not any(usable(d) for d in drafts)
    assert any(blocked_reason(d, d.features) == BLOCK_REFERENCE for d in drafts)


def test_one_of_a_named_noun_stays(nlp_pipeline):
    text = "One of the mills at Harlow was sold to Thomas Keane in 1852."
    drafts = of_sentence(drafts_for(text, nlp_pipeline), "One of the mills")
    assert any(
        d.prompt == "When was one of the mills at Harlow sold to Thomas Keane?" and usable(d)
        for d in drafts
    )
