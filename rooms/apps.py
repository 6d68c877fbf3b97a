from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomsConfig(AppConfig):
    name = "rooms"
    verbose_name = _("Community rooms")

    def ready(self):
        # This app's section of the office page (offices imports no app above it).
        from offices.sections import register_office_section

        from .office_page import office_rooms

        register_office_section(
            "rooms", order=40, template="rooms/_office_rooms.html", context=office_rooms
        )
