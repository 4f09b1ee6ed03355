"""The teacher's admin through the test client: uploads, review, edits, ownership."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.models import Quiz
from learning.tests.factories import QuizFactory
from quizgen import admin as quizgen_admin
from quizgen import services, uploads
from quizgen.models import Document, Question
from quizgen.tests.factories import (
    DocumentFactory,
    QuestionFactory,
    TeacherFactory,
    UserFactory,
)
from quizgen.tests.files import ENGLISH_TEXT, FRENCH_TEXT, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:quizgen_document_add")
QUESTIONS_URL = reverse("admin:quizgen_question_changelist")


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _draft(document, **fields):
    values = {"status": Question.Status.DRAFT, **fields}
    return QuestionFactory(document=document, **values)


# Uploads


def test_uploading_a_file_saves_the_document_and_generates(
    teacher_client, teacher, nlp_pipeline, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("bridge.pdf", pdf_bytes([ENGLISH_TEXT]), "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = teacher_client.post(
            ADD_URL,
            {
                "upload": upload,
                "title": "",
                "published_on": "2021-03-05",
                "source_url": "https://example.org/bridge",
            },
        )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:quizgen_document_change", args=[document.pk])
    assert (document.owner, document.title, document.text, str(document.published_on)) == (
        teacher,
        "Bridge",  # no title given: the file name, as the first line is long
        ENGLISH_TEXT,
        "2021-03-05",
    )
    assert document.status == Document.Status.READY
    page = teacher_client.get(response.url)
    assert b'data-status="ready"' in page.content
    assert b"Approve top recommended" in page.content


def test_pasted_text_with_a_title(teacher_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = teacher_client.post(ADD_URL, {"text": ENGLISH_TEXT, "title": "Bridge"})
    assert response.status_code == 302
    assert Document.objects.get().title == "Bridge"
    assert len(callbacks) == 1
    page = teacher_client.get(response.url)
    assert b'data-status="queued"' in page.content
    assert b"this page updates by itself" in page.content
    assert reverse("admin:quizgen_document_status").encode() in page.content


@pytest.mark.parametrize(
    ("post", "field", "message"),
    [
        ({"upload": ("empty.txt", b"")}, "upload", uploads.UPLOAD_EMPTY),
        (
            {"upload": ("big.txt", b"a " * (uploads.MAX_UPLOAD_BYTES // 2 + 1))},
            "upload",
            uploads.UPLOAD_TOO_LARGE,
        ),
        (
            {"upload": ("photo.pdf", png_bytes())},
            "upload",
            uploads.UPLOAD_PRETENDING.format(name="photo.pdf", expected="a PDF document"),
        ),
        ({"upload": ("sheet.xlsx", ENGLISH_TEXT.encode())}, "upload", uploads.UPLOAD_UNSUPPORTED),
        ({"text": FRENCH_TEXT}, "text", services.NOT_ENGLISH),
        ({"text": ENGLISH_TEXT, "source_url": "nope"}, "source_url", services.INVALID_SOURCE_URL),
        ({}, None, services.UPLOAD_OR_PASTE),
    ],
)
def test_bad_uploads_show_their_message_and_save_nothing(teacher_client, post, field, message):
    data = {"title": "Bridge", **post}
    if "upload" in data:
        name, content = data["upload"]
        data["upload"] = SimpleUploadedFile(name, content)
    response = teacher_client.post(ADD_URL, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors[field or "__all__"] == [message]
    assert message.encode() in response.content.replace(b"&#x27;", b"'").replace(b"&quot;", b'"')
    assert Document.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("locked.pdf", pdf_bytes([ENGLISH_TEXT], password="pw"), uploads.UPLOAD_ENCRYPTED),
        ("scan.pdf", pdf_bytes([]), uploads.UPLOAD_SCANNED),
        ("french.txt", FRENCH_TEXT.encode(), services.NOT_ENGLISH),
    ],
)
def test_a_file_refused_by_the_worker_shows_its_message_on_the_document_page(
    teacher_client, django_capture_on_commit_callbacks, name, content, message
):
    with django_capture_on_commit_callbacks(execute=True):
        response = teacher_client.post(
            ADD_URL, {"title": "Bridge", "upload": SimpleUploadedFile(name, content)}
        )
    document = Document.objects.get()
    assert response.url == reverse("admin:quizgen_document_change", args=[document.pk])
    assert (document.status, document.error_message) == (Document.Status.FAILED, message)
    page = teacher_client.get(response.url)
    text = page.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert 'data-status="failed"' in text
    assert message in text
    assert f"{name} (" in text  # the file is kept and named
    listing = teacher_client.get(reverse("admin:quizgen_document_changelist")).content.decode()
    assert message in listing.replace("&#x27;", "'").replace("&quot;", '"')


def test_document_status_endpoint_only_reports_own_documents(teacher_client, teacher):
    own = DocumentFactory(owner=teacher, status=Document.Status.PROCESSING)
    other = DocumentFactory(status=Document.Status.READY)
    response = teacher_client.get(
        reverse("admin:quizgen_document_status"), {"id": [own.pk, other.pk]}
    )
    assert response.json() == {str(own.pk): {"status": "processing", "label": "Processing"}}


def test_failed_document_shows_its_reason(teacher_client, teacher):
    document = DocumentFactory(
        owner=teacher,
        status=Document.Status.FAILED,
        error_message=services.GENERATION_FAILED.format(reason="parser crashed"),
    )
    page = teacher_client.get(reverse("admin:quizgen_document_change", args=[document.pk]))
    assert b'data-status="failed"' in page.content
    assert b"Question generation failed: parser crashed." in page.content
    assert b"Regenerate questions" in page.content


def test_document_edit_goes_through_the_service(teacher_client, teacher):
    document = DocumentFactory(owner=teacher)
    url = reverse("admin:quizgen_document_change", args=[document.pk])
    response = teacher_client.post(
        url, {"title": "Renamed", "published_on": "2020-01-02", "source_url": ""}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, str(document.published_on)) == ("Renamed", "2020-01-02")


def test_approve_top_n_and_make_a_quiz_from_the_document_page(teacher_client, teacher):
    from django.utils.html import escape

    from learning import services as learning_services

    document = DocumentFactory(owner=teacher)
    # Questions with no fact are about their sentence: three sentences here.
    best = [
        _draft(document, score=score, source_start=start)
        for score, start in ((0.9, 0), (0.8, 50), (0.7, 100))
    ]
    _draft(document, score=0.95, defects=["answer_in_prompt"], source_start=150)
    unrecommended = _draft(document, score=0.99, recommended=False, source_start=200)
    response = teacher_client.post(
        reverse("admin:quizgen_document_approve_top", args=[document.pk]),
        {"number": "2"},
        follow=True,
    )
    assert _messages(response) == [
        quizgen_admin.APPROVED_TOP.format(count=2, document=document.title)
    ]
    approved = set(document.questions.filter(status="approved").values_list("pk", flat=True))
    assert approved == {best[0].pk, best[1].pk}
    url = reverse("admin:quizgen_document_make_quiz", args=[document.pk])
    proposal = teacher_client.get(url, {"count": "10"})
    content = proposal.content.decode()
    # Approved first, then the recommended draft, then (three are too few) the draft that is
    # not recommended; never the defective one.
    picked = [row["question"] for row in proposal.context["picked"]]
    assert picked == [*best, unrecommended]
    for question in picked:
        assert f'value="{question.pk}" id="qg-pick-{question.pk}" checked' in content
    assert proposal.context["summary"] == [
        learning_services.QUIZ_PICK_FOUND.format(picked=4, count=10),
        learning_services.QUIZ_PICK_TOPPED_UP.format(preferred=3, others=1),
        learning_services.QUIZ_PICK_FEW_FACTS.format(facts=4),
    ]
    assert escape(learning_services.QUIZ_PICK_FEW_FACTS.format(facts=4)) in content
    response = teacher_client.post(
        url, {"title": "Week 1", "question": [best[0].pk, best[2].pk]}, follow=True
    )
    quiz = Quiz.objects.get()
    assert (quiz.owner, quiz.title, quiz.is_published) == (teacher, "Week 1", False)
    assert list(quiz.questions.order_by("quiz_entries__position")) == [best[0], best[2]]
    best[2].refresh_from_db()
    assert best[2].status == Question.Status.APPROVED  # the recommended draft it took
    assert _messages(response) == [quizgen_admin.QUIZ_CREATED.format(quiz="Week 1", count=2)]


def test_make_a_quiz_and_publish_in_one_step(teacher_client, teacher):
    from learning.admin import QUIZ_PUBLISHED

    document = DocumentFactory(owner=teacher)
    question = _draft(document)
    url = reverse("admin:quizgen_document_make_quiz", args=[document.pk])
    response = teacher_client.post(
        url, {"title": "", "question": [question.pk], "_publish": "1"}, follow=True
    )
    quiz = Quiz.objects.get()
    assert (quiz.title, quiz.is_published) == (document.title, True)
    assert _messages(response) == [
        quizgen_admin.QUIZ_CREATED.format(quiz=document.title, count=1),
        QUIZ_PUBLISHED.format(quiz=document.title),
    ]


def test_make_a_quiz_refuses_a_pair_on_one_fact_and_keeps_the_ticks(teacher_client, teacher):
    from learning import services as learning_services
    from quizgen.tests.factories import FactFactory

    document = DocumentFactory(owner=teacher)
    fact = FactFactory(document=document)
    first, second = _draft(document, score=0.9), _draft(document, score=0.8)
    first.facts.add(fact)
    second.facts.add(fact)
    url = reverse("admin:quizgen_document_make_quiz", args=[document.pk])
    response = teacher_client.post(url, {"title": "Pair", "question": [first.pk, second.pk]})
    assert _messages(response) == [
        learning_services.QUIZ_PICK_SAME_FACT.format(
            questions=learning_services._describe([first, second])
        )
    ]
    content = response.content.decode()
    assert f'value="{second.pk}" id="qg-pick-{second.pk}" checked' in content
    assert Quiz.objects.count() == 0


def test_make_a_quiz_without_questions_to_pick_says_so(teacher_client, teacher):
    from learning import services as learning_services

    document = DocumentFactory(owner=teacher)
    _draft(document, defects=["answer_in_prompt"])
    _draft(document, status=Question.Status.REJECTED)
    response = teacher_client.get(
        reverse("admin:quizgen_document_make_quiz", args=[document.pk]), follow=True
    )
    assert _messages(response) == [
        learning_services.QUIZ_NOTHING_TO_PICK.format(document=document.title)
    ]
    assert Quiz.objects.count() == 0


def test_another_teachers_document_cannot_be_made_into_a_quiz(teacher_client):
    document = DocumentFactory()
    _draft(document)
    url = reverse("admin:quizgen_document_make_quiz", args=[document.pk])
    assert teacher_client.get(url).status_code == 404


# The question list


def test_question_list_filters(teacher_client, teacher):
    document, other_document = DocumentFactory(owner=teacher), DocumentFactory(owner=teacher)
    easy = _draft(document, difficulty=0.2, recommended=True)
    hard_defective = _draft(document, difficulty=0.8, defects=["vague_date"], recommended=False)
    approved = QuestionFactory(document=other_document, kind="true_false", difficulty=0.5)

    def listed(**params):
        response = teacher_client.get(QUESTIONS_URL, params)
        assert response.status_code == 200
        return {question.pk for question in response.context["cl"].result_list}

    assert listed(document__id__exact=document.pk) == {easy.pk, hard_defective.pk}
    assert listed(kind__exact="true_false") == {approved.pk}
    assert listed(status__exact="draft") == {easy.pk, hard_defective.pk}
    assert listed(recommended__exact="0") == {hard_defective.pk}
    assert listed(has_defects="yes") == {hard_defective.pk}
    assert listed(has_defects="no") == {easy.pk, approved.pk}
    assert listed(difficulty="easy") == {easy.pk}
    assert listed(difficulty="hard") == {hard_defective.pk}
    assert listed(difficulty="medium") == {approved.pk}


def test_question_search_reads_prompts_and_answers(teacher_client, teacher):
    document = DocumentFactory(owner=teacher)
    by_prompt = _draft(document, prompt="Who founded the museum?")
    by_answer = _draft(document, accepted_answers=["Marie Curie"])
    _draft(document)
    for term, expected in (("museum", {by_prompt.pk}), ("curie", {by_answer.pk})):
        response = teacher_client.get(QUESTIONS_URL, {"q": term})
        assert {q.pk for q in response.context["cl"].result_list} == expected


def test_question_list_orders_by_score_and_shows_highlight_and_defects(teacher_client, teacher):
    document = DocumentFactory(owner=teacher)
    low = _draft(document, score=0.2)
    high = _draft(
        document,
        score=0.9,
        source_sentence="In <b>1979</b> & later, the 1979 treaty held.",
        options=[
            {"text": "1979", "correct": True},
            {"text": "1980", "correct": False},
        ],
        defects=["answer_in_prompt", "vague_date"],
    )
    response = teacher_client.get(QUESTIONS_URL)
    assert [q.pk for q in response.context["cl"].result_list] == [high.pk, low.pk]
    content = response.content.decode()
    assert "In &lt;b&gt;<mark>1979</mark>&lt;/b&gt; &amp; later, the 1979 treaty held." in content
    assert '<span class="qg-defect">answer in prompt</span>' in content
    assert '<span class="qg-defect">vague date</span>' in content
    response = teacher_client.get(QUESTIONS_URL, {"o": "7"})  # ascending score
    assert [q.pk for q in response.context["cl"].result_list] == [low.pk, high.pk]


def test_question_list_runs_a_fixed_number_of_queries(
    teacher_client, teacher, django_assert_max_num_queries
):
    document = DocumentFactory(owner=teacher)
    for _ in range(3):
        _draft(document)
    teacher_client.get(QUESTIONS_URL)
    with django_assert_max_num_queries(12) as few:
        teacher_client.get(QUESTIONS_URL)
    for _ in range(20):
        _draft(document)
    with django_assert_max_num_queries(len(few.captured_queries)):
        teacher_client.get(QUESTIONS_URL)


# Bulk actions


def _action(client, action, questions, **extra):
    return client.post(
        QUESTIONS_URL,
        {"action": action, "_selected_action": [q.pk for q in questions], **extra},
        follow=True,
    )


def test_bulk_approve_and_reject(teacher_client, teacher):
    document = DocumentFactory(owner=teacher)
    first, second, third = (_draft(document) for _ in range(3))
    _action(teacher_client, "approve_selected", [first, second])
    _action(teacher_client, "reject_selected", [third])
    statuses = dict(document.questions.values_list("pk", "status"))
    assert statuses == {first.pk: "approved", second.pk: "approved", third.pk: "rejected"}
    first.refresh_from_db()
    assert first.reviewed_by == teacher


def test_bulk_approve_top_n_of_a_document(teacher_client, teacher):
    document = DocumentFactory(owner=teacher)
    drafts = [_draft(document, score=score) for score in (0.5, 0.9, 0.7, 0.6)]
    response = _action(teacher_client, "approve_top_recommended", [drafts[0]], number="2")
    assert set(document.questions.filter(status="approved").values_list("pk", flat=True)) == {
        drafts[1].pk,
        drafts[2].pk,
    }
    assert _messages(response) == [
        quizgen_admin.APPROVED_TOP.format(count=2, document=document.title)
    ]


def test_bulk_add_to_an_existing_quiz_and_to_a_new_one(teacher_client, teacher):
    document = DocumentFactory(owner=teacher)
    first, second, third = (QuestionFactory(document=document) for _ in range(3))
    quiz = QuizFactory(owner=teacher, is_published=False)
    _action(teacher_client, "add_to_quiz", [first], quiz=str(quiz.pk))
    _action(teacher_client, "add_to_quiz", [second, first], quiz=str(quiz.pk))
    assert list(quiz.quiz_questions.values_list("question_id", "position")) == [
        (first.pk, 1),
        (second.pk, 2),
    ]
    response = _action(teacher_client, "add_to_quiz", [third], quiz="")
    new_quiz = Quiz.objects.exclude(pk=quiz.pk).get()
    assert (new_quiz.owner, list(new_quiz.questions.all())) == (teacher, [third])
    assert (
        quizgen_admin.ADDED_TO_QUIZ.format(count=1, quiz=new_quiz.title) in _messages(response)[0]
    )


def test_bulk_add_to_a_published_quiz_refuses_drafts(teacher_client, teacher):
    from learning import services as learning_services

    document = DocumentFactory(owner=teacher)
    draft = _draft(document)
    quiz = QuizFactory(owner=teacher)
    response = _action(teacher_client, "add_to_quiz", [draft], quiz=str(quiz.pk))
    assert _messages(response) == [
        learning_services.UNAPPROVED_QUESTIONS.format(questions=f"#{draft.pk} “{draft.prompt}”")
    ]
    assert quiz.quiz_questions.count() == 0


# Editing a question


def _edit_data(question, options, **fields):
    data = {
        "prompt": question.prompt,
        "explanation": question.explanation,
        "difficulty": question.difficulty,
        "options-TOTAL_FORMS": str(len(options)),
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
        "_continue": "Save",
    }
    for index, (text, correct) in enumerate(options):
        data[f"options-{index}-text"] = text
        if correct:
            data[f"options-{index}-correct"] = "on"
    data.update(fields)
    return data


def _change_url(question):
    return reverse("admin:quizgen_question_change", args=[question.pk])


def test_editing_options_inline_saves_marks_edited_and_rechecks(teacher_client, teacher):
    question = _draft(DocumentFactory(owner=teacher))
    page = teacher_client.get(_change_url(question))
    assert b'name="options-0-text"' in page.content and b'value="1975"' in page.content
    data = _edit_data(
        question,
        [("1979", True), ("1969", False), ("1989", False), ("", False), ("1984", False)],
        prompt="In which year did the Soviet Union invade Afghanistan?",
    )
    response = teacher_client.post(_change_url(question), data, follow=True)
    question.refresh_from_db()
    assert question.options == [
        {"text": "1979", "correct": True},
        {"text": "1969", "correct": False},
        {"text": "1989", "correct": False},
        {"text": "1984", "correct": False},
    ]
    assert question.accepted_answers == ["1979"]
    assert question.prompt == "In which year did the Soviet Union invade Afghanistan?"
    assert question.edited_by_human is True
    assert question.defects == []
    assert quizgen_admin.DEFECT_CHECK_CLEAN in _messages(response)
    latest = question.history.first()
    assert (latest.history_user, latest.edited_by_human) == (teacher, True)
    history = teacher_client.get(reverse("admin:quizgen_question_history", args=[question.pk]))
    assert history.status_code == 200 and teacher.username.encode() in history.content


def test_an_edit_that_puts_the_answer_in_the_prompt_is_flagged(teacher_client, teacher):
    question = _draft(DocumentFactory(owner=teacher))
    data = _edit_data(
        question, [("1979", True), ("1975", False)], prompt="Was it 1979 when it happened?"
    )
    response = teacher_client.post(_change_url(question), data, follow=True)
    question.refresh_from_db()
    assert "answer_in_prompt" in question.defects
    message = quizgen_admin.DEFECT_CHECK_FOUND.format(defects=", ".join(question.defects))
    assert message in _messages(response)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([("1979", True), ("1975", True)], services.QUESTION_NEEDS_ONE_CORRECT),
        ([("1979", False), ("1975", False)], services.QUESTION_NEEDS_ONE_CORRECT),
        ([("1979", True)], services.OPTIONS_TOO_FEW),
        (
            [("1979", True), ("1975", False), (" 1975 ", False)],
            services.OPTIONS_NOT_DISTINCT.format(option="“1975”"),
        ),
    ],
)
def test_invalid_options_are_refused_on_the_form(teacher_client, teacher, options, message):
    question = _draft(DocumentFactory(owner=teacher))
    before = question.options
    response = teacher_client.post(_change_url(question), _edit_data(question, options))
    assert response.status_code == 200
    assert message in response.context["adminform"].form.non_field_errors()
    assert message in response.content.decode()
    question.refresh_from_db()
    assert (question.options, question.edited_by_human) == (before, False)


def test_save_and_approve(teacher_client, teacher):
    question = _draft(DocumentFactory(owner=teacher))
    options = [(option["text"], option["correct"]) for option in question.options]
    data = _edit_data(
        question,
        options,
        prompt="When did the Soviet Union invade Afghanistan?",
        _approve="Save and approve",
    )
    del data["_continue"]
    response = teacher_client.post(_change_url(question), data, follow=True)
    question.refresh_from_db()
    assert (question.prompt, question.status, question.reviewed_by) == (
        "When did the Soviet Union invade Afghanistan?",
        Question.Status.APPROVED,
        teacher,
    )
    assert quizgen_admin.QUESTION_APPROVED in _messages(response)


def test_save_and_approve_refuses_a_defective_question(teacher_client, teacher):
    question = _draft(DocumentFactory(owner=teacher))
    data = _edit_data(
        question, [("1979", True), ("1975", False)], prompt="Was it 1979?", _approve="yes"
    )
    del data["_continue"]
    response = teacher_client.post(_change_url(question), data, follow=True)
    question.refresh_from_db()
    assert question.status == Question.Status.DRAFT
    assert "answer_in_prompt" in question.defects
    message = quizgen_admin.NOT_APPROVED_DEFECTS.format(defects=", ".join(question.defects))
    assert message in _messages(response)


def test_numeric_question_needs_a_tolerance(teacher_client, teacher):
    question = _draft(
        DocumentFactory(owner=teacher),
        kind="numeric",
        options=[],
        answer={"value": 300, "tolerance": 10},
        tolerance=10,
    )
    data = _edit_data(question, [], answer='{"value": 300}', tolerance="")
    response = teacher_client.post(_change_url(question), data)
    assert response.context["adminform"].form.errors["tolerance"] == [
        services.NUMERIC_TOLERANCE_REQUIRED
    ]
    data = _edit_data(question, [], answer='{"value": 320}', tolerance="5")
    teacher_client.post(_change_url(question), data)
    question.refresh_from_db()
    assert (question.answer, question.tolerance, question.edited_by_human) == (
        {"value": 320, "tolerance": 5.0},
        5.0,
        True,
    )


def test_saving_an_unchanged_question_does_not_mark_it_edited(teacher_client, teacher):
    question = _draft(DocumentFactory(owner=teacher))
    options = [(option["text"], option["correct"]) for option in question.options]
    teacher_client.post(_change_url(question), _edit_data(question, options))
    question.refresh_from_db()
    assert question.edited_by_human is False


# Ownership


def test_teachers_see_and_edit_only_their_own(client, teacher):
    other = TeacherFactory()
    mine = QuestionFactory(document=DocumentFactory(owner=teacher))
    theirs = QuestionFactory(document=DocumentFactory(owner=other))
    their_quiz = QuizFactory(owner=other)
    client.force_login(teacher)
    listed = client.get(QUESTIONS_URL).context["cl"].result_list
    assert [q.pk for q in listed] == [mine.pk]
    documents = client.get(reverse("admin:quizgen_document_changelist")).context["cl"]
    assert [d.pk for d in documents.result_list] == [mine.document_id]
    for url in (
        _change_url(theirs),
        reverse("admin:quizgen_document_change", args=[theirs.document_id]),
        reverse("admin:learning_quiz_change", args=[their_quiz.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("admin:index")
    response = client.post(reverse("admin:quizgen_document_approve_top", args=[theirs.document_id]))
    assert response.status_code == 404
    _action(client, "reject_selected", [theirs])
    theirs.refresh_from_db()
    assert theirs.status == Question.Status.APPROVED


def test_superusers_see_everything(client):
    admin_user = UserFactory(username="root", is_staff=True, is_superuser=True)
    questions = [QuestionFactory(), QuestionFactory()]
    client.force_login(admin_user)
    listed = client.get(QUESTIONS_URL).context["cl"].result_list
    assert {q.pk for q in listed} == {q.pk for q in questions}


def test_students_have_no_admin_access(client, student):
    client.force_login(student)
    response = client.get(QUESTIONS_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_teacher_group_exists_after_migrate_with_its_permissions():
    group = Group.objects.get(name="Teacher")
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert ("quizgen", "add_document") in codenames
    assert ("quizgen", "change_question") in codenames
    assert ("learning", "add_quiz") in codenames
    assert ("learning", "view_attempt") in codenames
    assert ("learning", "change_attempt") not in codenames
    assert ("quizgen", "add_question") in codenames  # questions written by hand


def test_a_stuck_generation_says_so_and_offers_regeneration(teacher_client, teacher):
    from django.utils import timezone

    document = DocumentFactory(owner=teacher, status=Document.Status.PROCESSING)
    url = reverse("admin:quizgen_document_change", args=[document.pk])
    assert b"Regenerate questions" not in teacher_client.get(url).content
    Document.objects.filter(pk=document.pk).update(
        updated_at=timezone.now() - services.GENERATION_STUCK_AFTER * 2
    )
    page = teacher_client.get(url).content.decode()
    assert quizgen_admin.GENERATION_STUCK in page
    assert "Regenerate questions" in page


def test_regenerate_with_chosen_kinds_runs_in_the_background(
    teacher_client, teacher, monkeypatch, django_capture_on_commit_callbacks
):
    document = DocumentFactory(owner=teacher)
    draft = _draft(document)
    asked = []

    def fake_generate(extraction, kinds=None):
        asked.append(kinds)
        return []

    monkeypatch.setattr(services.nlp, "generate_questions", fake_generate)
    with django_capture_on_commit_callbacks(execute=True):
        response = teacher_client.post(
            reverse("admin:quizgen_document_regenerate", args=[document.pk]),
            {"kinds": ["numeric", "true_false"]},
            follow=True,
        )
    assert asked == [["true_false", "numeric"]]
    assert _messages(response) == [quizgen_admin.GENERATION_QUEUED.format(document=document)]
    document.refresh_from_db()
    draft.refresh_from_db()
    assert (document.status, draft.stale) == (Document.Status.READY, True)


def test_regenerate_refuses_unknown_kinds(teacher):
    document = DocumentFactory(owner=teacher)
    for kinds in ([], ["essay"]):
        with pytest.raises(services.ValidationError) as caught:
            services.document_regenerate(document=document, kinds=kinds)
        assert caught.value.messages == [services.CHOOSE_KINDS]


def test_document_and_quiz_history_record_the_teachers_steps(teacher_client, teacher):
    document = DocumentFactory(owner=teacher)
    _draft(document, score=0.9)
    teacher_client.post(
        reverse("admin:quizgen_document_approve_top", args=[document.pk]), {"number": "5"}
    )
    question = document.questions.get()
    teacher_client.post(
        reverse("admin:quizgen_document_make_quiz", args=[document.pk]),
        {"title": "History", "question": [question.pk]},
    )
    history = teacher_client.get(reverse("admin:quizgen_document_history", args=[document.pk]))
    assert quizgen_admin.APPROVED_TOP.format(count=1, document=document.title) in (
        history.content.decode().replace("&quot;", '"')
    )
    quiz = Quiz.objects.get()
    history = teacher_client.get(reverse("admin:learning_quiz_history", args=[quiz.pk]))
    assert teacher.username in history.content.decode()
    assert "Created the quiz" in history.content.decode()


@pytest.mark.parametrize(
    "url_name",
    ["admin:quizgen_document_changelist", "admin:learning_quiz_changelist"],
)
def test_lists_run_a_fixed_number_of_queries(
    teacher_client, teacher, url_name, django_assert_max_num_queries
):
    def add_some():
        document = DocumentFactory(owner=teacher)
        for _ in range(3):
            _draft(document)
        QuizFactory(owner=teacher, question_count=2)

    add_some()
    teacher_client.get(reverse(url_name))
    with django_assert_max_num_queries(20) as few:
        teacher_client.get(reverse(url_name))
    for _ in range(5):
        add_some()
    with django_assert_max_num_queries(len(few.captured_queries)):
        teacher_client.get(reverse(url_name))
