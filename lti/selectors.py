"""Reads of the LTI app."""

from __future__ import annotations

from django.db.models import QuerySet

from classes.selectors import classes_taught
from learning.models import Quiz
from lti.models import CourseClass, ScorePassback
from modules.models import Module

UNSENT = (ScorePassback.Status.RETRYING, ScorePassback.Status.FAILED)


def passbacks_unsent(*, school_class) -> QuerySet[ScorePassback]:
    """A class's scores the LMS did not take (yet), with their student and quiz: one query."""
    return (
        ScorePassback.objects.filter(school_class=school_class, status__in=UNSENT)
        .select_related("student", "placement__quiz")
        .order_by("student__username", "placement__quiz__title", "pk")
    )


def passback_for_teacher(*, passback_id: int, teacher) -> ScorePassback:
    """A passback of a class the teacher teaches; raises DoesNotExist."""
    return ScorePassback.objects.get(
        pk=passback_id, school_class__in=classes_taught(teacher=teacher).values("pk")
    )


def deep_link_choices(*, teacher) -> tuple[list[Quiz], list[Module]]:
    """What a teacher may place in an LMS course: their published quizzes and modules."""
    quizzes = Quiz.objects.filter(owner=teacher, is_published=True).order_by("title", "pk")
    modules = Module.objects.filter(owner=teacher, is_published=True).order_by("title", "pk")
    return list(quizzes), list(modules)


def lms_roster_offered(*, school_class) -> bool:
    """Whether the class's LMS course offered its roster (NRPS) in a launch: one query."""
    return (
        CourseClass.objects.filter(school_class=school_class)
        .exclude(context__memberships_url="")
        .exists()
    )
