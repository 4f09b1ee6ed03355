"""The recommended sets a ranker's weights and the selection's floors would give, read against
readers' verdicts.

usage: .venv/bin/python bench/quality/sweep_floors.py DUMP.jsonl PACKETS_DIR [...]
       [DUMP.jsonl PACKETS_DIR ...] [--weights WEIGHTS.json]

The arguments are `fit_ranker.py`'s; beside each DUMP.jsonl lies the DUMP.pickle that
`dump.py --selection` wrote in the same run (what `select.recommend` chose from). For the
weights checked in (or WEIGHTS.json) and each setting of RECOMMEND_AT, FLOOR, FILL_FLOOR and
the kind shares, it re-estimates every draft, runs the selection again and prints: the
questions recommended, per document and documents under MIN_RECOMMENDED, how many of them
readers read and the share accepted as written, by kind; and whether any fact and sentence
has a better-estimated kind left out for a worse one.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import pickle
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_ranker import groups, joined  # noqa: E402

from quizgen.nlp.generate import features, select  # noqa: E402
from quizgen.nlp.generate.rank import one_version_per_statement  # noqa: E402

# The questions the dumped code recommended, to say which stay, go and come.
RECOMMENDED: set[tuple[str, str, str, str]] = set()
SETTINGS = ("RECOMMEND_AT", "FLOOR", "FILL_FLOOR", "KIND_SHARE", "FILL_KIND_SHARE")


def load(paths: list[Path]):
    """Every document's selection input, and the verdicts by (set, doc, kind, prompt)."""
    documents = {}
    verdicts = collections.defaultdict(list)
    for dump, readings in groups(paths):
        for line in dump.open(encoding="utf-8"):
            row = json.loads(line)
            if row["recommended"]:
                RECOMMENDED.add((dump.stem, row["doc"], row["kind"], row["prompt"].strip()))
        for doc, selection in pickle.loads(dump.with_suffix(".pickle").read_bytes()).items():
            documents[(dump.stem, doc)] = selection
        pairs, _ = joined(dump, readings)
        for draft, verdict in pairs:
            key = (dump.stem, draft["doc"], draft["kind"], draft["prompt"].strip())
            verdicts[key].append(verdict["verdict"])
    return documents, verdicts


def ceilings(documents) -> None:
    """The builder's ceiling of each draft (`echo`: its estimate capped), from the run's
    estimates: the capped value where the cap was below the estimate, else none."""
    for selection in documents.values():
        selection["ceilings"] = [
            item.estimate
            if item.draft.features.get("echo")
            and item.estimate < features.estimate(item.draft.features) - 1e-4
            else 1.0
            for item in selection["scored"]
        ]


def run(documents, weights: dict[str, float], setting: dict[str, float]):
    features.weights = lambda: weights  # the estimate reads the weights through this
    for name, value in setting.items():
        setattr(select, name, value)
    chosen = {}
    worse_kind = 0
    for key, selection in documents.items():
        scored = []
        for item, ceiling in zip(selection["scored"], selection["ceilings"], strict=True):
            value = min(features.estimate(item.draft.features), ceiling)
            scored.append(replace(item, estimate=value, draft=replace(item.draft, score=value)))
        kept = one_version_per_statement(scored, selection["statements"])
        drafts = select.recommend(kept, target=selection["target"])
        chosen[key] = [draft for draft in drafts if draft.recommended]
        best = {}
        for item in kept:
            if item.blocked:
                continue
            for fact in item.facts:
                slot = (fact, item.sentence)
                best[slot] = max(best.get(slot, 0.0), item.estimate)
        for draft in chosen[key]:
            sentence = draft.source_sentence.start
            if any(best.get((fact, sentence), 0) > draft.score + 1e-4 for fact in draft.fact_keys):
                worse_kind += 1
    return chosen, worse_kind


def report(label: str, chosen, verdicts, worse_kind: int) -> None:
    total = sum(len(v) for v in chosen.values())
    under = sum(1 for v in chosen.values() if len(v) < select.MIN_RECOMMENDED)
    read = collections.defaultdict(list)
    for (dump, doc), drafts in chosen.items():
        for draft in drafts:
            for verdict in verdicts.get((dump, doc, draft.kind, draft.prompt.strip()), []):
                read[draft.kind].append(verdict == "accept")
                read["all"].append(verdict == "accept")
    by_set = collections.Counter(dump for dump, _ in chosen for _ in chosen[(dump, _)])
    sets = " ".join(f"{s} {n}" for s, n in sorted(by_set.items()))
    kinds = " ".join(
        f"{k} {sum(v) / len(v):.2f} ({len(v)})" for k, v in sorted(read.items()) if k != "all"
    )
    accepted = sum(read["all"]) / max(len(read["all"]), 1)
    now = {
        (dump, doc, draft.kind, draft.prompt.strip())
        for (dump, doc), drafts in chosen.items()
        for draft in drafts
    }
    changes = []
    for label_, keys in (
        ("stay", now & RECOMMENDED),
        ("go", RECOMMENDED - now),
        ("come", now - RECOMMENDED),
    ):
        said = [v == "accept" for key in keys for v in verdicts.get(key, [])]
        share = f"{sum(said) / len(said):.2f}" if said else "-"
        changes.append(f"{label_} {len(keys)} (read {len(said)}, accepted {share})")
    print(
        f"{label}: {total} recommended ({total / len(chosen):.2f} a doc, {under} under "
        f"{select.MIN_RECOMMENDED}; {sets}); read {len(read['all'])}, accepted {accepted:.3f}; "
        f"{kinds}; worse kind chosen {worse_kind}; " + ", ".join(changes)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", type=Path, nargs="+", metavar="DUMP_OR_PACKETS")
    parser.add_argument("--weights", type=Path, default=features.WEIGHTS_PATH)
    parser.add_argument("--grid", type=json.loads, default={}, help='{"FLOOR": [0.3, 0.35]}')
    args = parser.parse_args()
    documents, verdicts = load(args.paths)
    ceilings(documents)
    weights = json.loads(args.weights.read_text(encoding="utf-8"))["weights"]
    today = {name: getattr(select, name) for name in SETTINGS}
    grid = {name: args.grid.get(name, [today[name]]) for name in SETTINGS}
    for values in itertools.product(*grid.values()):
        setting = dict(zip(SETTINGS, values, strict=True))
        chosen, worse = run(documents, weights, setting)
        label = " ".join(f"{name}={value}" for name, value in setting.items())
        report(label, chosen, verdicts, worse)


if __name__ == "__main__":
    main()
