"""Time fact extraction over the corpus against spaCy's bare `nlp.pipe` in the same run.

Usage: .venv/bin/python bench/extract.py [CORPUS_DIR]   (default: ../shared/corpus/gum)
Prints the bare parse time, the extraction time (parse included) and their ratio; the
target is a ratio of at most 1.25. Each is the best of three rounds, run alternately.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizgen.nlp.evaluation import load_corpus  # noqa: E402
from quizgen.nlp.extract import extract_many  # noqa: E402
from quizgen.nlp.pipeline import load_pipeline  # noqa: E402

ROUNDS = 3


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "gum"
    documents = load_corpus(corpus)
    texts = [document.text for document in documents]
    pairs = [(document.text, document.published_on) for document in documents]
    nlp = load_pipeline()
    extract_many(pairs[:2], nlp=nlp)  # warm up: tables, caches, lazy imports
    bare_times, extract_times = [], []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
        bare_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        extract_many(pairs, nlp=nlp, batch_size=16)
        extract_times.append(time.perf_counter() - started)
    bare, extraction = min(bare_times), min(extract_times)
    print(f"{len(texts)} documents, {tokens} tokens, best of {ROUNDS} rounds")
    print(f"bare nlp.pipe:         {bare:.3f} s")
    print(f"extraction (with parse): {extraction:.3f} s")
    print(f"ratio: {extraction / bare:.2f} (target <= 1.25)")


if __name__ == "__main__":
    main()
