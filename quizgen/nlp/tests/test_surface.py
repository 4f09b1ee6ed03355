"""The surface of generated questions: punctuation, tense, names and items as a reader sees them.

Each test states a fault readers named (a comma of an apposition lost, a tense changed, a name
cut or lent, an item that does not stand alone) on sentences written for the test, and checks
what the student would read.
"""

import re

import pytest
from spacy.tokens import Span

from quizgen.nlp import extract_facts
from quizgen.nlp.actors import actor_mentions, cluster_mentions
from quizgen.nlp.tests.drafting import all_shown, drafts_for, items_of, shown_for

# A sentence, the lines a student must read of it word for word, and the fault readers named,
# as a pattern nothing the student reads may match.
READ_AS_WRITTEN = [
    # Commas
    pytest.param(
        "The studio's own engine, Sara (Scene Area Rendering) has been on sale since 2003.",
        ["Fill in the blank: The studio's own engine, Sara, has been on sale since _____."],
        r"engine, Sara has",
        id="a-name-set-off-after-a-noun-is-closed-by-a-comma-before-the-verb",
    ),
    pytest.param(
        "In 1902, Marta Lind wrote a poem, Vale Brandt on the death of Paul Brandt.",
        ["When did Marta Lind write a poem, Vale Brandt, on the death of Paul Brandt?"],
        r"a poem Vale|Brandt on the death",
        id="a-title-in-apposition-keeps-both-its-commas",
    ),
    pytest.param(
        "In the spring, Anna Berg designed the new library in 1998.",
        ["When did Anna Berg design the new library in the spring?"],
        r"Berg,",
        id="a-fronted-phrase-gives-the-name-after-it-no-closing-comma",
    ),
    pytest.param(
        "Ada Quill was born in Ashby in 1950. In 1987 Quill was appointed Treasurer of the "
        "Tessel Rowing Club, one of the highest posts in Norland sport.",
        [
            "Fill in the blank: In _____, Quill was appointed Treasurer of the Tessel Rowing "
            "Club, one of the highest posts in Norland sport.",
        ],
        r"sport in (_____|1987)",
        id="a-fronted-time-stays-in-front-of-a-clause-ending-in-an-apposition",
    ),
    pytest.param(
        "The job figures mean that Mayor Ana Ruiz can claim - albeit by a narrow "
        "margin - a small rise in hiring in Tessel in her first term in office.",
        [
            "Mayor Ana Ruiz can claim - albeit by a narrow margin - a small rise in "
            "hiring in which place in her first term in office?"
        ],
        r"claim albeit",
        id="an-aside-between-dashes-keeps-both-dashes",
    ),
    # Tense
    pytest.param(
        "Mara Quill was born in Leeds, to a farming family, and raised in Hull in the 1960s.",
        [
            "True or false: Mara Quill was raised in Hull in the 1960s.",
            "When was Mara Quill raised in Hull?",
        ],
        r"^(True or false: |Fill in the blank: )?Mara Quill raised",
        id="a-participle-joined-to-a-passive-keeps-the-shared-auxiliary",
    ),
    pytest.param(
        "Tom Reid has written three plays and directed the Hull Theatre since 2004.",
        [
            "True or false: Tom Reid has directed the Hull Theatre since 2004.",
            "Since when has Tom Reid directed the Hull Theatre?",
        ],
        r"^(True or false: |Fill in the blank: )?Tom Reid directed|did Tom Reid direct",
        id="a-participle-joined-to-a-perfect-keeps-the-shared-have",
    ),
    # Words
    pytest.param(
        "By 1920, X-rays were commonly used to find fractures in hospitals.",
        ["True or false: X-rays were commonly used to find fractures in hospitals by 1920."],
        r"(^|: )X were\b",
        id="a-hyphenated-word-is-never-cut-at-its-hyphen",
    ),
    # Names
    pytest.param(
        "The strike led to the Factory Hours Act 1847, which limited the working day in most "
        "of the United Kingdom.",
        [
            "Fill in the blank: The Factory Hours Act 1847 limited the working day in most of "
            "the _____."
        ],
        r"^(Fill in the blank: |True or false: )?Hours Act",
        id="a-law-named-in-a-relative-clause-keeps-its-whole-name",
    ),
    # Garbles
    pytest.param(
        "The Northern Broadcasting Company bought Storm Warning for $500 and it was aired on radio "
        "in March 1957.",
        [],
        r"Company was aired|Company aired",
        id="it-after-a-clause-with-an-object-is-not-taken-for-the-subject",
    ),
    pytest.param(
        "Ana Ruiz studied music in France and at Lyon, with first conducting work in Paris "
        "for the National Opera.",
        [],
        r"\bconducted\b",
        id="a-gerund-modified-as-a-noun-is-not-made-a-verb",
    ),
    pytest.param(
        "On 3 May 2011 Anna Boyd received VIP attention at Nordisk headquarters in Oslo at the "
        "Nordisk Film Fair.",
        [],
        r"(^|: |did )3 May 2011 Anna Boyd",
        id="a-date-the-parser-put-into-a-name-makes-no-subject",
    ),
]


@pytest.mark.parametrize(("text", "lines", "fault"), READ_AS_WRITTEN)
def test_the_student_reads_the_sentence_without_the_fault(nlp_pipeline, text, lines, fault):
    texts = shown_for(text, nlp_pipeline)
    assert texts
    assert [line for line in lines if line not in texts] == []
    assert [t for t in texts if re.search(fault, t)] == []


# A sentence and a question it must be asked as, word for word.
ASKED_AS_WRITTEN = [
    pytest.param(
        "Historian Maria Kell wrote the first account of the siege in 1901.",
        "When did historian Maria Kell write the first account of the siege?",
        id="a-noun-describing-a-person-is-lower-case-inside-a-question",
    ),
    pytest.param(
        "Captain Tom Hale sailed to Lisbon in 1820.",
        "When did Captain Tom Hale sail to Lisbon?",
        id="a-formal-title-before-a-name-keeps-its-capital",
    ),
    pytest.param(
        "The Black Death ravaged Europe in 1347 before it continued into Russia in 1351.",
        "When did the Black Death continue into Russia?",
        id="it-stands-for-the-subject-when-the-object-is-a-place",
    ),
]


@pytest.mark.parametrize(("text", "prompt"), ASKED_AS_WRITTEN)
def test_the_sentence_is_asked_as_written(nlp_pipeline, text, prompt):
    assert prompt in {d.prompt for d in drafts_for(text, nlp_pipeline)}


# Tense -------------------------------------------------------------------------------------


def test_a_verb_joined_to_a_past_verb_is_asked_in_the_past(nlp_pipeline):
    drafts = drafts_for(
        "Tom Reid moved to Leeds in 1840. While there, he took lessons and read papers at "
        "the Leeds Workers Institute.",
        nlp_pipeline,
    )
    prompts = {d.prompt for d in drafts}
    assert "Which institute did Tom Reid read papers at?" in prompts
    assert not any(re.search(r"\b(do|does) Tom Reid\b", text) for text in all_shown(drafts))


def test_an_event_after_since_is_told_in_the_past_under_a_present_clause(nlp_pipeline):
    drafts = drafts_for(
        "Anna Boyd says she is in her best form since finishing second for Norway at the "
        "European Championships in 2004.",
        nlp_pipeline,
    )
    texts = all_shown(drafts)
    assert "When did Anna Boyd finish second for Norway at the European Championships?" in texts
    assert any(t.startswith("True or false: Anna Boyd finished second for Norway") for t in texts)
    assert not any(re.search(r"\b(finishes|does Anna Boyd)\b", text) for text in texts)


# Words -------------------------------------------------------------------------------------


def test_words_the_text_writes_twice_over_are_not_copied_into_a_statement(nlp_pipeline):
    drafts = drafts_for(
        "Ada Brook has recently qualified from qualified from Leeds University in 2019.",
        nlp_pipeline,
    )
    statements = [d.prompt for d in drafts if d.kind in {"true_false", "fill_blank"}]
    assert statements == []  # the slip is not copied, and no statement is made of it


# Answer keys -------------------------------------------------------------------------------


def test_a_century_in_digits_is_also_accepted_in_words(nlp_pipeline):
    drafts = drafts_for(
        "Edwin Marsh was one of the foremost painters of the 19th century. The Marsh Gallery "
        "was named after him in 1868.",
        nlp_pipeline,
    )
    cloze = [d for d in drafts if d.prompt.endswith("foremost painters of the _____.")]
    assert cloze
    assert cloze[0].accepted_answers == ("19th century", "nineteenth century")


# Names -------------------------------------------------------------------------------------


def person_span(doc, words):
    """The span of `words` in `doc`, labelled as the parser labels a person."""
    tokens = [t.text for t in doc]
    for start in range(len(tokens)):
        if tokens[start : start + len(words)] == words:
            return Span(doc, start, start + len(words), label="PERSON")
    raise AssertionError(f"{words} not in the text")


def test_a_person_span_starting_inside_a_name_takes_the_whole_name(nlp_pipeline):
    doc = nlp_pipeline(
        "Silas Ambrose Tobin was a sailor from Leeds. Silas Tobin died at sea in 1880. A "
        "ship was named after Silas Tobin."
    )
    mentions = actor_mentions(
        doc, [person_span(doc, ["Ambrose", "Tobin"]), person_span(doc, ["Silas", "Tobin"])]
    )
    assert [m.name for m in mentions] == ["Silas Ambrose Tobin", "Silas Tobin"]
    [cluster] = cluster_mentions(mentions)
    assert cluster.value == "Silas Tobin"  # the form the text writes most


def test_a_title_before_a_person_is_not_taken_into_the_name(nlp_pipeline):
    doc = nlp_pipeline("In 1820, Captain Ambrose Tobin sailed to Lisbon.")
    [mention] = actor_mentions(doc, [person_span(doc, ["Ambrose", "Tobin"])])
    assert mention.name == "Ambrose Tobin"


def test_the_end_of_a_poem_title_is_never_taken_for_a_person(nlp_pipeline):
    doc = nlp_pipeline(
        "In 1889, Lind wrote a poem, Sic Transit Morrow on the death of Paul Brandt."
    )
    mentions = actor_mentions(
        doc, [person_span(doc, ["Transit", "Morrow"]), person_span(doc, ["Paul", "Brandt"])]
    )
    assert [m.name for m in mentions] == ["Paul Brandt"]


def test_a_shorter_name_inside_a_parsed_full_name_is_the_same_person(nlp_pipeline):
    doc = nlp_pipeline(
        "Karl Osric Hale Lund (1860 – 1943) was a Swedish botanist. Osric Lund taught in "
        "Uppsala. Osric Lund retired in 1925."
    )
    spans = [person_span(doc, ["Osric", "Hale", "Lund"])]
    spans += [Span(doc, t.i, t.i + 2, label="PERSON") for t in doc if t.text == "Osric"][1:]
    [cluster] = cluster_mentions(actor_mentions(doc, spans))
    assert cluster.value == "Osric Lund"
    assert set(cluster.names) == {"Karl Osric Hale Lund", "Osric Lund"}


# Items of timelines and matchings ----------------------------------------------------------

LIFE = (
    "Ellen Marsh\n\nEllen Marsh was an English conductor. Marsh graduated from Leeds "
    "University in 1902. The Royal Northern Orchestra appointed her director of music in "
    "1912. Marsh founded the Leeds Chamber Choir in 1920. She stepped down as its principal "
    "conductor in 1938. The expedition to the north returned in 1925."
)


def test_an_object_pronoun_in_an_item_is_written_as_the_person_it_stands_for(nlp_pipeline):
    items = set(items_of(drafts_for(LIFE, nlp_pipeline), timelines=True))
    assert "The Royal Northern Orchestra appointed Ellen Marsh director of music." in items
    assert not any(re.search(r"\b(her|him)\b", item) for item in items)


def test_no_item_keeps_a_possessive_its_subject_cannot_own_or_an_unnamed_subject(nlp_pipeline):
    items = set(items_of(drafts_for(LIFE, nlp_pipeline), timelines=True))
    assert items == {
        "Marsh graduated from Leeds University.",
        "The Royal Northern Orchestra appointed Ellen Marsh director of music.",
        "Marsh founded the Leeds Chamber Choir.",
    }


# Garbles -----------------------------------------------------------------------------------


def test_a_stranded_preposition_is_never_written_twice(nlp_pipeline):
    prompts = [
        d.prompt
        for d in drafts_for(
            "Anna Boyd spoke at the town hall at Nordisk Media Ltd on 3 May 2011.", nlp_pipeline
        )
    ]
    assert "When did Anna Boyd speak at the town hall at Nordisk Media Ltd?" in prompts
    assert not any(re.search(r"\bat\b.*\bat( on [^?]+)?\?$", p) for p in prompts)


def test_a_passive_that_lost_its_been_is_not_stated_in_the_active(nlp_pipeline):
    drafts = drafts_for(
        "In 2014 the regional rail timetable has changed from the old system to the new "
        "system by the Lindqvist government.",
        nlp_pipeline,
    )
    recommendable = [d for d in drafts if d.rule.startswith("wh:")]
    assert not any("timetable changed" in text for text in all_shown(recommendable))
    assert not any("did the regional rail timetable change" in d.prompt for d in drafts)


def test_a_bound_on_a_figure_is_part_of_its_key_and_a_rounding_is_not(nlp_pipeline):
    drafts = drafts_for(
        "Marta Lindqvist\n\nMarta Lindqvist is a Swedish botanist. More than 40 species of moss "
        "have been recorded by her team on the island of Tarn. About 300 students attended her "
        "lectures in 1998.",
        nlp_pipeline,
    )
    keys = {
        d.prompt: d.accepted_answers
        for d in drafts
        if d.kind == "short_answer" and d.prompt.startswith("How many")
    }
    assert keys == {
        "How many species of moss have been recorded by her team on the island of Tarn?": (
            "More than 40",
        ),
        "How many students attended her lectures in 1998?": ("About 300", "300"),
    }


def test_a_month_of_this_year_is_also_accepted_as_the_month(nlp_pipeline):
    drafts = drafts_for(
        "Harbour virus spreads\n\nA new computer virus called Pellix is spreading by email, "
        "security firms said. The original Pellix virus appeared in March this year. It "
        "infected thousands of computers in Norway.",
        nlp_pipeline,
    )
    keys = [
        d.accepted_answers
        for d in drafts
        if d.prompt == "When did the original Pellix virus appear?"
    ]
    assert keys == [("March this year", "March")]


def test_a_work_named_with_its_author_is_also_accepted_without_him(nlp_pipeline):
    from quizgen.nlp.generate.keys import text_forms

    extraction = extract_facts(
        "Peter Brandt was a German composer. In 1901, Brandt conducted the Requiem of Hans "
        "Keller in Vienna. Hans Keller had been his teacher.",
        nlp=nlp_pipeline,
    )
    assert text_forms("the Requiem of Hans Keller", (), extraction) == ("the Requiem",)
    assert text_forms("the Opera of Vienna", (), extraction) == ()  # Vienna is no person


# Simplified statements ----------------------------------------------------------------------


def test_a_simplified_statement_keeps_such_as_with_its_examples(nlp_pipeline):
    shown = shown_for(
        "Northern politics\n\nSome early members, such as Ilse Varga of the Northern League, "
        "had trained in the United Kingdom and were drawn to its labour unions.",
        nlp_pipeline,
    )
    assert not [text for text in shown if "members as" in text]
    assert (
        "Fill in the blank: Some early members, such as Ilse Varga of the Northern League, "
        "trained in _____." in shown
    )


def test_a_bare_verb_the_parse_joins_to_a_past_verb_makes_no_simplified_statement(nlp_pipeline):
    drafts = drafts_for(
        "Velmark rise\n\nSurviving the last great siege, the Velmarks went on to conquer Tirel, "
        "invade Norland, and eventually strip the Osmen of their last lands.",
        nlp_pipeline,
    )
    simplified = sorted(d.prompt for d in drafts if d.rule == "simplified:fill_blank")
    assert simplified == ["Fill in the blank: The Velmarks went on to conquer _____."]


@pytest.mark.parametrize(
    ("text", "asked", "tail"),
    [
        (
            "The Fen League, which Ivo Holt founded in 1837, evolved into the Harbour Union "
            "in the late 1830s and in the early 1850s into the Coast Party.",
            [
                "Which organisation did the Fen League evolve into in the late 1830s?",
                "Fill in the blank: The Fen League evolved into the _____ in the late 1830s.",
            ],
            "early 1850s",
        ),
        (
            "Ivo Holt was elected to the Tessel Council in 1971, to the Ashby Council in 1980 "
            "and listed among the best mayors of Norland in 1996.",
            [
                "When was Ivo Holt elected to the Tessel Council?",
                "Fill in the blank: Ivo Holt was elected to the Tessel Council in _____.",
            ],
            "Ashby Council in 1980",
        ),
    ],
)
def test_a_second_event_written_without_its_verb_is_left_out_whole(nlp_pipeline, text, asked, tail):
    drafts = [d for d in drafts_for(text, nlp_pipeline) if d.rule.startswith("wh:")]
    prompts = [d.prompt for d in drafts]
    assert [p for p in asked if p not in prompts] == []
    assert [p for p in prompts if tail in p] == []
