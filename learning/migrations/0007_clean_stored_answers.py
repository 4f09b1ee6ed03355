"""Clean the answers stored before the input checks (learning/answer_input.py) existed.

A lone surrogate ("x\\udfff") cannot be written as UTF-8, so every page showing the answer
failed; a text over 1,000 characters (4 MB was possible) is past what the schema promises. Each
text of an answer (a text, the items of a list, the keys and values of an object) loses its
lone surrogates and control characters (tab, line feed and carriage return stay) and is cut
to 1,000 characters; a list or object keeps its first 50 parts; the note of how it was accepted
is cleaned the same way. Marks are not changed. Only the rows that change are written.
"""

import unicodedata

from django.db import migrations

MAX_ANSWER_CHARS = 1000
MAX_ANSWER_PARTS = 50
MAX_NOTE_CHARS = 300
BATCH = 500


def clean_text(text, limit=MAX_ANSWER_CHARS):
    kept = "".join(
        character
        for character in str(text)
        if character in "\t\n\r" or unicodedata.category(character) not in ("Cc", "Cs")
    )
    return kept[:limit]


def clean_answer(answer):
    if answer is None:
        return None
    if isinstance(answer, list):
        return [clean_text(item) for item in answer[:MAX_ANSWER_PARTS]]
    if isinstance(answer, dict):
        return {
            clean_text(key): clean_text(value)
            for key, value in list(answer.items())[:MAX_ANSWER_PARTS]
        }
    return clean_text(answer)


def clean_stored_answers(apps, schema_editor):
    Response = apps.get_model("learning", "Response")
    changed = []
    rows = Response.objects.only("pk", "answer", "accepted_as").order_by("pk")
    for response in rows.iterator(chunk_size=BATCH):
        answer = clean_answer(response.answer)
        note = clean_text(response.accepted_as, MAX_NOTE_CHARS)
        if answer != response.answer or note != response.accepted_as:
            response.answer, response.accepted_as = answer, note
            changed.append(response)
        if len(changed) >= BATCH:
            Response.objects.bulk_update(changed, ["answer", "accepted_as"])
            changed = []
    if changed:
        Response.objects.bulk_update(changed, ["answer", "accepted_as"])


class Migration(migrations.Migration):
    dependencies = [("learning", "0006_review_options")]

    operations = [migrations.RunPython(clean_stored_answers, migrations.RunPython.noop)]
