from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    name = "offices"
    verbose_name = _("Offices")

    def ready(self):
        from .permissions import sync_office_team_group

        post_migrate.connect(sync_office_team_group, dispatch_uid="offices.sync_office_team_group")
