"""Results for gradebooks: one row per student and quiz, from the student's best attempt."""

from __future__ import annotations

import django_filters
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.fields import CharField
from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, serializers

from api.filters import IdFilter
from api.models import ExternalIdentity
from api.roles import is_integration, is_teacher
from api.schema import example, operation
from classes.selectors import classes_readable
from learning.models import Attempt

TAGS = ["progress"]


def _best_attempt(outer_quiz, outer_student):
    return (
        Attempt.objects.filter(
            quiz=outer_quiz, student=outer_student, state=Attempt.State.SUBMITTED
        )
        .order_by(F("score").desc(nulls_last=True), "-submitted_at", "-id")
        .values("pk")[:1]
    )


def progress_rows(user):
    """The submitted best attempts this user may read: their own, their quizzes' or their
    teachers' quizzes' (integration)."""
    attempts = Attempt.objects.filter(state=Attempt.State.SUBMITTED)
    external_id = Value(None, output_field=CharField())
    if is_integration(user):
        attempts = attempts.filter(quiz__owner__integration_accounts__user=user)
        external_id = Subquery(
            ExternalIdentity.objects.filter(account__user=user, user=OuterRef("student_id")).values(
                "external_id"
            )[:1]
        )
    elif is_teacher(user):
        attempts = attempts.filter(Q(quiz__owner=user) | Q(student=user))
    else:
        attempts = attempts.filter(student=user)
    submitted_count = (
        Attempt.objects.filter(
            quiz=OuterRef("quiz_id"),
            student=OuterRef("student_id"),
            state=Attempt.State.SUBMITTED,
        )
        .values("quiz")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return (
        attempts.filter(pk=Subquery(_best_attempt(OuterRef("quiz_id"), OuterRef("student_id"))))
        .annotate(external_id=external_id, attempt_count=Subquery(submitted_count))
        .select_related("quiz", "student")
        .order_by("quiz_id", "student_id")
    )


class ProgressFilter(django_filters.FilterSet):
    quiz = IdFilter(field_name="quiz_id", help_text="One quiz's class results.")
    student = IdFilter(field_name="student_id", help_text="One student's.")
    completed_after = django_filters.IsoDateTimeFilter(field_name="submitted_at", lookup_expr="gte")

    class Meta:
        model = Attempt
        fields = ["quiz", "student", "completed_after"]

    def filter_class(self, queryset, name, value):
        school_class = classes_readable(user=self.request.user).filter(pk=value).first()
        if school_class is None:
            return queryset.none()
        return queryset.filter(student__enrolments__school_class=school_class)


# `class` is a Python keyword, so this filter is added under its query parameter's name.
ProgressFilter.base_filters["class"] = IdFilter(
    method="filter_class", help_text="The students of one class (a teacher's or its teachers')."
)


@extend_schema_field({"type": "string", "nullable": True})
class NullableText(serializers.CharField):
    pass


class ProgressRowOutputSerializer(serializers.Serializer):
    user_id = serializers.IntegerField(source="student_id")
    username = serializers.CharField(source="student.username")
    external_id = NullableText(
        allow_null=True, help_text="The student's id in the integration's own system, if set."
    )
    quiz = serializers.IntegerField(source="quiz_id")
    quiz_title = serializers.CharField(source="quiz.title")
    attempt = serializers.IntegerField(source="pk", help_text="The best submitted attempt.")
    attempts = serializers.IntegerField(source="attempt_count", help_text="Submitted attempts.")
    score = serializers.FloatField(help_text="Points earned.")
    max_score = serializers.FloatField()
    fraction = serializers.SerializerMethodField(help_text="Score as a fraction, 0 to 1.")
    percentage = serializers.SerializerMethodField(help_text="Score as a percentage, 0 to 100.")
    passed = serializers.BooleanField()
    completed_at = serializers.DateTimeField(source="submitted_at")

    def get_fraction(self, attempt: Attempt) -> float:
        if not attempt.max_score:
            return 0.0
        return round((attempt.score or 0.0) / attempt.max_score, 4)

    def get_percentage(self, attempt: Attempt) -> float:
        return round(100 * self.get_fraction(attempt), 2)


@operation(
    summary="Results for a gradebook",
    description="One row per student and quiz, from the student's best submitted attempt. "
    "Students read their own; teachers their quizzes'; integrations their teachers' quizzes', "
    "with the student's external id. Filter by `quiz` for a quiz's results, by `class` for "
    "one class's students and by `student` for one student's progress.",
    tags=TAGS,
    responses={200: ProgressRowOutputSerializer(many=True)},
    errors=[400, 404],
    examples=[
        example(
            "One row",
            {
                "user_id": 31,
                "username": "amira",
                "external_id": "moodle-1207",
                "quiz": 5,
                "quiz_title": "Russia and the Taliban",
                "attempt": 90,
                "attempts": 2,
                "score": 8.0,
                "max_score": 10.0,
                "fraction": 0.8,
                "percentage": 80.0,
                "passed": True,
                "completed_at": "2025-07-05T08:12:00Z",
            },
        )
    ],
)
class ProgressListApi(generics.ListAPIView):
    queryset = Attempt.objects.none()
    serializer_class = ProgressRowOutputSerializer
    filterset_class = ProgressFilter

    def get_queryset(self):
        return progress_rows(self.request.user)
