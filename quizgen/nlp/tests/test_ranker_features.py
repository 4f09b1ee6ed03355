"""The ranker's context features (`features.context_features`) and how the estimate weighs a
multiple choice whose options come from the text, on sentences written for the test."""

from dataclasses import replace

import pytest

from quizgen.nlp.generate.features import as_estimated, context_features, estimate
from quizgen.nlp.tests.drafting import drafts_for

TEXT = "Mara Lind founded the Lifeline charity in Leeds in 1998."


@pytest.fixture(scope="module")
def draft(nlp_pipeline):
    return drafts_for(TEXT, nlp_pipeline)[0]


@pytest.mark.parametrize(
    ("kind", "prompt", "answer", "expected"),
    [
        # Nothing says which council or when: missing context.
        (
            "short_answer",
            "What did the council reject?",
            "the plan",
            {"anchors": 0.0, "no_anchor": 1.0, "prompt_year": 0.0},
        ),
        (
            "short_answer",
            "What did the Carrow council reject in 1998?",
            "the plan",
            {"anchors": 1 / 3, "no_anchor": 0.0, "prompt_year": 1.0},
        ),
        # The answer's own name and year are not the prompt's setting.
        (
            "short_answer",
            "When did Mara Lind found the charity?",
            "1998",
            {"anchors": 2 / 3, "no_anchor": 0.0, "prompt_year": 0.0},
        ),
        (
            "fill_blank",
            "Fill in the blank: _____ founded the charity in 1998.",
            "Mara Lind",
            {"anchors": 0.0, "no_anchor": 0.0, "prompt_year": 1.0},
        ),
        # A true/false item's answer is True or False: the whole statement is its setting.
        (
            "true_false",
            "True or false: Mara Lind founded the Lifeline charity in Leeds in 1998.",
            "True",
            {"anchors": 1.0, "no_anchor": 0.0, "prompt_year": 1.0},
        ),
    ],
)
def test_what_the_prompt_keeps_of_its_setting(draft, kind, prompt, answer, expected):
    features = context_features(replace(draft, kind=kind, prompt=prompt, answer_text=answer))
    assert {name: features[name] for name in expected} == pytest.approx(expected)


@pytest.mark.parametrize(
    ("prompt", "first", "late"),
    [
        ("Fill in the blank: _____ founded the Lifeline charity in Leeds in 1998.", 1.0, 0.0),
        ("Fill in the blank: Mara Lind founded the Lifeline charity in Leeds in _____.", 0.0, 0.0),
        (
            "Fill in the blank: In the spring of that year the old council of the town voted "
            "to close the _____.",
            0.0,
            1.0,
        ),
        (
            "Fill in the blank: In the spring of that year the _____ of the town voted to "
            "close the old market.",
            0.0,
            0.0,
        ),
    ],
)
def test_where_a_cloze_blank_stands(draft, prompt, first, late):
    features = context_features(replace(draft, kind="fill_blank", prompt=prompt))
    assert (features["blank_first"], features["blank_late"]) == (first, late)


def test_a_short_answer_has_no_blank(draft):
    features = context_features(
        replace(draft, kind="short_answer", prompt="Who founded the _____ charity?")
    )
    assert (features["blank_first"], features["blank_late"]) == (0.0, 0.0)


def test_every_draft_carries_the_context_features(nlp_pipeline):
    drafts = drafts_for(TEXT, nlp_pipeline)
    cloze = next(
        d
        for d in drafts
        if d.prompt
        == "Fill in the blank: Mara Lind founded the Lifeline charity in Leeds in _____."
    )
    assert {
        name: cloze.features[name]
        for name in ("anchors", "no_anchor", "prompt_year", "blank_first", "blank_late")
    } == pytest.approx(
        {
            "anchors": 1.0,
            "no_anchor": 0.0,
            "prompt_year": 0.0,
            "blank_first": 0.0,
            "blank_late": 0.0,
        }
    )


def test_a_multiple_choice_on_the_texts_own_options_is_weighed_as_its_short_answer():
    chosen = {"bias": 1.0, "kind_multiple_choice": 1.0, "document_options": 1.0}
    assert as_estimated(chosen) == {
        "bias": 1.0,
        "kind_multiple_choice": 0.0,
        "kind_short_answer": 1.0,
        "document_options": 1.0,
    }
    assert estimate(chosen) == estimate(
        {"bias": 1.0, "kind_short_answer": 1.0, "document_options": 1.0}
    )
    banked = {"bias": 1.0, "kind_multiple_choice": 1.0}
    assert as_estimated(banked) is banked
