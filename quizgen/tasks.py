"""Background jobs of the quizgen app (django-tasks)."""

from django_tasks import task

from quizgen.models import Document


@task()
def generate_document_task(document_id: int, kinds: list[str] | None = None) -> str:
    """Generate the facts and questions (of `kinds`, default all) of one document.

    Returns the document's final status. Any error inside generation ends as a failed status
    with its reason (see document_generate); nothing is half-written.
    """
    from quizgen.services import document_generate

    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return "missing"
    return document_generate(document=document, kinds=kinds).status
