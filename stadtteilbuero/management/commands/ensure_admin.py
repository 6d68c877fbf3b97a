import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create an administrator account 'admin' if no superuser exists. The password is "
        "taken from DJANGO_SUPERUSER_PASSWORD, or generated and printed once."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An administrator account exists already.")
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD") or secrets.token_urlsafe(12)
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        User.objects.create_superuser(
            username=username,
            email=os.environ.get("DJANGO_SUPERUSER_EMAIL", ""),
            password=password,
        )
        if os.environ.get("DJANGO_SUPERUSER_PASSWORD"):
            self.stdout.write(self.style.SUCCESS(f"Administrator '{username}' created."))
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Administrator created: user '{username}', password '{password}' "
                    "(shown only this once; change it in the admin)."
                )
            )
