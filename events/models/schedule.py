"""When an event takes place: the rule its dates follow (single, weekly, monthly) and
the limits on one date and on a series. The fields stay on Event; this abstract model
holds what is computed from them."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from offices.models import Weekday

from .. import recurrence

MONTHLY_TEXT = {
    1: _("Every first %(day)s of the month"),
    2: _("Every second %(day)s of the month"),
    3: _("Every third %(day)s of the month"),
    4: _("Every fourth %(day)s of the month"),
    -1: _("Every last %(day)s of the month"),
}

weekdays_validator = RegexValidator(
    r"^([0-6](,[0-6])*)?$", _("Please choose weekdays from the list.")
)

# A recurring event may run at most this long (it is expanded into stored dates).
MAX_RECURRENCE_SPAN = datetime.timedelta(days=3 * 366)
# One date (an exhibition, a festival weekend) lasts at most this long. The bound lets
# the date queries read the start index from a lower bound instead of from the oldest date.
MAX_DATE_SPAN = datetime.timedelta(days=92)


class EventSchedule(models.Model):
    """The recurrence and dates of an Event (fields `start`, `end`, `all_day`,
    `recurrence*`)."""

    class Meta:
        abstract = True

    # --- checks (called by Event.clean) ----------------------------------------------

    def _recurrence_errors(self):
        errors = {}
        if self.recurrence == self.Recurrence.NONE or not self.start:
            return errors
        first = timezone.localtime(self.start).date()
        if not self.recurrence_until:
            errors["recurrence_until"] = _("Please give the last possible date.")
        elif self.recurrence_until < first:
            errors["recurrence_until"] = _("The last date must not be before the first date.")
        elif self.recurrence_until - first > MAX_RECURRENCE_SPAN:
            errors["recurrence_until"] = _("A recurring event may run for at most three years.")
        if self.recurrence == self.Recurrence.MONTHLY and not self.recurrence_week:
            errors["recurrence_week"] = _("Please choose the week of the month.")
        if self.recurrence == self.Recurrence.WEEKLY:
            try:
                weekdays_validator(self.recurrence_weekdays)
            except ValidationError as error:
                errors["recurrence_weekdays"] = error
        if errors:
            return errors
        if not recurrence.matches_rule(
            frequency=self.recurrence,
            day=first,
            weekdays=self.weekday_list,
            week_of_month=self.recurrence_week,
        ):
            errors["start"] = _(
                "The first date does not follow the rule. Please choose a first date "
                "on one of the chosen days."
            )
        elif recurrence.too_many_dates(**self.rule_arguments()):
            errors["recurrence_until"] = _(
                "These are more than %(count)d dates. Please choose an earlier last date."
            ) % {"count": recurrence.MAX_OCCURRENCES}
        return errors

    # --- dates -----------------------------------------------------------------------

    @property
    def weekday_list(self):
        """The chosen weekdays as numbers (0 = Monday), e.g. [1, 3] for "1,3"."""
        return sorted({int(day) for day in self.recurrence_weekdays.split(",") if day.isdigit()})

    @property
    def is_recurring(self):
        return self.recurrence != self.Recurrence.NONE

    def rule_arguments(self):
        return {
            "frequency": self.recurrence,
            "dtstart": timezone.localtime(self.start).replace(tzinfo=None),
            "until": self.recurrence_until,
            "weekdays": self.weekday_list,
            "week_of_month": self.recurrence_week,
        }

    def _span(self):
        """(duration, days) of one date, from the first date's start and end."""
        start = timezone.localtime(self.start).replace(tzinfo=None)
        if self.all_day:
            last = timezone.localtime(self.end).date() if self.end else start.date()
            return None, max((last - start.date()).days, 0) + 1
        if self.end:
            return timezone.localtime(self.end).replace(tzinfo=None) - start, 0
        return recurrence.DEFAULT_DURATION, 0

    def date_spans(self):
        """Aware (start, end) of every date of this event, cancelled dates included."""
        duration, days = self._span()
        return [
            recurrence.aware_span(naive, duration=duration, all_day=self.all_day, days=days)
            for naive in recurrence.local_starts(**self.rule_arguments())
        ]

    @property
    def recurrence_description(self):
        """In words: 'Every week on Tuesday, until 30 June 2026'."""
        if not self.is_recurring:
            return ""
        first = timezone.localtime(self.start).date()
        until = date_format(self.recurrence_until, "DATE_FORMAT")
        if self.recurrence == self.Recurrence.WEEKLY:
            days = sorted(set(self.weekday_list or [first.weekday()]))
            names = ", ".join(str(Weekday(day).label) for day in days)
            return _("Every week on %(days)s, until %(until)s") % {"days": names, "until": until}
        rule = MONTHLY_TEXT[self.recurrence_week or 1] % {"day": Weekday(first.weekday()).label}
        return _("%(rule)s, until %(until)s") % {"rule": rule, "until": until}
