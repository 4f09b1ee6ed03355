"""Bad input gives a clear result or a clear error, never a crash, and offsets stay exact."""

from datetime import date

import pytest
import spacy

from quizgen.nlp import extract_facts, extract_many
from quizgen.nlp.extract import MAX_CHUNK_CHARS, NOT_ENGLISH, NOT_TEXT, split_for_parsing
from quizgen.nlp.language import looks_english
from quizgen.nlp.types import FactKind


def assert_offsets_exact(extraction, text):
    assert extraction.text == text
    for fact in extraction.facts:
        assert text[fact.start : fact.end] == fact.text
        assert text[fact.sentence.start : fact.sentence.end] == fact.sentence.text
        for mention in getattr(fact, "mentions", ()):
            assert text[mention.start : mention.end] == mention.text
    for sentence in extraction.sentences:
        assert text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t \u00a0\n"])
def test_empty_and_blank_texts_give_nothing(nlp_pipeline, text):
    extraction = extract_facts(text, nlp=nlp_pipeline)
    assert (extraction.facts, extraction.sentences, extraction.notes) == ((), (), ())


def test_a_text_without_facts(nlp_pipeline):
    text = "The cat sat on the mat and watched the rain fall on the garden."
    extraction = extract_facts(text, nlp=nlp_pipeline)
    assert extraction.facts == ()
    assert [s.text for s in extraction.sentences] == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Der Stadtrat hat am Donnerstag in Bremen eine neue Satzung beschlossen, die die "
        "Regeln für die Einwanderung und die Arbeit neu ordnet.",
        "Le gouvernement a présenté mercredi à Paris un projet de loi sur le logement et "
        "les transports publics dans les grandes villes du pays.",
        "Правительство России в четверг объявило о новых мерах поддержки для семей с "
        "детьми и для пенсионеров в небольших городах страны.",
    ],
)
def test_a_non_english_text_gives_a_note_and_no_facts(nlp_pipeline, text):
    extraction = extract_facts(text, nlp=nlp_pipeline)
    assert (extraction.facts, extraction.notes) == ((), (NOT_ENGLISH,))
    assert extract_many([(text, None)], nlp=nlp_pipeline) == [extraction]


def test_short_or_english_texts_are_read():
    assert looks_english("Oslo, 2019.")
    assert looks_english("The bridge over the river was opened by the mayor of the town in 1990.")


def test_a_non_string_is_a_clear_error(nlp_pipeline):
    with pytest.raises(TypeError, match=NOT_TEXT):
        extract_facts(b"bytes are not text", nlp=nlp_pipeline)


def test_odd_unicode_keeps_offsets_exact(nlp_pipeline):
    text = (
        "\ufeff\u201cWe will rebuild the school,\u201d said Mayor Anna\u00a0Berg \U0001f600 in "
        "Oslo on Friday.\u2028Berg\u2019s team raised \u20ac5\u00a0million from 2,500 donors "
        "\U0001f1f3\U0001f1f4 in March 2024 \u2014 about 40\u202f% more than planned."
    )
    extraction = extract_facts(text, published_on=date(2025, 7, 4), nlp=nlp_pipeline)
    assert_offsets_exact(extraction, text)
    kinds = {fact.kind for fact in extraction.facts}
    assert kinds == {FactKind.ACTOR, FactKind.DATE, FactKind.FIGURE, FactKind.QUOTE}
    dates = {fact.text: fact.value for fact in extraction.of_kind(FactKind.DATE)}
    assert dates["March 2024"] == "2024-03"
    assert dates["Friday"] == "2025-07-04"


def test_split_for_parsing_cuts_after_line_breaks_and_loses_nothing():
    text = ("A line of text.\n" * 20) + ("word " * 30)
    pieces = split_for_parsing(text, limit=50)
    assert "".join(pieces) == text
    assert all(len(piece) <= 50 for piece in pieces)
    assert all(piece.endswith(("\n", " ")) for piece in pieces[:-1])
    assert split_for_parsing("x" * 120, limit=50) == ["x" * 50, "x" * 50, "x" * 20]


@pytest.fixture(scope="module")
def light_pipeline():
    """A blank English pipeline with rules for names and years: parses 2 MB in seconds."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "GPE", "pattern": "Oslo"},
            {"label": "DATE", "pattern": [{"TEXT": {"REGEX": "^(19|20)[0-9]{2}$"}}]},
        ]
    )
    return nlp


def test_a_2_mb_text_is_parsed_in_pieces_with_exact_offsets(light_pipeline):
    paragraph = "The council of Oslo met in 1999 and again in 2004 \U0001f600.\n"
    text = paragraph * (2_000_000 // len(paragraph) + 1)
    assert len(text.encode("utf-8")) > 2_000_000 and len(text) > 10 * MAX_CHUNK_CHARS
    extraction = extract_facts(text, nlp=light_pipeline)
    assert_offsets_exact(extraction, text)
    paragraphs = text.count("\n")
    assert len(extraction.of_kind(FactKind.DATE)) == 2 * paragraphs
    (oslo,) = extraction.of_kind(FactKind.ACTOR)
    assert len(oslo.mentions) == paragraphs
