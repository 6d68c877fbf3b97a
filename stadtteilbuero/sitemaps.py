from django.contrib import sitemaps
from django.urls import reverse

from fonds.models import Fund
from offices.models import Notice, Office


class StaticSitemap(sitemaps.Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["home", "offices:office-list", "offices:notice-list"]

    def location(self, item):
        return reverse(item)


class OfficeSitemap(sitemaps.Sitemap):
    changefreq = "weekly"

    def items(self):
        return Office.objects.active()

    def lastmod(self, obj):
        return obj.updated_at


class NoticeSitemap(sitemaps.Sitemap):
    changefreq = "monthly"
    limit = 1000

    def items(self):
        return Notice.objects.published()

    def lastmod(self, obj):
        return obj.updated_at


SITEMAPS = {"pages": StaticSitemap, "offices": OfficeSitemap, "news": NoticeSitemap}


class FundSitemap(sitemaps.Sitemap):
    """The funds overview and this year's fund pages."""

    changefreq = "weekly"

    def items(self):
        return ["fonds:fund-list", *Fund.objects.current().select_related("office")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return None if isinstance(item, str) else item.updated_at


SITEMAPS["funds"] = FundSitemap
