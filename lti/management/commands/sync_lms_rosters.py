"""Sync the rosters of classes made from LMS courses (LTI Names and Role Provisioning)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from classes.models import SchoolClass
from lti.roster import class_roster_sync


class Command(BaseCommand):
    help = (
        "Enrol each LMS course's active learners in its Quizgen class, add its instructors as "
        "co-teachers and take out students the LMS no longer lists (every class made from an "
        "LMS course, or those given by id)."
    )

    def add_arguments(self, parser):
        parser.add_argument("class_ids", nargs="*", type=int, metavar="CLASS_ID")

    def handle(self, *args, class_ids, **options):
        classes = SchoolClass.objects.filter(lms_course__isnull=False).order_by("pk")
        if class_ids:
            classes = SchoolClass.objects.filter(pk__in=class_ids).order_by("pk")
            missing = set(class_ids) - set(classes.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No class with id {', '.join(map(str, sorted(missing)))}.")
        failed = 0
        for school_class in classes:
            try:
                self.stdout.write(str(class_roster_sync(school_class=school_class)))
            except ValidationError as error:
                failed += 1
                self.stderr.write(" ".join(error.messages))
        if failed:
            raise CommandError(f"{failed} roster(s) could not be synced.")
