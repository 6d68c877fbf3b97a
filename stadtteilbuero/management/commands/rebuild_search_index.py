from django.core.management.base import BaseCommand

from stadtteilbuero.search import rebuild


class Command(BaseCommand):
    help = "Rewrite the search entries of all offices, projects, events, news (and more)."

    def handle(self, *args, **options):
        self.stdout.write(f"Search entries written: {rebuild()}")
