"""The teacher's class results page costs the same number of queries for 2 students as for 20."""

import pytest
from django.urls import reverse

from classes import services
from classes.tests.factories import class_with
from learning import services as learning_services
from learning.tests.factories import QuizFactory
from modules.tests.factories import module_with_towns
from quizgen.tests.factories import TeacherFactory, UserFactory

pytestmark = pytest.mark.django_db

# Session, user and the user's groups (3); the class, its enrolments with their students, its
# assignments and co-teachers (class_detail: 4); the attempts on the assigned quizzes (1); the
# modules' flashcards, reviews, quiz attempts and progress (module_summaries: 4); the unsent
# scores (1) and whether the LMS offers a roster (1). The CSV has neither of the last two.
CLASS_PAGE_QUERIES = 14


def _class_of(students: int):
    teacher = TeacherFactory(username=f"teacher-{students}")
    quizzes = [QuizFactory(owner=teacher, title=f"Week {n}", question_count=2) for n in (1, 2)]
    module = module_with_towns(towns=3, quiz=QuizFactory(owner=teacher, question_count=1))
    pupils = [UserFactory(username=f"pupil-{students}-{n:02}") for n in range(students)]
    school_class = class_with(*pupils, owner=teacher)
    for item in (*quizzes, module):
        kind = "module" if item is module else "quiz"
        services.assignment_create(school_class=school_class, **{kind: item})
    for pupil in pupils:
        for quiz in quizzes:
            for _ in range(2):  # two attempts each
                learning_services.attempt_submit(
                    attempt=learning_services.attempt_start(quiz=quiz, student=pupil)
                )
    return teacher, school_class


@pytest.mark.parametrize("students", [2, 20])
def test_the_class_page_and_csv_do_not_grow_with_the_students(
    client, students, django_assert_num_queries
):
    teacher, school_class = _class_of(students)
    client.force_login(teacher)
    with django_assert_num_queries(CLASS_PAGE_QUERIES):
        page = client.get(reverse("classes:teach_class", args=[school_class.pk])).content.decode()
    assert f"<title>{school_class}: results · Quizgen</title>" in page
    assert page.count('<th scope="row">pupil-') == students
    assert page.count("<td>0.0% (2)</td>") == 2 * students
    with django_assert_num_queries(CLASS_PAGE_QUERIES - 2):
        response = client.get(reverse("classes:teach_class_csv", args=[school_class.pk]))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == students + 1
    assert lines[1].split(",")[-5:] == ["0.0", "2", "0.0", "2", "Not started"]
