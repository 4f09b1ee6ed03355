"""What a validated LTI launch does in Quizgen: the user, their role, the course's class, the
link's quiz or module, and where the user lands.

The launch itself (OIDC login, state, nonce, signature, audience, deployment, expiry) is
validated by pylti1p3 through django-lti before anything here runs.

- The user is found by (registration, `sub`), django-lti's LtiUser; the first launch creates a
  Quizgen account (no password) with the name and e-mail of the claims when present. A
  teacher's first launch from a platform trusted for it (PlatformTrust) opens instead the one
  existing teacher account with that e-mail (never an administrator's).
- LMS roles: Instructor, Administrator, ContentDeveloper or TeachingAssistant (context or
  institution) make a teacher (staff, Teacher group); anything else a student.
- The context (course) is a class: made at the first launch, owned by the first teacher (or,
  when a student comes first to a placed quiz, by the quiz's teacher); later teachers become
  co-teachers; students are enrolled from the LMS.
- The link opens the quiz or module given by the custom parameter `quiz=<id>` or `module=<id>`
  (or remembered from an earlier launch of the same link); it is assigned to the class when
  its teacher teaches the class.
- A student lands on the quiz's or module's page, a teacher on the class's results.
- A deep-linking launch (a teacher adding an activity in the LMS) lets the teacher pick one
  of their published quizzes or modules; the LMS gets an LTI resource link to the launch URL
  with the custom parameter `quiz=<id>` or `module=<id>`, and for a quiz a line item of the
  quiz's points, so the LMS makes it a graded column.
- A graded link (the launch's AGS claim has a line item and the score scope) remembers its
  line item; the quiz's scores are sent to it (`lti.grades`).
"""

from __future__ import annotations

import hashlib

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.lineitem import LineItem

from classes import services as class_services
from classes.models import Assignment, Enrolment, SchoolClass
from learning.models import Quiz
from lti.models import CourseClass, Placement, PlatformTrust
from modules.models import Module
from roles.groups import STUDENT_GROUP, TEACHER_GROUP, role_group

AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
TEACHING_ROLES = ("Instructor", "Administrator", "ContentDeveloper", "TeachingAssistant")

NO_CONTEXT = "This link was not launched from a course, so Quizgen cannot tell which class it is."
NOT_SET_UP = (
    "Your teacher has not set up this link in Quizgen yet. Ask them to open it once from the "
    "course."
)
UNKNOWN_ITEM = "This link opens a quiz or module that no longer exists in Quizgen."
NOT_TEACHERS_ITEM = "This link opens a quiz or module of another teacher, not of this course's."
DEEP_LINK_TEACHERS_ONLY = "Only a teacher of the course adds Quizgen activities to it."
NOT_YOURS_TO_PLACE = "Choose one of your published quizzes or modules."


def is_teaching_role(roles: list[str]) -> bool:
    """Whether LMS role URIs (`.../membership#Instructor`, `.../institution/person#Administrator`)
    name a teaching role."""
    return any(role.rsplit("#", 1)[-1] in TEACHING_ROLES for role in roles)


def _username(registration_id: int, sub: str) -> str:
    digest = hashlib.sha256(f"{registration_id}:{sub}".encode()).hexdigest()[:20]
    return f"lti-{registration_id}-{digest}"


def _teacher_by_email(lti_user):
    """The one existing teacher account with the launch's e-mail, when the platform is trusted
    for that (PlatformTrust); never an administrator's, nor a student's."""
    trusted = PlatformTrust.objects.filter(
        registration_id=lti_user.registration_id, link_teachers_by_email=True
    ).exists()
    if not trusted or not lti_user.email:
        return None
    matches = list(
        get_user_model().objects.filter(
            email__iexact=lti_user.email, is_staff=True, is_superuser=False, is_active=True
        )[:2]
    )
    return matches[0] if len(matches) == 1 else None


def lti_user_account(*, lti_user, teacher: bool):
    """The Quizgen account of an LtiUser, made at the first launch; claims refresh the name."""
    user_model = get_user_model()
    user = lti_user.auth_user
    if user is None and teacher:
        user = _teacher_by_email(lti_user)
        if user is not None:
            lti_user.auth_user = user
            lti_user.save(update_fields=["auth_user"])
    if user is None:
        user = user_model(
            username=_username(lti_user.registration_id, lti_user.sub),
            email=lti_user.email,
            first_name=lti_user.given_name[:150],
            last_name=lti_user.family_name[:150],
            is_staff=teacher,
        )
        user.set_unusable_password()
        user.save()
        lti_user.auth_user = user
        lti_user.save(update_fields=["auth_user"])
    else:
        changed = False
        for field, value in (
            ("email", lti_user.email),
            ("first_name", lti_user.given_name[:150]),
            ("last_name", lti_user.family_name[:150]),
        ):
            if value and getattr(user, field) != value:
                setattr(user, field, value)
                changed = True
        if teacher and not user.is_staff:
            user.is_staff, changed = True, True
        if changed:
            user.save()
    user.groups.add(role_group(TEACHER_GROUP if teacher else STUDENT_GROUP))
    return user


def _placed_item(*, resource_link, custom: dict):
    placement = Placement.objects.filter(resource_link=resource_link).first()
    if placement is not None:
        return placement.quiz or placement.module
    if custom.get("quiz"):
        item = Quiz.objects.filter(pk=str(custom["quiz"]).strip() or 0).first()
    elif custom.get("module"):
        item = Module.objects.filter(pk=str(custom["module"]).strip() or 0).first()
    else:
        return None
    if item is None:
        raise ValidationError(UNKNOWN_ITEM, code="unknown_item")
    return item


def _course_class(*, context, user, teacher: bool, item) -> SchoolClass:
    link = CourseClass.objects.select_related("school_class").filter(context=context).first()
    if link is not None:
        school_class = link.school_class
        if teacher and user.pk != school_class.owner_id:
            school_class.co_teachers.add(user)
        return school_class
    owner = user if teacher else (item.owner if item is not None else None)
    if owner is None:
        raise ValidationError(NOT_SET_UP, code="not_set_up")
    school_class = class_services.class_create(
        owner=owner, name=context.title or context.label or "LMS course", term="LMS"
    )
    if teacher and owner.pk != user.pk:
        school_class.co_teachers.add(user)
    CourseClass.objects.create(context=context, school_class=school_class)
    return school_class


def _line_item_url(claims: dict) -> str:
    """The link's gradebook column, when the LMS lets the tool post scores to it."""
    endpoint = claims.get(AGS_CLAIM) or {}
    if SCORE_SCOPE not in endpoint.get("scope", []):
        return ""
    return str(endpoint.get("lineitem") or "")[:1000]


@transaction.atomic
def lti_launch_accept(*, lti_launch) -> tuple:
    """Apply a validated resource-link launch; returns (user, landing URL)."""
    claims = lti_launch.get_launch_data()
    roles = claims.get("https://purl.imsglobal.org/spec/lti/claim/roles", [])
    teacher = is_teaching_role(roles)
    user = lti_user_account(lti_user=lti_launch.user, teacher=teacher)
    context = lti_launch.context
    if context is None:
        raise ValidationError(NO_CONTEXT, code="no_context")
    custom = claims.get("https://purl.imsglobal.org/spec/lti/claim/custom") or {}
    resource_link = lti_launch.resource_link
    item = _placed_item(resource_link=resource_link, custom=custom)
    school_class = _course_class(context=context, user=user, teacher=teacher, item=item)
    if not teacher:
        class_services.enrolment_add(
            school_class=school_class, student=user, source=Enrolment.Source.LMS
        )
    if item is not None:
        if not class_services.teaches(school_class, item.owner_id):
            raise ValidationError(NOT_TEACHERS_ITEM, code="not_teachers_item")
        kind = "quiz" if isinstance(item, Quiz) else "module"
        placement, _ = Placement.objects.get_or_create(
            resource_link=resource_link, defaults={kind: item}
        )
        line_item_url = _line_item_url(claims) if kind == "quiz" else ""
        if placement.line_item_url != line_item_url:
            placement.line_item_url = line_item_url
            placement.save(update_fields=["line_item_url"])
        if not Assignment.objects.filter(school_class=school_class, **{kind: item}).exists():
            class_services.assignment_create(school_class=school_class, **{kind: item})
    if teacher:
        return user, reverse("classes:teach_class", args=[school_class.pk])
    if item is None:
        raise ValidationError(NOT_SET_UP, code="not_set_up")
    if isinstance(item, Quiz):
        return user, reverse("learning:quiz_intro", args=[item.pk])
    return user, reverse("modules:study", args=[item.pk])


@transaction.atomic
def lti_deep_link_accept(*, lti_launch):
    """Apply a validated deep-linking launch: only a teacher; returns their account (the
    course becomes their class as in a resource-link launch)."""
    claims = lti_launch.get_launch_data()
    if not is_teaching_role(claims.get("https://purl.imsglobal.org/spec/lti/claim/roles", [])):
        raise ValidationError(DEEP_LINK_TEACHERS_ONLY, code="teachers_only")
    user = lti_user_account(lti_user=lti_launch.user, teacher=True)
    if lti_launch.context is None:
        raise ValidationError(NO_CONTEXT, code="no_context")
    _course_class(context=lti_launch.context, user=user, teacher=True, item=None)
    return user


def deep_link_resource(*, teacher, kind: str, item_id, launch_url: str) -> DeepLinkResource:
    """The content item for one of the teacher's published quizzes or modules."""
    model = {"quiz": Quiz, "module": Module}.get(kind)
    item = None
    if model is not None and str(item_id).isdigit():
        item = model.objects.filter(pk=int(item_id), owner=teacher, is_published=True).first()
    if item is None:
        raise ValidationError(NOT_YOURS_TO_PLACE, code="not_yours")
    resource = (
        DeepLinkResource()
        .set_title(item.title)
        .set_url(launch_url)
        .set_custom_params({kind: str(item.pk)})
    )
    points = sum(entry.points for entry in item.quiz_questions.all()) if kind == "quiz" else 0
    if points > 0:
        resource.set_lineitem(
            LineItem()
            .set_label(item.title)
            .set_score_maximum(points)
            .set_resource_id(f"quiz-{item.pk}")
        )
    return resource
