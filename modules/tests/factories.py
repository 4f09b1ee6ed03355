"""Modules over hand-made documents whose facts are laid out without the NLP pipeline."""

from __future__ import annotations

import factory

from modules import services
from modules.models import Module
from quizgen.models import Document, Fact
from quizgen.services import text_checksum
from quizgen.tests.factories import TeacherFactory


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    owner = factory.SubFactory(TeacherFactory)
    title = factory.Sequence(lambda n: f"Module {n}")
    is_published = True
    completion_rule = Module.CompletionRule.QUIZ_AND_FLASHCARDS


def document_with_facts(*, owner, towns: int, first_year: int = 1900, title: str = "") -> Document:
    """A document of `towns` sentences, each with a date, a figure and an actor fact:
    "In 1900, Town0 counted 10 houses." """
    sentences = [
        f"In {first_year + index}, Town{index} counted {10 * (index + 1)} houses."
        for index in range(towns)
    ]
    text = " ".join(sentences)
    document = Document.objects.create(
        owner=owner,
        title=title or f"Towns from {first_year}",
        text=text,
        checksum=text_checksum(text),
        status=Document.Status.READY,
    )
    offset = 0
    facts = []
    for index, sentence in enumerate(sentences):
        year = str(first_year + index)
        town = f"Town{index}"
        houses = str(10 * (index + 1))
        sentence_start = offset

        def span(words: str, sentence=sentence, sentence_start=sentence_start) -> tuple[int, int]:
            start = sentence_start + sentence.index(words)
            return start, start + len(words)

        common = {
            "document": document,
            "sentence": sentence,
            "sentence_start": sentence_start,
            "sentence_end": sentence_start + len(sentence),
        }
        start, end = span(year)
        facts.append(
            Fact(
                kind=Fact.Kind.DATE,
                key=f"date:{start}:{end}",
                text=year,
                start=start,
                end=end,
                value=year,
                details={"precision": "year", "vague": False, "event": ""},
                **common,
            )
        )
        start, end = span(houses)
        facts.append(
            Fact(
                kind=Fact.Kind.FIGURE,
                key=f"figure:{start}:{end}",
                text=houses,
                start=start,
                end=end,
                value=float(houses),
                label="cardinal",
                details={"unit": "", "qualifier": "", "counted": "houses"},
                **common,
            )
        )
        start, end = span(town)
        facts.append(
            Fact(
                kind=Fact.Kind.ACTOR,
                key=f"actor:{town}",
                text=town,
                start=start,
                end=end,
                value=town,
                label="organisation",
                details={
                    "mentions": [{"text": town, "start": start, "end": end}],
                    "aliases": [],
                    "role": "",
                },
                **common,
            )
        )
        offset += len(sentence) + 1
    Fact.objects.bulk_create(facts)
    return document


def module_with_towns(*, towns: int, quiz=None, assigned_to=(), **settings) -> Module:
    """A published module over a document of `towns` towns; `assigned_to` students are in a
    class of its teacher that is assigned the module (and so its quiz)."""
    owner = quiz.owner if quiz is not None else TeacherFactory()
    document = document_with_facts(owner=owner, towns=towns)
    module = services.module_create(
        owner=owner, title=f"{towns} towns", documents=[document], quiz=quiz, **settings
    )
    module.is_published = True
    module.save(update_fields=["is_published"])
    if assigned_to:
        from classes.tests.factories import assign

        assign(module, *assigned_to)
    return module
