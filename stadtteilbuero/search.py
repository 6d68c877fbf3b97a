"""Site search: each section contributes a QuerySet; the page shows the first hits of each.

One query per section, whatever the data size. Every QuerySet below offers
`search(terms)` next to its visibility method, so the rules stay with the models.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from events.models import Occurrence
from offices.models import Notice, Office, search_words
from projects.models import Project

HITS_PER_SECTION = 10


@dataclass
class Section:
    key: str
    title: str
    hits: list
    more_url: str = ""


def search_sections(text):
    """The hits of each section for the search text; none for an empty text."""
    if not search_words(text):
        return []
    query = urlencode({"q": text})
    sources = [
        ("offices", _("Offices"), Office.objects.active().search(text), ""),
        (
            "projects",
            _("Projects"),
            Project.objects.published().search(text).select_related("office"),
            f"{reverse('projects:project-list')}?{query}",
        ),
        (
            "events",
            _("Events"),
            Occurrence.objects.published().upcoming().search(text).with_event(),
            f"{reverse('events:event-list')}?{query}",
        ),
        (
            "news",
            _("News"),
            Notice.objects.published().search(text).select_related("office"),
            "",
        ),
    ]
    return [
        Section(key, title, list(queryset[:HITS_PER_SECTION]), more_url)
        for key, title, queryset, more_url in sources
    ]
