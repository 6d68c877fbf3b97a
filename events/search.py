"""Events in the site search (stadtteilbuero.search): one result per event with its
next date, so a weekly café is listed once."""

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from stadtteilbuero.search import SearchType, register

from .models import Event

register(
    SearchType(
        key="events",
        title=_("Events"),
        order=30,
        model=Event,
        public=lambda: Event.objects.published().upcoming(),
        texts=lambda e: [
            e.title,
            e.summary,
            e.description,
            e.location_name,
            e.address,
            e.category.name,
            e.office.district,
        ],
        results=lambda queryset: queryset.with_next_date().select_related("office", "category"),
        # Re-indexed where the dates are written (events.services.event_sync_occurrences).
        visible_until=lambda e: e.occurrences.aggregate(last=Max("end"))["last"],
        template="events/_search_hit.html",
        list_url="events:event-list",
    )
)
