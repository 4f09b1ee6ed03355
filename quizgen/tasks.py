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


@task()
def read_document_file_task(document_id: int) -> str:
    """Read the text of a document's uploaded file (see document_read_file), then queue
    generation. Returns the document's status: "queued", or "failed" with the refusal."""
    from quizgen.services import document_read_file

    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return "missing"
    return document_read_file(document=document).status
