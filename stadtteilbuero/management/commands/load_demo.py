from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from stadtteilbuero.demo import DEMO_MODULES
from stadtteilbuero.search import rebuild


class Command(BaseCommand):
    help = "Load the demo offices, news and more (idempotent: safe to run again)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for module_name in DEMO_MODULES:
                summary = import_module(module_name).load()
                self.stdout.write(f"{module_name}: {summary}")
            # Demo loaders also write in bulk, past the signals that keep entries current.
            self.stdout.write(f"search entries: {rebuild()}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
