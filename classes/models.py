"""Classes: a teacher's students, what is assigned to them and when, and their accommodations."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from learning.models import Quiz
from modules.models import Module


class SchoolClass(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classes_owned"
    )
    co_teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="classes_co_taught",
        blank=True,
        help_text="Other teachers who see this class, its results and its students.",
    )
    name = models.CharField(max_length=200)
    term = models.CharField(max_length=100, blank=True, help_text="e.g. “Autumn 2025”.")
    join_code = models.CharField(
        max_length=12, unique=True, help_text="Students enter it at /classes/join/ to enrol."
    )
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Enrolment", related_name="classes", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "term", "id"]
        verbose_name = "class"
        verbose_name_plural = "classes"

    def __str__(self) -> str:
        return f"{self.name} ({self.term})" if self.term else self.name


class Enrolment(models.Model):
    """A student in a class, with the accommodations that apply to what the class is assigned."""

    class Source(models.TextChoices):
        JOIN_CODE = "join_code", "Join code"
        ROSTER = "roster", "Roster upload"
        LMS = "lms", "Learning management system"

    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, related_name="enrolments"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.JOIN_CODE)
    time_factor = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("1.00")), MaxValueValidator(Decimal("4.00"))],
        help_text="Multiplies a quiz's time limit (1.5 gives half as long again).",
    )
    extra_minutes = models.PositiveIntegerField(
        default=0, help_text="Added to a quiz's time limit, after the factor."
    )
    extra_attempts = models.PositiveIntegerField(
        default=0, help_text="Added to a quiz's limit on attempts (unlimited stays unlimited)."
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["school_class", "student__username", "id"]
        constraints = [
            models.UniqueConstraint(fields=["school_class", "student"], name="enrolment_once"),
            models.CheckConstraint(
                condition=Q(time_factor__gte=1) & Q(time_factor__lte=4),
                name="enrolment_time_factor_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.school_class}"


class Assignment(models.Model):
    """A quiz or a module set for a class, with its own opening and closing dates.

    Empty dates fall back to the quiz's own; a module's dates apply to its quiz.
    """

    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, related_name="assignments"
    )
    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, null=True, blank=True, related_name="assignments"
    )
    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, null=True, blank=True, related_name="assignments"
    )
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["school_class", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quiz__isnull=False, module__isnull=True)
                | Q(quiz__isnull=True, module__isnull=False),
                name="assignment_quiz_or_module",
            ),
            models.UniqueConstraint(
                fields=["school_class", "quiz"],
                condition=Q(quiz__isnull=False),
                name="assignment_quiz_once",
            ),
            models.UniqueConstraint(
                fields=["school_class", "module"],
                condition=Q(module__isnull=False),
                name="assignment_module_once",
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="assignment_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz or self.module} for {self.school_class}"

    @property
    def item(self):
        return self.quiz if self.quiz_id else self.module
