from django.urls import path

from api.quizzes import QuizListApi

app_name = "api"

urlpatterns = [
    path("quizzes/", QuizListApi.as_view(), name="quiz-list"),
]
