"""E-mail the applicants whose proof of use (Verwendungsnachweis) is overdue.

A proof is overdue settings.FONDS_PROOF_DUE_DAYS after the project's end when none was
submitted or accepted. Each applicant is reminded at most once in
settings.FONDS_PROOF_REMINDER_DAYS days; every reminder is an audit row of the
application. Run it daily, e.g. from cron or a systemd timer.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Max, Q
from django.utils import timezone

from fonds import services
from fonds.models import Application

REMINDER_EVENT = "fonds.application.proof_reminder"


class Command(BaseCommand):
    help = "E-mail reminders to applicants whose proof of use is overdue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only list the applications that would be reminded; send nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        every = datetime.timedelta(days=settings.FONDS_PROOF_REMINDER_DAYS)
        applications = (
            Application.objects.proof_overdue(timezone.localdate(now))
            .annotate(
                last_reminder=Max("events__created_at", filter=Q(events__event_type=REMINDER_EVENT))
            )
            .filter(Q(last_reminder__isnull=True) | Q(last_reminder__lte=now - every))
            .order_by("end_date", "pk")
        )
        queued = without_address = 0
        for application in applications:
            if dry_run:
                self.stdout.write(f"{application.reference_number} {application.email}")
                continue
            if services.proof_remind(application=application, at=now):
                queued += 1
            else:
                without_address += 1
        if dry_run:
            self.stdout.write(f"Dry run: {len(applications)} reminders would be sent.")
            return
        self.stdout.write(
            f"{queued} reminders queued for sending, {without_address} without an e-mail address."
        )
