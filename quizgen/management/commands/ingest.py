from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from quizgen import services
from quizgen.documents import read_source_file, source_files


class Command(BaseCommand):
    help = "Ingest a text file or every text file of a folder, and generate its questions."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--owner", default="teacher", help="Username of the owning teacher.")

    def handle(self, *args, path: Path, owner: str, **options):
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        user = get_user_model().objects.filter(username=owner).first()
        if user is None:
            raise CommandError(f"No user named {owner!r}. Create it first or pass --owner.")
        for file_path in source_files(path):
            source = read_source_file(file_path)
            try:
                document = services.document_ingest(
                    owner=user,
                    text=source.text,
                    title=source.title,
                    published_on=source.published_on,
                    source_url=source.source_url,
                    enqueue=False,
                )
            except ValidationError as error:
                raise CommandError(f"{file_path}: {' '.join(error.messages)}") from error
            document = services.document_generate(document=document)
            self.stdout.write(
                f"{file_path.name}: document #{document.pk} {document.status}, "
                f"{document.facts.count()} facts, {document.questions.count()} questions"
            )
