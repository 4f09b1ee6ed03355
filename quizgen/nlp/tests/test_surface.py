"""The surface of generated questions: punctuation, tense, names and items as a reader sees them.

Each test states a fault readers named (a comma of an apposition lost, a tense changed, a name
cut or lent, an item that does not stand alone) on sentences written for the test, and checks
what the student would read.
"""

import re

from spacy.tokens import Span

from quizgen.nlp.actors import actor_mentions, cluster_mentions
from quizgen.nlp.tests.drafting import drafts_for, shown


def all_shown(drafts):
    return [text for draft in drafts for text in shown(draft)]


# Commas ------------------------------------------------------------------------------------


def test_a_name_set_off_after_a_noun_is_closed_by_a_comma_before_the_verb(nlp_pipeline):
    texts = all_shown(
        drafts_for(
            "The firm's own engine, Tara (Total Area Rendering) has been in development "
            "since 2001.",
            nlp_pipeline,
        )
    )
    assert (
        "Fill in the blank: The firm's own engine, Tara, has been in development since _____."
        in texts
    )
    assert not any(re.search(r"engine, Tara has", text) for text in texts)


def test_a_title_in_apposition_keeps_both_its_commas(nlp_pipeline):
    texts = all_shown(
        drafts_for(
            "In 1902, Marta Lind wrote a poem, Et Tu Brandt on the death of Paul Brandt.",
            nlp_pipeline,
        )
    )
    assert "When did Marta Lind write a poem, Et Tu Brandt, on the death of Paul Brandt?" in texts
    assert not any("a poem Et Tu" in text or "Brandt on the death" in text for text in texts)


def test_a_fronted_phrase_gives_the_name_after_it_no_closing_comma(nlp_pipeline):
    texts = all_shown(
        drafts_for("In the spring, Anna Berg designed the new library in 1998.", nlp_pipeline)
    )
    assert "When did Anna Berg design the new library in the spring?" in texts
    assert not any("Berg," in text for text in texts)


# Tense -------------------------------------------------------------------------------------


def test_a_verb_joined_to_a_past_verb_is_asked_in_the_past(nlp_pipeline):
    drafts = drafts_for(
        "Tom Reid moved to Leeds in 1840. While there, he attended lectures and read books at "
        "the Leeds Workers Institute.",
        nlp_pipeline,
    )
    prompts = {d.prompt for d in drafts}
    assert "Which institute did Tom Reid read books at?" in prompts
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


def test_a_participle_joined_to_a_passive_keeps_the_shared_auxiliary(nlp_pipeline):
    texts = all_shown(
        drafts_for(
            "Mara Quill was born in Leeds, to a farming family, and raised in Hull in the 1960s.",
            nlp_pipeline,
        )
    )
    assert "True or false: Mara Quill was raised in Hull in the 1960s." in texts
    assert "When was Mara Quill raised in Hull?" in texts
    assert not any(
        re.match(r"(True or false: |Fill in the blank: )?Mara Quill raised", t) for t in texts
    )


def test_a_participle_joined_to_a_perfect_keeps_the_shared_have(nlp_pipeline):
    texts = all_shown(
        drafts_for(
            "Tom Reid has written three plays and directed the Hull Theatre since 2004.",
            nlp_pipeline,
        )
    )
    assert "True or false: Tom Reid has directed the Hull Theatre since 2004." in texts
    assert "Since when has Tom Reid directed the Hull Theatre?" in texts
    assert not any(
        re.search(
            r"^(True or false: |Fill in the blank: )?Tom Reid directed|did Tom Reid direct", text
        )
        for text in texts
    )


# Words -------------------------------------------------------------------------------------


def test_a_hyphenated_word_is_never_cut_at_its_hyphen(nlp_pipeline):
    texts = all_shown(
        drafts_for("By 1920, X-rays were widely used to find fractures in hospitals.", nlp_pipeline)
    )
    assert "True or false: X-rays were widely used to find fractures in hospitals by 1920." in texts
    assert not any(re.search(r"(^|: )X were\b", text) for text in texts)


def test_words_the_text_writes_twice_over_are_not_copied_into_a_statement(nlp_pipeline):
    drafts = drafts_for(
        "Ada Brook has recently graduated from graduated from Leeds University in 2019.",
        nlp_pipeline,
    )
    statements = [d.prompt for d in drafts if d.kind in {"true_false", "fill_blank"}]
    assert statements == []  # the slip is not copied, and no statement is made of it


# Capitals ----------------------------------------------------------------------------------


def test_a_noun_describing_a_person_is_lower_case_inside_a_question(nlp_pipeline):
    prompts = {
        d.prompt
        for d in drafts_for(
            "Historian Maria Kell wrote the first account of the siege in 1901.", nlp_pipeline
        )
    }
    assert "When did historian Maria Kell write the first account of the siege?" in prompts


def test_a_formal_title_before_a_name_keeps_its_capital(nlp_pipeline):
    prompts = {
        d.prompt for d in drafts_for("Captain Tom Hale sailed to Lisbon in 1820.", nlp_pipeline)
    }
    assert "When did Captain Tom Hale sail to Lisbon?" in prompts


# Answer keys -------------------------------------------------------------------------------


def test_a_century_in_digits_is_also_accepted_in_words(nlp_pipeline):
    drafts = drafts_for(
        "Alfred Wallace was one of the leading thinkers of the 19th century. The Wallace Line "
        "was named after him in 1868.",
        nlp_pipeline,
    )
    cloze = [d for d in drafts if d.prompt.endswith("leading thinkers of the _____.")]
    assert cloze
    assert cloze[0].accepted_answers == ("19th century", "nineteenth century")


# Names -------------------------------------------------------------------------------------


def test_a_law_named_in_a_relative_clause_keeps_its_whole_name(nlp_pipeline):
    texts = all_shown(
        drafts_for(
            "The strike led to the Factory Hours Act 1847, which limited the working day in "
            "most of the United Kingdom.",
            nlp_pipeline,
        )
    )
    assert (
        "Fill in the blank: The Factory Hours Act 1847 limited the working day in most of the "
        "_____." in texts
    )
    assert not any(re.match(r"(Fill in the blank: |True or false: )?Hours Act", t) for t in texts)


def person_span(doc, words):
    """The span of `words` in `doc`, labelled as the parser labels a person."""
    tokens = [t.text for t in doc]
    for start in range(len(tokens)):
        if tokens[start : start + len(words)] == words:
            return Span(doc, start, start + len(words), label="PERSON")
    raise AssertionError(f"{words} not in the text")


def test_a_person_span_starting_inside_a_name_takes_the_whole_name(nlp_pipeline):
    doc = nlp_pipeline(
        "Joshua Abraham Tobin was a sailor from Leeds. Joshua Tobin died at sea in 1880. A "
        "ship was named after Joshua Tobin."
    )
    mentions = actor_mentions(
        doc, [person_span(doc, ["Abraham", "Tobin"]), person_span(doc, ["Joshua", "Tobin"])]
    )
    assert [m.name for m in mentions] == ["Joshua Abraham Tobin", "Joshua Tobin"]
    [cluster] = cluster_mentions(mentions)
    assert cluster.value == "Joshua Tobin"  # the form the text writes most


def test_a_title_before_a_person_is_not_taken_into_the_name(nlp_pipeline):
    doc = nlp_pipeline("In 1820, Captain Abraham Tobin sailed to Lisbon.")
    [mention] = actor_mentions(doc, [person_span(doc, ["Abraham", "Tobin"])])
    assert mention.name == "Abraham Tobin"


def test_the_end_of_a_poem_title_is_never_taken_for_a_person(nlp_pipeline):
    doc = nlp_pipeline("In 1889, Lind wrote a poem, Et Tu Morrow on the death of Paul Brandt.")
    mentions = actor_mentions(
        doc, [person_span(doc, ["Tu", "Morrow"]), person_span(doc, ["Paul", "Brandt"])]
    )
    assert [m.name for m in mentions] == ["Paul Brandt"]


def test_a_shorter_name_inside_a_parsed_full_name_is_the_same_person(nlp_pipeline):
    doc = nlp_pipeline(
        "Jens Otto Harry Lund (1860 – 1943) was a Danish linguist. Otto Lund taught in "
        "Copenhagen. Otto Lund retired in 1925."
    )
    spans = [person_span(doc, ["Otto", "Harry", "Lund"])]
    spans += [Span(doc, t.i, t.i + 2, label="PERSON") for t in doc if t.text == "Otto"][1:]
    [cluster] = cluster_mentions(actor_mentions(doc, spans))
    assert cluster.value == "Otto Lund"
    assert set(cluster.names) == {"Jens Otto Harry Lund", "Otto Lund"}


# Items of timelines and matchings ----------------------------------------------------------

LIFE = (
    "Ellen Marsh\n\nEllen Marsh was an English conductor. Marsh graduated from Leeds "
    "University in 1902. The Royal Northern Orchestra appointed her director of music in "
    "1912. Marsh founded the Leeds Chamber Choir in 1920. She retired as its chief conductor "
    "in 1938. The expedition to the north returned in 1925."
)


def items_of(drafts):
    return {
        item if isinstance(item, str) else item[0]
        for draft in drafts
        if draft.kind in {"ordering", "matching"}
        and draft.prompt.startswith(("Put", "Match each event"))
        for item in draft.answer
    }


def test_an_object_pronoun_in_an_item_is_written_as_the_person_it_stands_for(nlp_pipeline):
    items = items_of(drafts_for(LIFE, nlp_pipeline))
    assert "The Royal Northern Orchestra appointed Ellen Marsh director of music." in items
    assert not any(re.search(r"\b(her|him)\b", item) for item in items)


def test_no_item_keeps_a_possessive_its_subject_cannot_own_or_an_unnamed_subject(nlp_pipeline):
    items = items_of(drafts_for(LIFE, nlp_pipeline))
    assert items == {
        "Marsh graduated from Leeds University.",
        "The Royal Northern Orchestra appointed Ellen Marsh director of music.",
        "Marsh founded the Leeds Chamber Choir.",
    }


# Garbles -----------------------------------------------------------------------------------


def test_it_after_a_clause_with_an_object_is_not_taken_for_the_subject(nlp_pipeline):
    texts = all_shown(
        drafts_for(
            "The Northern Broadcasting Company bought Storm Warning for $500 and it was shown "
            "on TV in April 1957.",
            nlp_pipeline,
        )
    )
    assert not any("Company was shown" in text or "Company shown" in text for text in texts)


def test_it_stands_for_the_subject_when_the_object_is_a_place(nlp_pipeline):
    prompts = {
        d.prompt
        for d in drafts_for(
            "The Black Death ravaged Europe in 1347 before it continued into Russia in 1351.",
            nlp_pipeline,
        )
    }
    assert "When did the Black Death continue into Russia?" in prompts


def test_a_gerund_modified_as_a_noun_is_not_made_a_verb(nlp_pipeline):
    texts = all_shown(
        drafts_for(
            "Ana Ruiz studied music in France and at Lyon, with early conducting work in Paris "
            "for the National Opera.",
            nlp_pipeline,
        )
    )
    assert not any(re.search(r"\bconducted\b", text) for text in texts)


def test_a_date_the_parser_put_into_a_name_makes_no_subject(nlp_pipeline):
    texts = all_shown(
        drafts_for(
            "On 3 May 2011 Anna Boyd received VIP attention at Nordisk headquarters in Oslo at "
            "the Nordisk Film Fair.",
            nlp_pipeline,
        )
    )
    assert texts
    assert not any(re.search(r"(^|: |did )3 May 2011 Anna Boyd", text) for text in texts)


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
