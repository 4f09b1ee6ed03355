"""Quiz operations of the API."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from learning import selectors
from learning.models import Quiz


class QuizListOutputSerializer(serializers.ModelSerializer):
    question_count = serializers.SerializerMethodField()

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

    def get_question_count(self, quiz: Quiz) -> int:
        return quiz.question_count


@extend_schema(summary="List published quizzes", tags=["quizzes"])
class QuizListApi(generics.ListAPIView):
    serializer_class = QuizListOutputSerializer

    def get_queryset(self):
        from django.db.models import Count

        return selectors.quiz_list_for_student(student=self.request.user).annotate(
            question_count=Count("quiz_questions")
        )
