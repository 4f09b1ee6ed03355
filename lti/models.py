"""What Quizgen keeps of an LMS beside django-lti's own records (registrations, deployments,
users, contexts, resource links): which class a course is, what a link opens, and each score
sent back to the LMS's gradebook."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from lti_tool.models import LtiContext, LtiRegistration, LtiResourceLink, LtiUser

from classes.models import SchoolClass
from learning.models import Quiz
from modules.models import Module


class PlatformTrust(models.Model):
    """What Quizgen takes on trust from one registered LMS, beyond the signed launch."""

    registration = models.OneToOneField(
        LtiRegistration, on_delete=models.CASCADE, related_name="quizgen_trust"
    )
    link_teachers_by_email = models.BooleanField(
        "link teachers by e-mail",
        default=False,
        help_text=(
            "A teacher's first launch from this LMS opens the existing Quizgen teacher account "
            "with the same e-mail address, instead of a new account. Tick it only for an LMS "
            "whose e-mail addresses are verified (the school's own), as anyone this LMS calls "
            "a teacher with that address gets that account. Administrators' accounts are "
            "never linked."
        ),
    )

    class Meta:
        verbose_name = "Quizgen trust"
        verbose_name_plural = "Quizgen trust"

    def __str__(self) -> str:
        return f"{self.registration}: link teachers by e-mail {self.link_teachers_by_email}"


class CourseClass(models.Model):
    """An LMS course (its LTI context) and the Quizgen class it is."""

    context = models.OneToOneField(
        LtiContext, on_delete=models.CASCADE, related_name="quizgen_class"
    )
    school_class = models.OneToOneField(
        SchoolClass, on_delete=models.CASCADE, related_name="lms_course"
    )

    def __str__(self) -> str:
        return f"{self.context} → {self.school_class}"


class Placement(models.Model):
    """An LMS link (its LTI resource link) and the quiz or module it opens."""

    resource_link = models.OneToOneField(
        LtiResourceLink, on_delete=models.CASCADE, related_name="quizgen_placement"
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, null=True, blank=True)
    module = models.ForeignKey(Module, on_delete=models.CASCADE, null=True, blank=True)
    # The gradebook column (AGS line item) the LMS gave this link in its last launch; blank
    # when the link is not graded.
    line_item_url = models.URLField(max_length=1000, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(quiz__isnull=False, module__isnull=True)
                | Q(quiz__isnull=True, module__isnull=False),
                name="placement_quiz_or_module",
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource_link} → {self.quiz or self.module}"


class ScorePassback(models.Model):
    """A student's score on a placed quiz, to be (or as last) sent to the link's line item."""

    class Status(models.TextChoices):
        PENDING = "pending", "waiting to be sent"
        RETRYING = "retrying", "failed, trying again"
        SENT = "sent", "sent"
        FAILED = "failed", "failed"

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="passbacks")
    lti_user = models.ForeignKey(LtiUser, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="score_passbacks"
    )
    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, related_name="score_passbacks"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    tries = models.PositiveSmallIntegerField(default=0)
    reason = models.TextField(blank=True)
    score_given = models.FloatField(null=True, blank=True)
    score_maximum = models.FloatField(null=True, blank=True)
    requested_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "lti_user"], name="one_passback_per_link_and_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.student} · {self.placement.quiz} · {self.get_status_display()}"
