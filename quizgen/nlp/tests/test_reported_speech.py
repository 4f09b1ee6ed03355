"""What a named speaker says is asked with the speaker: "According to X, …", "X said that …".

A reported claim is never stated as a fact; a teacher asks it with its attribution. Not a
belief, a fear, a modal or a hedge, not a speaker the text does not name, not words it quotes.
"""

from datetime import date

import pytest

from quizgen.nlp import extract_facts, generate_questions
from quizgen.nlp.generate.features import BLOCK_CLAIM, BLOCK_REFERENCE
from quizgen.nlp.tests.drafting import blocked, drafts_for
from quizgen.nlp.types import FactKind

OPENING = "Kestrel Labs\n\nKestrel Labs opened in Oslo in 1990. "
CLOSING = " The firm grew quickly."


def asked(sentence, nlp_pipeline):
    """The prompts of the drafts on `sentence` (multiple choice aside), with why each may not
    be recommended ('' when it may)."""
    drafts = drafts_for(OPENING + sentence + CLOSING, nlp_pipeline)
    return {
        d.prompt: blocked(d)
        for d in drafts
        if d.source_sentence.text == sentence and d.kind != "multiple_choice"
    }


def test_what_a_named_speaker_said_is_asked_with_the_speaker(nlp_pipeline):
    prompts = asked("Ana Ruiz said that Brightwave had bought a store in Bergen.", nlp_pipeline)
    assert prompts == {
        "True or false: Ana Ruiz said that Brightwave bought a store in Bergen.": "",
        "According to Ana Ruiz, where did Brightwave buy a store?": "",
        "According to Ana Ruiz, who bought a store in Bergen?": "",
        "Fill in the blank: According to Ana Ruiz, Brightwave bought a store in _____.": "",
        "Fill in the blank: According to Ana Ruiz, _____ bought a store in Bergen.": "",
    }


@pytest.mark.parametrize(
    ("sentence", "statement"),
    [
        (
            "Ana Ruiz says that Brightwave sells phones in Norway.",
            "True or false: Ana Ruiz says that Brightwave sells phones in Norway.",
        ),
        (
            "Ana Ruiz has said that Brightwave opened a store in Bergen.",
            "True or false: Ana Ruiz has said that Brightwave opened a store in Bergen.",
        ),
    ],
)
def test_a_true_or_false_statement_keeps_the_tense_of_the_report(nlp_pipeline, sentence, statement):
    assert asked(sentence, nlp_pipeline)[statement] == ""


def test_according_to_a_named_source_opens_the_question(nlp_pipeline):
    prompts = asked(
        "According to the Lund Health Board, Tom Hale led the Bergen team.", nlp_pipeline
    )
    assert prompts["According to the Lund Health Board, who led the Bergen team?"] == ""
    assert (
        prompts["Fill in the blank: According to the Lund Health Board, _____ led the Bergen team."]
        == ""
    )


def test_a_closing_according_to_is_moved_to_the_front_without_its_short_name(nlp_pipeline):
    prompts = asked(
        "Women in part-time work earn 12% less than men, according to the Lund Health Board (LHB).",
        nlp_pipeline,
    )
    assert (
        prompts[
            "Fill in the blank: According to the Lund Health Board, women in part-time work "
            "earn _____ less than men."
        ]
        == ""
    )


@pytest.mark.parametrize(
    "sentence",
    [
        # A speaker who is not named: a pronoun, a role alone.
        "She said that Brightwave had bought a store in Bergen.",
        "The spokesman said that Brightwave had bought a store in Bergen.",
        # A modal, a belief inside the report, a fragment the text quotes.
        "Ana Ruiz said Brightwave would buy a store in Bergen.",
        "Ana Ruiz said Tom Hale feared that Brightwave had bought a store in Bergen.",
        'Ana Ruiz said Brightwave was "the best firm in Bergen".',
        # A fact inside a relative clause of the report is not what the speaker said.
        "Ana Ruiz said none of the firms which used Brightwave had paid.",
    ],
)
def test_a_claim_that_cannot_be_attributed_stays_refused(nlp_pipeline, sentence):
    prompts = asked(sentence, nlp_pipeline)
    about = {
        prompt: reason
        for prompt, reason in prompts.items()
        if "Brightwave" in prompt or "_____" in prompt or "?" in prompt
    }
    assert about
    assert not any(p.startswith(("According to", "True or false: Ana Ruiz said")) for p in about)
    # Each is refused: as a claim, or for another reason first (a relative clause cut away).
    assert all(about.values())
    assert BLOCK_CLAIM in about.values() or all(r == BLOCK_REFERENCE for r in about.values())


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor's deputy has dismissed rumours that a fare cut is coming on 4 June.",
        "The board dismissed rumours that Brightwave would close its store in Bergen in May.",
    ],
)
def test_a_fact_inside_a_claim_noun_is_never_stated(nlp_pipeline, sentence):
    prompts = asked(sentence, nlp_pipeline)
    stated = [
        prompt
        for prompt, reason in prompts.items()
        if ("fare cut" in prompt or "close its store" in prompt) and not reason
    ]
    assert stated == []


SPRINTERS = (
    "Harbour sprinters Tom Hale and Ana Ruiz were banned in May for missing three tests. The "
    "ban was set by the league chief, Ilse Marran. The sprinters are coached by Piet Vos. "
    "Their lawyer is Carl Dahl. “Every record proves that the bans should be lifted,” Dahl "
    "said. “I am calm and hopeful,” Hale said. “We cannot comment on the appeal,” said "
    "Marran. “It shows the league is listening,” said Vos."
)


def test_who_said_a_quoted_claim_is_a_short_answer_the_quote_keeps_to_itself(nlp_pipeline):
    # What the speaker calls "the bans" is theirs to say, and the quoted claim is stated
    # as no fact; a quotation that names nothing, or declines to comment, is asked as
    # multiple choice only (never recommended), and a pronoun in it still leans on the text.
    drafts = [d for d in drafts_for(SPRINTERS, nlp_pipeline) if d.rule == "who_said"]
    short = {d.prompt: (d.answer_text, blocked(d)) for d in drafts if d.kind == "short_answer"}
    assert short == {
        "Who said: “Every record proves that the bans should be lifted”?": ("Carl Dahl", ""),
        "Who said: “It shows the league is listening”?": ("Piet Vos", BLOCK_REFERENCE),
    }
    dahl = next(d for d in drafts if d.answer_text == "Carl Dahl" and d.kind == "short_answer")
    assert "Dahl" in dahl.accepted_answers
    assert {d.prompt for d in drafts if d.kind == "multiple_choice"} == {
        "Who said: “Every record proves that the bans should be lifted”?",
        "Who said: “I am calm and hopeful”?",
        "Who said: “We cannot comment on the appeal”?",
        "Who said: “It shows the league is listening”?",
    }
    # The multiple choice asks the same and keys the same speaker, among three other people.
    dahl_choice = next(
        d for d in drafts if d.answer_text == "Carl Dahl" and d.kind == "multiple_choice"
    )
    assert dahl_choice.accepted_answers == dahl.accepted_answers
    assert [text for text, correct in dahl_choice.options if correct] == ["Carl Dahl"]
    assert len(dahl_choice.options) == 4


def test_a_quoted_title_is_no_statement_to_ask_who_said(nlp_pipeline):
    text = (
        "The guild was founded in Carrow in 1850. Tom Hale and Ana Ruiz led it later. As "
        "Ilse Marran suggests in her essay “Women and Work in the North” (2019), “girls become "
        "workers through a long process of training.” Piet Vos disagreed."
    )
    said = [d for d in drafts_for(text, nlp_pipeline) if d.rule == "who_said"]
    assert [(d.kind, d.prompt) for d in said] == [
        ("multiple_choice", "Who said: “Women and Work in the North”?")
    ]


def test_a_source_whose_name_follows_its_noun_is_named(nlp_pipeline):
    # The comma closes the subject ("The security firm Halvex, has said"): the firm is named.
    prompts = asked(
        "The security firm Halvex, has said that Kestrel Labs sold 277 phones in March 2011.",
        nlp_pipeline,
    )
    assert (
        prompts[
            "According to the security firm Halvex, how many phones did Kestrel Labs sell "
            "in March 2011?"
        ]
        == ""
    )
    assert (
        prompts[
            "True or false: The security firm Halvex has said that Kestrel Labs sold 332 "
            "phones in March 2011."
        ]
        == ""
    )


def who_said_questions(text, nlp_pipeline, **options):
    """The "Who said" short answers of `text`: prompt -> (speaker, why it may not be
    recommended)."""
    extraction = extract_facts(text, nlp=nlp_pipeline, **options)
    return {
        d.prompt: (d.answer_text, blocked(d))
        for d in generate_questions(extraction, **options)
        if d.rule == "who_said" and d.kind == "short_answer"
    }


@pytest.mark.parametrize(
    ("text", "prompt", "speaker"),
    [
        # A quotation that goes on into the next paragraph, as news writes one.
        (
            "Harbour win the cup\n\nThe Harbour team beat Lowfield 2-0 in the Norland Cup final "
            'on Saturday.\n\nAfter the match, the Harbour coach Piet Vos said, "Our defenders '
            'played brilliantly in the second half.\n\n"The fans carried the team through the '
            'last ten minutes."',
            "Who said: “Our defenders played brilliantly in the second half”?",
            "Piet Vos",
        ),
        # The speaker named in the sentence before "He said".
        (
            "Salt Roads\n\nThe Harbour sprinter Tom Hale won the 100 metres final in Tessel on "
            'Monday. He said, "Every race of the season was run for the people of Harbour."',
            "Who said: “Every race of the season was run for the people of Harbour”?",
            "Tom Hale",
        ),
        # A paragraph of quotation after a sentence that ends in a colon.
        (
            "The new bridge\n\nThe council of Tessel approved a new bridge over the river in "
            '2019.\n\nThe mayor, Carl Dahl, wrote on the council website:\n\n"The new bridge '
            'over the river will open to cyclists in May."',
            "Who said: “The new bridge over the river will open to cyclists in May”?",
            "Carl Dahl",
        ),
        # ... or in a comma, as "X stated," introduces a quotation.
        (
            "The new bridge\n\nThe council of Tessel approved a new bridge over the river in "
            '2019.\n\nThe mayor, Carl Dahl, stated,\n\n"The new bridge over the river will '
            'open to cyclists in May."',
            "Who said: “The new bridge over the river will open to cyclists in May”?",
            "Carl Dahl",
        ),
        # A name signed after the quotation with a dash.
        (
            "Bridges of Tessel\n\nThe engineer Tom Hale designed the Tessel bridge in 1990.\n\n"
            '"Every bridge brings two towns closer together." - Tom Hale',
            "Who said: “Every bridge brings two towns closer together”?",
            "Tom Hale",
        ),
        # Named where the quotation closes; too long to show whole, shown by its first sentence.
        (
            "Iron in Norland\n\nA survey of 300 schools was published in Norland in 2020.\n\n"
            '"Most children in Norland eat too little iron. Schools could serve fish, beans and '
            "green vegetables at lunch every day, and most families would see a difference "
            'within a single year," Tom Hale said.',
            "Who said: “Most children in Norland eat too little iron”?",
            "Tom Hale",
        ),
    ],
    ids=["next-paragraph", "he-said", "colon", "comma", "signed", "closing"],
)
def test_who_said_the_quotations_news_writes(nlp_pipeline, text, prompt, speaker):
    questions = who_said_questions(text, nlp_pipeline)
    assert questions[prompt] == (speaker, "")


def test_he_said_after_two_men_stays_unasked(nlp_pipeline):
    text = (
        "Salt Roads\n\nThe Harbour sprinters Tom Hale and Piet Vos won the relay final in "
        'Tessel on Monday. He said, "Every race of the season was run for the people of Harbour."'
    )
    assert [why for _, why in who_said_questions(text, nlp_pipeline).values() if not why] == []


def test_a_quotation_keeps_its_own_today(nlp_pipeline):
    text = (
        "Harbour win the cup\n\nThe Harbour team beat Lowfield 2-0 in the Norland Cup on "
        'Saturday. After the match, the Harbour coach Piet Vos said, "The team learned a lot '
        "from today's game.\""
    )
    questions = who_said_questions(text, nlp_pipeline, published_on=date(2018, 6, 16))
    assert list(questions) == ["Who said: “The team learned a lot from today's game”?"]


def test_a_closing_mark_and_a_pair_are_no_quotation_left_open(nlp_pipeline):
    # The line's marks pair up: nothing after the last one is a quotation going on.
    text = (
        'The plan\n\nThe mayor, Carl Dahl, said the plan was "a start for the town" and left '
        "the meeting early on Monday."
    )
    quotes = extract_facts(text, nlp=nlp_pipeline).of_kind(FactKind.QUOTE)
    assert [str(q.value) for q in quotes] == ["a start for the town"]
