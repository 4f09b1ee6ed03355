"""The quiz-building services the admin and the API share."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from learning import services
from learning.models import Quiz
from learning.tests.factories import AttemptFactory, QuizFactory
from quizgen.models import Question
from quizgen.tests.factories import DocumentFactory, QuestionFactory, TeacherFactory

pytestmark = pytest.mark.django_db


def _positions(quiz):
    return list(quiz.quiz_questions.order_by("position").values_list("question_id", "position"))


def test_quiz_update_changes_settings():
    quiz = QuizFactory(is_published=False)
    opens = timezone.now()
    services.quiz_update(
        quiz=quiz,
        title="Week 3",
        pass_mark=70,
        max_attempts=2,
        time_limit_minutes=15,
        shuffle_questions=True,
        review_mode=Quiz.ReviewMode.NEVER,
        opens_at=opens,
        closes_at=opens + timedelta(days=2),
    )
    quiz.refresh_from_db()
    assert (quiz.title, quiz.pass_mark, quiz.max_attempts, quiz.time_limit_minutes) == (
        "Week 3",
        70,
        2,
        15,
    )
    assert quiz.shuffle_questions and quiz.review_mode == "never"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"is_published": True}, services.QUIZ_UNKNOWN_SETTING.format(name="is_published")),
        ({"owner_id": 1}, services.QUIZ_UNKNOWN_SETTING.format(name="owner_id")),
    ],
)
def test_quiz_update_refuses_what_is_not_a_setting(fields, message):
    quiz = QuizFactory(is_published=False)
    with pytest.raises(ValidationError) as caught:
        services.quiz_update(quiz=quiz, **fields)
    assert caught.value.messages == [message]


def test_quiz_update_validates_the_values():
    quiz = QuizFactory(is_published=False, pass_mark=50)
    now = timezone.now()
    with pytest.raises(ValidationError):
        services.quiz_update(quiz=quiz, opens_at=now, closes_at=now - timedelta(hours=1))
    with pytest.raises(ValidationError):
        services.quiz_update(quiz=quiz, review_mode="sometimes")
    quiz.refresh_from_db()
    assert quiz.closes_at is None and quiz.review_mode == Quiz.ReviewMode.AFTER_SUBMISSION


def test_quiz_set_questions_replaces_them_in_order():
    teacher = TeacherFactory()
    document = DocumentFactory(owner=teacher)
    first, second, third = QuestionFactory.create_batch(3, document=document)
    quiz = QuizFactory(owner=teacher, is_published=False)
    services.quiz_set_questions(quiz=quiz, questions=[second, first, third])
    assert _positions(quiz) == [(second.pk, 1), (first.pk, 2), (third.pk, 3)]
    services.quiz_set_questions(quiz=quiz, questions=[third, second])
    assert _positions(quiz) == [(third.pk, 1), (second.pk, 2)]


def test_quiz_set_questions_refuses_duplicates():
    teacher = TeacherFactory()
    question = QuestionFactory(document=DocumentFactory(owner=teacher))
    quiz = QuizFactory(owner=teacher, is_published=False)
    with pytest.raises(ValidationError) as caught:
        services.quiz_set_questions(quiz=quiz, questions=[question, question])
    assert caught.value.messages == [
        services.QUIZ_DUPLICATE_QUESTION.format(questions=f"#{question.pk} “{question.prompt}”")
    ]


def test_quiz_set_questions_refuses_another_teachers_questions():
    quiz = QuizFactory(is_published=False)
    foreign = QuestionFactory()
    with pytest.raises(ValidationError) as caught:
        services.quiz_set_questions(quiz=quiz, questions=[foreign])
    assert caught.value.messages == [
        services.QUIZ_FOREIGN_QUESTIONS.format(questions=f"#{foreign.pk} “{foreign.prompt}”")
    ]
    assert _positions(quiz) == []


def test_quiz_add_questions_refuses_another_teachers_questions():
    quiz = QuizFactory(is_published=False)
    own = QuestionFactory(document=DocumentFactory(owner=quiz.owner))
    foreign = QuestionFactory()
    with pytest.raises(ValidationError) as caught:
        services.quiz_add_questions(quiz=quiz, questions=[own, foreign])
    assert caught.value.messages == [
        services.QUIZ_FOREIGN_QUESTIONS.format(questions=f"#{foreign.pk} “{foreign.prompt}”")
    ]
    assert _positions(quiz) == []


def test_quiz_create_refuses_another_teachers_questions_and_creates_nothing():
    teacher = TeacherFactory()
    foreign = QuestionFactory()
    with pytest.raises(ValidationError) as caught:
        services.quiz_create(owner=teacher, title="Borrowed", questions=[foreign])
    assert caught.value.messages == [
        services.QUIZ_FOREIGN_QUESTIONS.format(questions=f"#{foreign.pk} “{foreign.prompt}”")
    ]
    assert Quiz.objects.filter(owner=teacher).count() == 0


def test_published_quiz_keeps_only_approved_defect_free_questions():
    teacher = TeacherFactory()
    document = DocumentFactory(owner=teacher)
    good = QuestionFactory(document=document)
    draft = QuestionFactory(document=document, status=Question.Status.DRAFT)
    defective = QuestionFactory(document=document, defects=["answer_in_stem"])
    quiz = QuizFactory(owner=teacher)
    services.quiz_set_questions(quiz=quiz, questions=[good])
    with pytest.raises(ValidationError) as caught:
        services.quiz_set_questions(quiz=quiz, questions=[good, draft])
    assert caught.value.messages == [
        services.UNAPPROVED_QUESTIONS.format(questions=f"#{draft.pk} “{draft.prompt}”")
    ]
    with pytest.raises(ValidationError) as caught:
        services.quiz_set_questions(quiz=quiz, questions=[defective])
    assert caught.value.messages == [
        services.DEFECTIVE_QUESTIONS.format(questions=f"#{defective.pk} “{defective.prompt}”")
    ]
    with pytest.raises(ValidationError) as caught:
        services.quiz_set_questions(quiz=quiz, questions=[])
    assert caught.value.messages == [services.QUIZ_EMPTY]
    assert _positions(quiz) == [(good.pk, 1)]


def test_questions_are_fixed_once_students_attempted_but_may_be_reordered():
    teacher = TeacherFactory()
    document = DocumentFactory(owner=teacher)
    first, second, third = QuestionFactory.create_batch(3, document=document)
    quiz = QuizFactory(owner=teacher)
    services.quiz_set_questions(quiz=quiz, questions=[first, second])
    AttemptFactory(quiz=quiz)
    services.quiz_set_questions(quiz=quiz, questions=[second, first])
    assert _positions(quiz) == [(second.pk, 1), (first.pk, 2)]
    for changed in ([second], [second, first, third]):
        with pytest.raises(ValidationError) as caught:
            services.quiz_set_questions(quiz=quiz, questions=changed)
        assert caught.value.messages == [services.QUIZ_HAS_ATTEMPTS]
    assert _positions(quiz) == [(second.pk, 1), (first.pk, 2)]


def test_quiz_unpublish_hides_the_quiz():
    quiz = QuizFactory()
    services.quiz_unpublish(quiz=quiz)
    quiz.refresh_from_db()
    assert quiz.is_published is False
