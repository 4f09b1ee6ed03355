"""The module pages through the test client: content, access and pinned query counts."""

import csv
import io
import math

import pytest
from django.db import connection
from django.urls import reverse

from classes.tests.factories import assign, class_with
from learning.models import ReviewItem
from learning.tests.factories import QuizFactory
from modules import selectors, services
from modules.models import Module
from modules.tests.factories import ModuleFactory, module_with_towns
from quizgen.models import Fact
from quizgen.tests.factories import QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db

# Queries per page, whatever the size of the module (pinned for 2 and 40 towns: 6 and 120
# facts). Counted in a test transaction, where atomic blocks add SAVEPOINT/RELEASE pairs.
STUDY_FIRST_VISIT = 16
STUDY_PAGE = 11
FLASHCARDS_PAGE = 5
FLASHCARD_REVIEW_POST = 13
# Session, user, the modules (with the student's progress and card counts, in subqueries)
# and their quizzes' results (one aggregate). 7 before: the cards, the review items, the
# progress rows and every submitted attempt's row were read one query each.
MODULE_LIST = 4
CLASS_PROGRESS = 9
CLASS_PROGRESS_CSV = 9  # + the class of ?class=, checked to be one of the teacher's
EXPORT = 4


def _extra_insert_batches(module) -> int:
    """SQLite caps a statement at 999 parameters, so Django splits the one bulk insert of a
    first visit into batches past about 110 cards; PostgreSQL inserts them in one statement."""
    fields = [field for field in ReviewItem._meta.concrete_fields if not field.primary_key]
    cards = module.flashcards.count()
    batch = connection.ops.bulk_batch_size(fields, [None] * cards) or cards
    return math.ceil(cards / batch) - 1


@pytest.fixture(params=[2, 40], ids=["small", "large"])
def module(request, student):
    quiz = QuizFactory(question_count=3)
    return module_with_towns(towns=request.param, quiz=quiz, assigned_to=[student])


def test_study_page_marks_facts_with_visible_labels(
    client, student, module, django_assert_num_queries
):
    client.force_login(student)
    with django_assert_num_queries(STUDY_FIRST_VISIT + _extra_insert_batches(module)):
        response = client.get(reverse("modules:study", args=[module.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        '<details class="fact fact-date" id="f' in body
        and '<summary><span class="badge badge-date">date</span>1900</summary>' in body
    )
    assert '<summary><span class="badge badge-figure">figure</span>10</summary>' in body
    assert '<summary><span class="badge badge-actor">who</span>Town0</summary>' in body
    assert "<dt>Counts</dt><dd>houses</dd>" in body
    assert f'href="/quizzes/{module.quiz_id}/"' in body
    # The quiz's answers never reach the study page.
    for question in module.quiz.questions.all():
        assert question.explanation not in body
    with django_assert_num_queries(STUDY_PAGE):
        client.get(reverse("modules:study", args=[module.pk]))


def test_flashcards_page_serves_due_cards_and_records_ratings(
    client, student, module, django_assert_num_queries
):
    client.force_login(student)
    client.get(reverse("modules:study", args=[module.pk]))
    url = reverse("modules:flashcards", args=[module.pk])
    with django_assert_num_queries(FLASHCARDS_PAGE):
        body = client.get(url).content.decode()
    total = module.flashcards.count()
    assert f"{total} cards due." in body
    first = selectors.flashcards_due(module=module, student=student)[0][1]
    assert f'<h2 id="card-front">{first.front}</h2>' in body
    for label in ["Again", "Hard", "Good", "Easy"]:
        assert f">{label}<kbd" in body
    with django_assert_num_queries(FLASHCARD_REVIEW_POST):
        response = client.post(url, {"flashcard": first.pk, "rating": "3"})
    assert response.status_code == 302
    assert f"{total - 1} cards due." in client.get(url).content.decode()
    item = ReviewItem.objects.get(student=student, object_id=first.pk, source="flashcard")
    assert item.review_count == 1


def test_the_flashcards_page_queues_the_cards_when_opened_first(client, student):
    module = module_with_towns(assigned_to=[student], towns=2)
    client.force_login(student)
    body = client.get(reverse("modules:flashcards", args=[module.pk])).content.decode()
    assert "6 cards due." in body


def test_a_bad_rating_shows_the_message(client, student):
    module = module_with_towns(assigned_to=[student], towns=1)
    client.force_login(student)
    card = module.flashcards.first()
    response = client.post(
        reverse("modules:flashcards", args=[module.pk]),
        {"flashcard": card.pk, "rating": "9"},
        follow=True,
    )
    assert "Rate the review with Again, Hard, Good or Easy." in response.content.decode()


def test_module_list_costs_the_same_for_one_or_many_modules(
    client, student, django_assert_num_queries
):
    module_with_towns(
        assigned_to=[student], towns=1, quiz=QuizFactory(assigned_to=[student], question_count=1)
    )
    client.force_login(student)
    with django_assert_num_queries(MODULE_LIST):
        client.get(reverse("modules:list"))
    for towns in (3, 5, 7):
        module_with_towns(
            assigned_to=[student],
            towns=towns,
            quiz=QuizFactory(assigned_to=[student], question_count=2),
        )
    with django_assert_num_queries(MODULE_LIST):
        body = client.get(reverse("modules:list")).content.decode()
    assert body.count('class="card module-summary"') == 4
    assert body.count("Not started") == 4


def test_students_do_not_see_unpublished_modules(client, student):
    module = module_with_towns(assigned_to=[student], towns=1)
    Module.objects.filter(pk=module.pk).update(is_published=False)
    client.force_login(student)
    assert client.get(reverse("modules:study", args=[module.pk])).status_code == 404
    assert client.get(reverse("modules:list")).content.decode().count("module-summary") == 0


def test_switched_off_sections_are_not_shown(client, student):
    module = module_with_towns(
        assigned_to=[student],
        towns=2,
        show_timeline=False,
        show_whos_who=False,
        show_flashcards=False,
    )
    client.force_login(student)
    body = client.get(reverse("modules:study", args=[module.pk])).content.decode()
    assert 'id="timeline-heading"' not in body and 'id="whos-who-heading"' not in body
    assert 'id="flashcards-heading"' not in body and 'id="figures-heading"' in body
    assert client.get(reverse("modules:flashcards", args=[module.pk])).status_code == 404
    assert ReviewItem.objects.count() == 0


def test_only_the_modules_teacher_sees_class_progress(client, student, module):
    client.force_login(student)
    assert client.get(reverse("modules:class_progress", args=[module.pk])).status_code == 403
    assert client.get(reverse("modules:class_progress_csv", args=[module.pk])).status_code == 403


def test_class_progress_and_csv_cost_the_same_for_any_class(
    client, module, django_assert_num_queries
):
    students = [UserFactory(username=f"pupil{n}") for n in range(6)]
    year9 = class_with(*students, owner=module.owner, name="Year 9")
    for pupil in students[:4]:
        services.module_start(module=module, student=pupil)
    for card in module.flashcards.all()[:2]:
        services.flashcard_review(module=module, flashcard=card, student=students[0], rating=3)
    client.force_login(module.owner)
    url = reverse("modules:class_progress", args=[module.pk])
    with django_assert_num_queries(CLASS_PROGRESS):
        body = client.get(url, {"class": year9.pk}).content.decode()
    assert body.count('<th scope="row">pupil') == 6
    with django_assert_num_queries(CLASS_PROGRESS):
        body = client.get(url).content.decode()
    assert body.count('<th scope="row">pupil') == 4
    with django_assert_num_queries(CLASS_PROGRESS_CSV):
        response = client.get(
            reverse("modules:class_progress_csv", args=[module.pk]), {"class": year9.pk}
        )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["student", "status", "started"]
    total = module.flashcards.count()
    first = dict(zip(rows[0], rows[1], strict=True))
    assert (first["student"], first["status"], first["flashcards reviewed"]) == (
        "pupil0",
        "Studying",
        "2",
    )
    assert first["flashcards"] == str(total)
    assert [row[1] for row in rows[1:]] == ["Studying"] * 4 + ["Not started"] * 2


def test_exports_cost_the_same_whatever_the_size(
    client, student, module, django_assert_num_queries
):
    client.force_login(student)
    with django_assert_num_queries(EXPORT):
        client.get(reverse("modules:flashcards_csv", args=[module.pk]))
    with django_assert_num_queries(EXPORT):
        client.get(reverse("modules:flashcards_apkg", args=[module.pk]))


def test_dashboard_selector_lists_modules_with_progress(student, django_assert_num_queries):
    module = module_with_towns(
        assigned_to=[student], towns=2, quiz=QuizFactory(assigned_to=[student], question_count=1)
    )
    # Published with no documents, assigned to the student's class: listed, nothing due.
    assign(ModuleFactory(), student)
    ModuleFactory()  # published but not assigned to the student: not listed
    services.module_start(module=module, student=student)
    # The modules with the student's progress and card counts, then the quizzes' results
    # (5 before: cards, review items, attempts and progress rows each on their own).
    with django_assert_num_queries(2):
        summaries = selectors.module_list_for_student(student=student)
    summary = next(item for item in summaries if item.module == module)
    assert (summary.status_label, summary.cards_due, summary.cards_total) == ("Studying", 6, 6)
    assert len(summaries) == 2


def test_the_quiz_answers_are_not_on_any_module_page(client, student):
    question = QuestionFactory(explanation="Secret explanation 42")
    quiz = QuizFactory(assigned_to=[student])
    quiz.quiz_questions.create(question=question, position=1)
    module = module_with_towns(assigned_to=[student], towns=1, quiz=quiz)
    client.force_login(student)
    for url in [
        reverse("modules:study", args=[module.pk]),
        reverse("modules:list"),
        reverse("modules:flashcards", args=[module.pk]),
    ]:
        body = client.get(url).content.decode()
        assert "Secret explanation 42" not in body and "correct" not in body


def test_a_flashcards_sentence_with_its_own_quotation_marks_gets_no_second_pair(client, student):
    module = module_with_towns(assigned_to=[student], towns=1)
    Fact.objects.filter(flashcards__module=module).update(
        sentence="“We will not accept it,” the minister said on Friday."
    )
    client.force_login(student)
    body = client.get(reverse("modules:flashcards", args=[module.pk])).content.decode()
    assert "From the text: “‘We will not accept it,’ the minister said on Friday.”</p>" in body
    assert "““" not in body
