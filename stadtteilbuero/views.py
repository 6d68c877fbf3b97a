import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import server_error as default_server_error
from django.views.generic import TemplateView
from django.views.static import serve

from events.models import Occurrence
from offices.models import Notice, Office
from projects.models import Project

from .models import OutgoingMail
from .search import search_sections

logger = logging.getLogger(__name__)

# The home page stays the same size however many offices and notices there are.
OFFICES_ON_HOME = 9
PINNED_ON_HOME = 3
NEWS_ON_HOME = 4
PROJECTS_ON_HOME = 6
EVENTS_ON_HOME = 5


class HomeView(TemplateView):
    template_name = "stadtteilbuero/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            offices=Office.objects.active().order_by("city", "name")[:OFFICES_ON_HOME],
            pinned_notices=Notice.objects.pinned()
            .portal_wide()
            .select_related("office")[:PINNED_ON_HOME],
            notices=Notice.objects.published().select_related("office")[:NEWS_ON_HOME],
            projects=Project.objects.published()
            .current()
            .featured_first()
            .with_card_data()[:PROJECTS_ON_HOME],
            upcoming_events=Occurrence.objects.published().upcoming().with_event()[:EVENTS_ON_HOME],
        )
        return context


class SearchView(TemplateView):
    template_name = "stadtteilbuero/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")[:100]
        sections = search_sections(query)
        context.update(
            query=query,
            sections=sections,
            hit_count=sum(len(section.hits) for section in sections),
        )
        return context


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
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /verfuegungsfonds/antrag/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
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
