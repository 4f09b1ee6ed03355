import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizgen.nlp.evaluation import evaluate, format_report, load_corpus, report_as_dict
from quizgen.nlp.pipeline import load_pipeline


class Command(BaseCommand):
    help = "Score fact extraction against a gold-annotated corpus folder (see shared/corpus)."

    def add_arguments(self, parser):
        parser.add_argument("corpus_dir", type=Path)
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--model", default=None, help="spaCy pipeline name.")

    def handle(self, *args, corpus_dir: Path, format: str, model, **options):
        if not corpus_dir.is_dir():
            raise CommandError(f"{corpus_dir} is not a folder.")
        documents = load_corpus(corpus_dir)
        if not documents:
            raise CommandError(f"{corpus_dir} holds no NAME.txt / NAME.json pairs.")
        nlp = load_pipeline(model) if model else load_pipeline()
        nlp("warm up")
        report = evaluate(documents, nlp=nlp)
        if format == "json":
            self.stdout.write(json.dumps(report_as_dict(report), indent=2))
        else:
            self.stdout.write(format_report(report))
