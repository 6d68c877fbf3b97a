"""The dates of an event: those cancelled by hand, and the stored occurrences that
lists, calendar and feeds read."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offices.models import OfficeOwnedQuerySet

from .event import Event
from .schedule import MAX_DATE_SPAN


class CancelledDate(models.Model):
    """One date of a recurring event that does not take place."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="cancelled_dates", verbose_name=_("event")
    )
    date = models.DateField(_("date"))
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("For example: holidays, illness.")
    )

    class QuerySet(OfficeOwnedQuerySet):
        office_lookup = "event__office"

    objects = QuerySet.as_manager()

    class Meta:
        ordering = ["event", "date"]
        verbose_name = _("cancelled date")
        verbose_name_plural = _("cancelled dates")
        constraints = [
            models.UniqueConstraint(fields=["event", "date"], name="cancelleddate_unique")
        ]

    def __str__(self):
        return f"{self.event} – {self.date:%d.%m.%Y}"

    def clean(self):
        super().clean()
        try:
            event = self.event
        except Event.DoesNotExist:
            return
        if not event.start or not self.date:
            return
        try:
            days = {timezone.localtime(start).date() for start, _end in event.date_spans()}
        except (TypeError, ValueError):
            return  # the event's own fields are wrong; its form reports that
        if self.date not in days:
            raise ValidationError(
                {"date": _("The event has no date on this day.")}, code="no_such_date"
            )


class OccurrenceQuerySet(OfficeOwnedQuerySet):
    office_lookup = "event__office"
    search_model = Event
    search_lookup = "event"

    def published(self):
        return self.filter(event__is_published=True, event__office__is_active=True)

    def upcoming(self, now=None):
        """Dates that have not ended yet, soonest first (none started more than
        MAX_DATE_SPAN ago: the lower bound of the index scan)."""
        now = now or timezone.now()
        return self.filter(start__gt=now - MAX_DATE_SPAN, end__gt=now).order_by("start", "event_id")

    def past(self, now=None):
        """Dates that are over, latest first."""
        now = now or timezone.now()
        return self.filter(start__lt=now, end__lte=now).order_by("-start", "event_id")

    def between(self, start, end):
        """Dates that overlap the span [start, end)."""
        return self.filter(start__gt=start - MAX_DATE_SPAN, start__lt=end, end__gt=start)

    def free(self):
        return self.filter(event__is_free=True)

    def in_category(self, category):
        return self.filter(event__category=category)

    def with_event(self):
        return self.select_related("event", "event__office", "event__category")

    def for_project(self, project):
        return self.filter(event__project=project)


class Occurrence(models.Model):
    """One date of an event, stored so lists, calendar and feeds filter in the database.

    Rows are written only by events.services.event_sync_occurrences."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("event")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    is_cancelled = models.BooleanField(_("cancelled"), default=False)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["start", "event_id"]
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        constraints = [
            models.UniqueConstraint(fields=["event", "start"], name="occurrence_unique"),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="occurrence_end_after_start"
            ),
        ]
        indexes = [
            # With the end, the upcoming dates are found in the index alone.
            models.Index(fields=["start", "end"], name="occurrence_start_idx"),
            models.Index(fields=["end", "start"], name="occurrence_end_idx"),
        ]

    def __str__(self):
        return f"{self.event} – {timezone.localtime(self.start):%d.%m.%Y %H:%M}"

    def get_absolute_url(self):
        return self.event.get_absolute_url()

    @property
    def day(self):
        return timezone.localtime(self.start).date()

    @property
    def last_day(self):
        """The last calendar day this date touches (end is exclusive at midnight)."""
        end = timezone.localtime(self.end)
        if end.time() == datetime.time.min and self.end > self.start:
            return (end - datetime.timedelta(days=1)).date()
        return end.date()

    @property
    def is_multi_day(self):
        return self.last_day > self.day

    @property
    def cancelled(self):
        """Whether this date does not take place: cancelled alone or with the event."""
        return self.is_cancelled or self.event.is_cancelled

    @property
    def shows_end(self):
        return self.event.end is not None
