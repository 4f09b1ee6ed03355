"""The student's pages through the test client: what they show, save, refuse and never leak."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import services
from learning.models import Attempt, Quiz, Response, ReviewItem
from learning.tests.factories import (
    KIND_FIELDS,
    RIGHT_ANSWERS,
    QuizFactory,
    QuizQuestionFactory,
    quiz_with_every_kind,
)
from quizgen.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db

SECRETS = [
    "correct",
    "forty-two",
    "Maria Alvarez",
    "$9 billion",
    "9000000000",
    "The text says",
    "Soviet Union invaded",
    "explanation",
]


def start(client, quiz) -> Attempt:
    response = client.post(reverse("learning:quiz_start", args=[quiz.pk]))
    assert response.status_code == 302, response.content
    return Attempt.objects.get(quiz=quiz, state=Attempt.State.IN_PROGRESS)


def take_url(attempt, page=None) -> str:
    url = reverse("learning:attempt_take", args=[attempt.pk])
    return f"{url}?page={page}" if page else url


def first_positions(body: str, words: list[str]) -> list[str]:
    return sorted(words, key=body.index)


@pytest.fixture
def every_kind(student):
    return quiz_with_every_kind(assigned_to=[student])


def test_every_kind_renders_without_leaking_an_answer(client, student, every_kind):
    client.force_login(student)
    attempt = start(client, every_kind)
    body = client.get(take_url(attempt)).content.decode()
    for fields in KIND_FIELDS.values():
        assert fields["prompt"] in body
    for secret in SECRETS:
        assert secret not in body
    # Every option and item is there, in display order (never the correct order).
    assert re.search(r'type="radio" name="q-\d+" value="Oslo"', body)
    assert re.search(r'type="radio" name="q-\d+" value="False"', body)
    assert first_positions(body, ["Ceasefire", "Founding", "Election", "Treaty"]) == [
        "Ceasefire",
        "Founding",
        "Election",
        "Treaty",
    ]
    assert body.count('<option value="Founding">') == 4
    assert body.count('<option value="Envoy">') == 3
    after_ana = body[body.index("Ana Ruiz") :]
    assert after_ana.index('value="Mayor"') < after_ana.index('value="Envoy"')
    assert "Answer in dollars." in body


def test_every_kind_saved_by_the_form_and_scored_right(client, student, every_kind):
    client.force_login(student)
    attempt = start(client, every_kind)
    form = {"save": "1", "page": "1"}
    for entry in every_kind.quiz_questions.select_related("question"):
        question, answer = entry.question, RIGHT_ANSWERS[entry.question.kind]
        if question.kind == "ordering":
            form.update({f"q-{question.pk}-{i}": item for i, item in enumerate(answer)})
        elif question.kind == "matching":
            lefts = [left for left, _ in question.answer]
            form.update({f"q-{question.pk}-{lefts.index(k)}": v for k, v in answer.items()})
        else:
            form[f"q-{question.pk}"] = answer
    assert client.post(take_url(attempt), form).status_code == 302
    saved = {r.question.kind: r.answer for r in Response.objects.select_related("question")}
    assert saved == RIGHT_ANSWERS | {"short_answer": "maria alvarez"}
    client.post(reverse("learning:attempt_confirm", args=[attempt.pk]), {"submit": "1"})
    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score, attempt.passed) == (7.0, 7.0, True)
    assert ReviewItem.objects.count() == 0


def test_result_page_shows_answers_and_explanations_after_submission(client, student):
    quiz = QuizFactory(assigned_to=[student], review_mode=Quiz.ReviewMode.AFTER_SUBMISSION)
    question = QuestionFactory(prompt="When did it happen?")
    QuizQuestionFactory(quiz=quiz, question=question)
    client.force_login(student)
    attempt = start(client, quiz)
    client.post(take_url(attempt), {"page": "1", f"q-{question.pk}": "1983", "finish": "1"})
    client.post(reverse("learning:attempt_confirm", args=[attempt.pk]), {"submit": "1"})
    body = client.get(reverse("learning:attempt_result", args=[attempt.pk])).content.decode()
    assert "You scored <strong>0 out of 1</strong> (0.0%): not passed (pass mark 50%)." in body
    assert "Your answer: 1983" in body
    assert "✗ Wrong" in body
    assert "Correct answer: 1979" in body
    assert "The text says: In 1979, the Soviet Union invaded Afghanistan." in body
    # The explanation quotes the source sentence: it is shown once, not twice.
    assert body.count("In 1979, the Soviet Union invaded Afghanistan.") == 1


@pytest.mark.parametrize(
    ("mode", "closes_in", "message"),
    [
        (Quiz.ReviewMode.NEVER, None, "Correct answers are not shown for this quiz."),
        (Quiz.ReviewMode.AFTER_CLOSE, timedelta(days=3), "Correct answers are shown after"),
    ],
)
def test_result_page_hides_answers_when_the_settings_say_so(
    client, student, mode, closes_in, message
):
    closes_at = timezone.now() + closes_in if closes_in else None
    quiz = QuizFactory(assigned_to=[student], review_mode=mode, closes_at=closes_at)
    question = QuestionFactory()
    QuizQuestionFactory(quiz=quiz, question=question)
    client.force_login(student)
    attempt = start(client, quiz)
    client.post(reverse("learning:attempt_confirm", args=[attempt.pk]), {"submit": "1"})
    body = client.get(reverse("learning:attempt_result", args=[attempt.pk])).content.decode()
    assert "You scored <strong>0 out of 1</strong>" in body
    assert message in body
    for secret in ["1979", "Wrong", "Right", "The text says", "Correct answer:"]:
        assert secret not in body


def test_one_per_page_navigation_saves_skips_and_resumes(client, student):
    quiz = QuizFactory(assigned_to=[student], layout=Quiz.Layout.ONE_PER_PAGE, question_count=3)
    first, second, third = [e.question for e in quiz.quiz_questions.select_related("question")]
    client.force_login(student)
    attempt = start(client, quiz)
    page1 = client.get(take_url(attempt)).content.decode()
    assert "Question 1 of 3" in page1 and first.prompt in page1 and second.prompt not in page1
    assert 'aria-current="step">1<span class="sr-only">, not answered, current' in page1
    # Save and next.
    response = client.post(take_url(attempt), {"page": "1", f"q-{first.pk}": "1979", "goto": "2"})
    assert response["Location"] == take_url(attempt, 2)
    # Skip the second question: nothing saved for it, on to the third.
    response = client.post(take_url(attempt), {"page": "2", f"q-{second.pk}": "1975", "skip": "3"})
    assert response["Location"] == take_url(attempt, 3)
    assert dict(Response.objects.values_list("question_id", "answer")) == {first.pk: "1979"}
    # A closed tab: opening the attempt again resumes on the third question.
    attempt.refresh_from_db()
    assert attempt.current_page == 3
    resumed = client.get(take_url(attempt)).content.decode()
    assert "Question 3 of 3" in resumed and third.prompt in resumed
    assert '>1<span class="sr-only">, answered</span>' in resumed
    # The intro page offers to resume; starting again returns the same attempt.
    intro = client.get(reverse("learning:quiz_intro", args=[quiz.pk])).content.decode()
    assert "Resume the attempt" in intro
    assert start(client, quiz).pk == attempt.pk


def test_confirmation_lists_the_unanswered_questions(client, student):
    quiz = QuizFactory(assigned_to=[student], question_count=3)
    first = quiz.quiz_questions.order_by("position").first().question
    client.force_login(student)
    attempt = start(client, quiz)
    response = client.post(take_url(attempt), {"page": "1", f"q-{first.pk}": "1979", "finish": "1"})
    assert response["Location"] == reverse("learning:attempt_confirm", args=[attempt.pk])
    body = client.get(response["Location"]).content.decode()
    assert "2 of 3 questions not answered" in body
    assert "Question 2:" in body and "Question 3:" in body and "Question 1:" not in body
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS


def test_double_submit_scores_once(client, student):
    quiz = QuizFactory(assigned_to=[student], question_count=2)
    question = quiz.quiz_questions.order_by("position").first().question
    client.force_login(student)
    attempt = start(client, quiz)
    client.post(take_url(attempt), {"page": "1", f"q-{question.pk}": "1979"})
    url = reverse("learning:attempt_confirm", args=[attempt.pk])
    first = client.post(url, {"submit": "1"})
    second = client.post(url, {"submit": "1"})
    assert first["Location"] == second["Location"]
    again = services.attempt_submit(attempt=attempt)
    assert (again.score, again.max_score) == (1.0, 2.0)
    assert Attempt.objects.filter(student=student).count() == 1
    assert Response.objects.count() == 2


def test_late_answers_are_refused_and_the_attempt_is_submitted(client, student):
    quiz = QuizFactory(assigned_to=[student], time_limit_minutes=10, question_count=2)
    first, second = [e.question for e in quiz.quiz_questions.order_by("position")]
    client.force_login(student)
    attempt = start(client, quiz)
    client.post(take_url(attempt), {"page": "1", f"q-{first.pk}": "1979"})
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    response = client.post(take_url(attempt), {"page": "1", f"q-{second.pk}": "1979"}, follow=True)
    body = response.content.decode()
    assert services.LATE_ANSWERS_REFUSED in body
    assert "You scored <strong>1 out of 2</strong>" in body
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.submitted_at <= attempt.deadline
    autosave = client.post(
        reverse("learning:attempt_autosave", args=[attempt.pk]), {f"q-{second.pk}": "1979"}
    )
    assert autosave.status_code == 409
    assert autosave.json()["message"] == services.ATTEMPT_SUBMITTED


def test_a_late_autosave_is_refused_with_a_clear_message(client, student):
    quiz = QuizFactory(assigned_to=[student], time_limit_minutes=10, question_count=1)
    question = quiz.questions.get()
    client.force_login(student)
    attempt = start(client, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    autosave = client.post(
        reverse("learning:attempt_autosave", args=[attempt.pk]), {f"q-{question.pk}": "1979"}
    )
    assert autosave.status_code == 409
    assert autosave.json() == {
        "saved": False,
        "message": services.LATE_ANSWERS_REFUSED,
        "result_url": reverse("learning:attempt_result", args=[attempt.pk]),
    }
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score) == (Attempt.State.SUBMITTED, 0.0)
    assert Response.objects.get().answer is None


def test_a_late_autosave_of_the_answer_already_saved_says_only_that_time_is_up(client, student):
    quiz = QuizFactory(assigned_to=[student], time_limit_minutes=10, question_count=2)
    first, second = quiz.questions.order_by("pk")
    client.force_login(student)
    attempt = start(client, quiz)
    services.attempt_save_answers(attempt=attempt, answers={first.pk: "1979"})
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    autosave = client.post(
        reverse("learning:attempt_autosave", args=[attempt.pk]), {f"q-{first.pk}": "1979"}
    )
    assert autosave.status_code == 409
    assert autosave.json() == {
        "saved": False,
        "message": services.ATTEMPT_EXPIRED,
        "result_url": reverse("learning:attempt_result", args=[attempt.pk]),
    }
    answers = dict(Response.objects.values_list("question_id", "answer"))
    assert answers == {first.pk: "1979", second.pk: None}


def test_an_attempt_past_its_time_is_submitted_when_the_student_comes_back(client, student):
    quiz = QuizFactory(assigned_to=[student], time_limit_minutes=5, question_count=1)
    question = quiz.questions.get()
    client.force_login(student)
    attempt = start(client, quiz)
    client.post(take_url(attempt), {"page": "1", f"q-{question.pk}": "1979"})
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    body = client.get(reverse("learning:dashboard")).content.decode()
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED and attempt.score == 1.0
    assert "No quiz in progress." in body
    assert "Best score 100.0%" in body


def test_autosave_saves_one_answer_at_a_time(client, student):
    quiz = QuizFactory(assigned_to=[student], question_count=2)
    question = quiz.quiz_questions.order_by("position").first().question
    client.force_login(student)
    attempt = start(client, quiz)
    response = client.post(
        reverse("learning:attempt_autosave", args=[attempt.pk]), {f"q-{question.pk}": "1983"}
    )
    assert response.json() == {"saved": True, "message": "Saved."}
    assert Response.objects.get().answer == "1983"
    assert "correct" not in response.content.decode()


def test_attempt_limit_is_enforced(client, student):
    quiz = QuizFactory(assigned_to=[student], max_attempts=1, question_count=1)
    client.force_login(student)
    attempt = start(client, quiz)
    client.post(reverse("learning:attempt_confirm", args=[attempt.pk]), {"submit": "1"})
    response = client.post(reverse("learning:quiz_start", args=[quiz.pk]), follow=True)
    message = services.NO_ATTEMPTS_LEFT.format(count=1)
    assert message in response.content.decode()
    assert Attempt.objects.count() == 1


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (timedelta(days=1), None, "This quiz opens on"),
        (timedelta(days=-3), timedelta(days=-1), "This quiz closed on"),
    ],
)
def test_open_and_close_dates_are_enforced(client, student, opens, closes, message):
    now = timezone.now()
    quiz = QuizFactory(
        assigned_to=[student], opens_at=now + opens, closes_at=now + closes if closes else None
    )
    client.force_login(student)
    intro = client.get(reverse("learning:quiz_intro", args=[quiz.pk])).content.decode()
    assert "You cannot start this quiz:" in intro and "Start the quiz" not in intro
    response = client.post(reverse("learning:quiz_start", args=[quiz.pk]), follow=True)
    assert message in intro
    assert message in response.content.decode()
    assert Attempt.objects.count() == 0


def test_other_students_attempts_are_not_found(client, student):
    quiz = QuizFactory(assigned_to=[student], question_count=1)
    client.force_login(student)
    attempt = start(client, quiz)
    from quizgen.tests.factories import UserFactory

    client.force_login(UserFactory(username="someone-else"))
    for name in ["attempt_take", "attempt_confirm", "attempt_result"]:
        assert client.get(reverse(f"learning:{name}", args=[attempt.pk])).status_code == 404


def test_dashboard_lists_available_in_progress_done_and_due(client, student):
    done_quiz = QuizFactory(assigned_to=[student], title="Done quiz", question_count=2)
    busy_quiz = QuizFactory(
        assigned_to=[student], title="Busy quiz", time_limit_minutes=30, question_count=1
    )
    QuizFactory(assigned_to=[student], title="Fresh quiz", question_count=4)
    client.force_login(student)
    attempt = start(client, done_quiz)
    question = done_quiz.quiz_questions.order_by("position").first().question
    client.post(reverse("learning:attempt_confirm", args=[attempt.pk]), {"submit": "1"})
    attempt = start(client, done_quiz)
    client.post(take_url(attempt), {"page": "1", f"q-{question.pk}": "1979"})
    client.post(reverse("learning:attempt_confirm", args=[attempt.pk]), {"submit": "1"})
    start(client, busy_quiz)
    body = client.get(reverse("learning:dashboard")).content.decode()
    assert "Resume “Busy quiz”" in body
    assert re.search(r"Attempt 1: (29|30) minutes left\.", body)
    assert "Take “Fresh quiz”" in body and "4 questions" in body
    assert "Best score 50.0% · last score" in body and ">50.0%</a> (passed)" in body
    assert "2 items due for review today." in body


def test_login_is_required(client):
    response = client.get(reverse("learning:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_options_are_shuffled_per_attempt_and_stable_across_reloads(client, student):
    quiz = QuizFactory(assigned_to=[student], shuffle_options=True, question_count=8)
    client.force_login(student)
    attempt = start(client, quiz)

    def orders():
        body = client.get(take_url(attempt)).content.decode()
        return re.findall(r'type="radio" name="q-\d+" value="(\d+)"', body)

    first = orders()
    assert first == orders()
    chunks = [tuple(first[i : i + 4]) for i in range(0, len(first), 4)]
    assert len(chunks) == 8 and all(sorted(c) == ["1975", "1979", "1983", "1988"] for c in chunks)
    assert len(set(chunks)) > 1  # 8 questions all in the same order would not be shuffled


def test_the_class_view_submits_attempts_whose_time_is_up(client, student):
    quiz = QuizFactory(assigned_to=[student], time_limit_minutes=5, question_count=1)
    client.force_login(student)
    attempt = start(client, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    client.force_login(quiz.owner)
    body = client.get(reverse("learning:teach_quiz", args=[quiz.pk])).content.decode()
    assert "<td>0.0% (not passed)</td>" in body
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED


def test_immediate_feedback_shows_only_the_checked_question_and_locks_it(client, student):
    quiz = QuizFactory(
        assigned_to=[student], review_mode=Quiz.ReviewMode.IMMEDIATELY, question_count=2
    )
    first, second = [e.question for e in quiz.quiz_questions.order_by("position")]
    QuestionFactory._meta.model.objects.filter(pk=second.pk).update(explanation="Second reason.")
    client.force_login(student)
    attempt = start(client, quiz)
    page = client.get(take_url(attempt)).content.decode()
    assert "Check answer 1" in page and "Correct answer" not in page
    response = client.post(
        take_url(attempt), {"page": "1", f"q-{first.pk}": "1983", "check": str(first.pk)}
    )
    assert response["Location"] == take_url(attempt) + "#question-1"
    page = client.get(take_url(attempt)).content.decode()
    assert "✗ Wrong" in page and "Correct answer: 1979" in page
    assert "The text says: In 1979" in page
    assert (
        "Second reason." not in page and "Check answer 2" in page and "Check answer 1" not in page
    )
    assert re.search(rf'name="q-{first.pk}" value="1983" checked disabled>', page)
    # A checked answer no longer changes, by the page or by the autosave.
    refused = client.post(
        reverse("learning:attempt_autosave", args=[attempt.pk]), {f"q-{first.pk}": "1979"}
    )
    assert refused.status_code == 409
    assert refused.json() == {"saved": False, "message": services.ANSWER_CHECKED}
    client.post(take_url(attempt), {"page": "1", f"q-{first.pk}": "1979"})
    assert Response.objects.get(question=first).answer == "1983"
    client.post(reverse("learning:attempt_confirm", args=[attempt.pk]), {"submit": "1"})
    attempt.refresh_from_db()
    assert attempt.score == 0.0


def test_checking_is_refused_when_the_quiz_shows_answers_after_submission(student):
    quiz = QuizFactory(
        assigned_to=[student], review_mode=Quiz.ReviewMode.AFTER_SUBMISSION, question_count=1
    )
    attempt = services.attempt_start(quiz=quiz, student=student)
    with pytest.raises(services.ValidationError) as error:
        services.response_check(attempt=attempt, question_id=quiz.questions.get().pk, answer="1")
    assert error.value.messages == [services.CHECKING_NOT_ALLOWED]


def test_an_empty_answer_cannot_be_checked(student):
    quiz = QuizFactory(
        assigned_to=[student], review_mode=Quiz.ReviewMode.IMMEDIATELY, question_count=1
    )
    attempt = services.attempt_start(quiz=quiz, student=student)
    with pytest.raises(services.ValidationError) as error:
        services.response_check(attempt=attempt, question_id=quiz.questions.get().pk)
    assert error.value.messages == [services.NOTHING_TO_CHECK]


def test_late_navigation_with_nothing_new_says_only_that_time_is_up(client, student):
    quiz = QuizFactory(assigned_to=[student], time_limit_minutes=10, question_count=1)
    question = quiz.questions.get()
    client.force_login(student)
    attempt = start(client, quiz)
    client.post(take_url(attempt), {"page": "1", f"q-{question.pk}": "1979"})
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    response = client.post(
        take_url(attempt), {"page": "1", f"q-{question.pk}": "1979", "finish": "1"}, follow=True
    )
    body = response.content.decode()
    assert services.ATTEMPT_EXPIRED in body and services.LATE_ANSWERS_REFUSED not in body
    assert "You scored <strong>1 out of 1</strong>" in body


def test_checking_after_the_deadline_submits_the_attempt(student):
    quiz = QuizFactory(
        assigned_to=[student], review_mode=Quiz.ReviewMode.IMMEDIATELY, time_limit_minutes=5
    )
    QuizQuestionFactory(quiz=quiz)
    attempt = services.attempt_start(quiz=quiz, student=student)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    with pytest.raises(services.ValidationError) as error:
        services.response_check(attempt=attempt, question_id=quiz.questions.get().pk, answer="1979")
    assert error.value.messages == [services.ATTEMPT_EXPIRED]
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score) == (Attempt.State.SUBMITTED, 0.0)


def test_result_page_says_when_an_answer_was_accepted_in_another_form(client, student):
    """The issue's cases: a digit for a number word, the demo's numeric question in billions."""
    quiz = QuizFactory(assigned_to=[student], review_mode=Quiz.ReviewMode.AFTER_SUBMISSION)
    words = QuestionFactory(
        kind="fill_blank", prompt="_____ states signed.", accepted_answers=["eight"]
    )
    billions = QuestionFactory(
        kind="numeric",
        prompt="How much did the U.S. freeze (in billions of dollars)?",
        accepted_answers=["$9 billion"],
        answer={"value": 9.0, "tolerance": 0.0, "unit": "billion dollars", "display": "$9 billion"},
    )
    for position, question in enumerate([words, billions], start=1):
        QuizQuestionFactory(quiz=quiz, question=question, position=position)
    client.force_login(student)
    attempt = start(client, quiz)
    client.post(
        take_url(attempt),
        {"page": "1", f"q-{words.pk}": "8", f"q-{billions.pk}": "9,000,000,000", "finish": "1"},
    )
    client.post(reverse("learning:attempt_confirm", args=[attempt.pk]), {"submit": "1"})
    body = client.get(reverse("learning:attempt_result", args=[attempt.pk])).content.decode()
    assert "You scored <strong>2 out of 2</strong> (100.0%): passed." in body
    assert "Accepted: 8 = eight" in body
    assert "Accepted: 9,000,000,000 = $9 billion" in body


def test_an_earlier_attempts_answers_are_hidden_while_a_new_attempt_is_in_progress(client, student):
    quiz = QuizFactory(
        assigned_to=[student], review_mode=Quiz.ReviewMode.AFTER_SUBMISSION, max_attempts=3
    )
    question = QuestionFactory(prompt="When did it happen?")
    QuizQuestionFactory(quiz=quiz, question=question)
    client.force_login(student)
    first = start(client, quiz)
    client.post(take_url(first), {"page": "1", f"q-{question.pk}": "1983", "finish": "1"})
    client.post(reverse("learning:attempt_confirm", args=[first.pk]), {"submit": "1"})
    result_url = reverse("learning:attempt_result", args=[first.pk])
    assert "Correct answer: 1979" in client.get(result_url).content.decode()
    second = start(client, quiz)
    body = client.get(result_url).content.decode()
    assert services.ANSWERS_HIDDEN_DURING_ATTEMPT in body
    for secret in ["1979", "Wrong", "Correct answer:", "The text says"]:
        assert secret not in body
    client.post(reverse("learning:attempt_confirm", args=[second.pk]), {"submit": "1"})
    assert "Correct answer: 1979" in client.get(result_url).content.decode()
