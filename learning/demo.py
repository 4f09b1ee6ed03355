"""The demo: a teacher, a student, the seed documents and a published quiz. Idempotent."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from learning import services as learning_services
from learning.models import Quiz
from quizgen import services as quizgen_services
from quizgen.documents import read_source_file, source_files
from quizgen.models import Question
from roles.groups import STUDENT_GROUP, TEACHER_GROUP, role_group

DEMO_TEACHER = ("teacher", "teacher-demo-2025")
DEMO_STUDENT = ("student", "student-demo-2025")
DEMO_QUIZ_TITLE = "Russia and the Taliban: the demo quiz"
DEMO_CLASS = ("Demo class", "Demo term")


def demo_class_load(*, teacher, student, quiz: Quiz, module) -> None:
    """The demo class: the demo student in it, the demo quiz and module assigned."""
    from classes import services as class_services
    from classes.models import Assignment, SchoolClass

    name, term = DEMO_CLASS
    school_class = SchoolClass.objects.filter(owner=teacher, name=name, term=term).first()
    if school_class is None:
        school_class = class_services.class_create(owner=teacher, name=name, term=term)
    class_services.enrolment_add(school_class=school_class, student=student)
    for lookup in ({"quiz": quiz}, {"module": module}):
        if not Assignment.objects.filter(school_class=school_class, **lookup).exists():
            class_services.assignment_create(school_class=school_class, **lookup)


@dataclass(frozen=True)
class DemoSummary:
    documents: int
    questions: int
    quiz: Quiz


def _user(username: str, password: str, *, staff: bool, group: str):
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username, defaults={"is_staff": staff}
    )
    if created:
        user.set_password(password)
        user.save()
    user.groups.add(role_group(group))
    return user


DEMO_QUIZ_SIZE = 12


DEMO_QUIZ_KINDS = (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE)


def demo_quiz_questions(documents: list, *, reviewer) -> list[Question]:
    """The recommended set as a quiz answered with a tap on a phone, one question per fact.

    Each recommended question is taken in its multiple-choice or true/false variant (the same
    fact and sentence, defect-free; approved here) when it is a typed, ordering or matching
    question; one without such a variant is left out. Shown in the order of the text.
    """
    recommended = (
        Question.objects.filter(
            document__in=documents, status=Question.Status.APPROVED, recommended=True
        )
        .prefetch_related("facts")
        .order_by("-score", "id")
    )
    chosen: list[Question] = []
    used_facts: set[int] = set()
    for question in recommended:
        facts = {fact.pk for fact in question.facts.all()}
        if facts & used_facts:
            continue
        if question.kind not in DEMO_QUIZ_KINDS:
            variant = next(
                (
                    other
                    for other in Question.objects.filter(
                        document=question.document,
                        kind__in=DEMO_QUIZ_KINDS,
                        source_start=question.source_start,
                        facts__in=facts,
                    )
                    .exclude(status=Question.Status.REJECTED)
                    .order_by("-score", "id")
                    if not other.defects
                ),
                None,
            )
            if variant is None:
                continue
            question = quizgen_services.question_approve(question=variant, reviewer=reviewer)
        chosen.append(question)
        used_facts |= facts
        if len(chosen) == DEMO_QUIZ_SIZE:
            break
    return sorted(
        chosen, key=lambda question: (question.document_id, question.source_start, question.pk)
    )


def demo_load(*, seeds_dir: Path) -> DemoSummary:
    teacher = _user(*DEMO_TEACHER, staff=True, group=TEACHER_GROUP)
    student = _user(*DEMO_STUDENT, staff=False, group=STUDENT_GROUP)
    documents = []
    for path in source_files(seeds_dir):
        source = read_source_file(path)
        document = quizgen_services.document_ingest(
            owner=teacher,
            text=source.text,
            title=source.title,
            published_on=source.published_on,
            source_url=source.source_url,
            enqueue=False,
        )
        if document.status != document.Status.READY:
            document = quizgen_services.document_generate(document=document)
        quizgen_services.questions_approve_recommended(document=document, reviewer=teacher)
        documents.append(document)
    with transaction.atomic():
        quiz = Quiz.objects.filter(owner=teacher, title=DEMO_QUIZ_TITLE).first()
        approved = demo_quiz_questions(documents, reviewer=teacher)
        if quiz is None:
            quiz = learning_services.quiz_create(
                owner=teacher,
                title=DEMO_QUIZ_TITLE,
                description=(
                    "Questions generated from the demo article and approved by the demo teacher."
                ),
                questions=approved,
                pass_mark=60,
            )
        if not quiz.is_published:
            learning_services.quiz_publish(quiz=quiz)
    from modules.demo import demo_module_load

    module = demo_module_load(teacher=teacher, documents=documents, quiz=quiz)
    demo_class_load(teacher=teacher, student=student, quiz=quiz, module=module)
    return DemoSummary(
        documents=len(documents),
        questions=Question.objects.filter(document__in=documents).count(),
        quiz=quiz,
    )
