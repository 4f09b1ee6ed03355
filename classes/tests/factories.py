"""Test helpers: a class of the item's teacher with the given students, assigned the item."""

from __future__ import annotations

from classes import services
from classes.models import SchoolClass


def class_with(*students, owner=None, name: str = "Class 7B", term: str = "Autumn") -> SchoolClass:
    school_class = services.class_create(owner=owner, name=name, term=term)
    for student in students:
        services.enrolment_add(school_class=school_class, student=student)
    return school_class


def assign(item, *students, opens_at=None, closes_at=None, school_class=None) -> SchoolClass:
    """Assign `item` (a quiz or a module) to a class of its teacher holding `students`."""
    school_class = school_class or class_with(*students, owner=item.owner)
    if school_class.pk and students:
        for student in students:
            services.enrolment_add(school_class=school_class, student=student)
    kind = "module" if item._meta.model_name == "module" else "quiz"
    services.assignment_create(
        school_class=school_class, opens_at=opens_at, closes_at=closes_at, **{kind: item}
    )
    return school_class


def enrol_for(item, *students) -> SchoolClass:
    """Put `students` in a class of the item's teacher that is assigned `item` (made once)."""
    from classes.models import Assignment

    kind = "module" if item._meta.model_name == "module" else "quiz"
    assignment = (
        Assignment.objects.filter(**{kind: item}, school_class__owner_id=item.owner_id)
        .select_related("school_class")
        .first()
    )
    if assignment is None:
        return assign(item, *students)
    for student in students:
        services.enrolment_add(school_class=assignment.school_class, student=student)
    return assignment.school_class
