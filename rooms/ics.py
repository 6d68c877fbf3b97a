"""iCalendar output of rooms: the requester's own booking, a room's public busy times
(no names, no purposes) and the staff's feed of a room (reached by a token URL)."""

import datetime

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from events.ics import finish, ics_response, new_calendar, uid_domain

from . import availability

STATUS = {"confirmed": "CONFIRMED", "cancelled": "CANCELLED", "declined": "CANCELLED"}


def calendar(name):
    cal = new_calendar(name)
    cal["prodid"] = f"-//{settings.PORTAL_NAME}//Raeume//DE"
    return cal


def _entry(uid, summary, start, end, *, status="CONFIRMED", description="", location=""):
    entry = icalendar.Event()
    entry.add("uid", f"{uid}@{uid_domain()}")
    entry.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    entry.add("summary", summary)
    entry.add("dtstart", timezone.localtime(start))
    entry.add("dtend", timezone.localtime(end))
    entry.add("status", status)
    if description:
        entry.add("description", description)
    if location:
        entry.add("location", location)
    return entry


def room_location(room):
    return ", ".join(
        part for part in [room.name, room.office.name, room.office.postal_address] if part
    )


def request_calendar(request, status_url):
    """The requester's download: every date of the request, with the status link."""
    room = request.room
    cal = calendar(room.name)
    status = STATUS.get(request.status, "TENTATIVE")
    slots = availability.occurrences(request.start, request.end, request.repeat_until)
    for start, end in slots:
        cal.add_component(
            _entry(
                f"room-request-{request.pk}-{timezone.localtime(start):%Y%m%d}",
                room.name,
                start,
                end,
                status=status,
                description=f"{request.get_status_display()}\n\n{status_url}",
                location=room_location(room),
            )
        )
    return ics_response(finish(cal), f"{room.slug}.ics")


def busy_calendar(room, bookings):
    """Public: when the room is taken, nothing about who takes it."""
    cal = calendar(_("%(room)s: busy times") % {"room": room.name})
    for booking in bookings:
        cal.add_component(
            _entry(f"room-booking-{booking.pk}", _("Busy"), booking.start, booking.end)
        )
    return ics_response(finish(cal), f"{room.slug}-belegt.ics")


def staff_calendar(room, bookings):
    """For the office's staff: who booked what, with the contact."""
    cal = calendar(_("%(room)s: bookings") % {"room": room.name})
    for booking in bookings:
        request = booking.request
        who = request.organisation or request.name
        contact = " · ".join(part for part in [request.name, request.phone, request.email] if part)
        cal.add_component(
            _entry(
                f"room-booking-{booking.pk}",
                f"{who}: {request.purpose[:80]}" if who else request.purpose[:80],
                booking.start,
                booking.end,
                description=f"{request.purpose}\n\n{contact}\n{request.people} " + _("people"),
                location=room_location(room),
            )
        )
    return ics_response(finish(cal), f"{room.slug}-buchungen.ics")
