import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizgen.nlp import extract_facts
from quizgen.nlp.pipeline import load_pipeline
from quizgen.nlp.serialize import extraction_as_dict

PUBLISHED_ON_INVALID = "--published-on must be a date like 2025-07-03, not {value!r}."


def _published_on(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(PUBLISHED_ON_INVALID.format(value=value)) from error


class Command(BaseCommand):
    help = "Print the facts extracted from a text file, grouped by kind."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--published-on", dest="published_on", default=None)
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--model", default=None, help="spaCy pipeline name.")

    def handle(self, *args, path: Path, published_on, format: str, model, **options):
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text.") from error
        nlp = load_pipeline(model) if model else load_pipeline()
        extraction = extract_facts(
            text, published_on=_published_on(published_on) if published_on else None, nlp=nlp
        )
        grouped = extraction_as_dict(extraction)
        if format == "json":
            self.stdout.write(json.dumps(grouped, ensure_ascii=False, indent=2))
            return
        for kind, facts in grouped.items():
            self.stdout.write(f"{kind.upper()}S ({len(facts)})")
            for fact in facts:
                self.stdout.write("  " + _row(fact))
            self.stdout.write("")


def _row(fact: dict) -> str:
    span = f"[{fact['start']}:{fact['end']}]"
    extra = []
    for name in ("precision", "event", "unit", "qualifier", "counted", "role", "speaker"):
        if fact.get(name):
            extra.append(f"{name}={fact[name]}")
    if fact["kind"] == "actor":
        extra.append(f"mentions={len(fact['mentions'])}")
        if fact["aliases"]:
            extra.append("aliases=" + ", ".join(fact["aliases"]))
    if fact.get("vague"):
        extra.append("vague")
    return f"{span:<14} {fact['text']!r:<40} -> {fact['value']!r}  " + "  ".join(extra)
