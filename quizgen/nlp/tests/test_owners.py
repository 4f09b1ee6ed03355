"""People written out where the text points at them: a subject opening with "his" or "her"
written as the person "he" or "she" there would be, a "he" of an adverbial clause bound by
its clause's subject, a form of address that goes with the name, and the refusals that keep
a second person of the same gender, or a relative named with the title's surname, out
(`generate/clause.py`, `generate/descriptions.py`, `generate/inplace.py`).

Every text is invented for the test.
"""

from quizgen.nlp.generate.descriptions import DISCOURSE
from quizgen.nlp.tests.drafting import blocked, drafts_for

QUILL = (
    "Aidan Quill is a Norland poet. He was born in Ashby in 1950. His father, "
    "Declan, works for the Norland Rail Board. Quill left school in 1966."
)


def asked(drafts):
    return {(d.kind, d.prompt): d for d in drafts}


def test_a_subject_opening_with_his_is_written_as_the_person(nlp_pipeline):
    drafts = asked(drafts_for(QUILL, nlp_pipeline))
    which = drafts[("short_answer", "Which board does Aidan Quill's father, Declan, work for?")]
    assert which.answer_text == "Norland Rail Board"
    assert blocked(which) == ""
    statement = drafts[
        (
            "true_false",
            "True or false: Aidan Quill's father, Declan, works for the Norland Rail Board.",
        )
    ]
    assert statement.answer_text == "True"
    assert blocked(statement) == ""


def test_his_after_a_relative_introduced_through_his_is_left_unresolved(nlp_pipeline):
    # The second "His" is Quill's, but "Tomas Ruy" is as near: no "Tomas Ruy's father".
    text = (
        "Aidan Quill is a Norland poet. His grandfather, Tomas Ruy, was a "
        "fisherman in Fennick. His father, Mateus Ruy, ran a shop in Carrow."
    )
    prompts = [d.prompt for d in drafts_for(text, nlp_pipeline)]
    assert (
        "True or false: Aidan Quill's grandfather, Tomas Ruy, was a fisherman in Fennick."
        in prompts
    )
    assert not [p for p in prompts if "'s father" in p]


def test_she_after_a_relative_introduced_through_her_is_left_unresolved(nlp_pipeline):
    text = (
        "Tom Hale is a Norland singer. Her mother, Ilse Marran, taught music in "
        "Carrow. In 1999 she joined the Fennick Choir."
    )
    drafts = drafts_for(text, nlp_pipeline)
    joined = [d for d in drafts if "Fennick Choir" in d.prompt]
    assert joined
    assert not [d for d in joined if "Ilse Marran joined" in d.prompt]
    assert not [d for d in joined if d.recommended]


def test_a_relative_named_with_the_titles_surname_is_not_the_lifes_person(nlp_pipeline):
    # The extraction names the surname's mentions after the mother ("Mary Byron"): her
    # "his" is not written so, and the question is not asked.
    text = (
        "Ada Byron\n\nAda Byron (1815 - 1852) was a Norland mathematician. Byron was born in "
        "Ashby to John and Mary Byron. Byron studied in Carrow. Her first paper appeared in "
        "1843."
    )
    prompts = [d.prompt for d in drafts_for(text, nlp_pipeline)]
    assert not [p for p in prompts if "Mary Byron's" in p]
    assert "True or false: Her first paper appeared in 1843." in prompts


def test_he_in_an_adverbial_clause_is_bound_by_its_clauses_subject(nlp_pipeline):
    text = (
        "Guild leader Tom Hale is expected to criticise Mr Reed's budget as he opens a tour of "
        "Norland on Friday."
    )
    drafts = asked(drafts_for(text, nlp_pipeline))
    who = drafts[
        (
            "short_answer",
            "Who is expected to criticise Mr Reed's budget as he opens a tour of Norland on "
            "Friday?",
        )
    ]
    assert who.answer_text == "Tom Hale"
    assert who.features["pronoun"] == 0.0
    assert blocked(who) == ""


def test_he_after_a_second_person_or_in_a_reported_clause_still_leans(nlp_pipeline):
    # "meet Mr Reed as he opens": either of them; "says he will stand": anyone.
    for text in (
        "Guild leader Tom Hale is expected to meet Mr Reed as he opens a tour of Norland.",
        "Guild leader Tom Hale says he will stand for the seat in 2010.",
    ):
        with_he = [d for d in drafts_for(text, nlp_pipeline) if " he " in d.prompt]
        assert with_he
        assert all(d.features["pronoun"] == 1.0 for d in with_he)


def test_a_form_of_address_goes_with_the_name_asked_for(nlp_pipeline):
    text = (
        "Velmark has built a new windmill. Dr Marran said that the shape of the blade meant "
        "that when wind struck it, the sails turned twice as fast."
    )
    prompts = {d.prompt: d.answer_text for d in drafts_for(text, nlp_pipeline)}
    who = "Who said that the shape of the blade meant that the sails turned twice as fast?"
    assert prompts[who] == "Marran"
    assert not [p for p in prompts if "Which dr" in p or "which dr" in p]


def test_soon_after_a_present_or_a_future_is_soon_from_now():
    assert not DISCOURSE.search("Velmark has built a chip that means phones are soon charged")
    assert not DISCOURSE.search("Prices will soon rise in Carrow")
    assert DISCOURSE.search("Quill soon left for Carrow")
    assert DISCOURSE.search("Quill was soon elected to the council")


def test_a_title_and_the_surname_name_the_lifes_person(nlp_pipeline):
    # "Emperor Hale" is a title and the surname: "He" is Samuel Hale's.
    text = (
        "Emperor Hale\n\nSamuel Hale (1790 - 1851) was a merchant of Carrow. He opened a "
        "bank for the fishermen of Carrow in 1830."
    )
    prompts = [d.prompt for d in drafts_for(text, nlp_pipeline)]
    assert "When did Samuel Hale open a bank for the fishermen of Carrow?" in prompts
