"""The one path for every change to learning modules, their flashcards and students' progress."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from fsrs import Card

from learning import services as learning_services
from learning.models import ReviewItem
from modules import materials
from modules.models import Flashcard, Module, ModuleDocument, ModuleProgress
from quizgen.models import Document, Fact

MODULE_NO_DOCUMENTS = "A module needs at least one document before it can be published."
MODULE_DOCUMENT_NOT_READY = "These documents are not ready yet: {documents}."
MODULE_NEEDS_QUIZ = "The completion rule “{rule}” needs a quiz: choose the module's quiz first."
MODULE_QUIZ_NOT_PUBLISHED = "Publish the quiz “{quiz}” before the module that uses it."
MODULE_NOT_PUBLISHED = "This module is not published yet."
FLASHCARD_NOT_IN_MODULE = "That flashcard is not part of this module."
FLASHCARD_UNAVAILABLE = "That flashcard is no longer part of the module."
FLASHCARDS_SWITCHED_OFF = "Flashcards are switched off for this module."

# Review items that are flashcards, filtered by a join rather than by a cached content type
# lookup, so that a page's query count does not depend on the cache being warm.
FLASHCARD_ITEMS = Q(content_type__app_label="modules", content_type__model="flashcard")


@transaction.atomic
def module_create(
    *,
    owner: AbstractBaseUser,
    title: str,
    documents: Sequence[Document] = (),
    **settings,
) -> Module:
    module = Module(owner=owner, title=title, **settings)
    module.full_clean(exclude=["documents"])
    module.save()
    module_set_documents(module=module, documents=documents)
    return module


@transaction.atomic
def module_save(*, module: Module) -> Module:
    """Save a module's own fields (the admin's form); documents are set separately."""
    module.full_clean(exclude=["documents"])
    module.save()
    return module


@transaction.atomic
def module_set_documents(*, module: Module, documents: Sequence[Document]) -> Module:
    """Make `documents` the module's documents, in this order, and rebuild the flashcards."""
    wanted = [document.pk for document in documents]
    ModuleDocument.objects.filter(module=module).exclude(document_id__in=wanted).delete()
    existing = {row.document_id: row for row in ModuleDocument.objects.filter(module=module)}
    for position, document_id in enumerate(wanted, start=1):
        row = existing.get(document_id)
        if row is None:
            ModuleDocument.objects.create(module=module, document_id=document_id, position=position)
        elif row.position != position:
            row.position = position
            row.save(update_fields=["position"])
    return module_build(module=module)


@transaction.atomic
def module_build(*, module: Module) -> Module:
    """(Re)generate the module's flashcards from its documents' facts.

    A card follows its fact by `fact_key`, so the teacher's overrides on a card and the
    teacher's correction or hiding of a fact survive a regeneration of the document. Cards
    whose fact is gone or no longer usable are marked stale and leave students' queues.
    """
    document_ids = list(
        ModuleDocument.objects.filter(module=module)
        .order_by("position", "id")
        .values_list("document_id", flat=True)
    )
    order = {document_id: index for index, document_id in enumerate(document_ids)}
    facts = sorted(
        Fact.objects.filter(document_id__in=document_ids),
        key=lambda fact: (order[fact.document_id], fact.start, fact.pk),
    )
    cards = {card.fact_key: card for card in Flashcard.objects.filter(module=module)}
    seen: set[str] = set()
    position = 0
    for fact in facts:
        if not materials.flashcard_eligible(fact):
            continue
        key = materials.fact_key(fact)
        if key in seen:
            continue
        seen.add(key)
        position += 1
        card = cards.get(key)
        if card is None:
            Flashcard.objects.create(module=module, fact=fact, fact_key=key, position=position)
        elif card.fact_id != fact.pk or card.position != position or card.stale:
            card.fact = fact
            card.position = position
            card.stale = False
            card.save(update_fields=["fact", "position", "stale", "updated_at"])
    gone = [card.pk for key, card in cards.items() if key not in seen and not card.stale]
    if gone:
        Flashcard.objects.filter(pk__in=gone).update(stale=True, updated_at=timezone.now())
        ReviewItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Flashcard), object_id__in=gone
        ).delete()
    module.built_at = timezone.now()
    Module.objects.filter(pk=module.pk).update(built_at=module.built_at)
    return module


def module_build_if_outdated(*, module: Module, documents: Iterable[Document]) -> bool:
    """Rebuild when a document changed (was regenerated) after the last build."""
    latest = max((document.updated_at for document in documents), default=None)
    if latest is not None and (module.built_at is None or latest > module.built_at):
        module_build(module=module)
        return True
    return False


@transaction.atomic
def module_publish(*, module: Module) -> Module:
    documents = list(module.documents.all())
    if not documents:
        raise ValidationError(MODULE_NO_DOCUMENTS, code="no_documents")
    not_ready = [document for document in documents if document.status != Document.Status.READY]
    if not_ready:
        raise ValidationError(
            MODULE_DOCUMENT_NOT_READY.format(
                documents="; ".join(f"“{document.title}”" for document in not_ready)
            ),
            code="documents_not_ready",
        )
    if module.needs_quiz and module.quiz is None:
        raise ValidationError(
            MODULE_NEEDS_QUIZ.format(rule=module.get_completion_rule_display()), code="needs_quiz"
        )
    if module.quiz is not None and not module.quiz.is_published:
        raise ValidationError(
            MODULE_QUIZ_NOT_PUBLISHED.format(quiz=module.quiz.title), code="quiz_not_published"
        )
    module_build(module=module)
    module.is_published = True
    module.published_at = module.published_at or timezone.now()
    Module.objects.filter(pk=module.pk).update(
        is_published=True, published_at=module.published_at, updated_at=timezone.now()
    )
    return module


@transaction.atomic
def module_unpublish(*, module: Module) -> Module:
    module.is_published = False
    Module.objects.filter(pk=module.pk).update(is_published=False, updated_at=timezone.now())
    return module


ACTOR_LABELS = ("person", "organisation", "country", "group", "place")
FACT_LABEL_INVALID = "Only a name (who) has a kind to correct, one of: {labels}."


@transaction.atomic
def fact_update(
    *, fact: Fact, hidden: bool, corrected_text: str, corrected_label: str | None = None
) -> Fact:
    """A teacher hides a fact, corrects its wording or (for an actor) its kind; every module
    that shows it follows. `corrected_label` None leaves the kind as it was; "" restores the
    extracted one.

    Document regeneration keeps these fields (facts are upserted by key), so the change lasts.
    """
    corrected_text = corrected_text.strip()
    label = fact.corrected_label if corrected_label is None else corrected_label.strip()
    if label == fact.label:
        label = ""
    if label and (fact.kind != Fact.Kind.ACTOR or label not in ACTOR_LABELS):
        raise ValidationError(
            FACT_LABEL_INVALID.format(labels=", ".join(ACTOR_LABELS)), code="label"
        )
    if (fact.hidden, fact.corrected_text, fact.corrected_label) == (
        hidden,
        corrected_text,
        label,
    ):
        return fact
    fact.hidden = hidden
    fact.corrected_text = corrected_text
    fact.corrected_label = label
    fact.save(update_fields=["hidden", "corrected_text", "corrected_label"])
    for module in Module.objects.filter(module_documents__document_id=fact.document_id):
        module_build(module=module)
    return fact


@transaction.atomic
def flashcard_update(*, flashcard: Flashcard, front_override: str, back_override: str) -> Flashcard:
    flashcard.front_override = front_override.strip()
    flashcard.back_override = back_override.strip()
    flashcard.save(update_fields=["front_override", "back_override", "updated_at"])
    return flashcard


# Students ---------------------------------------------------------------------------------


def module_start(
    *,
    module: Module,
    student: AbstractBaseUser,
    card_ids: Collection[int] | None = None,
    now: datetime | None = None,
) -> tuple[ModuleProgress, dict[int, tuple]]:
    """Record that the student opened the module and queue the flashcards they lack.

    Returns the progress row and the review state of every card of the module queued for the
    student (card id -> (due, FSRS card, review count)), which the study page reuses.
    `card_ids` are the module's usable cards when the caller has them already.
    """
    moment = now or timezone.now()
    with transaction.atomic():
        progress, _ = ModuleProgress.objects.get_or_create(
            module=module, student=student, defaults={"started_at": moment}
        )
        states = (
            flashcards_enqueue(module=module, student=student, card_ids=card_ids, now=moment)
            if module.show_flashcards
            else {}
        )
    return progress, states


def flashcards_enqueue(
    *,
    module: Module,
    student: AbstractBaseUser,
    card_ids: Collection[int] | None = None,
    now: datetime | None = None,
) -> dict[int, tuple]:
    """Put the module's cards the student lacks in their FSRS queue, due now.

    They are inserted in one statement (with the initial card state that
    learning.services.review_item_add gives) so that a first visit costs the same number of
    queries whatever the number of cards. Returns card id -> (due, FSRS card, review count).
    """
    moment = now or timezone.now()
    if card_ids is None:
        card_ids = Flashcard.objects.filter(
            module=module, stale=False, fact__hidden=False
        ).values_list("pk", flat=True)
    card_ids = set(card_ids)
    states = {
        card_id: (due, card_state, count)
        for card_id, due, card_state, count in ReviewItem.objects.filter(
            FLASHCARD_ITEMS, student=student, object_id__in=card_ids
        ).values_list("object_id", "due", "card", "review_count")
    }
    missing = sorted(card_ids - set(states))
    if missing:
        # Looked up directly rather than through the content type cache, so this first visit
        # always costs the same queries.
        content_type = ContentType.objects.get(app_label="modules", model="flashcard")
        new_items = [
            ReviewItem(
                student=student,
                source=ReviewItem.Source.FLASHCARD,
                content_type=content_type,
                object_id=card_id,
                card=Card(due=moment).to_dict(),
                due=moment,
            )
            for card_id in missing
        ]
        ReviewItem.objects.bulk_create(new_items, ignore_conflicts=True)
        for item in new_items:
            states[item.object_id] = (item.due, item.card, 0)
    return states


def flashcard_review(
    *,
    module: Module,
    flashcard: Flashcard,
    student: AbstractBaseUser,
    rating: int,
    now: datetime | None = None,
) -> ReviewItem:
    """Record the student's rating of one flashcard and reschedule it with FSRS."""
    if flashcard.module_id != module.pk:
        raise ValidationError(FLASHCARD_NOT_IN_MODULE, code="not_in_module")
    if not module.show_flashcards:
        raise ValidationError(FLASHCARDS_SWITCHED_OFF, code="switched_off")
    if flashcard.stale or flashcard.fact is None or flashcard.fact.hidden:
        raise ValidationError(FLASHCARD_UNAVAILABLE, code="unavailable")
    moment = now or timezone.now()
    with transaction.atomic():
        ModuleProgress.objects.get_or_create(
            module=module, student=student, defaults={"started_at": moment}
        )
        item = _queued(student, flashcard) or learning_services.review_item_add(
            student=student, item=flashcard, source=ReviewItem.Source.FLASHCARD, now=moment
        )
        return learning_services.review_record(review_item=item, rating=rating, now=moment)


def _queued(student: AbstractBaseUser, flashcard: Flashcard) -> ReviewItem | None:
    return ReviewItem.objects.filter(
        FLASHCARD_ITEMS, student=student, object_id=flashcard.pk
    ).first()


def module_progress_record_completion(
    *, progress: ModuleProgress | None, completed: bool, now: datetime | None = None
) -> None:
    """Keep the moment the completion rule was first met."""
    if progress is not None and completed and progress.completed_at is None:
        progress.completed_at = now or timezone.now()
        ModuleProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
            completed_at=progress.completed_at
        )
