from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from accounts.forms import InviteForm
from accounts.invitations import invite_staff
from accounts.roles import ROLES
from offices.models import Office

ROLE_CHOICES = {role.lower(): role for role in ROLES}


class Command(BaseCommand):
    help = (
        "Create a staff account without a password and e-mail the person a one-time link "
        "to set it (valid 72 hours). Example: invite_staff anna@example.org "
        "--office hannover-sahlkamp --role redaktion --role fonds"
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--office", action="append", default=[], help="slug of an office (repeatable)"
        )
        parser.add_argument(
            "--role",
            action="append",
            required=True,
            choices=sorted(ROLE_CHOICES),
            help="redaktion, fonds or stadt (repeatable)",
        )
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, **options):
        offices = list(Office.objects.filter(slug__in=options["office"]))
        unknown = set(options["office"]) - {office.slug for office in offices}
        if unknown:
            raise CommandError(f"Unknown office: {', '.join(sorted(unknown))}")
        roles = Group.objects.filter(name__in=[ROLE_CHOICES[r] for r in options["role"]])
        # The same checks as the admin's form: a valid, new address; offices for office roles.
        form = InviteForm(
            data={
                "email": options["email"],
                "first_name": options["first_name"],
                "last_name": options["last_name"],
                "roles": [group.pk for group in roles],
                "offices": [office.pk for office in offices],
            }
        )
        if not form.is_valid():
            errors = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
            raise CommandError(errors)
        user = invite_staff(
            user=form.save(commit=False),
            roles=form.cleaned_data["roles"],
            offices=form.cleaned_data["offices"],
        )
        self.stdout.write(self.style.SUCCESS(f"Invited {user.email}; the link is on its way."))
