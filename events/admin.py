from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from offices.admin_history import HistoryAdminMixin
from offices.admin_scoping import (
    OfficeScopedAdmin,
    OfficeScopedInlineMixin,
    OfficesWithRowsFilter,
    ReadOnlyAdminMixin,
)

from .forms import EventAdminForm
from .models import CancelledDate, Category, Event, Occurrence
from .services import event_duplicate, event_sync_occurrences

IMAGE_FIELDS = ("image", "image_alt", "image_credit", "image_licence")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    list_per_page = 50


class CancelledDateInline(OfficeScopedInlineMixin, admin.TabularInline):
    model = CancelledDate
    extra = 0
    fields = ("date", "note")
    verbose_name = _("cancelled date")
    verbose_name_plural = _(
        "Cancelled single dates (only for recurring events: the event does not take place "
        "on these days)"
    )


@admin.register(Event)
class EventAdmin(HistoryAdminMixin, TranslationAdmin, OfficeScopedAdmin):
    form = EventAdminForm
    list_display = (
        "title",
        "start",
        "recurrence",
        "office",
        "category",
        "status",
        "is_free",
        "is_published",
    )
    # Only offices the member manages (and that have events) appear in the filter.
    list_filter = (
        ("office", OfficesWithRowsFilter),
        "category",
        "is_free",
        "status",
        "recurrence",
        "is_published",
    )
    list_select_related = ("office", "category")
    search_fields = ("title", "summary", "location_name", "slug")
    date_hierarchy = "start"
    ordering = ("-start",)
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("created_at", "updated_at", "created_by")
    inlines = [CancelledDateInline]
    actions = ["duplicate_events"]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "office",
                    "title",
                    "slug",
                    "category",
                    "project",
                    "summary",
                    "description",
                )
            },
        ),
        (_("Date and time"), {"fields": ("start", "end", "all_day")}),
        (
            _("Repetition"),
            {
                "description": _(
                    "A recurring event appears on every date in the list, the calendar "
                    "and the feeds. Enter the first date above, choose the rule here and "
                    "the last possible date. Single dates that do not take place are "
                    "entered below as cancelled dates."
                ),
                "fields": (
                    "recurrence",
                    "recurrence_weekdays",
                    "recurrence_week",
                    "recurrence_until",
                ),
            },
        ),
        (_("Place"), {"fields": ("location_name", "address")}),
        (
            _("Price, registration and accessibility"),
            {
                "fields": (
                    ("is_free", "price"),
                    ("registration", "registration_info"),
                    "accessibility",
                    "languages",
                )
            },
        ),
        (_("Image"), {"fields": IMAGE_FIELDS}),
        (_("Status and publication"), {"fields": ("status", "status_note", "is_published")}),
        (
            _("Metadata"),
            {"classes": ["collapse"], "fields": ("created_at", "updated_at", "created_by")},
        ),
    )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # The cancelled dates are saved now; only then are the stored dates rewritten.
        super().save_related(request, form, formsets, change)
        event_sync_occurrences(event=form.instance)

    @admin.action(description=_("Duplicate selected events (as drafts)"), permissions=["add"])
    def duplicate_events(self, request, queryset):
        copies = [event_duplicate(event=event, user=request.user) for event in queryset]
        self.message_user(
            request,
            ngettext(
                "%(count)d event was copied. The copy is not published yet.",
                "%(count)d events were copied. The copies are not published yet.",
                len(copies),
            )
            % {"count": len(copies)},
            messages.SUCCESS,
        )


@admin.register(CancelledDate)
class CancelledDateAdmin(OfficeScopedAdmin):
    list_display = ("date", "event", "note")
    list_select_related = ("event", "event__office")
    list_filter = (("event__office", OfficesWithRowsFilter),)
    search_fields = ("event__title", "note")
    date_hierarchy = "date"
    autocomplete_fields = ["event"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        event_sync_occurrences(event=obj.event)

    def delete_model(self, request, obj):
        event = obj.event
        super().delete_model(request, obj)
        event_sync_occurrences(event=event)

    def delete_queryset(self, request, queryset):
        events = list({cancelled.event for cancelled in queryset.select_related("event")})
        super().delete_queryset(request, queryset)
        for event in events:
            event_sync_occurrences(event=event)


@admin.register(Occurrence)
class OccurrenceAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    """The stored dates, read-only: they follow from the event and its cancelled dates."""

    list_display = ("start", "end", "event", "office", "is_cancelled")
    list_select_related = ("event", "event__office")
    list_filter = (("event__office", OfficesWithRowsFilter), "is_cancelled")
    search_fields = ("event__title",)
    date_hierarchy = "start"

    @admin.display(description=_("office"), ordering="event__office__name")
    def office(self, obj):
        return obj.event.office
