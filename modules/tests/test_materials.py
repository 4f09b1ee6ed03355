import pytest

from modules import materials
from quizgen.models import Fact


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2025-07-03", "3 July 2025"),
        ("2025-03", "March 2025"),
        ("1979", "1979"),
        ("1990s", "1990s"),
        ({"start": "2021-08", "end": "2022"}, "August 2021 – 2022"),
        (None, ""),
    ],
)
def test_dates_are_shown_as_a_reader_says_them(value, shown):
    assert materials.date_value_display(value) == shown


@pytest.mark.parametrize(
    ("value", "key"),
    [("2025-07-03", (2025, 7, 3)), ("2025-03", (2025, 3, 0)), ("1990s", (1990, 0, 0)), ("x", None)],
)
def test_dates_sort_by_year_month_day(value, key):
    assert materials.date_sort_key(value) == key


def _fact(**fields) -> Fact:
    defaults = {
        "pk": 1,
        "document_id": 1,
        "kind": Fact.Kind.FIGURE,
        "text": "over 15,000",
        "start": 15,
        "end": 26,
        "sentence": "That war cost over 15,000 lives.",
        "sentence_start": 0,
        "sentence_end": 32,
        "value": 15000.0,
        "details": {"unit": "", "qualifier": "over", "counted": "lives"},
    }
    defaults.update(fields)
    return Fact(**defaults)


def test_a_figure_card_asks_how_many_of_what_it_counts():
    fact = _fact()
    assert materials.flashcard_front(fact) == "How many lives? That war cost _____ lives."
    assert materials.flashcard_answer(fact) == "over 15,000"
    assert materials.figure_value_display(fact) == "over 15,000"


def test_a_money_figure_keeps_its_unit():
    fact = _fact(
        text="$9 billion",
        value=9e9,
        label="money",
        sentence="The U.S. froze $9 billion in assets.",
        details={"unit": "USD", "counted": "assets"},
    )
    assert materials.flashcard_front(fact) == (
        "Which amount fills the blank? The U.S. froze _____ in assets."
    )
    assert materials.figure_value_display(fact) == "9 billion USD"
    assert materials.flashcard_answer(fact) == "$9 billion (9 billion USD)"


def test_a_relative_date_card_shows_the_resolved_date_on_the_back():
    fact = _fact(
        kind=Fact.Kind.DATE,
        text="March this year",
        value="2025-03",
        sentence="The attack came in March this year.",
        details={"precision": "month", "vague": False, "event": ""},
    )
    assert materials.flashcard_front(fact) == (
        "Which date fills the blank? The attack came in _____."
    )
    assert materials.flashcard_answer(fact) == "March this year (March 2025)"


def test_an_actor_card_blanks_every_name_it_goes_by():
    fact = _fact(
        kind=Fact.Kind.ACTOR,
        text="Amir Khan Muttaqi",
        value="Amir Khan Muttaqi",
        sentence="Amir Khan Muttaqi spoke; Muttaqi then left.",
        label="person",
        details={"mentions": [], "aliases": ["Muttaqi"], "role": ""},
    )
    assert materials.flashcard_front(fact) == "Who fills the blank? _____ spoke; _____ then left."
    group = _fact(
        kind=Fact.Kind.ACTOR,
        text="The Taliban",
        value="Taliban",
        sentence="Russia recognised the Taliban-led government.",
        label="organisation",
        details={"mentions": [{"text": "the Taliban", "start": 0, "end": 0}], "role": ""},
    )
    assert materials.flashcard_front(group) == (
        "Who fills the blank? Russia recognised the _____-led government."
    )
    with_role = _fact(
        kind=Fact.Kind.ACTOR,
        text="Muttaqi",
        value="Amir Khan Muttaqi",
        label="person",
        details={"role": "Afghanistan's Foreign Minister"},
    )
    assert materials.flashcard_front(with_role) == "Who is Afghanistan's Foreign Minister?"
    assert materials.flashcard_answer(with_role) == "Amir Khan Muttaqi"


def test_a_date_with_its_event_asks_when_it_happened():
    fact = _fact(
        kind=Fact.Kind.DATE,
        text="1979",
        value="1979",
        details={"precision": "year", "vague": False, "event": "the Soviet Union invaded"},
    )
    assert materials.flashcard_front(fact) == "When did this happen? The Soviet Union invaded."


def test_a_date_sharing_its_sentence_with_another_is_asked_as_a_blank():
    fact = _fact(
        kind=Fact.Kind.DATE,
        text="2022",
        value="2022",
        start=27,
        end=31,
        sentence="Officials attended forums in 2022 and 2024.",
        details={"precision": "year", "vague": False, "event": "Officials attended forums"},
    )
    fact.start = fact.sentence.index("2022")
    fact.end = fact.start + 4
    assert materials.flashcard_front(fact) == (
        "Which date fills the blank? Officials attended forums in _____ and 2024."
    )


def test_a_quote_card_asks_who_said_the_words():
    fact = _fact(kind=Fact.Kind.QUOTE, text="“courageous step.”", value="courageous step.")
    assert materials.flashcard_front(fact) == "Who said “courageous step”?"


def test_a_bare_title_is_not_asked_as_a_role():
    fact = _fact(
        kind=Fact.Kind.ACTOR,
        text="Ada Byron",
        value="Ada Byron",
        label="person",
        sentence="Countess Ada Byron wrote the notes.",
        details={"mentions": [], "aliases": [], "role": "Countess"},
    )
    assert materials.flashcard_front(fact) == "Who fills the blank? Countess _____ wrote the notes."


def test_vague_and_hidden_facts_make_no_card():
    vague = _fact(kind=Fact.Kind.DATE, value=None, details={"vague": True})
    hidden = _fact(hidden=True)
    assert not materials.flashcard_eligible(vague)
    assert not materials.flashcard_eligible(hidden)
    assert materials.flashcard_eligible(_fact())


def test_a_correction_replaces_the_words_everywhere():
    fact = _fact(corrected_text="more than 15,000")
    assert materials.fact_display(fact) == "more than 15,000"
    assert materials.flashcard_answer(fact) == "more than 15,000"


def test_whos_who_merges_an_actor_across_documents_most_mentioned_first():
    def actor(pk, document_id, value, mentions, role="", start=0):
        return _fact(
            pk=pk,
            document_id=document_id,
            kind=Fact.Kind.ACTOR,
            text=value,
            value=value,
            start=start,
            label="person",
            details={
                "mentions": [{"text": value, "start": start, "end": start + 1}] * mentions,
                "aliases": [],
                "role": role,
            },
        )

    class Doc:
        def __init__(self, pk):
            self.pk = pk

    documents = [Doc(1), Doc(2)]
    facts = [
        actor(1, 1, "Ada Byron", 1, start=0),
        actor(2, 1, "Charles Babbage", 2, role="inventor", start=10),
        actor(3, 2, "Ada Byron", 3, role="mathematician"),
    ]
    entries = materials.whos_who(documents, facts)
    assert [(entry.name, entry.mentions, entry.roles) for entry in entries] == [
        ("Ada Byron", 4, ["mathematician"]),
        ("Charles Babbage", 2, ["inventor"]),
    ]


def test_the_reading_view_marks_each_fact_once_and_anchors_its_sentence():
    class Doc:
        pk = 7
        text = "In 1979, Ada met Bob.\nBob counted 12 cats."

    date = _fact(
        pk=1,
        document_id=7,
        kind=Fact.Kind.DATE,
        text="1979",
        start=3,
        end=7,
        value="1979",
        sentence="In 1979, Ada met Bob.",
        sentence_start=0,
        details={"precision": "year", "vague": False, "event": ""},
    )
    bob = _fact(
        pk=2,
        document_id=7,
        kind=Fact.Kind.ACTOR,
        text="Bob",
        start=17,
        end=20,
        value="Bob",
        sentence="In 1979, Ada met Bob.",
        sentence_start=0,
        label="person",
        details={
            "mentions": [
                {"text": "Bob", "start": 17, "end": 20},
                {"text": "Bob", "start": 22, "end": 25},
            ],
            "aliases": [],
            "role": "",
        },
    )
    # Overlaps "1979": dropped rather than nested.
    overlapping = _fact(pk=3, document_id=7, text="979", start=4, end=7, value=979.0)
    paragraphs = materials.reading_paragraphs(Doc(), [date, bob, overlapping])
    shape = [
        [(piece, value if piece != "mark" else (value.badge, value.words)) for piece, value in p]
        for p in paragraphs
    ]
    assert shape == [
        [
            ("anchor", "d7-s0"),
            ("text", "In "),
            ("mark", ("date", "1979")),
            ("text", ", Ada met "),
            ("mark", ("who", "Bob")),
            ("text", "."),
        ],
        [("mark", ("who", "Bob")), ("text", " counted 12 cats.")],
    ]
