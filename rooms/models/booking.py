"""A request for a room (online or entered by staff), the confirmed bookings it holds,
and its history. Only rooms.services writes the workflow fields."""

import datetime

from django.conf import settings
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import F, Func, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stadtteilbuero.pagecache import NotOnPublicPages

from .constraints import PostgresExclusionConstraint
from .room import Room, RoomOwnedQuerySet

# A weekly booking has at most this many dates (a year).
MAX_OCCURRENCES = 53


class BookingRequestQuerySet(RoomOwnedQuerySet):
    def open(self):
        return self.filter(status__in=BookingRequest.Status.open())

    def due_for_anonymisation(self, now=None):
        """Requests whose last date (or closing) is ROOMS_RETENTION_DAYS past."""
        now = now or timezone.now()
        cutoff = now - datetime.timedelta(days=settings.ROOMS_RETENTION_DAYS)
        return self.filter(anonymised_at__isnull=True).filter(
            Q(status__in=BookingRequest.Status.closed(), updated_at__lt=cutoff)
            | Q(status=BookingRequest.Status.CONFIRMED, last_end__lt=cutoff)
        )


class BookingRequest(NotOnPublicPages, models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("room request", "Requested")
        PROPOSED = "proposed", _("Other time proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", pgettext_lazy("room request", "Cancelled")

        @classmethod
        def open(cls):
            return [cls.REQUESTED, cls.PROPOSED]

        @classmethod
        def closed(cls):
            return [cls.DECLINED, cls.CANCELLED]

    # Allowed status changes; every service checks them, templates use them for buttons.
    TRANSITIONS = {
        Status.REQUESTED: {Status.CONFIRMED, Status.DECLINED, Status.PROPOSED, Status.CANCELLED},
        Status.PROPOSED: {Status.CONFIRMED, Status.DECLINED, Status.PROPOSED, Status.CANCELLED},
        Status.CONFIRMED: {Status.CANCELLED},
        Status.DECLINED: set(),
        Status.CANCELLED: set(),
    }

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="requests", verbose_name=_("room")
    )
    token = models.CharField(_("status page token"), max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.REQUESTED, editable=False
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    repeat_until = models.DateField(
        _("every week until"), null=True, blank=True, help_text=_("Empty: only once.")
    )
    last_end = models.DateTimeField(_("end of the last date"), editable=False)
    purpose = models.TextField(_("purpose"), max_length=1000)
    people = models.PositiveIntegerField(_("expected people"))
    name = models.CharField(_("contact person"), max_length=150)
    organisation = models.CharField(_("group or association"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    accepted_rules = models.BooleanField(_("house rules accepted"), default=False)
    accepted_privacy = models.BooleanField(_("privacy note accepted"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
        help_text=_("Empty: sent online by the requester."),
    )
    proposed_start = models.DateTimeField(_("proposed start"), null=True, blank=True)
    proposed_end = models.DateTimeField(_("proposed end"), null=True, blank=True)
    message = models.TextField(
        _("message to the requester"),
        blank=True,
        help_text=_("The reason for a decline or the note with a proposal."),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
        editable=False,
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = BookingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("room request")
        verbose_name_plural = _("room requests")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="request_end_after_start"),
            models.CheckConstraint(
                condition=Q(proposed_start__isnull=True)
                | Q(proposed_end__isnull=True)
                | Q(proposed_end__gt=F("proposed_start")),
                name="request_proposal_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "start"], name="request_status_start_idx"),
            models.Index(fields=["room", "status"], name="request_room_status_idx"),
            models.Index(fields=["status", "updated_at"], name="request_retention_idx"),
        ]

    def __str__(self):
        local = timezone.localtime(self.start)
        return f"{self.room.name}, {local:%d.%m.%Y %H:%M} ({self.get_status_display()})"

    # No get_absolute_url: the status page is reached by the requester's secret link
    # alone, and the admin's "view on site" would hand that secret to every staff member.
    def get_status_url(self):
        return reverse("rooms:request-detail", kwargs={"token": self.token})

    def get_ics_url(self):
        return reverse("rooms:request-ics", kwargs={"token": self.token})

    def can_transition_to(self, status):
        return status in self.TRANSITIONS.get(self.status, set())

    @property
    def is_series(self):
        return self.repeat_until is not None

    @property
    def can_cancel(self):
        return self.can_transition_to(self.Status.CANCELLED) and self.last_end > timezone.now()

    @property
    def has_proposal(self):
        return self.status == self.Status.PROPOSED and self.proposed_start is not None

    @property
    def status_link_expires_at(self) -> datetime.datetime | None:
        """The link works until ROOMS_STATUS_LINK_DAYS after the request was closed, or
        after the last date of a confirmed booking."""
        if self.closed_at is not None:
            ended = self.closed_at
        elif self.status == self.Status.CONFIRMED:
            ended = self.last_end
        else:
            return None
        return ended + datetime.timedelta(days=settings.ROOMS_STATUS_LINK_DAYS)

    def status_link_expired(self, now: datetime.datetime | None = None) -> bool:
        expires = self.status_link_expires_at
        return expires is not None and (now or timezone.now()) >= expires

    def log(self, event: str, *, actor=None, comment: str = "", from_status: str | None = None):
        """Write one history row `rooms.request.<event>`: the only way rows are written."""
        return BookingEvent.objects.create(
            request=self,
            event_type=f"rooms.request.{event}",
            from_status=self.status if from_status is None else from_status,
            to_status=self.status,
            actor=actor,
            comment=comment,
        )


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class BookingQuerySet(RoomOwnedQuerySet):
    def between(self, start: datetime.datetime, end: datetime.datetime):
        return self.filter(start__lt=end, end__gt=start)

    def last_end(self):
        return self.aggregate(last=Max("end"))["last"]


class Booking(models.Model):
    """One confirmed date of a request: the time the room is taken. Two bookings of a
    room never overlap (an exclusion constraint on PostgreSQL; the service checks the
    same under a lock on every database)."""

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("room")
    )
    request = models.ForeignKey(
        BookingRequest,
        on_delete=models.CASCADE,
        related_name="bookings",
        verbose_name=_("request"),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["room", "start"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="booking_end_after_start"),
            PostgresExclusionConstraint(
                name="booking_no_overlap",
                expressions=[
                    (TsTzRange("start", "end"), RangeOperators.OVERLAPS),
                    ("room", RangeOperators.EQUAL),
                ],
            ),
        ]
        indexes = [models.Index(fields=["room", "start", "end"], name="booking_room_time_idx")]

    def __str__(self):
        start, end = timezone.localtime(self.start), timezone.localtime(self.end)
        return f"{self.room.name}, {start:%d.%m.%Y %H:%M}–{end:%H:%M}"


class BookingEventQuerySet(RoomOwnedQuerySet):
    office_lookup = "request__room__office"


class BookingEvent(NotOnPublicPages, models.Model):
    """One row of a request's history: who changed what, when, and why."""

    request = models.ForeignKey(
        BookingRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("request")
    )
    event_type = models.CharField(_("event"), max_length=60)
    from_status = models.CharField(
        _("from status"), max_length=20, choices=BookingRequest.Status, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=BookingRequest.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty: the requester."),
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    LABELS = {
        "rooms.request.submitted": _("Request received"),
        "rooms.request.entered": _("Entered by the office"),
        "rooms.request.anonymised": _("Anonymised"),
    }

    objects = BookingEventQuerySet.as_manager()

    class Meta:
        ordering = ["request", "created_at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        indexes = [models.Index(fields=["request", "created_at"], name="bookingevent_request_idx")]

    def __str__(self):
        return f"{self.event_type} {timezone.localtime(self.created_at):%d.%m.%Y %H:%M}"

    @property
    def label(self) -> str:
        if self.event_type in self.LABELS:
            return str(self.LABELS[self.event_type])
        status = self.event_type.rpartition(".")[2]
        if status in BookingRequest.Status.values:
            return str(BookingRequest.Status(status).label)
        return self.event_type
