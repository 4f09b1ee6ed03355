"""Question generation over the evaluation corpus against spaCy's bare `nlp.pipe`, same run.

Usage: .venv/bin/python bench/generate.py [CORPUS_GUM_DIR] [--repeat N]

Prints the bare parse time, the time of the whole path (parse + extraction + generation),
their ratio (target ≤ 1.40) and the memory peaks. Each timing is the best of N rounds, the
three timed in turn within a round; the CPU time of the process is printed beside the wall
clock.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizgen.nlp.extract import extract_many  # noqa: E402
from quizgen.nlp.generate import generate_questions  # noqa: E402
from quizgen.nlp.generate.evaluation import read_folder  # noqa: E402
from quizgen.nlp.pipeline import DEFAULT_MODEL, load_pipeline  # noqa: E402

TARGET = 1.40


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared/corpus/gum")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    documents = read_folder(args.corpus)
    if not documents:
        sys.exit(f"No documents in {args.corpus}.")
    texts = [(text, when) for _, _, text, when in documents]
    nlp = load_pipeline(DEFAULT_MODEL)
    list(nlp.pipe(text for text, _ in texts[:2]))  # warm up

    def bare() -> None:
        for _ in nlp.pipe(text for text, _ in texts):
            pass

    questions = 0

    def whole() -> None:
        nonlocal questions
        questions = 0
        for extraction, (_, when) in zip(extract_many(texts, nlp=nlp), texts, strict=True):
            questions += len(generate_questions(extraction, published_on=when))

    def extraction_only() -> None:
        for _ in extract_many(texts, nlp=nlp):
            pass

    cpu: dict[str, list[float]] = {"bare": [], "extraction": [], "whole": []}

    def timed(run, name: str) -> float:
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        cpu[name].append(time.process_time() - start_cpu)
        return time.perf_counter() - start

    # The three are timed in turn within each round, so that a change in the machine's load
    # during the run weighs on all three alike; each figure is the best of its rounds.
    rounds = [
        (timed(bare, "bare"), timed(extraction_only, "extraction"), timed(whole, "whole"))
        for _ in range(args.repeat)
    ]
    bare_time, extraction_time, whole_time = (min(column) for column in zip(*rounds, strict=True))
    tracemalloc.start()
    whole()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    words = sum(len(text.split()) for text, _ in texts)
    ratio = whole_time / bare_time
    print(f"Corpus: {args.corpus} ({len(texts)} documents, {words} words)")
    print(f"bare nlp.pipe:                    {bare_time:7.2f} s")
    print(f"parse + extraction:               {extraction_time:7.2f} s")
    print(f"parse + extraction + generation:  {whole_time:7.2f} s  ({questions} questions)")
    print(f"generation alone: {whole_time - extraction_time:.2f} s")
    print("ratio in each round: " + ", ".join(f"{w / b:.2f}" for b, _, w in rounds))
    print(
        f"ratio: {ratio:.2f} (target ≤ {TARGET:.2f}) {'OK' if ratio <= TARGET else 'ABOVE TARGET'}"
    )
    # CPU time of this process: on a shared machine it moves far less with the other
    # processes' load than the wall clock does.
    bare_cpu, extraction_cpu, whole_cpu = (min(cpu[name]) for name in cpu)
    print(
        f"CPU seconds: bare {bare_cpu:.2f}, parse + extraction {extraction_cpu:.2f}, "
        f"whole {whole_cpu:.2f}; ratio {whole_cpu / bare_cpu:.2f}"
    )
    print(f"memory peak (Python allocations during one whole run): {traced_peak / 2**20:.1f} MiB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory peak (process, max RSS): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
