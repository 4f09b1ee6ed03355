"""The demo module: the demo article's study unit, next to the demo quiz. Idempotent."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser

from learning.models import Quiz
from modules import services
from modules.models import Module
from quizgen.models import Document

DEMO_MODULE_TITLE = "Russia and the Taliban: the demo module"


def demo_module_load(
    *, teacher: AbstractBaseUser, documents: Sequence[Document], quiz: Quiz
) -> Module:
    """Create (once) and publish the demo module over `documents` with `quiz`."""
    module = Module.objects.filter(owner=teacher, title=DEMO_MODULE_TITLE).first()
    if module is None:
        module = services.module_create(
            owner=teacher,
            title=DEMO_MODULE_TITLE,
            description=(
                "Read the article with its key facts marked, follow the timeline, meet who's "
                "who, practise with flashcards, then take the quiz."
            ),
            documents=documents,
            quiz=quiz,
            completion_rule=Module.CompletionRule.QUIZ_PASSED,
        )
    else:
        services.module_build(module=module)
    if not module.is_published:
        services.module_publish(module=module)
    return module
