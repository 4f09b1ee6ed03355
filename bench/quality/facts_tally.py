"""Precision of the extracted actors, dates and figures, from people's verdicts on a sample made
by `facts_sample.py`.

usage: .venv/bin/python bench/quality/facts_tally.py OUT_DIR LABELS.jsonl [LABELS.jsonl ...]
       [--predicted LATER_OUT_DIR/all.jsonl] [--wrong]

A labels file holds one JSON line per judged item: `doc`, `n` (the item's number on the
document's page), `right` (true / false), `type_right` (true / false / null), `span` ("whole",
"cut", "too long") and `note`. Each file is one labeller. Where several labellers judged an
item, its verdict is the majority, a tie counting as wrong. Printed per kind (and per actor
type): precision (right / judged) with a 95% Wilson interval, the stricter precision of the
items right and whole, the share of right actors whose type is right, the agreement between
labellers, and with `--wrong` every item judged wrong by anyone, with the notes.

`--predicted` takes the `all.jsonl` of a later run of `facts_sample.py` on the same texts (after
a change of the code): the judged items it no longer predicts (same document, kind and
offsets) are gone, each listed with its verdict and what is predicted in its place, and the
precision is counted again over the judged items still predicted. An actor predicted with
another type is listed too, its type verdict then unknown.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import defaultdict
from pathlib import Path

KINDS = ("actor", "date", "figure")


def wilson(right: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion."""
    if not total:
        return (0.0, 1.0)
    share = right / total
    centre = share + z * z / (2 * total)
    margin = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    scale = 1 + z * z / total
    return ((centre - margin) / scale, (centre + margin) / scale)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def majority(values: list[bool]) -> bool:
    return sum(values) * 2 > len(values)


def line(name: str, right: int, total: int) -> str:
    if not total:
        return f"  {name:<24} -"
    low, high = wilson(right, total)
    return f"  {name:<24} {right / total:.3f}  ({right}/{total}; 95% {low:.3f}-{high:.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("labels", nargs="+", type=Path)
    parser.add_argument("--predicted", type=Path, default=None, help="a later all.jsonl")
    parser.add_argument("--wrong", action="store_true", help="list the items judged wrong")
    args = parser.parse_args()
    judged_key = {(row["doc"], row["n"]): row for row in read_jsonl(args.out_dir / "key.jsonl")}

    # verdicts[(doc, start, end, kind)] = list of (labeller, label row)
    verdicts: dict[tuple, list[tuple[str, dict]]] = defaultdict(list)
    unknown = 0
    for path in args.labels:
        for label in read_jsonl(path):
            item = judged_key.get((label["doc"], int(label["n"])))
            if item is None:
                unknown += 1
                continue
            place = (item["doc"], item["start"], item["end"], item["kind"])
            verdicts[place].append((path.stem, label))
    if unknown:
        print(f"{unknown} labels name no item of {args.out_dir / 'key.jsonl'}; left out")

    items = {(r["doc"], r["start"], r["end"], r["kind"]): r for r in judged_key.values()}
    retyped: set[tuple] = set()
    if args.predicted:
        later = {(r["doc"], r["start"], r["end"], r["kind"]): r for r in read_jsonl(args.predicted)}
        judged = [place for place in items if place in verdicts]
        gone = [place for place in judged if place not in later]
        gone_wrong = [place for place in gone if not _right(verdicts[place])]
        print(
            f"judged items no longer predicted: {len(gone)} of {len(judged)} "
            f"({len(gone_wrong)} judged wrong, {len(gone) - len(gone_wrong)} judged right)"
        )
        for place in gone:
            doc, start, end, kind = place
            instead = [
                repr(r["span"])
                for (d, s, e, k), r in later.items()
                if d == doc and k == kind and s < end and start < e
            ]
            verdict = "wrong" if place in gone_wrong else "right"
            row = items[place]
            print(
                f"    gone ({verdict}): {doc} #{row['n']} {kind} {row['span']!r}"
                + (f" -> now {', '.join(instead)}" if instead else "")
            )
        for place in judged:
            if place in later and later[place]["type"] != items[place]["type"]:
                retyped.add(place)
                row = items[place]
                print(
                    f"    retyped: {row['doc']} #{row['n']} {row['span']!r} {row['type']} -> "
                    f"{later[place]['type']} (type judged "
                    f"{[label.get('type_right') for _, label in verdicts[place]]})"
                )
        items = {place: row for place, row in items.items() if place in later}

    print(f"labellers: {', '.join(path.stem for path in args.labels)}")
    tallies: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    agree = [0, 0]
    wrong_rows = []
    for place, row in sorted(items.items(), key=lambda entry: (entry[1]["doc"], entry[1]["n"])):
        if place not in verdicts:
            continue
        labels = [label for _, label in verdicts[place]]
        right = _right(verdicts[place])
        whole = right and majority([label.get("span") == "whole" for label in labels])
        typed = [label["type_right"] for label in labels if label.get("type_right") is not None]
        type_right = majority(typed) if typed and place not in retyped else None
        if len(labels) > 1:
            agree[0] += len({bool(label["right"]) for label in labels}) == 1
            agree[1] += 1
        groups = [row["kind"]] + ([f"actor: {row['type']}"] if row["kind"] == "actor" else [])
        for group in groups:
            tally = tallies[group]
            tally[0] += right
            tally[1] += 1
            tally[2] += whole
            if right and type_right is not None:
                tally[3] += type_right
                tally[4] += 1
        if any(not label["right"] for label in labels) or not whole or type_right is False:
            wrong_rows.append((row, right, whole, labels))
    for group in [*KINDS, *sorted(g for g in tallies if g.startswith("actor: "))]:
        right, total, whole, type_right, typed = tallies.get(group, [0, 0, 0, 0, 0])
        print(group)
        print(line("precision", right, total))
        print(line("right and whole", whole, total))
        if group.startswith("actor"):
            print(line("type right (of right)", type_right, typed))
    if agree[1]:
        print(f"labellers agree on right/wrong for {agree[0]} of {agree[1]} items judged twice")
    if args.wrong:
        print("\njudged wrong or not whole by someone:")
        for row, right, whole, labels in wrong_rows:
            verdict = "WRONG" if not right else "cut/long" if not whole else "type"
            notes = "; ".join(
                f"{'right' if label['right'] else 'wrong'}/{label.get('span')}"
                + (
                    f"/type {'ok' if label['type_right'] else 'no'}"
                    if label.get("type_right") is not None
                    else ""
                )
                + (f": {label['note']}" if label.get("note") else "")
                for label in labels
            )
            kind = row["kind"] + (f" ({row['type']})" if row["type"] else "")
            print(f"  {verdict:<8} {row['doc']} #{row['n']} {kind} {row['span']!r} -- {notes}")


def _right(verdicts: list[tuple[str, dict]]) -> bool:
    return majority([bool(label["right"]) for _, label in verdicts])


if __name__ == "__main__":
    main()
