from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import security, views
from .sitemaps import SITEMAPS

admin.site.site_header = _("Stadtteilportal – administration")
admin.site.site_title = _("Stadtteilportal")
admin.site.index_title = _("Offices, projects, events and funds")

handler500 = "stadtteilbuero.views.server_error"

urlpatterns = [
    path("health/", views.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("csp-report/", security.csp_report, name="csp-report"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("", include("offices.urls")),
    path("", include("projects.urls")),
    path("", include("events.urls")),
    path("", include("fonds.urls")),
    path("", include("rooms.urls")),
    path("suche/", views.SearchView.as_view(), name="search"),
    path("leichte-sprache/", views.EasyReadView.as_view(), name="easy-read"),
    path("impressum/", views.legal_page, {"url": "/impressum/"}, name="imprint"),
    path("datenschutz/", views.legal_page, {"url": "/datenschutz/"}, name="privacy"),
    path(
        "barrierefreiheit/", views.legal_page, {"url": "/barrierefreiheit/"}, name="accessibility"
    ),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    # Development and small set-ups; behind a web server or with S3 this stays off.
    urlpatterns += [path("media/<path:path>", views.media, name="media")]
