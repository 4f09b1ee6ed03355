"""Every operation for every role: anonymous, student, other student, teacher, other teacher,
integration, and a student outside the teacher's class. The teacher owns the document,
questions, quiz, module and class; both students are in the class, which is assigned the quiz
and the module; the student has an attempt in progress on that quiz."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lti_tool.models import LtiRegistration, LtiUser

from api.tests.conftest import ROLES, client_for
from classes import services as class_services
from classes.models import Enrolment
from classes.tests.factories import assign
from learning.models import Attempt
from learning.tests.factories import AttemptFactory, QuizFactory
from lti.services import lti_user_account
from modules import services as module_services
from modules.tests.factories import document_with_facts
from quizgen.models import Question
from quizgen.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(people, bank):
    spare = QuestionFactory(document=bank["document"], status=Question.Status.DRAFT)
    attempt = AttemptFactory(quiz=bank["quiz"], student=people["student"])
    module = module_services.module_create(
        owner=people["teacher"],
        title="The towns module",
        documents=[document_with_facts(owner=people["teacher"], towns=1)],
        quiz=bank["quiz"],
    )
    module_services.module_publish(module=module)
    assign(module, school_class=bank["class"])
    card = module.flashcards.first()
    other_quiz = QuizFactory(owner=people["teacher"], title="Not assigned yet")
    return {
        **bank,
        "spare": spare,
        "attempt": attempt,
        "module": module,
        "card": card,
        "other_quiz": other_quiz,
    }


class Multipart(dict):
    """A body sent as multipart/form-data (a file upload), not JSON."""


def _mc(world):
    return world["questions"]["multiple_choice"].pk


# (name, method, url builder, body builder, expected status per role in ROLES order)
# fmt: off
MATRIX = [
    ("document list", "get", lambda w: reverse("api:document-list"), None,
     [401, 403, 403, 200, 200, 403, 403]),
    ("document upload", "post", lambda w: reverse("api:document-upload"),
     lambda w: {"title": "Notes", "text": "In 1979, the committee met in Paris at last."},
     [401, 403, 403, 202, 202, 403, 403]),
    ("document detail", "get", lambda w: reverse("api:document-detail", args=[w["document"].pk]),
     None, [401, 403, 403, 200, 404, 403, 403]),
    ("document job", "get", lambda w: reverse("api:document-job", args=[w["document"].pk]),
     None, [401, 403, 403, 200, 404, 403, 403]),
    ("document export", "get",
     lambda w: reverse("api:document-export", args=[w["document"].pk, "gift"]), None,
     [401, 403, 403, 200, 404, 403, 403]),
    ("question list", "get", lambda w: reverse("api:question-list"), None,
     [401, 403, 403, 200, 200, 403, 403]),
    ("question detail", "get", lambda w: reverse("api:question-detail", args=[_mc(w)]), None,
     [401, 403, 403, 200, 404, 403, 403]),
    ("question edit", "patch", lambda w: reverse("api:question-edit", args=[_mc(w)]),
     lambda w: {"prompt": "In which year did it happen?"}, [401, 403, 403, 200, 404, 403, 403]),
    ("question create", "post", lambda w: reverse("api:question-create"),
     lambda w: {"document": w["document"].pk, "kind": "short_answer", "prompt": "Who met?",
                "accepted_answers": ["The committee"]},
     [401, 403, 403, 201, 400, 403, 403]),
    ("question import", "post", lambda w: reverse("api:question-import"),
     lambda w: Multipart(file=SimpleUploadedFile("bank.gift", b"::Q::Who met?{=We ~They}")),
     [401, 403, 403, 201, 201, 403, 403]),
    ("question approve", "post", lambda w: reverse("api:question-approve", args=[w["spare"].pk]),
     None, [401, 403, 403, 200, 404, 403, 403]),
    ("question reject", "post", lambda w: reverse("api:question-reject", args=[w["spare"].pk]),
     None, [401, 403, 403, 200, 404, 403, 403]),
    ("question bulk approve", "post", lambda w: reverse("api:question-bulk-approve"),
     lambda w: {"document": w["document"].pk}, [401, 403, 403, 200, 404, 403, 403]),
    ("quiz list", "get", lambda w: reverse("api:quiz-list"), None,
     [401, 200, 200, 200, 200, 200, 200]),
    ("quiz owned list", "get", lambda w: reverse("api:quiz-owned-list"), None,
     [401, 403, 403, 200, 200, 403, 403]),
    ("quiz create", "post", lambda w: reverse("api:quiz-create"),
     lambda w: {"title": "A new quiz"}, [401, 403, 403, 201, 201, 403, 403]),
    ("quiz detail", "get", lambda w: reverse("api:quiz-detail", args=[w["quiz"].pk]), None,
     [401, 200, 200, 200, 404, 200, 404]),
    ("quiz settings", "patch", lambda w: reverse("api:quiz-settings", args=[w["quiz"].pk]),
     lambda w: {"pass_mark": 60}, [401, 403, 403, 200, 404, 403, 403]),
    ("quiz set questions", "put",
     lambda w: reverse("api:quiz-set-questions", args=[w["quiz"].pk]),
     lambda w: {"questions": [q.pk for q in reversed(list(w["questions"].values()))]},
     [401, 403, 403, 200, 404, 403, 403]),
    ("quiz add questions", "post",
     lambda w: reverse("api:quiz-add-questions", args=[w["quiz"].pk]),
     lambda w: {"questions": [_mc(w)]}, [401, 403, 403, 200, 404, 403, 403]),
    ("quiz publish", "post", lambda w: reverse("api:quiz-publish", args=[w["quiz"].pk]), None,
     [401, 403, 403, 200, 404, 403, 403]),
    ("quiz unpublish", "post", lambda w: reverse("api:quiz-unpublish", args=[w["quiz"].pk]),
     None, [401, 403, 403, 200, 404, 403, 403]),
    # The student's attempt keeps the quiz: its teacher is told to unpublish it instead.
    ("quiz delete", "delete", lambda w: reverse("api:quiz-delete", args=[w["quiz"].pk]), None,
     [401, 403, 403, 409, 404, 403, 403]),
    ("quiz duplicate", "post", lambda w: reverse("api:quiz-duplicate", args=[w["quiz"].pk]),
     None, [401, 403, 403, 201, 404, 403, 403]),
    ("document quiz proposal", "get",
     lambda w: reverse("api:document-quiz-proposal", args=[w["document"].pk]), None,
     [401, 403, 403, 200, 404, 403, 403]),
    ("document quiz create", "post",
     lambda w: reverse("api:document-quiz-create", args=[w["document"].pk]),
     lambda w: {"questions": [w["spare"].pk]}, [401, 403, 403, 201, 404, 403, 403]),
    ("quiz export", "get", lambda w: reverse("api:quiz-export", args=[w["quiz"].pk, "qti"]),
     None, [401, 403, 403, 200, 404, 403, 403]),
    ("attempt start", "post", lambda w: reverse("api:attempt-start", args=[w["quiz"].pk]), None,
     [401, 200, 201, 201, 404, 403, 404]),
    ("attempt list", "get", lambda w: reverse("api:attempt-list"), None,
     [401, 200, 200, 200, 200, 403, 200]),
    ("attempt detail", "get", lambda w: reverse("api:attempt-detail", args=[w["attempt"].pk]),
     None, [401, 200, 404, 404, 404, 403, 404]),
    ("attempt save answers", "put",
     lambda w: reverse("api:attempt-save-answers", args=[w["attempt"].pk]),
     lambda w: {"answers": [{"question": _mc(w), "answer": "1979"}]},
     [401, 200, 404, 404, 404, 403, 404]),
    ("attempt submit", "post", lambda w: reverse("api:attempt-submit", args=[w["attempt"].pk]),
     lambda w: {}, [401, 200, 404, 404, 404, 403, 404]),
    ("attempt result", "get", lambda w: reverse("api:attempt-result", args=[w["attempt"].pk]),
     None, [401, 409, 404, 404, 404, 403, 404]),
    ("response mark", "put",
     lambda w: reverse("api:response-mark", args=[w["attempt"].pk, _mc(w)]),
     lambda w: {"score": 1, "comment": "Fine."}, [401, 403, 403, 404, 404, 403, 403]),
    ("progress", "get", lambda w: reverse("api:progress-list"), None,
     [401, 200, 200, 200, 200, 200, 200]),
    ("module list", "get", lambda w: reverse("api:module-list"), None,
     [401, 200, 200, 200, 200, 200, 200]),
    ("module detail", "get", lambda w: reverse("api:module-detail", args=[w["module"].pk]), None,
     [401, 200, 200, 200, 404, 200, 404]),
    ("module materials", "get",
     lambda w: reverse("api:module-materials", args=[w["module"].pk]), None,
     [401, 200, 200, 200, 404, 200, 404]),
    ("module flashcards due", "get",
     lambda w: reverse("api:module-flashcards-due", args=[w["module"].pk]), None,
     [401, 200, 200, 200, 404, 403, 404]),
    ("module flashcard review", "post",
     lambda w: reverse("api:module-flashcard-review", args=[w["module"].pk, w["card"].pk]),
     lambda w: {"rating": 3}, [401, 201, 201, 201, 404, 403, 404]),
    ("module progress", "get", lambda w: reverse("api:module-progress", args=[w["module"].pk]),
     None, [401, 200, 200, 200, 404, 403, 404]),
    ("module class progress", "get",
     lambda w: reverse("api:module-class-progress", args=[w["module"].pk]), None,
     [401, 403, 403, 200, 404, 403, 403]),
    ("class list", "get", lambda w: reverse("api:class-list"), None,
     [401, 403, 403, 200, 200, 200, 403]),
    ("class detail", "get", lambda w: reverse("api:class-detail", args=[w["class"].pk]), None,
     [401, 403, 403, 200, 404, 200, 403]),
    ("class results", "get", lambda w: reverse("api:class-results", args=[w["class"].pk]), None,
     [401, 403, 403, 200, 404, 200, 403]),
    ("class assign", "post", lambda w: reverse("api:class-assign", args=[w["class"].pk]),
     lambda w: {"quiz": w["other_quiz"].pk}, [401, 403, 403, 201, 404, 403, 403]),
]
# fmt: on

CASES = [
    pytest.param(name, method, url, body, role, statuses[index], id=f"{name}-{role}")
    for name, method, url, body, statuses in MATRIX
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("name", "method", "url", "body", "role", "expected"), CASES)
def test_each_role_gets_the_expected_status(
    clients, world, name, method, url, body, role, expected
):
    payload = body(world) if body else None
    response = getattr(clients[role], method)(
        url(world), payload, format="multipart" if isinstance(payload, Multipart) else "json"
    )
    assert response.status_code == expected, response.content[:300]
    if expected >= 400:
        assert set(response.json()["error"]) == {"code", "message", "fields"}


# Accounts made by LMS launches hold exactly the rights of their role: a student enrolled from
# the LMS in the teacher's class (no attempt yet) gets what the other student gets; a teacher
# made by a launch from another course what the other teacher gets.
LMS_ROLES = {"lms_student": "other_student", "lms_teacher": "other_teacher"}


@pytest.fixture
def lms_clients(world):
    registration = LtiRegistration.objects.create(
        name="School Moodle",
        issuer="https://lms.example.org",
        client_id="quizgen-tool",
        auth_url="https://lms.example.org/auth",
        token_url="https://lms.example.org/token",
        keyset_url="https://lms.example.org/jwks",
    )

    def account(sub, teacher):
        lti_user = LtiUser.objects.create(
            registration=registration, sub=sub, email=f"{sub}@lms.example.org"
        )
        return lti_user_account(lti_user=lti_user, teacher=teacher)

    student = account("lms-student", teacher=False)
    class_services.enrolment_add(
        school_class=world["class"], student=student, source=Enrolment.Source.LMS
    )
    return {"lms_student": client_for(student), "lms_teacher": client_for(account("lms-t", True))}


LMS_CASES = [
    pytest.param(name, method, url, body, role, statuses[ROLES.index(like)], id=f"{name}-{role}")
    for name, method, url, body, statuses in MATRIX
    for role, like in LMS_ROLES.items()
]


@pytest.mark.parametrize(("name", "method", "url", "body", "role", "expected"), LMS_CASES)
def test_accounts_made_by_lms_launches_get_what_their_role_gets(
    lms_clients, world, name, method, url, body, role, expected
):
    payload = body(world) if body else None
    response = getattr(lms_clients[role], method)(
        url(world), payload, format="multipart" if isinstance(payload, Multipart) else "json"
    )
    assert response.status_code == expected, response.content[:300]


def test_the_matrix_covers_every_operation_of_the_schema():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = sum(
        1
        for path, methods in schema["paths"].items()
        for method in methods
        if not path.endswith(("/schema/", "/docs/"))
    )
    assert operations == len(MATRIX) == 46


def test_a_student_cannot_read_another_students_attempt_by_id(clients, world):
    response = clients["other_student"].get(
        reverse("api:attempt-result", args=[world["attempt"].pk])
    )
    assert response.status_code == 404
    assert Attempt.objects.get(pk=world["attempt"].pk).state == Attempt.State.IN_PROGRESS
