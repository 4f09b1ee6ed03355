from django.urls import path

from learning import views

app_name = "learning"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("quizzes/<int:quiz_id>/", views.quiz_take, name="quiz_take"),
    path("attempts/<int:attempt_id>/", views.attempt_result, name="attempt_result"),
]
