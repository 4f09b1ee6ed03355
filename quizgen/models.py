"""Documents, the facts extracted from them and the questions generated from those facts."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from quizgen.nlp.types import FactKind, QuestionKind


class Document(models.Model):
    class Status(models.TextChoices):
        # An uploaded file waits for the worker to read its text; then generation is queued.
        READING = "reading", "Reading the file"
        QUEUED = "queued", "Queued"
        PROCESSING = "processing", "Processing"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    class Origin(models.TextChoices):
        TEXT = "text", "Text"
        # A question bank read from a GIFT, Moodle XML, Aiken or QTI file: no text, no facts.
        IMPORT = "import", "Imported questions"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(max_length=300)
    text = models.TextField()
    published_on = models.DateField(null=True, blank=True)
    source_url = models.URLField(max_length=1000, blank=True)
    checksum = models.CharField(max_length=64, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    error_message = models.TextField(blank=True)
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.TEXT)
    # For an imported bank: the format and file read, and what was read and skipped (why).
    import_report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # A file not yet read (or refused) has no text and no checksum yet.
            models.UniqueConstraint(
                fields=["owner", "checksum"],
                condition=~models.Q(checksum=""),
                name="document_unique_text_per_owner",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_imported(self) -> bool:
        return self.origin == self.Origin.IMPORT


class DocumentFile(models.Model):
    """The uploaded file a document's text is read from, kept as sent (the worker reads it)."""

    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="file")
    name = models.CharField(max_length=255)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    # False when the teacher left the title empty: it is taken from the text once read.
    title_given = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["sha256"])]

    def __str__(self) -> str:
        return self.name


class Fact(models.Model):
    class Kind(models.TextChoices):
        DATE = FactKind.DATE, "Date"
        FIGURE = FactKind.FIGURE, "Figure"
        ACTOR = FactKind.ACTOR, "Actor"
        QUOTE = FactKind.QUOTE, "Quote"
        TERM = FactKind.TERM, "Term"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=300, help_text="Stable identity across re-extractions.")
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    sentence = models.TextField()
    sentence_start = models.PositiveIntegerField()
    sentence_end = models.PositiveIntegerField()
    value = models.JSONField(null=True, blank=True)
    label = models.CharField(max_length=50, blank=True)
    confidence = models.FloatField(default=1.0)
    details = models.JSONField(default=dict, blank=True)
    hidden = models.BooleanField(default=False)
    corrected_text = models.TextField(blank=True)
    # A teacher's correction of an actor's kind ("person" for a museum); kept on regeneration.
    corrected_label = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["document", "start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="fact_unique_key"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="fact_span"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"

    @property
    def shown_label(self) -> str:
        """The label as the teacher corrected it, else as extracted."""
        return self.corrected_label or self.label


class Question(models.Model):
    class Kind(models.TextChoices):
        MULTIPLE_CHOICE = QuestionKind.MULTIPLE_CHOICE, "Multiple choice"
        TRUE_FALSE = QuestionKind.TRUE_FALSE, "True/false"
        FILL_BLANK = QuestionKind.FILL_BLANK, "Fill in the blank"
        SHORT_ANSWER = QuestionKind.SHORT_ANSWER, "Short answer"
        NUMERIC = QuestionKind.NUMERIC, "Numeric"
        ORDERING = QuestionKind.ORDERING, "Ordering"
        MATCHING = QuestionKind.MATCHING, "Matching"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    prompt = models.TextField()
    # [{"text": ..., "correct": bool}, ...] for kinds with options.
    options = models.JSONField(default=list, blank=True)
    accepted_answers = models.JSONField(default=list, blank=True)
    # Kind-specific answer data: numeric value, correct order, matching pairs.
    answer = models.JSONField(null=True, blank=True)
    tolerance = models.FloatField(null=True, blank=True)
    explanation = models.TextField(blank=True)
    facts = models.ManyToManyField(Fact, related_name="questions", blank=True)
    source_sentence = models.TextField()
    source_start = models.PositiveIntegerField(default=0)
    source_end = models.PositiveIntegerField(default=0)
    score = models.FloatField(default=0.0)
    difficulty = models.FloatField(default=0.5)
    recommended = models.BooleanField(default=False)
    defects = models.JSONField(default=list, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_questions",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    edited_by_human = models.BooleanField(default=False)
    stale = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The teacher's own labels ("Chapter 4", "dates"); an imported category becomes one.
    tags = TaggableManager(blank=True, help_text="Comma-separated labels of your own.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "-score", "id"]
        indexes = [models.Index(fields=["document", "status"])]

    def __str__(self) -> str:
        return self.prompt[:80]

    @property
    def correct_options(self) -> list[str]:
        return [option["text"] for option in self.options if option.get("correct")]
