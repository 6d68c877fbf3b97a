import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from events.models import Occurrence
from offices.models import Notice, Office
from projects.models import Project

from .models import OutgoingMail
from .search import search_sections

logger = logging.getLogger(__name__)

NEWS_ON_HOME = 4
PROJECTS_ON_HOME = 6
EVENTS_ON_HOME = 5


class HomeView(TemplateView):
    template_name = "stadtteilbuero/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            offices=Office.objects.active().order_by("city", "name"),
            pinned_notices=Notice.objects.pinned().portal_wide().select_related("office"),
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
