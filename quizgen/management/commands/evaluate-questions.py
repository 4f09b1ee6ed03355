"""`python manage.py evaluate-questions CORPUS_DIR` or `--squad FILE`: how good the questions are.

CORPUS_DIR mode reads every NAME.txt (with its NAME.json sidecar) and prints questions per
document, the share recommended, defects found among recommended questions (target 0), the
kinds distribution and a sample of recommended questions to read. `--squad` mode compares
with human questions in SQuAD's format (one paragraph a line): answer recall on date, figure
and actor answers (target ≥ 0.60), and BLEU-4 and ROUGE-L of our wording on matched pairs.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quizgen.nlp.generate import ALL_KINDS
from quizgen.nlp.generate.evaluation import evaluate_folder, evaluate_squad
from quizgen.nlp.pipeline import load_pipeline

RECALL_TARGET = 0.60
BLEU_RULE_BASED = 11.0
BLEU_T5_BASE = 21.3


class Command(BaseCommand):
    help = "Measure question generation on a corpus folder, or against SQuAD human questions."

    def add_arguments(self, parser):
        parser.add_argument("corpus_dir", nargs="?", type=Path)
        parser.add_argument("--squad", type=Path, help="A SQuAD-format .jsonl file.")
        parser.add_argument("--limit", type=int, default=None, help="First N paragraphs only.")
        parser.add_argument("--sample", type=int, default=30, help="Questions printed to read.")

    def handle(self, *args, corpus_dir: Path | None, squad: Path | None, **options):
        if (corpus_dir is None) == (squad is None):
            raise CommandError("Give a corpus folder or --squad FILE (one of the two).")
        nlp = load_pipeline(settings.QUIZGEN_SPACY_MODEL)
        if squad is not None:
            if not squad.is_file():
                raise CommandError(f"{squad} is not a file.")
            self._squad(squad, nlp, options["limit"])
            return
        assert corpus_dir is not None
        if not corpus_dir.is_dir():
            raise CommandError(f"{corpus_dir} is not a folder.")
        self._folder(corpus_dir, nlp, options["sample"])

    def _folder(self, folder: Path, nlp, sample_size: int) -> None:
        report = evaluate_folder(folder, nlp, sample_size=sample_size)
        write = self.stdout.write
        if not report.documents:
            raise CommandError(f"{folder} holds no .txt documents.")
        write(f"Questions per document ({folder})")
        header = (
            f"{'document':<28} {'genre':<9} {'facts':>5} {'questions':>9} {'recommended':>11}"
            f" {'share':>6} {'defects':>7} {'broken':>6}"
        )
        write(header)
        write("-" * len(header))
        for doc in report.documents:
            share = doc.recommended / doc.questions if doc.questions else 0.0
            write(
                f"{doc.name:<28} {doc.genre:<9} {doc.facts:>5} {doc.questions:>9}"
                f" {doc.recommended:>11} {share:>6.2f} {doc.defects_in_recommended:>7}"
                f" {doc.broken_in_recommended:>6}"
            )
        write("-" * len(header))
        genres = sorted({doc.genre for doc in report.documents})
        for genre in [*genres, "all"]:
            docs = [d for d in report.documents if genre in {"all", d.genre}]
            questions = sum(d.questions for d in docs)
            recommended = sum(d.recommended for d in docs)
            write(
                f"{genre:<28} {'':<9} {sum(d.facts for d in docs):>5} {questions:>9}"
                f" {recommended:>11} {recommended / questions if questions else 0:>6.2f}"
                f" {sum(d.defects_in_recommended for d in docs):>7}"
                f" {sum(d.broken_in_recommended for d in docs):>6}"
            )
        documents = len(report.documents)
        total = sum(d.recommended for d in report.documents)
        write(
            f"\n{documents} documents; {total / documents:.1f} recommended questions per document;"
            f" defects among recommended: {sum(d.defects_in_recommended for d in report.documents)}"
            " (target 0)"
        )
        write("\nKinds                all  recommended")
        for kind in ALL_KINDS:
            everything = report.kinds_all.get(kind, 0)
            recommended = report.kinds_recommended.get(kind, 0)
            write(f"{kind:<18} {everything:>5} {recommended:>12}")
        write(f"\nA sample of {len(report.sample)} recommended questions")
        for number, (name, draft) in enumerate(report.sample, start=1):
            write(f"{number:>2}. [{name}] ({draft.kind}) {draft.prompt}")
            if draft.kind == "ordering":
                write("      answer: " + " → ".join(draft.answer))
            elif draft.kind == "matching":
                write("      answer: " + "; ".join(f"{a} → {b}" for a, b in draft.answer))
            elif draft.options:
                write(
                    "      "
                    + " | ".join(("*" if correct else "") + text for text, correct in draft.options)
                )
            else:
                write(f"      answer: {draft.answer_text}")

    def _squad(self, path: Path, nlp, limit: int | None) -> None:
        report = evaluate_squad(path, nlp, limit=limit)
        write = self.stdout.write
        write(
            f"SQuAD ({path.name}): {report.paragraphs} paragraphs, {report.questions} human"
            f" questions, {report.generated} generated questions"
        )
        header = f"{'answer type':<12} {'human questions':>15} {'matched':>8} {'recall':>7}"
        write(header)
        write("-" * len(header))
        for kind in ("date", "figure", "actor"):
            eligible = report.eligible.get(kind, 0)
            matched = report.matched.get(kind, 0)
            recall = matched / eligible if eligible else 0.0
            write(f"{kind:<12} {eligible:>15} {matched:>8} {recall:>7.2f}")
        write("-" * len(header))
        write(
            f"{'all':<12} {sum(report.eligible.values()):>15} {sum(report.matched.values()):>8}"
            f" {report.recall:>7.2f}   (target {RECALL_TARGET:.2f})"
        )
        write(
            f"\nOn {len(report.pairs)} matched pairs: BLEU-4 {report.bleu:.1f}"
            f" (rule-based ≈ {BLEU_RULE_BASED:g}, T5-base {BLEU_T5_BASE}),"
            f" ROUGE-L {report.rouge_l:.1f} (T5-base 43.6)"
        )
        write(
            f"Of them, {report.transformed_pairs} wh-first questions (subject-auxiliary"
            f" inversion, do-support): BLEU-4 {report.transformed_bleu:.1f},"
            f" ROUGE-L {report.transformed_rouge_l:.1f}; the rest are in-place echo questions"
            " (never recommended)."
        )
        write("\nExamples (ours / human):")
        for kind, ours, human in report.pairs[:10]:
            write(f"  [{kind}] {ours}\n         {human}")
