"""The one path for changes to classes, enrolments, accommodations and assignments."""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from classes.models import Assignment, Enrolment, SchoolClass
from learning.models import Quiz
from modules.models import Module
from roles.groups import STUDENT_GROUP, is_teacher, role_group

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
JOIN_CODE_LENGTH = 8

CLASS_NAME_REQUIRED = "Give the class a name."
JOIN_CODE_UNKNOWN = "No class has the code “{code}”. Check it with your teacher."
TEACHERS_DO_NOT_JOIN = "Teachers do not join classes with a code; ask the class's teacher."
CO_TEACHER_NOT_TEACHER = "{user} is not a teacher, so cannot co-teach a class."
ASSIGN_QUIZ_OR_MODULE = "Assign either a quiz or a module, not both and not neither."
ASSIGN_NOT_YOURS = "“{item}” belongs to another teacher; a class is assigned its teachers' work."
ASSIGN_TWICE = "“{item}” is already assigned to this class; change that assignment's dates."
ASSIGN_CLOSES_BEFORE_OPENING = "An assignment must close after it opens."
ACCOMMODATION_FACTOR = "The time factor is a number from 1 to 4, such as 1.25 or 1.5."
ROSTER_EMPTY = "The roster has no student rows."
ROSTER_NO_USERNAME_COLUMN = (
    "The roster's first line must name its columns, one of them “username” "
    "(optional: email, first_name, last_name)."
)
ROSTER_LINE = "Line {line}: {problem}"
ROSTER_MISSING_USERNAME = "no username."
ROSTER_BAD_USERNAME = "“{username}” is not a valid username (letters, digits and @ . + - _)."
ROSTER_BAD_EMAIL = "“{email}” is not an e-mail address."
ROSTER_STAFF = "“{username}” is a staff account, not a student."
ROSTER_DUPLICATE = "“{username}” appears twice."
ROSTER_NOT_TEXT = "The roster must be a CSV file in UTF-8."


def _new_join_code() -> str:
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if not SchoolClass.objects.filter(join_code=code).exists():
            return code


def normalise_join_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


def _check_co_teachers(co_teachers: list[AbstractBaseUser]) -> None:
    for user in co_teachers:
        if not is_teacher(user):
            raise ValidationError(CO_TEACHER_NOT_TEACHER.format(user=user), code="not_teacher")


@transaction.atomic
def class_save(
    *, school_class: SchoolClass, co_teachers: Iterable[AbstractBaseUser] | None = None
) -> SchoolClass:
    """Create or change a class (its owner set); a new class gets a join code."""
    school_class.name = school_class.name.strip()
    school_class.term = school_class.term.strip()
    if not school_class.name:
        raise ValidationError(CLASS_NAME_REQUIRED, code="name")
    co_teachers = (
        None
        if co_teachers is None
        else [user for user in co_teachers if user.pk != school_class.owner_id]
    )
    if co_teachers:
        _check_co_teachers(co_teachers)
    if not school_class.join_code:
        school_class.join_code = _new_join_code()
    school_class.full_clean()
    school_class.save()
    if co_teachers is not None:
        school_class.co_teachers.set(co_teachers)
    return school_class


def class_create(
    *,
    owner: AbstractBaseUser,
    name: str,
    term: str = "",
    co_teachers: Iterable[AbstractBaseUser] = (),
) -> SchoolClass:
    return class_save(
        school_class=SchoolClass(owner=owner, name=name, term=term), co_teachers=co_teachers
    )


@transaction.atomic
def class_join_code_renew(*, school_class: SchoolClass) -> SchoolClass:
    """A new join code (the old one stops working); enrolled students stay."""
    school_class.join_code = _new_join_code()
    school_class.save(update_fields=["join_code"])
    return school_class


def enrolment_add(
    *, school_class: SchoolClass, student: AbstractBaseUser, source: str = Enrolment.Source.ROSTER
) -> tuple[Enrolment, bool]:
    """Enrol `student` (once); returns the enrolment and whether it is new."""
    try:
        with transaction.atomic():
            return Enrolment.objects.get_or_create(
                school_class=school_class, student=student, defaults={"source": source}
            )
    except IntegrityError:
        return Enrolment.objects.get(school_class=school_class, student=student), False


def class_join(*, student: AbstractBaseUser, code: str) -> tuple[Enrolment, bool]:
    """A student enrols with a class's join code; joining again changes nothing."""
    normalised = normalise_join_code(code)
    school_class = SchoolClass.objects.filter(join_code=normalised).first() if normalised else None
    if school_class is None:
        raise ValidationError(JOIN_CODE_UNKNOWN.format(code=code.strip()), code="unknown_code")
    if student.is_staff:
        raise ValidationError(TEACHERS_DO_NOT_JOIN, code="teacher")
    return enrolment_add(
        school_class=school_class, student=student, source=Enrolment.Source.JOIN_CODE
    )


@transaction.atomic
def enrolment_remove(*, enrolment: Enrolment) -> None:
    """Take a student out of a class; their attempts and progress are kept."""
    enrolment.delete()


@transaction.atomic
def enrolment_set_accommodations(
    *,
    enrolment: Enrolment,
    time_factor: Decimal | str | float = Decimal("1"),
    extra_minutes: int = 0,
    extra_attempts: int = 0,
) -> Enrolment:
    """Extra time (a factor on the time limit, then minutes added) and extra attempts.

    Applied by `learning.services.attempt_start` to every quiz the class is assigned; an
    attempt already started keeps its deadline.
    """
    try:
        factor = Decimal(str(time_factor)).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValidationError(ACCOMMODATION_FACTOR, code="time_factor") from None
    if not Decimal("1") <= factor <= Decimal("4"):
        raise ValidationError(ACCOMMODATION_FACTOR, code="time_factor")
    enrolment.time_factor = factor
    enrolment.extra_minutes = int(extra_minutes)
    enrolment.extra_attempts = int(extra_attempts)
    enrolment.full_clean()
    enrolment.save(update_fields=["time_factor", "extra_minutes", "extra_attempts"])
    return enrolment


@dataclass(frozen=True)
class RosterResult:
    created: list[str]
    enrolled: list[str]
    already: list[str]


_ROSTER_COLUMNS = ("username", "email", "first_name", "last_name")


def _roster_rows(text: str) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    if "username" not in header:
        raise ValidationError(ROSTER_NO_USERNAME_COLUMN, code="roster_header")
    reader.fieldnames = header
    rows = []
    for row in reader:
        cleaned = {key: (row.get(key) or "").strip() for key in _ROSTER_COLUMNS}
        if any(cleaned.values()):
            rows.append((reader.line_num, cleaned))
    if not rows:
        raise ValidationError(ROSTER_EMPTY, code="roster_empty")
    return rows


def class_roster_import(*, school_class: SchoolClass, content: bytes | str) -> RosterResult:
    """Enrol the students of a roster CSV (username, email, first_name, last_name).

    Accounts that do not exist yet are created without a password (the student sets one
    through a reset, or signs in from the LMS). Every line is checked first: with any error
    nothing is saved and every wrong line is named.
    """
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(ROSTER_NOT_TEXT, code="roster_encoding") from None
    rows = _roster_rows(content)
    user_model = get_user_model()
    username_field = user_model._meta.get_field(user_model.USERNAME_FIELD)
    existing = {
        user.get_username(): user
        for user in user_model.objects.filter(
            **{f"{user_model.USERNAME_FIELD}__in": [row["username"] for _, row in rows]}
        )
    }
    problems, seen = [], set()
    for line, row in rows:
        username = row["username"]
        problem = None
        if not username:
            problem = ROSTER_MISSING_USERNAME
        elif username in seen:
            problem = ROSTER_DUPLICATE.format(username=username)
        elif username in existing and existing[username].is_staff:
            problem = ROSTER_STAFF.format(username=username)
        else:
            try:
                for validator in username_field.validators:
                    validator(username)
                if len(username) > username_field.max_length:
                    raise ValidationError("too long")
            except ValidationError:
                problem = ROSTER_BAD_USERNAME.format(username=username)
        if problem is None and row["email"]:
            try:
                validate_email(row["email"])
            except ValidationError:
                problem = ROSTER_BAD_EMAIL.format(email=row["email"])
        seen.add(username)
        if problem:
            problems.append(ROSTER_LINE.format(line=line, problem=problem))
    if problems:
        raise ValidationError(problems, code="roster_rows")
    created, enrolled, already = [], [], []
    with transaction.atomic():
        students_group = role_group(STUDENT_GROUP)
        for _, row in rows:
            user = existing.get(row["username"])
            if user is None:
                user = user_model(
                    **{user_model.USERNAME_FIELD: row["username"]},
                    email=row["email"],
                    first_name=row["first_name"],
                    last_name=row["last_name"],
                )
                user.set_unusable_password()
                user.save()
                user.groups.add(students_group)
                created.append(row["username"])
            _, new = enrolment_add(
                school_class=school_class, student=user, source=Enrolment.Source.ROSTER
            )
            (enrolled if new else already).append(row["username"])
    return RosterResult(created=created, enrolled=enrolled, already=already)


def teaches(school_class: SchoolClass, owner_id: int) -> bool:
    """Whether the user of `owner_id` owns or co-teaches the class."""
    return (
        owner_id == school_class.owner_id or school_class.co_teachers.filter(pk=owner_id).exists()
    )


def _check_dates(opens_at: datetime | None, closes_at: datetime | None) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise ValidationError(ASSIGN_CLOSES_BEFORE_OPENING, code="dates")


def assignment_check(
    *,
    school_class: SchoolClass,
    quiz: Quiz | None,
    module: Module | None,
    opens_at: datetime | None,
    closes_at: datetime | None,
) -> None:
    """What `assignment_create` refuses, for forms to show before saving anything."""
    if (quiz is None) == (module is None):
        raise ValidationError(ASSIGN_QUIZ_OR_MODULE, code="quiz_or_module")
    item = quiz or module
    if school_class.pk and not teaches(school_class, item.owner_id):
        raise ValidationError(ASSIGN_NOT_YOURS.format(item=item), code="not_yours")
    _check_dates(opens_at, closes_at)
    lookup = {"quiz": quiz} if quiz is not None else {"module": module}
    if school_class.pk and Assignment.objects.filter(school_class=school_class, **lookup).exists():
        raise ValidationError(ASSIGN_TWICE.format(item=item), code="twice")


@transaction.atomic
def assignment_create(
    *,
    school_class: SchoolClass,
    quiz: Quiz | None = None,
    module: Module | None = None,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
) -> Assignment:
    """Set a quiz or a module (one of its teachers') for a class, with its own dates."""
    assignment_check(
        school_class=school_class, quiz=quiz, module=module, opens_at=opens_at, closes_at=closes_at
    )
    lookup = {"quiz": quiz} if quiz is not None else {"module": module}
    return Assignment.objects.create(
        school_class=school_class, opens_at=opens_at, closes_at=closes_at, **lookup
    )


@transaction.atomic
def assignment_update(
    *, assignment: Assignment, opens_at: datetime | None, closes_at: datetime | None
) -> Assignment:
    _check_dates(opens_at, closes_at)
    assignment.opens_at, assignment.closes_at = opens_at, closes_at
    assignment.save(update_fields=["opens_at", "closes_at"])
    return assignment


@transaction.atomic
def assignment_delete(*, assignment: Assignment) -> None:
    """Stop assigning; attempts already made are kept."""
    assignment.delete()
