"""Questions: list with filters, detail, edit, approve, reject, bulk approve."""

from __future__ import annotations

import django_filters
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.filters import IdFilter
from api.roles import IsTeacher
from api.schema import example, operation
from quizgen import services
from quizgen.imports import IMPORT_FORMATS, MAX_IMPORT_BYTES
from quizgen.models import Document, Question

TAGS = ["questions"]


def owned_questions(user):
    return Question.objects.filter(document__owner=user)


class OptionSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=500)
    correct = serializers.BooleanField()
    feedback = serializers.CharField(
        max_length=1000,
        required=False,
        allow_blank=True,
        help_text="Shown to a student who chose this option, after submission as the quiz's "
        "review mode allows.",
    )


@extend_schema_field(
    {
        "description": (
            "Kind-specific answer: numeric {value, tolerance, unit, display}; ordering the "
            "items in the correct order; matching [[left, right], ...]; otherwise null."
        ),
        "nullable": True,
        "oneOf": [
            {
                "type": "object",
                "properties": {
                    "value": {"type": "number"},
                    "tolerance": {"type": "number", "nullable": True},
                    "unit": {"type": "string"},
                    "display": {"type": "string"},
                },
            },
            {"type": "array", "items": {"type": "string"}},
            {"type": "array", "items": {"type": "array", "items": {"type": "string"}}},
        ],
    }
)
class AnswerDataField(serializers.JSONField):
    pass


class QuestionOutputSerializer(serializers.ModelSerializer):
    options = OptionSerializer(many=True)
    accepted_answers = serializers.ListField(child=serializers.CharField())
    answer = AnswerDataField()
    defects = serializers.ListField(child=serializers.CharField())
    tags = serializers.SerializerMethodField(help_text="The teacher's labels, sorted.")

    def get_tags(self, question) -> list[str]:
        return sorted((tag.name for tag in question.tags.all()), key=str.casefold)

    class Meta:
        model = Question
        fields = [
            "id",
            "document",
            "kind",
            "prompt",
            "options",
            "accepted_answers",
            "answer",
            "tolerance",
            "explanation",
            "source_sentence",
            "score",
            "difficulty",
            "recommended",
            "defects",
            "status",
            "stale",
            "edited_by_human",
            "tags",
            "reviewed_at",
            "updated_at",
        ]


QUESTION_EXAMPLE = {
    "id": 41,
    "document": 12,
    "kind": "multiple_choice",
    "prompt": "In which year did the Soviet Union invade Afghanistan?",
    "options": [
        {"text": "1975", "correct": False},
        {"text": "1979", "correct": True},
        {"text": "1983", "correct": False},
        {"text": "1988", "correct": False},
    ],
    "accepted_answers": ["1979"],
    "answer": None,
    "tolerance": None,
    "explanation": "The text says: In 1979, the Soviet Union invaded Afghanistan.",
    "source_sentence": "In 1979, the Soviet Union invaded Afghanistan.",
    "score": 0.82,
    "difficulty": 0.4,
    "recommended": True,
    "defects": [],
    "status": "approved",
    "stale": False,
    "edited_by_human": False,
    "tags": ["Afghanistan", "dates"],
    "reviewed_at": "2025-07-04T09:10:00Z",
    "updated_at": "2025-07-04T09:10:00Z",
}


class QuestionFilter(django_filters.FilterSet):
    document = IdFilter(field_name="document_id")
    kind = django_filters.ChoiceFilter(choices=Question.Kind.choices)
    status = django_filters.ChoiceFilter(choices=Question.Status.choices)
    recommended = django_filters.BooleanFilter()
    stale = django_filters.BooleanFilter()
    tag = django_filters.CharFilter(
        field_name="tags__name", lookup_expr="iexact", distinct=True, help_text="A tag's name."
    )

    class Meta:
        model = Question
        fields = ["document", "kind", "status", "recommended", "stale", "tag"]


@operation(
    summary="List your questions",
    description="Questions of the teacher's documents, best first within each document.",
    tags=TAGS,
    responses={200: QuestionOutputSerializer(many=True)},
    errors=[400, 404],
    examples=[example("A page of questions", QUESTION_EXAMPLE)],
)
class QuestionListApi(generics.ListAPIView):
    queryset = Question.objects.none()
    permission_classes = [IsTeacher]
    serializer_class = QuestionOutputSerializer
    filterset_class = QuestionFilter

    def get_queryset(self):
        questions = owned_questions(self.request.user).prefetch_related("tags")
        return questions.order_by("document_id", "-score", "id")


@operation(
    summary="A question with its answers",
    tags=TAGS,
    responses={200: QuestionOutputSerializer},
    errors=[404],
    examples=[example("A question", QUESTION_EXAMPLE)],
)
class QuestionDetailApi(generics.RetrieveAPIView):
    permission_classes = [IsTeacher]
    serializer_class = QuestionOutputSerializer

    def get_queryset(self):
        return owned_questions(self.request.user)


# What Quizgen writes on a question itself: ignored when an edit sends them back.
SERVER_STAMPS = frozenset(
    {"id", "updated_at", "reviewed_at", "edited_by_human", "defects", "stale", "score",
     "recommended"}
)  # fmt: skip


class QuestionEditInputSerializer(serializers.Serializer):
    prompt = serializers.CharField(required=False, max_length=2000)
    options = OptionSerializer(many=True, required=False, max_length=10)
    accepted_answers = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, max_length=20
    )
    answer = AnswerDataField(required=False, allow_null=True)
    tolerance = serializers.FloatField(required=False, allow_null=True, min_value=0)
    explanation = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=100),
        required=False,
        max_length=20,
        help_text="The question's tags, all of them (an empty list removes every tag).",
    )


@operation(
    summary="Edit a question",
    description="Change the wording or the answers; the question is marked as edited by a person "
    "and regeneration leaves it alone. Send only the fields to change; a field that cannot be "
    "edited (`kind`, `document`, ...) is refused with 400 and nothing is changed, unless sent "
    "as the question reads. Once students "
    "have answered the question, a new key regrades their answers.",
    tags=TAGS,
    request=QuestionEditInputSerializer,
    responses={200: QuestionOutputSerializer},
    errors=[400, 404],
    examples=[
        example(
            "Reword", {"prompt": "When did the Soviet Union invade Afghanistan?"}, request=True
        ),
        example("The edited question", {**QUESTION_EXAMPLE, "edited_by_human": True}),
    ],
)
class QuestionEditApi(APIView):
    permission_classes = [IsTeacher]

    def patch(self, request, pk: int):
        question = get_object_or_404(owned_questions(request.user), pk=pk)
        serializer = QuestionEditInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if isinstance(request.data, dict):
            # A field the edit does not take ("kind") is refused, not silently ignored; one
            # sent back as it reads (a question fetched, changed and sent whole) is fine, and
            # the stamps Quizgen keeps (updated_at, defects, ...) are not the client's to set.
            extra = {
                name: value
                for name, value in request.data.items()
                if name not in serializer.fields and name not in SERVER_STAMPS
            }
            if extra:  # read the question as shown only then (its tags cost a query)
                shown = QuestionOutputSerializer(question).data
                services.question_edit_fields_check(
                    names=[name for name, value in extra.items() if shown.get(name, ...) != value]
                )
        fields = dict(serializer.validated_data)
        tags = fields.pop("tags", None)
        if fields or tags is None:
            question = services.question_edit(
                question=question, editor=request.user, tags=tags, **fields
            )
        else:  # only the tags: the question itself is not edited
            question = services.question_set_tags(question=question, tags=tags, editor=request.user)
        return Response(QuestionOutputSerializer(question).data)


class QuestionCreateInputSerializer(QuestionEditInputSerializer):
    document = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    kind = serializers.ChoiceField(choices=Question.Kind.choices)
    prompt = serializers.CharField(max_length=2000)


QUESTION_DOCUMENT_NOT_YOURS = "This document is not yours or does not exist."


@operation(
    summary="Write a question",
    description="A question of any kind written by hand into one of your documents: validated "
    "like an edit, checked for defects, saved as a draft.",
    tags=TAGS,
    request=QuestionCreateInputSerializer,
    responses={201: QuestionOutputSerializer},
    errors=[400],
    examples=[
        example(
            "A multiple-choice question",
            {
                "document": 3,
                "kind": "multiple_choice",
                "prompt": "In which year did the Soviet Union invade Afghanistan?",
                "options": [{"text": "1979", "correct": True}, {"text": "1983", "correct": False}],
            },
            request=True,
        ),
        example("Written", {**QUESTION_EXAMPLE, "edited_by_human": True}, status=201),
    ],
)
class QuestionCreateApi(APIView):
    permission_classes = [IsTeacher]

    def post(self, request):
        serializer = QuestionCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        document = Document.objects.filter(owner=request.user, pk=values.pop("document")).first()
        if document is None:
            raise serializers.ValidationError({"document": [QUESTION_DOCUMENT_NOT_YOURS]})
        question = services.question_create(document=document, author=request.user, **values)
        return Response(QuestionOutputSerializer(question).data, status=201)


@operation(
    summary="Approve a question",
    tags=TAGS,
    request=None,
    responses={200: QuestionOutputSerializer},
    errors=[404],
    examples=[example("Approved", QUESTION_EXAMPLE)],
)
class QuestionApproveApi(APIView):
    permission_classes = [IsTeacher]

    def post(self, request, pk: int):
        question = get_object_or_404(owned_questions(request.user), pk=pk)
        question = services.question_approve(question=question, reviewer=request.user)
        return Response(QuestionOutputSerializer(question).data)


@operation(
    summary="Reject a question",
    description="A question in a published quiz cannot be rejected (409).",
    tags=TAGS,
    request=None,
    responses={200: QuestionOutputSerializer},
    errors=[404, 409],
    examples=[example("Rejected", {**QUESTION_EXAMPLE, "status": "rejected"})],
)
class QuestionRejectApi(APIView):
    permission_classes = [IsTeacher]

    def post(self, request, pk: int):
        question = get_object_or_404(owned_questions(request.user), pk=pk)
        question = services.question_reject(question=question, reviewer=request.user)
        return Response(QuestionOutputSerializer(question).data)


class BulkApproveInputSerializer(serializers.Serializer):
    document = serializers.IntegerField(min_value=1, help_text="The document's id.")
    limit = serializers.IntegerField(
        required=False, min_value=1, max_value=500, help_text="Approve at most this many."
    )


class BulkApproveOutputSerializer(serializers.Serializer):
    approved = serializers.ListField(child=serializers.IntegerField(), help_text="Question ids.")


@operation(
    summary="Approve a document's recommended questions",
    description="Approves the recommended drafts with no defects, best first.",
    tags=TAGS,
    request=BulkApproveInputSerializer,
    responses={200: BulkApproveOutputSerializer},
    errors=[400, 404],
    examples=[
        example("Approve the best ten", {"document": 12, "limit": 10}, request=True),
        example("Approved", {"approved": [41, 44, 39]}),
    ],
)
class QuestionBulkApproveApi(APIView):
    permission_classes = [IsTeacher]

    def post(self, request):
        serializer = BulkApproveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = get_object_or_404(
            Document.objects.filter(owner=request.user), pk=serializer.validated_data["document"]
        )
        approved = services.questions_approve_recommended(
            document=document, reviewer=request.user, limit=serializer.validated_data.get("limit")
        )
        return Response({"approved": [question.pk for question in approved]})


class QuestionImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        allow_empty_file=True,  # the service refuses it, with the admin's words
        help_text="A GIFT or Aiken text, a Moodle XML file, a QTI 2.1 zip package or one QTI "
        "2.1 item's XML; up to 5 MB.",
    )
    format = serializers.ChoiceField(
        choices=list(IMPORT_FORMATS.items()),
        required=False,
        allow_blank=True,
        help_text="The file's format; empty: told from the file.",
    )
    title = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=300,
        help_text="The new question bank's name; empty: the file's name.",
    )


class ImportReadSerializer(serializers.Serializer):
    where = serializers.CharField(help_text="Line (GIFT, Aiken), question or item of the file.")
    kind = serializers.ChoiceField(choices=Question.Kind.choices)
    title = serializers.CharField(allow_blank=True)
    question = serializers.IntegerField(help_text="The saved question's id.")
    prompt = serializers.CharField()
    defects = serializers.ListField(child=serializers.CharField())
    tags = serializers.ListField(child=serializers.CharField())
    notes = serializers.ListField(
        child=serializers.CharField(), help_text="What the file held that was left out."
    )


class ImportSkippedSerializer(serializers.Serializer):
    where = serializers.CharField()
    kind = serializers.CharField(help_text="The kind as the file names it, e.g. essay.")
    reason = serializers.CharField()


class QuestionImportOutputSerializer(serializers.Serializer):
    bank = serializers.IntegerField(help_text="The new question bank (a document) id.")
    title = serializers.CharField()
    format = serializers.ChoiceField(choices=list(IMPORT_FORMATS.items()))
    file = serializers.CharField()
    read = ImportReadSerializer(many=True)
    skipped = ImportSkippedSerializer(many=True)
    questions_url = serializers.CharField()


def import_payload(document: Document) -> dict:
    report = document.import_report
    return {
        "bank": document.pk,
        "title": document.title,
        "format": report["format"],
        "file": report["file"],
        "read": report["read"],
        "skipped": report["skipped"],
        "questions_url": reverse("api:question-list") + f"?document={document.pk}",
    }


@operation(
    summary="Import a question bank",
    description="Reads a GIFT, Moodle XML, Aiken or QTI 2.1 file into a new question bank: "
    "each question is validated and checked for defects like one written by hand and saved "
    "as a draft; the answer reports what was read (and what of it was left out) and what was "
    "skipped, with why. A file refused as a whole (not a question file, wrong format, too "
    "large, XML with a DTD or entities, nothing importable, imported before) saves nothing.",
    tags=TAGS,
    request={"multipart/form-data": QuestionImportInputSerializer},
    responses={201: QuestionImportOutputSerializer},
    errors=[400],
    examples=[
        example(
            "Imported",
            {
                "bank": 31,
                "title": "Chapter 4",
                "format": "gift",
                "file": "chapter-4.gift.txt",
                "read": [
                    {
                        "where": "line 3",
                        "kind": "multiple_choice",
                        "title": "Q1",
                        "question": 412,
                        "prompt": "In which year did the Soviet Union invade Afghanistan?",
                        "defects": [],
                        "tags": ["Chapter 4"],
                        "notes": [],
                    }
                ],
                "skipped": [
                    {"where": "line 7", "kind": "essay", "reason": "not a kind Quizgen marks"}
                ],
                "questions_url": "/api/v1/questions/?document=31",
            },
            status=201,
        ),
    ],
)
class QuestionImportApi(APIView):
    permission_classes = [IsTeacher]
    parser_classes = [MultiPartParser, FormParser]

    def post(self, request):
        serializer = QuestionImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        upload = values["file"]
        document = services.question_bank_import(
            owner=request.user,
            name=upload.name,
            content=upload.read(MAX_IMPORT_BYTES + 1),
            title=values.get("title", ""),
            import_format=values.get("format", ""),
        )
        return Response(import_payload(document), status=201)
