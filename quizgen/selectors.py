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


def document_choices_for_user(*, user) -> list[tuple[int, str]]:
    """(id, title) of the documents a user reviews: their own, or all for a superuser."""
    documents = Document.objects.all() if user.is_superuser else Document.objects.filter(owner=user)
    return list(documents.order_by("-created_at", "-id").values_list("pk", "title"))
