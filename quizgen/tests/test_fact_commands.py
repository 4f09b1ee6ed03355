"""The `facts` and `evaluate-facts` management commands."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conftest import DEMO_TEXT_PATH
from quizgen.management.commands.facts import PUBLISHED_ON_INVALID


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_facts_json_has_offsets_into_the_file_as_read(nlp_pipeline):
    text = DEMO_TEXT_PATH.read_bytes().decode("utf-8")
    grouped = json.loads(run("facts", str(DEMO_TEXT_PATH), "--published-on", "2025-07-03",
                             "--format", "json"))  # fmt: skip
    assert list(grouped) == ["date", "figure", "actor", "quote", "term"]
    for kind, facts in grouped.items():
        for fact in facts:
            assert fact["kind"] == kind
            assert {"text", "start", "end", "sentence", "value"} <= set(fact)
            assert text[fact["start"] : fact["end"]] == fact["text"]
            for mention in fact.get("mentions", []):
                assert text[mention["start"] : mention["end"]] == mention["text"]
    thursday = next(f for f in grouped["date"] if f["text"] == "Thursday")
    assert (thursday["value"], thursday["precision"]) == ("2025-07-03", "day")
    soviet = next(f for f in grouped["actor"] if f["value"] == "Soviet Union")
    assert [m["text"] for m in soviet["mentions"]] == ["the Soviet Union", "the USSR"]


def test_facts_table_groups_by_kind(nlp_pipeline):
    output = run("facts", str(DEMO_TEXT_PATH), "--published-on", "2025-07-03")
    headings = [line for line in output.splitlines() if line and not line.startswith(" ")]
    assert headings == ["DATES (12)", "FIGURES (3)", "ACTORS (15)", "QUOTES (6)", "TERMS (0)"]
    assert "'$9 billion'" in output and "unit=USD" in output


def test_facts_rejects_a_bad_date_and_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="does not exist|is not a file"):
        run("facts", str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError) as error:
        run("facts", str(DEMO_TEXT_PATH), "--published-on", "3 July")
    assert str(error.value) == PUBLISHED_ON_INVALID.format(value="3 July")


def test_evaluate_facts_rejects_a_folder_without_documents(tmp_path):
    with pytest.raises(CommandError, match="holds no NAME.txt / NAME.json pairs"):
        run("evaluate-facts", str(tmp_path))


@pytest.mark.corpus
def test_evaluate_facts_meets_the_targets_on_the_corpus(corpus_dir, nlp_pipeline):
    scores = json.loads(run("evaluate-facts", str(corpus_dir / "gum"), "--format", "json"))
    overall = scores["overall"]
    assert set(scores) == {"bio", "news", "textbook", "overall"}
    targets = {
        "actors_lenient": (0.95, 0.85),
        "aliases": (0.95, 0.80),
        "dates_lenient": (0.95, 0.90),
        "figures_lenient": (0.90, 0.75),
    }
    for metric, (precision, recall) in targets.items():
        assert overall[metric]["precision"] >= precision, metric
        assert overall[metric]["recall"] >= recall, metric
