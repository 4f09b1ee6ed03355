import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from quizgen.models import Document, Fact, Question
from quizgen.services import text_checksum


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")


class TeacherFactory(UserFactory):
    username = factory.Sequence(lambda n: f"teacher{n}")
    is_staff = True

    @factory.post_generation
    def teacher_group(self, create, extracted, **kwargs):
        if create:
            from roles.groups import TEACHER_GROUP, role_group

            self.groups.add(role_group(TEACHER_GROUP))


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    owner = factory.SubFactory(TeacherFactory)
    title = factory.Sequence(lambda n: f"Document {n}")
    text = factory.Sequence(
        lambda n: f"In {1900 + n}, the committee met in Paris for the {n}th time."
    )
    checksum = factory.LazyAttribute(lambda document: text_checksum(document.text))
    status = Document.Status.READY


class FactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fact

    document = factory.SubFactory(DocumentFactory)
    kind = Fact.Kind.DATE
    text = "1979"
    start = 3
    end = 7
    key = factory.Sequence(lambda n: f"date:{n}")
    sentence = "In 1979, the Soviet Union invaded Afghanistan."
    sentence_start = 0
    sentence_end = 46
    value = "1979"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    document = factory.SubFactory(DocumentFactory)
    kind = Question.Kind.MULTIPLE_CHOICE
    prompt = factory.Sequence(lambda n: f"In which year did event {n} happen?")
    options = factory.LazyFunction(
        lambda: [
            {"text": "1975", "correct": False},
            {"text": "1979", "correct": True},
            {"text": "1983", "correct": False},
            {"text": "1988", "correct": False},
        ]
    )
    accepted_answers = factory.LazyFunction(lambda: ["1979"])
    explanation = "The text says: In 1979, the Soviet Union invaded Afghanistan."
    source_sentence = "In 1979, the Soviet Union invaded Afghanistan."
    score = 0.8
    recommended = True
    fingerprint = factory.Sequence(lambda n: f"fp{n}")
    status = Question.Status.APPROVED


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        django_get_or_create = ["name"]

    name = "Teacher"
