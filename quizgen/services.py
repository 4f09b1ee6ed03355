"""The one path for every change to documents, facts and questions."""

from __future__ import annotations

import hashlib
import logging
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quizgen import nlp
from quizgen.models import Document, Fact, Question
from quizgen.nlp.pipeline import load_pipeline
from quizgen.nlp.types import QuestionDraft

logger = logging.getLogger(__name__)

EMPTY_TEXT = "The text is empty. Paste or upload a text with at least one sentence."
TEXT_TOO_LARGE = "The text is larger than {limit} MB. Split it into smaller documents."
BINARY_TEXT = "This does not look like text. Upload a plain text, Markdown, HTML, PDF or Word file."
NOT_ENGLISH = "Quizgen reads English texts only, and this text does not look like English."
TITLE_REQUIRED = "Give the document a title."
GENERATION_FAILED = (
    "Question generation failed: {reason}. The document's questions were left as they were."
)
QUESTION_IN_PUBLISHED_QUIZ = (
    "This question is in the published quiz “{quiz}”. Unpublish the quiz before rejecting it."
)

# Common English function words; a text of any length has many of them.
_ENGLISH_MARKERS = frozenset(
    "the of and to in is that for it as was with on be by are this at from have has not "
    "or an which but their they his her its were been will would had".split()
)


def text_checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def validate_text(text: str) -> None:
    """Raise a ValidationError a teacher can act on if `text` cannot become a document."""
    if not text or not text.strip():
        raise ValidationError(EMPTY_TEXT, code="empty")
    limit = settings.QUIZGEN_MAX_TEXT_BYTES
    if len(text.encode("utf-8", errors="surrogatepass")) > limit:
        raise ValidationError(
            TEXT_TOO_LARGE.format(limit=round(limit / (1024 * 1024), 1)), code="too_large"
        )
    sample = text[:20000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if "\x00" in sample or control > len(sample) * 0.01:
        raise ValidationError(BINARY_TEXT, code="binary")
    words = [word.strip(".,;:!?\"'()“”‘’").lower() for word in sample.split()]
    words = [word for word in words if word]
    if len(words) >= 8:
        share = sum(1 for word in words if word in _ENGLISH_MARKERS) / len(words)
        if share < 0.08:
            raise ValidationError(NOT_ENGLISH, code="not_english")


@transaction.atomic
def document_ingest(
    *,
    owner: AbstractBaseUser,
    text: str,
    title: str,
    published_on: date | None = None,
    source_url: str = "",
    enqueue: bool = True,
) -> Document:
    """Save a new document, or return the owner's existing one with the same text.

    With `enqueue`, question generation is queued once the transaction commits.
    """
    validate_text(text)
    title = (title or "").strip()
    if not title:
        raise ValidationError(TITLE_REQUIRED, code="title")
    checksum = text_checksum(text)
    existing = Document.objects.filter(owner=owner, checksum=checksum).first()
    if existing is not None:
        return existing
    document = Document.objects.create(
        owner=owner,
        title=title[:300],
        text=text,
        published_on=published_on,
        source_url=source_url,
        checksum=checksum,
        status=Document.Status.QUEUED,
    )
    if enqueue:
        from quizgen.tasks import generate_document_task

        transaction.on_commit(lambda: generate_document_task.enqueue(document.pk))
    return document


def document_generate(*, document: Document) -> Document:
    """Extract facts and generate questions for `document`.

    The NLP runs outside any transaction; the results are written in one transaction, so
    a failure leaves the previous facts and questions untouched and the status failed.
    Questions a teacher has touched (approved, rejected or edited) are never changed;
    drafts that no longer come out are marked stale.
    """
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.PROCESSING, error_message=""
    )
    try:
        pipeline = load_pipeline(settings.QUIZGEN_SPACY_MODEL)
        extraction = nlp.extract_facts(
            document.text, published_on=document.published_on, title=document.title, nlp=pipeline
        )
        drafts = nlp.generate_questions(extraction)
        with transaction.atomic():
            _save_generation(document=document, extraction=extraction, drafts=drafts)
            Document.objects.filter(pk=document.pk).update(
                status=Document.Status.READY, error_message="", updated_at=timezone.now()
            )
    except Exception as error:  # noqa: BLE001 - any failure must end as a visible status
        logger.exception("Generation failed for document %s", document.pk)
        Document.objects.filter(pk=document.pk).update(
            status=Document.Status.FAILED,
            error_message=GENERATION_FAILED.format(reason=str(error) or type(error).__name__),
        )
    document.refresh_from_db()
    return document


def _save_generation(
    *, document: Document, extraction: nlp.Extraction, drafts: list[QuestionDraft]
) -> None:
    existing_facts = {fact.key: fact for fact in document.facts.all()}
    facts_by_key: dict[str, Fact] = {}
    for fact in extraction.facts:
        values = {
            "kind": fact.kind,
            "text": fact.text,
            "start": fact.start,
            "end": fact.end,
            "sentence": fact.sentence.text,
            "sentence_start": fact.sentence.start,
            "sentence_end": fact.sentence.end,
            "value": fact.value,
            "label": fact.label,
            "confidence": fact.confidence,
            "details": fact.details(),
        }
        saved = existing_facts.get(fact.key)
        if saved is None:
            saved = Fact(document=document, key=fact.key, **values)
        else:
            for name, value in values.items():
                setattr(saved, name, value)
        saved.save()
        facts_by_key[fact.key] = saved
    stale_fact_ids = [fact.pk for key, fact in existing_facts.items() if key not in facts_by_key]
    Fact.objects.filter(pk__in=stale_fact_ids, questions__isnull=True).delete()

    existing = {question.fingerprint: question for question in document.questions.all()}
    produced: set[str] = set()
    for draft in drafts:
        produced.add(draft.fingerprint)
        question = existing.get(draft.fingerprint)
        if question is not None and (
            question.status != Question.Status.DRAFT or question.edited_by_human
        ):
            continue
        if question is None:
            question = Question(document=document, fingerprint=draft.fingerprint)
        _apply_draft(question, draft)
        question.save()
        question.facts.set([facts_by_key[key] for key in draft.fact_keys if key in facts_by_key])
    Question.objects.filter(
        document=document, status=Question.Status.DRAFT, edited_by_human=False
    ).exclude(fingerprint__in=produced).update(stale=True)


def _apply_draft(question: Question, draft: QuestionDraft) -> None:
    """Copy a generated draft onto its Question row in the shapes scoring and the pages read.

    Multiple choice and true/false keep their options with one correct; ordering and
    matching keep the display order in `options` (none marked correct) and the solution in
    `answer`; numeric keeps {value, tolerance, unit, display} in `answer` and the tolerance
    in its own column too.
    """
    question.kind = draft.kind
    question.prompt = draft.prompt
    question.options = [{"text": text, "correct": bool(correct)} for text, correct in draft.options]
    question.accepted_answers = list(draft.accepted_answers)
    answer = draft.answer
    if isinstance(answer, tuple):
        answer = [list(item) if isinstance(item, tuple) else item for item in answer]
    question.answer = answer
    question.tolerance = (
        float(answer["tolerance"])
        if isinstance(answer, dict) and answer.get("tolerance") is not None
        else None
    )
    question.explanation = draft.explanation
    question.source_sentence = draft.source_sentence.text
    question.source_start = draft.source_sentence.start
    question.source_end = draft.source_sentence.end
    question.score = draft.score
    question.difficulty = draft.difficulty
    question.recommended = draft.recommended
    question.defects = list(draft.defects)
    question.fingerprint = draft.fingerprint[:64]
    question.stale = False


@transaction.atomic
def question_approve(*, question: Question, reviewer: AbstractBaseUser) -> Question:
    question.status = Question.Status.APPROVED
    question.reviewed_by = reviewer
    question.reviewed_at = timezone.now()
    question.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    return question


@transaction.atomic
def question_reject(*, question: Question, reviewer: AbstractBaseUser) -> Question:
    published = question.quizzes.filter(is_published=True).first()
    if published is not None:
        raise ValidationError(
            QUESTION_IN_PUBLISHED_QUIZ.format(quiz=published.title), code="in_published_quiz"
        )
    question.status = Question.Status.REJECTED
    question.reviewed_by = reviewer
    question.reviewed_at = timezone.now()
    question.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    return question


@transaction.atomic
def questions_approve_recommended(
    *, document: Document, reviewer: AbstractBaseUser, limit: int | None = None
) -> list[Question]:
    """Approve the document's recommended, defect-free drafts, best first."""
    candidates = [
        question
        for question in document.questions.filter(
            status=Question.Status.DRAFT, recommended=True, stale=False
        ).order_by("-score", "id")
        if not question.defects
    ]
    if limit is not None:
        candidates = candidates[:limit]
    return [question_approve(question=question, reviewer=reviewer) for question in candidates]
