"""The marking table: (question, typed answer, mark) for every rule of learning.matching.

The questions are those the generator writes for the demo article (and a few made-up ones
for accents, shared surnames and near-identical places); the document keys stand for the
facts of their documents, as `document_keys` reads them from the database.
"""

from datetime import date

import pytest

from learning.matching import DocumentKey, DocumentKeys, ambiguous_date_note, document_keys
from learning.scoring import mark_answer
from quizgen.models import Question
from quizgen.tests.factories import DocumentFactory, FactFactory

ARTICLE = 1
KENNEDYS = 2
HISTORY = 3  # a made-up text: one event in August 1888, another in 1890

KEYS = {
    ARTICLE: DocumentKey(
        published_on=date(2025, 7, 3),
        people=(
            ("Vladimir Putin",),
            ("Sergey Lavrov",),
            ("Amir Khan Muttaqi", "Muttaqi"),
        ),
        answers=(
            ("Russia", "Russian Federation"),
            ("Taliban",),
            ("Afghanistan",),
            ("Kabul",),
            ("Moscow",),
            ("U.S.", "United States"),
            ("Soviet Union", "USSR"),
            ("Vladimir Putin",),
            ("Sergey Lavrov",),
            ("Amir Khan Muttaqi", "Muttaqi"),
            ("Southeast Asia",),
            ("United Nations",),
            ("Iran",),
            ("Iraq",),
            ("Thursday", "3 July 2025"),
            ("April 2025",),
            ("March 2025", "March this year"),
            ("2021",),
            ("2003",),
        ),
    ),
    HISTORY: DocumentKey(
        people=(("Ada Lindqvist",),),
        answers=(("August 1888",), ("1890",), ("Ada Lindqvist",)),
    ),
    KENNEDYS: DocumentKey(
        people=(("John Kennedy",), ("Robert Kennedy",)),
        answers=(("John Kennedy",), ("Robert Kennedy",), ("Austria",), ("Australia",)),
    ),
}


def _q(kind, prompt, accepted=(), answer=None, options=(), document=ARTICLE):
    return Question(
        kind=kind,
        prompt=prompt,
        accepted_answers=list(accepted),
        answer=answer,
        options=list(options),
        document_id=document,
    )


QUESTIONS = {
    "putin": _q(
        "short_answer",
        "Who had called the Taliban allies in the fight against terrorism?",
        ["Vladimir Putin"],
    ),
    "putin_blank": _q(
        "fill_blank",
        "Fill in the blank: President _____ had called the Taliban allies.",
        ["Vladimir Putin"],
    ),
    "lavrov": _q("short_answer", "Who said the new authorities are a reality?", ["Sergey Lavrov"]),
    "muttaqi": _q("short_answer", "Who welcomed the decision?", ["Amir Khan Muttaqi", "Muttaqi"]),
    "soviet": _q(
        "short_answer", "Which country invaded Afghanistan in 1979?", ["Soviet Union", "USSR"]
    ),
    "afghanistan": _q(
        "short_answer", "Which country did the Soviet Union invade in 1979?", ["Afghanistan"]
    ),
    "us": _q(
        "fill_blank", "Fill in the blank: _____ froze $9 billion.", ["U.S.", "United States", "US"]
    ),
    "isis": _q(
        "short_answer",
        "Which organisation did Putin blame for the attack?",
        ["ISIS-K", "Islamic State Khorasan Province"],
    ),
    "kabul": _q("short_answer", "The group took control of which city?", ["Kabul"]),
    "moscow": _q("short_answer", "Which city plans to use Afghanistan as a hub?", ["Moscow"]),
    "taliban": _q(
        "short_answer", "Which organisation do most countries not recognise?", ["Taliban"]
    ),
    "iraq": _q("short_answer", "Which country was invaded in 2003?", ["Iraq"]),
    "year2021": _q("short_answer", "When did the U.S. freeze $9 billion in assets?", ["2021"]),
    "year2003": _q("short_answer", "Declared a terrorist group in what year?", ["2003"]),
    "april": _q(
        "short_answer", "Removed from that list by the Supreme Court in what month?", ["April 2025"]
    ),
    "july3": _q(
        "short_answer",
        "The Russian Foreign Ministry confirmed the move on what date?",
        ["Thursday", "3 July 2025"],
    ),
    "july3_us": _q("short_answer", "On what date was the move confirmed?", ["July 3, 2025"]),
    "march": _q(
        "short_answer",
        "When did the deadly attack near Moscow kill 149 people?",
        ["March 2025", "March this year"],
    ),
    "aug1888": _q(
        "short_answer", "When did Ada Lindqvist open the mill?", ["August 1888"], document=HISTORY
    ),
    "aug1888_month": _q(
        "short_answer", "In what month did the mill open?", ["August 1888"], document=HISTORY
    ),
    "money": _q("short_answer", "How much did the U.S. freeze in 2021?", ["$9 billion"]),
    "count149": _q("short_answer", "How many people did the attack kill?", ["149"]),
    "over15000": _q(
        "fill_blank",
        "Fill in the blank: The brutal war cost _____ Soviet lives.",
        ["over 15,000", "15,000", "over 15000", "15000"],
    ),
    "eight": _q("fill_blank", "The treaty was signed by _____ states.", ["eight"]),
    "twelve": _q("short_answer", "How many stations did it own?", ["12"]),
    "seven": _q("short_answer", "How many members sat on the board?", ["7"]),
    "fortytwo": _q("fill_blank", "The treaty was signed by _____ delegates.", ["forty-two", "42"]),
    "bn": _q(
        "numeric",
        "How much did the U.S. freeze in Afghan central bank assets in 2021 "
        "(in billions of dollars)?",
        ["$9 billion"],
        {"value": 9.0, "tolerance": 0.0, "unit": "billion dollars", "display": "$9 billion"},
    ),
    "n149": _q(
        "numeric",
        "How many people did the deadly attack near Moscow kill?",
        ["149"],
        {"value": 149.0, "tolerance": 0.0, "unit": "", "display": "149"},
    ),
    "n15000": _q(
        "numeric",
        "How many Soviet lives did the brutal war cost?",
        ["over 15,000"],
        {"value": 15000.0, "tolerance": 750.0, "unit": "", "display": "over 15,000"},
    ),
    "million": _q(
        "numeric",
        "How many people live in the city (in millions)?",
        ["1.5 million"],
        {"value": 1.5, "tolerance": 0.0, "unit": "million people", "display": "1.5 million"},
    ),
    "percent": _q(
        "numeric",
        "By how much did prices rise (in percent)?",
        ["2.5%"],
        {"value": 2.5, "tolerance": 0.0, "unit": "percent", "display": "2.5%"},
    ),
    "metres": _q(
        "numeric",
        "How tall is the statue (in metres)?",
        ["12 m"],
        {"value": 12.0, "tolerance": 0.0, "unit": "m", "display": "12 m"},
    ),
    "mc": _q(
        "multiple_choice",
        "In which year did the Soviet Union invade Afghanistan?",
        ["1979"],
        options=[{"text": "1979", "correct": True}, {"text": "1983", "correct": False}],
    ),
    "tf": _q(
        "true_false",
        "True or false: Putin called the Taliban allies.",
        options=[{"text": "True", "correct": True}, {"text": "False", "correct": False}],
    ),
    "place": _q("short_answer", "In what place did the team finish the league?", ["third"]),
    "century": _q("short_answer", "In which century was the mill built?", ["19th century"]),
    "war": _q("short_answer", "Which war ended in 1945?", ["World War Two"], document=None),
    "hundred": _q("fill_blank", "The fleet had _____ ships.", ["100"]),
    "thousand": _q("short_answer", "How many soldiers crossed?", ["one thousand"]),
    "half": _q("short_answer", "How many hours did the walk take?", ["2.5"]),
    "halfmillion": _q(
        "numeric",
        "How many people live in the city (in millions)?",
        ["1.5 million"],
        {"value": 1.5, "tolerance": 0.0, "unit": "million people", "display": "1.5 million"},
    ),
    "muttaqi_surname": _q("short_answer", "Who spoke for the Taliban?", ["Muttaqi"]),
    "kennedy_surname": _q(
        "short_answer", "Who was elected in 1960?", ["Kennedy"], document=KENNEDYS
    ),
    "marti": _q("short_answer", "Who wrote the poem?", ["José Martí"], document=None),
    "zurich": _q("short_answer", "Where was the bank?", ["Zürich"], document=None),
    "sergei": _q("short_answer", "Who spoke?", ["Sergeï Lavrov"], document=None),
    "saopaulo": _q("short_answer", "Which city?", ["São Paulo"], document=None),
    "john": _q("short_answer", "Who was elected in 1960?", ["John Kennedy"], document=KENNEDYS),
    "austria": _q(
        "short_answer", "Which country did the treaty admit?", ["Austria"], document=KENNEDYS
    ),
}

CASES = [
    # 1. Same text: case, accents, punctuation, articles, "in"/"on" before dates.
    ("soviet", "Soviet Union", 1),
    ("soviet", "  the soviet union. ", 1),
    ("soviet", "soviet-union", 1),
    ("soviet", "USSR", 1),
    ("soviet", "u.s.s.r.", 1),
    ("soviet", "Russia", 0),
    ("soviet", "Soviet", 0),
    ("soviet", "", 0),
    ("soviet", "   ", 0),
    ("us", "US", 1),
    ("us", "u.s", 1),
    ("us", "the United States", 1),
    ("us", "United Nations", 0),
    ("isis", "ISIS K", 1),
    ("isis", "isis-k", 1),
    ("isis", "Islamic State Khorasan", 0),
    ("marti", "Jose Marti", 1),
    ("marti", "JOSÉ MARTÍ", 1),
    ("zurich", "Zurich", 1),
    ("zurich", "zürich", 1),
    ("sergei", "Sergei Lavrov", 1),
    ("saopaulo", "Sao Paulo", 1),
    ("saopaulo", "Paulo", 0),
    ("year2021", "in 2021", 1),
    ("april", "in April 2025", 1),
    ("july3", "on 3 July 2025", 1),
    ("july3", "on Thursday", 1),
    ("july3_us", "the third of July 2025", 1),
    ("july3_us", "July third, 2025", 1),
    ("july3_us", "the fourth of July 2025", 0),
    ("july3", "thursday", 1),
    ("moscow", "in Moscow", 0),
    # 2. Numbers as digits or words, separators, scales, currency, qualifiers.
    ("eight", "8", 1),
    ("eight", "Eight", 1),
    ("eight", "nine", 0),
    ("eight", "18", 0),
    ("eight", "eighteen", 0),
    ("twelve", "twelve", 1),
    ("twelve", "12", 1),
    ("twelve", "13", 0),
    ("seven", "seven", 1),
    ("seven", "seventy", 0),
    ("fortytwo", "forty two", 1),
    ("fortytwo", "42", 1),
    ("fortytwo", "Forty-Two", 1),
    ("fortytwo", "24", 0),
    ("count149", "149", 1),
    ("count149", "one hundred and forty-nine", 1),
    ("count149", "one hundred forty-nine", 1),
    ("count149", "149 people", 1),
    ("count149", "about 149", 1),
    ("count149", "149 soldiers", 0),
    ("count149", "194", 0),
    ("count149", "148", 0),
    ("money", "$9 billion", 1),
    ("money", "9 billion", 1),
    ("money", "$9bn", 1),
    ("money", "9,000,000,000", 1),
    ("money", "9 billion dollars", 1),
    ("money", "US$9 billion", 1),
    ("money", "nine billion dollars", 1),
    ("money", "9", 0),
    ("money", "$9 million", 0),
    ("money", "$90 billion", 0),
    ("over15000", "15,000", 1),
    ("over15000", "15 000", 1),
    ("over15000", "fifteen thousand", 1),
    ("over15000", "over fifteen thousand", 1),
    ("over15000", "more than 15,000", 1),
    ("over15000", "15k", 1),
    ("over15000", "under 15,000", 0),
    ("over15000", "1,500", 0),
    ("over15000", "150,000", 0),
    # 3. Dates in other written forms, at the key's precision.
    ("july3", "3 July 2025", 1),
    ("july3", "July 3, 2025", 1),
    ("july3", "2025-07-03", 1),
    ("july3", "July 3rd, 2025", 1),
    ("july3", "the 3rd of July 2025", 1),
    ("july3", "Jul 3 2025", 1),
    ("july3", "July 3", 1),
    ("july3", "Friday", 0),
    ("july3", "July 2025", 0),
    ("july3", "2025", 0),
    ("july3", "3 July 2024", 0),
    ("july3", "4 July 2025", 0),
    ("july3", "03/07/2025", 0),
    ("july3_us", "3 July 2025", 1),
    ("july3_us", "2025-07-03", 1),
    ("july3_us", "3 July 2025 or 4 July 2025", 0),
    ("april", "april 2025", 1),
    ("april", "Apr 2025", 1),
    ("april", "April", 1),
    ("april", "April 2024", 0),
    ("april", "2025", 0),
    ("april", "March 2025", 0),
    ("april", "12 April 2025", 0),
    ("march", "March 2025", 1),
    ("march", "in March 2025", 1),
    ("march", "march this year", 1),
    ("march", "March", 1),
    ("march", "March 2024", 0),
    ("march", "2025", 0),  # the text dates other events of 2025 (April, 3 July)
    # The year alone for a month and a year, when no other date of the text falls that year.
    ("aug1888", "1888", 1),
    ("aug1888", "in 1888", 1),
    ("aug1888", "August 1888", 1),
    ("aug1888", "1890", 0),
    ("aug1888", "1889", 0),
    ("aug1888", "September 1888", 0),
    ("aug1888_month", "1888", 0),
    ("year2003", "2003", 1),
    ("year2003", "in 2003", 1),
    ("year2003", "the year 2003", 1),
    ("year2003", "03", 0),
    ("year2003", "2004", 0),
    ("year2021", "2012", 0),
    ("year2021", "in 2022", 0),
    ("year2021", "2021 or 2022", 0),
    # 4. A person's surname, alone or after a title; never a shared surname.
    ("putin", "Putin", 1),
    ("putin", "President Putin", 1),
    ("putin", "putin", 1),
    ("putin", "Vladimir", 0),
    ("putin_blank", "Putin", 1),
    ("lavrov", "Lavrov", 1),
    ("lavrov", "Mr Lavrov", 1),
    ("lavrov", "Lavrov Sergey Putin", 0),
    ("muttaqi", "Muttaqi", 1),
    ("muttaqi", "Khan", 0),
    ("muttaqi", "Amir", 0),
    ("john", "John Kennedy", 1),
    ("john", "Kennedy", 0),
    ("john", "Robert Kennedy", 0),
    # 5. Typing slips, scaled to length, never onto another answer of the document.
    ("afghanistan", "Afganistan", 1),
    ("afghanistan", "Afghanstan", 1),
    ("afghanistan", "Afgahnistan", 1),
    ("afghanistan", "Afgnstn", 0),
    ("muttaqi", "Muttaki", 1),
    ("lavrov", "Lavorv", 1),
    ("taliban", "Taleban", 1),
    ("moscow", "Moscaw", 1),
    ("kabul", "Kabol", 1),
    ("kabul", "Moscow", 0),
    ("iraq", "Iran", 0),
    ("iraq", "Irak", 0),
    ("john", "Jon Kennedy", 1),
    ("austria", "Austria", 1),
    ("austria", "Austira", 1),
    ("austria", "Australia", 0),
    ("austria", "Austrlia", 0),
    # Numeric questions, read in the unit they ask for.
    ("bn", "9", 1),
    ("bn", "$9 billion", 1),
    ("bn", "9 billion", 1),
    ("bn", "$9bn", 1),
    ("bn", "9,000,000,000", 1),
    ("bn", "nine", 1),
    ("bn", "nine billion", 1),
    ("bn", "9.0", 1),
    ("bn", "$9 million", 0),
    ("bn", "9,000,000", 0),
    ("bn", "90", 0),
    ("bn", "8", 0),
    ("n149", "149", 1),
    ("n149", "one hundred forty-nine", 1),
    ("n149", "149 people", 1),
    ("n149", "150", 0),
    ("n15000", "15,500", 1),
    ("n15000", "fifteen thousand", 1),
    ("n15000", "16,000", 0),
    ("million", "1.5", 1),
    ("million", "1.5 million", 1),
    ("million", "1,500,000", 1),
    ("million", "1.5m", 1),
    ("million", "1,500", 0),
    ("million", "1.6", 0),
    ("percent", "2.5%", 1),
    ("percent", "2.5 percent", 1),
    ("percent", "2.5 per cent", 1),
    ("percent", "3%", 0),
    ("percent", "2,5%", 1),  # a decimal comma
    ("percent", "2,5 per cent", 1),
    ("percent", "2,50", 1),
    ("percent", "2,500", 0),  # a thousands separator: 2500
    ("percent", "25", 0),
    ("million", "1,5 million", 1),
    ("million", "1,5", 1),
    ("metres", "12", 1),
    ("metres", "12 metres", 1),
    ("metres", "twelve", 1),
    ("metres", "13", 0),
    # Ordinals in digits or words, where the question asks one.
    ("place", "3rd", 1),
    ("place", "Third", 1),
    ("place", "the third", 1),
    ("place", "3rd place", 0),
    ("place", "fourth", 0),
    ("place", "4th", 0),
    ("place", "13th", 0),
    ("century", "nineteenth century", 1),
    ("century", "the 19th century", 1),
    ("century", "the 20th century", 0),
    ("century", "twentieth century", 0),
    ("war", "World War 2", 1),
    ("war", "world war II", 0),
    ("war", "World War One", 0),
    ("war", "World War 1", 0),
    # Number words with "a", fractions, scale words.
    ("hundred", "a hundred", 1),
    ("hundred", "one hundred", 1),
    ("hundred", "a thousand", 0),
    ("thousand", "a thousand", 1),
    ("thousand", "1,000", 1),
    ("thousand", "1000", 1),
    ("thousand", "10,000", 0),
    ("half", "two and a half", 1),
    ("half", "2½", 1),
    ("half", "two", 0),
    ("half", "three and a half", 0),
    ("halfmillion", "one and a half million", 1),
    ("halfmillion", "1,500,000", 1),
    ("halfmillion", "two and a half million", 0),
    # The full name of the person a surname stands for (and not another's).
    ("muttaqi_surname", "Amir Khan Muttaqi", 1),
    ("muttaqi_surname", "Sergey Lavrov", 0),
    ("kennedy_surname", "Robert Kennedy", 0),
    # Choices: the option's text, folded.
    ("mc", "1979", 1),
    ("mc", "  1979 ", 1),
    ("mc", "1983", 0),
    ("tf", "True", 1),
    ("tf", "true", 1),
    ("tf", "False", 0),
]


def test_the_table_is_large_enough():
    assert len(CASES) >= 100


@pytest.mark.parametrize(("name", "typed", "mark"), CASES)
def test_marking_table(name, typed, mark):
    keys = DocumentKeys(loaded=dict(KEYS))
    assert mark_answer(QUESTIONS[name], typed, keys=keys).score == mark


@pytest.mark.parametrize(
    ("name", "typed", "note"),
    [
        ("eight", "8", "8 = eight"),
        ("twelve", "twelve", "twelve = 12"),
        ("soviet", "the Soviet Union", ""),
        ("marti", "Jose Marti", ""),
        ("putin", "Putin", "Putin = Vladimir Putin (surname)"),
        ("afghanistan", "Afganistan", "Afganistan = Afghanistan (typing slip)"),
        ("july3_us", "3 July 2025", "3 July 2025 = July 3, 2025"),
        ("money", "9,000,000,000", "9,000,000,000 = $9 billion"),
        ("aug1888", "1888", "1888 = August 1888"),
        ("bn", "9", ""),
        ("bn", "$9bn", "$9bn = $9 billion"),
        ("soviet", "Russia", ""),
        ("place", "3rd", "3rd = third"),
        ("n15000", "15,500", "15,500: within 750 of over 15,000"),
        ("hundred", "a hundred", "a hundred = 100"),
        ("muttaqi_surname", "Amir Khan Muttaqi", "Amir Khan Muttaqi = Muttaqi (full name)"),
    ],
)
def test_an_answer_accepted_in_another_form_says_so(name, typed, note):
    keys = DocumentKeys(loaded=dict(KEYS))
    assert mark_answer(QUESTIONS[name], typed, keys=keys).note == note


@pytest.mark.django_db
def test_document_keys_read_people_and_answers_from_the_facts():
    document = DocumentFactory(published_on=date(2025, 7, 3))
    FactFactory(
        document=document,
        kind="actor",
        label="person",
        text="Sergey Lavrov",
        value="Sergey Lavrov",
        details={"aliases": [], "mentions": []},
    )
    FactFactory(
        document=document,
        kind="actor",
        label="country",
        text="the Soviet Union",
        value="Soviet Union",
        details={"aliases": ["USSR"]},
    )
    FactFactory(document=document, kind="date", label="date", text="Thursday", value="2025-07-03")
    assert document_keys([document.pk]) == {
        document.pk: DocumentKey(
            published_on=date(2025, 7, 3),
            people=(("Sergey Lavrov",),),
            answers=(
                ("Sergey Lavrov",),
                ("the Soviet Union", "Soviet Union", "USSR"),
                ("Thursday",),
            ),
        )
    }


# Dates in figures: read when only one order of day and month makes a date (or both agree).
SLASH_CASES = [
    ("july3", "3/7/2025", 0),  # 3 July or 7 March: not guessed
    ("july3_us", "7/3/2025", 0),  # 7 March or 3 July: not guessed
    ("july3", "3.7.2025", 0),
    ("july3", "13/7/2025", 0),  # 13 July: a date, but the wrong one
    ("july3_us", "7/13/2025", 0),
]


@pytest.mark.parametrize(("name", "typed", "mark"), SLASH_CASES)
def test_ambiguous_slash_dates_are_not_guessed(name, typed, mark):
    keys = DocumentKeys(loaded=dict(KEYS))
    assert mark_answer(QUESTIONS[name], typed, keys=keys).score == mark


@pytest.mark.parametrize(
    ("accepted", "typed", "mark"),
    [
        ("25 December 2024", "25/12/2024", 1),
        ("25 December 2024", "12/25/2024", 1),
        ("25 December 2024", "25.12.2024", 1),
        ("25 December 2024", "25-12-2024", 1),
        ("3 March 2025", "3/3/2025", 1),
        ("25 December 2024", "24/12/2024", 0),
        ("25 December 2024", "25/13/2024", 0),
        ("25/12/2024", "25 December 2024", 1),  # a key in figures is read the same way
    ],
)
def test_unambiguous_slash_dates_are_read(accepted, typed, mark):
    question = _q("short_answer", "On what date did it happen?", [accepted], document=None)
    assert mark_answer(question, typed, keys=DocumentKeys()).score == mark


@pytest.mark.parametrize(
    ("typed", "note"),
    [
        (
            "3/7/2025",
            "“3/7/2025” could be 3 July 2025 or 7 March 2025, so it was not read as a date: "
            "write the month as a word (“3 July 2025”).",
        ),
        (
            " 7.3.2025 ",
            "“7.3.2025” could be 7 March 2025 or 3 July 2025, so it was not read as a date: "
            "write the month as a word (“7 March 2025”).",
        ),
        ("13/7/2025", ""),
        ("3 July 2025", ""),
    ],
)
def test_an_ambiguous_date_says_why_it_was_not_read(typed, note):
    assert ambiguous_date_note(QUESTIONS["july3"], typed) == note
    assert ambiguous_date_note(QUESTIONS["soviet"], typed) == ""  # not a date question
