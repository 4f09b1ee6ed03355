"""Quizzes assembled from approved questions, and students' attempts at them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from quizgen.models import Question


class Quiz(models.Model):
    class ReviewMode(models.TextChoices):
        IMMEDIATELY = "immediately", "Immediately after each question"
        AFTER_SUBMISSION = "after_submission", "After submission"
        AFTER_CLOSE = "after_close", "After the quiz closes"
        NEVER = "never", "Never"

    class Layout(models.TextChoices):
        ALL_ON_ONE_PAGE = "all", "All questions on one page"
        ONE_PER_PAGE = "one", "One question per page"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quizzes"
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    questions = models.ManyToManyField(Question, through="QuizQuestion", related_name="quizzes")
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    max_attempts = models.PositiveIntegerField(default=0, help_text="0 means unlimited.")
    time_limit_minutes = models.PositiveIntegerField(null=True, blank=True)
    pass_mark = models.PositiveIntegerField(default=50, help_text="Percentage needed to pass.")
    shuffle_questions = models.BooleanField(default=False)
    shuffle_options = models.BooleanField(default=True)
    review_mode = models.CharField(
        max_length=20, choices=ReviewMode.choices, default=ReviewMode.AFTER_SUBMISSION
    )
    layout = models.CharField(max_length=10, choices=Layout.choices, default=Layout.ALL_ON_ONE_PAGE)
    # What a submitted attempt shows, and when (Moodle's review options; learning/review.py).
    review_marks_immediately = models.BooleanField(
        "marks, immediately after the attempt", default=True
    )
    review_marks_later = models.BooleanField("marks, later while the quiz is open", default=True)
    review_marks_after_close = models.BooleanField("marks, after the quiz closes", default=True)
    review_answers_immediately = models.BooleanField(
        "correct answers, immediately after the attempt", default=True
    )
    review_answers_later = models.BooleanField(
        "correct answers, later while the quiz is open", default=True
    )
    review_answers_after_close = models.BooleanField(
        "correct answers, after the quiz closes", default=True
    )
    review_feedback_immediately = models.BooleanField(
        "feedback, immediately after the attempt", default=True
    )
    review_feedback_later = models.BooleanField(
        "feedback, later while the quiz is open", default=True
    )
    review_feedback_after_close = models.BooleanField(
        "feedback, after the quiz closes", default=True
    )
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "quizzes"
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="quiz_pass_mark_percent"),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="quiz_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def review_options(self) -> dict[str, list[str]]:
        """{item: [timings]}: when each of marks, answers and feedback is shown."""
        return {
            item: [timing for timing in REVIEW_TIMINGS if getattr(self, review_field(item, timing))]
            for item in REVIEW_ITEMS
        }


# What a result can show, and the moments after an attempt it can be shown at.
REVIEW_ITEMS = ("marks", "answers", "feedback")
REVIEW_TIMINGS = ("immediately", "later", "after_close")
# The review options each review mode stands for (a new mode sets them; the teacher may
# then change any): "immediately" and "after submission" show everything once submitted,
# "after the quiz closes" everything after it closes, "never" nothing but the total score.
REVIEW_MODE_TIMINGS = {
    Quiz.ReviewMode.IMMEDIATELY: REVIEW_TIMINGS,
    Quiz.ReviewMode.AFTER_SUBMISSION: REVIEW_TIMINGS,
    Quiz.ReviewMode.AFTER_CLOSE: ("after_close",),
    Quiz.ReviewMode.NEVER: (),
}


def review_field(item: str, timing: str) -> str:
    return f"review_{item}_{timing}"


REVIEW_FIELDS = tuple(
    review_field(item, timing) for item in REVIEW_ITEMS for timing in REVIEW_TIMINGS
)


def review_fields_for_mode(mode: str) -> dict[str, bool]:
    """The review option fields as the review mode `mode` sets them."""
    # An unknown mode sets nothing: the model's validation refuses it with its own message.
    timings = REVIEW_MODE_TIMINGS.get(mode, REVIEW_TIMINGS)
    return {
        review_field(item, timing): timing in timings
        for item in REVIEW_ITEMS
        for timing in REVIEW_TIMINGS
    }


class QuizQuestion(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="quiz_questions")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="quiz_entries")
    position = models.PositiveIntegerField(default=0)
    points = models.FloatField(
        default=1.0, blank=True, help_text="What the question is worth in this quiz (0 to 100)."
    )

    class Meta:
        ordering = ["quiz", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "question"], name="quiz_question_once"),
            models.CheckConstraint(
                condition=Q(points__gte=0) & Q(points__lte=100), name="quiz_question_points"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} #{self.position}"


class Attempt(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveIntegerField(default=1)
    state = models.CharField(max_length=20, choices=State.choices, default=State.IN_PROGRESS)
    seed = models.PositiveIntegerField(default=0, help_text="Fixes the shuffle of this attempt.")
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True, help_text="Points earned.")
    max_score = models.FloatField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    current_page = models.PositiveIntegerField(
        default=1, help_text="The page a one-question-per-page attempt resumes on."
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "student"],
                condition=Q(state="in_progress"),
                name="attempt_one_in_progress",
            ),
            models.UniqueConstraint(
                fields=["quiz", "student", "number"], name="attempt_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(state="in_progress") | Q(submitted_at__isnull=False),
                name="attempt_submitted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} on {self.quiz} (#{self.number})"

    @property
    def percent(self) -> float | None:
        if self.score is None or not self.max_score:
            return None
        return round(100 * self.score / self.max_score, 1)

    @property
    def duration(self):
        """Time spent: from the start to the submission (None while in progress)."""
        if self.submitted_at is None:
            return None
        return self.submitted_at - self.started_at

    @property
    def duration_text(self) -> str:
        from learning.numbers import format_duration

        return format_duration(self.duration)


class Response(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="responses")
    answer = models.JSONField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True, help_text="Fraction of the question's point.")
    accepted_as = models.CharField(
        max_length=300,
        blank=True,
        help_text="How a typed answer was accepted in another form (“8 = eight”).",
    )
    saved_at = models.DateTimeField(auto_now=True)
    # The teacher's last word: a mark set by hand stays through every regrade.
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The teacher who set this mark by hand.",
    )
    overridden_at = models.DateTimeField(null=True, blank=True)
    teacher_comment = models.TextField(
        blank=True, help_text="Shown to the student with the result."
    )
    checked_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the student checked this answer (quizzes with immediate feedback); "
        "a checked answer no longer changes.",
    )

    class Meta:
        ordering = ["attempt", "id"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="response_once"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} / {self.question_id}"

    @property
    def is_correct(self) -> bool | None:
        return None if self.score is None else self.score >= 1.0


class Regrade(models.Model):
    """One regrade of a quiz's attempts: who, when, why, and every mark it changed."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="regrades")
    question = models.ForeignKey(
        Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="regrades"
    )
    regraded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    regraded_at = models.DateTimeField()
    reason = models.CharField(max_length=300)
    responses_changed = models.PositiveIntegerField(default=0)
    attempts_changed = models.PositiveIntegerField(default=0)
    # [{"attempt", "student", "question", "before", "after"}] per response whose mark changed,
    # and [{"attempt", "student", "score_before", "score_after"}] per attempt.
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-regraded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.quiz}: {self.reason} ({self.regraded_at:%Y-%m-%d %H:%M})"


class ReviewItem(models.Model):
    """One thing a student reviews on a spaced schedule (FSRS): a quiz mistake or a flashcard.

    `item` is the Question answered wrongly, or a flashcard of a learning module, so that
    "due today" is one queue and one number for the student.
    """

    class Source(models.TextChoices):
        MISTAKE = "mistake", "Quiz mistake"
        FLASHCARD = "flashcard", "Flashcard"

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_items"
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    card = models.JSONField(default=dict, help_text="The FSRS card state.")
    due = models.DateTimeField(db_index=True)
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    review_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "content_type", "object_id"], name="review_item_once"
            )
        ]
        indexes = [models.Index(fields=["student", "due"])]

    def __str__(self) -> str:
        return f"{self.student} · {self.get_source_display()} #{self.object_id}"


class ReviewLog(models.Model):
    class Rating(models.IntegerChoices):
        AGAIN = 1, "Again"
        HARD = 2, "Hard"
        GOOD = 3, "Good"
        EASY = 4, "Easy"

    review_item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="logs")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    reviewed_at = models.DateTimeField()
    due_before = models.DateTimeField()
    due_after = models.DateTimeField()

    class Meta:
        ordering = ["reviewed_at", "id"]

    def __str__(self) -> str:
        return f"{self.review_item} rated {self.get_rating_display()}"
