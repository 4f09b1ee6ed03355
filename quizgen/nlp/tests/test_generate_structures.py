"""Question generation from sentence structures beyond a plain clause: participle clauses,
existential "there", pronouns resolved from the sentence or the one before, places asked with
"Where", and the in-place and simplified questions kept for the teacher."""

import pytest

from quizgen.nlp import extract_facts, generate_questions
from quizgen.nlp.generate.clause import Antecedents
from quizgen.nlp.generate.inplace import inplace_question, simplified_question
from quizgen.nlp.language import looks_english
from quizgen.nlp.tests.drafting import drafts_for
from quizgen.nlp.types import FactKind


def short_answers(text, nlp_pipeline):
    drafts = drafts_for(text, nlp_pipeline)
    return {d.prompt: d for d in drafts if d.kind == "short_answer"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A participle clause takes the main clause's subject and tense.
        (
            "The Harlow Company is the largest owner of the chain, running 15 hotels.",
            "How many hotels does the Harlow Company run?",
        ),
        (
            "After winning the title in 2010, the Chicago Fire signed Peter Smith.",
            "When did the Chicago Fire win the title?",
        ),
        # Existential "there" is the subject that inverts with the verb.
        ("There are 12 museums in the old town.", "How many museums in the old town are there?"),
        (
            "There were 300 soldiers in the fort in 1836.",
            "When were there 300 soldiers in the fort?",
        ),
        # "it" or "they" in a subordinate clause is the main clause's subject.
        (
            "The plague swept through Flanders for two years before it reached Denmark in 1350.",
            "When did the plague reach Denmark?",
        ),
        (
            "The soldiers crossed the river before they reached Paris in 1814.",
            "When did the soldiers reach Paris?",
        ),
        # A place reached by a verb of motion is asked with "Where".
        (
            "Many Americans migrated to Texas in the 1820s.",
            "Where did many Americans migrate in the 1820s?",
        ),
    ],
)
def test_questions_from_wider_structures(nlp_pipeline, text, expected):
    prompts = short_answers(text, nlp_pipeline)
    assert expected in prompts


def test_a_participle_of_something_that_did_not_happen_is_not_asked(nlp_pipeline):
    prompts = short_answers(
        "Without paying the fee in 2010, the club signed Peter Smith.", nlp_pipeline
    )
    assert not any(p.startswith("When did the club pay") for p in prompts)


def test_a_pronoun_of_the_wrong_number_stays_unresolved(nlp_pipeline):
    prompts = short_answers("The Romans built a wall. It was finished in 128.", nlp_pipeline)
    assert not any("Romans" in p and "finish" in p for p in prompts)


def test_to_after_a_verb_that_is_not_motion_is_not_where(nlp_pipeline):
    prompts = short_answers("Tunisia lost to England in Volgograd.", nlp_pipeline)
    assert not any(
        p.startswith("Where did Tunisia lose") and d.answer_text == "England"
        for p, d in prompts.items()
    )


def test_a_name_inside_a_phrase_is_asked_in_place_and_never_recommended(nlp_pipeline):
    prompts = short_answers(
        "Walt Disney Productions purchased the shares of ABC in 1959.", nlp_pipeline
    )
    asked = "Walt Disney Productions purchased the shares of which organisation in 1959?"
    assert asked in prompts
    assert prompts[asked].answer_text == "ABC"
    assert not prompts[asked].recommended


def _fact(extraction, text):
    return next(f for f in extraction.facts if f.text == text)


def test_simplified_questions_cut_asides_and_move_a_fronted_date_to_the_end(nlp_pipeline):
    text = (
        "According to the report, in 1994, ABC, which had grown quickly, bought the station "
        "from the family, and the price was never disclosed."
    )
    extraction = extract_facts(text, nlp=nlp_pipeline)
    fact = _fact(extraction, "1994")
    question = simplified_question(extraction.doc, fact, fact.start, fact.end, Antecedents())
    assert question is not None
    assert question.question == "ABC bought the station from the family in what year?"


def test_simplified_questions_refuse_a_participle_parsed_as_the_verb(nlp_pipeline):
    text = (
        "The Taliban, declared a terrorist group by Russia in 2003, was removed from that list "
        "in April 2025."
    )
    extraction = extract_facts(text, nlp=nlp_pipeline)
    fact = _fact(extraction, "2003")
    assert simplified_question(extraction.doc, fact, fact.start, fact.end, Antecedents()) is None


def test_in_place_questions_refuse_a_name_inside_a_hyphenated_word(nlp_pipeline):
    extraction = extract_facts(
        "The company owns 15 ABC-affiliated stations in Ohio.", nlp=nlp_pipeline
    )
    for fact in extraction.of_kind(FactKind.ACTOR):
        if fact.text == "ABC":
            found = inplace_question(extraction.doc, fact, fact.start, fact.end, Antecedents())
            assert found is None


def test_a_picture_credit_run_into_a_sentence_gives_no_question(nlp_pipeline):
    prompts = short_answers(
        "The regatta took place this month in Fort Ames, N.D. Image: Harlow Rowing Club.",
        nlp_pipeline,
    )
    assert not any("Image" in d.answer_text for d in prompts.values())


def test_a_list_of_english_names_is_english():
    text = (
        "Politics: Chancellor Ilse Brandl; Prime Minister Tomas Verhoef; "
        "Norwegian Prime Ministers Anders Lie and Per Moen; Greek Prime Minister "
        "Nikos Andreou; former Irish Prime Minister Sean Doyle; and others."
    )
    assert looks_english(text)
    assert not looks_english(
        "Le renard brun rapide saute par-dessus le chien paresseux et court ensuite vers la "
        "forêt où il dort."
    )


def test_one_name_of_a_list_is_asked_in_place_with_the_others_left_standing(nlp_pipeline):
    prompts = short_answers(
        "The band hired John Smith, Mary Jones and Peter Brown in 1990.", nlp_pipeline
    )
    asked = "The band hired John Smith, Mary Jones and whom in 1990?"
    assert asked in prompts
    assert prompts[asked].answer_text == "Peter Brown"
    assert not prompts[asked].recommended


def test_a_proper_adjective_opening_the_subject_keeps_its_capital(nlp_pipeline):
    prompts = short_answers("Swedish engineers built the bridge in 1932.", nlp_pipeline)
    assert "When did Swedish engineers build the bridge?" in prompts


def test_two_questions_on_one_sentence_are_not_both_recommended(nlp_pipeline):
    from quizgen.nlp.generate.rank import _near

    text = (
        "The Soviet Union invaded Afghanistan with a large army of tanks, aircraft and "
        "soldiers in December 1979."
    )
    drafts = drafts_for(text, nlp_pipeline)
    cloze = [d for d in drafts if d.kind == "fill_blank"]
    assert {d.answer_text for d in cloze} >= {"December 1979", "Afghanistan"}
    # Each blank gives the other's answer away: both are kept for the teacher, and no two
    # recommended ones are near-identical.
    recommended = [d.prompt for d in cloze if d.recommended]
    assert len(recommended) < len(cloze)
    assert not any(_near(a, b) for a in recommended for b in recommended if a != b)


def test_the_same_question_twice_is_kept_once(nlp_pipeline):
    sentence = "The Soviet Union invaded Afghanistan in 1979."
    drafts = drafts_for(f"{sentence} {sentence}", nlp_pipeline)
    for kind in {d.kind for d in drafts}:
        prompts = [d.prompt for d in drafts if d.kind == kind]
        assert len(prompts) == len(set(prompts))
    assert sum(d.prompt == "When did the Soviet Union invade Afghanistan?" for d in drafts) == 2


def test_an_amount_written_into_a_word_is_not_asked_in_place(nlp_pipeline):
    prompts = short_answers("The commissioner received a €60m bribe in 2012.", nlp_pipeline)
    assert not any("how much" in p and p.endswith("m bribe in 2012?") for p in prompts)
    assert not any("how muchm" in p for p in prompts)


def test_a_conjunction_left_dangling_by_a_misparse_drops_the_question(nlp_pipeline):
    prompts = short_answers(
        "His father, Martin, was a surveyor and his mother, Ruth, is a nurse.",
        nlp_pipeline,
    )
    assert not any(p.endswith(" and?") for p in prompts)


def test_where_needs_one_place_and_a_stranded_in_closes_the_question(nlp_pipeline):
    prompts = short_answers("The family moved to Ghent in Belgium in 1741.", nlp_pipeline)
    assert not any(p.startswith("Where did the family move") for p in prompts)
    assert not any(" in into " in p or p.endswith("to Ghent in?") for p in prompts)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the NER took the town for a person, then for an organisation
        ("The family moved to Ghent in Belgium in 1741.", "Ghent"),
        ("The family moved to Bordeaux in France in 1741.", "Bordeaux"),
        # a place gone through
        ("The plague swept through Flanders for two years before it reached Denmark.", "Flanders"),
    ],
)
def test_a_name_a_verb_of_going_reaches_is_asked_as_a_place(nlp_pipeline, text, name):
    asked = [d for d in short_answers(text, nlp_pipeline).values() if d.answer_text == name]
    for draft in asked:
        assert not draft.prompt.startswith(("Who ", "Which organisation", "Which company"))


def test_a_name_written_to_is_not_taken_for_a_place(nlp_pipeline):
    prompts = short_answers("In 1850 Ada Vane wrote to Marston about the mill.", nlp_pipeline)
    assert not any("which place" in p or p.startswith("Where") for p in prompts)


def test_a_word_written_twice_is_not_a_question():
    from quizgen.nlp.generate.clause import _well_formed

    assert _well_formed("Who did Goode play play The Tempest?") is None
    assert (
        _well_formed("Who did Goode play in The Tempest?") == "Who did Goode play in The Tempest?"
    )


def test_a_title_run_into_the_subject_is_not_asked(nlp_pipeline):
    text = (
        "In the 15-minute Skyward VR demonstration of Nightfall: Harbour VR, players are "
        "lowered down a hidden lift in Ada Vane's house, to the Boat Cave, to get ready."
    )
    prompts = short_answers(text, nlp_pipeline)
    assert not any("Harbour VR, players" in p and p.startswith(("Who", "Which")) for p in prompts)


def test_it_opening_a_sentence_is_not_guessed_from_the_sentence_before(nlp_pipeline):
    prompts = short_answers("The museum opened in 1901. It moved to Boston in 1925.", nlp_pipeline)
    assert not any("the museum move" in p for p in prompts)


def test_a_page_reference_after_the_full_stop_marks_no_sentence_to_ask(nlp_pipeline):
    text = (
        "In her second year at the college, Maria developed a passion for chess and cards, "
        "sometimes spending more than 20 hours at a time at the card table.:52, 118 Later "
        "she took up billiards."
    )
    prompts = short_answers(text, nlp_pipeline)
    assert not any(":52" in p for p in prompts)


def test_a_relative_pronoun_behind_two_prepositions_keeps_its_clause_out(nlp_pipeline):
    prompts = short_answers(
        "In 2012 there were 52,100 households out of which 14.2% were vacant.", nlp_pipeline
    )
    assert "What percentage were vacant?" in prompts
    # "out of which" may stand with its clause, never without it.
    assert not any("out of which were" in p or p.endswith("out of which?") for p in prompts)


@pytest.mark.parametrize(
    ("text", "asked", "answer"),
    [
        # The noun a name stands beside says what it is.
        (
            "The city worked closely with the new governor, Henry the Younger, on its budget.",
            "The city worked closely with which new governor on its budget?",
            "Henry the Younger",
        ),
        (
            "A paper by the Swedish botanist Karl Lindqvist described the plant in 1888.",
            "A paper by which Swedish botanist described the plant in 1888?",
            "Karl Lindqvist",
        ),
        # A year that modifies a noun.
        (
            "At the 1974 Annual Synod the office of warden was abolished.",
            "The office of warden was abolished at which year's Annual Synod?",
            "1974",
        ),
        # Numbers: "N of X", a unit kept, a number standing alone.
        (
            "The general offered his ally 20,000 of his warriors.",
            "The general offered his ally how many of his warriors?",
            "20,000",
        ),
        (
            "The campus lies about 3 miles west of the State House.",
            "The campus lies how many miles west of the State House?",
            "about 3 miles",
        ),
        (
            "The Panthers led the league in interceptions with 24.",
            "The Panthers led the league in interceptions with how many?",
            "24",
        ),
    ],
)
def test_in_place_questions_reach_answers_inside_phrases(nlp_pipeline, text, asked, answer):
    prompts = short_answers(text, nlp_pipeline)
    assert asked in prompts
    assert prompts[asked].answer_text == answer
    assert not prompts[asked].recommended


def test_a_question_asked_in_place_also_gives_a_cloze_that_may_be_recommended(nlp_pipeline):
    text = "Walt Disney Productions purchased the shares of ABC in 1959."
    drafts = drafts_for(text, nlp_pipeline)
    cloze = next(d for d in drafts if d.rule == "inplace:fill_blank")
    assert cloze.prompt == (
        "Fill in the blank: Walt Disney Productions purchased the shares of _____ in 1959."
    )
    assert cloze.answer_text == "ABC"
    assert cloze.features["echo"] == 0.0


def test_a_simplified_clause_is_stated_in_the_texts_order_for_a_cloze(nlp_pipeline):
    text = (
        "According to the report, in 1994, ABC, which had grown quickly, bought the station "
        "from the family, and the price was never disclosed."
    )
    extraction = extract_facts(text, nlp=nlp_pipeline)
    fact = _fact(extraction, "1994")
    question = simplified_question(extraction.doc, fact, fact.start, fact.end, Antecedents())
    assert question.statement == "In 1994, ABC bought the station from the family."
    assert question.cloze == "In _____, ABC bought the station from the family."


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # the verb's complement was cut: "voted" alone says nothing
        (
            "Now more careful, delegates to the Assembly of 1835 at Carrow voted against "
            "declaring war.",
            "1835",
        ),
        # a relative clause about a common noun: "the retired sailor" is nobody to a student
        (
            "They placed Sam Pike, a retired sailor who had been governor of Ohio, in "
            "charge of the fleet.",
            "Ohio",
        ),
        # part of a reason: "because the drag … is taken into account"
        (
            "The clock keeps time only because the drag of the air on the weather balloons "
            "high above the Earth is taken into account.",
            "Earth",
        ),
    ],
)
def test_a_clause_that_does_not_stand_alone_gives_no_cloze_or_statement(nlp_pipeline, text, answer):
    drafts = drafts_for(text, nlp_pipeline)
    asked = [d.rule for d in drafts if d.kind == "short_answer" and d.answer_text == answer]
    assert set(asked) & {"inplace", "simplified"}, "the fact is asked in place"
    made = [
        d.prompt
        for d in drafts
        if d.rule.startswith(("inplace:", "simplified:")) and answer in (d.answer_text, d.prompt)
    ]
    assert made == []


def test_a_value_told_again_is_never_made_false(nlp_pipeline):
    drafts = generate_questions(
        extract_facts(
            "Pasco was born in Leeds in 1988. Pasco again started 2014 in the reserves with the "
            "Harlow Hawks.",
            nlp=nlp_pipeline,
        )
    )
    statements = [d for d in drafts if d.kind == "true_false" and "reserves" in d.prompt]
    assert statements, "a statement is made of the sentence"
    assert {d.answer_text for d in statements} == {"True"}


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # "left" taken for a verb: "Reed moved on June 8" would be all that is left
        ("On June 8, 2014, Reed moved to left field.", "June 8, 2014"),
        # a relative clause whose object is the noun it describes
        ("In 2003, Dunmore was cast as Ned Pike, a part he kept until 2009.", "2009"),
        # one end of a range
        ("Lassen served as Rector of the college in 1920 – 21.", "1920"),
    ],
)
def test_a_statement_that_lost_part_of_its_verb_gives_no_question(nlp_pipeline, text, answer):
    drafts = drafts_for(text, nlp_pipeline)
    asked = [d for d in drafts if answer in (d.answer_text, d.prompt) and d.rule.startswith("wh:")]
    assert asked == []


def test_a_subordinate_clause_left_out_keeps_the_question(nlp_pipeline):
    prompts = short_answers(
        "The drought ended in 1998 after the rains returned to Kenya.", nlp_pipeline
    )
    assert "When did the drought end?" in prompts


@pytest.mark.parametrize(
    "text",
    [
        # a sentence the text breaks off: the statement would end it early
        "Varne won the Carrow Film Festival Award for Best Actress for Nine Lives ...",
        # a colon inside the sentence before its verb misleads the parser
        "In the demonstration of Nightfall: Harbour VR, players are lowered into Ada Vane's "
        "house in Carrow.",
    ],
)
def test_no_clause_statement_from_a_sentence_the_parser_cannot_hold(nlp_pipeline, text):
    drafts = drafts_for(text, nlp_pipeline)
    made = [d.prompt for d in drafts if d.rule.startswith(("inplace:", "simplified:", "echo:"))]
    assert made == []
