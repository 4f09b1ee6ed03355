"""Exports of a quiz or a document's questions: QTI 2.1, Moodle XML, GIFT, Aiken, CSV."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.views import APIView

from api.roles import IsTeacher
from api.schema import operation
from learning.models import Quiz
from quizgen.exports import EXPORT_FORMATS, export_questions
from quizgen.models import Document, Question

TAGS = ["exports"]
LEFT_OUT_HEADER = "X-Quizgen-Left-Out"

FORMAT_PARAMETER = OpenApiParameter(
    "export_format",
    str,
    OpenApiParameter.PATH,
    enum=list(EXPORT_FORMATS),
    description="qti (QTI 2.1 content package, zip), moodle (Moodle XML), gift, aiken "
    "(multiple choice only) or csv.",
)

FILE_RESPONSES = {
    (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="qti"),
    (200, "application/xml"): OpenApiResponse(OpenApiTypes.BINARY, description="moodle"),
    (200, "text/plain"): OpenApiResponse(OpenApiTypes.BINARY, description="gift, aiken"),
    (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="csv"),
}

EXPORT_DESCRIPTION = (
    "The file itself, as an attachment. Questions a format cannot hold (Aiken takes multiple "
    f"choice only; GIFT has no ordering) are left out and listed in the `{LEFT_OUT_HEADER}` "
    "header as `#id (kind): reason` separated by `; `; its absence means nothing was left out."
)


def file_response(questions, *, export_format: str, title: str) -> HttpResponse:
    if export_format not in EXPORT_FORMATS:
        from rest_framework.exceptions import NotFound

        raise NotFound()
    export = export_questions(questions, export_format=export_format, title=title)
    response = HttpResponse(export.content, content_type=export.media_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    if export.left_out:
        # Header values must be ASCII; the notes name ids and kinds, which are.
        response[LEFT_OUT_HEADER] = "; ".join(export.left_out)
    return response


class _FileExportApi(APIView):
    permission_classes = [IsTeacher]

    def perform_content_negotiation(self, request, force=False):
        # The file's type is fixed by the format; errors are JSON whatever was asked.
        return super().perform_content_negotiation(request, force=True)


@operation(
    summary="Export a quiz",
    description=EXPORT_DESCRIPTION,
    tags=TAGS,
    responses=FILE_RESPONSES,
    errors=[404],
    parameters=[FORMAT_PARAMETER],
)
class QuizExportApi(_FileExportApi):
    def get(self, request, pk: int, export_format: str):
        quiz = get_object_or_404(Quiz.objects.filter(owner=request.user), pk=pk)
        questions = Question.objects.filter(quiz_entries__quiz=quiz).order_by(
            "quiz_entries__position", "quiz_entries__id"
        )
        return file_response(questions, export_format=export_format, title=quiz.title)


class DocumentExportFilter(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Question.Status.choices, default=Question.Status.APPROVED
    )


@operation(
    summary="Export a document's questions",
    description=EXPORT_DESCRIPTION + " By default only approved questions are exported.",
    tags=TAGS,
    responses=FILE_RESPONSES,
    errors=[400, 404],
    parameters=[
        FORMAT_PARAMETER,
        OpenApiParameter(
            "status",
            str,
            enum=list(Question.Status.values),
            description="Which questions (default: approved).",
        ),
    ],
)
class DocumentExportApi(_FileExportApi):
    def get(self, request, pk: int, export_format: str):
        document = get_object_or_404(Document.objects.filter(owner=request.user), pk=pk)
        query = DocumentExportFilter(data=request.query_params)
        query.is_valid(raise_exception=True)
        questions = document.questions.filter(status=query.validated_data["status"]).order_by(
            "-score", "id"
        )
        return file_response(questions, export_format=export_format, title=document.title)
