"""When is an office open? The weekly hours with the dated exceptions and the public
holidays applied.

Pure functions over already loaded objects (holidays are a dict {date: name}, see
offices.holidays), so the office pages need no extra queries and the rules can be
tested without a database. A public holiday closes the office unless staff entered an
exception for that day (then the exception decides: "open on Whit Monday 10–12").
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .holidays import office_holidays
from .models import HoursException


@dataclass(frozen=True)
class Slot:
    title: str
    kind: str
    opens: datetime.time
    closes: datetime.time
    note: str = ""

    def contains(self, moment: datetime.time) -> bool:
        return self.opens <= moment < self.closes


@dataclass
class Day:
    date: datetime.date
    slots: list[Slot] = field(default_factory=list)
    exceptions: list[HoursException] = field(default_factory=list)
    is_today: bool = False
    holiday: str = ""  # the name of the public holiday that closes the office this day

    @property
    def is_closed(self):
        """Closed by a public holiday or an exception that concerns all hours."""
        return bool(self.holiday) or any(
            e.kind == e.Kind.CLOSED and not e.applies_to for e in self.exceptions
        )

    @property
    def closed_reason(self):
        return self.holiday or "; ".join(e.note for e in self.exceptions if e.note)

    @property
    def is_changed(self):
        return bool(self.exceptions) and not self.is_closed


@dataclass(frozen=True)
class Status:
    """What the office page says at the top of the hours."""

    code: str  # open | closed_today | changed_today | closed_now | no_hours
    text: str
    until: datetime.time | None = None


def day_schedule(hours, exceptions, date, today=None, holidays=None) -> Day:
    """The slots of one date: the weekly hours of its weekday, minus closures, with
    changed times replacing the weekly ones of the kind they concern. A public holiday
    closes the office, unless staff entered changed hours for it: then only those apply."""
    day = Day(date=date, is_today=date == today)
    day.exceptions = [e for e in exceptions if e.covers(date)]
    holiday = (holidays or {}).get(date)
    if holiday and not any(e.kind == HoursException.Kind.CHANGED for e in day.exceptions):
        day.holiday = holiday
        return day
    slots = [
        Slot(h.title, h.kind, h.opens, h.closes, h.note)
        for h in hours
        if h.weekday == date.weekday() and not holiday
    ]
    for exception in day.exceptions:
        concerned = [s for s in slots if not exception.applies_to or s.kind == exception.applies_to]
        slots = [s for s in slots if s not in concerned]
        if exception.kind == HoursException.Kind.CHANGED and exception.opens and exception.closes:
            kind = exception.applies_to or (concerned[0].kind if concerned else "opening")
            title = concerned[0].title if concerned else _("Opening hours")
            slots.append(Slot(title, kind, exception.opens, exception.closes, exception.note))
    day.slots = sorted(slots, key=lambda s: (s.opens, s.title))
    return day


def week_schedule(hours, exceptions, today: datetime.date, holidays=None) -> list[Day]:
    """Monday to Sunday of the week that contains `today`."""
    monday = today - datetime.timedelta(days=today.weekday())
    return [
        day_schedule(hours, exceptions, monday + datetime.timedelta(days=offset), today, holidays)
        for offset in range(7)
    ]


def current_status(hours, exceptions, now: datetime.datetime, holidays=None) -> Status:
    """`now` is local time (Europe/Berlin)."""
    if not hours:
        return Status("no_hours", _("Appointments by arrangement"))
    today = day_schedule(hours, exceptions, now.date(), now.date(), holidays)
    if today.is_closed:
        note = today.closed_reason
        return Status("closed_today", _("Closed today") + (f" ({note})" if note else ""))
    moment = now.time()
    for slot in today.slots:
        if slot.contains(moment):
            text = _("Open now, until %(time)s") % {"time": slot.closes.strftime("%H:%M")}
            if today.is_changed:
                text += " (" + _("changed hours today") + ")"
            return Status("open", text, slot.closes)
    if today.is_changed:
        return Status("changed_today", _("Changed hours today"))
    later = [s for s in today.slots if s.opens > moment]
    if later:
        return Status(
            "closed_now",
            _("Closed now, opens at %(time)s") % {"time": later[0].opens.strftime("%H:%M")},
        )
    return Status("closed_now", _("Closed now"))


def upcoming_exceptions(exceptions, today: datetime.date, days: int = 60):
    """Exceptions that are running or start within `days`, to announce on the page."""
    horizon = today + datetime.timedelta(days=days)
    return [e for e in exceptions if e.end_date >= today and e.start_date <= horizon]


@dataclass
class OfficeHours:
    """Everything the office pages say about when an office is open."""

    week: list[Day]
    today: Day
    status: Status
    announced: list[HoursException]


def office_hours(office, now: datetime.datetime) -> OfficeHours:
    """The hours of `office` around `now` (local time) from its prefetched `hours` and
    `hours_exceptions` (Office.objects.with_hours()) and its state's public holidays."""
    hours = list(office.hours.all())
    exceptions = list(office.hours_exceptions.all())
    today = now.date()
    monday = today - datetime.timedelta(days=today.weekday())
    holidays = office_holidays(office, monday, monday + datetime.timedelta(days=6))
    week = week_schedule(hours, exceptions, today, holidays)
    return OfficeHours(
        week=week,
        today=week[today.weekday()],
        status=current_status(hours, exceptions, now, holidays),
        announced=upcoming_exceptions(exceptions, today),
    )
