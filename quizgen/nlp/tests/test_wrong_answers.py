"""Questions whose key would be wrong: a name in another noun's phrase taken for the subject,
an event cut out of a clause that states two. The texts are composed for these tests."""

from quizgen.nlp import extract_facts, generate_questions


def _drafts(text, nlp):
    return generate_questions(extract_facts(text, nlp=nlp))


def test_a_name_in_a_phrase_after_the_verb_is_not_the_subject(nlp_pipeline):
    # The parser hangs "Samuel Hart" on "she" as an apposition; he headed the school.
    text = (
        "Martha Quinn was a quiet child. In 1802 she began attending Eastfield Grammar "
        "School, at the time headed by a young, strict headmaster, Samuel Hart, who was to "
        "become a lifelong friend."
    )
    drafts = _drafts(text, nlp_pipeline)
    assert not [d for d in drafts if "Samuel Hart" in (d.accepted_answers or ())]
    assert not [d.prompt for d in drafts if d.prompt.startswith("Who began")]
    assert "Martha Quinn began attending which school?" in [d.prompt for d in drafts]


THE_DEGREES = (
    "Thomas Harrow was a keen student at Durham. Despite his illness, he managed to pass his "
    "examinations, and was awarded a B.A. in 1901 and an M.A. in 1905. He moved to Leeds in "
    "1903. Thomas Harrow went up to Durham in 1898."
)


def test_no_event_is_cut_out_of_a_clause_that_states_two(nlp_pipeline):
    drafts = _drafts(THE_DEGREES, nlp_pipeline)
    worded = [d.prompt for d in drafts] + [
        item[0] if isinstance(item, list) else item
        for d in drafts
        if d.kind in {"ordering", "matching"}
        for item in d.answer
    ]
    assert not [text for text in worded if "awarded a B.A." in text and "M.A." not in text]


def test_timeline_items_hold_no_date(nlp_pipeline):
    from quizgen.nlp.generate.builders import YEAR_RE

    drafts = _drafts(THE_DEGREES, nlp_pipeline)
    items = [
        item[0] if isinstance(item, list) else item
        for d in drafts
        if d.kind in {"ordering", "matching"}
        for item in d.answer
    ]
    assert not [item for item in items if YEAR_RE.search(item)]


def test_no_option_shares_the_surname_of_a_person_the_question_names(nlp_pipeline):
    text = (
        "The runner Peter Rowe won the race in Leeds in 2004. His brother James Rowe finished "
        "fourth in 2005. Tony Lester has coached Rowe since 2006. Mark Hill and Simon Park "
        "also raced in Leeds in 2004. Colin Ward won in 2003."
    )
    (coached,) = [
        d
        for d in _drafts(text, nlp_pipeline)
        if d.kind == "multiple_choice" and d.prompt == "Who has coached Rowe since 2006?"
    ]
    options = [option for option, _ in coached.options]
    assert "Tony Lester" in options
    assert not [option for option in options if option.endswith("Rowe")]
