from django.apps import AppConfig


class QuizgenConfig(AppConfig):
    name = "quizgen"
    verbose_name = "Documents and questions"
