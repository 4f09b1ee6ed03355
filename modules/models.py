"""Learning modules: study units built from documents' facts, with flashcards and a quiz."""

from django.conf import settings
from django.db import models

from learning.models import Quiz
from quizgen.models import Document, Fact


class Module(models.Model):
    class CompletionRule(models.TextChoices):
        QUIZ_PASSED = "quiz_passed", "Quiz passed at the pass mark"
        QUIZ_AND_FLASHCARDS = (
            "quiz_and_flashcards",
            "Quiz passed and every flashcard reviewed once",
        )
        FLASHCARDS = "flashcards", "Every flashcard reviewed once"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="modules"
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    documents = models.ManyToManyField(
        Document, through="ModuleDocument", related_name="modules", blank=True
    )
    quiz = models.ForeignKey(
        Quiz, on_delete=models.SET_NULL, null=True, blank=True, related_name="modules"
    )
    show_timeline = models.BooleanField(default=True)
    show_key_figures = models.BooleanField(default=True)
    show_whos_who = models.BooleanField("show who's who", default=True)
    show_flashcards = models.BooleanField(default=True)
    completion_rule = models.CharField(
        max_length=30, choices=CompletionRule.choices, default=CompletionRule.QUIZ_AND_FLASHCARDS
    )
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    built_at = models.DateTimeField(
        null=True, blank=True, help_text="When the flashcards were last rebuilt from the facts."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def needs_quiz(self) -> bool:
        return self.completion_rule in (
            self.CompletionRule.QUIZ_PASSED,
            self.CompletionRule.QUIZ_AND_FLASHCARDS,
        )

    @property
    def needs_flashcards(self) -> bool:
        return self.completion_rule in (
            self.CompletionRule.FLASHCARDS,
            self.CompletionRule.QUIZ_AND_FLASHCARDS,
        )


class ModuleDocument(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="module_documents")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["module", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["module", "document"], name="module_document_once")
        ]

    def __str__(self) -> str:
        return f"{self.module} · {self.document}"


class Flashcard(models.Model):
    """A card generated from one fact. Its wording follows the fact (and the teacher's
    correction of it) unless the teacher overrides the front or the back here.

    `fact_key` ("<document id>:<fact key>") finds the fact again after a regeneration.
    """

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="flashcards")
    fact = models.ForeignKey(
        Fact, on_delete=models.SET_NULL, null=True, blank=True, related_name="flashcards"
    )
    fact_key = models.CharField(max_length=320)
    front_override = models.TextField(
        "front (teacher's wording)", blank=True, help_text="Leave empty to use the generated front."
    )
    back_override = models.TextField(
        "back (teacher's wording)", blank=True, help_text="Leave empty to use the generated back."
    )
    position = models.PositiveIntegerField(default=0)
    stale = models.BooleanField(
        default=False, help_text="Its fact no longer comes out of the document or is unusable."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["module", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["module", "fact_key"], name="flashcard_once_per_fact")
        ]

    def __str__(self) -> str:
        return self.front[:80] or f"Flashcard #{self.pk} (its fact is gone)"

    @property
    def front(self) -> str:
        from modules.materials import flashcard_front

        return self.front_override or (flashcard_front(self.fact) if self.fact else "")

    @property
    def back(self) -> str:
        from modules.materials import flashcard_answer

        return self.back_override or (flashcard_answer(self.fact) if self.fact else "")

    @property
    def sentence(self) -> str:
        return self.fact.sentence if self.fact else ""


class ModuleProgress(models.Model):
    """When a student started a module and when its completion rule was first met."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="progress")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_progress"
    )
    started_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["module", "student"]
        verbose_name_plural = "module progress"
        constraints = [
            models.UniqueConstraint(fields=["module", "student"], name="module_progress_once")
        ]

    def __str__(self) -> str:
        return f"{self.student} on {self.module}"
