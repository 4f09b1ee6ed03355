"""Every page carries a strict Content-Security-Policy, and no page needs inline code."""

import re

import pytest
from django.urls import reverse

from quizgen.tests.factories import DocumentFactory

POLICY = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
}


def policy(response) -> set[str]:
    return {directive.strip() for directive in response["Content-Security-Policy"].split(";")}


# An executable inline script (JSON data islands are not run), a style element or attribute,
# an inline event handler.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>|<style\b|\sstyle=|\son[a-z]+=",
    re.IGNORECASE,
)


def test_the_login_page_has_the_strict_policy(client, db):
    response = client.get(reverse("login"))
    assert policy(response) == POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert INLINE.findall(response.content.decode()) == []


@pytest.mark.django_db
def test_the_teachers_admin_pages_have_no_inline_code(client, teacher):
    from learning import services as learning_services
    from modules import services as module_services
    from quizgen.tests.factories import QuestionFactory

    document = DocumentFactory(owner=teacher)
    question = QuestionFactory(document=document, status="draft")
    quiz = learning_services.quiz_create(owner=teacher, title="Q", questions=[question])
    module = module_services.module_create(owner=teacher, title="M", documents=[document])
    client.force_login(teacher)
    for url in [
        reverse("admin:quizgen_document_make_quiz", args=[document.pk]),
        reverse("admin:quizgen_document_review", args=[document.pk]),
        reverse("admin:quizgen_question_add"),
        reverse("admin:quizgen_question_change", args=[question.pk]),
        reverse("admin:learning_quiz_change", args=[quiz.pk]),
        reverse("admin:modules_module_change", args=[module.pk]),
        reverse("learning:teach_quiz_preview", args=[quiz.pk]),
        reverse("admin:index"),
        reverse("admin:quizgen_document_changelist"),
        reverse("admin:quizgen_document_change", args=[document.pk]),
        reverse("admin:quizgen_question_changelist"),
        reverse("admin:learning_quiz_add"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert policy(response) == POLICY
        assert INLINE.findall(response.content.decode()) == [], url
