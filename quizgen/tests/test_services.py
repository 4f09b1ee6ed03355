import pytest
from django.core.exceptions import ValidationError

from quizgen import services
from quizgen.models import Document, Question
from quizgen.tests.factories import DocumentFactory, QuestionFactory

pytestmark = pytest.mark.django_db

ENGLISH = "The committee met in Paris in 1999. It agreed on a plan that cost $4 million."


def test_ingesting_the_same_text_twice_creates_one_document(teacher):
    first = services.document_ingest(owner=teacher, text=ENGLISH, title="Plan", enqueue=False)
    second = services.document_ingest(
        owner=teacher, text=ENGLISH, title="Plan again", enqueue=False
    )
    assert first.pk == second.pk
    assert Document.objects.count() == 1


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_refused_and_nothing_is_written(teacher, text):
    with pytest.raises(ValidationError) as error:
        services.document_ingest(owner=teacher, text=text, title="Empty", enqueue=False)
    assert error.value.messages == [services.EMPTY_TEXT]
    assert Document.objects.count() == 0


def test_binary_text_is_refused(teacher):
    with pytest.raises(ValidationError) as error:
        services.document_ingest(
            owner=teacher, text="PK\x03\x04\x00\x00binary", title="Zip", enqueue=False
        )
    assert error.value.messages == [services.BINARY_TEXT]


def test_non_english_text_is_refused(teacher):
    french = (
        "Le gouvernement russe a reconnu officiellement le régime des talibans en Afghanistan, "
        "devenant ainsi le premier pays à le faire depuis que le groupe a pris le pouvoir."
    )
    with pytest.raises(ValidationError) as error:
        services.document_ingest(owner=teacher, text=french, title="FR", enqueue=False)
    assert error.value.messages == [services.NOT_ENGLISH]
    assert Document.objects.count() == 0


def test_too_large_text_is_refused(teacher, settings):
    settings.QUIZGEN_MAX_TEXT_BYTES = 100
    with pytest.raises(ValidationError) as error:
        services.document_ingest(owner=teacher, text=ENGLISH * 3, title="Big", enqueue=False)
    assert error.value.code == "too_large"


def test_ingest_queues_generation_after_commit(teacher, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document = services.document_ingest(owner=teacher, text=ENGLISH, title="Plan")
    assert len(callbacks) == 1
    document.refresh_from_db()
    assert document.status == Document.Status.READY
    assert document.facts.filter(kind="date", value="1999").exists()


def test_failed_generation_keeps_earlier_questions_and_reports(teacher, monkeypatch):
    document = DocumentFactory(owner=teacher, text=ENGLISH)
    kept = QuestionFactory(document=document, status=Question.Status.DRAFT)

    def explode(*args, **kwargs):
        raise RuntimeError("parser crashed")

    monkeypatch.setattr(services.nlp, "generate_questions", explode)
    result = services.document_generate(document=document)
    assert result.status == Document.Status.FAILED
    assert "parser crashed" in result.error_message
    assert list(document.questions.all()) == [kept]


def test_regeneration_keeps_teacher_decisions(teacher, nlp_pipeline):
    document = services.document_ingest(owner=teacher, text=ENGLISH, title="Plan", enqueue=False)
    services.document_generate(document=document)
    questions = list(document.questions.order_by("id"))
    assert len(questions) >= 2
    approved, edited = questions[0], questions[1]
    services.question_approve(question=approved, reviewer=teacher)
    Question.objects.filter(pk=edited.pk).update(prompt="Edited by hand?", edited_by_human=True)
    services.document_generate(document=document)
    assert document.questions.count() == len(questions)
    edited.refresh_from_db()
    approved.refresh_from_db()
    assert edited.prompt == "Edited by hand?"
    assert approved.status == Question.Status.APPROVED


def test_rejecting_a_question_of_a_published_quiz_is_refused(teacher):
    from learning.tests.factories import QuizQuestionFactory

    entry = QuizQuestionFactory()
    with pytest.raises(ValidationError) as error:
        services.question_reject(question=entry.question, reviewer=teacher)
    assert "Unpublish the quiz" in error.value.messages[0]
    entry.question.refresh_from_db()
    assert entry.question.status == Question.Status.APPROVED


def test_approve_top_n_takes_the_best_of_each_kind_in_turn(teacher):
    document = DocumentFactory(owner=teacher)

    def draft(kind, score):
        return QuestionFactory(
            document=document, kind=kind, score=score, status=Question.Status.DRAFT
        )

    statements = [draft(Question.Kind.TRUE_FALSE, score) for score in (0.9, 0.85, 0.8)]
    short = draft(Question.Kind.SHORT_ANSWER, 0.6)
    cloze = draft(Question.Kind.FILL_BLANK, 0.5)
    approved = services.questions_approve_recommended(document=document, reviewer=teacher, limit=4)
    # By score alone the top four would be three true/false items and the short answer.
    assert approved == [statements[0], short, cloze, statements[1]]
    assert set(document.questions.filter(status="draft")) == {statements[2]}
