"""The main navigation: one line per section, in the order of the header."""

from django.utils.translation import gettext_lazy as _

MAIN_NAVIGATION = [
    ("offices:office-list", _("Offices")),
    ("projects:project-list", _("Projects")),
    ("events:event-list", _("Events")),
    ("fonds:fund-list", _("Neighbourhood fund")),
    ("rooms:room-list", _("Rooms")),
    ("offices:notice-list", _("News")),
]
