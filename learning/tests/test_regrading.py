"""Regrading: a change to what a question accepts, or to what it is worth, marks every answer
again; a mark set by hand is the teacher's last word; refused changes say why."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from classes.tests.factories import enrol_for
from learning import services
from learning.models import Attempt, Quiz, Regrade, Response
from learning.tests.factories import QuizFactory, QuizQuestionFactory
from quizgen import services as quizgen_services
from quizgen.tests.factories import QuestionFactory, TeacherFactory, UserFactory

pytestmark = pytest.mark.django_db

YEAR_OPTIONS = [
    {"text": "1979", "correct": True},
    {"text": "1983", "correct": False},
    {"text": "1988", "correct": False},
]


@pytest.fixture
def setting():
    """A quiz of a multiple-choice and a short-answer question, answered by two students."""
    teacher = TeacherFactory(username="ms-khan")
    year = QuestionFactory(document__owner=teacher, options=YEAR_OPTIONS)
    country = QuestionFactory(
        document=year.document,
        kind="short_answer",
        prompt="Which country invaded Afghanistan in 1979?",
        options=[],
        accepted_answers=["Soviet Union", "USSR"],
    )
    quiz = QuizFactory(owner=teacher, pass_mark=50, review_mode=Quiz.ReviewMode.AFTER_SUBMISSION)
    QuizQuestionFactory(quiz=quiz, question=year, position=1)
    QuizQuestionFactory(quiz=quiz, question=country, position=2)
    ana, ben = UserFactory(username="ana"), UserFactory(username="ben")
    for student, answers in [(ana, {year.pk: "1983", country.pk: "the Soviets"}),
                             (ben, {year.pk: "1979", country.pk: "USSR"})]:  # fmt: skip
        enrol_for(quiz, student)  # in a class assigned the quiz
        attempt = services.attempt_start(quiz=quiz, student=student)
        services.attempt_submit(attempt=attempt, answers=answers)
    return {"teacher": teacher, "quiz": quiz, "year": year, "country": country, "ana": ana}


def scores(quiz):
    return {
        attempt.student.username: (attempt.score, attempt.max_score, attempt.passed)
        for attempt in Attempt.objects.filter(quiz=quiz).select_related("student")
    }


def test_changing_the_correct_option_regrades_every_answer_and_records_it(setting):
    quiz, year, teacher = setting["quiz"], setting["year"], setting["teacher"]
    assert scores(quiz) == {"ana": (0.0, 2.0, False), "ben": (2.0, 2.0, True)}
    options = [{**option, "correct": option["text"] == "1983"} for option in YEAR_OPTIONS]
    quizgen_services.question_edit(question=year, editor=teacher, options=options)
    assert scores(quiz) == {"ana": (1.0, 2.0, True), "ben": (1.0, 2.0, True)}
    regrade = Regrade.objects.get()
    assert (regrade.quiz, regrade.question, regrade.regraded_by) == (quiz, year, teacher)
    assert regrade.reason == f"Question #{year.pk} changed: options"
    assert (regrade.responses_changed, regrade.attempts_changed) == (2, 2)
    assert sorted(
        (change["student"], change["before"], change["after"])
        for change in regrade.changes["responses"]
    ) == [("ana", 0.0, 1.0), ("ben", 1.0, 0.0)]


def test_adding_an_accepted_answer_regrades_the_student_who_wrote_it(setting):
    quiz, country, teacher = setting["quiz"], setting["country"], setting["teacher"]
    quizgen_services.question_edit(
        question=country, editor=teacher, accepted_answers=["Soviet Union", "USSR", "Soviets"]
    )
    assert scores(quiz)["ana"] == (1.0, 2.0, True)
    assert Response.objects.get(attempt__student=setting["ana"], question=country).score == 1.0


def test_rewording_a_prompt_regrades_nothing(setting):
    quizgen_services.question_edit(
        question=setting["year"], editor=setting["teacher"], prompt="In which year, exactly?"
    )
    assert Regrade.objects.count() == 0


def test_renaming_an_option_students_chose_is_refused_with_a_message(setting):
    options = [
        {"text": "In 1983", "correct": False} if o["text"] == "1983" else o for o in YEAR_OPTIONS
    ]
    with pytest.raises(ValidationError) as error:
        quizgen_services.question_edit(
            question=setting["year"], editor=setting["teacher"], options=options
        )
    assert error.value.messages == [services.ANSWERED_OPTIONS_KEPT.format(options="“1983”")]
    setting["year"].refresh_from_db()
    assert setting["year"].options == YEAR_OPTIONS


def test_adding_a_question_to_an_attempted_quiz_is_refused_like_setting_them(setting):
    extra = QuestionFactory(document=setting["year"].document)
    with pytest.raises(ValidationError) as error:
        services.quiz_add_questions(quiz=setting["quiz"], questions=[extra])
    assert error.value.messages == [services.QUIZ_HAS_ATTEMPTS]
    assert setting["quiz"].quiz_questions.count() == 2


def test_new_points_regrade_the_attempts(setting):
    quiz, year, country = setting["quiz"], setting["year"], setting["country"]
    services.quiz_set_questions(
        quiz=quiz, questions=[year, country], points={country.pk: 3}, by=setting["teacher"]
    )
    assert scores(quiz) == {"ana": (0.0, 4.0, False), "ben": (4.0, 4.0, True)}
    regrade = Regrade.objects.get()
    assert regrade.reason == f"Points changed: #{country.pk} 1 → 3"
    assert regrade.attempts_changed == 2


def test_points_out_of_range_are_refused(setting):
    with pytest.raises(ValidationError) as error:
        services.quiz_set_questions(
            quiz=setting["quiz"], questions=[setting["year"]], points={setting["year"].pk: 101}
        )
    assert error.value.messages == [services.QUIZ_POINTS_RANGE]


def test_a_new_pass_mark_regrades_who_passed(setting):
    services.quiz_update(quiz=setting["quiz"], by=setting["teacher"], pass_mark=100)
    assert scores(setting["quiz"]) == {"ana": (0.0, 2.0, False), "ben": (2.0, 2.0, True)}
    services.quiz_update(quiz=setting["quiz"], by=setting["teacher"], pass_mark=0)
    assert scores(setting["quiz"])["ana"] == (0.0, 2.0, True)
    assert [r.reason for r in Regrade.objects.order_by("pk")] == [
        "Pass mark changed from 50% to 100%",
        "Pass mark changed from 100% to 0%",
    ]


def test_a_mark_set_by_hand_stays_through_a_regrade(setting):
    quiz, country, teacher = setting["quiz"], setting["country"], setting["teacher"]
    response = Response.objects.get(attempt__student=setting["ana"], question=country)
    services.response_override(
        response=response, by=teacher, score=1, comment="The Soviets is fine."
    )
    assert scores(quiz)["ana"] == (1.0, 2.0, True)
    quizgen_services.question_edit(
        question=country, editor=teacher, accepted_answers=["Soviet Union"]
    )
    response.refresh_from_db()
    assert (response.score, response.overridden_by, response.teacher_comment) == (
        1.0,
        teacher,
        "The Soviets is fine.",
    )
    assert scores(quiz) == {"ana": (1.0, 2.0, True), "ben": (1.0, 2.0, True)}
    services.response_override(response=response, by=teacher, score=None, comment="")
    assert scores(quiz)["ana"] == (0.0, 2.0, False)
    assert list(Regrade.objects.order_by("pk").values_list("reason", flat=True)) == [
        f"Mark of question #{country.pk} set by hand for ana: 0.0 → 1.0",
        f"Question #{country.pk} changed: accepted_answers",
        f"Mark of question #{country.pk} for ana given back to marking",
    ]


@pytest.mark.parametrize("score", [1.5, -0.1])
def test_a_mark_by_hand_is_a_fraction(setting, score):
    response = Response.objects.filter(attempt__student=setting["ana"]).first()
    with pytest.raises(ValidationError) as error:
        services.response_override(response=response, by=setting["teacher"], score=score)
    assert error.value.messages == [services.OVERRIDE_SCORE_RANGE]


def test_the_result_page_shows_points_feedback_and_the_teachers_comment(client, setting):
    quiz, year, country, teacher = (setting[k] for k in ("quiz", "year", "country", "teacher"))
    feedback = [
        {**option, "feedback": "1983 is when the talks began."}
        if option["text"] == "1983"
        else option
        for option in YEAR_OPTIONS
    ]
    services.quiz_set_questions(
        quiz=quiz, questions=[year, country], points={year.pk: 2}, by=teacher
    )
    quizgen_services.question_edit(question=year, editor=teacher, options=feedback)
    response = Response.objects.get(attempt__student=setting["ana"], question=country)
    services.response_override(response=response, by=teacher, score=0.5, comment="Nearly.")
    client.force_login(setting["ana"])
    attempt = Attempt.objects.get(student=setting["ana"])
    body = client.get(reverse("learning:attempt_result", args=[attempt.pk])).content.decode()
    assert "You scored <strong>0.50 out of 3</strong>" in body
    assert "✗ Wrong (0 of 2 points)" in body
    assert "1983 is when the talks began." in body
    assert "◐ Partly right (0.5 of 1 point, marked by your teacher)" in body
    assert "Your teacher: Nearly." in body


def test_option_feedback_is_not_shown_before_submission(client):
    question = QuestionFactory(
        options=[
            {"text": "1979", "correct": True, "feedback": "Yes: December 1979."},
            {"text": "1983", "correct": False, "feedback": "No: talks began then."},
        ]
    )
    quiz = QuizFactory()
    QuizQuestionFactory(quiz=quiz, question=question)
    student = UserFactory()
    client.force_login(student)
    enrol_for(quiz, student)  # in a class assigned the quiz
    attempt = services.attempt_start(quiz=quiz, student=student)
    body = client.get(reverse("learning:attempt_take", args=[attempt.pk])).content.decode()
    assert "December 1979" not in body and "talks began" not in body


def test_the_admin_sets_a_mark_by_hand_with_a_comment(client, setting):
    teacher, country = setting["teacher"], setting["country"]
    response = Response.objects.get(attempt__student=setting["ana"], question=country)
    client.force_login(teacher)
    url = reverse("admin:learning_response_change", args=[response.pk])
    page = client.get(url).content.decode()
    assert "Which country invaded Afghanistan in 1979?" in page
    assert "the Soviets" in page
    saved = client.post(url, {"mark": "1", "teacher_comment": "The Soviets is fine."})
    assert saved.status_code == 302
    assert saved.url == reverse("admin:learning_attempt_change", args=[response.attempt_id])
    response.refresh_from_db()
    assert (response.score, response.overridden_by, response.teacher_comment) == (
        1.0,
        teacher,
        "The Soviets is fine.",
    )
    assert scores(setting["quiz"])["ana"] == (1.0, 2.0, True)
    attempt_page = client.get(saved.url).content.decode()
    assert "by ms-khan" in attempt_page and "The Soviets is fine." in attempt_page
    regrades = client.get(reverse("admin:learning_regrade_changelist")).content.decode()
    assert f"Mark of question #{country.pk} set by hand for ana: 0.0 → 1.0" in regrades


def test_another_teacher_cannot_set_the_mark(client, setting):
    response = Response.objects.filter(attempt__student=setting["ana"]).first()
    client.force_login(TeacherFactory())
    url = reverse("admin:learning_response_change", args=[response.pk])
    client.post(url, {"mark": "1", "teacher_comment": "Mine now."})
    response.refresh_from_db()
    assert (response.overridden_by, response.teacher_comment) == (None, "")


def test_points_are_set_in_the_quiz_admin_and_regrade(client, setting):
    quiz, country = setting["quiz"], setting["country"]
    entries = list(quiz.quiz_questions.order_by("position"))
    data = {
        "title": quiz.title,
        "description": "",
        "max_attempts": "0",
        "time_limit_minutes": "",
        "pass_mark": "50",
        "shuffle_options": "on",
        "review_mode": quiz.review_mode,
        "layout": quiz.layout,
        "quiz_questions-TOTAL_FORMS": "2",
        "quiz_questions-INITIAL_FORMS": "2",
        "quiz_questions-MIN_NUM_FORMS": "0",
        "quiz_questions-MAX_NUM_FORMS": "1000",
        "_continue": "Save",
    }
    for index, (entry, points) in enumerate(zip(entries, ["1", "3"], strict=True)):
        data[f"quiz_questions-{index}-id"] = str(entry.pk)
        data[f"quiz_questions-{index}-quiz"] = str(quiz.pk)
        data[f"quiz_questions-{index}-position"] = str(entry.position)
        data[f"quiz_questions-{index}-question"] = str(entry.question_id)
        data[f"quiz_questions-{index}-points"] = points
    client.force_login(setting["teacher"])
    saved = client.post(reverse("admin:learning_quiz_change", args=[quiz.pk]), data)
    assert saved.status_code == 302
    assert scores(quiz) == {"ana": (0.0, 4.0, False), "ben": (4.0, 4.0, True)}
    assert Regrade.objects.get().reason == f"Points changed: #{country.pk} 1 → 3"


def _question_form(question, options):
    data = {
        "prompt": question.prompt,
        "explanation": question.explanation,
        "difficulty": str(question.difficulty),
        "options-TOTAL_FORMS": str(len(options)),
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
        "_continue": "Save",
    }
    for index, (text, correct, feedback) in enumerate(options):
        data[f"options-{index}-text"] = text
        data[f"options-{index}-feedback"] = feedback
        if correct:
            data[f"options-{index}-correct"] = "on"
    return data


def test_the_question_admin_saves_option_feedback_and_regrades(client, setting):
    year = setting["year"]
    client.force_login(setting["teacher"])
    url = reverse("admin:quizgen_question_change", args=[year.pk])
    options = [("1979", False, ""), ("1983", True, "Right for this quiz."), ("1988", False, "")]
    saved = client.post(url, _question_form(year, options))
    assert saved.status_code == 302
    year.refresh_from_db()
    assert year.options[1] == {"text": "1983", "correct": True, "feedback": "Right for this quiz."}
    assert scores(setting["quiz"]) == {"ana": (1.0, 2.0, True), "ben": (1.0, 2.0, True)}


def test_the_question_admin_refuses_renaming_a_chosen_option(client, setting):
    year = setting["year"]
    client.force_login(setting["teacher"])
    url = reverse("admin:quizgen_question_change", args=[year.pk])
    options = [("1979", True, ""), ("In 1983", False, ""), ("1988", False, "")]
    page = client.post(url, _question_form(year, options))
    assert page.status_code == 200
    assert services.ANSWERED_OPTIONS_KEPT.format(options="“1983”") in page.content.decode()
    year.refresh_from_db()
    assert year.options == YEAR_OPTIONS
