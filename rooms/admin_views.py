"""Staff pages of the room workflow in the admin: one button per step on a request's
page (confirm, decline, propose another time, cancel), one small view per button that
calls exactly one service, and a week calendar per room with who booked what."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import availability, forms, services
from .models import Booking, BookingRequest, Room
from .views import parse_week

S = BookingRequest.Status

# (name, path, button label, target status, form)
STEPS = [
    ("confirm", "bestaetigen", _("Confirm"), S.CONFIRMED, forms.ConfirmForm),
    ("propose", "anderer-termin", _("Propose another time"), S.PROPOSED, forms.ProposeForm),
    ("decline", "ablehnen", _("Decline"), S.DECLINED, forms.DeclineForm),
    ("cancel", "stornieren", _("Cancel"), S.CANCELLED, forms.ConfirmForm),
]


def step_buttons(booking_request):
    return [
        {
            "url": reverse(f"admin:rooms_bookingrequest_{name}", args=[booking_request.pk]),
            "label": label,
            "action": name,
        }
        for name, _path, label, status, _form in STEPS
        if booking_request.can_transition_to(status)
    ]


def step_urls(model_admin):
    return [
        path(
            f"<path:object_id>/{slug}/",
            model_admin.admin_site.admin_view(
                lambda request, object_id, name=name: step_view(
                    model_admin, request, object_id, name
                )
            ),
            name=f"rooms_bookingrequest_{name}",
        )
        for name, slug, _label, _status, _form in STEPS
    ]


def run_step(name, booking_request, user, data):
    message = data.get("message", "")
    if name == "confirm":
        return services.request_confirm(request=booking_request, actor=user, message=message)
    if name == "decline":
        return services.request_decline(request=booking_request, actor=user, message=message)
    if name == "propose":
        return services.request_propose(
            request=booking_request,
            actor=user,
            start=data["start"],
            end=data["end"],
            message=message,
        )
    return services.request_cancel(request=booking_request, actor=user, message=message)


def step_view(model_admin, request, object_id, name):
    booking_request = model_admin.get_object(request, object_id)
    if booking_request is None:
        raise Http404
    if not model_admin.has_change_permission(request, booking_request):
        raise PermissionDenied
    _name, _slug, label, status, form_class = next(step for step in STEPS if step[0] == name)
    change_url = reverse("admin:rooms_bookingrequest_change", args=[booking_request.pk])
    if not booking_request.can_transition_to(status):
        messages.error(
            request,
            gettext("This is not possible for a request in status “%(status)s”.")
            % {"status": booking_request.get_status_display()},
        )
        return redirect(change_url)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            run_step(name, booking_request, request.user, form.cleaned_data)
        except services.BookingError as error:
            form.add_error(None, error.message)
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            messages.success(
                request,
                gettext("Done: %(step)s. The requester gets an e-mail if they gave an address.")
                % {"step": label},
            )
            return redirect(change_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": BookingRequest._meta,
        "original": booking_request,
        "title": f"{label}: {booking_request}",
        "form": form,
        "change_url": change_url,
        "dates": availability.occurrences(
            booking_request.start, booking_request.end, booking_request.repeat_until
        ),
        "button_label": label,
    }
    return TemplateResponse(request, "admin/rooms/bookingrequest/step.html", context)


def week_view(model_admin, request, object_id):
    """A room's week for staff: bookings with who booked, open requests, closures."""
    room = model_admin.get_object(request, object_id)
    if room is None:
        raise Http404
    if not model_admin.has_view_permission(request, room):
        raise PermissionDenied
    today = timezone.localdate()
    asked = request.GET.get("woche", "")
    monday = parse_week(
        asked or today.isoformat(),
        first=today - datetime.timedelta(days=2 * 365),
        last=today + datetime.timedelta(days=2 * 365),
    )
    sunday = monday + datetime.timedelta(days=6)
    start = availability.aware(monday, datetime.time.min)
    end = availability.aware(sunday, datetime.time.max)
    bookings = list(
        Booking.objects.filter(room=room)
        .between(start, end)
        .select_related("request")
        .order_by("start")
    )
    pending = BookingRequest.objects.filter(
        room=room, status__in=S.open(), start__lte=end, last_end__gte=start
    )
    closures = availability.closures(room, monday, sunday)
    days = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        entries = [
            (b.start, b.end, b.request, True)
            for b in bookings
            if timezone.localdate(b.start) == day
        ]
        for booking_request in pending:
            for slot_start, slot_end in availability.occurrences(
                booking_request.start, booking_request.end, booking_request.repeat_until
            ):
                if timezone.localdate(slot_start) == day:
                    entries.append((slot_start, slot_end, booking_request, False))
        days.append(
            {
                "date": day,
                "closed": availability.closure_on(closures, day),
                "entries": sorted(entries, key=lambda entry: entry[0]),
            }
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Room._meta,
        "original": room,
        "title": gettext("%(room)s: week from %(date)s")
        % {"room": room.name, "date": formats.date_format(monday, "SHORT_DATE_FORMAT")},
        "days": days,
        "previous_week": monday - datetime.timedelta(days=7),
        "next_week": monday + datetime.timedelta(days=7),
        "add_url": reverse("admin:rooms_bookingrequest_add"),
        "closures_url": reverse("admin:rooms_room_change", args=[room.pk]),
    }
    return TemplateResponse(request, "admin/rooms/room/week.html", context)
