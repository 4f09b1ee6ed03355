"""Scoring against gold annotations, on a tiny hand-made sample in the corpus format."""

import json

import pytest

from quizgen.nlp.evaluation import (
    Report,
    Score,
    Span,
    evaluate,
    format_report,
    is_duration,
    is_named,
    is_specific_date,
    load_corpus,
    load_document,
    names_not_counts,
    score_document,
)
from quizgen.nlp.types import ActorFact, DateFact, Extraction, FigureFact, Mention, Sentence

TEXT = "Anna Berg visited Oslo in 2019.\nBerg stayed for 15 years and met 3 friends there today."


def at(text: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return start, start + len(text)


def entity(text, kind, group, identity=None, occurrence=0):
    start, end = at(text, occurrence)
    return {
        "start": start,
        "end": end,
        "text": text,
        "type": kind,
        "group": group,
        "identity": identity,
    }


@pytest.fixture
def sample_dir(tmp_path):
    meta = {
        "title": "Sample",
        "date": "2020-01-02",
        "genre": "news",
        "entities": [
            entity("Anna Berg", "person", 1, "Anna_Berg"),
            entity("Oslo", "place", 2, "Oslo"),
            entity("2019", "time", 3),
            entity("Berg", "person", 1, "Anna_Berg", occurrence=1),
            entity("15 years", "time", 4),
            entity("3 friends", "person", 5),
            entity("today", "time", 6),
        ],
        "numbers": [
            {"start": at("2019")[0], "end": at("2019")[1], "text": "2019"},
            {"start": at("15")[0], "end": at("15")[1], "text": "15"},
            {"start": at("3 ")[0], "end": at("3 ")[0] + 1, "text": "3"},
        ],
    }
    (tmp_path / "sample.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sample.json").write_text(json.dumps(meta), encoding="utf-8")
    (tmp_path / "orphan.txt").write_text("No sidecar, so not part of the corpus.", encoding="utf-8")
    return tmp_path


def test_gold_is_mapped_onto_fact_kinds(sample_dir):
    gold = load_document(sample_dir / "sample.txt")
    assert gold.genre == "news"
    assert [s.text for s in gold.actors] == ["Anna Berg", "Oslo", "Berg", "3 friends"]
    assert [s.text for s in gold.named_actors] == ["Anna Berg", "Oslo", "Berg"]
    assert [(s.text, identity) for s, identity in gold.identities] == [
        ("Anna Berg", "Anna_Berg"),
        ("Oslo", "Oslo"),
        ("Berg", "Anna_Berg"),
    ]
    assert [s.text for s in gold.dates] == ["2019", "today"]
    assert [s.text for s in gold.specific_dates] == ["2019"]
    # "2019" lies inside a date; "15" lies inside a duration, which is a figure itself.
    assert [s.text for s in gold.figures] == ["15", "15 years", "3"]
    assert [document.name for document in load_corpus(sample_dir)] == ["sample"]


def fact_sentence():
    return Sentence(TEXT, 0, len(TEXT))


def hand_made_extraction():
    sentence = fact_sentence()
    berg = [Mention("Anna Berg", *at("Anna Berg")), Mention("Berg", *at("Berg", 1))]
    return Extraction(
        text=TEXT,
        sentences=(sentence,),
        facts=(
            ActorFact(
                text="Anna Berg", start=0, end=9, sentence=sentence, value="Anna Berg",
                mentions=tuple(berg), label="person",
            ),
            # Wrong: "Oslo" and "friends" are two actors, and "friends" is not a named one.
            ActorFact(
                text="Oslo", start=at("Oslo")[0], end=at("Oslo")[1], sentence=sentence,
                value="Oslo", mentions=(Mention("Oslo", *at("Oslo")),), label="place",
            ),
            ActorFact(
                text="there", start=at("there")[0], end=at("there")[1], sentence=sentence,
                value="there", mentions=(Mention("there", *at("there")),), label="place",
            ),
            DateFact(text="2019", start=at("2019")[0], end=at("2019")[1], sentence=sentence,
                     value="2019"),
            DateFact(text="Oslo in", start=at("Oslo")[0], end=at("Oslo")[1] + 3,
                     sentence=sentence, value=None),
            FigureFact(text="15 years", start=at("15 years")[0], end=at("15 years")[1],
                       sentence=sentence, value=15.0),
        ),
    )  # fmt: skip


def test_score_document_counts(sample_dir):
    gold = load_document(sample_dir / "sample.txt")
    scores = score_document(hand_made_extraction(), gold)
    # Actors: 3 of 4 predicted mentions overlap a gold actor; all 3 named gold mentions found.
    assert scores["actors_lenient"] == Score(3, 4, 3, 3)
    assert scores["actors_exact"] == Score(3, 4, 3, 3)
    # Dates: "2019" right, "Oslo in" wrong; the one specific gold date found.
    assert scores["dates_lenient"] == Score(1, 2, 1, 1)
    # Figures: "15 years" overlaps both "15" and "15 years"; "3" is missed.
    assert scores["figures_lenient"] == Score(1, 1, 2, 3)
    assert scores["figures_exact"] == Score(1, 1, 1, 3)
    # Aliases: pairs among Anna Berg / Oslo / Berg: one gold pair, predicted as one pair.
    assert scores["aliases"] == Score(1, 1, 1, 1)


def test_score_precision_and_recall():
    score = Score(predicted_right=9, predicted=10, gold_found=3, gold=4)
    assert (score.precision, score.recall) == (0.9, 0.75)
    assert (Score().precision, Score().recall) == (1.0, 1.0)


def test_report_table(sample_dir):
    gold = load_document(sample_dir / "sample.txt")
    report = Report()
    report.add(gold.genre, score_document(hand_made_extraction(), gold))
    report.seconds, report.tokens = 2.0, 40
    lines = format_report(report).splitlines()
    assert lines[0].split("  ")[0] == "genre"
    assert lines[2].startswith("news ")
    assert lines[3].startswith("overall ")
    assert "0.75 / 1.00" in lines[3]
    assert lines[-1] == "1 documents, 40 tokens in 2.00 s: 0.5 documents/s, 20 tokens/s"


def test_evaluate_runs_the_pipeline_over_the_folder(sample_dir, nlp_pipeline):
    report = evaluate(load_corpus(sample_dir), nlp=nlp_pipeline)
    assert report.documents == 1
    assert report.tokens > 10
    assert report.overall["dates_lenient"].gold == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [("15 years", True), ("just over 24 hours", True), ("two years later", False)],
)
def test_is_duration(text, expected):
    assert is_duration(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2019", True), ("Tuesday", True), ("two years later", True), ("today", False)],
)
def test_is_specific_date(text, expected):
    assert is_specific_date(text) is expected


@pytest.mark.parametrize(
    ("text", "identity", "initial", "expected"),
    [
        ("Anna Berg", None, True, True),
        ("The team", None, True, False),
        ("The team", "Team_X", True, True),
        ("He", "Anna_Berg", False, False),
        ("Oslo", None, False, True),
        ("friends", None, False, False),
    ],
)
def test_is_named(text, identity, initial, expected):
    assert is_named(text, identity, sentence_initial=initial) is expected


@pytest.mark.parametrize(
    ("text", "numeral", "expected"),
    [
        ("Ana stayed in Room 7 for a week.", "7", True),
        ("As Figure 9.15 shows, the mill grew.", "9.15", True),
        ("The crown passed to Osric II of Velmark.", "II", True),
        ("Velmark is the #2 mill town.", "2", True),
        ("Ana was ranked No. 12 in Harlow.", "12", True),
        ("Ana lived at 6400 Mill Avenue.", "6400", True),
        ("Ana is one of the founders.", "one", True),
        ("Ana is the one who left.", "one", True),
        ("Harlow beat Velmark 3 - 1 at home.", "3", False),
        ("Over 500 people came.", "500", False),
        ("Ana left Harlow. 12 people stayed.", "12", False),
        ("Ana owned 3 cars and one mill.", "one", False),
        ("Harlow ran 100 km in May 5 days.", "100", False),
    ],
)
def test_numerals_that_name_are_no_figures(text, numeral, expected):
    start = text.index(numeral)
    assert names_not_counts(text, Span(start, start + len(numeral), numeral)) is expected


def test_the_figure_gold_drops_numerals_that_name_unless_all_are_asked_for(tmp_path):
    text = "Ana stayed in Room 7 with 3 friends."
    numbers = [{"start": text.index(n), "end": text.index(n) + 1, "text": n} for n in ("7", "3")]
    (tmp_path / "room.txt").write_text(text, encoding="utf-8")
    (tmp_path / "room.json").write_text(json.dumps({"numbers": numbers}), encoding="utf-8")
    assert [s.text for s in load_document(tmp_path / "room.txt").figures] == ["3"]
    everything = load_document(tmp_path / "room.txt", all_numerals=True)
    assert [s.text for s in everything.figures] == ["7", "3"]


def test_span_overlap():
    assert Span(0, 5).overlaps(Span(4, 8))
    assert not Span(0, 5).overlaps(Span(5, 8))
