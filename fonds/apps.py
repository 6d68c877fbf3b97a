from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FondsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fonds"
    verbose_name = _("Neighbourhood fund")
