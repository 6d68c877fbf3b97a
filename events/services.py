"""Writes on events that follow rules: the stored dates and the duplicate action.

The stored dates (Occurrence rows) are derived from an event and its cancelled dates.
They are rewritten here, explicitly, by whoever changed the event (the admin's
save_related, the demo loader), never as a side effect of Event.save().
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from stadtteilbuero.search import reindex

from .models import Event, Occurrence


@transaction.atomic
def event_sync_occurrences(*, event: Event) -> int:
    """Replace the stored dates of an event with its expanded rule; returns their number."""
    cancelled = set(event.cancelled_dates.values_list("date", flat=True))
    rows = [
        Occurrence(
            event=event,
            start=start,
            end=end,
            is_cancelled=timezone.localtime(start).date() in cancelled,
        )
        for start, end in event.date_spans()
    ]
    Occurrence.objects.filter(event=event).delete()
    Occurrence.objects.bulk_create(rows)
    reindex(event)  # its search entry keeps when the last date ends
    return len(rows)


def _free_slug(base: str) -> str:
    base = slugify(base)[:100] or "veranstaltung"
    taken = set(Event.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@transaction.atomic
def event_duplicate(*, event: Event, user=None) -> Event:
    """A copy of an event as an unpublished draft, with the same dates and rule.

    Cancelled single dates are not copied: they belong to the original."""
    copy = Event.objects.get(pk=event.pk)
    copy.pk = None
    copy._state.adding = True
    copy.title = _("%(title)s (copy)") % {"title": event.title}
    copy.slug = _free_slug(event.slug + "-" + _("copy"))
    copy.is_published = False
    copy.status = Event.Status.SCHEDULED
    copy.status_note = ""
    copy.created_by = user
    copy.image = event.image.name if event.image else ""
    copy.save()
    event_sync_occurrences(event=copy)
    return copy
