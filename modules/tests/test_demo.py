"""The demo module: built from the demo article next to the demo quiz, once."""

import pytest
from django.conf import settings
from django.core.management import call_command

from learning.demo import DEMO_QUIZ_TITLE
from modules import materials, selectors
from modules.demo import DEMO_MODULE_TITLE
from modules.models import Flashcard, Module

pytestmark = pytest.mark.django_db


def _sections(module: Module) -> dict[str, int]:
    documents = selectors.module_documents(module=module)
    facts = selectors.module_facts(documents=documents)
    return {
        "documents": len(documents),
        "timeline": len(materials.timeline(documents, facts)),
        "key figures": len(materials.key_figures(documents, facts)),
        "who's who": len(materials.whos_who(documents, facts)),
        "flashcards": len(selectors.module_flashcards(module=module)),
        "quiz questions": module.quiz.questions.count(),
    }


def test_the_demo_module_is_published_with_the_demo_quiz_and_loads_once(nlp_pipeline):
    call_command("load_demo", seeds=settings.BASE_DIR / "seeds")
    module = Module.objects.get()
    assert (module.title, module.is_published, module.quiz.title) == (
        DEMO_MODULE_TITLE,
        True,
        DEMO_QUIZ_TITLE,
    )
    counts = _sections(module)
    print("Demo module sections:", counts)
    assert counts["documents"] == 1
    assert counts["timeline"] >= 6 and counts["key figures"] >= 3
    assert counts["who's who"] >= 8 and counts["flashcards"] >= 15
    documents = selectors.module_documents(module=module)
    facts = selectors.module_facts(documents=documents)
    whens = [entry.when for entry in materials.timeline(documents, facts)]
    for earlier, later in [
        ("1979", "2003"),
        ("2003", "August 2021"),
        ("August 2021", "April 2025"),
    ]:
        assert whens.index(earlier) < whens.index(later)
    names = [actor.name for actor in materials.whos_who(documents, facts)]
    assert {"Vladimir Putin", "Sergey Lavrov", "Taliban"} <= set(names)
    cards = Flashcard.objects.count()

    call_command("load_demo", seeds=settings.BASE_DIR / "seeds")
    assert Module.objects.count() == 1 and Flashcard.objects.count() == cards
    assert _sections(Module.objects.get()) == counts
