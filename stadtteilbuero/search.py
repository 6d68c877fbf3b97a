"""Site search: each section contributes a QuerySet; the page shows the first hits of each.

One query per section, whatever the data size. Every QuerySet below offers
`search(terms)` next to its visibility method, so the rules stay with the models.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from offices.models import Notice, Office

HITS_PER_SECTION = 10
MAX_QUERY_LENGTH = 100


@dataclass
class Section:
    key: str
    title: str
    hits: list
    more_url: str = ""


def search_terms(raw: str) -> list[str]:
    """Words of the query (at most five, each at least two characters)."""
    words = [word for word in (raw or "")[:MAX_QUERY_LENGTH].split() if len(word) >= 2]
    return words[:5]


def search_sections(terms):
    if not terms:
        return []
    sources = [
        ("offices", _("Offices"), Office.objects.active().search(terms), ""),
        (
            "news",
            _("News"),
            Notice.objects.published().search(terms).select_related("office"),
            "",
        ),
    ]
    return [
        Section(key, title, list(queryset[:HITS_PER_SECTION]), more_url)
        for key, title, queryset, more_url in sources
    ]
