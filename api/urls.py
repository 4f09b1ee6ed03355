from django.urls import path

from api.modules import (
    FlashcardDueListApi,
    FlashcardReviewApi,
    ModuleClassProgressApi,
    ModuleDetailApi,
    ModuleListApi,
    ModuleMaterialsApi,
    ModuleProgressApi,
)
from api.quizzes import QuizListApi

app_name = "api"

urlpatterns = [
    path("quizzes/", QuizListApi.as_view(), name="quiz-list"),
    path("modules/", ModuleListApi.as_view(), name="module-list"),
    path("modules/<int:module_id>/", ModuleDetailApi.as_view(), name="module-detail"),
    path(
        "modules/<int:module_id>/materials/",
        ModuleMaterialsApi.as_view(),
        name="module-materials",
    ),
    path(
        "modules/<int:module_id>/flashcards/due/",
        FlashcardDueListApi.as_view(),
        name="module-flashcards-due",
    ),
    path(
        "modules/<int:module_id>/flashcards/<int:flashcard_id>/reviews/",
        FlashcardReviewApi.as_view(),
        name="module-flashcard-review",
    ),
    path("modules/<int:module_id>/progress/", ModuleProgressApi.as_view(), name="module-progress"),
    path(
        "modules/<int:module_id>/progress/students/",
        ModuleClassProgressApi.as_view(),
        name="module-class-progress",
    ),
]
