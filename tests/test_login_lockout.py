"""Both login pages lock a username out after 20 wrong passwords from one address."""

import pytest
from django.urls import reverse

from config.views import LOGIN_LOCKED_OUT
from quizgen.tests.factories import TeacherFactory, UserFactory

PASSWORD = "right-password-2025"
LOCKED = LOGIN_LOCKED_OUT.format(username="{username}", minutes=30)


def log_in(client, url, username, password):
    return client.post(url, {"username": username, "password": password})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "make_user", "refusal"),
    [
        ("login", UserFactory, "Your username and password did not match."),
        ("admin:login", TeacherFactory, "Please enter the correct username and password"),
    ],
    ids=["student login", "admin login"],
)
def test_twenty_wrong_passwords_lock_the_username_out_with_a_message(
    client, url_name, make_user, refusal
):
    user = make_user(username="pupil", password=PASSWORD)
    url = reverse(url_name)
    answers = [log_in(client, url, "pupil", f"wrong-{n}") for n in range(20)]
    assert [a.status_code for a in answers] == [200] * 19 + [429]
    assert refusal in answers[18].content.decode()
    locked = log_in(client, url, "pupil", PASSWORD)
    assert locked.status_code == 429
    assert LOCKED.format(username="pupil") in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Someone else at the same address still logs in.
    make_user(username="neighbour", password=PASSWORD)
    assert log_in(client, url, "neighbour", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] != str(user.pk)


@pytest.mark.django_db
def test_a_right_password_before_the_limit_clears_the_count(client):
    UserFactory(username="pupil", password=PASSWORD)
    url = reverse("login")
    for n in range(19):
        log_in(client, url, "pupil", f"wrong-{n}")
    assert log_in(client, url, "pupil", PASSWORD).status_code == 302
    client.logout()
    answers = [log_in(client, url, "pupil", f"again-{n}") for n in range(19)]
    assert {a.status_code for a in answers} == {200}
