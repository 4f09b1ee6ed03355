"""Create, rotate, show or revoke a user's API token; optionally make the user an integration."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api import services


class Command(BaseCommand):
    help = (
        "Manage a user's API token. Prints the token. "
        "Examples: api_token alice; api_token alice --rotate; api_token alice --revoke; "
        "api_token moodle --integration 'School Moodle' --teacher teacher1 --teacher teacher2"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--rotate", action="store_true", help="Revoke and issue a new token.")
        action.add_argument("--revoke", action="store_true", help="Revoke the token.")
        parser.add_argument(
            "--integration", metavar="NAME", help="Make the user an integration account."
        )
        parser.add_argument(
            "--teacher",
            action="append",
            default=[],
            metavar="USERNAME",
            help="A teacher whose results the integration may read (repeatable).",
        )

    def handle(self, *args, username, rotate, revoke, integration, teacher, **options):
        users = get_user_model().objects
        user = users.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user “{username}”.")
        if revoke:
            if services.token_revoke(user=user):
                self.stdout.write(f"Revoked the token of {username}.")
            else:
                self.stdout.write(f"{username} had no token.")
            return
        if integration or teacher:
            teachers = list(users.filter(username__in=teacher))
            missing = set(teacher) - {t.username for t in teachers}
            if missing:
                raise CommandError(f"No such teachers: {', '.join(sorted(missing))}.")
            try:
                services.integration_account_create(
                    user=user, name=integration or username, teachers=teachers
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        token = services.token_rotate(user=user) if rotate else services.token_issue(user=user)
        self.stdout.write(token.key)
