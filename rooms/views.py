import datetime
import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from stadtteilbuero.antispam import (
    count_stored,
    form_post_allowed,
    private,
    too_many_requests,
)

from . import availability, ics, services
from .forms import BookingRequestForm, RoomFilterForm
from .jsonld import room_jsonld
from .models import Booking, BookingEvent, BookingRequest, Room

logger = logging.getLogger(__name__)

BUSY_FEED_DAYS = 180


class RoomListView(ListView):
    context_object_name = "rooms"
    paginate_by = 20
    template_name = "rooms/room_list.html"

    def get_queryset(self):
        self.filter_form = RoomFilterForm(self.request.GET or None)
        rooms = Room.objects.active().with_office().order_by("office__name", "name")
        return self.filter_form.filter(rooms)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(filter_form=self.filter_form, query=query.urlencode())
        return context


def parse_week(value: str, *, first: datetime.date, last: datetime.date) -> datetime.date:
    """The Monday of the week asked for (?woche=YYYY-MM-DD), kept between the weeks of
    `first` and `last`; anything unreadable means the week of `first`."""
    earliest = availability.monday_of(first)
    try:
        asked = availability.monday_of(datetime.date.fromisoformat(value[:10]))
    except (TypeError, ValueError):
        return earliest
    return min(max(asked, earliest), availability.monday_of(last))


class RoomDetailView(DetailView):
    context_object_name = "room"

    def get_queryset(self):
        return Room.objects.active().with_office().prefetch_related("hours", "photos")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        room = self.object
        today = timezone.localdate()
        last_day = today + datetime.timedelta(days=room.max_days_ahead)
        monday = parse_week(self.request.GET.get("woche", ""), first=today, last=last_day)
        hours = list(room.hours.all())
        previous_week = monday - datetime.timedelta(days=7)
        next_week = monday + datetime.timedelta(days=7)
        context.update(
            hours=hours,
            week=availability.week(room, hours, monday),
            monday=monday,
            sunday=monday + datetime.timedelta(days=6),
            today=today,
            earliest=today + datetime.timedelta(days=room.lead_days),
            previous_week=previous_week if previous_week >= availability.monday_of(today) else None,
            next_week=next_week if next_week <= last_day else None,
            jsonld=room_jsonld(room, self.request),
        )
        return context


class RequestCreateView(View):
    """The booking request: no account, works without JavaScript."""

    template_name = "rooms/bookingrequest_form.html"

    def get_room(self):
        return get_object_or_404(
            Room.objects.active().with_office().prefetch_related("hours"), slug=self.kwargs["slug"]
        )

    def render(self, room, form, status=200):
        context = {"room": room, "office": room.office, "form": form, "hours": room.hours.all()}
        response = render(self.request, self.template_name, context, status=status)
        # What the visitor typed is theirs; the empty form comes from the page cache.
        return private(response) if form.is_bound else response

    def get(self, request, slug):
        room = self.get_room()
        initial = {}
        for name in ("date", "time_from", "time_to"):
            if value := request.GET.get(name, "")[:10]:
                initial[name] = value
        return self.render(room, BookingRequestForm(room=room, initial=initial))

    def post(self, request, slug):
        room = self.get_room()
        if not form_post_allowed(request, "rooms"):
            return too_many_requests(request, "rooms/too_many_requests.html", {"room": room})
        form = BookingRequestForm(request.POST, room=room)
        if form.is_spam:
            logger.info("Honeypot field filled in on the room request form of %s", room)
            count_stored(request, "rooms", settings.ROOMS_REQUESTS_PER_HOUR)
        if not form.is_valid():
            return self.render(room, form, status=400)
        if not count_stored(request, "rooms", settings.ROOMS_REQUESTS_PER_HOUR):
            return too_many_requests(request, "rooms/too_many_requests.html", {"room": room})
        booking_request = services.request_submit(request=form.booking_request())
        messages.success(
            request,
            _(
                "Thank you! Your request has been sent. We have sent you an e-mail with the "
                "link to this page; the office will answer soon."
            ),
        )
        return private(redirect(booking_request.get_status_url()))


def get_request_by_token(token) -> BookingRequest:
    booking_request = get_object_or_404(
        BookingRequest.objects.select_related("room__office"), token=token
    )
    if booking_request.status_link_expired():
        raise Http404
    return booking_request


class RequestDetailView(View):
    """The requester's status page, reached by the secret link from the e-mail."""

    def get(self, request, token):
        booking_request = get_object_or_404(
            BookingRequest.objects.select_related("room__office"), token=token
        )
        room = booking_request.room
        if booking_request.status_link_expired():
            context = {"office": room.office, "room": room}
            return private(render(request, "rooms/status_link_expired.html", context, status=410))
        events = BookingEvent.objects.filter(request=booking_request).order_by("created_at", "pk")
        context = {
            "booking_request": booking_request,
            "room": room,
            "office": room.office,
            "dates": availability.occurrences(
                booking_request.start, booking_request.end, booking_request.repeat_until
            ),
            "proposed_dates": (
                availability.occurrences(
                    booking_request.proposed_start,
                    booking_request.proposed_end,
                    booking_request.repeat_until,
                )
                if booking_request.has_proposal
                else []
            ),
            "events": events,
        }
        return private(render(request, "rooms/bookingrequest_detail.html", context))


@require_POST
def request_cancel(request, token):
    booking_request = get_request_by_token(token)
    try:
        services.request_cancel(request=booking_request)
    except services.BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your request has been cancelled."))
    return private(redirect(booking_request.get_status_url()))


@require_POST
def request_accept(request, token):
    """The requester accepts the time the office proposed: it is booked at once if free."""
    booking_request = get_request_by_token(token)
    if not booking_request.has_proposal:
        messages.error(request, _("There is no proposal to accept."))
        return private(redirect(booking_request.get_status_url()))
    try:
        services.request_confirm(request=booking_request)
    except services.BookingError as error:
        messages.error(request, " ".join([error.message, *error.problems]))
    else:
        messages.success(request, _("Thank you! The room is booked for you at the new time."))
    return private(redirect(booking_request.get_status_url()))


def request_ics(request, token):
    booking_request = get_request_by_token(token)
    status_url = request.build_absolute_uri(booking_request.get_status_url())
    return private(ics.request_calendar(booking_request, status_url))


def room_busy_ics(request, slug):
    room = get_object_or_404(Room.objects.active().with_office(), slug=slug)
    now = timezone.now()
    bookings = Booking.objects.filter(room=room).between(
        now - datetime.timedelta(days=7), now + datetime.timedelta(days=BUSY_FEED_DAYS)
    )
    return ics.busy_calendar(room, bookings.order_by("start"))


def room_staff_ics(request, slug, token):
    """The office's feed of a room with who booked: only with the room's secret token."""
    room = get_object_or_404(Room.objects.with_office(), slug=slug)
    if not constant_time_compare(room.feed_token, token):
        raise Http404
    since = timezone.now() - datetime.timedelta(days=30)
    bookings = (
        Booking.objects.filter(room=room, end__gte=since)
        .select_related("request")
        .order_by("start")
    )
    return private(ics.staff_calendar(room, bookings))
