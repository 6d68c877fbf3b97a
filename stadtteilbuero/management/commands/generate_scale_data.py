import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from events.models import Category
from offices.models import Office
from stadtteilbuero.scale import generate
from stadtteilbuero.scale.common import new_context
from stadtteilbuero.search import rebuild


class Command(BaseCommand):
    help = (
        "Fill the configured database with city-scale data on top of the demo data "
        "(load_demo first; deterministic for a seed and a day; sends no mail)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--offices", type=int, default=40)
        parser.add_argument("--projects", type=int, default=5000)
        parser.add_argument("--events", type=int, default=50000)
        parser.add_argument("--applications", type=int, default=50000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        counts = {name: options[name] for name in ("offices", "projects", "events", "applications")}
        if counts["offices"] < 1 or min(counts.values()) < 0:
            raise CommandError("Give at least one office and no negative numbers.")
        if Office.objects.filter(slug__startswith="skala-").exists():
            raise CommandError("This database holds scale data already; use a fresh one.")
        if not Category.objects.exists():
            # The themes, categories and cost categories come from the demo data.
            raise CommandError("Load the demo data first: manage.py load_demo")
        started = time.monotonic()
        with transaction.atomic():
            generate(new_context(seed=options["seed"], counts=counts), report=self.stdout.write)
            # Bulk inserts send no signals: the search entries are written for all at once.
            self.stdout.write(f"search: {rebuild()} entries")
        if connection.vendor == "postgresql":
            # As autovacuum does soon after a bulk load in production: fresh statistics for
            # the planner, and the visibility map, without which PostgreSQL answers no count
            # or sum from an index alone (the admin lists' totals). VACUUM cannot run in a
            # transaction (the tests run in one).
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            with connection.cursor() as cursor:
                cursor.execute(command)
        self.stdout.write(
            self.style.SUCCESS(f"Scale data generated in {time.monotonic() - started:.0f} s.")
        )
