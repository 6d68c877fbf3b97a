"""The rules of the room workflow: submit, confirm, decline, propose, cancel, anonymise.

Every change follows one recipe inside `transaction.atomic()`: lock, check the allowed
transition (BookingRequest.TRANSITIONS), save, write a history row through
`request.log()`, queue the mail to the requester in the same transaction.
"""

import datetime
import logging
import secrets

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtteilbuero.mail import queue_mail, render_mail

from . import availability
from .models import Booking, BookingRequest, Room

logger = logging.getLogger(__name__)
S = BookingRequest.Status


class BookingError(Exception):
    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []


# --- Mail ------------------------------------------------------------------------------


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def send_mail_about(request: BookingRequest, event: str, *, to_office: bool = False):
    """Queue `rooms/email/<event>` to the requester (or to the office)."""
    room = request.room
    context = {
        "request": request,
        "room": room,
        "office": room.office,
        "dates": availability.occurrences(request.start, request.end, request.repeat_until),
        "status_url": absolute_url(request.get_status_url()),
        "admin_url": absolute_url(reverse("admin:rooms_bookingrequest_change", args=[request.pk])),
        "portal_name": settings.PORTAL_NAME,
    }
    subject, body = render_mail(f"rooms/email/{event}", context)
    if to_office:
        to, reply_to = [room.office.email], [request.email]
    else:
        to, reply_to = [request.email], [room.office.email]
    return queue_mail(to=to, subject=subject, body=body, reply_to=reply_to, about=request)


# --- Locks -----------------------------------------------------------------------------


def lock_room(room_id: int) -> Room:
    """Take the room's lock for the rest of the transaction: confirmations of one room
    run one after the other. PostgreSQL locks the row; SQLite has no row locks, so an
    UPDATE takes its database-wide write lock before anything is read."""
    if connection.vendor == "sqlite":
        Room.objects.filter(pk=room_id).update(updated_at=F("updated_at"))
    return Room.objects.select_for_update().select_related("office").get(pk=room_id)


def _locked_request(request: BookingRequest) -> BookingRequest:
    return BookingRequest.objects.select_for_update().get(pk=request.pk)


def _refuse(request: BookingRequest, status: str):
    if not request.can_transition_to(status):
        raise BookingError(
            _("This is not possible for a request in status “%(status)s”.")
            % {"status": request.get_status_display()}
        )


def _mark_decided(request: BookingRequest, status: str, actor, now) -> str:
    previous = request.status
    request.status = status
    request.decided_at = now
    request.decided_by = actor if actor is not None and actor.is_authenticated else None
    return previous


# --- Steps -----------------------------------------------------------------------------


def request_submit(*, request: BookingRequest, entered_by=None) -> BookingRequest:
    """Store a new request (checked by the form) and confirm its receipt by e-mail."""
    with transaction.atomic():
        request.token = secrets.token_urlsafe(32)
        request.status = S.REQUESTED
        request.entered_by = entered_by
        request.last_end = availability.occurrences(
            request.start, request.end, request.repeat_until
        )[-1][1]
        request.save()
        request.log("entered" if entered_by else "submitted", actor=entered_by, from_status="")
        if request.email:
            send_mail_about(request, "received")
        if entered_by is None and request.room.office.email:
            send_mail_about(request, "office_new_request", to_office=True)
    return request


def request_confirm(*, request: BookingRequest, actor=None, message: str = "") -> BookingRequest:
    """Confirm the request (a proposal: at the proposed time) if every date is still free.

    The room's lock makes two confirmations of one slot wait for each other, so the
    second sees the first one's bookings; on PostgreSQL the exclusion constraint on the
    bookings would refuse an overlap even if a caller forgot the lock.
    """
    with transaction.atomic():
        lock_room(request.room_id)
        request = _locked_request(request)
        _refuse(request, S.CONFIRMED)
        if request.has_proposal:
            request.start, request.end = request.proposed_start, request.proposed_end
        slots = availability.occurrences(request.start, request.end, request.repeat_until)
        problems = availability.conflicts(request.room, slots)
        if problems:
            raise BookingError(_("The room is not free at the requested time."), problems)
        try:
            with transaction.atomic():
                Booking.objects.bulk_create(
                    Booking(room_id=request.room_id, request=request, start=start, end=end)
                    for start, end in slots
                )
        except IntegrityError as error:
            raise BookingError(_("The room has just been booked by someone else.")) from error
        previous = _mark_decided(request, S.CONFIRMED, actor, timezone.now())
        request.last_end = slots[-1][1]
        request.message = message or request.message
        request.save(
            update_fields=[
                "status",
                "start",
                "end",
                "last_end",
                "message",
                "decided_at",
                "decided_by",
                "updated_at",
            ]
        )
        request.log("confirmed", actor=actor, comment=message, from_status=previous)
        if request.email:
            send_mail_about(request, "confirmed")
    return request


def request_decline(*, request: BookingRequest, actor, message: str) -> BookingRequest:
    if not message.strip():
        raise BookingError(_("Please give the requester a reason."))
    with transaction.atomic():
        request = _locked_request(request)
        _refuse(request, S.DECLINED)
        now = timezone.now()
        previous = _mark_decided(request, S.DECLINED, actor, now)
        request.closed_at = now
        request.message = message
        request.save(
            update_fields=[
                "status",
                "message",
                "decided_at",
                "decided_by",
                "closed_at",
                "updated_at",
            ]
        )
        request.log("declined", actor=actor, comment=message, from_status=previous)
        if request.email:
            send_mail_about(request, "declined")
    return request


def request_propose(
    *,
    request: BookingRequest,
    actor,
    start: datetime.datetime,
    end: datetime.datetime,
    message: str = "",
) -> BookingRequest:
    """Offer the requester another time; it becomes a booking when they accept it."""
    if end <= start:
        raise BookingError(_("The end must be later than the start."))
    if start <= timezone.now():
        raise BookingError(_("Please propose a time in the future."))
    with transaction.atomic():
        request = _locked_request(request)
        _refuse(request, S.PROPOSED)
        repeat_until = request.repeat_until
        if repeat_until is not None and timezone.localdate(start) > repeat_until:
            raise BookingError(_("The proposed date lies after the last date of the series."))
        problems = availability.conflicts(
            request.room, availability.occurrences(start, end, repeat_until)
        )
        if problems:
            raise BookingError(_("The room is not free at the proposed time."), problems)
        previous = _mark_decided(request, S.PROPOSED, actor, timezone.now())
        request.proposed_start, request.proposed_end = start, end
        request.message = message
        request.save(
            update_fields=[
                "status",
                "proposed_start",
                "proposed_end",
                "message",
                "decided_at",
                "decided_by",
                "updated_at",
            ]
        )
        request.log("proposed", actor=actor, comment=message, from_status=previous)
        if request.email:
            send_mail_about(request, "proposed")
    return request


def request_cancel(*, request: BookingRequest, actor=None, message: str = "") -> BookingRequest:
    """Cancel a request or a booking (by the requester: actor None, or by staff); the
    booked dates become free again."""
    with transaction.atomic():
        request = _locked_request(request)
        _refuse(request, S.CANCELLED)
        if request.last_end <= timezone.now():
            raise BookingError(_("A booking that is over cannot be cancelled."))
        now = timezone.now()
        previous = request.status
        request.status = S.CANCELLED
        request.closed_at = now
        request.save(update_fields=["status", "closed_at", "updated_at"])
        request.bookings.all().delete()
        request.log("cancelled", actor=actor, comment=message, from_status=previous)
        if request.email:
            send_mail_about(request, "cancelled")
        if actor is None and request.room.office.email:
            send_mail_about(request, "office_cancelled", to_office=True)
    return request


# --- Privacy ---------------------------------------------------------------------------

PERSONAL_FIELDS = ("purpose", "name", "organisation", "email", "phone", "message")


def request_anonymise(*, request: BookingRequest, actor=None) -> BookingRequest:
    """Blank the requester's data; room, dates, number of people and status stay for
    the statistics. The status link is replaced, so the old one leads nowhere."""
    with transaction.atomic():
        request = _locked_request(request)
        if request.anonymised_at is not None:
            return request
        for name in PERSONAL_FIELDS:
            setattr(request, name, "")
        request.token = secrets.token_urlsafe(32)
        request.anonymised_at = timezone.now()
        request.save(update_fields=[*PERSONAL_FIELDS, "token", "anonymised_at", "updated_at"])
        request.events.update(comment="")
        request.log("anonymised", actor=actor)
    return request


def anonymise_due_requests(*, dry_run: bool = False) -> int:
    """The daily retention job's part for rooms (see anonymise_applications)."""
    due = list(BookingRequest.objects.due_for_anonymisation().values_list("pk", flat=True))
    if not dry_run:
        for pk in due:
            request_anonymise(request=BookingRequest(pk=pk))
    return len(due)
