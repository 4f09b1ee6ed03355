"""Making a quiz in a minute: the selection rule and the one-step create (and publish)."""

import pytest
from django.core.exceptions import ValidationError

from learning import services
from learning.models import Quiz
from quizgen.models import Question
from quizgen.tests.factories import DocumentFactory, FactFactory, QuestionFactory, TeacherFactory

pytestmark = pytest.mark.django_db


def _question(document, fact, *, kind="multiple_choice", status="draft", **fields):
    if kind == "multiple_choice":
        answer = fields.pop("answer", "1979")
        fields.setdefault(
            "options",
            [{"text": answer, "correct": True}, {"text": "1411", "correct": False}],
        )
        fields.setdefault("accepted_answers", [answer])
    elif kind == "true_false":
        fields.setdefault(
            "options", [{"text": "True", "correct": True}, {"text": "False", "correct": False}]
        )
        fields.setdefault("accepted_answers", [])
    else:
        fields.setdefault("options", [])
        fields.setdefault("accepted_answers", [fields.pop("answer", "1979")])
    question = QuestionFactory(document=document, kind=kind, status=status, **fields)
    if fact is not None:
        question.facts.add(fact)
    return question


@pytest.fixture
def document():
    return DocumentFactory(owner=TeacherFactory(username="ms-quick"))


def _facts(document, count):
    return [FactFactory(document=document, key=f"fact:{n}") for n in range(count)]


def test_one_question_per_fact_none_giving_another_away(document):
    f1, f2, f3, f4, f5, f6 = _facts(document, 6)
    approved = _question(
        document, f1, status="approved", score=0.6, source_start=10, prompt="When did it end?"
    )
    _question(document, f1, kind="true_false", score=0.95, prompt="It ended in 1979.")
    blank = _question(
        document,
        f2,
        kind="fill_blank",
        score=0.85,
        answer="Kabul",
        source_start=30,
        prompt="The talks took place in ____.",
    )
    # Its prompt holds the fill-in's answer, "Kabul".
    _question(
        document, f3, kind="short_answer", score=0.8, answer="Ada", prompt="Who flew to Kabul?"
    )
    later = _question(
        document, f4, score=0.7, answer="Moscow", source_start=20, prompt="Where was it signed?"
    )
    _question(document, f5, status="rejected", score=0.99, prompt="Rejected?")
    _question(document, f5, score=0.99, stale=True, prompt="Stale?")
    _question(document, f5, score=0.99, defects=["answer_in_prompt"], prompt="Defective?")
    _question(document, f6, score=0.99, recommended=False, prompt="Not recommended?")
    picked = services.quiz_pick_questions(documents=[document], count=3)
    # In the text's order; the approved one first chosen, then a fill-in (a new kind); the
    # draft that is not recommended only when these are too few.
    assert picked == [approved, later, blank]


def test_too_few_recommended_questions_are_topped_up_from_the_other_drafts(document):
    f1, f2, f3, f4 = _facts(document, 4)
    recommended = _question(document, f1, score=0.5, answer="1979", prompt="When?")
    # Another recommended one on the same fact: it cannot join, so it does not count.
    _question(document, f1, kind="true_false", score=0.4, prompt="It was 1979.")
    best = _question(
        document, f2, recommended=False, score=0.9, answer="Kabul", prompt="Where?", source_start=5
    )
    # Not recommended either, and its prompt shows the answer of the one above: left out.
    _question(document, f3, recommended=False, score=0.8, answer="Ada", prompt="Who in Kabul?")
    other = _question(
        document,
        f4,
        kind="fill_blank",
        recommended=False,
        score=0.3,
        answer="Oslo",
        prompt="Signed in ____.",
        source_start=9,
    )
    _question(document, f4, recommended=False, defects=["answer_in_prompt"], prompt="Bad?")
    candidates = services.quiz_candidates(documents=[document])
    picked = services.quiz_pick_questions(documents=[document], count=10)
    assert picked == [recommended, best, other]
    services.quiz_selection_check(questions=picked)
    assert services.quiz_pick_summary(picked=picked, candidates=candidates, count=10) == [
        "3 of the 10 questions asked for were found.",
        "Only 1 approved or recommended questions are on distinct facts, so 2 more were drawn "
        "from the document's other questions without defects.",
        "Fewer than asked: the document's questions without defects are about 4 distinct "
        "facts, and a quiz asks about each fact once.",
    ]
    assert services.quiz_pick_summary(picked=picked[:2], candidates=candidates, count=2) == [
        "2 of the 2 questions asked for were found.",
        "Only 1 approved or recommended questions are on distinct facts, so 1 more were drawn "
        "from the document's other questions without defects.",
    ]


def test_fewer_than_asked_because_of_give_aways_says_so(document):
    facts = _facts(document, 3)
    _question(document, facts[0], kind="fill_blank", answer="Kabul", prompt="In ____.")
    # Each of these shows the fill-in's answer: the pick keeps these two, which rule out one.
    asking = [
        _question(document, fact, answer="Ada", prompt=f"Who went to Kabul ({n})?", source_start=n)
        for n, fact in enumerate(facts[1:], start=1)
    ]
    candidates = services.quiz_candidates(documents=[document])
    picked = services.quiz_pick_questions(documents=[document], count=3)
    assert picked == asking
    assert services.quiz_pick_summary(picked=picked, candidates=candidates, count=3) == [
        "2 of the 3 questions asked for were found.",
        services.QUIZ_PICK_FEW_CLASHES,
    ]


def test_kinds_are_mixed_before_the_score_decides(document):
    facts = _facts(document, 5)
    mc = [
        _question(document, facts[n], score=score, answer=f"{1900 + n}", prompt=f"Q{n}?")
        for n, score in enumerate((0.9, 0.85, 0.8))
    ]
    tf = [
        _question(document, facts[3 + n], kind="true_false", score=score, prompt=f"S{n}.")
        for n, score in enumerate((0.5, 0.4))
    ]
    picked = services.quiz_pick_questions(documents=[document], count=4)
    assert sorted(q.pk for q in picked) == sorted([mc[0].pk, mc[1].pk, tf[0].pk, tf[1].pk])


def test_the_count_is_a_ceiling(document):
    facts = _facts(document, 4)
    for n, fact in enumerate(facts):
        _question(document, fact, answer=f"{1900 + n}", prompt=f"Question {n}?", score=0.9 - n / 10)
    assert len(services.quiz_pick_questions(documents=[document], count=2)) == 2
    assert len(services.quiz_pick_questions(documents=[document], count=10)) == 4


def test_creating_approves_the_recommended_drafts_and_publishes(document):
    f1, f2 = _facts(document, 2)
    draft = _question(document, f1, answer="1979", prompt="When?")
    approved = _question(document, f2, status="approved", answer="Kabul", prompt="Where?")
    quiz = services.quiz_create_from_selection(
        owner=document.owner, title="Quick", questions=[draft, approved], publish=True
    )
    draft.refresh_from_db()
    assert (draft.status, draft.reviewed_by) == (Question.Status.APPROVED, document.owner)
    assert quiz.is_published
    assert list(quiz.questions.order_by("quiz_entries__position")) == [draft, approved]


def test_two_questions_on_one_fact_are_refused_naming_them(document):
    (fact,) = _facts(document, 1)
    first = _question(document, fact, answer="1979", prompt="When?")
    second = _question(document, fact, kind="true_false", prompt="It was 1411.")
    with pytest.raises(ValidationError) as caught:
        services.quiz_create_from_selection(
            owner=document.owner, title="Quick", questions=[first, second]
        )
    assert caught.value.messages == [
        services.QUIZ_PICK_SAME_FACT.format(questions=services._describe([first, second]))
    ]
    assert (Quiz.objects.count(), first.status) == (0, Question.Status.DRAFT)


def test_a_prompt_holding_another_answer_is_refused(document):
    f1, f2 = _facts(document, 2)
    asked = _question(document, f1, kind="fill_blank", answer="Kabul", prompt="Talks in ____.")
    giver = _question(document, f2, answer="Ada", prompt="Who flew to Kabul?")
    with pytest.raises(ValidationError) as caught:
        services.quiz_create_from_selection(
            owner=document.owner, title="Quick", questions=[asked, giver]
        )
    assert caught.value.messages == [
        services.QUIZ_PICK_GIVES_AWAY.format(giver=giver.pk, prompt=giver.prompt, given=asked.pk)
    ]


def test_rejected_questions_are_refused(document):
    (fact,) = _facts(document, 1)
    rejected = _question(document, fact, status="rejected")
    with pytest.raises(ValidationError) as caught:
        services.quiz_create_from_selection(
            owner=document.owner, title="Quick", questions=[rejected]
        )
    assert caught.value.messages == [
        services.QUIZ_PICK_NOT_OFFERED.format(questions=services._describe([rejected]))
    ]
    with pytest.raises(ValidationError) as caught:
        services.quiz_create_from_selection(owner=document.owner, title="Quick", questions=[])
    assert caught.value.messages == [services.QUIZ_PICK_EMPTY]


@pytest.mark.parametrize(
    ("prompt", "answer", "gives_away"),
    [
        ("Who flew to Kabul?", "Kabul", True),
        ("Who flew to Kabul's airport?", "Kabul", True),
        ("Who flew to Kabulistan?", "Kabul", False),
        ("What happened in 1979?", "1979", True),
        ("What happened in 19790?", "1979", False),
    ],
)
def test_a_give_away_is_the_answer_as_whole_words(document, prompt, answer, gives_away):
    f1, f2 = _facts(document, 2)
    asked = _question(document, f1, kind="fill_blank", answer=answer, prompt="____ it was.")
    giver = _question(document, f2, answer="Ada", prompt=prompt)
    assert services.question_gives_away(giver=giver, given=asked) is gives_away


def test_the_teacher_previews_the_quiz_as_a_student_sees_it(client, document):
    from django.urls import reverse

    from learning.models import Attempt

    (fact,) = _facts(document, 1)
    question = _question(
        document, fact, status="approved", answer="1979", prompt="When did it start?"
    )
    question.explanation = "The text says it started in 1979."
    question.save()
    quiz = services.quiz_create(owner=document.owner, title="Preview me", questions=[question])
    client.force_login(document.owner)
    page = client.get(reverse("learning:teach_quiz_preview", args=[quiz.pk])).content.decode()
    assert "1. When did it start?" in page
    assert 'value="1979"' in page and 'value="1411"' in page  # the choices, unmarked
    assert "The text says" not in page and "correct" not in page
    assert "<fieldset disabled" in page
    assert Attempt.objects.count() == 0
    admin_page = client.get(reverse("admin:learning_quiz_change", args=[quiz.pk])).content.decode()
    assert reverse("learning:teach_quiz_preview", args=[quiz.pk]) in admin_page
    client.force_login(TeacherFactory(username="someone-else"))
    assert client.get(reverse("learning:teach_quiz_preview", args=[quiz.pk])).status_code == 404
