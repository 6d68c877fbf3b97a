"""Anonymise closed fund applications after the retention period (run it daily)."""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand

from fonds.models import Application
from fonds.services import application_anonymise
from rooms.services import anonymise_due_requests

logger = logging.getLogger("fonds.retention")


class Command(BaseCommand):
    help = (
        "Anonymise rejected, withdrawn and completed applications whose last change is "
        "older than FONDS_RETENTION_DAYS: personal data blanked, attachments deleted, "
        "titles and amounts kept for the statistics. Also room requests older than "
        "ROOMS_RETENTION_DAYS (after their last date or closing): contact and purpose blanked."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only list the applications that would be anonymised.",
        )

    def handle(self, *args, dry_run=False, **options):
        days = settings.FONDS_RETENTION_DAYS
        due = Application.objects.due_for_anonymisation().order_by("pk")
        references = list(due.values_list("pk", "reference_number"))
        if dry_run:
            for _pk, reference in references:
                self.stdout.write(f"would anonymise {reference}")
            message = (
                f"Dry run: {len(references)} closed applications older than {days} days "
                "would be anonymised."
            )
            logger.info(message)
            self.stdout.write(message)
            self.anonymise_room_requests(dry_run=True)
            return
        done = 0
        for pk, reference in references:
            application_anonymise(application=Application(pk=pk))
            done += 1
            self.stdout.write(f"anonymised {reference}")
        message = f"{done} closed applications older than {days} days anonymised."
        logger.info(message)
        self.stdout.write(self.style.SUCCESS(message))
        self.anonymise_room_requests(dry_run=False)

    def anonymise_room_requests(self, *, dry_run):
        """The portal's other personal data with a retention period: room requests."""
        count = anonymise_due_requests(dry_run=dry_run)
        days = settings.ROOMS_RETENTION_DAYS
        verb = "would be anonymised" if dry_run else "anonymised"
        message = f"{count} room requests older than {days} days {verb}."
        logger.info(message)
        self.stdout.write(message)
