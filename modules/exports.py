"""A module's flashcards outside the site: an Anki deck (.apkg) and a CSV file."""

from __future__ import annotations

import hashlib
import io
import tempfile
from collections.abc import Sequence
from pathlib import Path

import genanki

from modules.models import Flashcard, Module
from quizgen.exports import SpreadsheetWriter, clean_text

CSV_HEADER = ["front", "back", "sentence", "document"]
ANKI_FIELDS = ["Front", "Back", "Sentence", "Source"]
ANKI_MODEL_NAME = "Quizgen flashcard"


def _stable_id(text: str) -> int:
    """A stable 31-bit id (Anki wants deck and model ids to stay the same across exports)."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:7], 16) + (1 << 30)


ANKI_MODEL = genanki.Model(
    _stable_id("quizgen-flashcard-model-v1"),
    ANKI_MODEL_NAME,
    fields=[{"name": name} for name in ANKI_FIELDS],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": (
                '{{FrontSide}}<hr id="answer"><b>{{Back}}</b>'
                "<p><i>{{Sentence}}</i></p><p><small>{{Source}}</small></p>"
            ),
        }
    ],
    css=".card { font-family: sans-serif; font-size: 20px; text-align: left; }",
)


def _escape(text: str) -> str:
    return clean_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def flashcards_apkg(*, module: Module, flashcards: Sequence[Flashcard]) -> bytes:
    deck = genanki.Deck(_stable_id(f"quizgen-module-{module.pk}"), module.title)
    for card in flashcards:
        deck.add_note(
            genanki.Note(
                model=ANKI_MODEL,
                fields=[
                    _escape(card.front),
                    _escape(card.back),
                    _escape(card.sentence),
                    _escape(card.fact.document.title if card.fact else ""),
                ],
                guid=genanki.guid_for("quizgen", module.pk, card.fact_key),
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.apkg"
        genanki.Package(deck).write_to_file(str(path))
        return path.read_bytes()


def flashcards_csv(*, flashcards: Sequence[Flashcard]) -> str:
    buffer = io.StringIO()
    writer = SpreadsheetWriter(buffer)
    writer.writerow(CSV_HEADER)
    for card in flashcards:
        writer.writerow(
            [card.front, card.back, card.sentence, card.fact.document.title if card.fact else ""]
        )
    return buffer.getvalue()
