"""Joining by code, roster uploads, the teacher's class pages and CSV, the admin and the API."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from api import services as api_services
from api.tests.conftest import client_for
from classes import services
from classes.models import Assignment, Enrolment, SchoolClass
from classes.tests.factories import assign, class_with
from learning import services as learning_services
from learning.tests.factories import QuizFactory
from quizgen.tests.factories import TeacherFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return TeacherFactory(username="alice")


@pytest.fixture
def history(alice):
    return services.class_create(owner=alice, name="History 7B", term="Autumn 2025")


def test_a_student_joins_with_the_code_in_any_case_and_spacing(client, student, history):
    client.force_login(student)
    code = history.join_code.lower()
    spaced = f" {code[:4]} {code[4:]} "
    response = client.post(reverse("classes:mine"), {"code": spaced}, follow=True)
    page = response.content.decode()
    assert "You joined History 7B (Autumn 2025)." in page
    assert "<h2>History 7B</h2>" in page
    assert list(history.students.all()) == [student]
    again = client.post(reverse("classes:mine"), {"code": history.join_code}, follow=True)
    assert "You are already in History 7B (Autumn 2025)." in again.content.decode()
    assert Enrolment.objects.get().source == Enrolment.Source.JOIN_CODE


def test_a_wrong_code_says_so_and_keeps_what_was_typed(client, student, history):
    client.force_login(student)
    page = client.post(reverse("classes:mine"), {"code": "NOPE1234"}).content.decode()
    assert "No class has the code “NOPE1234”. Check it with your teacher." in page
    assert 'value="NOPE1234"' in page
    assert Enrolment.objects.count() == 0


def test_a_renewed_code_replaces_the_old_one(student, history):
    old = history.join_code
    services.class_join_code_renew(school_class=history)
    with pytest.raises(ValidationError) as caught:
        services.class_join(student=student, code=old)
    assert caught.value.messages == [services.JOIN_CODE_UNKNOWN.format(code=old)]
    services.class_join(student=student, code=history.join_code)
    assert list(history.students.all()) == [student]


ROSTER = (
    "username,email,first_name,last_name\namira,amira@example.org,Amira,Haddad\nstudent-one,,,\n"
)


def test_a_roster_enrols_existing_students_and_creates_the_others(history, student):
    result = services.class_roster_import(school_class=history, content=ROSTER.encode())
    assert result.created == ["amira"]
    assert result.enrolled == ["amira", "student-one"]
    assert result.already == []
    amira = get_user_model().objects.get(username="amira")
    assert (amira.email, amira.first_name, amira.is_staff, amira.has_usable_password()) == (
        "amira@example.org",
        "Amira",
        False,
        False,
    )
    assert list(amira.groups.values_list("name", flat=True)) == ["Student"]
    again = services.class_roster_import(school_class=history, content=ROSTER)
    assert (again.created, again.enrolled, again.already) == ([], [], ["amira", "student-one"])


def test_a_roster_with_wrong_lines_names_each_and_saves_nothing(history, alice):
    roster = "Username,Email\namira,not-an-email\n,x@example.org\nbad name!,\nalice,\nben,\nben,\n"
    with pytest.raises(ValidationError) as caught:
        services.class_roster_import(school_class=history, content=roster)
    assert caught.value.messages == [
        "Line 2: “not-an-email” is not an e-mail address.",
        "Line 3: no username.",
        "Line 4: “bad name!” is not a valid username (letters, digits and @ . + - _).",
        "Line 5: “alice” is a staff account, not a student.",
        "Line 7: “ben” appears twice.",
    ]
    assert Enrolment.objects.count() == 0
    assert not get_user_model().objects.filter(username__in=["amira", "ben"]).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,email\nx,y\n", services.ROSTER_NO_USERNAME_COLUMN),
        (b"username\n\n", services.ROSTER_EMPTY),
        (b"\xff\xfeu\x00", services.ROSTER_NOT_TEXT),
    ],
)
def test_unusable_rosters_are_refused_with_a_reason(history, content, message):
    with pytest.raises(ValidationError) as caught:
        services.class_roster_import(school_class=history, content=content)
    assert caught.value.messages == [message]


def test_the_admin_roster_upload_enrols_and_reports(client, alice, history):
    client.force_login(alice)
    url = reverse("admin:classes_schoolclass_roster", args=[history.pk])
    upload = SimpleUploadedFile("roster.csv", ROSTER.encode(), content_type="text/csv")
    response = client.post(url, {"roster": upload}, follow=True)
    assert "Enrolled 2 student(s) (2 new account(s)); 0 already in the class." in (
        response.content.decode()
    )
    assert sorted(history.students.values_list("username", flat=True)) == ["amira", "student-one"]


def test_the_admin_shows_the_wrong_lines_of_a_roster(client, alice, history):
    client.force_login(alice)
    url = reverse("admin:classes_schoolclass_roster", args=[history.pk])
    upload = SimpleUploadedFile("roster.csv", b"username\nbad name!\n", content_type="text/csv")
    page = client.post(url, {"roster": upload}).content.decode()
    assert "Line 2: “bad name!” is not a valid username" in page
    assert Enrolment.objects.count() == 0


def test_a_teacher_creates_a_class_in_the_admin_and_assigns_a_quiz(client, alice):
    quiz = QuizFactory(owner=alice, title="Week 1")
    client.force_login(alice)
    data = {
        "name": "Geography 9A",
        "term": "Spring",
        "enrolments-TOTAL_FORMS": "0",
        "enrolments-INITIAL_FORMS": "0",
        "assignments-TOTAL_FORMS": "1",
        "assignments-INITIAL_FORMS": "0",
        "assignments-0-quiz": str(quiz.pk),
        "assignments-0-module": "",
        "assignments-0-opens_at_0": "",
        "assignments-0-opens_at_1": "",
        "assignments-0-closes_at_0": "2031-05-01",
        "assignments-0-closes_at_1": "18:00:00",
    }
    response = client.post(reverse("admin:classes_schoolclass_add"), data)
    assert response.status_code == 302
    school_class = SchoolClass.objects.get()
    assert (school_class.owner, school_class.name, len(school_class.join_code)) == (
        alice,
        "Geography 9A",
        8,
    )
    assignment = Assignment.objects.get()
    assert (assignment.quiz, assignment.closes_at.year) == (quiz, 2031)


def test_a_teacher_sees_only_their_classes_in_the_admin(client, alice, history):
    other = class_with(owner=TeacherFactory(), name="Not yours")
    client.force_login(alice)
    page = client.get(reverse("admin:classes_schoolclass_changelist")).content.decode()
    assert "History 7B" in page and "Not yours" not in page
    url = reverse("admin:classes_schoolclass_change", args=[other.pk])
    assert client.get(url).status_code == 302  # the admin sends an unknown object to its list


def test_another_teachers_quiz_cannot_be_assigned(alice, history):
    foreign = QuizFactory(title="Borrowed")
    with pytest.raises(ValidationError) as caught:
        services.assignment_create(school_class=history, quiz=foreign)
    assert caught.value.messages == [services.ASSIGN_NOT_YOURS.format(item="Borrowed")]
    assert Assignment.objects.count() == 0


def test_a_co_teacher_may_assign_their_quiz_and_sees_the_class(client, alice, history):
    bob = TeacherFactory(username="bob")
    services.class_save(school_class=history, co_teachers=[bob])
    services.assignment_create(school_class=history, quiz=QuizFactory(owner=bob, title="Bob's"))
    client.force_login(bob)
    page = client.get(reverse("classes:teach_classes")).content.decode()
    assert "History 7B" in page


def test_students_cannot_co_teach(alice, history, student):
    with pytest.raises(ValidationError) as caught:
        services.class_save(school_class=history, co_teachers=[student])
    assert caught.value.messages == [services.CO_TEACHER_NOT_TEACHER.format(user=student)]


@pytest.fixture
def results(alice):
    quiz = QuizFactory(owner=alice, title="Week 1", question_count=2)
    amira, ben = UserFactory(username="amira"), UserFactory(username="ben")
    outsider = UserFactory(username="outsider")
    school_class = assign(quiz, amira, ben)
    attempt = learning_services.attempt_start(quiz=quiz, student=amira)
    learning_services.attempt_submit(attempt=attempt)
    # An attempt by someone outside the class (the quiz assigned to another class of alice).
    assign(quiz, outsider, school_class=class_with(owner=alice, name="Other"))
    learning_services.attempt_submit(
        attempt=learning_services.attempt_start(quiz=quiz, student=outsider)
    )
    return {"quiz": quiz, "class": school_class}


def test_the_class_page_shows_each_student_on_each_assigned_quiz(client, alice, results):
    client.force_login(alice)
    page = client.get(reverse("classes:teach_class", args=[results["class"].pk])).content.decode()
    assert '<th scope="row">amira</th>' in page and '<th scope="row">ben</th>' in page
    assert "outsider" not in page
    assert "<td>0.0% (1)</td>" in page


def test_the_class_results_csv(client, alice, results):
    client.force_login(alice)
    response = client.get(reverse("classes:teach_class_csv", args=[results["class"].pk]))
    assert response["Content-Disposition"] == 'attachment; filename="class-7b-autumn-results.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        [
            "student",
            "email",
            "time factor",
            "extra minutes",
            "extra attempts",
            "Week 1: best (%)",
            "Week 1: attempts",
        ],
        ["amira", "amira@example.org", "1", "0", "0", "0.0", "1"],
        ["ben", "ben@example.org", "1", "0", "0", "", "0"],
    ]


def test_the_quiz_results_page_filters_by_class(client, alice, results):
    client.force_login(alice)
    url = reverse("learning:teach_quiz", args=[results["quiz"].pk])
    everyone = client.get(url).content.decode()
    assert "amira" in everyone and "outsider" in everyone
    one_class = client.get(url, {"class": results["class"].pk}).content.decode()
    assert "amira" in one_class and "outsider" not in one_class
    other_teachers_class = class_with(owner=TeacherFactory(), name="Elsewhere")
    assert client.get(url, {"class": other_teachers_class.pk}).status_code == 404
    csv_url = reverse("learning:teach_quiz_csv", args=[results["quiz"].pk])
    content = client.get(csv_url, {"class": results["class"].pk}).content
    lines = content.decode("utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines] == ["student", "amira"]


def test_other_teachers_do_not_see_the_class(client, results):
    client.force_login(TeacherFactory())
    assert client.get(reverse("classes:teach_class", args=[results["class"].pk])).status_code == 404


def test_the_api_gives_classes_rosters_and_results_to_teachers_and_integrations(alice, results):
    moodle = UserFactory(username="moodle")
    api_services.integration_account_create(user=moodle, name="Moodle", teachers=[alice])
    stranger_class = class_with(owner=TeacherFactory(), name="Elsewhere")
    school_class = results["class"]
    for user in (alice, moodle):
        api = client_for(user)
        listed = api.get("/api/v1/classes/").json()["results"]
        assert [(row["name"], row["student_count"]) for row in listed] == [
            ("Class 7B", 2),
            ("Other", 1),
        ]
        detail = api.get(f"/api/v1/classes/{school_class.pk}/").json()
        assert [row["username"] for row in detail["students"]] == ["amira", "ben"]
        assert [row["title"] for row in detail["assignments"]] == ["Week 1"]
        rows = api.get(f"/api/v1/classes/{school_class.pk}/results/").json()
        assert rows == [
            {
                "user_id": rows[0]["user_id"],
                "username": "amira",
                "quizzes": [
                    {
                        "quiz": results["quiz"].pk,
                        "attempts": 1,
                        "best_percent": 0.0,
                        "passed": False,
                    }
                ],
                "modules": [],
            },
            {
                "user_id": rows[1]["user_id"],
                "username": "ben",
                "quizzes": [
                    {
                        "quiz": results["quiz"].pk,
                        "attempts": 0,
                        "best_percent": None,
                        "passed": False,
                    }
                ],
                "modules": [],
            },
        ]
        assert api.get(f"/api/v1/classes/{stranger_class.pk}/").status_code == 404
        progress = api.get("/api/v1/progress/", {"class": school_class.pk}).json()["results"]
        assert [row["username"] for row in progress] == ["amira"]


def test_students_may_not_read_classes_through_the_api(results):
    student = results["class"].students.first()
    response = client_for(student).get("/api/v1/classes/")
    assert response.status_code == 403
