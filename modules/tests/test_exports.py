import csv
import io
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from modules import exports, selectors
from modules.tests.factories import module_with_towns

pytestmark = pytest.mark.django_db


def _open_collection(apkg: bytes) -> sqlite3.Connection:
    archive = zipfile.ZipFile(io.BytesIO(apkg))
    assert "collection.anki2" in archive.namelist()
    folder = Path(tempfile.mkdtemp())
    path = folder / "collection.anki2"
    path.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(path)


def test_the_anki_deck_holds_one_note_per_card_with_its_sentence(client, student):
    module = module_with_towns(assigned_to=[student], towns=3)
    client.force_login(student)
    response = client.get(reverse("modules:flashcards_apkg", args=[module.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="3-towns-flashcards.apkg"'
    collection = _open_collection(response.content)
    notes = [row[0].split("\x1f") for row in collection.execute("SELECT flds FROM notes")]
    assert len(notes) == 9
    assert collection.execute("SELECT count(*) FROM cards").fetchone()[0] == 9
    by_front = {fields[0]: fields for fields in notes}
    fields = by_front["How many houses? In 1901, Town1 counted _____ houses."]
    assert fields[1:] == ["20", "In 1901, Town1 counted 20 houses.", "Towns from 1900"]
    decks = collection.execute("SELECT decks FROM col").fetchone()[0]
    assert "3 towns" in decks


def test_the_anki_deck_keeps_the_same_note_ids_across_exports():
    module = module_with_towns(towns=1)
    cards = selectors.module_flashcards(module=module)
    guids = [
        sorted(row[0] for row in _open_collection(apkg).execute("SELECT guid FROM notes"))
        for apkg in (
            exports.flashcards_apkg(module=module, flashcards=cards),
            exports.flashcards_apkg(module=module, flashcards=cards),
        )
    ]
    assert guids[0] == guids[1] and len(guids[0]) == 3


def test_the_csv_export_lists_front_back_and_sentence(client, student):
    module = module_with_towns(assigned_to=[student], towns=2)
    client.force_login(student)
    response = client.get(reverse("modules:flashcards_csv", args=[module.pk]))
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 for spreadsheets
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == exports.CSV_HEADER
    assert len(rows) == 7
    assert rows[1] == [
        "Which date fills the blank? In _____, Town0 counted 10 houses.",
        "1900",
        "In 1900, Town0 counted 10 houses.",
        "Towns from 1900",
    ]
