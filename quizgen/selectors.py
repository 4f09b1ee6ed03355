"""Reads of documents and questions, already joined for their pages."""

from quizgen.models import Document


def document_choices_for_user(*, user) -> list[tuple[int, str]]:
    """(id, title) of the documents a user reviews: their own, or all for a superuser."""
    documents = Document.objects.all() if user.is_superuser else Document.objects.filter(owner=user)
    return list(documents.order_by("-created_at", "-id").values_list("pk", "title"))
