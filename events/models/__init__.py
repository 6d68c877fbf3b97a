"""Events of the offices: categories, the event with its recurrence rule, and its
dates (stored occurrences, cancelled dates).

One module per concern; the names are re-exported here so imports stay
`from events.models import Event`.
"""

# In the order of the former models.py, so Django registers the models as before.
# isort: off
from .category import Category
from .schedule import (
    MAX_DATE_SPAN,
    MAX_RECURRENCE_SPAN,
    MONTHLY_TEXT,
    EventSchedule,
    weekdays_validator,
)
from .event import RESERVED_SLUGS, Event, EventQuerySet
from .occurrences import CancelledDate, Occurrence, OccurrenceQuerySet
# isort: on

__all__ = [
    "MAX_DATE_SPAN",
    "MAX_RECURRENCE_SPAN",
    "MONTHLY_TEXT",
    "RESERVED_SLUGS",
    "CancelledDate",
    "Category",
    "Event",
    "EventQuerySet",
    "EventSchedule",
    "Occurrence",
    "OccurrenceQuerySet",
    "weekdays_validator",
]
