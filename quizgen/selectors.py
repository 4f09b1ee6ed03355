"""Reads of documents and questions, already joined for their pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models.functions import Lower

from quizgen.models import Document, Fact, Question


def document_choices_for_user(*, user) -> list[tuple[int, str]]:
    """(id, title) of the documents a user reviews: their own, or all for a superuser."""
    documents = Document.objects.all() if user.is_superuser else Document.objects.filter(owner=user)
    return list(documents.order_by("-created_at", "-id").values_list("pk", "title"))


def tag_choices_for_user(*, user) -> list[str]:
    """The names of the tags on a user's questions (all questions for a superuser), sorted."""
    from taggit.models import Tag

    questions = Question.objects.all()
    if not user.is_superuser:
        questions = questions.filter(document__owner=user)
    tags = Tag.objects.filter(question__in=questions).distinct().order_by(Lower("name"))
    return list(tags.values_list("name", flat=True))


@dataclass
class QuestionGroup:
    """The questions asked about one fact (or facts) of one sentence: its kinds as variants."""

    anchor: str
    facts: list
    sentence: str
    variants: list  # recommended first, then by score
    current: object  # the variant shown

    @property
    def kinds(self) -> str:
        return ", ".join(variant.get_kind_display() for variant in self.variants)


def _shown_first(question) -> tuple:
    return (
        question.status != Question.Status.APPROVED,
        not question.recommended,
        question.status == Question.Status.REJECTED,
        -question.score,
        question.pk,
    )


def question_groups_for_review(*, document: Document, show: int | None = None) -> list:
    """The document's questions grouped by fact and sentence, for review (two queries).

    A group shows its approved variant, else its recommended one, else its best (or the one
    asked for by `show`); groups with a recommended variant come first, then by best score.
    Stale questions are left out.
    """
    questions = (
        Question.objects.filter(document=document, stale=False)
        .prefetch_related("facts")
        .order_by("-score", "id")
    )
    groups: dict[tuple, list] = {}
    for question in questions:
        fact_ids = frozenset(fact.pk for fact in question.facts.all())
        groups.setdefault((fact_ids, question.source_start), []).append(question)
    result = []
    for variants in groups.values():
        variants.sort(key=lambda q: (not q.recommended, -q.score, q.pk))
        current = next((q for q in variants if q.pk == show), None) or min(
            variants, key=_shown_first
        )
        result.append(
            QuestionGroup(
                anchor=f"g-{variants[0].pk}",
                facts=list(variants[0].facts.all()),
                sentence=variants[0].source_sentence,
                variants=variants,
                current=current,
            )
        )
    result.sort(
        key=lambda group: (
            not any(q.recommended for q in group.variants),
            -max(q.score for q in group.variants),
            group.variants[0].pk,
        )
    )
    return result


def question_distractor_candidates(*, question: Question) -> list[str]:
    """Wrong options a teacher may pick instead of a generated one: the texts of the
    document's other facts of the same kind as the question's, not already an option."""
    kinds = {fact.kind for fact in question.facts.all()}
    if not kinds:
        return []
    taken = {
        " ".join(str(option.get("text", "")).casefold().split()) for option in question.options
    }
    texts: list[str] = []
    for fact in Fact.objects.filter(
        document_id=question.document_id, kind__in=kinds, hidden=False
    ).order_by("start", "id"):
        text = (fact.corrected_text or fact.text).strip()
        key = " ".join(text.casefold().split())
        if text and key not in taken:
            taken.add(key)
            texts.append(text)
    return texts
