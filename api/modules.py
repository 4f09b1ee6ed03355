"""Learning module operations of the API: modules, study materials, flashcard reviews, progress.

Students see the published modules assigned to their classes; the module's teacher also
sees it unpublished; an integration sees its teachers' published modules. Nothing here
carries a quiz question's answer: the quiz is described by its settings and question count.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.roles import IsLearner, IsTeacher
from api.schema import example, operation
from classes.selectors import classes_taught, modules_visible_filter
from learning.models import ReviewLog
from modules import materials, selectors, services
from modules.models import Flashcard, Module


def _owns(user, module: Module) -> bool:
    return user.is_superuser or (user.is_staff and module.owner_id == user.pk)


TAGS = ["modules"]

MODULE_EXAMPLE = {
    "id": 3,
    "title": "Russia and the Taliban",
    "description": "Read, review the key facts, then take the quiz.",
    "published_at": "2025-07-04T10:00:00Z",
    "quiz_id": 5,
    "show_timeline": True,
    "show_key_figures": True,
    "show_whos_who": True,
    "show_flashcards": True,
    "completion_rule": "quiz_passed",
}
FLASHCARD_EXAMPLE = {
    "id": 12,
    "front": "When did this happen? The Soviet Union invaded Afghanistan.",
    "back": "1979",
    "sentence": "In 1979, the Soviet Union invaded Afghanistan.",
}
PROGRESS_EXAMPLE = {
    "module": 3,
    "status": "studying",
    "status_label": "Studying",
    "flashcards": 27,
    "flashcards_reviewed": 5,
    "flashcards_due": 22,
    "retention_estimate": 0.18,
    "quiz_attempts": 0,
    "quiz_best_percent": None,
    "quiz_passed": False,
    "started_at": "2025-07-05T08:00:00Z",
    "completed_at": None,
}


def _module(request, module_id: int) -> Module:
    user = request.user
    visible = Q() if user.is_superuser else modules_visible_filter(user=user)
    module = Module.objects.select_related("quiz", "owner").filter(visible, pk=module_id).first()
    if module is None:
        raise Http404
    return module


class ModuleQuizSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    pass_mark = serializers.IntegerField()
    question_count = serializers.IntegerField()


class ModuleListOutputSerializer(serializers.ModelSerializer):
    document_count = serializers.IntegerField()
    flashcard_count = serializers.IntegerField()

    class Meta:
        model = Module
        fields = [
            "id",
            "title",
            "description",
            "published_at",
            "quiz_id",
            "document_count",
            "flashcard_count",
            "show_timeline",
            "show_key_figures",
            "show_whos_who",
            "show_flashcards",
            "completion_rule",
        ]


@operation(
    summary="List published learning modules",
    description="Newest first, with their number of documents and of usable flashcards.",
    tags=TAGS,
    responses={200: ModuleListOutputSerializer(many=True)},
    errors=[404],
    examples=[
        example("A page of modules", {**MODULE_EXAMPLE, "document_count": 1, "flashcard_count": 27})
    ],
)
class ModuleListApi(generics.ListAPIView):
    queryset = Module.objects.none()
    permission_classes = [IsAuthenticated]
    serializer_class = ModuleListOutputSerializer

    def get_queryset(self):
        return selectors.module_list_visible(user=self.request.user).annotate(
            document_count=Count("module_documents", distinct=True),
            flashcard_count=Count(
                "flashcards",
                filter=Q(flashcards__stale=False, flashcards__fact__hidden=False),
                distinct=True,
            ),
        )


class ModuleDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)


class ModuleDetailOutputSerializer(serializers.ModelSerializer):
    documents = ModuleDocumentSerializer(many=True)
    quiz = ModuleQuizSerializer(allow_null=True)

    class Meta:
        model = Module
        fields = [
            "id",
            "title",
            "description",
            "published_at",
            "documents",
            "quiz",
            "show_timeline",
            "show_key_figures",
            "show_whos_who",
            "show_flashcards",
            "completion_rule",
        ]


@operation(
    summary="A learning module",
    description="Its documents and its quiz's settings; never a question or an answer.",
    tags=TAGS,
    responses={200: ModuleDetailOutputSerializer},
    errors=[404],
    examples=[
        example(
            "A module",
            {
                **{key: value for key, value in MODULE_EXAMPLE.items() if key != "quiz_id"},
                "documents": [
                    {
                        "id": 1,
                        "title": "Russia recognises the Taliban",
                        "published_on": "2025-07-03",
                    }
                ],
                "quiz": {"id": 5, "title": "The demo quiz", "pass_mark": 60, "question_count": 15},
            },
        )
    ],
)
class ModuleDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, module_id: int):
        module = _module(request, module_id)
        quiz = None
        if module.quiz is not None:
            quiz = {
                "id": module.quiz.pk,
                "title": module.quiz.title,
                "pass_mark": module.quiz.pass_mark,
                "question_count": module.quiz.quiz_questions.count(),
            }
        data = {
            **{name: getattr(module, name) for name in ModuleDetailOutputSerializer.Meta.fields},
            "documents": selectors.module_documents(module=module),
            "quiz": quiz,
        }
        return Response(ModuleDetailOutputSerializer(data).data)


class TimelineEntrySerializer(serializers.Serializer):
    when = serializers.CharField()
    words = serializers.CharField()
    event = serializers.CharField()
    sentence = serializers.CharField()
    document_id = serializers.IntegerField(source="document.pk")


class FigureEntrySerializer(serializers.Serializer):
    value = serializers.CharField()
    words = serializers.CharField()
    unit = serializers.CharField()
    counted = serializers.CharField()
    qualifier = serializers.CharField()
    sentence = serializers.CharField()
    document_id = serializers.IntegerField(source="document.pk")


class ActorEntrySerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    other_names = serializers.ListField(child=serializers.CharField())
    mentions = serializers.IntegerField()


class FlashcardOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    front = serializers.CharField()
    back = serializers.CharField()
    sentence = serializers.CharField()


class MaterialsOutputSerializer(serializers.Serializer):
    timeline = TimelineEntrySerializer(many=True, allow_null=True)
    key_figures = FigureEntrySerializer(many=True, allow_null=True)
    whos_who = ActorEntrySerializer(many=True, allow_null=True)
    flashcards = FlashcardOutputSerializer(many=True, allow_null=True)


@operation(
    summary="A module's study materials: timeline, key figures, who's who, flashcards",
    description="A section switched off by the teacher is null.",
    tags=TAGS,
    responses={200: MaterialsOutputSerializer},
    errors=[404],
    examples=[
        example(
            "Study materials",
            {
                "timeline": [
                    {
                        "when": "1979",
                        "words": "1979",
                        "event": "the Soviet Union invaded Afghanistan",
                        "sentence": "In 1979, the Soviet Union invaded Afghanistan.",
                        "document_id": 1,
                    }
                ],
                "key_figures": [
                    {
                        "value": "over 15,000",
                        "words": "over 15,000",
                        "unit": "",
                        "counted": "Soviet lives",
                        "qualifier": "over",
                        "sentence": "That war cost over 15,000 Soviet lives.",
                        "document_id": 1,
                    }
                ],
                "whos_who": [
                    {
                        "name": "Sergey Lavrov",
                        "kind": "person",
                        "roles": ["Russian Foreign Minister"],
                        "other_names": ["Lavrov"],
                        "mentions": 2,
                    }
                ],
                "flashcards": [FLASHCARD_EXAMPLE],
            },
        )
    ],
)
class ModuleMaterialsApi(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, module_id: int):
        module = _module(request, module_id)
        documents = selectors.module_documents(module=module)
        facts = selectors.module_facts(documents=documents)
        data = {
            "timeline": materials.timeline(documents, facts) if module.show_timeline else None,
            "key_figures": (
                materials.key_figures(documents, facts) if module.show_key_figures else None
            ),
            "whos_who": materials.whos_who(documents, facts) if module.show_whos_who else None,
            "flashcards": (
                selectors.module_flashcards(module=module) if module.show_flashcards else None
            ),
        }
        return Response(MaterialsOutputSerializer(data).data)


class DueFlashcardOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="flashcard.pk")
    front = serializers.CharField(source="flashcard.front")
    back = serializers.CharField(source="flashcard.back")
    sentence = serializers.CharField(source="flashcard.sentence")
    due = serializers.DateTimeField(source="item.due")
    review_count = serializers.IntegerField(source="item.review_count")


@operation(
    summary="The student's flashcards of this module due now, most overdue first",
    description="The first call queues the module's cards in the student's review queue.",
    tags=TAGS,
    responses={200: DueFlashcardOutputSerializer(many=True)},
    errors=[400, 404],
    examples=[
        example(
            "Due cards",
            [{**FLASHCARD_EXAMPLE, "due": "2025-07-05T08:00:00Z", "review_count": 0}],
        )
    ],
)
class FlashcardDueListApi(APIView):
    permission_classes = [IsLearner]

    def get(self, request, module_id: int):
        module = _module(request, module_id)
        if not module.show_flashcards:
            raise ValidationError(services.FLASHCARDS_SWITCHED_OFF)
        services.module_start(module=module, student=request.user)
        due = selectors.flashcards_due(module=module, student=request.user)
        rows = [{"item": item, "flashcard": card} for item, card in due]
        return Response(DueFlashcardOutputSerializer(rows, many=True).data)


class FlashcardReviewInputSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(
        choices=ReviewLog.Rating.choices, help_text="1 Again, 2 Hard, 3 Good, 4 Easy."
    )


class FlashcardReviewOutputSerializer(serializers.Serializer):
    flashcard = serializers.IntegerField(source="object_id")
    due = serializers.DateTimeField()
    review_count = serializers.IntegerField()


@operation(
    summary="Rate one flashcard (Again, Hard, Good, Easy); FSRS reschedules it",
    tags=TAGS,
    request=FlashcardReviewInputSerializer,
    responses={201: FlashcardReviewOutputSerializer},
    errors=[400, 404],
    examples=[
        example("Good", {"rating": 3}, request=True),
        example(
            "Rescheduled",
            {"flashcard": 12, "due": "2025-07-05T08:10:00Z", "review_count": 1},
            status=201,
        ),
    ],
)
class FlashcardReviewApi(APIView):
    permission_classes = [IsLearner]

    def post(self, request, module_id: int, flashcard_id: int):
        module = _module(request, module_id)
        input_serializer = FlashcardReviewInputSerializer(data=request.data)
        input_serializer.is_valid(raise_exception=True)
        try:
            flashcard = selectors.flashcard_for_module(module=module, flashcard_id=flashcard_id)
        except Flashcard.DoesNotExist as error:
            raise Http404 from error
        # A domain error (a card no longer in the module) reaches the API's error handler.
        item = services.flashcard_review(
            module=module,
            flashcard=flashcard,
            student=request.user,
            rating=input_serializer.validated_data["rating"],
        )
        return Response(FlashcardReviewOutputSerializer(item).data, status=status.HTTP_201_CREATED)


class ProgressOutputSerializer(serializers.Serializer):
    module = serializers.IntegerField(source="module.pk")
    status = serializers.CharField()
    status_label = serializers.CharField()
    flashcards = serializers.IntegerField(source="cards_total")
    flashcards_reviewed = serializers.IntegerField(source="cards_reviewed")
    flashcards_due = serializers.IntegerField(source="cards_due")
    retention_estimate = serializers.FloatField(source="retention", allow_null=True)
    quiz_attempts = serializers.IntegerField(source="attempts")
    quiz_best_percent = serializers.FloatField(source="quiz_best", allow_null=True)
    quiz_passed = serializers.BooleanField()
    started_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)


@operation(
    summary="The student's own progress in a module",
    tags=TAGS,
    responses={200: ProgressOutputSerializer},
    errors=[404],
    examples=[example("Studying", PROGRESS_EXAMPLE)],
)
class ModuleProgressApi(APIView):
    permission_classes = [IsLearner]

    def get(self, request, module_id: int):
        module = _module(request, module_id)
        summary = selectors.module_progress_for_student(module=module, student=request.user)
        return Response(ProgressOutputSerializer(summary).data)


class ClassProgressOutputSerializer(ProgressOutputSerializer):
    student = serializers.CharField()


@operation(
    summary="Every student's progress in a module (its teacher only)",
    description="`?class=<class id>` limits it to the students of one of the teacher's classes "
    "(404 for another teacher's).",
    tags=TAGS,
    responses={200: ClassProgressOutputSerializer(many=True)},
    errors=[404],
    examples=[example("A class", [{**PROGRESS_EXAMPLE, "student": "student"}])],
)
class ModuleClassProgressApi(APIView):
    permission_classes = [IsTeacher]

    def get(self, request, module_id: int):
        module = _module(request, module_id)
        if not _owns(request.user, module):
            raise Http404
        raw_class = request.query_params.get("class", "")
        school_class = None
        if raw_class:
            school_class = (
                classes_taught(teacher=request.user).filter(pk=raw_class).first()
                if raw_class.isdigit()
                else None
            )
            if school_class is None:
                raise Http404
        students = selectors.module_class_students(module=module, school_class=school_class)
        rows = selectors.module_class_progress(module=module, students=students)
        data = []
        for student, summary in rows:
            row = ProgressOutputSerializer(summary).data
            row["student"] = student.get_username()
            data.append(row)
        return Response(data)
