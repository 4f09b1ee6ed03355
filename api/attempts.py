"""Attempts: start, save answers, submit (idempotent), result, list your own."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api import services as api_services
from api.errors import Conflict
from api.filters import IdFilter
from api.quizzes import STUDENT_QUESTION_EXAMPLE, visible_quizzes
from api.roles import IsLearner, IsTeacher
from api.schema import example, operation
from api.student_questions import StudentAnswerField, StudentQuestionSerializer, student_question
from learning import selectors, services
from learning.display import expected_answer_text, option_feedback
from learning.matching import ambiguous_date_note
from learning.models import Attempt, QuizQuestion
from learning.models import Response as AnswerResponse
from learning.review import attempt_review

TAGS = ["attempts"]
ATTEMPT_NOT_SUBMITTED = "This attempt is still in progress: submit it to see the result."

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Any unique string per submission; a retry with the same key returns the same "
    "result, and reusing a key for another attempt is a 409.",
)


def own_attempts(user):
    return Attempt.objects.filter(student=user).select_related("quiz")


def _with_questions(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "quiz__quiz_questions",
            queryset=QuizQuestion.objects.select_related("question").order_by("position", "id"),
        ),
        "responses",
    )


def _entries(attempt: Attempt) -> list[QuizQuestion]:
    entries = list(attempt.quiz.quiz_questions.all())
    if attempt.quiz.shuffle_questions:
        import random

        random.Random(attempt.seed).shuffle(entries)
    return entries


class AttemptOutputSerializer(serializers.ModelSerializer):
    quiz_title = serializers.CharField(source="quiz.title")
    percent = serializers.FloatField(allow_null=True)

    class Meta:
        model = Attempt
        fields = [
            "id",
            "quiz",
            "quiz_title",
            "number",
            "state",
            "started_at",
            "deadline",
            "submitted_at",
            "score",
            "max_score",
            "percent",
            "passed",
        ]


class AttemptDetailOutputSerializer(AttemptOutputSerializer):
    questions = StudentQuestionSerializer(many=True)

    class Meta(AttemptOutputSerializer.Meta):
        fields = [*AttemptOutputSerializer.Meta.fields, "questions"]


def attempt_payload(attempt: Attempt) -> dict:
    saved = {response.question_id: response.answer for response in attempt.responses.all()}
    payload = AttemptOutputSerializer(attempt).data
    payload["questions"] = [
        student_question(
            entry.question,
            number=number,
            seed=attempt.seed,
            shuffle_options=attempt.quiz.shuffle_options,
            saved=saved.get(entry.question_id),
            points=entry.points,
        )
        for number, entry in enumerate(_entries(attempt), start=1)
    ]
    return payload


ATTEMPT_EXAMPLE = {
    "id": 90,
    "quiz": 5,
    "quiz_title": "Russia and the Taliban",
    "number": 1,
    "state": "in_progress",
    "started_at": "2025-07-05T08:00:00Z",
    "deadline": "2025-07-05T08:20:00Z",
    "submitted_at": None,
    "score": None,
    "max_score": None,
    "percent": None,
    "passed": None,
}


def _load(user, pk: int) -> Attempt:
    attempt = get_object_or_404(_with_questions(own_attempts(user)), pk=pk)
    if services.attempt_expire_if_due(attempt=attempt):
        attempt = get_object_or_404(_with_questions(own_attempts(user)), pk=pk)
    return attempt


@operation(
    summary="Start (or resume) an attempt",
    description="Starts a new attempt at a published, open quiz, or returns the attempt in "
    "progress (200). The questions carry no answers.",
    tags=TAGS,
    request=None,
    responses={201: AttemptDetailOutputSerializer, 200: AttemptDetailOutputSerializer},
    errors=[404, 409],
    examples=[
        example("Started", {**ATTEMPT_EXAMPLE, "questions": [STUDENT_QUESTION_EXAMPLE]}, status=201)
    ],
    parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="Quiz id.")],
)
class AttemptStartApi(APIView):
    permission_classes = [IsLearner]

    def post(self, request, pk: int):
        quiz = get_object_or_404(visible_quizzes(request.user).filter(is_published=True), pk=pk)
        before = Attempt.objects.filter(
            quiz=quiz, student=request.user, state=Attempt.State.IN_PROGRESS
        ).first()
        attempt = services.attempt_start(quiz=quiz, student=request.user)
        attempt = _load(request.user, attempt.pk)
        resumed = before is not None and before.pk == attempt.pk
        return Response(attempt_payload(attempt), status=status.HTTP_200_OK if resumed else 201)


class AttemptFilter(django_filters.FilterSet):
    quiz = IdFilter(field_name="quiz_id")
    state = django_filters.ChoiceFilter(choices=Attempt.State.choices)

    class Meta:
        model = Attempt
        fields = ["quiz", "state"]


@operation(
    summary="List your attempts",
    description="The signed-in user's own attempts, newest first.",
    tags=TAGS,
    responses={200: AttemptOutputSerializer(many=True)},
    errors=[400, 404],
    examples=[example("A page of attempts", ATTEMPT_EXAMPLE)],
)
class AttemptListApi(generics.ListAPIView):
    queryset = Attempt.objects.none()
    permission_classes = [IsLearner]
    serializer_class = AttemptOutputSerializer
    filterset_class = AttemptFilter

    def get_queryset(self):
        return selectors.attempts_for_student(student=self.request.user).order_by(
            "-started_at", "-id"
        )


@operation(
    summary="One of your attempts, with its questions and saved answers",
    tags=TAGS,
    responses={200: AttemptDetailOutputSerializer},
    errors=[404],
    examples=[example("In progress", {**ATTEMPT_EXAMPLE, "questions": [STUDENT_QUESTION_EXAMPLE]})],
)
class AttemptDetailApi(APIView):
    permission_classes = [IsLearner]

    def get(self, request, pk: int):
        return Response(attempt_payload(_load(request.user, pk)))


class AnswerInputSerializer(serializers.Serializer):
    question = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    answer = StudentAnswerField(allow_null=True)


class AnswersInputSerializer(serializers.Serializer):
    answers = AnswerInputSerializer(many=True, max_length=500)


def _answers(validated) -> dict[int, object]:
    return {item["question"]: item["answer"] for item in validated.get("answers", [])}


@operation(
    summary="Save answers to an attempt in progress",
    description="Saves one or more answers; send each question's answer in its shape. "
    "A submitted or timed-out attempt answers 409.",
    tags=TAGS,
    request=AnswersInputSerializer,
    responses={200: AttemptDetailOutputSerializer},
    errors=[400, 404, 409],
    examples=[
        example(
            "Answer one question", {"answers": [{"question": 41, "answer": "1979"}]}, request=True
        ),
        example(
            "Saved",
            {
                **ATTEMPT_EXAMPLE,
                "questions": [{**STUDENT_QUESTION_EXAMPLE, "saved_answer": "1979"}],
            },
        ),
    ],
)
class AttemptSaveAnswersApi(APIView):
    permission_classes = [IsLearner]

    def put(self, request, pk: int):
        attempt = get_object_or_404(own_attempts(request.user), pk=pk)
        serializer = AnswersInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.attempt_save_answers(attempt=attempt, answers=_answers(serializer.validated_data))
        return Response(attempt_payload(_load(request.user, pk)))


class SubmitInputSerializer(serializers.Serializer):
    answers = AnswerInputSerializer(many=True, max_length=500, required=False)


MARKS_ONLY = "Only when the quiz's review options show marks now."
ANSWERS_ONLY = "Only when the quiz's review options show correct answers now."
FEEDBACK_ONLY = "Only when the quiz's review options show feedback now."


class ResultItemSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    number = serializers.IntegerField()
    kind = serializers.CharField()
    prompt = serializers.CharField()
    given = StudentAnswerField(allow_null=True)
    score = serializers.FloatField(allow_null=True, help_text=MARKS_ONLY)
    correct = serializers.BooleanField(allow_null=True, help_text=MARKS_ONLY)
    expected = serializers.CharField(allow_null=True, help_text=ANSWERS_ONLY)
    explanation = serializers.CharField(allow_null=True, help_text=ANSWERS_ONLY)
    accepted_as = serializers.CharField(
        allow_null=True,
        help_text="When a typed answer was accepted in another form, how (“8 = eight”). "
        + MARKS_ONLY,
    )
    marking_note = serializers.CharField(
        allow_null=True,
        help_text="Why a typed answer was not read as the student may have meant it: a date in "
        "figures whose day and month could be either way round (“3/7/2025”). " + MARKS_ONLY,
    )
    points = serializers.FloatField(help_text="What the question is worth in this quiz.")
    feedback = serializers.CharField(
        allow_null=True, help_text="The teacher's feedback on the option chosen. " + FEEDBACK_ONLY
    )
    marked_by_teacher = serializers.BooleanField(
        allow_null=True, help_text="Whether a teacher set this mark by hand. " + MARKS_ONLY
    )
    teacher_comment = serializers.CharField(
        allow_null=True, help_text="The teacher's comment on this answer. " + FEEDBACK_ONLY
    )


class ReviewShownSerializer(serializers.Serializer):
    marks = serializers.BooleanField(help_text="Per question: score, correct, accepted_as.")
    answers = serializers.BooleanField(help_text="Per question: expected, explanation.")
    feedback = serializers.BooleanField(help_text="Per question: feedback, teacher_comment.")


class AttemptResultOutputSerializer(AttemptOutputSerializer):
    review_allowed = serializers.BooleanField(
        help_text="Whether the quiz's review options show anything beyond the score now."
    )
    review = ReviewShownSerializer(
        help_text="What the review options show now (none while another attempt of the quiz "
        "is in progress)."
    )
    items = ResultItemSerializer(many=True)

    class Meta(AttemptOutputSerializer.Meta):
        fields = [*AttemptOutputSerializer.Meta.fields, "review_allowed", "review", "items"]


def result_payload(attempt: Attempt) -> dict:
    review = attempt_review(attempt=attempt)
    responses = {response.question_id: response for response in attempt.responses.all()}
    payload = AttemptOutputSerializer(attempt).data
    payload["review_allowed"] = review.anything
    payload["review"] = {
        "marks": review.marks,
        "answers": review.answers,
        "feedback": review.feedback,
    }
    items = []
    for number, entry in enumerate(_entries(attempt), start=1):
        question = entry.question
        response = responses.get(question.pk)
        item = {
            "question": question.pk,
            "number": number,
            "kind": question.kind,
            "prompt": question.prompt,
            "given": response.answer if response else None,
            "score": None,
            "correct": None,
            "expected": None,
            "explanation": None,
            "accepted_as": None,
            "marking_note": None,
            "points": entry.points,
            "feedback": None,
            "marked_by_teacher": None,
            "teacher_comment": None,
        }
        if review.marks:
            item["score"] = response.score if response else 0.0
            item["correct"] = bool(response and response.is_correct)
            item["accepted_as"] = (response.accepted_as if response else "") or None
            item["marked_by_teacher"] = bool(response and response.overridden_by_id)
            if response and response.answer and item["score"] < 1:
                item["marking_note"] = ambiguous_date_note(question, response.answer) or None
        if review.answers:
            item["expected"] = expected_answer_text(question)
            item["explanation"] = question.explanation
        if review.feedback:
            item["feedback"] = option_feedback(question, response.answer if response else None)
            item["teacher_comment"] = (response.teacher_comment if response else "") or None
        items.append(item)
    payload["items"] = items
    return payload


RESULT_EXAMPLE = {
    **ATTEMPT_EXAMPLE,
    "state": "submitted",
    "submitted_at": "2025-07-05T08:12:00Z",
    "score": 1.0,
    "max_score": 1.0,
    "percent": 100.0,
    "passed": True,
    "review_allowed": True,
    "review": {"marks": True, "answers": True, "feedback": True},
    "items": [
        {
            "question": 41,
            "number": 1,
            "kind": "multiple_choice",
            "prompt": "In which year did the Soviet Union invade Afghanistan?",
            "given": "1979",
            "score": 1.0,
            "correct": True,
            "expected": "1979",
            "explanation": "The text says: In 1979, the Soviet Union invaded Afghanistan.",
            "accepted_as": None,
            "marking_note": None,
            "points": 1.0,
            "feedback": "Right: the invasion began in December 1979.",
            "marked_by_teacher": False,
            "teacher_comment": None,
        }
    ],
}


@operation(
    summary="Submit an attempt",
    description="Scores the attempt (with any last answers sent along). Submitting again returns "
    "the same result; with an `Idempotency-Key`, a retry is recognised and a key reused for "
    "another attempt is refused.",
    tags=TAGS,
    request=SubmitInputSerializer,
    responses={200: AttemptResultOutputSerializer},
    errors=[400, 404, 409],
    parameters=[IDEMPOTENCY_KEY],
    examples=[
        example(
            "Submit with a last answer",
            {"answers": [{"question": 41, "answer": "1979"}]},
            request=True,
        ),
        example("Scored", RESULT_EXAMPLE),
    ],
)
class AttemptSubmitApi(APIView):
    permission_classes = [IsLearner]

    def post(self, request, pk: int):
        attempt = get_object_or_404(own_attempts(request.user), pk=pk)
        serializer = SubmitInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        key = request.headers.get("Idempotency-Key", "").strip()[:200]
        if key:
            api_services.idempotency_key_claim(user=request.user, key=key, attempt=attempt)
        services.attempt_submit(attempt=attempt, answers=_answers(serializer.validated_data))
        attempt = _load(request.user, pk)
        return Response(result_payload(attempt))


@operation(
    summary="The result of a submitted attempt",
    description="The score, and per question the answer given. Per-question marks, correct "
    "answers (with explanations) and feedback each appear only when the quiz's review options "
    "show them now: immediately after the attempt, later while the quiz is open, after it "
    "closes; never while another attempt of the quiz is in progress.",
    tags=TAGS,
    responses={200: AttemptResultOutputSerializer},
    errors=[404, 409],
    examples=[example("Reviewed", RESULT_EXAMPLE)],
)
class AttemptResultApi(APIView):
    permission_classes = [IsLearner]

    def get(self, request, pk: int):
        attempt = _load(request.user, pk)
        if attempt.state != Attempt.State.SUBMITTED:
            raise Conflict(ATTEMPT_NOT_SUBMITTED)
        return Response(result_payload(attempt))


class MarkInputSerializer(serializers.Serializer):
    score = serializers.FloatField(
        min_value=0,
        max_value=1,
        allow_null=True,
        help_text="The mark, as a fraction of the question's points (0 to 1); null gives the "
        "answer back to the marking rules.",
    )
    comment = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        help_text="Shown to the student with the result.",
    )


class MarkOutputSerializer(serializers.ModelSerializer):
    attempt_score = serializers.FloatField(source="attempt.score")
    attempt_max_score = serializers.FloatField(source="attempt.max_score")
    attempt_percent = serializers.FloatField(source="attempt.percent", allow_null=True)
    attempt_passed = serializers.BooleanField(source="attempt.passed", allow_null=True)
    marked_by = serializers.CharField(source="overridden_by.username", allow_null=True)
    marked_at = serializers.DateTimeField(source="overridden_at", allow_null=True)

    class Meta:
        model = AnswerResponse
        fields = [
            "attempt",
            "question",
            "answer",
            "score",
            "marked_by",
            "marked_at",
            "teacher_comment",
            "attempt_score",
            "attempt_max_score",
            "attempt_percent",
            "attempt_passed",
        ]


MARK_EXAMPLE = {
    "attempt": 90,
    "question": 41,
    "answer": "the Soviets",
    "score": 1.0,
    "marked_by": "teacher",
    "marked_at": "2025-07-06T09:00:00Z",
    "teacher_comment": "Accepted: the Soviets are the Soviet Union.",
    "attempt_score": 5.0,
    "attempt_max_score": 6.0,
    "attempt_percent": 83.3,
    "attempt_passed": True,
}


@operation(
    summary="Set the mark of one answer by hand",
    description="The teacher's last word on one answer of a submitted attempt at their quiz: "
    "the mark stays through every later regrade, and the comment is shown to the student with "
    "the result. The attempt's score and the gradebook change at once; the change is recorded "
    "as a regrade.",
    tags=TAGS,
    request=MarkInputSerializer,
    responses={200: MarkOutputSerializer},
    errors=[400, 404, 409],
    examples=[
        example(
            "Accept an answer",
            {"score": 1, "comment": "Accepted: the Soviets are the Soviet Union."},
            request=True,
        ),
        example("Marked", MARK_EXAMPLE),
    ],
)
class ResponseMarkApi(APIView):
    permission_classes = [IsTeacher]

    def put(self, request, pk: int, question_id: int):
        responses = AnswerResponse.objects.filter(attempt__quiz__owner=request.user)
        response = get_object_or_404(responses, attempt_id=pk, question_id=question_id)
        serializer = MarkInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.response_override(
            response=response,
            by=request.user,
            score=serializer.validated_data["score"],
            comment=serializer.validated_data.get("comment", ""),
        )
        marked = AnswerResponse.objects.select_related("attempt", "overridden_by").get(
            pk=response.pk
        )
        return Response(MarkOutputSerializer(marked).data)
