from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from stadtteilbuero.demo import DEMO_MODULES


class Command(BaseCommand):
    help = "Load the demo offices, news and more (idempotent: safe to run again)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for module_name in DEMO_MODULES:
                summary = import_module(module_name).load()
                self.stdout.write(f"{module_name}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
