"""A GIFT file as Moodle writes it (categories, titles, formats, weights, feedback, numbers),
read back question by question and skip by skip."""

from __future__ import annotations

import pytest

from quizgen import services
from quizgen.imports import NO_ANSWER, NOT_A_KIND, SEVERAL_CORRECT
from quizgen.models import Document, Question

pytestmark = pytest.mark.django_db

# Written by hand from Moodle's documentation of the GIFT format, in the layout of Moodle's
# own GIFT export (a comment naming each question, the category first, tabs before answers).
MOODLE_GIFT = """\
// question: 0  name: Switch category to $course$/top/Default for History/Treaties
$CATEGORY: $course$/top/Default for History/Treaties


// question: 101  name: Treaty year
::Treaty year::[html]<p>In which year was the Treaty of <b>Westphalia</b> signed?</p>{
\t=1648#Right\\: 1648.
\t~1748#A century late.
\t~%50%1658#Close.
\t~1548
\t####<p>Signed in Osnabrück &amp; Münster.</p>
}

// question: 102  name: Grant's tomb
::Grant's tomb::[moodle]Grant is buried in Grant's tomb.{FALSE#He is buried there.#Right, a trick.}

// question: 103  name: Capital
::Capital::[markdown]The capital of France is {=Paris =paris#Lower case counts =%50%Lutetia}.

// question: 104  name: Ulysses
::Ulysses::When was Ulysses S. Grant born?{#
\t=1822:0#Correct!
\t=%50%1822:2#Half credit for being close.
}

// question: 105  name: A range
::A range::What is a number from 1 to 5?{#1..5}

// question: 106  name: Animals
::Animals::[plain]Match each animal with its food.{
\t=cat -> cat food
\t=dog -> dog food
\t=bird -> seeds
\t= -> fish food
}

// question: 107  name: Film
::Film::[html]<p>Describe your favourite film.</p>{}

// question: 108  name: Instructions
::Instructions::In this part, answer without notes.

// question: 109  name: Primes
::Primes::Which are primes?{
\t~%50%2
\t~%50%3
\t~%-100%4
}

$CATEGORY: $course$/top/Default for History/Escapes

// question: 110  name: Escapes
::Escapes::Is 1 \\= 1\\: yes \\{or\\} no?{=\\= sign ~\\~ tilde ~\\# hash ~back\\\\slash}

::Twice::Which one?{=Same ~same}
"""


def test_a_gift_file_as_moodle_writes_it(teacher):
    document = services.question_bank_import(
        owner=teacher, name="history.gift.txt", content=MOODLE_GIFT.encode()
    )
    assert document.origin == Document.Origin.IMPORT
    assert document.title == "History"
    assert document.text == ""
    report = document.import_report
    assert (report["format"], report["file"]) == ("gift", "history.gift.txt")
    questions = {row["title"]: Question.objects.get(pk=row["question"]) for row in report["read"]}
    assert [(row["where"], row["title"], row["kind"]) for row in report["read"]] == [
        ("line 6", "Treaty year", "multiple_choice"),
        ("line 15", "Grant's tomb", "true_false"),
        ("line 18", "Capital", "fill_blank"),
        ("line 21", "Ulysses", "numeric"),
        ("line 27", "A range", "numeric"),
        ("line 30", "Animals", "matching"),
        ("line 53", "Escapes", "multiple_choice"),
    ]

    # The defect check of a question written by hand (none on the sentence it lacks).
    assert {row["title"]: row["defects"] for row in report["read"]} == {
        "Treaty year": [],
        "Grant's tomb": [],
        "Capital": [],
        "Ulysses": [],
        "A range": [],
        "Animals": ["unresolved_reference"],
        "Escapes": ["reference_mark_in_prompt"],
    }
    assert questions["Escapes"].defects == ["reference_mark_in_prompt"]

    treaty = questions["Treaty year"]
    assert treaty.prompt == "In which year was the Treaty of Westphalia signed?"
    assert treaty.options == [
        {"text": "1648", "correct": True, "feedback": "Right: 1648."},
        {"text": "1748", "correct": False, "feedback": "A century late."},
        {"text": "1658", "correct": False, "feedback": "Close."},
        {"text": "1548", "correct": False},
    ]
    assert treaty.explanation == "Signed in Osnabrück & Münster."
    assert report["read"][0]["notes"] == [
        "the 50% credit of “1658” was left out: it counts as wrong"
    ]
    assert report["read"][0]["tags"] == ["Default for History/Treaties"]

    grant = questions["Grant's tomb"]
    assert grant.prompt == "Grant is buried in Grant's tomb."
    assert grant.options == [
        {"text": "True", "correct": False, "feedback": "He is buried there."},
        {"text": "False", "correct": True, "feedback": "Right, a trick."},
    ]

    capital = questions["Capital"]
    assert capital.prompt == "The capital of France is _____."
    assert capital.accepted_answers == ["Paris", "paris"]
    assert report["read"][2]["notes"] == [
        "the feedback on the answer “paris” was left out",
        "the 50% answer “Lutetia” was left out",
    ]

    ulysses = questions["Ulysses"]
    assert (ulysses.answer, ulysses.tolerance) == ({"value": 1822.0, "tolerance": 0.0}, 0.0)
    assert report["read"][3]["notes"] == ["the 50% answer 1822:2 was left out"]
    in_range = questions["A range"]
    assert (in_range.answer, in_range.tolerance) == ({"value": 3.0, "tolerance": 2.0}, 2.0)

    animals = questions["Animals"]
    assert animals.answer == [["cat", "cat food"], ["dog", "dog food"], ["bird", "seeds"]]
    assert report["read"][5]["notes"] == [
        "the extra answer “fish food” (matched to nothing) was left out"
    ]

    escapes = questions["Escapes"]
    assert escapes.prompt == "Is 1 = 1: yes {or} no?"
    assert [option["text"] for option in escapes.options] == [
        "= sign",
        "~ tilde",
        "# hash",
        "back\\slash",
    ]
    assert report["read"][6]["tags"] == ["Default for History/Escapes"]

    assert report["skipped"] == [
        {"where": "line 38", "kind": "essay", "reason": NOT_A_KIND},
        {"where": "line 41", "kind": "description", "reason": NO_ANSWER},
        {"where": "line 44", "kind": "multiple choice", "reason": SEVERAL_CORRECT},
        {
            "where": "line 55",
            "kind": "multiple choice",
            "reason": services.OPTIONS_NOT_DISTINCT.format(option="“same”"),
        },
    ]
    assert document.questions.count() == 7
    assert {q.status for q in document.questions.all()} == {Question.Status.DRAFT}
