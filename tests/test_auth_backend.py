"""The password backend (config/auth.py): Django's ModelBackend with the user of each
request read by compiled SQL. Who is logged in, and when a session ends, are as before."""

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.models import Session
from django.urls import reverse

from config.auth import DJANGO_MODEL_BACKEND, MODEL_BACKEND, ModelBackend
from config.sessions import SessionStore
from quizgen.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN_REDIRECT = (302, "/accounts/login/?next=/")


def _session_made_before(student) -> str:
    """A session as Django's login() stored it before this backend: naming ModelBackend."""
    store = SessionStore()
    store[SESSION_KEY] = str(student.pk)
    store[BACKEND_SESSION_KEY] = DJANGO_MODEL_BACKEND
    store[HASH_SESSION_KEY] = student.get_session_auth_hash()
    store.create()
    return store.session_key


def _dashboard(client):
    return client.get(reverse("learning:dashboard"))


def test_the_site_checks_passwords_with_one_model_backend():
    # Axes first (lockouts), then this backend alone: a wrong password is checked once.
    assert settings.AUTHENTICATION_BACKENDS == [
        "axes.backends.AxesStandaloneBackend",
        MODEL_BACKEND,
    ]


def test_logging_in_on_the_login_page_names_this_backend_and_shows_the_student(client, student):
    answer = client.post(
        "/accounts/login/", {"username": "student-one", "password": "correct-horse-battery"}
    )
    assert (answer.status_code, answer["Location"]) == (302, "/")
    session = Session.objects.get().get_decoded()
    assert session[BACKEND_SESSION_KEY] == MODEL_BACKEND
    body = _dashboard(client).content.decode()
    assert "<span>student-one</span>" in body


def test_a_session_made_before_this_backend_stays_logged_in_and_is_not_rewritten(client, student):
    key = _session_made_before(student)
    stored = Session.objects.get(session_key=key).session_data
    client.cookies[settings.SESSION_COOKIE_NAME] = key

    answer = _dashboard(client)

    assert answer.status_code == 200
    assert "<span>student-one</span>" in answer.content.decode()
    assert Session.objects.get(session_key=key).session_data == stored


def test_a_session_made_before_this_backend_ends_on_a_password_change(client, student):
    client.cookies[settings.SESSION_COOKIE_NAME] = _session_made_before(student)
    assert _dashboard(client).status_code == 200
    student.set_password("a new password for 2027")
    student.save()

    answer = _dashboard(client)
    assert (answer.status_code, answer["Location"]) == LOGIN_REDIRECT


def test_a_deactivated_student_is_logged_out_at_the_next_request(client, student):
    client.force_login(student)
    assert _dashboard(client).status_code == 200
    student.is_active = False
    student.save()

    answer = _dashboard(client)
    assert (answer.status_code, answer["Location"]) == LOGIN_REDIRECT


def test_a_deleted_students_session_shows_the_login_page(client, student):
    client.force_login(student)
    student.delete()

    answer = _dashboard(client)
    assert (answer.status_code, answer["Location"]) == LOGIN_REDIRECT


def test_get_user_gives_the_whole_user_or_none():
    student = UserFactory(username="student-two", first_name="Ada", is_staff=False)
    backend = ModelBackend()

    user = backend.get_user(student.pk)

    assert (user.pk, user.username, user.first_name, user.password, user.is_staff) == (
        student.pk,
        "student-two",
        "Ada",
        student.password,
        False,
    )
    assert backend.get_user(student.pk + 1000) is None
    assert backend.get_user("not an id") is None
