"""The sitemap: an index (/sitemap.xml) of paginated sections (/sitemap-<section>.xml?p=N)
that list every public page in German and English, with hreflang alternates and absolute
URLs under PORTAL_BASE_URL.

Django pairs every item with every language in memory before it paginates; with 50,000
events that took seconds per page. Here the pairs are made from one page of items only,
and the index asks each section for a count and a Max(), not for all its rows.
"""

from urllib.parse import urlsplit

from django.contrib import sitemaps
from django.db.models import Max, QuerySet
from django.urls import reverse

from events.models import Event
from fonds.models import Fund
from offices.models import Notice, Office
from projects.models import Project
from rooms.models import Room

from .metadata import base_url


class LanguagePairs:
    """(item, language) pairs of a queryset or list, sliced without loading the rest."""

    def __init__(self, items, languages):
        self.items = items
        self.languages = languages

    def count(self):
        items = self.items.count() if isinstance(self.items, QuerySet) else len(self.items)
        return items * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        width = len(self.languages)
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        first, last = start // width, -(-stop // width)
        pairs = [(item, language) for item in self.items[first:last] for language in self.languages]
        return pairs[start - first * width : stop - first * width]


class PortalSitemap(sitemaps.Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # 400 addresses with their alternates stay under about 200 KB per page.
    limit = 400

    def _items(self):
        return LanguagePairs(self.items(), list(self._languages()))

    def get_latest_lastmod(self):
        """The newest change of the section (one query), for the index."""
        items = self.items()
        if not hasattr(self, "lastmod") or not isinstance(items, QuerySet):
            return None
        return items.aggregate(latest=Max("updated_at"))["latest"]

    @property
    def protocol(self):
        return urlsplit(base_url()).scheme

    def get_domain(self, site=None):
        return urlsplit(base_url()).netloc


class StaticSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "offices:office-list",
            "offices:notice-list",
            "projects:project-list",
            "events:event-list",
            "easy-read",
        ]

    def location(self, item):
        return reverse(item)


class OfficeSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        return Office.objects.active().order_by("slug")

    def lastmod(self, obj):
        return obj.updated_at


class NoticeSitemap(PortalSitemap):
    changefreq = "monthly"

    def items(self):
        return Notice.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class ProjectSitemap(PortalSitemap):
    changefreq = "monthly"

    def items(self):
        return Project.objects.published().order_by("pk")


class EventSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class FundSitemap(PortalSitemap):
    """The funds overview and this year's fund pages."""

    changefreq = "weekly"

    def items(self):
        return ["fonds:fund-list", *Fund.objects.current().select_related("office")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return None if isinstance(item, str) else item.updated_at


class RoomSitemap(PortalSitemap):
    """The rooms list and every bookable room."""

    changefreq = "weekly"

    def items(self):
        return ["rooms:room-list", *Room.objects.active().order_by("slug")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return None if isinstance(item, str) else item.updated_at


def section_urls():
    """(absolute URL, latest change) of every page of every section, for the index."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        url = base_url() + reverse("sitemap-section", kwargs={"section": section})
        latest = sitemap.get_latest_lastmod()
        for page in sitemap.paginator.page_range:
            entries.append((url if page == 1 else f"{url}?p={page}", latest))
    return entries


SITEMAPS = {
    "pages": StaticSitemap,
    "offices": OfficeSitemap,
    "news": NoticeSitemap,
    "events": EventSitemap,
    "projects": ProjectSitemap,
    "funds": FundSitemap,
    "rooms": RoomSitemap,
}
