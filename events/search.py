"""Events in the site search (stadtteilbuero.search): one result per event with its
next date, so a weekly café is listed once."""

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from stadtteilbuero.search import SearchType, register

from .models import Event


def last_date_end(event):
    """When the event's last date ends (None without dates): annotated where the whole
    index is rebuilt, read otherwise."""
    if hasattr(event, "last_date_end"):
        return event.last_date_end
    return event.occurrences.aggregate(last=Max("end"))["last"]


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
        visible_until=last_date_end,
        index_queryset=lambda queryset: queryset.select_related("office", "category").annotate(
            last_date_end=Max("occurrences__end")
        ),
        template="events/_search_hit.html",
        list_url="events:event-list",
    )
)
