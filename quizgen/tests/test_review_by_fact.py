"""Review by fact: one row per fact and sentence with its kinds as variants; approve, reject,
reword in place; the question page's Reject, previous/next and distractor replacement."""

import pytest
from django.urls import reverse

from learning.tests.factories import QuizFactory, QuizQuestionFactory
from quizgen import admin as quizgen_admin
from quizgen import services
from quizgen.models import Question
from quizgen.tests.factories import DocumentFactory, FactFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def reviewed(teacher):
    document = DocumentFactory(owner=teacher, title="Talks")

    def fact(key, text, start, kind="date"):
        return FactFactory(
            document=document, kind=kind, key=key, text=text, start=start, end=start + len(text)
        )

    year = fact("date:1979", "1979", 3)
    place = fact("actor:kabul", "Kabul", 60, kind="actor")
    fact("date:1989", "1989", 90)
    fact("date:2001", "2001", 120)

    def make(fact, kind, score, recommended=True, **fields):
        question = QuestionFactory(
            document=document,
            kind=kind,
            score=score,
            recommended=recommended,
            status=Question.Status.DRAFT,
            source_start=fact.start,
            **fields,
        )
        question.facts.add(fact)
        return question

    return {
        "document": document,
        "mc": make(year, "multiple_choice", 0.9),
        "tf": make(
            year,
            "true_false",
            0.8,
            options=[{"text": "True", "correct": True}, {"text": "False", "correct": False}],
        ),
        "fill": make(year, "fill_blank", 0.95, recommended=False),
        "place": make(place, "short_answer", 0.7, accepted_answers=["Kabul"], options=[]),
    }


def _url(document):
    return reverse("admin:quizgen_document_review", args=[document.pk])


def test_one_row_per_fact_and_sentence_with_the_recommended_kind_shown(teacher_client, reviewed):
    response = teacher_client.get(_url(reviewed["document"]))
    rows = response.context["rows"]
    assert [row["group"].current for row in rows] == [reviewed["mc"], reviewed["place"]]
    assert [row["group"].variants for row in rows] == [
        [reviewed["mc"], reviewed["tf"], reviewed["fill"]],
        [reviewed["place"]],
    ]
    content = response.content.decode()
    url = _url(reviewed["document"])
    tf = reviewed["tf"]
    mc = reviewed["mc"]
    assert (
        f'<strong aria-current="true" data-variant="{mc.pk}">Multiple choice ★ (draft)</strong> · '
        f'<a href="{url}?show={tf.pk}#g-{mc.pk}" data-variant="{tf.pk}">True/false ★ (draft)</a>'
    ) in content
    # Every variant is on the page for the switch in place, the others hidden.
    assert f'class="qg-variant" data-panel="{mc.pk}">' in content
    assert f'class="qg-variant" data-panel="{tf.pk}" hidden>' in content
    assert f'class="qg-variant" data-panel="{reviewed["fill"].pk}" hidden>' in content
    assert '<script src="/static/quizgen/review-variants.js"></script>' in content


def test_switching_the_kind_shows_that_variant(teacher_client, reviewed):
    response = teacher_client.get(_url(reviewed["document"]), {"show": reviewed["tf"].pk})
    assert response.context["rows"][0]["group"].current == reviewed["tf"]


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve", Question.Status.APPROVED, quizgen_admin.QUESTION_APPROVED_SHORT),
        ("reject", Question.Status.REJECTED, quizgen_admin.QUESTION_REJECTED_SHORT),
    ],
)
def test_approve_and_reject_in_place(teacher_client, reviewed, action, status, message):
    tf = reviewed["tf"]
    url = _url(reviewed["document"])
    response = teacher_client.post(
        url, {"question": tf.pk, "do": action, "group": f"g-{reviewed['mc'].pk}"}
    )
    assert response["Location"] == f"{url}?show={tf.pk}#g-{reviewed['mc'].pk}"
    tf.refresh_from_db()
    assert tf.status == status
    page = teacher_client.get(response["Location"])
    assert _messages(page) == [message]


def test_a_question_in_a_published_quiz_is_not_rejected(teacher_client, teacher, reviewed):
    mc = reviewed["mc"]
    quiz = QuizFactory(owner=teacher, title="Live", is_published=True)
    QuizQuestionFactory(quiz=quiz, question=mc)
    response = teacher_client.post(
        _url(reviewed["document"]), {"question": mc.pk, "do": "reject"}, follow=True
    )
    assert _messages(response) == [services.QUESTION_IN_PUBLISHED_QUIZ.format(quiz="Live")]
    mc.refresh_from_db()
    assert mc.status == Question.Status.DRAFT


def test_rewording_in_place_is_an_edit(teacher_client, reviewed):
    mc = reviewed["mc"]
    response = teacher_client.post(
        _url(reviewed["document"]),
        {"question": mc.pk, "do": "prompt", "prompt": "In which year did the talks begin?"},
        follow=True,
    )
    mc.refresh_from_db()
    assert (mc.prompt, mc.edited_by_human) == ("In which year did the talks begin?", True)
    expected = (
        quizgen_admin.DEFECT_CHECK_FOUND.format(defects=", ".join(mc.defects))
        if mc.defects
        else quizgen_admin.DEFECT_CHECK_CLEAN
    )
    assert _messages(response) == [expected]


def test_another_teachers_document_is_not_reviewed(teacher_client):
    document = DocumentFactory()
    assert teacher_client.get(_url(document)).status_code == 404


def test_the_review_page_runs_a_fixed_number_of_queries(
    teacher_client, reviewed, django_assert_max_num_queries
):
    url = _url(reviewed["document"])
    teacher_client.get(url)
    with django_assert_max_num_queries(12) as few:
        teacher_client.get(url)
    for n in range(6):
        fact = FactFactory(
            document=reviewed["document"], key=f"date:extra{n}", start=200 + n, end=210 + n
        )
        question = QuestionFactory(document=reviewed["document"], source_start=fact.start)
        question.facts.add(fact)
    with django_assert_max_num_queries(len(few.captured_queries)):
        teacher_client.get(url)


# The question page


def _change(question):
    return reverse("admin:quizgen_question_change", args=[question.pk])


def _form(question) -> dict:
    data = {
        "prompt": question.prompt,
        "explanation": question.explanation,
        "difficulty": str(question.difficulty),
        "options-TOTAL_FORMS": str(len(question.options)),
        "options-INITIAL_FORMS": str(len(question.options)),
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
    }
    for index, option in enumerate(question.options):
        data[f"options-{index}-text"] = option["text"]
        if option.get("correct"):
            data[f"options-{index}-correct"] = "on"
    return data


def test_the_question_page_has_previous_next_reject_and_keys(teacher_client, reviewed):
    # The list's order: by score, best first: fill (0.95), mc (0.9), tf (0.8), place (0.7).
    mc, fill, tf = reviewed["mc"], reviewed["fill"], reviewed["tf"]
    content = teacher_client.get(_change(mc)).content.decode()
    assert f'id="qg-previous" rel="prev" href="{_change(fill)}"' in content
    assert f'id="qg-next" rel="next" href="{_change(tf)}"' in content
    assert 'value="Reject" name="_reject" id="qg-reject"' in content
    assert "quizgen/question-keys.js" in content
    response = teacher_client.post(_change(mc), {**_form(mc), "_reject": "Reject"})
    assert response["Location"] == _change(tf)  # on to the next question
    mc.refresh_from_db()
    assert mc.status == Question.Status.REJECTED


def test_a_wrong_option_is_replaced_by_another_fact_of_the_same_kind(teacher_client, reviewed):
    mc = reviewed["mc"]  # options 1975, 1979 (correct), 1983, 1988; its fact is a date
    page = teacher_client.get(_change(mc))
    assert page.context["distractor_candidates"] == ["1989", "2001"]
    assert page.context["wrong_options"] == ["1975", "1983", "1988"]
    response = teacher_client.post(
        _change(mc),
        {**_form(mc), "replace_old": "1983", "replace_new": "2001", "_replace": "Replace"},
        follow=True,
    )
    mc.refresh_from_db()
    assert [option["text"] for option in mc.options] == ["1975", "1979", "2001", "1988"]
    assert mc.correct_options == ["1979"] and mc.edited_by_human
    assert quizgen_admin.OPTION_REPLACED.format(old="1983", new="2001") in _messages(response)


def test_the_correct_option_cannot_be_replaced(teacher):
    document = DocumentFactory(owner=teacher)
    question = QuestionFactory(document=document)
    with pytest.raises(services.ValidationError) as caught:
        services.question_replace_option(question=question, editor=teacher, old="1979", new="1")
    assert caught.value.messages == [services.OPTION_TO_REPLACE_NOT_FOUND.format(option="1979")]
