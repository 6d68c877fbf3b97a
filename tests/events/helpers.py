import datetime
from zoneinfo import ZoneInfo

from events.models import Event, Occurrence

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


def bulk_events(count, *, office, category, first, step=datetime.timedelta(hours=5)):
    """Many published one-off events with their stored dates, created in a few queries."""
    events = Event.objects.bulk_create(
        [
            Event(
                office=office,
                category=category,
                title=f"Massentermin {index}",
                slug=f"massentermin-{index}",
                start=first + index * step,
                end=first + index * step + datetime.timedelta(hours=1),
                is_free=index % 2 == 0,
                price="" if index % 2 == 0 else "2 €",
            )
            for index in range(count)
        ]
    )
    Occurrence.objects.bulk_create(
        [Occurrence(event=event, start=event.start, end=event.end) for event in events]
    )
    return events
