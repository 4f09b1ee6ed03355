"""Time left in words: seconds under a minute, "1 minute", never "0 minutes" with time left."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import services
from learning.models import Attempt
from learning.templatetags.learning_time import minutes, time_left
from learning.tests.factories import QuizFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, "0 seconds"),
        (1, "1 second"),
        (56, "56 seconds"),
        (60, "1 minute"),
        (61, "1 minute 1 second"),
        (125, "2 minutes 5 seconds"),
        (599, "9 minutes 59 seconds"),
        (600, "10 minutes"),
        (1799, "29 minutes"),
        (None, ""),
    ],
)
def test_time_left_in_words(seconds, words):
    assert time_left(seconds) == words


@pytest.mark.parametrize(
    ("count", "words"), [(1, "1 minute"), (2, "2 minutes"), (20, "20 minutes")]
)
def test_minutes_in_words(count, words):
    assert minutes(count) == words


def test_56_seconds_left_reads_56_seconds_on_every_page(client, student, monkeypatch):
    quiz = QuizFactory(
        assigned_to=[student], title="Nearly done", time_limit_minutes=1, question_count=1
    )
    attempt = services.attempt_start(quiz=quiz, student=student)
    moment = timezone.now()
    Attempt.objects.filter(pk=attempt.pk).update(deadline=moment + timedelta(seconds=56))
    monkeypatch.setattr(timezone, "now", lambda: moment)  # the clock stands still
    client.force_login(student)
    dashboard = client.get(reverse("learning:dashboard")).content.decode()
    assert "Attempt 1: 56 seconds left." in dashboard
    intro = client.get(reverse("learning:quiz_intro", args=[quiz.pk])).content.decode()
    assert "You have an attempt in progress with 56 seconds left." in intro
    assert "<dd>1 minute; when time is up" in intro
    take = client.get(reverse("learning:attempt_take", args=[attempt.pk])).content.decode()
    assert 'data-seconds-left="56" data-result-url="' in take
    assert '">56 seconds</span></p>' in take
    confirm = client.get(reverse("learning:attempt_confirm", args=[attempt.pk])).content.decode()
    # The confirmation page counts down too (quiz.js), starting from the same words.
    assert 'data-seconds-left="56" data-result-url="' in confirm
    assert '">56 seconds</span></p>' in confirm


@pytest.mark.parametrize(("limit", "words"), [(1, "1 minute"), (2, "2 minutes")])
def test_the_dashboard_gives_the_time_limit_in_words(client, student, limit, words):
    QuizFactory(
        assigned_to=[student], title="Quick one", time_limit_minutes=limit, question_count=1
    )
    client.force_login(student)
    dashboard = client.get(reverse("learning:dashboard")).content.decode()
    assert f'<p class="muted">1 question · {words}</p>' in dashboard
