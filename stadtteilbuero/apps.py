from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "stadtteilbuero"
    verbose_name = _("Portal")

    def ready(self):
        # Each app's search.py registers its searchable types (stadtteilbuero.search).
        autodiscover_modules("search")
