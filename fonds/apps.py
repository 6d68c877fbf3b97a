from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FondsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fonds"
    verbose_name = _("Neighbourhood fund")

    def ready(self):
        # This app's section of the office page (offices imports no app above it).
        from offices.sections import register_office_section

        from .office_page import office_fund

        register_office_section(
            "fund", order=30, template="fonds/_office_fund.html", context=office_fund
        )
