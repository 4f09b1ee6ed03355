"""Every draft Quizgen generates for a folder of texts, with the ranker's features, as JSON lines.

usage: .venv/bin/python bench/quality/dump.py OUT.jsonl [--corpus ../shared/corpus/gum]
       [--selection OUT.pickle]

The input of `fit_ranker.py` (joined there with readers' verdicts) and a way to see why a draft
was or was not recommended (`blocked`). Reads `NAME.txt` with its `NAME.json` sidecar (title,
date), as `manage.py generate` does.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pickle
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from quizgen import nlp  # noqa: E402
from quizgen.nlp.generate.features import blocked_reason  # noqa: E402
from quizgen.nlp.pipeline import DEFAULT_MODEL, load_pipeline  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/gum"))
    parser.add_argument("--selection", type=Path)
    args = parser.parse_args()
    # The module, not the function `quizgen.nlp.generate` exports under the same name.
    rank = importlib.import_module("quizgen.nlp.generate.rank")
    pipeline = load_pipeline(DEFAULT_MODEL)
    selection: dict[str, dict] = {}
    current: dict = {}
    one_version, recommend = rank.one_version_per_statement, rank.recommend

    def keep_versions(scored, statements):
        current.update(scored=scored, statements=statements)
        return one_version(scored, statements)

    def keep_target(scored, *, target):
        current.update(target=target)
        return recommend(scored, target=target)

    if args.selection:
        # What `rank.rank` hands the selection, kept as it is handed over.
        rank.one_version_per_statement, rank.recommend = keep_versions, keep_target
    with args.out.open("w", encoding="utf-8") as out:
        for path in sorted(args.corpus.glob("*.txt")):
            sidecar = path.with_suffix(".json")
            meta = json.loads(sidecar.read_text()) if sidecar.exists() else {}
            published = date.fromisoformat(meta["date"]) if meta.get("date") else None
            text = path.read_text(encoding="utf-8")
            extraction = nlp.extract_facts(
                text, published_on=published, title=meta.get("title"), nlp=pipeline
            )
            drafts = nlp.generate_questions(extraction, published_on=published)
            selection[path.stem] = dict(current)
            for draft in drafts:
                row = {
                    "doc": path.stem,
                    "kind": draft.kind,
                    "prompt": draft.prompt,
                    "answer": draft.answer_text,
                    "options": [text for text, _ in draft.options],
                    "recommended": draft.recommended,
                    "score": draft.score,
                    "rule": draft.rule,
                    "blocked": blocked_reason(draft, draft.features),
                    "defects": list(draft.defects),
                    "features": draft.features,
                    "sentence": draft.source_sentence.text,
                }
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count = sum(d.recommended for d in drafts)
            print(f"{path.stem}: {len(drafts)} drafts, {count} recommended", file=sys.stderr)
    if args.selection:
        args.selection.write_bytes(pickle.dumps(selection))


if __name__ == "__main__":
    main()
