"""The demo article's facts, compared exactly with the reviewed golden file.

After a reviewed change in behaviour, regenerate the file with
`python manage.py facts seeds/russia-recognises-taliban.txt --published-on 2025-07-03
--format json > seeds/expected/russia-recognises-taliban.facts.json` and read the diff.
"""

import json

from conftest import SEEDS_DIR

from quizgen.nlp.serialize import extraction_as_dict
from quizgen.nlp.types import FactKind

GOLDEN_PATH = SEEDS_DIR / "expected" / "russia-recognises-taliban.facts.json"


def test_demo_facts_match_the_golden_file(demo_extraction):
    expected = json.loads(GOLDEN_PATH.read_text(encoding="utf-8"))
    assert json.loads(json.dumps(extraction_as_dict(demo_extraction))) == expected


def test_every_fact_span_is_its_text(demo_extraction, demo_text):
    for fact in demo_extraction.facts:
        assert demo_text[fact.start : fact.end] == fact.text
        assert demo_text[fact.sentence.start : fact.sentence.end] == fact.sentence.text
        for mention in getattr(fact, "mentions", ()):
            assert demo_text[mention.start : mention.end] == mention.text


def _dates(extraction):
    return {
        (f.text, f.value, f.precision, f.vague): f.event for f in extraction.of_kind(FactKind.DATE)
    }


def test_the_required_dates(demo_extraction):
    dates = _dates(demo_extraction)
    assert dates[("1979", "1979", "year", False)] == "the Soviet Union invaded Afghanistan"
    assert dates[("2003", "2003", "year", False)] == (
        "The Taliban was declared a terrorist group by Russia"
    )
    assert dates[("August 2021", "2021-08", "month", False)] == "the U.S. withdrawal"
    assert [f.event for f in demo_extraction.of_kind(FactKind.DATE) if f.text == "2022"] == [
        "Russia was the first to sign a trade deal with the Taliban regime",
        "Taliban officials attended Russia\u2019s major economic forums",
    ]
    assert ("April 2025", "2025-04", "month", False) in dates
    assert ("Thursday", "2025-07-03", "day", False) in dates
    assert ("March this year", "2025-03", "month", False) in dates
    assert ("nearly four years ago", None, "vague", True) in dates
    assert ("decades later", None, "vague", True) in dates


def test_the_required_figures(demo_extraction):
    figures = {
        f.text: (f.value, f.unit, f.qualifier, f.counted)
        for f in demo_extraction.of_kind(FactKind.FIGURE)
    }
    assert figures == {
        "$9 billion": (9e9, "USD", "", "Afghan central bank assets"),
        "over 15,000": (15000.0, "", "over", "Soviet lives"),
        "149": (149.0, "", "", "people"),
    }


def test_the_required_actors(demo_extraction):
    actors = {f.value: f for f in demo_extraction.of_kind(FactKind.ACTOR)}
    assert actors["Amir Khan Muttaqi"].role == "Afghanistan\u2019s Foreign Minister"
    assert actors["Amir Khan Muttaqi"].aliases == ("Muttaqi",)
    assert actors["Vladimir Putin"].role == "President"
    assert actors["Sergey Lavrov"].role == "Russian Foreign Minister"
    assert actors["Soviet Union"].aliases == ("USSR",)
    assert {"Taliban", "ISIS-K", "United Nations", "Russia", "U.S."} <= set(actors)
    assert actors["Taliban"].label == "organisation"
    assert len(actors["Taliban"].mentions) == 11


def test_the_quotes_have_their_speakers(demo_extraction):
    speakers = {f.text: f.speaker for f in demo_extraction.of_kind(FactKind.QUOTE)}
    assert speakers["courageous step."] == "Amir Khan Muttaqi"
    assert speakers[
        "The new authorities in Kabul are a reality. We need a pragmatic, not ideologised policy."
    ] == ("Sergey Lavrov")
