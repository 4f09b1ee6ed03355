"""Background jobs of the LTI app (django-tasks)."""

from django_tasks import task


@task()
def score_passback_task(passback_id: int) -> str:
    """One try at sending a score to the LMS (`lti.grades.score_passback_send`); a failed try
    queues the next one itself, with its delay."""
    from lti.grades import score_passback_send

    return score_passback_send(passback_id=passback_id)
