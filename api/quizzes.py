"""Quizzes: the published list, the quiz as a student sees it, and the teacher's operations."""

from __future__ import annotations

import django_filters
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.questions import QuestionOutputSerializer
from api.roles import IsTeacher
from api.schema import example, operation
from api.student_questions import StudentQuestionSerializer, student_question
from classes.selectors import quiz_access, quiz_accesses, quizzes_visible_filter
from learning import selectors, services
from learning.models import REVIEW_ITEMS, REVIEW_TIMINGS, Quiz, QuizQuestion, review_field
from quizgen.models import Question

TAGS = ["quizzes"]
QUESTIONS_NOT_YOURS = "These questions are not yours or do not exist: {ids}."
QUESTIONS_NOT_OF_DOCUMENT = "These questions come from another document: {ids}."
POINTS_KEYS = 'Name each question by its id: {"41": 2}.'

SETTINGS_FIELDS = [
    "title",
    "description",
    "max_attempts",
    "time_limit_minutes",
    "pass_mark",
    "shuffle_questions",
    "shuffle_options",
    "review_mode",
    "layout",
    "opens_at",
    "closes_at",
]


REVIEW_OPTIONS_HELP = (
    "When each part of a submitted attempt is shown: for `marks` (per question right or "
    "wrong, points), `answers` (correct answers, explanations) and `feedback` (on the option "
    "chosen, the teacher's comments), the moments out of `immediately` (the first 2 minutes "
    "after submitting), `later` (then, while the quiz is open) and `after_close`. The total "
    "score is always shown. Setting `review_mode` sets these to what the mode stands for."
)


class ReviewTimingsField(serializers.ListField):
    child = serializers.ChoiceField(choices=REVIEW_TIMINGS)
    max_length = len(REVIEW_TIMINGS)


class ReviewOptionsSerializer(serializers.Serializer):
    marks = ReviewTimingsField(required=False)
    answers = ReviewTimingsField(required=False)
    feedback = ReviewTimingsField(required=False)


def review_option_fields(review_options: dict[str, list[str]]) -> dict[str, bool]:
    """The Quiz fields of the items given in `review_options` (items left out are kept)."""
    return {
        review_field(item, timing): timing in review_options[item]
        for item in REVIEW_ITEMS
        if item in review_options
        for timing in REVIEW_TIMINGS
    }


def settings_values(validated: dict) -> dict:
    """Validated settings as quiz_create/quiz_update take them (review options as fields)."""
    values = dict(validated)
    review_options = values.pop("review_options", {})
    return {**values, **review_option_fields(review_options)}


WINDOW_HELP = (
    "When the quiz {event} for the user asking, as attempts are refused: for a student the "
    "date of the assignment to their class (the quiz's own when the assignment leaves it "
    "empty; in several classes the earliest opening and the latest close); for the quiz's "
    "teacher and an integration the quiz's own. Null: no limit."
)


class QuizListOutputSerializer(serializers.ModelSerializer):
    """A quiz with the window of the user asking: `context["accesses"]` holds their
    `classes.selectors.QuizAccess` by quiz id (absent: the quiz's own dates)."""

    question_count = serializers.IntegerField(read_only=True)
    opens_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text=WINDOW_HELP.format(event="opens")
    )
    closes_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text=WINDOW_HELP.format(event="closes")
    )

    def to_representation(self, quiz):
        data = super().to_representation(quiz)
        access = self.context.get("accesses", {}).get(quiz.pk)
        if access is not None:
            for name in ("opens_at", "closes_at"):
                value = getattr(access, name)
                data[name] = None if value is None else self.fields[name].to_representation(value)
        return data

    class Meta:
        model = Quiz
        fields = [
            "id",
            "title",
            "description",
            "published_at",
            "question_count",
            "max_attempts",
            "time_limit_minutes",
            "pass_mark",
            "review_mode",
            "opens_at",
            "closes_at",
        ]


QUIZ_LIST_EXAMPLE = {
    "id": 5,
    "title": "Russia and the Taliban",
    "description": "",
    "published_at": "2025-07-04T10:00:00Z",
    "question_count": 10,
    "max_attempts": 2,
    "time_limit_minutes": 20,
    "pass_mark": 50,
    "review_mode": "after_submission",
    "opens_at": None,
    "closes_at": None,
}


@operation(
    summary="List published quizzes",
    description="Quizzes assigned to the student's classes that they may take now or later "
    "(not closed), newest first; a teacher also sees their own, an integration its teachers'.",
    tags=TAGS,
    responses={200: QuizListOutputSerializer(many=True)},
    errors=[404],
    examples=[example("A page of quizzes", QUIZ_LIST_EXAMPLE)],
)
class QuizListApi(generics.ListAPIView):
    queryset = Quiz.objects.none()
    serializer_class = QuizListOutputSerializer

    def get_queryset(self):
        return selectors.quiz_list_for_student(student=self.request.user).annotate(
            question_count=Count("quiz_questions")
        )

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        quizzes = list(queryset) if page is None else page
        # The window of each quiz of the page for this user: one query.
        accesses = quiz_accesses(user=request.user, quizzes=quizzes)
        context = {**self.get_serializer_context(), "accesses": accesses}
        serializer = self.get_serializer(quizzes, many=True, context=context)
        if page is None:
            return Response(serializer.data)
        return self.get_paginated_response(serializer.data)


def visible_quizzes(user):
    """The user's own quizzes, and the published ones assigned to them and not closed."""
    return Quiz.objects.filter(Q(owner=user) | quizzes_visible_filter(user=user, open_only=True))


class QuizStudentOutputSerializer(QuizListOutputSerializer):
    questions = StudentQuestionSerializer(many=True)

    class Meta(QuizListOutputSerializer.Meta):
        fields = [*QuizListOutputSerializer.Meta.fields, "layout", "questions"]


STUDENT_QUESTION_EXAMPLE = {
    "id": 41,
    "number": 1,
    "kind": "multiple_choice",
    "prompt": "In which year did the Soviet Union invade Afghanistan?",
    "choices": ["1983", "1979", "1988", "1975"],
    "items": [],
    "left": [],
    "right": [],
    "unit": "",
    "points": 1.0,
    "saved_answer": None,
}


@operation(
    summary="A quiz as students see it",
    description=(
        "The questions with what to choose from, and no answers or correctness data. "
        "Before the quiz opens for the user (`opens_at`: for a student, the assignment to "
        "their class), `questions` is empty."
    ),
    tags=TAGS,
    responses={200: QuizStudentOutputSerializer},
    errors=[404],
    examples=[
        example(
            "A quiz",
            {**QUIZ_LIST_EXAMPLE, "layout": "all", "questions": [STUDENT_QUESTION_EXAMPLE]},
        )
    ],
)
class QuizStudentDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, pk: int):
        quiz = get_object_or_404(
            visible_quizzes(request.user)
            .annotate(question_count=Count("quiz_questions"))
            .prefetch_related(
                Prefetch(
                    "quiz_questions",
                    queryset=QuizQuestion.objects.select_related("question").order_by(
                        "position", "id"
                    ),
                )
            ),
            pk=pk,
        )
        access = quiz_access(user=request.user, quiz=quiz)
        accesses = {quiz.pk: access} if access is not None else {}
        payload = QuizListOutputSerializer(quiz, context={"accesses": accesses}).data
        payload["layout"] = quiz.layout
        opens_at = access.opens_at if access is not None else quiz.opens_at
        if quiz.owner_id != request.user.pk and opens_at and timezone.now() < opens_at:
            # Nothing of the questions before the quiz opens for this user.
            payload["questions"] = []
            return Response(payload)
        payload["questions"] = [
            student_question(
                entry.question,
                number=number,
                seed=quiz.pk,
                shuffle_options=quiz.shuffle_options,
                points=entry.points,
            )
            for number, entry in enumerate(quiz.quiz_questions.all(), start=1)
        ]
        return Response(payload)


# The teacher's side.


def owned_quizzes(user):
    return Quiz.objects.filter(owner=user)


class QuizTeacherOutputSerializer(serializers.ModelSerializer):
    review_options = serializers.SerializerMethodField(help_text=REVIEW_OPTIONS_HELP)
    question_ids = serializers.SerializerMethodField(help_text="The questions, in quiz order.")
    question_points = serializers.SerializerMethodField(
        help_text="What each question is worth, in the order of `question_ids`."
    )

    class Meta:
        model = Quiz
        fields = [
            "id",
            *SETTINGS_FIELDS,
            "review_options",
            "is_published",
            "published_at",
            "question_ids",
            "question_points",
        ]

    def get_review_options(self, quiz: Quiz) -> dict[str, list[str]]:
        return quiz.review_options()

    def get_question_ids(self, quiz: Quiz) -> list[int]:
        return [entry.question_id for entry in quiz.quiz_questions.all()]

    def get_question_points(self, quiz: Quiz) -> list[float]:
        return [entry.points for entry in quiz.quiz_questions.all()]


QUIZ_TEACHER_EXAMPLE = {
    "id": 5,
    "title": "Russia and the Taliban",
    "description": "",
    "max_attempts": 2,
    "time_limit_minutes": 20,
    "pass_mark": 50,
    "shuffle_questions": False,
    "shuffle_options": True,
    "review_mode": "after_submission",
    "layout": "all",
    "opens_at": None,
    "closes_at": None,
    "review_options": {
        "marks": ["immediately", "later", "after_close"],
        "answers": ["immediately", "later", "after_close"],
        "feedback": ["immediately", "later", "after_close"],
    },
    "is_published": False,
    "published_at": None,
    "question_ids": [41, 44, 39],
    "question_points": [1.0, 1.0, 2.0],
}


def _with_entries(queryset):
    return queryset.prefetch_related(
        Prefetch("quiz_questions", queryset=QuizQuestion.objects.order_by("position", "id"))
    )


def _reloaded(quiz: Quiz) -> Quiz:
    return _with_entries(Quiz.objects.filter(pk=quiz.pk)).get()


class OwnedQuizFilter(django_filters.FilterSet):
    is_published = django_filters.BooleanFilter()

    class Meta:
        model = Quiz
        fields = ["is_published"]


@operation(
    summary="List your quizzes",
    description="The teacher's quizzes, drafts included, newest first.",
    tags=TAGS,
    responses={200: QuizTeacherOutputSerializer(many=True)},
    errors=[404],
    examples=[example("A page of quizzes", QUIZ_TEACHER_EXAMPLE)],
)
class QuizOwnedListApi(generics.ListAPIView):
    queryset = Quiz.objects.none()
    permission_classes = [IsTeacher]
    serializer_class = QuizTeacherOutputSerializer
    filterset_class = OwnedQuizFilter

    def get_queryset(self):
        return _with_entries(owned_quizzes(self.request.user)).order_by("-created_at", "-id")


class QuizSettingsInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    max_attempts = serializers.IntegerField(
        required=False, min_value=0, max_value=1000, help_text="0 means unlimited."
    )
    time_limit_minutes = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=10080
    )
    pass_mark = serializers.IntegerField(required=False, min_value=0, max_value=100)
    shuffle_questions = serializers.BooleanField(required=False)
    shuffle_options = serializers.BooleanField(required=False)
    review_mode = serializers.ChoiceField(choices=Quiz.ReviewMode.choices, required=False)
    layout = serializers.ChoiceField(choices=Quiz.Layout.choices, required=False)
    opens_at = serializers.DateTimeField(required=False, allow_null=True)
    closes_at = serializers.DateTimeField(required=False, allow_null=True)
    review_options = ReviewOptionsSerializer(required=False, help_text=REVIEW_OPTIONS_HELP)


class QuestionIdsField(serializers.ListField):
    child = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    max_length = 500


def owned_questions_in_order(user, ids: list[int]) -> list[Question]:
    """The user's questions with these ids, in the order given; unknown ids are an error."""
    found = {q.pk: q for q in Question.objects.filter(document__owner=user, pk__in=ids)}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise serializers.ValidationError(
            {"questions": [QUESTIONS_NOT_YOURS.format(ids=", ".join(missing))]}
        )
    return [found[pk] for pk in dict.fromkeys(ids)]


class QuizCreateInputSerializer(QuizSettingsInputSerializer):
    questions = QuestionIdsField(required=False, help_text="Question ids, in quiz order.")


@operation(
    summary="Create a quiz",
    description="A draft quiz with its settings and, optionally, its first questions.",
    tags=TAGS,
    request=QuizCreateInputSerializer,
    responses={201: QuizTeacherOutputSerializer},
    errors=[400],
    examples=[
        example(
            "A quiz of three questions",
            {"title": "Russia and the Taliban", "max_attempts": 2, "questions": [41, 44, 39]},
            request=True,
        ),
        example("Created", QUIZ_TEACHER_EXAMPLE, status=201),
    ],
)
class QuizCreateApi(APIView):
    permission_classes = [IsTeacher]

    def post(self, request):
        serializer = QuizCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = settings_values(serializer.validated_data)
        questions = owned_questions_in_order(request.user, values.pop("questions", []))
        quiz = services.quiz_create(owner=request.user, questions=questions, **values)
        return Response(
            QuizTeacherOutputSerializer(_reloaded(quiz)).data, status=status.HTTP_201_CREATED
        )


class QuizSettingsPatchInputSerializer(QuizSettingsInputSerializer):
    title = serializers.CharField(max_length=300, required=False)


@operation(
    summary="Change a quiz's settings",
    description="Send only the settings to change.",
    tags=TAGS,
    request=QuizSettingsPatchInputSerializer,
    responses={200: QuizTeacherOutputSerializer},
    errors=[400, 404],
    examples=[
        example("Two attempts, answers after closing", {"max_attempts": 2}, request=True),
        example("Changed", QUIZ_TEACHER_EXAMPLE),
    ],
)
class QuizSettingsApi(APIView):
    permission_classes = [IsTeacher]

    def patch(self, request, pk: int):
        quiz = get_object_or_404(owned_quizzes(request.user), pk=pk)
        serializer = QuizSettingsPatchInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        quiz = services.quiz_update(
            quiz=quiz, by=request.user, **settings_values(serializer.validated_data)
        )
        return Response(QuizTeacherOutputSerializer(_reloaded(quiz)).data)


class QuizQuestionsInputSerializer(serializers.Serializer):
    questions = QuestionIdsField(help_text="Question ids, in quiz order.")


class QuizSetQuestionsInputSerializer(QuizQuestionsInputSerializer):
    points = serializers.DictField(
        child=serializers.FloatField(min_value=0, max_value=100),
        required=False,
        help_text='What questions are worth, by question id ({"41": 2}); questions not '
        "named keep their points (1 when new). New points on an attempted quiz regrade it.",
    )


@operation(
    summary="Set and order a quiz's questions",
    description="The quiz's questions become exactly these, in this order, with the points "
    "given. A published quiz takes approved questions only; once students have attempted it, "
    "questions can be reordered and their points changed (the attempts are regraded) but none "
    "added or removed.",
    tags=TAGS,
    request=QuizSetQuestionsInputSerializer,
    responses={200: QuizTeacherOutputSerializer},
    errors=[400, 404],
    examples=[
        example("Reorder", {"questions": [44, 41, 39]}, request=True),
        example("Reordered", {**QUIZ_TEACHER_EXAMPLE, "question_ids": [44, 41, 39]}),
    ],
)
class QuizSetQuestionsApi(APIView):
    permission_classes = [IsTeacher]

    def put(self, request, pk: int):
        quiz = get_object_or_404(owned_quizzes(request.user), pk=pk)
        serializer = QuizSetQuestionsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        questions = owned_questions_in_order(request.user, serializer.validated_data["questions"])
        points = serializer.validated_data.get("points", {})
        if any(not key.isdigit() for key in points):
            raise serializers.ValidationError({"points": [POINTS_KEYS]})
        quiz = services.quiz_set_questions(
            quiz=quiz,
            questions=questions,
            points={int(key): value for key, value in points.items()},
            by=request.user,
        )
        return Response(QuizTeacherOutputSerializer(_reloaded(quiz)).data)


@operation(
    summary="Add questions to a quiz",
    description="Appends the questions not yet in the quiz, in the order given. Like setting "
    "the questions, refused once students have attempted the quiz.",
    tags=TAGS,
    request=QuizQuestionsInputSerializer,
    responses={200: QuizTeacherOutputSerializer},
    errors=[400, 404],
    examples=[
        example("Add two", {"questions": [50, 51]}, request=True),
        example("Added", {**QUIZ_TEACHER_EXAMPLE, "question_ids": [41, 44, 39, 50, 51]}),
    ],
)
class QuizAddQuestionsApi(APIView):
    permission_classes = [IsTeacher]

    def post(self, request, pk: int):
        quiz = get_object_or_404(owned_quizzes(request.user), pk=pk)
        serializer = QuizQuestionsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        questions = owned_questions_in_order(request.user, serializer.validated_data["questions"])
        quiz = services.quiz_add_questions(quiz=quiz, questions=questions)
        return Response(QuizTeacherOutputSerializer(_reloaded(quiz)).data)


@operation(
    summary="Publish a quiz",
    description="Refused while the quiz has no questions, or unapproved or defective ones.",
    tags=TAGS,
    responses={200: QuizTeacherOutputSerializer},
    errors=[400, 404],
    examples=[
        example(
            "Published",
            {**QUIZ_TEACHER_EXAMPLE, "is_published": True, "published_at": "2025-07-04T10:00Z"},
        )
    ],
)
class QuizPublishApi(APIView):
    permission_classes = [IsTeacher]

    def post(self, request, pk: int):
        quiz = get_object_or_404(owned_quizzes(request.user), pk=pk)
        quiz = services.quiz_publish(quiz=quiz)
        return Response(QuizTeacherOutputSerializer(_reloaded(quiz)).data)


@operation(
    summary="Unpublish a quiz",
    description="Hides the quiz from students again; attempts already made are kept.",
    tags=TAGS,
    responses={200: QuizTeacherOutputSerializer},
    errors=[404],
    examples=[example("Unpublished", QUIZ_TEACHER_EXAMPLE)],
)
class QuizUnpublishApi(APIView):
    permission_classes = [IsTeacher]

    def post(self, request, pk: int):
        quiz = get_object_or_404(owned_quizzes(request.user), pk=pk)
        quiz = services.quiz_unpublish(quiz=quiz)
        return Response(QuizTeacherOutputSerializer(_reloaded(quiz)).data)


@operation(
    summary="Duplicate a quiz",
    description="A new, unpublished quiz with the same settings and questions.",
    tags=TAGS,
    responses={201: QuizTeacherOutputSerializer},
    errors=[404],
    examples=[example("The copy", {**QUIZ_TEACHER_EXAMPLE, "id": 6}, status=201)],
)
class QuizDuplicateApi(APIView):
    permission_classes = [IsTeacher]

    def post(self, request, pk: int):
        quiz = get_object_or_404(owned_quizzes(request.user), pk=pk)
        copy = services.quiz_duplicate(quiz=quiz, owner=request.user)
        return Response(
            QuizTeacherOutputSerializer(_reloaded(copy)).data, status=status.HTTP_201_CREATED
        )


@operation(
    summary="Delete a quiz",
    description="Only a quiz no student has attempted (409 otherwise: unpublish it instead).",
    tags=TAGS,
    responses={204: None},
    errors=[404, 409],
)
class QuizDeleteApi(APIView):
    permission_classes = [IsTeacher]

    def delete(self, request, pk: int):
        quiz = get_object_or_404(owned_quizzes(request.user), pk=pk)
        services.quiz_delete(quiz=quiz)
        return Response(status=status.HTTP_204_NO_CONTENT)


# A quiz in a minute, from a document (the rule is learning.services.quiz_pick_questions).


class QuizProposalOutputSerializer(serializers.Serializer):
    question_ids = serializers.ListField(
        child=serializers.IntegerField(), help_text="The picked questions, in the text's order."
    )
    questions = QuestionOutputSerializer(
        many=True, help_text="Each picked question, as the question list shows it."
    )


class QuizFromDocumentInputSerializer(serializers.Serializer):
    title = serializers.CharField(
        max_length=300, required=False, allow_blank=True, help_text="Default: the document's."
    )
    count = serializers.IntegerField(
        min_value=1, max_value=100, required=False, default=services.QUIZ_PICK_DEFAULT
    )
    questions = QuestionIdsField(
        required=False,
        help_text="The document's questions to use (the proposal adjusted); default: the pick.",
    )
    publish = serializers.BooleanField(required=False, default=False)


def owned_document_or_404(user, pk: int):
    from quizgen.models import Document

    return get_object_or_404(Document.objects.filter(owner=user), pk=pk)


@operation(
    summary="Propose a quiz from a document",
    description="Up to `count` (default 10) questions, each on its own fact, kinds mixed, none "
    "whose prompt shows another's answer: approved ones first, then recommended drafts, then "
    "(when those are too few) the document's other drafts without defects.",
    tags=TAGS,
    responses={200: QuizProposalOutputSerializer},
    errors=[404],
    parameters=[
        OpenApiParameter("count", int, description="How many questions (1-100; default 10).")
    ],
    examples=[example("Three picked", {"question_ids": [39, 41, 44], "questions": []})],
)
class QuizProposalApi(APIView):
    permission_classes = [IsTeacher]

    def get(self, request, pk: int):
        document = owned_document_or_404(request.user, pk)
        serializer = QuizFromDocumentInputSerializer(data={"count": request.GET.get("count", 10)})
        serializer.is_valid(raise_exception=True)
        picked = services.quiz_pick_questions(
            documents=[document], count=serializer.validated_data["count"]
        )
        return Response(
            {
                "question_ids": [question.pk for question in picked],
                "questions": QuestionOutputSerializer(picked, many=True).data,
            }
        )


@operation(
    summary="Make a quiz from a document",
    description="Creates (and with `publish`, publishes) a quiz of the proposal, or of the "
    "questions given; the drafts among them are approved. Refused when two questions "
    "share a fact or one prompt shows another's answer.",
    tags=TAGS,
    request=QuizFromDocumentInputSerializer,
    responses={201: QuizTeacherOutputSerializer},
    errors=[400, 404],
    examples=[
        example("Ten questions, published", {"count": 10, "publish": True}, request=True),
        example("Created", QUIZ_TEACHER_EXAMPLE, status=201),
    ],
)
class QuizFromDocumentApi(APIView):
    permission_classes = [IsTeacher]

    def post(self, request, pk: int):
        document = owned_document_or_404(request.user, pk)
        serializer = QuizFromDocumentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        if "questions" in values:
            questions = owned_questions_in_order(request.user, values["questions"])
            foreign = [str(q.pk) for q in questions if q.document_id != document.pk]
            if foreign:
                raise serializers.ValidationError(
                    {"questions": [QUESTIONS_NOT_OF_DOCUMENT.format(ids=", ".join(foreign))]}
                )
        else:
            questions = services.quiz_pick_questions(documents=[document], count=values["count"])
        quiz = services.quiz_create_from_selection(
            owner=request.user,
            title=(values.get("title") or "").strip() or document.title[:300],
            questions=questions,
            publish=values["publish"],
        )
        return Response(
            QuizTeacherOutputSerializer(_reloaded(quiz)).data, status=status.HTTP_201_CREATED
        )
