"""Precision of generated questions: the faults readers named, each on a sentence of its own.

Every test states a fault as a teacher would see it (debris from the text, a tense copied
from the sentence, a question with several answers, a statement missing what its verb
needs) and checks the drafts Quizgen makes of a hand-written sentence.
"""

import re

from quizgen.nlp import extract_facts, generate_questions


def drafts_for(text, nlp_pipeline):
    return generate_questions(extract_facts(text, nlp=nlp_pipeline))


def shown(draft):
    """Everything the student reads of a draft: prompt, options and items."""
    texts = [draft.prompt, *(text for text, _ in draft.options)]
    if draft.kind in {"ordering", "matching"} and draft.answer:
        for item in draft.answer:
            texts.extend(map(str, item) if isinstance(item, list) else [str(item)])
    return texts


def all_shown(drafts):
    return [text for draft in drafts for text in shown(draft)]


# Formatting debris -----------------------------------------------------------------------


def test_a_bracketed_citation_number_stays_out_of_questions(nlp_pipeline):
    drafts = drafts_for(
        "In 2005, Maria Lopez was named coach of the year in District 4-5A, [3] and she won "
        "the state title in 2007.",
        nlp_pipeline,
    )
    texts = all_shown(drafts)
    assert any("District 4-5A" in text for text in texts)
    assert not any(re.search(r"4-5A,? \[?3", text) for text in texts)


def test_a_spaced_hyphen_inside_a_compound_is_written_closed(nlp_pipeline):
    drafts = drafts_for(
        "The northern towns faced ever - greater shortages after the floods of 1911.",
        nlp_pipeline,
    )
    texts = all_shown(drafts)
    assert any("ever-greater shortages" in text for text in texts)
    assert not any("ever - greater" in text for text in texts)


def test_the_end_of_a_year_range_is_never_left_without_its_start(nlp_pipeline):
    drafts = drafts_for(
        "Ana Ruiz taught at the University of Leeds from 1990 to 2001, and served as dean of "
        "the faculty in 1998 – 99.",
        nlp_pipeline,
    )
    assert not any(re.search(r"(?<![–-] )\b99\b", text) for text in all_shown(drafts))


def test_a_cross_reference_to_a_figure_is_left_out(nlp_pipeline):
    drafts = drafts_for(
        "In 1864, the dock workers of Leith began to receive the same pay as the carters "
        "(Figure 4.2). In 1871, the carters went on strike.",
        nlp_pipeline,
    )
    texts = all_shown(drafts)
    assert any("the same pay as the carters" in text for text in texts)
    assert not any("Figure" in text for text in texts)


def test_a_quotation_kept_in_a_question_keeps_its_quotation_marks(nlp_pipeline):
    drafts = drafts_for(
        'Ana Ruiz was described by the critic Tom Hale as "the finest painter of her generation".',
        nlp_pipeline,
    )
    prompts = [d.prompt for d in drafts if "finest painter" in d.prompt]
    assert prompts
    assert all('"the finest painter of her generation"' in prompt for prompt in prompts)


def test_a_title_cut_at_its_ellipsis_is_not_asked_about(nlp_pipeline):
    drafts = drafts_for(
        "Clara Holm won the Golden Reel Award for Nine Days ... Nine Nights (1971), and the "
        "Silver Reel Award in 1975.",
        nlp_pipeline,
    )
    clean = [d for d in drafts if d.rule.startswith("wh:")]  # the kinds that may be recommended
    assert not any(re.search(r"Nine Days(?! \.\.\. Nine Nights)", t) for t in all_shown(clean))


# Tense -----------------------------------------------------------------------------------


def test_a_past_perfect_is_asked_and_stated_in_the_simple_past(nlp_pipeline):
    drafts = drafts_for(
        "Spain had abolished the salt tax in 1845. Portugal abolished it in 1851. The "
        "Netherlands abolished it in 1862.",
        nlp_pipeline,
    )
    prompts = [d.prompt for d in drafts]
    assert "When did Spain abolish the salt tax?" in prompts
    assert not any("had abolished" in text for text in all_shown(drafts))


def test_a_passive_past_perfect_becomes_a_simple_past_passive(nlp_pipeline):
    drafts = drafts_for("The old bridge had been rebuilt by the army in 1952.", nlp_pipeline)
    prompts = [d.prompt for d in drafts]
    assert "When was the old bridge rebuilt by the army?" in prompts
    assert not any("had been" in text for text in all_shown(drafts))


def test_a_present_perfect_with_a_past_year_is_told_in_the_simple_past(nlp_pipeline):
    drafts = drafts_for(
        "The Tarvia Company has moved its head office to Leeds in 2014.", nlp_pipeline
    )
    texts = all_shown(drafts)
    assert any(re.fullmatch(r"True or false: The Tarvia Company moved .*\.", t) for t in texts)
    assert not any("has moved" in text for text in texts)


def test_a_present_perfect_without_a_date_keeps_its_tense(nlp_pipeline):
    drafts = drafts_for("The Tarvia Company has opened 40 stores in Leeds.", nlp_pipeline)
    assert any("has opened" in text for text in all_shown(drafts))


# Wh-words --------------------------------------------------------------------------------


def test_one_is_born_somewhere_whatever_the_place_name_is_taken_for(nlp_pipeline):
    drafts = drafts_for(
        "Maria Lopez was born in Leeds, England, to Anne and Tom Lopez.", nlp_pipeline
    )
    prompts = {d.prompt for d in drafts if d.kind == "short_answer"}
    assert "Where was Maria Lopez born?" in prompts
    assert not any(p.endswith("born in?") or "born to" in p for p in prompts if "Leeds" not in p)
