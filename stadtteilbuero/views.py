import logging
import sys

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.contrib.flatpages.views import render_flatpage
from django.contrib.sites.shortcuts import get_current_site
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import server_error as default_server_error
from django.views.generic import TemplateView
from django.views.static import serve

from events.models import Occurrence
from offices.models import Notice, Office
from projects.models import Project

from . import search
from .metadata import absolute_url, website_jsonld
from .models import EasyReadPage, OutgoingMail
from .search.text import MAX_QUERY_LENGTH
from .sitemaps import section_urls

logger = logging.getLogger(__name__)

# The home page stays the same size however many offices and notices there are.
OFFICES_ON_HOME = 9
PINNED_ON_HOME = 3
NEWS_ON_HOME = 3
PROJECTS_ON_HOME = 4
EVENTS_ON_HOME = 5


class HomeView(TemplateView):
    template_name = "stadtteilbuero/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Everything lazy: the lists come from the fragment cache, and then cost nothing.
        context.update(
            offices=Office.objects.active().with_hours().order_by("city", "name")[:OFFICES_ON_HOME],
            pinned_notices=Notice.objects.pinned()
            .portal_wide()
            .select_related("office")[:PINNED_ON_HOME],
            notices=Notice.objects.published().select_related("office")[:NEWS_ON_HOME],
            projects=Project.objects.published()
            .current()
            .featured_first()
            .with_card_data()[:PROJECTS_ON_HOME],
            upcoming_events=Occurrence.objects.published().upcoming().with_event()[:EVENTS_ON_HOME],
            website_jsonld=website_jsonld(),
        )
        return context


class SearchView(TemplateView):
    """Hits grouped by type with counts; ?typ=<key> pages through one type."""

    template_name = "stadtteilbuero/search.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")[:MAX_QUERY_LENGTH]
        only = self.request.GET.get("typ", "")
        if only not in {search_type.key for search_type in search.types()}:
            only = None
        if only:
            sections, page = search.type_page(
                query, only, self.request.GET.get("page"), self.paginate_by
            )
            context.update(page_obj=page, is_paginated=bool(page and page.has_other_pages()))
        else:
            sections = search.search_overview(query)
        hit_count, more_hits = search.hit_total(sections)
        context.update(
            query=query,
            only=only,
            sections=sections,
            hit_count=hit_count,
            more_hits=more_hits,
            hits_per_type=search.HITS_PER_TYPE,
        )
        return context


class EasyReadView(TemplateView):
    """/leichte-sprache/: the page staff wrote for this language, else the built-in text."""

    template_name = "stadtteilbuero/easy_read.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = get_language()
        context.update(
            page=EasyReadPage.objects.filter(language=language).first(),
            builtin_template=f"stadtteilbuero/easy_read_{language}.html",
        )
        return context


def legal_page(request, url):
    """A legal page (flatpage) in the page's language: the flatpage "/en/impressum/" on
    /en/impressum/ where staff wrote one, else the German "/impressum/", marked lang="de"."""
    language = get_language()
    urls = [url] if language == settings.LANGUAGE_CODE else [f"/{language}{url}", url]
    pages = {
        page.url: page
        for page in FlatPage.objects.filter(url__in=urls, sites=get_current_site(request))
    }
    page = next((pages[candidate] for candidate in urls if candidate in pages), None)
    if page is None:
        raise Http404
    page.language = language if page.url != url else settings.LANGUAGE_CODE
    return render_flatpage(request, page)


@never_cache
@require_GET
def health(request):
    """200 when the database answers, 503 when it does not (for load balancers), with the
    state of the mail queue (for monitoring: a growing queue means the worker is down)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        figures = OutgoingMail.objects.queue_figures()
    except DatabaseError:
        logger.exception("Health check: database unavailable")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    oldest = figures["oldest_waiting"]
    return JsonResponse(
        {
            "status": "ok",
            "database": "ok",
            "mail_queue": {
                "waiting": figures["waiting"],
                "failed": figures["failed"],
                "oldest_waiting_seconds": (
                    round((timezone.now() - oldest).total_seconds()) if oldest else None
                ),
            },
        }
    )


@require_GET
def sitemap_index(request):
    """/sitemap.xml: the sections and their pages, under PORTAL_BASE_URL."""
    return TemplateResponse(
        request,
        "stadtteilbuero/sitemap_index.xml",
        # A callable: read only when the fragment cache has no copy of the list.
        {"entries": section_urls},
        content_type="application/xml",
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /verfuegungsfonds/antrag/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


# Uploads and renditions get a new name when they change, so browsers may keep them.
MEDIA_MAX_AGE = 30 * 24 * 60 * 60


@cache_control(max_age=MEDIA_MAX_AGE, public=True)
def media(request, path):
    """Uploaded files in development and small set-ups (SERVE_MEDIA)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# While the database restarts, residents see this for a moment; clients may retry then.
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """handler500: a lost database connection (a restart, a failover) is a short outage,
    not a bug: a 503 page with Retry-After, rendered without any query. The connection
    is closed at the end of the request and the next one opens a fresh one."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponseServerError(loader.render_to_string("503.html"))
        response.status_code = 503
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return default_server_error(request)
