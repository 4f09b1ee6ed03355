"""Fixtures shared across apps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
SEEDS_DIR = ROOT / "seeds"
DEMO_TEXT_PATH = SEEDS_DIR / "russia-recognises-taliban.txt"
DEMO_PUBLISHED_ON = date(2025, 7, 3)
CORPUS_DIR = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def nlp_pipeline():
    """The trained spaCy pipeline, loaded once for the whole test session."""
    from quizgen.nlp.pipeline import DEFAULT_MODEL, load_pipeline

    return load_pipeline(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def demo_text() -> str:
    return DEMO_TEXT_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def demo_extraction(nlp_pipeline, demo_text):
    from quizgen.nlp import extract_facts

    return extract_facts(demo_text, published_on=DEMO_PUBLISHED_ON, nlp=nlp_pipeline)


@pytest.fixture
def corpus_dir() -> Path:
    if not (CORPUS_DIR / "gum").is_dir():
        pytest.skip(f"The evaluation corpus is not at {CORPUS_DIR}; these checks need it.")
    return CORPUS_DIR


@pytest.fixture
def teacher(db):
    from quizgen.tests.factories import TeacherFactory

    return TeacherFactory()


@pytest.fixture
def student(db):
    from quizgen.tests.factories import UserFactory

    return UserFactory(username="student-one")
