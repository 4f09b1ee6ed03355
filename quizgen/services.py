"""The one path for every change to documents, facts and questions."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from quizgen import nlp
from quizgen.models import Document, DocumentFile, Fact, Question
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
UPLOAD_OR_PASTE = "Upload a file or paste the text (one of the two)."
UPLOAD_NAME_REQUIRED = "The uploaded file has no name; Quizgen needs its extension to read it."
INVALID_SOURCE_URL = "The source URL is not a valid web address (it should start with https://)."
GENERATION_PENDING = (
    "Questions are already being generated for this document; wait until it is ready."
)
DUPLICATE_UPLOAD = (
    "The text of this file is already your document “{title}”; questions were not generated "
    "twice. Open that document instead (this one can be deleted)."
)
READING_FAILED = "The file could not be read ({reason}). Upload it again, or paste its text."
QUESTION_IN_PUBLISHED_QUIZ = (
    "This question is in the published quiz “{quiz}”. Unpublish the quiz before rejecting it."
)

IMPORTED_NOT_GENERATED = (
    "This question bank was imported from a file: it has no text to generate questions from."
)

GENERATION_STUCK_AFTER = timedelta(minutes=15)
# The statuses of a document whose worker job has not finished.
PENDING_STATUSES = (Document.Status.READING, Document.Status.QUEUED, Document.Status.PROCESSING)
TITLE_FROM_LINE_MAX = 120
CHOOSE_KINDS = "Choose at least one kind of question to generate."

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


def document_upload(
    *,
    owner: AbstractBaseUser,
    title: str,
    name: str | None = None,
    content: bytes | None = None,
    text: str | None = None,
    published_on: date | None = None,
    source_url: str = "",
) -> Document:
    """Save a document from an uploaded file (`name` and `content`) or pasted `text`.

    The one entry point of the admin and the API. Nothing is saved when the input is refused.
    Pasted text is checked here and generation is queued once the transaction commits. A
    file gets only the cheap checks here (`uploads.upload_check`): it is stored with the
    status "reading" and the background worker reads its text (`document_read_file`), so a
    hostile file never ties up a web process; a refusal found while reading becomes the
    document's failed status and message. Uploading a text (or a file) the owner already
    has returns that document.
    """
    pasted = text is not None and bool(text.strip())
    if (content is None and text is None) or (content is not None and pasted):
        raise ValidationError(UPLOAD_OR_PASTE, code="upload_or_paste")
    if content is not None and not name:
        raise ValidationError(UPLOAD_NAME_REQUIRED, code="name")
    if content is not None:
        from quizgen.uploads import upload_check

        upload_check(name=name, content=content)
    source_url = (source_url or "").strip()
    if source_url:
        try:
            URLValidator(schemes=["http", "https"])(source_url)
        except ValidationError as error:
            raise ValidationError(INVALID_SOURCE_URL, code="source_url") from error
    title = (title or "").strip()
    if content is not None:
        return _document_file_store(
            owner=owner,
            title=title,
            name=name,
            content=content,
            published_on=published_on,
            source_url=source_url,
        )
    text = text or ""
    return document_ingest(
        owner=owner,
        text=text,
        title=title or _default_title(text, name),
        published_on=published_on,
        source_url=source_url,
        enqueue=True,
    )


@transaction.atomic
def _document_file_store(
    *,
    owner: AbstractBaseUser,
    title: str,
    name: str,
    content: bytes,
    published_on: date | None,
    source_url: str,
) -> Document:
    sha256 = hashlib.sha256(content).hexdigest()
    same_file = (
        Document.objects.filter(owner=owner, file__sha256=sha256)
        .exclude(status=Document.Status.FAILED)
        .first()
    )
    if same_file is not None:
        return same_file
    document = Document.objects.create(
        owner=owner,
        title=(title or _default_title("", name))[:300],
        text="",
        published_on=published_on,
        source_url=source_url,
        checksum="",
        status=Document.Status.READING,
    )
    DocumentFile.objects.create(
        document=document,
        name=PurePath(name).name[:255],
        content=content,
        size=len(content),
        sha256=sha256,
        title_given=bool(title),
    )
    from quizgen.tasks import read_document_file_task

    transaction.on_commit(lambda: read_document_file_task.enqueue(document.pk))
    return document


def document_read_file(*, document: Document) -> Document:
    """Read the text of a document's uploaded file, then queue its question generation.

    Runs in the background worker. The parsing happens in the limited child process
    (quizgen.filetext), outside any transaction; a refusal (a hostile or unreadable file,
    a text that is not English...) ends as the failed status with the refusal's message,
    which the document page and the API's job show. The file is kept either way. A text
    the owner already has as another document is not generated twice (DUPLICATE_UPLOAD).
    """
    from quizgen.uploads import text_from_upload

    upload = DocumentFile.objects.filter(document_id=document.pk).first()
    if upload is None or document.status != Document.Status.READING:
        return document
    Document.objects.filter(pk=document.pk).update(error_message="", updated_at=timezone.now())
    try:
        text = text_from_upload(name=upload.name, content=bytes(upload.content))
    except ValidationError as error:
        return _document_fail(document, error.messages[0])
    except Exception as error:  # noqa: BLE001 - any failure must end as a visible status
        logger.exception("Reading the file of document %s failed", document.pk)
        return _document_fail(
            document, READING_FAILED.format(reason=str(error) or type(error).__name__)
        )
    checksum = text_checksum(text)
    try:
        with transaction.atomic():
            locked = Document.objects.select_for_update().get(pk=document.pk)
            if locked.status != Document.Status.READING:
                return locked
            duplicate = (
                Document.objects.filter(owner_id=locked.owner_id, checksum=checksum)
                .exclude(pk=locked.pk)
                .first()
            )
            if duplicate is not None:
                return _document_fail(locked, DUPLICATE_UPLOAD.format(title=duplicate.title))
            locked.text = text
            locked.checksum = checksum
            if not upload.title_given:
                locked.title = _default_title(text, upload.name)[:300]
            locked.status = Document.Status.QUEUED
            locked.save(update_fields=["text", "checksum", "title", "status", "updated_at"])
            from quizgen.tasks import generate_document_task

            transaction.on_commit(lambda: generate_document_task.enqueue(locked.pk))
    except IntegrityError:
        # Another worker saved the same text for this owner a moment before.
        duplicate = Document.objects.filter(owner_id=document.owner_id, checksum=checksum).first()
        title = duplicate.title if duplicate is not None else document.title
        return _document_fail(document, DUPLICATE_UPLOAD.format(title=title))
    return locked


def _document_fail(document: Document, message: str) -> Document:
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.FAILED, error_message=message, updated_at=timezone.now()
    )
    document.refresh_from_db()
    return document


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")[:300]


def _default_title(text: str, name: str | None) -> str:
    """A title when none is given: a short first line (a heading), else the file's name."""
    first = _first_line(text)
    if first and len(first) <= TITLE_FROM_LINE_MAX:
        return first
    stem = " ".join(PurePath(name).stem.replace("_", " ").replace("-", " ").split()) if name else ""
    if stem:
        return stem[:1].upper() + stem[1:]
    words = first[:TITLE_FROM_LINE_MAX].rsplit(" ", 1)[0]
    return f"{words} …" if words else first


@transaction.atomic
def document_update(
    *,
    document: Document,
    title: str,
    published_on: date | None = None,
    source_url: str = "",
) -> Document:
    """Change a document's title, publication date or source; its text never changes."""
    title = (title or "").strip()
    if not title:
        raise ValidationError(TITLE_REQUIRED, code="title")
    source_url = (source_url or "").strip()
    if source_url:
        try:
            URLValidator(schemes=["http", "https"])(source_url)
        except ValidationError as error:
            raise ValidationError(INVALID_SOURCE_URL, code="source_url") from error
    document.title = title[:300]
    document.published_on = published_on
    document.source_url = source_url
    document.save(update_fields=["title", "published_on", "source_url", "updated_at"])
    return document


def document_generation_stuck(document: Document) -> bool:
    """Whether a queued or running generation has shown no progress for too long."""
    return (
        document.status
        in (
            Document.Status.READING,
            Document.Status.QUEUED,
            Document.Status.PROCESSING,
        )
        and document.updated_at < timezone.now() - GENERATION_STUCK_AFTER
    )


@transaction.atomic
def document_regenerate(*, document: Document, kinds: list[str] | None = None) -> Document:
    """Queue generation again, of `kinds` only if given (question kinds; default all).

    Teachers' edits and decisions are kept; drafts that no longer come out (including those
    of kinds left out) are marked stale (see document_generate).
    """
    if document.origin == Document.Origin.IMPORT:
        raise ValidationError(IMPORTED_NOT_GENERATED, code="imported")
    if kinds is not None:
        unknown = set(kinds) - set(Question.Kind.values)
        kinds = [kind for kind in Question.Kind.values if kind in set(kinds)]
        if not kinds or unknown:
            raise ValidationError(CHOOSE_KINDS, code="kinds")
    locked = Document.objects.select_for_update().get(pk=document.pk)
    pending = locked.status in PENDING_STATUSES
    # A worker killed mid-run leaves "processing" behind; after a while, allow a new run.
    if pending and not document_generation_stuck(locked):
        raise ValidationError(GENERATION_PENDING, code="pending")
    # A file whose text was never read (refused, or its worker stopped) is read again first.
    unread = not locked.text and DocumentFile.objects.filter(document_id=locked.pk).exists()
    locked.status = Document.Status.READING if unread else Document.Status.QUEUED
    locked.error_message = ""
    locked.save(update_fields=["status", "error_message", "updated_at"])
    from quizgen.tasks import generate_document_task, read_document_file_task

    if unread:
        transaction.on_commit(lambda: read_document_file_task.enqueue(locked.pk))
    else:
        transaction.on_commit(lambda: generate_document_task.enqueue(locked.pk, kinds))
    return locked


def document_generate(*, document: Document, kinds: list[str] | None = None) -> Document:
    """Extract facts and generate questions (of `kinds` if given) for `document`.

    The NLP runs outside any transaction; the results are written in one transaction, so
    a failure leaves the previous facts and questions untouched and the status failed.
    Questions a teacher has touched (approved, rejected or edited) are never changed;
    drafts that no longer come out are marked stale.
    """
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.PROCESSING, error_message="", updated_at=timezone.now()
    )
    try:
        pipeline = load_pipeline(settings.QUIZGEN_SPACY_MODEL)
        extraction = nlp.extract_facts(
            document.text, published_on=document.published_on, title=document.title, nlp=pipeline
        )
        drafts = nlp.generate_questions(extraction, **({"kinds": kinds} if kinds else {}))
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


def kinds_mixed(questions: list[Question]) -> list[Question]:
    """The questions (best first) reordered so that each next one is the best of the kinds
    taken least so far: true/false, short answer, cloze, multiple choice in turn, each in its
    own order of score. The ranker estimates true/false items highest, and a quiz of the top
    N by score alone would be mostly those."""
    remaining = list(questions)
    taken: dict[str, int] = {}
    ordered = []
    while remaining:
        best = min(remaining, key=lambda q: taken.get(q.kind, 0))
        remaining.remove(best)
        taken[best.kind] = taken.get(best.kind, 0) + 1
        ordered.append(best)
    return ordered


@transaction.atomic
def questions_approve_recommended(
    *, document: Document, reviewer: AbstractBaseUser, limit: int | None = None
) -> list[Question]:
    """Approve the document's recommended, defect-free drafts, best first with kinds mixed
    (`kinds_mixed`), so that the top N are not N true/false items."""
    candidates = kinds_mixed(
        [
            question
            for question in document.questions.filter(
                status=Question.Status.DRAFT, recommended=True, stale=False
            ).order_by("-score", "id")
            if not question.defects
        ]
    )
    if limit is not None:
        candidates = candidates[:limit]
    return [question_approve(question=question, reviewer=reviewer) for question in candidates]


# Teacher edits of questions (the admin's question page and the API's PATCH)

QUESTION_PROMPT_REQUIRED = "Write the question's prompt."
QUESTION_NEEDS_ONE_CORRECT = (
    "A multiple-choice or true/false question needs exactly one correct option."
)
OPTIONS_TOO_FEW = "A multiple-choice question needs at least two options."
OPTIONS_NOT_DISTINCT = "Two options say the same thing: {option}. Make every option different."
ACCEPTED_ANSWER_REQUIRED = "Give at least one accepted answer."
NUMERIC_TOLERANCE_REQUIRED = (
    "A numeric question needs a tolerance (0 or more): how far from the answer still counts."
)
QUESTION_ANSWER_SHAPE = {
    Question.Kind.NUMERIC: "A numeric question needs its answer as a number (`value`).",
    Question.Kind.ORDERING: "An ordering answer is the list of at least two items, in order.",
    Question.Kind.MATCHING: "A matching answer is a list of at least two [left, right] pairs.",
}
QUESTION_NOT_EDITABLE = "These fields cannot be edited: {fields}."

_OPTION_KINDS = (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE)
_TEXT_KINDS = (Question.Kind.FILL_BLANK, Question.Kind.SHORT_ANSWER)
QUESTION_EDIT_FIELDS = frozenset(
    {"prompt", "options", "accepted_answers", "answer", "tolerance", "explanation", "difficulty"}
)


def _normalise_option(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .")


def _answer_fits(kind: str, answer) -> bool:
    if kind == Question.Kind.NUMERIC:
        value = answer.get("value") if isinstance(answer, dict) else None
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == Question.Kind.ORDERING:
        return isinstance(answer, list) and len(answer) >= 2
    if kind == Question.Kind.MATCHING:
        return (
            isinstance(answer, list)
            and len(answer) >= 2
            and all(isinstance(pair, list | tuple) and len(pair) == 2 for pair in answer)
        )
    return True


def question_validate(
    *, kind: str, values: dict, checked: frozenset[str] | set[str] | None = None
) -> dict[str, list[ValidationError]]:
    """The problems of a question as a teacher wrote it, by field (empty when none).

    `values` maps field names to values; only the fields in `checked` (default: all of
    `values`) are checked, so an edit of the prompt does not trip over an old answer.
    """
    checked = set(values) if checked is None else set(checked)
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    if "prompt" in checked and not (values.get("prompt") or "").strip():
        add("prompt", QUESTION_PROMPT_REQUIRED, "prompt")
    if kind in _OPTION_KINDS and "options" in checked:
        options = values.get("options") or []
        texts = [str(option.get("text", "")).strip() for option in options]
        if len([text for text in texts if text]) < 2:
            add("options", OPTIONS_TOO_FEW, "too_few_options")
        seen: set[str] = set()
        for text in texts:
            key = _normalise_option(text)
            if key in seen:
                add("options", OPTIONS_NOT_DISTINCT.format(option=f"“{text}”"), "not_distinct")
                break
            seen.add(key)
        if sum(1 for option in options if option.get("correct")) != 1:
            add("options", QUESTION_NEEDS_ONE_CORRECT, "one_correct")
    if kind in _TEXT_KINDS and "accepted_answers" in checked:
        if not [text for text in values.get("accepted_answers") or [] if str(text).strip()]:
            add("accepted_answers", ACCEPTED_ANSWER_REQUIRED, "accepted_answers")
    if kind in QUESTION_ANSWER_SHAPE and "answer" in checked:
        if not _answer_fits(kind, values.get("answer")):
            add("answer", QUESTION_ANSWER_SHAPE[kind], "answer_shape")
    if kind == Question.Kind.NUMERIC and checked & {"answer", "tolerance"}:
        tolerance = values.get("tolerance")
        if tolerance is None or tolerance < 0:
            add("tolerance", NUMERIC_TOLERANCE_REQUIRED, "tolerance")
    return errors


def question_defects(*, question: Question) -> list[str]:
    """Run the defect checker of `quizgen.nlp` on the question as it stands (after an edit).

    The extraction the checker reads is rebuilt from the document's saved facts (one query,
    which also tells the question's own facts), so an edit is checked without parsing the
    text again. A question with no source sentence (written by hand or imported) is not
    checked against one, nor held to the generator's four options.
    """
    import dataclasses

    from django.db.models import Exists, OuterRef

    from quizgen.nlp.types import Sentence

    answers = question.correct_options or list(question.accepted_answers)
    draft = QuestionDraft(
        kind=question.kind,
        prompt=question.prompt,
        options=tuple((option["text"], bool(option.get("correct"))) for option in question.options),
        accepted_answers=tuple(question.accepted_answers),
        answer=question.answer,
        explanation=question.explanation,
        source_sentence=Sentence(
            text=question.source_sentence, start=question.source_start, end=question.source_end
        ),
    )
    try:
        from quizgen.nlp.generate.defects import find_defects
    except ImportError:  # an older quizgen.nlp without the checker
        return _basic_defects(draft)
    rows = Fact.objects.filter(document_id=question.document_id).annotate(
        of_question=Exists(
            Question.facts.through.objects.filter(question_id=question.pk, fact_id=OuterRef("pk"))
        )
    )
    facts, fact_keys = [], []
    for row in rows:
        try:
            fact = _fact_from_row(row)
        except (TypeError, KeyError, ValueError):  # a fact saved by an older extractor
            logger.warning("Fact %s could not be rebuilt for the defect check", row.pk)
            continue
        facts.append(fact)
        if row.of_question:
            fact_keys.append(row.key)
    changes = {"fact_keys": tuple(fact_keys)}
    if "answer_text" in {field.name for field in dataclasses.fields(QuestionDraft)}:
        changes["answer_text"] = answers[0] if answers else ""
    draft = dataclasses.replace(draft, **changes)
    extraction = nlp.Extraction(text=question.document.text, sentences=(), facts=tuple(facts))
    found = list(find_defects(draft, extraction))
    if not question.source_sentence.strip():
        # Written by hand or imported: no sentence to find the answer in, and the generator's
        # four options are its own rule, not a teacher's (validation asks for two or more).
        found = [
            defect
            for defect in found
            if defect != "answer_not_in_source"
            and not (
                defect == "wrong_option_count" and question.kind == Question.Kind.MULTIPLE_CHOICE
            )
        ]
    return found


def _fact_from_row(row: Fact) -> nlp.Fact:
    from quizgen.nlp.types import (
        ActorFact,
        DateFact,
        FigureFact,
        Mention,
        QuoteFact,
        Sentence,
        TermFact,
    )

    details = row.details or {}
    common = {
        "text": row.text,
        "start": row.start,
        "end": row.end,
        "sentence": Sentence(text=row.sentence, start=row.sentence_start, end=row.sentence_end),
        "value": row.value,
        "confidence": row.confidence,
        "label": row.label,
    }
    if row.kind == Fact.Kind.DATE:
        return DateFact(
            **common,
            precision=details.get("precision", "year"),
            vague=bool(details.get("vague")),
            event=details.get("event", ""),
        )
    if row.kind == Fact.Kind.FIGURE:
        return FigureFact(
            **common,
            unit=details.get("unit", ""),
            qualifier=details.get("qualifier", ""),
            counted=details.get("counted", ""),
        )
    if row.kind == Fact.Kind.ACTOR:
        return ActorFact(
            **common,
            mentions=tuple(Mention(**mention) for mention in details.get("mentions", [])),
            aliases=tuple(details.get("aliases", [])),
            role=details.get("role", ""),
        )
    if row.kind == Fact.Kind.QUOTE:
        return QuoteFact(**common, speaker=details.get("speaker", ""))
    if row.kind == Fact.Kind.TERM:
        return TermFact(
            **common,
            definition=details.get("definition", ""),
            pattern=details.get("pattern", ""),
            plural=bool(details.get("plural")),
        )
    return nlp.Fact(kind=row.kind, **common)


def _basic_defects(draft: QuestionDraft) -> list[str]:
    # Used until quizgen.nlp provides its own checker: the defects a structure can show.
    defects = []
    answers = [text for text, correct in draft.options if correct] or list(draft.accepted_answers)
    prompt = draft.prompt.casefold()
    if any(answer and answer.casefold() in prompt for answer in answers):
        defects.append("answer_in_prompt")
    texts = [_normalise_option(text) for text, _ in draft.options]
    if len(set(texts)) != len(texts):
        defects.append("options_not_distinct")
    sentence = draft.source_sentence.text.casefold()
    if sentence and answers and not any(answer.casefold() in sentence for answer in answers):
        if draft.kind != Question.Kind.TRUE_FALSE:
            defects.append("answer_not_in_source")
    return defects


def _clean_options(options: list[dict]) -> list[dict]:
    """Options as saved: texts stripped, empty ones dropped, feedback kept when given."""
    return [
        {
            "text": str(option.get("text", "")).strip(),
            "correct": bool(option.get("correct")),
            # Shown after submission, as the quiz's review settings allow.
            **(
                {"feedback": str(option["feedback"]).strip()}
                if str(option.get("feedback") or "").strip()
                else {}
            ),
        }
        for option in options
        if str(option.get("text", "")).strip()
    ]


def question_edit_fields_check(*, names: Iterable[str]) -> None:
    """Refuse an edit naming a field that cannot be edited (the kind, the document, ...):
    a client sending one learns that nothing of it was changed."""
    unknown = set(names) - QUESTION_EDIT_FIELDS - {"tags"}
    if unknown:
        raise ValidationError(
            QUESTION_NOT_EDITABLE.format(fields=", ".join(sorted(unknown))), code="not_editable"
        )


@transaction.atomic
def question_edit(
    *, question: Question, editor: AbstractBaseUser, tags: list[str] | None = None, **fields
) -> Question:
    """Save a teacher's edit: validated, re-checked for defects, marked as edited by a person.

    Editable fields: QUESTION_EDIT_FIELDS; the fields given are checked (a numeric question's
    tolerance with its answer). The review status does not change; the defects found are
    shown to the teacher, and publishing refuses a quiz holding a defective question. `tags`,
    when given, replace the question's tags in the same transaction. Once
    students have answered, a change that would orphan their answers is refused
    (`learning.services.question_change_refusal`) and a new key regrades every answer given
    (`learning.services.question_regrade`).
    """
    question_edit_fields_check(names=fields)
    if "options" in fields:
        fields["options"] = _clean_options(fields["options"])
    if "accepted_answers" in fields:
        fields["accepted_answers"] = [
            str(text).strip() for text in fields["accepted_answers"] if str(text).strip()
        ]
    values = {name: fields.get(name, getattr(question, name)) for name in QUESTION_EDIT_FIELDS}
    errors = question_validate(kind=question.kind, values=values, checked=set(fields))
    if errors:
        raise ValidationError(errors)
    # Quizzes build on questions: imported here so that quizgen loads without learning.
    from learning import services as learning_services

    refusal = learning_services.question_change_refusal(question=question, fields=fields)
    if refusal:
        raise ValidationError(refusal, code="answered")
    changed = [name for name, value in fields.items() if value != getattr(question, name)]
    for name, value in fields.items():
        setattr(question, name, value)
    if question.kind == Question.Kind.NUMERIC and isinstance(question.answer, dict):
        question.answer = {**question.answer, "tolerance": question.tolerance}
    if question.kind in _OPTION_KINDS and "options" in fields:
        question.accepted_answers = question.correct_options
    question.defects = question_defects(question=question)
    question.edited_by_human = True
    question.stale = False
    question._change_reason = f"Edited by {editor}"
    question.save()
    if tags is not None:
        question_set_tags(question=question, tags=tags, editor=editor)
    # Answers already given are marked again with the new key (a mark set by hand stays).
    learning_services.question_regrade(question=question, by=editor, fields=changed)
    return question


OPTION_TO_REPLACE_NOT_FOUND = "“{option}” is not a wrong option of this question."
REPLACEMENT_REQUIRED = "Choose the option to put in its place."


def question_replace_option(
    *, question: Question, editor: AbstractBaseUser, old: str, new: str
) -> Question:
    """Put `new` in place of the wrong option `old` (a teacher's pick among the document's
    facts of the same kind); saved, validated and re-checked like any edit."""
    new = (new or "").strip()
    if not new:
        raise ValidationError(REPLACEMENT_REQUIRED, code="replacement")
    wrong = [option for option in question.options if not option.get("correct")]
    if not any(option.get("text") == old for option in wrong):
        raise ValidationError(OPTION_TO_REPLACE_NOT_FOUND.format(option=old), code="not_found")
    options = [
        {**option, "text": new}
        if not option.get("correct") and option.get("text") == old
        else option
        for option in question.options
    ]
    return question_edit(question=question, editor=editor, options=options)


# Questions written by hand (the admin's Questions → Add and the API)

QUESTION_KIND_UNKNOWN = "Choose the kind of question: {kinds}."
QUESTION_DOCUMENT_REQUIRED = "Choose the document the question belongs to."


def _display_order(items: list) -> list:
    # A fixed, non-solving order for display: the solution rotated by one.
    return items[1:] + items[:1] if len(items) > 1 else list(items)


@transaction.atomic
def question_create(
    *,
    document: Document,
    author: AbstractBaseUser,
    kind: str,
    prompt: str,
    options: list[dict] | None = None,
    accepted_answers: list[str] | None = None,
    answer=None,
    tolerance: float | None = None,
    explanation: str = "",
    tags: list[str] | None = None,
) -> Question:
    """Save a question a teacher wrote: validated like an edit (`question_validate`), checked
    for defects, kept as a draft marked as written by a person (regeneration leaves it alone).

    Multiple choice and true/false take `options` (one correct); fill-in and short answer
    `accepted_answers`; numeric `answer` {"value"} and `tolerance`; ordering `answer` as the
    items in order; matching `answer` as [left, right] pairs.
    """
    import uuid

    if document is None:
        raise ValidationError(QUESTION_DOCUMENT_REQUIRED, code="document")
    if kind not in Question.Kind.values:
        raise ValidationError(
            QUESTION_KIND_UNKNOWN.format(kinds=", ".join(Question.Kind.values)), code="kind"
        )
    options = _clean_options(options or [])
    accepted_answers = [str(text).strip() for text in accepted_answers or [] if str(text).strip()]
    values = {"prompt": prompt, "options": options, "accepted_answers": accepted_answers}
    if kind in QUESTION_ANSWER_SHAPE:
        values["answer"] = answer
    if kind == Question.Kind.NUMERIC:
        values["tolerance"] = tolerance
    errors = question_validate(kind=kind, values=values)
    if errors:
        raise ValidationError(errors)
    tags = tags_clean(tags or [])
    question = Question(
        document=document,
        kind=kind,
        prompt=prompt.strip(),
        explanation=(explanation or "").strip(),
        fingerprint=f"manual:{uuid.uuid4().hex}",
        status=Question.Status.DRAFT,
        edited_by_human=True,
        source_sentence="",
    )
    if kind in _OPTION_KINDS:
        question.options = options
        question.accepted_answers = [o["text"] for o in options if o["correct"]]
    elif kind in _TEXT_KINDS:
        question.accepted_answers = accepted_answers
    elif kind == Question.Kind.NUMERIC:
        question.answer = {**answer, "tolerance": tolerance}
        question.tolerance = tolerance
    elif kind == Question.Kind.ORDERING:
        items = [str(item).strip() for item in answer]
        question.answer = items
        question.options = [{"text": item, "correct": False} for item in _display_order(items)]
    elif kind == Question.Kind.MATCHING:
        pairs = [[str(left).strip(), str(right).strip()] for left, right in answer]
        question.answer = pairs
        question.options = [{"text": right, "correct": False} for _, right in _display_order(pairs)]
    question._change_reason = f"Written by {author}"
    question.save()
    question.defects = question_defects(question=question)
    question.save(update_fields=["defects", "updated_at"])
    if tags:
        question.tags.set(tags)
        _tags_history(question=question, before=[], after=tags, by=author)
    return question


# Tags on questions

TAG_TOO_LONG = "A tag is at most {limit} characters; shorten “{tag}”."
TOO_MANY_TAGS = "A question has at most {limit} tags."
TAG_MAX_LENGTH = 100
TAGS_PER_QUESTION = 20
TAG_REQUIRED = "Write the tag to add."


def tags_parse(text: str) -> list[str]:
    """Tags written as a teacher types them: separated by commas."""
    return [tag for tag in (part.strip() for part in (text or "").split(",")) if tag]


def tags_clean(tags: list[str]) -> list[str]:
    """Spaces folded, duplicates (in any case) dropped; too long or too many refused."""
    cleaned: dict[str, str] = {}
    for tag in tags:
        tag = " ".join(str(tag).split())
        if not tag:
            continue
        if len(tag) > TAG_MAX_LENGTH:
            raise ValidationError(
                TAG_TOO_LONG.format(limit=TAG_MAX_LENGTH, tag=tag[:40] + "…"), code="tag"
            )
        cleaned.setdefault(tag.casefold(), tag)
    if len(cleaned) > TAGS_PER_QUESTION:
        raise ValidationError(TOO_MANY_TAGS.format(limit=TAGS_PER_QUESTION), code="tags")
    return list(cleaned.values())


# The question's history (django-simple-history) cannot follow taggit's generic relation
# (django-taggit issue 918), so a change of tags is written into the history as a row of its
# own whose change reason names the tags added and removed.
TAGS_ADDED = "Tags added: {tags}"
TAGS_REMOVED = "Tags removed: {tags}"


def _tags_history(
    *, question: Question, before: list[str], after: list[str], by: AbstractBaseUser | None
) -> None:
    """Record in `question`'s history the tags added and removed (nothing when the same)."""
    before_keys = {tag.casefold() for tag in before}
    after_keys = {tag.casefold() for tag in after}
    added = sorted((tag for tag in after if tag.casefold() not in before_keys), key=str.casefold)
    removed = sorted((tag for tag in before if tag.casefold() not in after_keys), key=str.casefold)
    parts = []
    if added:
        parts.append(TAGS_ADDED.format(tags=", ".join(f"“{tag}”" for tag in added)))
    if removed:
        parts.append(TAGS_REMOVED.format(tags=", ".join(f"“{tag}”" for tag in removed)))
    if not parts:
        return
    reason = getattr(question, "_change_reason", None)
    question._change_reason = "; ".join(parts)
    try:
        Question.history.bulk_history_create([question], update=True, default_user=by)
    finally:
        question._change_reason = reason


@transaction.atomic
def question_set_tags(
    *, question: Question, tags: list[str], editor: AbstractBaseUser | None = None
) -> Question:
    """Give the question exactly these tags (the teacher's own labels); the change shows in
    its history."""
    tags = tags_clean(tags)
    before = list(question.tags.names())
    question.tags.set(tags)
    if {tag.casefold() for tag in before} != {tag.casefold() for tag in tags}:
        # The names as stored: a tag already known in another case keeps that case.
        after = list(question.tags.names())
        _tags_history(question=question, before=before, after=after, by=editor)
    return question


@transaction.atomic
def questions_add_tag(*, questions, tag: str, editor: AbstractBaseUser | None = None) -> int:
    """Add one tag to each of `questions`; returns how many there were. Each question that
    did not have it shows the change in its history."""
    (tag,) = tags_clean([tag]) or [""]
    if not tag:
        raise ValidationError(TAG_REQUIRED, code="tag")
    count = 0
    for question in questions:
        before = list(question.tags.names())
        if tag.casefold() not in {name.casefold() for name in before}:
            question.tags.add(tag)
            after = list(question.tags.names())
            _tags_history(question=question, before=before, after=after, by=editor)
        count += 1
    return count


# Question banks imported from GIFT, Moodle XML, Aiken and QTI 2.1 files

IMPORT_ALREADY = "This file was already imported, as “{title}”."
IMPORT_NOTHING_READ = (
    "No question of this file could be imported ({count} skipped). The first: {first}."
)
IMPORT_KIND_NAMES = {
    Question.Kind.MULTIPLE_CHOICE: "multiple choice",
    Question.Kind.TRUE_FALSE: "true/false",
    Question.Kind.FILL_BLANK: "fill in the blank",
    Question.Kind.SHORT_ANSWER: "short answer",
    Question.Kind.NUMERIC: "numeric",
    Question.Kind.ORDERING: "ordering",
    Question.Kind.MATCHING: "matching",
}


def _essential_forms(read) -> list[str]:
    """The accepted answers read, without the forms Quizgen's exports add (digits for words,
    written dates, unaccented): marking accepts those anyway (learning.matching)."""
    from learning.matching import essential_forms

    kinds = (Question.Kind.FILL_BLANK, Question.Kind.SHORT_ANSWER)
    if read.kind not in kinds or not read.accepted_answers:
        return list(read.accepted_answers)
    question = Question(kind=read.kind, prompt=read.prompt, accepted_answers=read.accepted_answers)
    return essential_forms(question)


def _bank_title(name: str) -> str:
    stem = PurePath(name or "").name.split(".")[0]
    stem = " ".join(stem.replace("_", " ").replace("-", " ").split())
    return (stem[:1].upper() + stem[1:]) if stem else "Imported questions"


def question_bank_import(
    *,
    owner: AbstractBaseUser,
    name: str,
    content: bytes,
    title: str = "",
    import_format: str = "",
) -> Document:
    """Read a GIFT, Moodle XML, Aiken or QTI 2.1 file into a new question bank of `owner`.

    The bank is a document of origin "import" with no text. Every question read is saved
    like one written by hand (`question_create`: the same validation and defect check, a
    draft); one the validation refuses is skipped with its message. A file refused as a
    whole (`quizgen.imports.read_bank`), one already imported, or one of which no question
    could be saved raises a ValidationError and saves nothing. The report, kept on the
    document (`import_report`), lists each question read (where, kind, the saved question,
    its defects, what was left out of it) and each skipped, with the reason.
    """
    from quizgen.imports import IMPORT_FORMATS, Skipped, read_bank

    reading = read_bank(name=name or "", content=content, import_format=import_format)
    checksum = hashlib.sha256(b"quizgen-import:" + content).hexdigest()
    existing = Document.objects.filter(owner=owner, checksum=checksum).first()
    if existing is not None:
        raise ValidationError(IMPORT_ALREADY.format(title=existing.title), code="already")
    skipped = list(reading.skipped)
    rows = []
    with transaction.atomic():
        document = Document.objects.create(
            owner=owner,
            title=((title or "").strip() or _bank_title(name))[:300],
            text="",
            checksum=checksum,
            status=Document.Status.READY,
            origin=Document.Origin.IMPORT,
        )
        for read in reading.questions:
            try:
                with transaction.atomic():
                    question = question_create(
                        document=document,
                        author=owner,
                        kind=read.kind,
                        prompt=read.prompt,
                        options=read.options,
                        accepted_answers=_essential_forms(read),
                        answer=read.answer,
                        tolerance=read.tolerance,
                        explanation=read.explanation,
                        tags=read.tags,
                    )
            except ValidationError as error:
                kind = IMPORT_KIND_NAMES.get(read.kind, read.kind)
                skipped.append(Skipped(read.where, kind, " ".join(error.messages)))
                continue
            rows.append(
                {
                    "where": read.where,
                    "kind": question.kind,
                    "title": read.title,
                    "question": question.pk,
                    "prompt": question.prompt,
                    "defects": list(question.defects),
                    "tags": list(read.tags),
                    "notes": list(read.notes),
                }
            )
        # In the file's order: those the readers skipped and those the validation refused.
        skipped.sort(key=lambda skip: [int(n) for n in re.findall(r"[0-9]+", skip.where)])
        if not rows:
            raise ValidationError(
                IMPORT_NOTHING_READ.format(
                    count=len(skipped), first=str(skipped[0]) if skipped else "none"
                ),
                code="nothing_read",
            )
        document.import_report = {
            "format": reading.import_format,
            "format_name": IMPORT_FORMATS[reading.import_format],
            "file": PurePath(name or "").name,
            "read": rows,
            "skipped": [
                {"where": skip.where, "kind": skip.kind, "reason": skip.reason} for skip in skipped
            ],
        }
        document.save(update_fields=["import_report", "updated_at"])
    return document
