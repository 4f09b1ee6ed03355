from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from classes.tests.factories import assign
from learning import selectors as learning_selectors
from learning import services as learning_services
from learning.models import Attempt, ReviewItem, ReviewLog
from learning.tests.factories import QuizFactory
from modules import materials, selectors, services
from modules.models import Flashcard, Module
from modules.selectors import Status
from modules.tests.factories import document_with_facts, module_with_towns
from quizgen import services as quizgen_services
from quizgen.models import Fact
from quizgen.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db

BRIDGE = (
    "The Harbour Bridge opened in 1932 after eight years of work. "
    "Engineers repainted the bridge in 1998, and the city added a cycle lane in 2011."
)
TUNNEL = (
    "Workers began digging the Harbour Tunnel in 1950. "
    "The tunnel carried its first trains in 1965 and closed for repairs in 2003."
)


def _generated(teacher, text: str, title: str):
    document = quizgen_services.document_ingest(
        owner=teacher, text=text, title=title, enqueue=False
    )
    return quizgen_services.document_generate(document=document)


def test_a_timeline_over_two_documents_merges_both_in_order(client, teacher, nlp_pipeline):
    bridge = _generated(teacher, BRIDGE, "The bridge")
    tunnel = _generated(teacher, TUNNEL, "The tunnel")
    module = services.module_create(
        owner=teacher,
        title="Harbour",
        documents=[bridge, tunnel],
        completion_rule=Module.CompletionRule.FLASHCARDS,
    )
    services.module_publish(module=module)
    documents = selectors.module_documents(module=module)
    timeline = materials.timeline(documents, selectors.module_facts(documents=documents))
    assert [(entry.when, entry.document.title) for entry in timeline] == [
        ("1932", "The bridge"),
        ("1950", "The tunnel"),
        ("1965", "The tunnel"),
        ("1998", "The bridge"),
        ("2003", "The tunnel"),
        ("2011", "The bridge"),
    ]
    client.force_login(teacher)
    body = client.get(reverse("modules:study", args=[module.pk])).content.decode()
    timeline_html = body[body.index('id="timeline-heading"') : body.index('id="figures-heading"')]
    positions = [
        timeline_html.index(f'<span class="when">{year}</span>')
        for year in ("1932", "1950", "1965", "1998", "2003", "2011")
    ]
    assert positions == sorted(positions)
    # Each entry links to its sentence in the reading view.
    first = timeline[0]
    assert f'href="#{first.anchor}"' in timeline_html
    assert f'id="{first.anchor}"' in body


def test_a_teachers_correction_survives_regeneration_and_shows_everywhere(
    client, teacher, student, nlp_pipeline
):
    bridge = _generated(teacher, BRIDGE, "The bridge")
    module = services.module_create(
        owner=teacher,
        title="Harbour",
        documents=[bridge],
        completion_rule=Module.CompletionRule.FLASHCARDS,
    )
    services.module_publish(module=module)
    assign(module, student)
    fact = bridge.facts.get(kind=Fact.Kind.DATE, text="1998")
    services.fact_update(fact=fact, hidden=False, corrected_text="late 1998")
    hidden = bridge.facts.get(kind=Fact.Kind.DATE, text="2011")
    services.fact_update(fact=hidden, hidden=True, corrected_text="")

    quizgen_services.document_generate(document=bridge)

    fact.refresh_from_db()
    hidden.refresh_from_db()
    assert (fact.corrected_text, fact.hidden) == ("late 1998", False)
    assert hidden.hidden is True
    client.force_login(student)
    body = client.get(reverse("modules:study", args=[module.pk])).content.decode()
    assert '<span class="when">late 1998</span>' in body
    assert "<dt>Teacher&#x27;s wording</dt><dd>late 1998</dd>" in body
    assert '<span class="when">2011</span>' not in body
    card = Flashcard.objects.get(module=module, fact=fact)
    assert card.back == "late 1998"
    assert Flashcard.objects.get(module=module, fact=hidden).front  # kept for the teacher
    shown = selectors.module_flashcards(module=module)
    assert card in shown and all(shown_card.fact_id != hidden.pk for shown_card in shown)


def test_hiding_a_fact_takes_its_card_out_of_students_queues(student):
    module = module_with_towns(assigned_to=[student], towns=2)
    services.module_start(module=module, student=student)
    assert ReviewItem.objects.filter(student=student).count() == 6
    fact = Fact.objects.get(text="1900")
    services.fact_update(fact=fact, hidden=True, corrected_text="")
    assert ReviewItem.objects.filter(student=student).count() == 5
    assert Flashcard.objects.get(fact=fact).stale is True
    services.fact_update(fact=fact, hidden=False, corrected_text="")
    services.module_start(module=module, student=student)
    assert ReviewItem.objects.filter(student=student).count() == 6


def test_rebuilding_keeps_cards_and_teacher_wording():
    module = module_with_towns(towns=3)
    card = module.flashcards.order_by("position").first()
    services.flashcard_update(flashcard=card, front_override="In which year?", back_override="")
    ids = sorted(module.flashcards.values_list("pk", flat=True))
    services.module_build(module=module)
    assert sorted(module.flashcards.values_list("pk", flat=True)) == ids
    card.refresh_from_db()
    assert card.front == "In which year?"
    assert module.flashcards.count() == 9


def test_flashcards_are_scheduled_with_fsrs_as_time_moves_forward(student):
    module = module_with_towns(assigned_to=[student], towns=2)
    now = timezone.now()
    mistake = QuestionFactory()
    learning_services.review_item_add(
        student=student, item=mistake, source=ReviewItem.Source.MISTAKE, now=now
    )
    services.module_start(module=module, student=student, now=now)
    # One queue: the quiz mistake and the six flashcards are all due today.
    assert learning_selectors.review_items_due(student=student, now=now).count() == 7
    due = selectors.flashcards_due(module=module, student=student, now=now)
    assert len(due) == 6
    cards = [card for _, card in due]
    services.flashcard_review(
        module=module, flashcard=cards[0], student=student, rating=ReviewLog.Rating.GOOD, now=now
    )
    services.flashcard_review(
        module=module, flashcard=cards[1], student=student, rating=ReviewLog.Rating.AGAIN, now=now
    )
    assert len(selectors.flashcards_due(module=module, student=student, now=now)) == 4
    # "Again" brings a card back within minutes, "Good" later.
    soon = now + timedelta(minutes=2)
    due_soon = [
        card for _, card in selectors.flashcards_due(module=module, student=student, now=soon)
    ]
    assert cards[1] in due_soon and cards[0] not in due_soon
    item = ReviewItem.objects.get(student=student, object_id=cards[0].pk, source="flashcard")
    assert now + timedelta(minutes=5) <= item.due <= now + timedelta(days=1)
    tomorrow = now + timedelta(days=1)
    assert len(selectors.flashcards_due(module=module, student=student, now=tomorrow)) == 6
    # Reviewed Good again a day later: FSRS moves it days ahead.
    services.flashcard_review(
        module=module,
        flashcard=cards[0],
        student=student,
        rating=ReviewLog.Rating.GOOD,
        now=tomorrow,
    )
    item.refresh_from_db()
    assert item.due >= tomorrow + timedelta(days=1)
    assert item.review_count == 2
    summary = selectors.module_progress_for_student(module=module, student=student, now=tomorrow)
    assert (summary.cards_total, summary.cards_reviewed, summary.cards_due) == (6, 2, 5)
    assert 0 < summary.retention < 1
    assert summary.status == Status.STUDYING


def test_a_rating_outside_one_to_four_is_refused(student):
    module = module_with_towns(assigned_to=[student], towns=1)
    card = module.flashcards.first()
    with pytest.raises(ValidationError) as error:
        services.flashcard_review(module=module, flashcard=card, student=student, rating=5)
    assert error.value.messages == [learning_services.INVALID_RATING]


def test_a_card_of_another_module_is_refused(student):
    module = module_with_towns(assigned_to=[student], towns=1)
    other = module_with_towns(assigned_to=[student], towns=1)
    with pytest.raises(ValidationError) as error:
        services.flashcard_review(
            module=module, flashcard=other.flashcards.first(), student=student, rating=3
        )
    assert error.value.messages == [services.FLASHCARD_NOT_IN_MODULE]


def _pass_quiz(quiz, student, *, passed=True, percent=80.0):
    return Attempt.objects.create(
        quiz=quiz,
        student=student,
        number=Attempt.objects.filter(quiz=quiz, student=student).count() + 1,
        state=Attempt.State.SUBMITTED,
        started_at=timezone.now(),
        submitted_at=timezone.now(),
        score=percent / 10,
        max_score=10,
        passed=passed,
    )


@pytest.mark.parametrize(
    ("rule", "after_quiz", "after_cards"),
    [
        (Module.CompletionRule.QUIZ_PASSED, Status.COMPLETED, Status.COMPLETED),
        (Module.CompletionRule.QUIZ_AND_FLASHCARDS, Status.QUIZ_PASSED, Status.COMPLETED),
        (Module.CompletionRule.FLASHCARDS, Status.QUIZ_PASSED, Status.COMPLETED),
    ],
)
def test_the_completion_rule_decides_when_a_module_is_completed(
    student, rule, after_quiz, after_cards
):
    quiz = QuizFactory(assigned_to=[student])
    module = module_with_towns(assigned_to=[student], towns=1, quiz=quiz, completion_rule=rule)
    assert selectors.module_progress_for_student(module=module, student=student).status == (
        Status.NOT_STARTED
    )
    services.module_start(module=module, student=student)
    assert selectors.module_progress_for_student(module=module, student=student).status == (
        Status.STUDYING
    )
    _pass_quiz(quiz, student, passed=False, percent=40)
    _pass_quiz(quiz, student, passed=True, percent=70)
    summary = selectors.module_progress_for_student(module=module, student=student)
    assert (summary.status, summary.quiz_best, summary.attempts) == (after_quiz, 70.0, 2)
    for card in module.flashcards.all():
        services.flashcard_review(module=module, flashcard=card, student=student, rating=3)
    assert selectors.module_progress_for_student(module=module, student=student).status == (
        after_cards
    )


def test_publishing_checks_documents_and_quiz(teacher):
    module = services.module_create(owner=teacher, title="Empty")
    with pytest.raises(ValidationError) as error:
        services.module_publish(module=module)
    assert error.value.messages == [services.MODULE_NO_DOCUMENTS]
    services.module_set_documents(
        module=module, documents=[document_with_facts(owner=teacher, towns=1)]
    )
    with pytest.raises(ValidationError) as error:
        services.module_publish(module=module)
    assert error.value.messages == [
        services.MODULE_NEEDS_QUIZ.format(rule="Quiz passed and every flashcard reviewed once")
    ]
    module.quiz = QuizFactory(owner=teacher, is_published=False)
    services.module_save(module=module)
    with pytest.raises(ValidationError) as error:
        services.module_publish(module=module)
    assert error.value.messages == [
        services.MODULE_QUIZ_NOT_PUBLISHED.format(quiz=module.quiz.title)
    ]
    module.completion_rule = Module.CompletionRule.FLASHCARDS
    module.quiz = None
    services.module_save(module=module)
    services.module_publish(module=module)
    module.refresh_from_db()
    assert module.is_published and module.flashcards.count() == 3


def test_a_regenerated_document_rebuilds_the_cards_on_the_next_visit(client, student):
    module = module_with_towns(assigned_to=[student], towns=1)
    document = module.documents.get()
    fact = document.facts.get(kind=Fact.Kind.FIGURE)
    extra = Fact.objects.create(
        document=document,
        kind=Fact.Kind.DATE,
        key="date:0:2",
        text="In",
        start=0,
        end=2,
        sentence=fact.sentence,
        sentence_start=fact.sentence_start,
        sentence_end=fact.sentence_end,
        value="1899",
        details={"precision": "year", "vague": False, "event": "the founding"},
    )
    assert not Flashcard.objects.filter(fact=extra).exists()
    # What document_generate does when it finishes: the document's updated_at moves on.
    type(document).objects.filter(pk=document.pk).update(
        updated_at=timezone.now() + timedelta(seconds=1)
    )
    client.force_login(student)
    client.get(reverse("modules:study", args=[module.pk]))
    card = Flashcard.objects.get(fact=extra)
    # The sentence holds another date (1900), so the card asks with a blank, not the event.
    assert card.front == "Which date fills the blank? _____ 1900, Town0 counted 10 houses."
    assert ReviewItem.objects.filter(student=student, object_id=card.pk).exists()
