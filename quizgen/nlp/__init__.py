"""Quizgen's language core: text in, frozen dataclasses out. It never imports Django."""

from quizgen.nlp.extract import extract_facts, extract_many
from quizgen.nlp.generate import generate_questions
from quizgen.nlp.types import (
    ActorFact,
    DateFact,
    Extraction,
    Fact,
    FigureFact,
    Mention,
    QuestionDraft,
    QuoteFact,
    Sentence,
)

__all__ = [
    "ActorFact",
    "DateFact",
    "Extraction",
    "Fact",
    "FigureFact",
    "Mention",
    "QuestionDraft",
    "QuoteFact",
    "Sentence",
    "extract_facts",
    "extract_many",
    "generate_questions",
]
