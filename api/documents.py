"""Documents: upload (text or file), the generation job's status, list and detail with facts."""

from __future__ import annotations

import django_filters
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.parsers import JSONParser
from api.roles import IsTeacher
from api.schema import example, operation
from quizgen import services
from quizgen.models import Document, Fact
from quizgen.uploads import MAX_UPLOAD_BYTES

DOCUMENT_TEXT_OR_FILE = "Send either the text or a file, not both and not neither."

TAGS = ["documents"]


def owned_documents(user):
    return Document.objects.filter(owner=user)


class FactOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Fact
        fields = ["id", "kind", "text", "sentence", "start", "end", "value", "label", "hidden"]


class DocumentOutputSerializer(serializers.ModelSerializer):
    question_count = serializers.IntegerField(read_only=True)
    approved_count = serializers.IntegerField(read_only=True)
    job_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "title",
            "status",
            "error_message",
            "published_on",
            "source_url",
            "created_at",
            "updated_at",
            "question_count",
            "approved_count",
            "job_url",
        ]

    def get_job_url(self, document: Document) -> str:
        return reverse("api:document-job", args=[document.pk])


class DocumentDetailOutputSerializer(DocumentOutputSerializer):
    facts = FactOutputSerializer(many=True, read_only=True)

    class Meta(DocumentOutputSerializer.Meta):
        fields = [*DocumentOutputSerializer.Meta.fields, "facts"]


def _with_counts(queryset):
    return queryset.annotate(
        question_count=Count("questions", distinct=True),
        approved_count=Count("questions", filter=Q(questions__status="approved"), distinct=True),
    )


DOCUMENT_EXAMPLE = {
    "id": 12,
    "title": "Russia recognises the Taliban",
    "status": "ready",
    "error_message": "",
    "published_on": "2025-07-03",
    "source_url": "",
    "created_at": "2025-07-04T09:00:00Z",
    "updated_at": "2025-07-04T09:00:05Z",
    "question_count": 24,
    "approved_count": 10,
    "job_url": "/api/v1/documents/12/job/",
}


class DocumentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Document.Status.choices)

    class Meta:
        model = Document
        fields = ["status"]


@operation(
    summary="List your documents",
    description="The signed-in teacher's documents, newest first, with their question counts.",
    tags=TAGS,
    responses={200: DocumentOutputSerializer(many=True)},
    errors=[404],
    examples=[example("A page of documents", DOCUMENT_EXAMPLE)],
)
class DocumentListApi(generics.ListAPIView):
    queryset = Document.objects.none()
    permission_classes = [IsTeacher]
    serializer_class = DocumentOutputSerializer
    filterset_class = DocumentFilter

    def get_queryset(self):
        return _with_counts(owned_documents(self.request.user)).order_by("-created_at", "-id")


@operation(
    summary="A document with its facts",
    tags=TAGS,
    responses={200: DocumentDetailOutputSerializer},
    errors=[404],
    examples=[
        example(
            "A document",
            {
                **DOCUMENT_EXAMPLE,
                "facts": [
                    {
                        "id": 3,
                        "kind": "date",
                        "text": "1979",
                        "sentence": "In 1979, the Soviet Union invaded Afghanistan.",
                        "start": 3,
                        "end": 7,
                        "value": "1979",
                        "label": "DATE",
                        "hidden": False,
                    }
                ],
            },
        )
    ],
)
class DocumentDetailApi(generics.RetrieveAPIView):
    permission_classes = [IsTeacher]
    serializer_class = DocumentDetailOutputSerializer

    def get_queryset(self):
        return _with_counts(owned_documents(self.request.user)).prefetch_related("facts")


class DocumentUploadTextInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    text = serializers.CharField(
        required=False, trim_whitespace=False, help_text="The text itself (or send `file`)."
    )
    published_on = serializers.DateField(
        required=False, allow_null=True, help_text="Resolves relative dates (“last Tuesday”)."
    )
    source_url = serializers.URLField(required=False, allow_blank=True, max_length=1000)


class DocumentUploadFileInputSerializer(DocumentUploadTextInputSerializer):
    file = serializers.FileField(
        required=False, help_text="A .txt, .md, .html, .pdf or .docx file (or send `text`)."
    )


class DocumentJobOutputSerializer(serializers.Serializer):
    document = serializers.IntegerField(help_text="The document's id.")
    status = serializers.ChoiceField(choices=Document.Status.choices)
    finished = serializers.BooleanField(help_text="True once the status is ready or failed.")
    error_message = serializers.CharField(allow_blank=True)
    job_url = serializers.CharField()
    document_url = serializers.CharField()
    questions_url = serializers.CharField()


def job_payload(document: Document) -> dict:
    return {
        "document": document.pk,
        "status": document.status,
        "finished": document.status in (Document.Status.READY, Document.Status.FAILED),
        "error_message": document.error_message,
        "job_url": reverse("api:document-job", args=[document.pk]),
        "document_url": reverse("api:document-detail", args=[document.pk]),
        "questions_url": reverse("api:question-list") + f"?document={document.pk}",
    }


JOB_EXAMPLE = {
    "document": 12,
    "status": "queued",
    "finished": False,
    "error_message": "",
    "job_url": "/api/v1/documents/12/job/",
    "document_url": "/api/v1/documents/12/",
    "questions_url": "/api/v1/questions/?document=12",
}


@operation(
    summary="Upload a document and queue question generation",
    description=(
        "Send a text (JSON or form) or a file (multipart). Generation runs in the background: "
        "the answer is `202 Accepted` with the job's URL in `Location`; poll it until "
        "`finished`. A file is only checked for its size and type here; the background "
        "worker reads its text (status `reading`, then `queued`, `processing`, `ready`), and "
        "a file refused while reading ends `failed` with the reason in `error_message`. "
        "Uploading the same text (or file) again returns the existing document. "
        "The limits and messages are the admin's."
    ),
    tags=TAGS,
    request={
        "application/json": DocumentUploadTextInputSerializer,
        "multipart/form-data": DocumentUploadFileInputSerializer,
    },
    responses={202: DocumentJobOutputSerializer},
    errors=[400],
    examples=[
        example(
            "Upload a text",
            {"title": "Russia recognises the Taliban", "text": "…", "published_on": "2025-07-03"},
            request=True,
        ),
        example("Queued", JOB_EXAMPLE, status=202),
    ],
)
class DocumentUploadApi(APIView):
    permission_classes = [IsTeacher]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def post(self, request):
        serializer = DocumentUploadFileInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        upload = values.get("file")
        if (upload is None) == (values.get("text") is None):
            raise serializers.ValidationError({"non_field_errors": [DOCUMENT_TEXT_OR_FILE]})
        document = services.document_upload(
            owner=request.user,
            title=values["title"],
            name=upload.name if upload else None,
            content=upload.read(MAX_UPLOAD_BYTES + 1) if upload else None,
            text=values.get("text"),
            published_on=values.get("published_on"),
            source_url=values.get("source_url", ""),
        )
        payload = job_payload(document)
        return Response(
            payload, status=status.HTTP_202_ACCEPTED, headers={"Location": payload["job_url"]}
        )


@operation(
    summary="The generation job of a document",
    description="Poll until `finished`; a failed job says why in `error_message`.",
    tags=TAGS,
    responses={200: DocumentJobOutputSerializer},
    errors=[404],
    examples=[example("Ready", {**JOB_EXAMPLE, "status": "ready", "finished": True})],
    parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="Document id.")],
)
class DocumentJobApi(APIView):
    permission_classes = [IsTeacher]

    def get(self, request, pk: int):
        document = get_object_or_404(owned_documents(request.user), pk=pk)
        return Response(job_payload(document))
