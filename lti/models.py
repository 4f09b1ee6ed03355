"""What Quizgen keeps of an LMS beside django-lti's own records (registrations, deployments,
users, contexts, resource links): which class a course is, and what a link opens."""

from django.db import models
from django.db.models import Q
from lti_tool.models import LtiContext, LtiResourceLink

from classes.models import SchoolClass
from learning.models import Quiz
from modules.models import Module


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
