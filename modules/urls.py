from django.urls import path

from modules import views

app_name = "modules"

urlpatterns = [
    path("", views.module_list, name="list"),
    path("<int:module_id>/", views.module_study, name="study"),
    path("<int:module_id>/flashcards/", views.flashcards_study, name="flashcards"),
    path(
        "<int:module_id>/flashcards.apkg",
        views.flashcards_export,
        {"extension": "apkg"},
        name="flashcards_apkg",
    ),
    path(
        "<int:module_id>/flashcards.csv",
        views.flashcards_export,
        {"extension": "csv"},
        name="flashcards_csv",
    ),
    path("<int:module_id>/progress/", views.module_class_progress, name="class_progress"),
    path(
        "<int:module_id>/progress.csv", views.module_class_progress_csv, name="class_progress_csv"
    ),
]
