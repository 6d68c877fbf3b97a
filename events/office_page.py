"""The "Next events" section of an office page (registered in EventsConfig.ready)."""

from .models import Occurrence

EVENTS_ON_OFFICE_PAGE = 5


def office_events(office):
    return {
        "occurrences": Occurrence.objects.published()
        .upcoming()
        .for_office(office)
        .with_event()[:EVENTS_ON_OFFICE_PAGE]
    }
