"""Reads of documents and questions, already joined for their pages."""

from django.db.models import QuerySet

from quizgen.models import Document, Question


def document_list_for_owner(*, owner) -> QuerySet[Document]:
    return Document.objects.filter(owner=owner).select_related("owner")


def question_list_for_document(*, document: Document) -> QuerySet[Question]:
    return (
        Question.objects.filter(document=document)
        .select_related("document", "reviewed_by")
        .prefetch_related("facts")
    )
