import factory
from django.utils import timezone

from learning.models import Attempt, Quiz, QuizQuestion, Response
from quizgen.tests.factories import QuestionFactory, TeacherFactory, UserFactory


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    owner = factory.SubFactory(TeacherFactory)
    title = factory.Sequence(lambda n: f"Quiz {n}")
    is_published = True
    published_at = factory.LazyFunction(timezone.now)
    shuffle_options = False

    @factory.post_generation
    def question_count(self, create, extracted, **kwargs):
        if create and extracted:
            for position in range(1, extracted + 1):
                QuizQuestionFactory(quiz=self, position=position)


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
