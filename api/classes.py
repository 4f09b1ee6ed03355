"""Classes for teachers and integrations: the class list, one class's roster and assignments,
and its results (each student's best score on every assigned quiz, status in every module).

Teachers read the classes they own or co-teach; integrations their teachers' classes.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api.roles import IsTeacher, IsTeacherOrIntegration
from api.schema import example, operation
from classes import selectors, services
from classes.models import SchoolClass
from classes.results import class_results
from learning.models import Quiz
from modules.models import Module

TAGS = ["classes"]

CLASS_EXAMPLE = {
    "id": 4,
    "name": "History 7B",
    "term": "Autumn 2025",
    "owner": "alice",
    "student_count": 27,
    "assignment_count": 2,
}


class ClassOutputSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.username")
    student_count = serializers.IntegerField()
    assignment_count = serializers.IntegerField()

    class Meta:
        model = SchoolClass
        fields = ["id", "name", "term", "owner", "student_count", "assignment_count"]


@operation(
    summary="List classes",
    description="A teacher's classes (owned or co-taught); an integration's teachers' classes.",
    tags=TAGS,
    responses={200: ClassOutputSerializer(many=True)},
    errors=[403, 404],
    examples=[example("A page of classes", CLASS_EXAMPLE)],
)
class ClassListApi(generics.ListAPIView):
    queryset = SchoolClass.objects.none()
    permission_classes = [IsTeacherOrIntegration]
    serializer_class = ClassOutputSerializer

    def get_queryset(self):
        return selectors.classes_readable(user=self.request.user).order_by("name", "term", "id")


class EnrolmentOutputSerializer(serializers.Serializer):
    user_id = serializers.IntegerField(source="student_id")
    username = serializers.CharField(source="student.username")
    source = serializers.CharField()
    time_factor = serializers.FloatField()
    extra_minutes = serializers.IntegerField()
    extra_attempts = serializers.IntegerField()


class AssignmentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    quiz = serializers.IntegerField(source="quiz_id", allow_null=True)
    module = serializers.IntegerField(source="module_id", allow_null=True)
    title = serializers.SerializerMethodField()
    opens_at = serializers.DateTimeField(allow_null=True)
    closes_at = serializers.DateTimeField(allow_null=True)

    def get_title(self, assignment) -> str:
        return str(assignment.item)


class ClassDetailOutputSerializer(ClassOutputSerializer):
    students = EnrolmentOutputSerializer(source="enrolments", many=True)
    assignments = AssignmentOutputSerializer(many=True)

    class Meta(ClassOutputSerializer.Meta):
        fields = [*ClassOutputSerializer.Meta.fields, "students", "assignments"]


def _class(request, class_id: int) -> SchoolClass:
    try:
        return selectors.class_detail(school_class_id=class_id, user=request.user)
    except SchoolClass.DoesNotExist:
        raise Http404 from None


@operation(
    summary="One class: its students (with accommodations) and assignments",
    tags=TAGS,
    responses={200: ClassDetailOutputSerializer},
    errors=[403, 404],
    examples=[
        example(
            "A class",
            {
                **CLASS_EXAMPLE,
                "students": [
                    {
                        "user_id": 31,
                        "username": "amira",
                        "source": "join_code",
                        "time_factor": 1.5,
                        "extra_minutes": 0,
                        "extra_attempts": 1,
                    }
                ],
                "assignments": [
                    {
                        "id": 9,
                        "quiz": 5,
                        "module": None,
                        "title": "Russia and the Taliban",
                        "opens_at": None,
                        "closes_at": "2025-07-20T18:00:00Z",
                    }
                ],
            },
        )
    ],
)
class ClassDetailApi(APIView):
    permission_classes = [IsTeacherOrIntegration]

    def get(self, request, class_id: int):
        return Response(ClassDetailOutputSerializer(_class(request, class_id)).data)


class QuizResultSerializer(serializers.Serializer):
    quiz = serializers.IntegerField()
    attempts = serializers.IntegerField()
    best_percent = serializers.FloatField(allow_null=True)
    passed = serializers.BooleanField()


class ModuleResultSerializer(serializers.Serializer):
    module = serializers.IntegerField()
    status = serializers.CharField()


class ClassResultRowSerializer(serializers.Serializer):
    user_id = serializers.IntegerField()
    username = serializers.CharField()
    quizzes = QuizResultSerializer(many=True)
    modules = ModuleResultSerializer(many=True)


@operation(
    summary="A class's results",
    description="One row per student: best score and attempts on every assigned quiz (no "
    "attempt: 0 attempts, best null) and status in every assigned module.",
    tags=TAGS,
    responses={200: ClassResultRowSerializer(many=True)},
    errors=[403, 404],
    examples=[
        example(
            "One student",
            [
                {
                    "user_id": 31,
                    "username": "amira",
                    "quizzes": [{"quiz": 5, "attempts": 2, "best_percent": 80.0, "passed": True}],
                    "modules": [{"module": 3, "status": "completed"}],
                }
            ],
        )
    ],
)
class ClassResultsApi(APIView):
    permission_classes = [IsTeacherOrIntegration]

    def get(self, request, class_id: int):
        results = class_results(school_class=_class(request, class_id))
        rows = []
        for row in results.rows:
            rows.append(
                {
                    "user_id": row.student.pk,
                    "username": row.student.get_username(),
                    "quizzes": [
                        {
                            "quiz": assignment.quiz_id,
                            "attempts": cell.attempts if cell else 0,
                            "best_percent": cell.best if cell else None,
                            "passed": bool(cell and cell.passed),
                        }
                        for assignment, cell in zip(
                            results.quiz_assignments, row.quizzes, strict=True
                        )
                    ],
                    "modules": [
                        {"module": summary.module.pk, "status": summary.status}
                        for summary in row.modules
                    ],
                }
            )
        return Response(ClassResultRowSerializer(rows, many=True).data)


class AssignmentCreateInputSerializer(serializers.Serializer):
    quiz = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    module = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    opens_at = serializers.DateTimeField(required=False, allow_null=True)
    closes_at = serializers.DateTimeField(required=False, allow_null=True)


@operation(
    summary="Assign a quiz or a module to a class",
    description="One of `quiz` or `module` (a quiz or module of one of the class's teachers), "
    "with optional opening and closing dates (empty: the quiz's own). For the class's "
    "teachers; refused for a quiz or module already assigned to it.",
    tags=TAGS,
    request=AssignmentCreateInputSerializer,
    responses={201: AssignmentOutputSerializer},
    errors=[400, 403, 404],
    examples=[
        example("Assign a quiz", {"quiz": 5, "closes_at": "2025-07-20T18:00:00Z"}, request=True),
        example(
            "Assigned",
            {
                "id": 9,
                "quiz": 5,
                "module": None,
                "title": "Russia and the Taliban",
                "opens_at": None,
                "closes_at": "2025-07-20T18:00:00Z",
            },
            status=201,
        ),
    ],
)
class ClassAssignApi(APIView):
    permission_classes = [IsTeacher]

    def post(self, request, class_id: int):
        school_class = _class(request, class_id)
        data = AssignmentCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        quiz = module = None
        if values.get("quiz"):
            quiz = Quiz.objects.filter(pk=values["quiz"]).first()
            if quiz is None:
                raise Http404
        if values.get("module"):
            module = Module.objects.filter(pk=values["module"]).first()
            if module is None:
                raise Http404
        try:
            assignment = services.assignment_create(
                school_class=school_class,
                quiz=quiz,
                module=module,
                opens_at=values.get("opens_at"),
                closes_at=values.get("closes_at"),
            )
        except DjangoValidationError as error:
            raise ValidationError({"non_field_errors": error.messages}) from None
        return Response(AssignmentOutputSerializer(assignment).data, status=201)
