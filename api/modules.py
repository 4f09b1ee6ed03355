"""Learning module operations of the API: modules, study materials, flashcard reviews, progress.

Students see published modules; the module's teacher also sees it unpublished. Nothing here
carries a quiz question's answer: the quiz is described by its settings and question count.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Q
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from learning.models import ReviewLog
from modules import materials, selectors, services
from modules.models import Flashcard, Module


def _owns(user, module: Module) -> bool:
    return user.is_superuser or (user.is_staff and module.owner_id == user.pk)


def _module(request, module_id: int) -> Module:
    module = Module.objects.select_related("quiz", "owner").filter(pk=module_id).first()
    if module is None or not (module.is_published or _owns(request.user, module)):
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


@extend_schema(summary="List published learning modules", tags=["modules"])
class ModuleListApi(generics.ListAPIView):
    serializer_class = ModuleListOutputSerializer

    def get_queryset(self):
        return selectors.module_list_published().annotate(
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


@extend_schema(
    summary="A learning module (no quiz answers)",
    tags=["modules"],
    responses=ModuleDetailOutputSerializer,
)
class ModuleDetailApi(APIView):
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


@extend_schema(
    summary="A module's study materials: timeline, key figures, who's who, flashcards",
    description="A section switched off by the teacher is null.",
    tags=["modules"],
    responses=MaterialsOutputSerializer,
)
class ModuleMaterialsApi(APIView):
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


@extend_schema(
    summary="The student's flashcards of this module due now, most overdue first",
    tags=["modules"],
    responses=DueFlashcardOutputSerializer(many=True),
)
class FlashcardDueListApi(APIView):
    def get(self, request, module_id: int):
        module = _module(request, module_id)
        if not module.show_flashcards:
            raise ValidationError({"detail": services.FLASHCARDS_SWITCHED_OFF})
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


@extend_schema(
    summary="Rate one flashcard (Again, Hard, Good, Easy); FSRS reschedules it",
    tags=["modules"],
    request=FlashcardReviewInputSerializer,
    responses={201: FlashcardReviewOutputSerializer},
)
class FlashcardReviewApi(APIView):
    def post(self, request, module_id: int, flashcard_id: int):
        module = _module(request, module_id)
        input_serializer = FlashcardReviewInputSerializer(data=request.data)
        input_serializer.is_valid(raise_exception=True)
        try:
            flashcard = selectors.flashcard_for_module(module=module, flashcard_id=flashcard_id)
        except Flashcard.DoesNotExist as error:
            raise Http404 from error
        try:
            item = services.flashcard_review(
                module=module,
                flashcard=flashcard,
                student=request.user,
                rating=input_serializer.validated_data["rating"],
            )
        except DjangoValidationError as error:
            raise ValidationError({"detail": error.messages}) from error
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


@extend_schema(
    summary="The student's own progress in a module",
    tags=["modules"],
    responses=ProgressOutputSerializer,
)
class ModuleProgressApi(APIView):
    def get(self, request, module_id: int):
        module = _module(request, module_id)
        summary = selectors.module_progress_for_student(module=module, student=request.user)
        return Response(ProgressOutputSerializer(summary).data)


class ClassProgressOutputSerializer(ProgressOutputSerializer):
    student = serializers.CharField()


@extend_schema(
    summary="Every student's progress in a module (its teacher only); ?class=<group id>",
    tags=["modules"],
    responses=ClassProgressOutputSerializer(many=True),
)
class ModuleClassProgressApi(APIView):
    def get(self, request, module_id: int):
        module = _module(request, module_id)
        if not _owns(request.user, module):
            raise PermissionDenied("Only the module's teacher sees its class progress.")
        raw_group = request.query_params.get("class")
        group_id = int(raw_group) if raw_group and raw_group.isdigit() else None
        students = selectors.module_class_students(module=module, group_id=group_id)
        rows = selectors.module_class_progress(module=module, students=students)
        data = []
        for student, summary in rows:
            row = ProgressOutputSerializer(summary).data
            row["student"] = student.get_username()
            data.append(row)
        return Response(data)
