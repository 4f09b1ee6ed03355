"""Measuring question generation: on a folder of documents and against human SQuAD questions.

Pure Python (no Django); the `evaluate-questions` command prints what these functions return.
"""

from __future__ import annotations

import json
import re
import string
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.language import Language

from quizgen.nlp.extract import extract_many
from quizgen.nlp.generate import ALL_KINDS, generate_questions
from quizgen.nlp.generate.defects import find_defects
from quizgen.nlp.types import QuestionDraft, QuestionKind

ANSWER_TYPES = {
    "DATE": "date",
    "TIME": "date",
    "CARDINAL": "figure",
    "MONEY": "figure",
    "PERCENT": "figure",
    "QUANTITY": "figure",
    "PERSON": "actor",
    "ORG": "actor",
    "GPE": "actor",
    "NORP": "actor",
}
WH_KINDS = {QuestionKind.SHORT_ANSWER, QuestionKind.MULTIPLE_CHOICE}
# Questions moved into wh-first order; the others are in-place "echo" questions.
WH_OPENINGS = ("Who", "Which", "When", "How", "Where", "What", "Since", "Until", "To", "From")


# A folder of documents ---------------------------------------------------------------------


@dataclass
class DocumentReport:
    name: str
    genre: str
    facts: int
    questions: int
    recommended: int
    defects_in_recommended: int
    broken_in_recommended: int
    kinds: Counter = field(default_factory=Counter)


@dataclass
class CorpusReport:
    documents: list[DocumentReport]
    kinds_all: Counter
    kinds_recommended: Counter
    sample: list[tuple[str, QuestionDraft]]


def read_folder(folder: Path) -> list[tuple[str, str, str, date | None]]:
    """(name, genre, text, date) for every NAME.txt with an optional NAME.json sidecar."""
    found = []
    for path in sorted(folder.glob("*.txt")):
        sidecar = path.with_suffix(".json")
        meta = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
        written = meta.get("date") or meta.get("published_on")
        found.append(
            (
                path.stem,
                meta.get("genre", ""),
                path.read_text(encoding="utf-8"),
                date.fromisoformat(written) if written else None,
            )
        )
    return found


def broken(draft: QuestionDraft, text: str) -> bool:
    """Structural checks independent of the defect checker: shapes and spans."""
    sentence = draft.source_sentence
    if not 0 <= sentence.start <= sentence.end <= len(text):
        return True
    if draft.kind not in {QuestionKind.ORDERING, QuestionKind.MATCHING}:
        if text[sentence.start : sentence.end] != sentence.text:
            return True
    if draft.kind == QuestionKind.MULTIPLE_CHOICE:
        texts = [t.casefold() for t, _ in draft.options]
        if len(texts) != 4 or len(set(texts)) != 4:
            return True
        if sum(1 for _, correct in draft.options if correct) != 1:
            return True
    if draft.kind == QuestionKind.ORDERING:
        return [t for t, _ in draft.options] == draft.answer
    return False


def evaluate_folder(folder: Path, nlp: Language, *, sample_size: int = 30) -> CorpusReport:
    documents = read_folder(folder)
    extractions = extract_many(((text, when) for _, _, text, when in documents), nlp=nlp)
    reports: list[DocumentReport] = []
    kinds_all: Counter = Counter()
    kinds_recommended: Counter = Counter()
    recommended_by_document: list[list[tuple[str, QuestionDraft]]] = []
    for (name, genre, text, when), extraction in zip(documents, extractions, strict=True):
        drafts = generate_questions(extraction, published_on=when)
        recommended = [d for d in drafts if d.recommended]
        kinds_all.update(d.kind for d in drafts)
        kinds_recommended.update(d.kind for d in recommended)
        reports.append(
            DocumentReport(
                name=name,
                genre=genre,
                facts=len(extraction.facts),
                questions=len(drafts),
                recommended=len(recommended),
                defects_in_recommended=sum(1 for d in recommended if find_defects(d, extraction)),
                broken_in_recommended=sum(1 for d in recommended if broken(d, text)),
                kinds=Counter(d.kind for d in recommended),
            )
        )
        recommended_by_document.append([(name, d) for d in recommended])
    return CorpusReport(
        reports, kinds_all, kinds_recommended, _sample(recommended_by_document, sample_size)
    )


def _sample(
    per_document: list[list[tuple[str, QuestionDraft]]], size: int
) -> list[tuple[str, QuestionDraft]]:
    """Round-robin over documents, best first, one kind after another inside a document."""
    queues = []
    for items in per_document:
        by_kind: dict[str, list] = {}
        for item in items:
            by_kind.setdefault(item[1].kind, []).append(item)
        mixed = []
        while any(by_kind.values()):
            for kind in ALL_KINDS:
                if by_kind.get(kind):
                    mixed.append(by_kind[kind].pop(0))
        queues.append(mixed)
    sample: list[tuple[str, QuestionDraft]] = []
    depth = 0
    while len(sample) < size and any(len(q) > depth for q in queues):
        for queue in queues:
            if len(queue) > depth and len(sample) < size:
                sample.append(queue[depth])
        depth += 1
    return sample


# SQuAD -------------------------------------------------------------------------------------


def squad_normalise(text: str) -> str:
    """SQuAD's answer normalisation: lower case, no punctuation, articles or extra spaces."""
    text = text.lower().replace("’", "'")
    text = "".join(ch for ch in text if ch not in set(string.punctuation) | {"“", "”", "‘"})
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


@dataclass
class SquadReport:
    paragraphs: int
    questions: int
    eligible: Counter
    matched: Counter
    pairs: list[tuple[str, str, str]]  # (type, ours, human)
    bleu: float
    rouge_l: float
    generated: int
    transformed_pairs: int = 0
    transformed_bleu: float = 0.0
    transformed_rouge_l: float = 0.0

    @property
    def recall(self) -> float:
        total = sum(self.eligible.values())
        return sum(self.matched.values()) / total if total else 0.0


def read_squad(path: Path, limit: int | None = None) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
            if limit is not None and len(rows) >= limit:
                break
    return rows


def answer_type(doc, context: str, answers: Iterable[str]) -> str | None:
    """date, figure or actor when a human answer is exactly one named entity of the text."""
    wanted = {squad_normalise(answer) for answer in answers}
    for ent in doc.ents:
        kind = ANSWER_TYPES.get(ent.label_)
        if kind and squad_normalise(ent.text) in wanted:
            return kind
    return None


def evaluate_squad(path: Path, nlp: Language, *, limit: int | None = None) -> SquadReport:
    from rouge_score import rouge_scorer
    from sacrebleu.metrics import BLEU

    rows = read_squad(path, limit)
    extractions = extract_many(((row["context"], None) for row in rows), nlp=nlp)
    eligible: Counter = Counter()
    matched: Counter = Counter()
    pairs: list[tuple[str, str, str]] = []
    questions = 0
    generated = 0
    echoes: set[str] = set()
    for row, extraction in zip(rows, extractions, strict=True):
        drafts = generate_questions(extraction)
        generated += len(drafts)
        echoes.update(
            d.question_text
            for d in drafts
            if d.kind == QuestionKind.SHORT_ANSWER and not d.prompt.startswith(WH_OPENINGS)
        )
        ours: dict[str, str] = {}
        for draft in drafts:
            if draft.kind not in WH_KINDS or not draft.question_text:
                continue
            for answer in (draft.answer_text, *draft.accepted_answers):
                ours.setdefault(squad_normalise(answer), draft.question_text)
        for qa in row["qas"]:
            questions += 1
            kind = answer_type(extraction.doc, row["context"], qa["answers"])
            if kind is None:
                continue
            eligible[kind] += 1
            hit = next(
                (ours[key] for key in map(squad_normalise, qa["answers"]) if key in ours), None
            )
            if hit is not None:
                matched[kind] += 1
                pairs.append((kind, hit, qa["question"]))
    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=True)

    def measure(chosen: list[tuple[str, str, str]]) -> tuple[float, float]:
        if not chosen:
            return 0.0, 0.0
        bleu = BLEU().corpus_score([p[1] for p in chosen], [[p[2] for p in chosen]]).score
        rouge = sum(scorer.score(p[2], p[1])["rougeL"].fmeasure for p in chosen)
        return bleu, 100 * rouge / len(chosen)

    bleu, rouge = measure(pairs)
    transformed = [p for p in pairs if p[1] not in echoes]
    transformed_bleu, transformed_rouge = measure(transformed)
    return SquadReport(
        paragraphs=len(rows),
        questions=questions,
        eligible=eligible,
        matched=matched,
        pairs=pairs,
        bleu=bleu,
        rouge_l=rouge,
        generated=generated,
        transformed_pairs=len(transformed),
        transformed_bleu=transformed_bleu,
        transformed_rouge_l=transformed_rouge,
    )
