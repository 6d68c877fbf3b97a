from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # This app's section of the office page (offices imports no app above it).
        from offices.sections import register_office_section

        from .office_page import office_events

        register_office_section(
            "events", order=10, template="events/_office_events.html", context=office_events
        )
