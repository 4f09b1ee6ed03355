from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_teacher_group(sender, **kwargs) -> None:
    # Permissions exist only once every app has migrated, so the group is made after migrate
    # rather than in a data migration; a fresh database gets it from `migrate` alone.
    if sender.name not in ("quizgen", "learning"):
        return
    from learning.demo import teacher_group

    teacher_group()


class QuizgenConfig(AppConfig):
    name = "quizgen"
    verbose_name = "Documents and questions"

    def ready(self) -> None:
        # Sent once per app; learning migrates after quizgen, so every permission exists then.
        post_migrate.connect(_ensure_teacher_group, dispatch_uid="quizgen_teacher_group")
