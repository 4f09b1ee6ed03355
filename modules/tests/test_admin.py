"""Teachers build, edit and publish modules in the admin; each sees only their own."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning.tests.factories import QuizFactory
from modules import services
from modules.models import Flashcard, Module
from modules.tests.factories import document_with_facts, module_with_towns
from quizgen.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher():
    # Only the Teacher group's permissions, as `migrate` sets them: none given to the user.
    return TeacherFactory()


def _inline_management(prefix: str, total: int, initial: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _module_form(**fields) -> dict:
    form = {
        "title": "Towns",
        "description": "",
        "quiz": "",
        "completion_rule": Module.CompletionRule.FLASHCARDS,
        "show_timeline": "on",
        "show_key_figures": "on",
        "show_whos_who": "on",
        "show_flashcards": "on",
    }
    form.update(fields)
    return form


def test_a_teacher_builds_a_module_in_the_admin(client, teacher):
    document = document_with_facts(owner=teacher, towns=2)
    client.force_login(teacher)
    data = _module_form()
    data.update(_inline_management("module_documents", 1, 0))
    data.update({"module_documents-0-document": document.pk, "module_documents-0-position": "1"})
    data.update(_inline_management("flashcards", 0, 0))
    response = client.post(reverse("admin:modules_module_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    module = Module.objects.get()
    assert module.owner == teacher
    assert module.flashcards.count() == 6
    response = client.post(
        reverse("admin:modules_module_changelist"),
        {"action": "publish_selected", "_selected_action": [module.pk]},
        follow=True,
    )
    module.refresh_from_db()
    assert module.is_published
    assert "Published “Towns”." in response.content.decode()


def test_a_teacher_corrects_and_hides_facts_from_the_module_page(client, teacher):
    document = document_with_facts(owner=teacher, towns=1)
    module = module_with_towns(towns=1)
    Module.objects.filter(pk=module.pk).update(owner=teacher)
    services.module_set_documents(module=module, documents=[document])
    cards = list(Flashcard.objects.filter(module=module, stale=False).order_by("position"))
    client.force_login(teacher)
    data = _module_form(title=module.title, completion_rule=module.completion_rule)
    data.update(_inline_management("module_documents", 1, 1))
    row = module.module_documents.get()
    data.update(
        {
            "module_documents-0-id": row.pk,
            "module_documents-0-module": module.pk,
            "module_documents-0-document": document.pk,
            "module_documents-0-position": "1",
        }
    )
    all_cards = list(Flashcard.objects.filter(module=module).order_by("position", "id"))
    data.update(_inline_management("flashcards", len(all_cards), len(all_cards)))
    for index, card in enumerate(all_cards):
        data[f"flashcards-{index}-id"] = card.pk
        data[f"flashcards-{index}-module"] = module.pk
    date_card, figure_card = cards[0], cards[2]
    date_index = all_cards.index(date_card)
    figure_index = all_cards.index(figure_card)
    data[f"flashcards-{date_index}-fact_corrected_text"] = "the year 1900"
    data[f"flashcards-{figure_index}-fact_hidden"] = "on"
    response = client.post(reverse("admin:modules_module_change", args=[module.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    date_card.refresh_from_db()
    assert date_card.back == "the year 1900"
    assert date_card.fact.corrected_text == "the year 1900"
    figure_card.refresh_from_db()
    assert figure_card.fact.hidden and figure_card.stale


def test_teachers_see_only_their_own_modules(client, teacher):
    mine = module_with_towns(towns=1)
    Module.objects.filter(pk=mine.pk).update(owner=teacher)
    theirs = module_with_towns(towns=2)
    client.force_login(teacher)
    body = client.get(reverse("admin:modules_module_changelist")).content.decode()
    assert mine.title in body and theirs.title not in body
    assert client.get(reverse("admin:modules_module_change", args=[theirs.pk])).status_code == 302


def test_publishing_a_module_whose_quiz_is_a_draft_reports_why(client, teacher):
    module = module_with_towns(towns=1, quiz=QuizFactory(owner=teacher, is_published=False))
    Module.objects.filter(pk=module.pk).update(owner=teacher, is_published=False)
    client.force_login(teacher)
    response = client.post(
        reverse("admin:modules_module_changelist"),
        {"action": "publish_selected", "_selected_action": [module.pk]},
        follow=True,
    )
    assert f"Publish the quiz “{module.quiz.title}” before the module that uses it." in (
        response.content.decode()
    )


def _change_data(module, document) -> dict:
    data = _module_form(title=module.title)  # flashcards only: no quiz needed
    data.update(_inline_management("module_documents", 1, 1))
    row = module.module_documents.get()
    data.update(
        {
            "module_documents-0-id": row.pk,
            "module_documents-0-module": module.pk,
            "module_documents-0-document": document.pk,
            "module_documents-0-position": "1",
        }
    )
    cards = list(Flashcard.objects.filter(module=module).order_by("position", "id"))
    data.update(_inline_management("flashcards", len(cards), len(cards)))
    for index, card in enumerate(cards):
        data[f"flashcards-{index}-id"] = card.pk
        data[f"flashcards-{index}-module"] = module.pk
    return data


def test_publish_and_unpublish_buttons_on_the_module_page(client, teacher):
    from modules.admin import MODULE_PUBLISHED, MODULE_UNPUBLISHED

    document = document_with_facts(owner=teacher, towns=1)
    module = module_with_towns(towns=1)
    Module.objects.filter(pk=module.pk).update(owner=teacher, is_published=False)
    services.module_set_documents(module=module, documents=[document])
    module.refresh_from_db()
    client.force_login(teacher)
    url = reverse("admin:modules_module_change", args=[module.pk])
    page = client.get(url).content.decode()
    assert 'value="Save and publish"' in page and 'value="Save and unpublish"' not in page
    response = client.post(url, {**_change_data(module, document), "_publish": "1"}, follow=True)
    module.refresh_from_db()
    assert module.is_published
    assert [str(m) for m in response.context["messages"]] == [
        MODULE_PUBLISHED.format(module=module.title)
    ]
    assert 'value="Save and unpublish"' in response.content.decode()
    response = client.post(url, {**_change_data(module, document), "_unpublish": "1"}, follow=True)
    module.refresh_from_db()
    assert not module.is_published
    assert [str(m) for m in response.context["messages"]] == [
        MODULE_UNPUBLISHED.format(module=module.title)
    ]


def test_the_module_page_names_its_owner_without_a_link_a_teacher_cannot_open(client, teacher):
    module = module_with_towns(towns=1)
    Module.objects.filter(pk=module.pk).update(owner=teacher)
    client.force_login(teacher)
    page = client.get(reverse("admin:modules_module_change", args=[module.pk])).content.decode()
    assert f'<div class="readonly">{teacher.get_username()}</div>' in page
    assert reverse("admin:auth_user_change", args=[teacher.pk]) not in page


def test_module_progress_has_no_add_form(client, teacher):
    client.force_login(teacher)
    listing = client.get(reverse("admin:modules_moduleprogress_changelist"))
    assert listing.status_code == 200
    assert reverse("admin:modules_moduleprogress_add") not in listing.content.decode()
    assert client.get(reverse("admin:modules_moduleprogress_add")).status_code == 403


def test_a_teacher_corrects_a_names_kind_from_the_module_page(client, teacher):
    from modules.materials import whos_who
    from quizgen.models import Fact

    document = document_with_facts(owner=teacher, towns=1)
    module = module_with_towns(towns=1)
    Module.objects.filter(pk=module.pk).update(owner=teacher, is_published=False)
    services.module_set_documents(module=module, documents=[document])
    module.refresh_from_db()
    client.force_login(teacher)
    url = reverse("admin:modules_module_change", args=[module.pk])
    assert "Town0 (organisation)" in client.get(url).content.decode()
    data = _change_data(module, document)
    cards = list(Flashcard.objects.filter(module=module).order_by("position", "id"))
    town = next(
        index
        for index, card in enumerate(cards)
        if card.fact.kind == Fact.Kind.ACTOR and card.fact.document_id == document.pk
    )
    data[f"flashcards-{town}-fact_corrected_label"] = "place"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    fact = Fact.objects.get(document=document, kind=Fact.Kind.ACTOR)
    assert (fact.label, fact.corrected_label, fact.shown_label) == (
        "organisation",
        "place",
        "place",
    )
    assert [entry.kind for entry in whos_who([document], [fact])] == ["place"]


def test_only_a_name_has_a_kind_to_correct(teacher):
    from quizgen.models import Fact

    document = document_with_facts(owner=teacher, towns=1)
    year = Fact.objects.get(document=document, kind=Fact.Kind.DATE)
    with pytest.raises(ValidationError) as caught:
        services.fact_update(fact=year, hidden=False, corrected_text="", corrected_label="place")
    assert caught.value.messages == [
        services.FACT_LABEL_INVALID.format(labels=", ".join(services.ACTOR_LABELS))
    ]
    town = Fact.objects.get(document=document, kind=Fact.Kind.ACTOR)
    with pytest.raises(ValidationError):
        services.fact_update(fact=town, hidden=False, corrected_text="", corrected_label="robot")
    services.fact_update(fact=town, hidden=False, corrected_text="", corrected_label="person")
    services.fact_update(fact=town, hidden=False, corrected_text="Town Zero")
    town.refresh_from_db()
    assert (town.corrected_label, town.corrected_text) == ("person", "Town Zero")
