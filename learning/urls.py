from django.urls import path

from learning import views

app_name = "learning"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("quizzes/<int:quiz_id>/", views.quiz_intro, name="quiz_intro"),
    path("quizzes/<int:quiz_id>/start/", views.quiz_start, name="quiz_start"),
    path("attempts/<int:attempt_id>/take/", views.attempt_take, name="attempt_take"),
    path("attempts/<int:attempt_id>/save/", views.attempt_autosave, name="attempt_autosave"),
    path("attempts/<int:attempt_id>/submit/", views.attempt_confirm, name="attempt_confirm"),
    path("attempts/<int:attempt_id>/", views.attempt_result, name="attempt_result"),
    path("review/", views.review, name="review"),
    path("progress/", views.progress_page, name="progress"),
    path("teach/", views.teach_quizzes, name="teach_quizzes"),
    path("teach/quizzes/<int:quiz_id>/", views.teach_quiz, name="teach_quiz"),
    path(
        "teach/quizzes/<int:quiz_id>/preview/", views.teach_quiz_preview, name="teach_quiz_preview"
    ),
    path("teach/quizzes/<int:quiz_id>/results.csv", views.teach_quiz_csv, name="teach_quiz_csv"),
    path(
        "teach/quizzes/<int:quiz_id>/students/<int:student_id>/",
        views.teach_student,
        name="teach_student",
    ),
]
