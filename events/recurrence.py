"""The dates of an event: its recurrence rule expanded into local start/end times.

Pure functions without database access, so the rules are easy to test. Times are wall
clock times in the portal's time zone: a café every Tuesday at 15:00 stays at 15:00
across the change to and from daylight saving time.
"""

import datetime
import itertools
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings

# A recurring event needs an end date; this caps a rule that would still run for years.
MAX_OCCURRENCES = 400
# Used for filtering when an event has no end time ("from 18:00").
DEFAULT_DURATION = datetime.timedelta(hours=1)

RRULE_DAYS = [rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU]
ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def local_zone():
    return ZoneInfo(settings.TIME_ZONE)


def build_rule(*, frequency, dtstart, until, weekdays, week_of_month):
    """A dateutil rule for 'weekly' or 'monthly', or None for a single date.

    dtstart is a naive local datetime; until a date (inclusive)."""
    if frequency == "weekly":
        days = sorted(set(weekdays or [dtstart.weekday()]))
        byweekday = [RRULE_DAYS[day] for day in days]
        freq = rrule.WEEKLY
    elif frequency == "monthly":
        byweekday = [RRULE_DAYS[dtstart.weekday()](week_of_month or 1)]
        freq = rrule.MONTHLY
    else:
        return None
    until_moment = datetime.datetime.combine(until, datetime.time.max) if until else None
    return rrule.rrule(
        freq, dtstart=dtstart, byweekday=byweekday, until=until_moment, wkst=rrule.MO
    )


def local_starts(*, frequency, dtstart, until, weekdays, week_of_month):
    """Naive local start datetimes of all dates, the first date included."""
    rule = build_rule(
        frequency=frequency,
        dtstart=dtstart,
        until=until,
        weekdays=weekdays,
        week_of_month=week_of_month,
    )
    if rule is None:
        return [dtstart]
    starts = list(itertools.islice(rule, MAX_OCCURRENCES))
    if not starts or starts[0] != dtstart:
        # The first date always takes place, even if it does not match the rule.
        starts = [dtstart, *starts][:MAX_OCCURRENCES]
    return starts


def too_many_dates(*, frequency, dtstart, until, weekdays, week_of_month):
    """Whether the rule gives more dates than are stored (MAX_OCCURRENCES)."""
    rule = build_rule(
        frequency=frequency,
        dtstart=dtstart,
        until=until,
        weekdays=weekdays,
        week_of_month=week_of_month,
    )
    return rule is not None and len(list(itertools.islice(rule, MAX_OCCURRENCES + 1))) > (
        MAX_OCCURRENCES
    )


def matches_rule(*, frequency, day, weekdays, week_of_month):
    """Whether a date follows the rule (used to check the first date in forms)."""
    if frequency == "weekly":
        return not weekdays or day.weekday() in weekdays
    if frequency == "monthly":
        if week_of_month == -1:
            return (day + datetime.timedelta(days=7)).month != day.month
        return (day.day - 1) // 7 + 1 == week_of_month
    return True


def aware_span(naive_start, *, duration, all_day, days):
    """Aware (start, end) of one date; all-day dates run from midnight to midnight."""
    zone = local_zone()
    if all_day:
        first = naive_start.date()
        start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
        end = datetime.datetime.combine(
            first + datetime.timedelta(days=days), datetime.time.min, tzinfo=zone
        )
        return start, end
    start = naive_start.replace(tzinfo=zone)
    end = (naive_start + duration).replace(tzinfo=zone)
    return start, end


def ical_rrule(*, frequency, dtstart, until, weekdays, week_of_month):
    """The RRULE value (a dict for icalendar.vRecur) matching build_rule."""
    if frequency == "weekly":
        rule = {
            "FREQ": "WEEKLY",
            "BYDAY": [ICAL_DAYS[d] for d in sorted(set(weekdays or [dtstart.weekday()]))],
        }
    elif frequency == "monthly":
        rule = {"FREQ": "MONTHLY", "BYDAY": [f"{week_of_month or 1}{ICAL_DAYS[dtstart.weekday()]}"]}
    else:
        return None
    rule["WKST"] = "MO"
    if until:
        # With a DTSTART in a time zone, UNTIL must be given in UTC (RFC 5545 3.3.10).
        end_of_day = datetime.datetime.combine(
            until, datetime.time(23, 59, 59), tzinfo=local_zone()
        )
        rule["UNTIL"] = end_of_day.astimezone(datetime.UTC)
    return rule
