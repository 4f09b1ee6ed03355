import factory
from django.utils import timezone

from learning.models import Attempt, Quiz, QuizQuestion, Response, review_fields_for_mode
from quizgen.tests.factories import QuestionFactory, TeacherFactory, UserFactory


def _preset(quiz, name: str) -> bool:
    return review_fields_for_mode(quiz.review_mode)[f"review_{name}"]


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    owner = factory.SubFactory(TeacherFactory)
    title = factory.Sequence(lambda n: f"Quiz {n}")
    is_published = True
    published_at = factory.LazyFunction(timezone.now)
    shuffle_options = False
    review_mode = Quiz.ReviewMode.AFTER_SUBMISSION
    # The review options follow the review mode given, as quiz_create sets them.
    review_marks_immediately = factory.LazyAttribute(lambda o: _preset(o, "marks_immediately"))
    review_marks_later = factory.LazyAttribute(lambda o: _preset(o, "marks_later"))
    review_marks_after_close = factory.LazyAttribute(lambda o: _preset(o, "marks_after_close"))
    review_answers_immediately = factory.LazyAttribute(lambda o: _preset(o, "answers_immediately"))
    review_answers_later = factory.LazyAttribute(lambda o: _preset(o, "answers_later"))
    review_answers_after_close = factory.LazyAttribute(lambda o: _preset(o, "answers_after_close"))
    review_feedback_immediately = factory.LazyAttribute(
        lambda o: _preset(o, "feedback_immediately")
    )
    review_feedback_later = factory.LazyAttribute(lambda o: _preset(o, "feedback_later"))
    review_feedback_after_close = factory.LazyAttribute(
        lambda o: _preset(o, "feedback_after_close")
    )

    @factory.post_generation
    def question_count(self, create, extracted, **kwargs):
        if create and extracted:
            for position in range(1, extracted + 1):
                QuizQuestionFactory(quiz=self, position=position)

    @factory.post_generation
    def assigned_to(self, create, extracted, **kwargs):
        """`assigned_to=[student, ...]`: a class of the quiz's teacher holding them, assigned
        the quiz (a student sees only what their classes are assigned)."""
        if create and extracted:
            from classes.tests.factories import assign

            assign(self, *extracted)


class QuizQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuizQuestion

    quiz = factory.SubFactory(QuizFactory)
    question = factory.SubFactory(QuestionFactory)
    position = factory.Sequence(lambda n: n + 1)


class AttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attempt

    quiz = factory.SubFactory(QuizFactory)
    student = factory.SubFactory(UserFactory)
    number = 1
    seed = 7
    started_at = factory.LazyFunction(timezone.now)


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    attempt = factory.SubFactory(AttemptFactory)
    question = factory.SubFactory(QuestionFactory)
    answer = "1979"


# One factory-built question of every kind, with the data shapes the generator produces.
KIND_FIELDS = {
    "multiple_choice": {
        "prompt": "Which city hosted the summit?",
        "options": [
            {"text": "Lisbon", "correct": False},
            {"text": "Oslo", "correct": True},
            {"text": "Quito", "correct": False},
            {"text": "Hanoi", "correct": False},
        ],
        "accepted_answers": ["Oslo"],
    },
    "true_false": {
        "prompt": "True or false: the summit took place in winter.",
        "options": [{"text": "True", "correct": False}, {"text": "False", "correct": True}],
        "accepted_answers": [],
    },
    "fill_blank": {
        "prompt": "The treaty was signed by _____ delegates.",
        "options": [],
        "accepted_answers": ["forty-two", "42"],
    },
    "short_answer": {
        "prompt": "Who chaired the summit?",
        "options": [],
        "accepted_answers": ["Maria Alvarez", "Alvarez"],
    },
    "numeric": {
        "prompt": "How much did the fund hold, in dollars?",
        "options": [],
        "accepted_answers": [],
        "answer": {"value": 9e9, "tolerance": 0, "unit": "dollars", "display": "$9 billion"},
        "tolerance": 1e8,
    },
    "ordering": {
        "prompt": "Put these events in the order they happened.",
        "options": ["Ceasefire", "Founding", "Election", "Treaty"],
        "accepted_answers": [],
        "answer": ["Founding", "Treaty", "Election", "Ceasefire"],
    },
    "matching": {
        "prompt": "Match each person to their role.",
        "options": ["Mayor", "Envoy", "Judge"],
        "accepted_answers": [],
        "answer": [["Ana Ruiz", "Envoy"], ["Ben Okafor", "Judge"], ["Chen Wu", "Mayor"]],
    },
}

# A right answer, as a student gives it, for each kind.
RIGHT_ANSWERS = {
    "multiple_choice": "Oslo",
    "true_false": "False",
    "fill_blank": "42",
    "short_answer": "maria alvarez",
    "numeric": "$9bn",
    "ordering": ["Founding", "Treaty", "Election", "Ceasefire"],
    "matching": {"Ana Ruiz": "Envoy", "Ben Okafor": "Judge", "Chen Wu": "Mayor"},
}


def question_of_kind(kind: str, **fields):
    return QuestionFactory(kind=kind, **{**KIND_FIELDS[kind], **fields})


def quiz_with_every_kind(**quiz_fields):
    quiz = QuizFactory(**quiz_fields)
    for position, kind in enumerate(KIND_FIELDS, start=1):
        QuizQuestionFactory(quiz=quiz, question=question_of_kind(kind), position=position)
    return quiz
