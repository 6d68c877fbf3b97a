"""When a room can be booked: the one place of the booking rules.

The request form asks `request_problems()` (every rule, with messages for the fields);
the confirmation asks `conflicts()` again under the room's lock (overlaps and closures,
which may have changed since the request came in); the room page shows `week()`.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from offices.models import HoursException, HoursKind

from .models import MAX_OCCURRENCES, Booking, RoomClosure, RoomHours


def aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """The local wall-clock time of that day (the right offset in summer and winter)."""
    return timezone.make_aware(datetime.datetime.combine(day, time))


def occurrences(start, end, repeat_until=None):
    """(start, end) of every date: once, or weekly at the same local time until
    `repeat_until` (at most MAX_OCCURRENCES dates)."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    slots = []
    day = start.date()
    last = repeat_until or day
    while day <= last and len(slots) < MAX_OCCURRENCES:
        slots.append((aware(day, start.time()), aware(day, end.time())))
        day += datetime.timedelta(days=7)
    return slots


def date_text(value) -> str:
    local = timezone.localtime(value)
    return f"{formats.date_format(local, 'l')}, {formats.date_format(local, 'SHORT_DATE_FORMAT')}"


def time_text(value) -> str:
    return formats.time_format(timezone.localtime(value), "H:i")


def office_closures(room, first: datetime.date, last: datetime.date):
    """The office's closed days (holidays) that close its rooms too."""
    return HoursException.objects.filter(
        office_id=room.office_id,
        kind=HoursException.Kind.CLOSED,
        applies_to__in=["", HoursKind.OPENING],
        start_date__lte=last,
        end_date__gte=first,
    )


def closures(room, first: datetime.date, last: datetime.date):
    """(start_date, end_date, note) of the room's and its office's closures in the span."""
    own = RoomClosure.objects.filter(room=room, start_date__lte=last, end_date__gte=first)
    rows = [(c.start_date, c.end_date, c.note) for c in own]
    rows += [(c.start_date, c.end_date, c.note) for c in office_closures(room, first, last)]
    return sorted(rows)


def closure_on(rows, day):
    return next((note for start, end, note in rows if start <= day <= end), None)


def conflicts(room, slots, *, exclude_request_id=None) -> list[str]:
    """What stands in the way of booking all `slots`: confirmed bookings and closures."""
    if not slots:
        return []
    first, last = slots[0][0], slots[-1][1]
    busy = list(Booking.objects.filter(room=room).between(first, last).order_by("start"))
    if exclude_request_id is not None:
        busy = [booking for booking in busy if booking.request_id != exclude_request_id]
    closed = closures(room, timezone.localdate(first), timezone.localdate(last))
    problems = []
    for start, end in slots:
        note = closure_on(closed, timezone.localdate(start))
        if note:
            problems.append(
                _("On %(date)s the room is closed (%(note)s).")
                % {"date": date_text(start), "note": note}
            )
        for booking in busy:
            if booking.start < end and booking.end > start:
                problems.append(
                    _("On %(date)s the room is already booked from %(start)s to %(end)s.")
                    % {
                        "date": date_text(booking.start),
                        "start": time_text(booking.start),
                        "end": time_text(booking.end),
                    }
                )
    return problems


def hours_text(hours, weekday) -> str:
    slots = [f"{h.opens:%H:%M}–{h.closes:%H:%M}" for h in hours if h.weekday == weekday]
    return ", ".join(slots)


def request_problems(
    room, start, end, *, people, repeat_until=None, lead_time=True, now=None
) -> dict:
    """Every rule of a booking request, as {form field: [messages]} in German.

    Fields: date, time_to, repeat_until, people, time_from.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    errors: dict[str, list[str]] = {}

    def add(name, message):
        errors.setdefault(name, []).append(message)

    day = timezone.localdate(start)
    if end <= start:
        add("time_to", _("The end must be later than the start."))
    elif end - start > datetime.timedelta(hours=room.max_hours):
        add(
            "time_to",
            ngettext(
                "This room can be booked for at most %(hours)s hour at a time.",
                "This room can be booked for at most %(hours)s hours at a time.",
                room.max_hours,
            )
            % {"hours": room.max_hours},
        )
    if start <= now:
        add("date", _("Please choose a date and time in the future."))
    elif lead_time and day < today + datetime.timedelta(days=room.lead_days):
        earliest = today + datetime.timedelta(days=room.lead_days)
        add(
            "date",
            _("Please ask at least %(days)s days ahead, that is for %(date)s or later.")
            % {"days": room.lead_days, "date": formats.date_format(earliest, "SHORT_DATE_FORMAT")},
        )
    horizon = today + datetime.timedelta(days=room.max_days_ahead)
    if day > horizon:
        add(
            "date",
            _("This room can be booked up to %(date)s.")
            % {"date": formats.date_format(horizon, "SHORT_DATE_FORMAT")},
        )
    if people is not None and people > room.capacity:
        add(
            "people",
            _("The room has space for %(capacity)s people at most.") % {"capacity": room.capacity},
        )
    if repeat_until is not None:
        if repeat_until <= day:
            add("repeat_until", _("The last date must be after the first one."))
        elif repeat_until > horizon:
            add(
                "repeat_until",
                _("Weekly bookings are possible up to %(date)s.")
                % {"date": formats.date_format(horizon, "SHORT_DATE_FORMAT")},
            )
    if errors:
        return errors

    hours = list(RoomHours.objects.filter(room=room))
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    if local_start.date() != local_end.date() or not any(
        h.weekday == day.weekday()
        and h.opens <= local_start.time()
        and local_end.time() <= h.closes
        for h in hours
    ):
        bookable = hours_text(hours, day.weekday())
        if bookable:
            add(
                "time_from",
                _("On %(weekday)s the room can be booked %(hours)s.")
                % {"weekday": formats.date_format(day, "l"), "hours": bookable},
            )
        else:
            add(
                "date",
                _("The room cannot be booked on %(weekday)s.")
                % {"weekday": formats.date_format(day, "l")},
            )
        return errors
    for problem in conflicts(room, occurrences(start, end, repeat_until)):
        add("repeat_until" if repeat_until else "time_from", problem)
    return errors


@dataclass
class Segment:
    start: datetime.time
    end: datetime.time
    busy: bool


@dataclass
class Day:
    date: datetime.date
    closed: str | None = None
    segments: list[Segment] = field(default_factory=list)

    @property
    def bookable(self):
        return not self.closed and any(not segment.busy for segment in self.segments)


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def week(room, hours, monday: datetime.date) -> list[Day]:
    """Seven days from `monday`: per day the bookable hours cut into free and busy
    pieces, or the reason it is closed. Busy pieces carry no name, only the time."""
    sunday = monday + datetime.timedelta(days=6)
    closed = closures(room, monday, sunday)
    busy = list(
        Booking.objects.filter(room=room)
        .between(aware(monday, datetime.time.min), aware(sunday, datetime.time.max))
        .order_by("start")
        .values_list("start", "end")
    )
    days = []
    for offset in range(7):
        date = monday + datetime.timedelta(days=offset)
        day = Day(date=date, closed=closure_on(closed, date))
        for slot in (h for h in hours if h.weekday == date.weekday()):
            day.segments += _cut(date, slot.opens, slot.closes, busy)
        days.append(day)
    return days


def _cut(date, opens, closes, busy) -> list[Segment]:
    """The slot opens–closes of `date` as free and busy pieces, in order."""
    pieces = []
    cursor = opens
    for start, end in busy:
        start, end = timezone.localtime(start), timezone.localtime(end)
        busy_from = start.time() if start.date() == date else datetime.time.min
        busy_to = end.time() if end.date() == date else datetime.time.max
        if start.date() > date or end.date() < date or busy_to <= cursor or busy_from >= closes:
            continue
        if busy_from > cursor:
            pieces.append(Segment(cursor, busy_from, busy=False))
        pieces.append(Segment(max(busy_from, cursor), min(busy_to, closes), busy=True))
        cursor = min(busy_to, closes)
    if cursor < closes:
        pieces.append(Segment(cursor, closes, busy=False))
    return pieces
