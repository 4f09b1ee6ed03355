"""Background jobs of the quizgen app (django-tasks)."""

from django_tasks import task

from quizgen.models import Document


@task()
def generate_document_task(document_id: int) -> str:
    """Generate the facts and questions of one document; returns its final status."""
    from quizgen.services import document_generate

    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return "missing"
    return document_generate(document=document).status
