"""Fit the ranker's weights to readers' verdicts (see quizgen/nlp/generate/features.py).

usage: .venv/bin/python bench/quality/fit_ranker.py DUMP.jsonl PACKETS_DIR [PACKETS_DIR ...]
       [DUMP.jsonl PACKETS_DIR ...] [--drop FEATURE ...] [--l2 5] [--prior] [--ablate]
       [--write]

Each DUMP.jsonl is what `bench/quality/dump.py` writes for one folder of texts (today's code);
the PACKETS_DIRs after it are the readings of those texts: each holds the packets (`NAME.md`,
made by ../shared/judging/packets.py) and the readers' `verdicts.jsonl` (doc, n, verdict).
A verdict is joined to today's draft by document, kind and prompt, so a question read at an
older commit joins only if today's code still drafts it word for word. To rerun it on every
reading there is: dump each text set (the corpus, the pool, held-out sets 1-6) and give each
dump its readings, e.g.

    fit_ranker.py gum.jsonl r3/ r4/ … r9/ baseline/ pool.jsonl dev_pool/ ooc6.jsonl s17_6a/ s17_6b/

(bench/quality.md, Stop 18, lane A, lists the folders). The model is an L2-regularised logistic
regression of "accepted as written" on the explicit features of the drafts no hard rule
refuses (as the estimate weighs them: `features.as_estimated`), fitted by Newton's method
with numpy; `--prior` draws each weight towards the one checked in instead of 0. It prints
the verdicts per hard-rule reason (a rule that blocks what readers accept shows up), the
leave-one-document-out log-loss, accuracy and ranking (overall and within a document) of the
weights checked in and of the refit, each feature's weight and, with `--ablate`, how much the
held-out log-loss grows without it; `--write` stores the refit in
quizgen/nlp/generate/ranker_weights.json. `sweep_floors.py` shows what a refit does to the
recommended sets.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from quizgen.nlp.generate.features import as_estimated  # noqa: E402

WEIGHTS = Path(__file__).resolve().parents[2] / "quizgen/nlp/generate/ranker_weights.json"
PACKET_QUESTION = re.compile(r"^(\d+)\. \[(\w+)\] (.*)$", re.MULTILINE)
L2 = 5.0


def groups(paths: list[Path]) -> list[tuple[Path, list[Path]]]:
    """The arguments as (dump, its readings): each .jsonl opens a group."""
    result: list[tuple[Path, list[Path]]] = []
    for path in paths:
        if path.suffix == ".jsonl":
            result.append((path, []))
        elif not result:
            raise SystemExit(f"{path}: a reading must follow the dump of its texts")
        else:
            result[-1][1].append(path)
    return result


def packet_prompts(folder: Path) -> dict[tuple[str, int], tuple[str, str]]:
    prompts = {}
    for packet in folder.glob("*.md"):
        text = packet.read_text(encoding="utf-8")
        questions = text[text.find("## Questions") :] if "## Questions" in text else text
        for match in PACKET_QUESTION.finditer(questions):
            prompts[(packet.stem, int(match.group(1)))] = (match.group(2), match.group(3))
    return prompts


def joined(dump: Path, packet_dirs: list[Path]) -> tuple[list[tuple[dict, dict]], int]:
    """The (draft, verdict) pairs of one dump's readings, and how many verdicts were read."""
    drafts = {}
    for line in dump.open(encoding="utf-8"):
        row = json.loads(line)
        row["set"] = dump.stem
        drafts[(row["doc"], row["kind"], row["prompt"].strip())] = row
    pairs = []
    read = 0
    for folder in packet_dirs:
        prompts = packet_prompts(folder)
        for line in (folder / "verdicts.jsonl").open(encoding="utf-8"):
            if not line.strip():
                continue
            read += 1
            verdict = json.loads(line)
            verdict["reading"] = folder.name
            doc = verdict["doc"].removesuffix(".txt").removesuffix(".md")
            kind, prompt = prompts.get((doc, int(verdict["n"])), ("", ""))
            draft = drafts.get((doc, kind, prompt.strip()))
            if draft is not None:
                pairs.append((draft, verdict))
    return pairs, read


def fit(
    x: np.ndarray, y: np.ndarray, names: list[str], l2: float = L2, prior: np.ndarray | None = None
) -> np.ndarray:
    """The weights, each drawn by `l2` towards its `prior` (the weights checked in, or 0)."""
    prior = np.zeros(x.shape[1]) if prior is None else prior
    w = prior.copy()
    penalty = np.full(x.shape[1], l2)
    penalty[names.index("bias")] = 0.01
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * (w - prior)
        hessian = (x.T * (p * (1 - p))) @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def scores(p: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Mean log-loss, accuracy and ranking quality (the chance that an accepted draft is
    estimated above a faulted one, ties counting half) of the estimates `p` for `y`."""
    p = np.clip(p, 1e-6, 1 - 1e-6)
    loss = float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())
    accepted, faulted = p[y == 1], p[y == 0]
    above = (accepted[:, None] > faulted[None, :]).mean()
    ties = (accepted[:, None] == faulted[None, :]).mean()
    return loss, float(((p >= 0.5) == (y == 1)).mean()), float(above + ties / 2)


def within_documents(p: np.ndarray, y: np.ndarray, docs: list[str]) -> float:
    """The ranking quality within each document (what the selection uses): over the pairs
    of an accepted and a faulted draft of one document, the share ranked right."""
    right = pairs = 0.0
    for doc in set(docs):
        mine = np.array([other == doc for other in docs])
        accepted, faulted = p[mine & (y == 1)], p[mine & (y == 0)]
        right += (accepted[:, None] > faulted[None, :]).sum()
        right += (accepted[:, None] == faulted[None, :]).sum() / 2
        pairs += len(accepted) * len(faulted)
    return float(right / max(pairs, 1))


def held_out(
    x: np.ndarray, y: np.ndarray, docs: list[str], names: list[str], l2: float, prior=None
):
    """Each draft's estimate from weights fitted without its document."""
    p = np.zeros(len(y))
    for doc in sorted(set(docs)):
        train = np.array([other != doc for other in docs])
        w = fit(x[train], y[train], names, l2, prior)
        p[~train] = 1 / (1 + np.exp(-x[~train] @ w))
    return p


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", type=Path, nargs="+", metavar="DUMP_OR_PACKETS")
    parser.add_argument("--drop", nargs="*", default=[], help="features left out of the fit")
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument(
        "--ablate", action="store_true", help="refit without each feature in turn (slow)"
    )
    parser.add_argument(
        "--prior", action="store_true", help="draw the weights towards those checked in, not 0"
    )
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    pairs: list[tuple[dict, dict]] = []
    for dump, readings in groups(args.paths):
        found, read = joined(dump, readings)
        print(f"{dump.name}: {read} verdicts, {len(found)} joined to today's drafts")
        pairs += found
    print(f"{len(pairs)} verdicts joined to drafts")
    by_reason = collections.defaultdict(collections.Counter)
    for draft, verdict in pairs:
        by_reason[draft["blocked"] or "(not blocked)"][verdict["verdict"]] += 1
    for reason, counts in sorted(by_reason.items()):
        print(f"  {reason[:60]:60s} {dict(counts)}")
    usable = [
        (dict(d, features=as_estimated(d["features"])), v) for d, v in pairs if not d["blocked"]
    ]
    names = sorted({name for d, _ in usable for name in d["features"]} - set(args.drop) | {"bias"})
    x = np.array([[d["features"].get(n, 0.0) for n in names] for d, _ in usable])
    y = np.array([1.0 if v["verdict"] == "accept" else 0.0 for _, v in usable])
    docs = [f"{d['set']}/{d['doc']}" for d, _ in usable]
    by_kind = collections.defaultdict(list)
    for (draft, _), outcome in zip(usable, y, strict=True):
        by_kind[draft["kind"]].append(outcome)
    print(
        f"{len(usable)} unblocked on {len(set(docs))} documents, accepted {y.mean():.2f}: "
        + ", ".join(f"{k} {np.mean(v):.2f} ({len(v)})" for k, v in sorted(by_kind.items()))
    )
    current = json.loads(WEIGHTS.read_text(encoding="utf-8"))["weights"]
    z = np.array(
        [sum(current.get(n, 0.0) * v for n, v in d["features"].items()) for d, _ in usable]
    )
    before = scores(1 / (1 + np.exp(-z)), y)
    prior = np.array([current.get(n, 0.0) for n in names]) if args.prior else None
    p = held_out(x, y, docs, names, args.l2, prior)
    after = scores(p, y)
    base = scores(np.full(len(y), y.mean()), y)
    print(
        f"log-loss / accuracy / ranking: constant {base[0]:.3f} / {base[1]:.2f} / 0.50; "
        f"weights checked in {before[0]:.3f} / {before[1]:.2f} / {before[2]:.3f}; "
        f"refit, leave-one-document-out {after[0]:.3f} / {after[1]:.2f} / {after[2]:.3f}"
    )
    print(
        f"ranking within a document: weights checked in "
        f"{within_documents(1 / (1 + np.exp(-z)), y, docs):.3f}; refit, leave-one-document-out "
        f"{within_documents(p, y, docs):.3f}"
    )
    w = fit(x, y, names, args.l2, prior)
    weights = {n: round(float(v), 4) for n, v in zip(names, w, strict=True) if abs(v) > 1e-4}
    print("  feature                  weight   drafts  held-out log-loss without it (--ablate)")
    for name, value in sorted(weights.items(), key=lambda item: -abs(item[1])):
        column = names.index(name)
        count = int((x[:, column] > 0).sum())
        if name == "bias" or not args.ablate:
            print(f"  {name:24s} {value:+.3f} {count:7d}")
            continue
        keep = [i for i in range(len(names)) if i != column]
        without = held_out(
            x[:, keep],
            y,
            docs,
            [names[i] for i in keep],
            args.l2,
            None if prior is None else prior[keep],
        )
        print(f"  {name:24s} {value:+.3f} {count:7d}  {scores(without, y)[0] - after[0]:+.4f}")
    if args.write:
        WEIGHTS.write_text(
            json.dumps(
                {
                    "note": "Fitted by bench/quality/fit_ranker.py to readers' verdicts "
                    f"({len(usable)} unblocked drafts on {len(set(docs))} documents); "
                    "see bench/quality.md.",
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
