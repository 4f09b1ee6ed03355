"""Fit the ranker's weights to readers' verdicts (see quizgen/nlp/generate/features.py).

usage: .venv/bin/python bench/quality/fit_ranker.py DUMP.jsonl PACKETS_DIR [PACKETS_DIR ...]
       [--write]

DUMP.jsonl is what `bench/quality/dump.py` writes for the same commit the packets were made
on; each PACKETS_DIR holds the packets (`NAME.md`, made by ../shared/judging/packets.py) and the
readers' `verdicts.jsonl`. A verdict is joined to its draft by document, kind and prompt. The
model is an L2-regularised logistic regression of "accepted as written" on the explicit
features, fitted by Newton's method with numpy; `--write` stores the weights in
quizgen/nlp/generate/ranker_weights.json. It prints the fit's leave-one-document-out accuracy
and the verdicts per hard-rule reason, so a rule that blocks what readers accept shows up.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path

import numpy as np

WEIGHTS = Path(__file__).resolve().parents[2] / "quizgen/nlp/generate/ranker_weights.json"
PACKET_QUESTION = re.compile(r"^(\d+)\. \[(\w+)\] (.*)$", re.MULTILINE)
L2 = 5.0


def joined(dump: Path, packet_dirs: list[Path]) -> list[tuple[dict, dict]]:
    drafts = {}
    for line in dump.open(encoding="utf-8"):
        row = json.loads(line)
        drafts[(row["doc"], row["kind"], row["prompt"].strip())] = row
    pairs = []
    for folder in packet_dirs:
        prompts = {}
        for packet in folder.glob("*.md"):
            for match in PACKET_QUESTION.finditer(packet.read_text(encoding="utf-8")):
                prompts[(packet.stem, int(match.group(1)))] = (match.group(2), match.group(3))
        for line in (folder / "verdicts.jsonl").open(encoding="utf-8"):
            if not line.strip():
                continue
            verdict = json.loads(line)
            doc = verdict["doc"].removesuffix(".txt").removesuffix(".md")
            kind, prompt = prompts.get((doc, int(verdict["n"])), ("", ""))
            draft = drafts.get((doc, kind, prompt.strip()))
            if draft is not None:
                pairs.append((draft, verdict))
    return pairs


def fit(x: np.ndarray, y: np.ndarray, names: list[str]) -> np.ndarray:
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], L2)
    penalty[names.index("bias")] = 0.01
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x.T * (p * (1 - p))) @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump", type=Path)
    parser.add_argument("packets", type=Path, nargs="+")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    pairs = joined(args.dump, args.packets)
    print(f"{len(pairs)} verdicts joined to drafts")
    by_reason = collections.defaultdict(collections.Counter)
    for draft, verdict in pairs:
        by_reason[draft["blocked"] or "(not blocked)"][verdict["verdict"]] += 1
    for reason, counts in sorted(by_reason.items()):
        print(f"  {reason[:60]:60s} {dict(counts)}")
    usable = [(d, v) for d, v in pairs if not d["blocked"]]
    names = sorted({name for d, _ in usable for name in d["features"]})
    x = np.array([[d["features"].get(n, 0.0) for n in names] for d, _ in usable])
    y = np.array([1.0 if v["verdict"] == "accept" else 0.0 for _, v in usable])
    docs = [d["doc"] for d, _ in usable]
    right = 0
    for doc in sorted(set(docs)):
        train = np.array([other != doc for other in docs])
        w = fit(x[train], y[train], names)
        p = 1 / (1 + np.exp(-x[~train] @ w))
        right += int(((p >= 0.5) == (y[~train] == 1)).sum())
    base = max(y.mean(), 1 - y.mean())
    print(
        f"{len(usable)} unblocked; leave-one-document-out accuracy {right / len(y):.2f} "
        f"(majority {base:.2f})"
    )
    w = fit(x, y, names)
    weights = {n: round(float(v), 4) for n, v in zip(names, w, strict=True) if abs(v) > 1e-4}
    for name, value in sorted(weights.items(), key=lambda item: -abs(item[1])):
        print(f"  {name:24s} {value:+.3f}")
    if args.write:
        WEIGHTS.write_text(
            json.dumps(
                {
                    "note": "Fitted by bench/quality/fit_ranker.py to readers' verdicts "
                    f"({len(usable)} unblocked drafts); see bench/quality.md.",
                    "weights": weights,
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()
