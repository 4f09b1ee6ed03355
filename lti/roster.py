"""A class's roster from its LMS course (LTI Names and Role Provisioning Services).

The course's membership list is read with the library's NRPS client from the URL the LMS gave
in its launches (django-lti's `sync_memberships` keeps its LtiUser and LtiMembership rows);
then, in the class:

- every active learner is enrolled (source: the LMS), with a Quizgen account made as at a
  first launch, named from the list;
- every active instructor (or other teaching role) becomes a co-teacher;
- a student enrolled from the LMS who is no longer an active learner of the course is taken
  out of the class (their attempts are kept); students who joined by code or roster upload
  stay.

Run from the class's admin page (action "Sync the roster from the LMS") or with
`manage.py sync_lms_rosters`.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests
from django.core.exceptions import ValidationError
from django.db import transaction
from lti_tool.models import LtiMembership
from lti_tool.services.nrps import fetch_member_data
from pylti1p3.exception import LtiException

from classes import services as class_services
from classes.models import Enrolment, SchoolClass
from lti.models import CourseClass
from lti.services import is_teaching_role, lti_user_account

NOT_FROM_AN_LMS = "{school_class} was not made from an LMS course, so it has no LMS roster."
NO_ROSTER_SERVICE = (
    "The LMS has not offered its roster for {school_class} (no Names and Role Provisioning "
    "service in its launches). Turn the service on for the tool in the LMS, then open a link "
    "from the course once."
)
ROSTER_FETCH_FAILED = "The LMS roster of {school_class} could not be read: {error}"
ROSTER_SYNCED = (
    "{school_class}: {enrolled} student(s) enrolled from the LMS ({added} new), {removed} "
    "taken out, {teachers} co-teacher(s) added."
)


@dataclass(frozen=True)
class RosterSync:
    school_class: SchoolClass
    enrolled: int
    added: int
    removed: int
    teachers: int

    def __str__(self) -> str:
        return ROSTER_SYNCED.format(**self.__dict__)


def class_roster_sync(*, school_class: SchoolClass) -> RosterSync:
    """Bring a class's roster in line with its LMS course; raises ValidationError (nothing
    changed) when the course's list cannot be read."""
    link = CourseClass.objects.select_related("context__deployment__registration").filter(
        school_class=school_class
    )
    course = link.first()
    if course is None:
        raise ValidationError(NOT_FROM_AN_LMS.format(school_class=school_class), code="no_lms")
    context = course.context
    if not context.memberships_url:
        raise ValidationError(
            NO_ROSTER_SERVICE.format(school_class=school_class), code="no_roster_service"
        )
    try:
        members = fetch_member_data(context)
    except (LtiException, requests.RequestException, KeyError, ValueError) as error:
        raise ValidationError(
            ROSTER_FETCH_FAILED.format(school_class=school_class, error=error), code="fetch"
        ) from error
    with transaction.atomic():
        context.update_memberships(members)
        return _apply(school_class=school_class, context=context, members=members)


def _apply(*, school_class: SchoolClass, context, members: list[dict]) -> RosterSync:
    active = {m["user_id"]: m for m in members if m.get("status", "Active") == "Active"}
    memberships = LtiMembership.objects.filter(
        context=context, user__sub__in=list(active)
    ).select_related("user__auth_user")
    learners, added, teachers = set(), 0, 0
    for membership in memberships:
        teacher = is_teaching_role(active[membership.user.sub]["roles"])
        user = lti_user_account(lti_user=membership.user, teacher=teacher)
        if teacher:
            if (
                user.pk != school_class.owner_id
                and not school_class.co_teachers.filter(pk=user.pk).exists()
            ):
                school_class.co_teachers.add(user)
                teachers += 1
            continue
        learners.add(user.pk)
        _, created = class_services.enrolment_add(
            school_class=school_class, student=user, source=Enrolment.Source.LMS
        )
        added += created
    gone = school_class.enrolments.filter(source=Enrolment.Source.LMS).exclude(
        student_id__in=learners
    )
    removed = 0
    for enrolment in gone:
        class_services.enrolment_remove(enrolment=enrolment)
        removed += 1
    return RosterSync(
        school_class=school_class,
        enrolled=len(learners),
        added=added,
        removed=removed,
        teachers=teachers,
    )
