"""Anonymise closed fund applications after the retention period (run it daily)."""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand

from fonds.models import Application
from fonds.services import application_anonymise

logger = logging.getLogger("fonds.retention")


class Command(BaseCommand):
    help = (
        "Anonymise rejected, withdrawn and completed applications whose last change is "
        "older than FONDS_RETENTION_DAYS: personal data blanked, attachments deleted, "
        "titles and amounts kept for the statistics."
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
            return
        done = 0
        for pk, reference in references:
            application_anonymise(application=Application(pk=pk))
            done += 1
            self.stdout.write(f"anonymised {reference}")
        message = f"{done} closed applications older than {days} days anonymised."
        logger.info(message)
        self.stdout.write(self.style.SUCCESS(message))
