"""`python manage.py generate PATH`: the questions Quizgen proposes for a text, for a teacher."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from quizgen import nlp, services
from quizgen.documents import read_source_file
from quizgen.nlp.generate import ALL_KINDS, no_questions_reason
from quizgen.nlp.generate.features import blocked_reason
from quizgen.nlp.generate.listing import draft_as_json
from quizgen.nlp.pipeline import load_pipeline
from quizgen.nlp.types import QuestionDraft

NOT_CHOSEN = (
    "no rule refuses it, but it was not chosen: another question on its fact or sentence is "
    "recommended, one of them would give the other's answer away, its kind has its share of "
    "the set, the set is full, or its score is below the floor"
)


def why_not_recommended(draft: QuestionDraft) -> str:
    """Why a draft is not recommended: the hard rule that refuses it (`features.blocked_reason`),
    else that the selection chose others."""
    if draft.recommended:
        return ""
    reason = blocked_reason(draft, draft.features) if draft.features else ""
    return reason or NOT_CHOSEN


def draft_as_text(number: int, draft: QuestionDraft, *, why: bool = False) -> list[str]:
    """A teacher-readable block: prompt, options with the answer marked, score, defects (and,
    with `why`, why it is not recommended)."""
    flag = "recommended" if draft.recommended else "not recommended"
    lines = [
        f"{number}. [{draft.kind}] {draft.prompt}",
        f"   score {draft.score:.2f} · difficulty {draft.difficulty:.2f} · {flag}",
    ]
    for text, correct in draft.options:
        if draft.kind in {"ordering", "matching"}:
            lines.append(f"     - {text}")
        else:
            lines.append(f"     {'(x)' if correct else '( )'} {text}")
    if draft.kind == "ordering":
        lines.append("   answer: " + " → ".join(draft.answer or []))
    elif draft.kind == "matching":
        lines.append("   answer: " + "; ".join(f"{a} → {b}" for a, b in draft.answer or []))
    elif draft.kind == "numeric" and isinstance(draft.answer, dict):
        answer = draft.answer
        lines.append(
            f"   answer: {answer['value']:g} ± {answer['tolerance']:g} {answer['unit']}".rstrip()
            + f" (the text says {answer['display']})"
        )
    elif draft.accepted_answers:
        lines.append("   accepted: " + " | ".join(draft.accepted_answers))
    if draft.defects:
        lines.append("   defects: " + ", ".join(draft.defects))
    if why and not draft.recommended:
        lines.append("   not recommended: " + why_not_recommended(draft))
    lines.append(f"   source: {draft.source_sentence.text.strip()}")
    return lines


class Command(BaseCommand):
    help = "Generate questions for a text file and list them (and save them unless --no-save)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--published-on", type=date.fromisoformat, default=None)
        parser.add_argument("--kinds", nargs="+", choices=ALL_KINDS, default=None)
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--no-save", action="store_true", help="List only; save nothing.")
        parser.add_argument("--owner", default="teacher", help="Who owns the saved document.")
        parser.add_argument(
            "--why",
            action="store_true",
            help="Say why each question that is not recommended is not (text format).",
        )

    def handle(
        self,
        *args,
        path: Path,
        published_on,
        kinds,
        no_save: bool,
        owner: str,
        why: bool = False,
        **options,
    ):
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        source = read_source_file(path)
        published = published_on or source.published_on
        pipeline = load_pipeline(settings.QUIZGEN_SPACY_MODEL)
        extraction = nlp.extract_facts(
            source.text, published_on=published, title=source.title, nlp=pipeline
        )
        drafts = nlp.generate_questions(extraction, kinds=kinds, published_on=published)
        if not no_save:
            self._save(source, published, owner)
        if options["format"] == "json":
            self.stdout.write(json.dumps([draft_as_json(d) for d in drafts], indent=2))
            return
        recommended = sum(1 for d in drafts if d.recommended)
        self.stdout.write(
            f"{path.name}: {len(drafts)} questions, {recommended} recommended "
            f"({len(extraction.facts)} facts)"
        )
        reason = no_questions_reason(extraction, drafts)
        if reason:
            self.stdout.write(reason)
        for number, draft in enumerate(drafts, start=1):
            self.stdout.write("")
            self.stdout.write("\n".join(draft_as_text(number, draft, why=why)))

    def _save(self, source, published: date | None, owner: str) -> None:
        user = get_user_model().objects.filter(username=owner).first()
        if user is None:
            raise CommandError(f"No user named {owner!r}. Create it, pass --owner, or --no-save.")
        try:
            document = services.document_ingest(
                owner=user,
                text=source.text,
                title=source.title,
                published_on=published,
                source_url=source.source_url,
                enqueue=False,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        document = services.document_generate(document=document)
        self.stderr.write(
            f"Saved as document #{document.pk} ({document.status}), "
            f"{document.questions.count()} questions."
        )
