"""Background generation: regeneration keeps teachers' work, a crash never half-writes."""

import dataclasses

import pytest

from quizgen import services
from quizgen.models import Document, Question

pytestmark = pytest.mark.django_db

TEXT = (
    "The committee met in Paris in 1999. It agreed on a plan that cost $4 million. "
    "In 2004, the council of Lyon approved a second plan worth $9 million. "
    "The mayor of Lyon, Gerard Collomb, said in 2006 that 300 workers had built the bridge."
)


@pytest.fixture
def generated(teacher, nlp_pipeline):
    document = services.document_ingest(owner=teacher, text=TEXT, title="Plans", enqueue=False)
    document = services.document_generate(document=document)
    assert document.status == Document.Status.READY
    assert document.questions.count() >= 4
    return document


def test_regeneration_keeps_touched_questions_adds_new_and_marks_vanished_stale(
    generated, teacher, monkeypatch
):
    questions = list(generated.questions.order_by("id"))
    approved, rejected, edited, vanished = questions[:4]
    services.question_approve(question=approved, reviewer=teacher)
    services.question_reject(question=rejected, reviewer=teacher)
    services.question_edit(question=edited, editor=teacher, prompt="Which year? (edited)")
    real_generate = services.nlp.generate_questions

    def fewer_and_one_new(extraction):
        drafts = [
            draft
            for draft in real_generate(extraction)
            if draft.fingerprint not in {q.fingerprint for q in questions[:4]}
        ]
        new = dataclasses.replace(drafts[0], prompt="A brand new question?", fingerprint="new1")
        return [*drafts, new]

    monkeypatch.setattr(services.nlp, "generate_questions", fewer_and_one_new)
    document = services.document_generate(document=generated)

    assert document.status == Document.Status.READY
    for question in (approved, rejected, edited, vanished):
        question.refresh_from_db()
    assert (approved.status, approved.stale) == (Question.Status.APPROVED, False)
    assert (rejected.status, rejected.stale) == (Question.Status.REJECTED, False)
    assert (edited.prompt, edited.edited_by_human, edited.stale) == (
        "Which year? (edited)",
        True,
        False,
    )
    assert (vanished.status, vanished.stale) == (Question.Status.DRAFT, True)
    assert document.questions.filter(fingerprint="new1", prompt="A brand new question?").exists()
    assert document.questions.count() == len(questions) + 1


def test_a_crash_while_writing_leaves_failed_and_the_earlier_questions(generated, monkeypatch):
    before = sorted(generated.questions.values_list("pk", "prompt", "stale"))
    real_apply = services._apply_draft
    calls = []

    def crash_on_third(question, draft):
        calls.append(draft)
        if len(calls) == 3:
            raise MemoryError("worker ran out of memory")
        real_apply(question, draft)

    monkeypatch.setattr(services, "_apply_draft", crash_on_third)
    monkeypatch.setattr(
        services.nlp,
        "generate_questions",
        lambda extraction: [
            dataclasses.replace(draft, prompt=draft.prompt + " (v2)", fingerprint=f"v2-{index}")
            for index, draft in enumerate(services.nlp.generate.generate_questions(extraction))
        ],
    )
    document = services.document_generate(document=generated)
    assert document.status == Document.Status.FAILED
    assert document.error_message == services.GENERATION_FAILED.format(
        reason="worker ran out of memory"
    )
    assert len(calls) == 3
    assert sorted(document.questions.values_list("pk", "prompt", "stale")) == before


def test_a_crash_on_first_generation_writes_no_question(teacher, nlp_pipeline, monkeypatch):
    document = services.document_ingest(owner=teacher, text=TEXT, title="Plans", enqueue=False)

    def crash(question, draft):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_apply_draft", crash)
    document = services.document_generate(document=document)
    assert (document.status, document.error_message) == (
        Document.Status.FAILED,
        services.GENERATION_FAILED.format(reason="disk full"),
    )
    assert document.questions.count() == 0
    assert document.facts.count() == 0


def test_regenerate_queues_again_and_refuses_while_pending(generated, monkeypatch, settings):
    from django.utils import timezone

    from quizgen.tests.factories import DocumentFactory

    document = services.document_regenerate(document=generated)
    assert document.status == Document.Status.QUEUED
    with pytest.raises(services.ValidationError) as caught:
        services.document_regenerate(document=document)
    assert caught.value.messages == [services.GENERATION_PENDING]
    # A worker killed mid-run leaves "processing"; after a while a new run is allowed.
    stuck = DocumentFactory(owner=generated.owner, status=Document.Status.PROCESSING)
    Document.objects.filter(pk=stuck.pk).update(
        updated_at=timezone.now() - services.GENERATION_STUCK_AFTER * 2
    )
    stuck.refresh_from_db()
    assert services.document_regenerate(document=stuck).status == Document.Status.QUEUED
