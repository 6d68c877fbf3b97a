"""The sitemap: every public page in German and English, with hreflang alternates and
absolute URLs under PORTAL_BASE_URL."""

from urllib.parse import urlsplit

from django.contrib import sitemaps
from django.urls import reverse

from events.models import Event
from fonds.models import Fund
from offices.models import Notice, Office
from projects.models import Project
from rooms.models import Room

from .metadata import base_url


class PortalSitemap(sitemaps.Sitemap):
    i18n = True
    alternates = True
    x_default = True

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
        return Office.objects.active()

    def lastmod(self, obj):
        return obj.updated_at


class NoticeSitemap(PortalSitemap):
    changefreq = "monthly"
    limit = 1000

    def items(self):
        return Notice.objects.published()

    def lastmod(self, obj):
        return obj.updated_at


class ProjectSitemap(PortalSitemap):
    changefreq = "monthly"
    limit = 1000

    def items(self):
        return Project.objects.published()


class EventSitemap(PortalSitemap):
    changefreq = "weekly"
    limit = 1000

    def items(self):
        return Event.objects.published().order_by("-start")

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


SITEMAPS = {
    "pages": StaticSitemap,
    "offices": OfficeSitemap,
    "news": NoticeSitemap,
    "events": EventSitemap,
    "projects": ProjectSitemap,
    "funds": FundSitemap,
    "rooms": RoomSitemap,
}
