from django.urls import path

from api import attempts, classes, documents, exports, progress, questions, quizzes
from api.modules import (
    FlashcardDueListApi,
    FlashcardReviewApi,
    ModuleClassProgressApi,
    ModuleDetailApi,
    ModuleListApi,
    ModuleMaterialsApi,
    ModuleProgressApi,
)
from api.schema import SwaggerDocsView, schema_file

app_name = "api"

urlpatterns = [
    path("schema/", schema_file, name="schema"),
    path("docs/", SwaggerDocsView.as_view(url_name="api:schema"), name="docs"),
    # Documents
    path("documents/", documents.DocumentListApi.as_view(), name="document-list"),
    path("documents/upload/", documents.DocumentUploadApi.as_view(), name="document-upload"),
    path("documents/<int:pk>/", documents.DocumentDetailApi.as_view(), name="document-detail"),
    path("documents/<int:pk>/job/", documents.DocumentJobApi.as_view(), name="document-job"),
    path(
        "documents/<int:pk>/export/<str:export_format>/",
        exports.DocumentExportApi.as_view(),
        name="document-export",
    ),
    path(
        "documents/<int:pk>/quiz-proposal/",
        quizzes.QuizProposalApi.as_view(),
        name="document-quiz-proposal",
    ),
    path(
        "documents/<int:pk>/quizzes/",
        quizzes.QuizFromDocumentApi.as_view(),
        name="document-quiz-create",
    ),
    # Questions
    path("questions/", questions.QuestionListApi.as_view(), name="question-list"),
    path(
        "questions/approve-recommended/",
        questions.QuestionBulkApproveApi.as_view(),
        name="question-bulk-approve",
    ),
    path("questions/create/", questions.QuestionCreateApi.as_view(), name="question-create"),
    path("questions/import/", questions.QuestionImportApi.as_view(), name="question-import"),
    path("questions/<int:pk>/", questions.QuestionDetailApi.as_view(), name="question-detail"),
    path("questions/<int:pk>/edit/", questions.QuestionEditApi.as_view(), name="question-edit"),
    path(
        "questions/<int:pk>/approve/",
        questions.QuestionApproveApi.as_view(),
        name="question-approve",
    ),
    path(
        "questions/<int:pk>/reject/", questions.QuestionRejectApi.as_view(), name="question-reject"
    ),
    # Classes
    path("classes/", classes.ClassListApi.as_view(), name="class-list"),
    path("classes/<int:class_id>/", classes.ClassDetailApi.as_view(), name="class-detail"),
    path(
        "classes/<int:class_id>/results/", classes.ClassResultsApi.as_view(), name="class-results"
    ),
    path(
        "classes/<int:class_id>/assignments/",
        classes.ClassAssignApi.as_view(),
        name="class-assign",
    ),
    # Quizzes
    path("quizzes/", quizzes.QuizListApi.as_view(), name="quiz-list"),
    path("quizzes/owned/", quizzes.QuizOwnedListApi.as_view(), name="quiz-owned-list"),
    path("quizzes/create/", quizzes.QuizCreateApi.as_view(), name="quiz-create"),
    path("quizzes/<int:pk>/", quizzes.QuizStudentDetailApi.as_view(), name="quiz-detail"),
    path("quizzes/<int:pk>/settings/", quizzes.QuizSettingsApi.as_view(), name="quiz-settings"),
    path(
        "quizzes/<int:pk>/questions/",
        quizzes.QuizSetQuestionsApi.as_view(),
        name="quiz-set-questions",
    ),
    path(
        "quizzes/<int:pk>/questions/add/",
        quizzes.QuizAddQuestionsApi.as_view(),
        name="quiz-add-questions",
    ),
    path("quizzes/<int:pk>/publish/", quizzes.QuizPublishApi.as_view(), name="quiz-publish"),
    path("quizzes/<int:pk>/unpublish/", quizzes.QuizUnpublishApi.as_view(), name="quiz-unpublish"),
    path("quizzes/<int:pk>/delete/", quizzes.QuizDeleteApi.as_view(), name="quiz-delete"),
    path("quizzes/<int:pk>/duplicate/", quizzes.QuizDuplicateApi.as_view(), name="quiz-duplicate"),
    path(
        "quizzes/<int:pk>/export/<str:export_format>/",
        exports.QuizExportApi.as_view(),
        name="quiz-export",
    ),
    # Attempts
    path("quizzes/<int:pk>/attempts/", attempts.AttemptStartApi.as_view(), name="attempt-start"),
    path("attempts/", attempts.AttemptListApi.as_view(), name="attempt-list"),
    path("attempts/<int:pk>/", attempts.AttemptDetailApi.as_view(), name="attempt-detail"),
    path(
        "attempts/<int:pk>/answers/",
        attempts.AttemptSaveAnswersApi.as_view(),
        name="attempt-save-answers",
    ),
    path("attempts/<int:pk>/submit/", attempts.AttemptSubmitApi.as_view(), name="attempt-submit"),
    path("attempts/<int:pk>/result/", attempts.AttemptResultApi.as_view(), name="attempt-result"),
    path(
        "attempts/<int:pk>/responses/<int:question_id>/mark/",
        attempts.ResponseMarkApi.as_view(),
        name="response-mark",
    ),
    # Progress
    path("progress/", progress.ProgressListApi.as_view(), name="progress-list"),
    # Learning modules
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
