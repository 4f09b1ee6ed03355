"""A sample of the actors, dates and figures Quizgen extracts from texts that have no gold, for
people to judge (`facts_tally.py` counts their verdicts).

usage: .venv/bin/python bench/quality/facts_sample.py DIR [DIR ...] OUT_DIR
       [--per-kind 12] [--seed 18]

Each `NAME.txt` of the folders (with its `NAME.json` sidecar: title, date) goes through the
extraction that `manage.py facts` and question generation run. For each document the script
writes `OUT_DIR/NAME.md`, for a labeller: the text, then a numbered list of up to `--per-kind`
predicted mentions of each kind (actor, date, figure), drawn at random with a fixed seed from
all of that document's mentions of the kind; each item gives the kind, the words as written,
for an actor the kind of actor it was taken for (person, organisation, country, place, group),
and its sentence with the words in [[double brackets]]. `OUT_DIR/key.jsonl` holds one line per
item (doc, n, kind, type, span, start, end, folder) for the tally, and `OUT_DIR/all.jsonl` every
predicted mention (doc, kind, type, span, start, end), so that a later run's `all.jsonl` tells
`facts_tally.py --predicted` which judged items a change of the code removed. An actor's every
mention is a candidate, so a name written five times is five chances to be drawn.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from quizgen import nlp  # noqa: E402
from quizgen.nlp.pipeline import DEFAULT_MODEL, load_pipeline  # noqa: E402
from quizgen.nlp.types import ActorFact, DateFact, Extraction, FigureFact  # noqa: E402

KINDS = ("actor", "date", "figure")
# What a labeller reads for each actor label.
ACTOR_TYPES = {
    "person": "person",
    "organisation": "organisation",
    "country": "country",
    "place": "place",
    "group": "group of people",
}


@dataclass(frozen=True)
class Item:
    kind: str
    start: int
    end: int
    words: str
    actor_type: str = ""


def candidates(extraction: Extraction) -> dict[str, list[Item]]:
    """Every predicted mention of the extraction, by kind, in text order."""
    found: dict[str, list[Item]] = {kind: [] for kind in KINDS}
    for fact in extraction.facts:
        if isinstance(fact, ActorFact):
            for mention in fact.mentions:
                found["actor"].append(
                    Item("actor", mention.start, mention.end, mention.text, fact.label)
                )
        elif isinstance(fact, DateFact):
            found["date"].append(Item("date", fact.start, fact.end, fact.text))
        elif isinstance(fact, FigureFact):
            found["figure"].append(Item("figure", fact.start, fact.end, fact.text))
    for items in found.values():
        items.sort(key=lambda item: (item.start, item.end))
    return found


def sample(found: dict[str, list[Item]], *, doc: str, per_kind: int, seed: int) -> list[Item]:
    """Up to `per_kind` items of each kind, drawn with a seed of their own per document and kind
    (so one document's sample does not depend on the others), each kind in text order."""
    chosen: list[Item] = []
    for kind in KINDS:
        items = found[kind]
        drawn = random.Random(f"{seed}:{doc}:{kind}").sample(items, min(per_kind, len(items)))
        chosen.extend(sorted(drawn, key=lambda item: (item.start, item.end)))
    return chosen


def sentence_with_mark(extraction: Extraction, item: Item) -> str:
    """The sentence holding the item, on one line, the item's words in [[double brackets]]."""
    text = extraction.text
    holder = next(
        (s for s in extraction.sentences if s.start <= item.start < s.end),
        None,
    )
    start, end = (holder.start, holder.end) if holder else (item.start, item.end)
    start, end = min(start, item.start), max(end, item.end)
    marked = (
        text[start : item.start] + "[[" + text[item.start : item.end] + "]]" + text[item.end : end]
    )
    return re.sub(r"\s+", " ", marked).strip()


def document_page(name: str, extraction: Extraction, items: list[Item]) -> str:
    """The page a labeller reads for one document."""
    lines = [f"# {name}", "", "## The text", "", extraction.text.strip(), ""]
    lines += ["## Mentions to judge", ""]
    for number, item in enumerate(items, start=1):
        head = f"{number}. {item.kind}: \u201c{item.words}\u201d"
        if item.kind == "actor":
            head += f" \u2014 taken for: {ACTOR_TYPES.get(item.actor_type, item.actor_type)}"
        lines += [head, f"   {sentence_with_mark(extraction, item)}", ""]
    if not items:
        lines += ["(nothing was extracted from this text)", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of NAME.txt files")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--per-kind", type=int, default=12)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    paths = [path for folder in args.folders for path in sorted(folder.glob("*.txt"))]
    names = [path.stem for path in paths]
    if len(set(names)) != len(names):
        parser.error("two folders hold a text of the same name")
    if not paths:
        parser.error("the folders hold no NAME.txt files")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    pipeline = load_pipeline(DEFAULT_MODEL)
    key = (args.out_dir / "key.jsonl").open("w", encoding="utf-8")
    predicted = (args.out_dir / "all.jsonl").open("w", encoding="utf-8")
    with key, predicted:
        for path in paths:
            sidecar = path.with_suffix(".json")
            meta = json.loads(sidecar.read_text()) if sidecar.exists() else {}
            published = date.fromisoformat(meta["date"]) if meta.get("date") else None
            text = path.read_text(encoding="utf-8")
            extraction = nlp.extract_facts(
                text, published_on=published, title=meta.get("title") or "", nlp=pipeline
            )
            found = candidates(extraction)
            for item in (item for kind in KINDS for item in found[kind]):
                row = {"doc": path.stem, "kind": item.kind, "type": item.actor_type or None}
                row |= {"span": item.words, "start": item.start, "end": item.end}
                predicted.write(json.dumps(row, ensure_ascii=False) + "\n")
            items = sample(found, doc=path.stem, per_kind=args.per_kind, seed=args.seed)
            page = document_page(path.stem, extraction, items)
            (args.out_dir / f"{path.stem}.md").write_text(page, encoding="utf-8")
            for number, item in enumerate(items, start=1):
                row = {
                    "doc": path.stem,
                    "n": number,
                    "kind": item.kind,
                    "type": item.actor_type or None,
                    "span": item.words,
                    "start": item.start,
                    "end": item.end,
                    "folder": str(path.parent),
                }
                key.write(json.dumps(row, ensure_ascii=False) + "\n")
            counts = ", ".join(f"{len(found[k])} {k}s" for k in KINDS)
            print(f"{path.stem}: {counts}; {len(items)} sampled", file=sys.stderr)


if __name__ == "__main__":
    main()
