"""Question generation on the demo article and on hand-written English sentences."""

import json
import os
import re
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from quizgen.nlp import extract_facts, generate_questions
from quizgen.nlp.generate import ALL_KINDS, NO_FACTS, no_questions_reason
from quizgen.nlp.generate.listing import draft_as_json
from quizgen.nlp.generate.select import MAX_RECOMMENDED
from quizgen.nlp.generate.text import contains_phrase
from quizgen.nlp.tests.drafting import blocked, drafts_for
from quizgen.nlp.types import FactKind, QuestionKind, QuoteFact

ROOT = Path(__file__).resolve().parents[3]
DEMO_DATE = date(2025, 7, 3)
GOLDEN = ROOT / "seeds" / "expected" / "russia-recognises-taliban.questions.json"


@pytest.fixture(scope="module")
def demo_drafts(demo_extraction):
    from conftest import DEMO_PUBLISHED_ON

    return generate_questions(demo_extraction, published_on=DEMO_PUBLISHED_ON)


def test_demo_article_matches_the_golden_file(demo_drafts):
    produced = [draft_as_json(draft) for draft in demo_drafts]
    if os.environ.get("QUIZGEN_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(produced, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert produced == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_demo_article_recommends_a_short_quiz_of_mixed_kinds_one_per_fact(demo_drafts):
    recommended = [draft for draft in demo_drafts if draft.recommended]
    assert 8 <= len(recommended) <= MAX_RECOMMENDED
    assert len({draft.kind for draft in recommended}) >= 4
    assert all(draft.defects == () for draft in recommended)
    on_one_fact = Counter(
        (key, d.source_sentence.start)
        for d in recommended
        if len(d.fact_keys) == 1
        for key in d.fact_keys
    )
    assert max(on_one_fact.values()) == 1
    # Recommended first, best first: "Approve top N" approves the best N.
    assert demo_drafts[: len(recommended)] == recommended
    scores = [d.score for d in recommended]
    assert scores == sorted(scores, reverse=True)


def test_no_recommended_question_gives_another_away(demo_drafts):
    recommended = [d for d in demo_drafts if d.recommended]
    asking = [
        d
        for d in recommended
        if d.kind in {"multiple_choice", "short_answer", "fill_blank", "numeric"}
    ]
    for draft in asking:
        for other in recommended:
            if other is draft:
                continue
            shown = " ".join([other.prompt, *(text for text, _ in other.options)])
            assert not contains_phrase(shown, draft.answer_text), (other.prompt, draft.prompt)


def test_demo_article_asks_the_issue_examples(demo_drafts):
    prompts = {draft.prompt for draft in demo_drafts}
    assert "When did the Soviet Union invade Afghanistan?" in prompts
    assert (
        "How many Soviet lives did the brutal war with U.S.-backed mujahideen fighters cost?"
        in prompts
    )


def test_multiple_choice_follows_the_item_writing_rules(demo_drafts):
    choices = [d for d in demo_drafts if d.kind == QuestionKind.MULTIPLE_CHOICE]
    assert choices
    for draft in choices:
        texts = [text for text, _ in draft.options]
        assert len(texts) == 4
        assert sum(correct for _, correct in draft.options) == 1
        assert len({text.casefold() for text in texts}) == 4
        assert not any("all of the above" in text.lower() for text in texts)
    positions = Counter(
        next(i for i, (_, correct) in enumerate(d.options) if correct) for d in choices
    )
    assert len(positions) == 4, positions  # the correct option moves around
    assert max(positions.values()) - min(positions.values()) <= 3


def test_numeric_and_date_options_are_in_logical_order(demo_drafts):
    by_answer = {d.answer_text: d for d in demo_drafts if d.kind == QuestionKind.MULTIPLE_CHOICE}
    years = [text for text, _ in by_answer["1979"].options]
    assert years == sorted(years)
    lives = [text for text, _ in by_answer["over 15,000"].options]
    assert all(re.fullmatch(r"over \d{1,2},\d{3}", text) for text in lives)
    values = [int(text[5:].replace(",", "")) for text in lives]
    assert values == sorted(values) and 15000 in values


def test_true_false_is_balanced(demo_drafts):
    # At most two true statements for each false one, and two more: a false one is made
    # only where it is fair.
    answers = Counter(d.answer_text for d in demo_drafts if d.kind == QuestionKind.TRUE_FALSE)
    assert answers["True"] and answers["False"]
    assert answers["True"] <= 2 * answers["False"] + 2


def test_ordering_shows_the_events_out_of_order(demo_drafts):
    ordering = next(d for d in demo_drafts if d.kind == QuestionKind.ORDERING)
    shown = [text for text, _ in ordering.options]
    assert shown != ordering.answer
    assert sorted(shown) == sorted(ordering.answer)
    assert not any(correct for _, correct in ordering.options)
    assert ordering.answer[0] == "The Soviet Union invaded Afghanistan."


def test_numeric_questions_carry_value_tolerance_unit_and_display(demo_drafts):
    numeric = {d.answer["display"]: d.answer for d in demo_drafts if d.kind == "numeric"}
    assert numeric["over 15,000"] == {
        "value": 15000.0,
        "tolerance": 750.0,
        "unit": "",
        "display": "over 15,000",
    }
    assert numeric["149"]["tolerance"] == 0.0
    assert numeric["$9 billion"]["value"] == 9.0
    assert numeric["$9 billion"]["unit"] == "billion dollars"


def test_fingerprints_are_unique_and_fit_the_column(demo_drafts):
    fingerprints = [d.fingerprint for d in demo_drafts]
    assert len(set(fingerprints)) == len(fingerprints)
    assert all(0 < len(f) <= 64 for f in fingerprints)


def test_generation_is_deterministic(demo_extraction, demo_drafts):
    from conftest import DEMO_PUBLISHED_ON

    again = generate_questions(demo_extraction, published_on=DEMO_PUBLISHED_ON)
    assert again == demo_drafts
    without_parse = replace(demo_extraction, doc=None)
    assert generate_questions(without_parse, published_on=DEMO_PUBLISHED_ON) == demo_drafts


def test_kinds_limits_the_question_kinds(demo_extraction):
    drafts = generate_questions(demo_extraction, kinds=["numeric", "ordering"])
    assert {d.kind for d in drafts} == {"numeric", "ordering"}
    with pytest.raises(ValueError, match="Unknown question kinds: essay."):
        generate_questions(demo_extraction, kinds=["essay"])


def test_every_kind_is_known():
    assert set(ALL_KINDS) == {
        "multiple_choice",
        "true_false",
        "fill_blank",
        "short_answer",
        "numeric",
        "ordering",
        "matching",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In 1911, Marie Curie won the Nobel Prize in Chemistry.",
            {
                "Who won the Nobel Prize in Chemistry in 1911?",
                "When did Marie Curie win the Nobel Prize in Chemistry?",
            },
        ),
        (
            "The bridge was opened in 1932 by the Sydney City Council.",
            {
                "When was the bridge opened by the Sydney City Council?",
                "Which council opened the bridge in 1932?",
            },
        ),
        (
            "The company sells 300 cars every year.",
            {"How many cars does the company sell every year?"},
        ),
        (
            "The factory employed 4,500 workers in 1920.",
            {
                "How many workers did the factory employ in 1920?",
                "When did the factory employ 4,500 workers?",
            },
        ),
        (
            "Napoleon Bonaparte was born in Corsica in 1769. He became emperor in 1804.",
            {
                "When was Napoleon Bonaparte born in Corsica?",
                "When did Napoleon Bonaparte become emperor?",
            },
        ),
        ("Germany invaded Poland in September 1939.", {"When did Germany invade Poland?"}),
        (
            "The treaty was signed by 11 member states in 1989.",
            {"How many member states signed the treaty in 1989?"},
        ),
        (
            "The company operated on seven stations.",
            {"On how many stations did the company operate?"},
        ),
        (
            "Maria Lopez lived in the tree for 738 days.",
            {"How long did Maria Lopez live in the tree?"},
        ),
        ("John Smith spent six years in prison.", {"How long did John Smith spend in prison?"}),
        ("The team gave the ball to Maria Lopez.", {"Who did the team give the ball to?"}),
        (
            "The government spent $2.5 million on the new library in 2019.",
            {"How much did the government spend on the new library in 2019?"},
        ),
    ],
)
def test_wh_questions_invert_and_use_do_support_in_the_right_tense(nlp_pipeline, text, expected):
    prompts = {d.prompt for d in drafts_for(text, nlp_pipeline) if d.kind == "short_answer"}
    assert expected <= prompts


def test_accepted_answers_include_forms_scoring_compares(nlp_pipeline):
    drafts = drafts_for(
        "The government spent $2.5 million on the new library in 2019.", nlp_pipeline
    )
    money = next(d for d in drafts if d.kind == "short_answer" and d.answer_text == "$2.5 million")
    assert money.accepted_answers == ("$2.5 million",)


def test_a_pronoun_without_a_safe_antecedent_drops_the_question(nlp_pipeline):
    drafts = drafts_for(
        "The Romans built a wall across Britain. It took six years to build.", nlp_pipeline
    )
    assert not any("six" in d.answer_text for d in drafts)
    assert all(" it " not in f" {d.prompt.lower()} " for d in drafts)


def test_quotes_become_who_said_questions_and_matching(demo_extraction):
    people = [f for f in demo_extraction.of_kind(FactKind.ACTOR) if f.label == "person"]
    assert len(people) >= 3
    sentence = demo_extraction.sentences[0]
    quotes = tuple(
        QuoteFact(
            text=f"quote {index}",
            start=sentence.start,
            end=sentence.start + 5,
            sentence=sentence,
            value=words,
            speaker=str(person.value),
        )
        for index, (person, words) in enumerate(
            zip(
                people,
                ["We will build more roads", "The harvest was good", "Trade will grow again"],
                strict=False,
            )
        )
    )
    roles = tuple(
        replace(person, role=role)
        for person, role in zip(
            people, ["foreign minister", "president", "ambassador"], strict=False
        )
    )
    others = tuple(f for f in demo_extraction.facts if f not in people and f.kind != FactKind.QUOTE)
    extraction = replace(demo_extraction, facts=others + roles + quotes)
    drafts = generate_questions(extraction)
    said = [d for d in drafts if d.prompt.startswith("Who said: “")]
    # Each quotation as a short answer and, with three other people to offer, as multiple
    # choice.
    assert Counter(d.kind for d in said) == {"multiple_choice": 3, "short_answer": 3}
    assert all(len(d.options) == 4 for d in said if d.kind == "multiple_choice")
    matchings = {d.prompt: d for d in drafts if d.kind == "matching"}
    assert "Match each quotation with the right speaker." in matchings
    role_matching = matchings["Match each person with the right role."]
    assert sorted(pair[1] for pair in role_matching.answer) == [
        "ambassador",
        "foreign minister",
        "president",
    ]
    assert [t for t, _ in role_matching.options] != [pair[1] for pair in role_matching.answer]


def test_a_text_without_facts_gives_no_questions_and_says_why(nlp_pipeline):
    extraction = extract_facts("The cat sat on the mat and looked happy.", nlp=nlp_pipeline)
    drafts = generate_questions(extraction)
    assert drafts == []
    assert no_questions_reason(extraction, drafts) == NO_FACTS


def spans_are_clean(text, drafts):
    for draft in drafts:
        sentence = draft.source_sentence
        assert 0 <= sentence.start <= sentence.end <= len(text)
        if draft.kind not in {"ordering", "matching"}:
            assert text[sentence.start : sentence.end] == sentence.text
        assert draft.prompt.strip() == draft.prompt and draft.prompt
        assert "\n" not in draft.prompt


@pytest.mark.parametrize(
    "text",
    [
        "Rome was founded in 753 BC.",
        "Shopping list:\n- 3 apples\n- 2 pears\n- 12 eggs\n",
        "# Chapter 1990\n\n## The year 2001\n\nIntroduction",
        "| Year | Sales |\n|------|-------|\n| 2001 | 300 |\n| 2002 | 450 |\n",
        "Year\tSales\n2001\t300\n2002\t450\n",
        "Caf\u00e9 owner Jos\u00e9 Mart\u00ednez opened his caf\u00e9 in Madrid"
        " in 1998 \U0001f600.",
        "\u201cWe won,\u201d said Maria\u00a0Lopez in\u00a02004.\u200b"
        " The team\u2019s coach left in 2005.",
        "The price rose to 5\u00a0% in 2010 \u2014 a record. \u202eTurkey\u202c joined in 1952.",
        "1. Paris hosted the Olympics in 1900.\n2. London hosted them in 1908.\n"
        "3. Stockholm hosted them in 1912.",
        "A",
        "   \n  ",
    ],
)
def test_awkward_input_gives_clean_questions_or_none(nlp_pipeline, text):
    drafts = drafts_for(text, nlp_pipeline)
    spans_are_clean(text, drafts)
    for draft in drafts:
        if draft.recommended:
            assert draft.defects == ()


OPENINGS = ("Who", "Which", "When", "How", "Where", "What", "Since", "Until", "Fill", "True")
OPENINGS += ("Put", "Match")


def test_echo_questions_are_shown_and_recommended_only_where_they_read_well(demo_drafts):
    echoes = [d for d in demo_drafts if not d.prompt.startswith(OPENINGS)]
    assert echoes, "the demo overgenerates some in-place questions"
    # A name asked in place with the text's own noun after a preposition reads as a question
    # (`checks.inplace_reads_well`); every other in-place or echoed question is only shown.
    assert [d.prompt for d in echoes if not blocked(d)] == [
        "The brutal war with U.S.-backed mujahideen fighters contributed to the fall of which "
        "country?"
    ]
    assert not [d for d in echoes if d.recommended and blocked(d)]
    assert {d.rule for d in echoes} <= {"inplace", "simplified", "echo"}
    assert all(d.kind == "short_answer" and d.prompt.endswith("?") for d in echoes)


def test_relative_dates_are_not_answers(nlp_pipeline):
    drafts = drafts_for("The festival opened in Berlin this year with 40 bands.", nlp_pipeline)
    assert not any(d.answer_text == "this year" for d in drafts)


def test_he_refers_to_the_person_a_passage_is_about(nlp_pipeline):
    text = (
        "Ada Lovelace was appointed a fellow by Charles Babbage. "
        "She published the first program in 1843."
    )
    prompts = {d.prompt for d in drafts_for(text, nlp_pipeline)}
    assert "When did Ada Lovelace publish the first program?" in prompts


def test_places_are_asked_about_whatever_the_actor_label(nlp_pipeline):
    extraction = extract_facts("Germany invaded Poland in September 1939.", nlp=nlp_pipeline)
    relabelled = tuple(
        replace(fact, label="place") if fact.kind == FactKind.ACTOR else fact
        for fact in extraction.facts
    )
    drafts = generate_questions(replace(extraction, facts=relabelled))
    prompts = {d.prompt for d in drafts if d.kind == "short_answer"}
    assert "Which country did Germany invade in September 1939?" in prompts


def test_only_quoted_statements_become_who_said_questions(demo_drafts):
    said = {d.prompt: d.answer_text for d in demo_drafts if d.prompt.startswith("Who said")}
    assert said == {
        "Who said: “Now that the process of recognition has started, Russia was ahead of"
        " everyone”?": "Amir Khan Muttaqi",
        "Who said: “The new authorities in Kabul are a reality. We need a pragmatic, not"
        " ideologised policy”?": "Sergey Lavrov",
    }
    matchings = {d.prompt: d for d in demo_drafts if d.kind == "matching"}
    quotes = matchings["Match each quotation with the right speaker."]
    assert sorted(speaker for _, speaker in quotes.answer) == [
        "Amir Khan Muttaqi",
        "Russia",
        "Sergey Lavrov",
    ]
    assert all(quote.startswith("“") and quote.endswith("”") for quote, _ in quotes.answer)


def test_scare_quotes_and_fragments_are_not_asked_who_said(nlp_pipeline):
    drafts = drafts_for(
        "Senator Maria Lopez called the plan a “bold move.” Governor James Hart described"
        " the vote as “a victory for working families,” and left. “We will build the bridge"
        " next year,” Lopez said.",
        nlp_pipeline,
    )
    said = {d.prompt for d in drafts if d.prompt.startswith("Who said")}
    assert said == {"Who said: “We will build the bridge next year”?"}


def test_relative_dates_are_shown_resolved(nlp_pipeline):
    extraction = extract_facts(
        "The storm destroyed 300 homes in March this year.",
        nlp=nlp_pipeline,
        published_on=DEMO_DATE,
    )
    drafts = generate_questions(extraction, published_on=DEMO_DATE)
    when = next(d for d in drafts if d.kind == "short_answer" and d.prompt.startswith("When"))
    assert when.prompt == "When did the storm destroy 300 homes?"
    assert when.answer_text == "March 2025"
    assert when.accepted_answers[:2] == ("March 2025", "March this year")
    assert all("this year" not in d.prompt for d in drafts)


def test_answers_compare_without_accents():
    from quizgen.nlp.generate.text import normalise

    assert normalise("José Martínez") == normalise("Jose Martinez") == "jose martinez"
    assert normalise("Ḥasan Ṭāhā") == normalise("Hasan Taha")


@pytest.mark.parametrize(
    "text",
    [
        "This is exactly what Maria Lopez has in mind.",
        "That is the argument which John Smith rejected in 1990.",
        "It was the firm for which Anna Berg worked in 1985.",
    ],
)
def test_a_clause_whose_object_is_a_relative_pronoun_is_not_asked(nlp_pipeline, text):
    drafts = drafts_for(text, nlp_pipeline)
    assert not [d.prompt for d in drafts if d.recommended]


def test_a_duration_asked_as_a_number_names_its_unit(nlp_pipeline):
    drafts = drafts_for("Maria Lopez lived in the tree for 738 days.", nlp_pipeline)
    numeric = next(d for d in drafts if d.kind == "numeric")
    assert numeric.prompt == "How long did Maria Lopez live in the tree (in days)?"
    assert numeric.answer["value"] == 738.0


def test_a_reference_number_after_a_word_stays_out_of_questions(nlp_pipeline):
    drafts = drafts_for(
        "In 1998, Maria Lopez joined the university 21. She taught chemistry until 2004.",
        nlp_pipeline,
    )
    prompts = [draft.prompt for draft in drafts]
    assert "When did Maria Lopez join the university?" in prompts
    assert not any(re.search(r"\b21\b", prompt) for prompt in prompts)


def test_a_numbered_name_keeps_its_number(nlp_pipeline):
    drafts = drafts_for("In 1969, Neil Armstrong flew to the Moon on Apollo 11.", nlp_pipeline)
    assert any("Apollo 11" in draft.prompt for draft in drafts)


def test_a_name_closing_its_sentence_loses_the_full_stop(nlp_pipeline):
    extraction = extract_facts(
        "In 1910 the crown passed to George V. He ruled for twenty-five years.", nlp=nlp_pipeline
    )
    actors = [str(fact.value) for fact in extraction.of_kind(FactKind.ACTOR)]
    assert "George V" in actors
    drafts = generate_questions(extraction)
    recommended = [draft for draft in drafts if draft.recommended]
    assert not any(". He" in draft.prompt for draft in recommended)
    assert not any(str(draft.answer_text).endswith(".") for draft in recommended)


def test_a_bare_relative_date_is_written_as_the_date_it_means(nlp_pipeline):
    text = "The Lindqvist Bridge opened in 1994. Last Year over 3 million cars crossed the bridge."
    extraction = extract_facts(text, nlp=nlp_pipeline, published_on=DEMO_DATE)
    drafts = generate_questions(extraction, published_on=DEMO_DATE)
    prompts = [draft.prompt for draft in drafts]
    # "the bridge" is the one bridge the text names
    assert "How many cars crossed the Lindqvist Bridge in 2024?" in prompts
    assert not any(re.search(r"\blast year\b", prompt, re.IGNORECASE) for prompt in prompts)


def test_a_relative_date_without_a_publication_date_is_never_recommended(nlp_pipeline):
    text = "The Lindqvist Bridge opened in 1994. Last Year over 3 million cars crossed the bridge."
    drafts = drafts_for(text, nlp_pipeline)
    relative = [d for d in drafts if re.search(r"\blast year\b", d.prompt, re.IGNORECASE)]
    assert relative
    assert not any(d.recommended for d in relative)
    assert all("unresolved_reference" in d.defects for d in relative)
    assert not any(str(d.answer_text).lower() == "last year" for d in drafts)


def test_an_explanation_quoting_a_quotation_uses_single_marks_inside(demo_drafts):
    explanations = {draft.explanation for draft in demo_drafts}
    assert (
        "The article says: “‘Now that the process of recognition has started, Russia was ahead "
        "of everyone,’ Muttaqi said in a video shared on social media.”"
    ) in explanations
    # The whole quotation, over the two sentences it takes, as the speaker said it.
    assert (
        "The article says: “Russian Foreign Minister Sergey Lavrov added, ‘The new authorities "
        "in Kabul are a reality. We need a pragmatic, not ideologised policy.’”"
    ) in explanations
    # Inside the outer pair no double quotation mark: none doubled, none closing too early.
    for explanation in (text for text in explanations if "“" in text):
        inner = explanation.split("“", 1)[1][:-1]
        assert "“" not in inner and "”" not in inner, explanation
