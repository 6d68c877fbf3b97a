from django.conf import settings
from django.contrib import admin, messages
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from offices.admin_scoping import (
    OfficeScopedAdmin,
    OfficeScopedInlineMixin,
    ReadOnlyAdminMixin,
    ReadOnlyInlineMixin,
)
from stadtteilbuero.admin import OutgoingMailInline

from . import admin_views, services
from .forms import StaffRequestForm
from .models import Booking, BookingEvent, BookingRequest, Room, RoomClosure, RoomHours, RoomPhoto

IMAGE_FIELDS = ("image", "image_alt", "image_credit", "image_licence")


class RoomHoursInline(OfficeScopedInlineMixin, admin.TabularInline):
    model = RoomHours
    extra = 0
    fields = ("weekday", "opens", "closes")


class RoomPhotoInline(OfficeScopedInlineMixin, admin.StackedInline):
    model = RoomPhoto
    extra = 0
    fields = (*IMAGE_FIELDS, "order")


class RoomClosureInline(OfficeScopedInlineMixin, admin.TabularInline):
    model = RoomClosure
    extra = 0
    fields = ("start_date", "end_date", "note")


@admin.register(Room)
class RoomAdmin(OfficeScopedAdmin):
    list_display = ("name", "office", "capacity", "step_free", "is_active", "week_link")
    list_filter = ("is_active", "office", "step_free", "has_kitchen")
    list_select_related = ("office",)
    search_fields = ("name", "summary", "office__name")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("staff_feed", "created_at", "updated_at")
    inlines = [RoomHoursInline, RoomClosureInline, RoomPhotoInline]
    fieldsets = (
        (None, {"fields": ("office", "name", "slug", "is_active", "summary", "description")}),
        (_("Size and place"), {"fields": ("location", ("capacity", "size_sqm"))}),
        (
            _("Accessibility"),
            {"fields": (("step_free", "accessible_toilet", "hearing_loop"), "accessibility_note")},
        ),
        (
            _("Equipment"),
            {
                "fields": (
                    ("has_kitchen", "has_projector", "has_tables_chairs", "has_wifi"),
                    "equipment_note",
                )
            },
        ),
        (
            _("Conditions"),
            {
                "fields": (
                    ("audience", "non_commercial_only"),
                    ("price", "price_note"),
                    "house_rules",
                    "key_handover",
                    ("lead_days", "max_hours", "max_days_ahead"),
                )
            },
        ),
        (_("Image"), {"classes": ["collapse"], "fields": IMAGE_FIELDS}),
        (_("Calendar for the office"), {"fields": ("staff_feed",)}),
        (_("Metadata"), {"classes": ["collapse"], "fields": ("created_at", "updated_at")}),
    )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/woche/",
                self.admin_site.admin_view(
                    lambda request, object_id: admin_views.week_view(self, request, object_id)
                ),
                name="rooms_room_week",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("week"))
    def week_link(self, room):
        url = reverse("admin:rooms_room_week", args=[room.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Week calendar"))

    @admin.display(description=_("calendar feed with the bookings"))
    def staff_feed(self, room):
        if not room.pk:
            return "–"
        url = reverse("rooms:room-staff-feed", kwargs={"slug": room.slug, "token": room.feed_token})
        return format_html(
            "{}<br><code>{}</code>",
            gettext("Subscribe to this address in your calendar app (keep it to the office):"),
            settings.PORTAL_BASE_URL.rstrip("/") + url,
        )


class BookingEventInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = BookingEvent
    fields = ("created_at", "event_type", "from_status", "to_status", "actor", "comment")
    readonly_fields = fields
    verbose_name_plural = _("history")


class BookingInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Booking
    fields = ("start", "end")
    readonly_fields = fields
    verbose_name_plural = _("booked dates")


@admin.register(BookingRequest)
class BookingRequestAdmin(OfficeScopedAdmin):
    list_display = ("start", "room", "name", "organisation", "people", "status", "created_at")
    list_filter = ("status", "room__office", "room")
    list_select_related = ("room__office",)
    search_fields = ("name", "organisation", "email", "purpose", "room__name")
    date_hierarchy = "start"
    inlines = [BookingInline, BookingEventInline, OutgoingMailInline]
    readonly_fields = (
        "room",
        "status",
        "start",
        "end",
        "repeat_until",
        "proposed_start",
        "proposed_end",
        "message",
        "accepted_rules",
        "accepted_privacy",
        "entered_by",
        "decided_at",
        "decided_by",
        "closed_at",
        "anonymised_at",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("room", "status", ("start", "end"), "repeat_until")}),
        (
            _("Requester"),
            {"fields": ("purpose", "people", "name", "organisation", "email", "phone")},
        ),
        (
            _("Decision"),
            {"fields": ("message", ("proposed_start", "proposed_end"), "decided_at", "decided_by")},
        ),
        (
            _("Metadata"),
            {
                "classes": ["collapse"],
                "fields": (
                    ("accepted_rules", "accepted_privacy"),
                    "entered_by",
                    "closed_at",
                    "anonymised_at",
                    "created_at",
                    "updated_at",
                ),
            },
        ),
    )
    add_fieldsets = (
        (None, {"fields": ("room", "date", ("time_from", "time_to"), "weekly", "repeat_until")}),
        (
            _("Requester"),
            {"fields": ("purpose", "people", "name", "organisation", "email", "phone")},
        ),
        (None, {"fields": ("confirm_now",)}),
    )

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else self.fieldsets

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = StaffRequestForm
        return super().get_form(request, obj, change, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        booking_request = services.request_submit(
            request=form.booking_request(), entered_by=request.user
        )
        form.instance = booking_request
        if form.cleaned_data.get("confirm_now"):
            try:
                services.request_confirm(request=booking_request, actor=request.user)
            except services.BookingError as error:
                messages.error(request, " ".join([error.message, *error.problems]))

    def has_delete_permission(self, request, obj=None):
        # The history and the mails hang on the request; cancel it instead.
        return request.user.is_superuser

    def get_urls(self):
        return [*admin_views.step_urls(self), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "step_buttons": admin_views.step_buttons(obj) if obj else [],
            "week_url": (
                reverse("admin:rooms_room_week", args=[obj.room_id])
                + f"?woche={timezone.localdate(obj.start):%Y-%m-%d}"
            ),
        }
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    """The booked dates, for looking up; they change only through their request."""

    list_display = ("start", "end", "room", "request")
    list_filter = ("room__office", "room")
    list_select_related = ("room__office", "request__room")
    date_hierarchy = "start"
    search_fields = ("room__name", "request__name", "request__organisation")
