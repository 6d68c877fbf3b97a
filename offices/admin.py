from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from accounts.roles import is_city_admin

from .admin_history import HistoryAdminMixin
from .admin_scoping import OfficeScopedAdmin, OfficeScopedInlineMixin
from .models import (
    Download,
    HoursException,
    Notice,
    Office,
    OfficeHours,
    OfficeMembership,
    TeamMember,
    WorkArea,
)

IMAGE_FIELDS = ("image", "image_alt", "image_credit", "image_licence")
METADATA = (_("Metadata"), {"classes": ["collapse"], "fields": ("created_at", "updated_at")})


class OfficeHoursInline(OfficeScopedInlineMixin, admin.TabularInline):
    model = OfficeHours
    extra = 0
    fields = ("kind", "label", "weekday", "opens", "closes", "note")


class HoursExceptionInline(OfficeScopedInlineMixin, admin.TabularInline):
    model = HoursException
    extra = 0
    fields = ("kind", "start_date", "end_date", "applies_to", "opens", "closes", "note")


class WorkAreaInline(OfficeScopedInlineMixin, admin.StackedInline):
    model = WorkArea
    extra = 0
    fields = ("title", "description", "order")


class TeamMemberInline(OfficeScopedInlineMixin, admin.StackedInline):
    model = TeamMember
    extra = 0
    fields = (
        ("name", "role"),
        ("email", "phone"),
        "languages",
        *IMAGE_FIELDS,
        ("order", "is_visible"),
    )


class DownloadInline(OfficeScopedInlineMixin, admin.TabularInline):
    model = Download
    extra = 0
    fields = ("title", "file", "description", "order")


class MembershipInline(admin.TabularInline):
    model = OfficeMembership
    extra = 0
    autocomplete_fields = ["user"]
    verbose_name = _("staff member with access")
    verbose_name_plural = _("staff with access to this office")

    def has_view_permission(self, request, obj=None):
        return is_city_admin(request.user)


@admin.register(Office)
class OfficeAdmin(HistoryAdminMixin, TranslationAdmin, OfficeScopedAdmin):
    history_related = ("hours", "hours_exceptions", "team")
    list_display = ("name", "kind", "city", "district", "code", "is_active")
    list_filter = ("kind", "city", "is_active")
    search_fields = ("name", "district", "city", "code")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at", "updated_at")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [
        OfficeHoursInline,
        HoursExceptionInline,
        WorkAreaInline,
        TeamMemberInline,
        DownloadInline,
        MembershipInline,
    ]
    fieldsets = (
        (None, {"fields": ("name", "slug", "code", "kind", "is_active")}),
        (
            _("Area and carrier"),
            {"fields": (("city", "federal_state"), "district", "carrier", "programme")},
        ),
        (_("Texts"), {"fields": ("summary", "description", "history")}),
        (
            _("Address and contact"),
            {
                "fields": (
                    "street",
                    ("postal_code", "locality"),
                    "directions",
                    ("latitude", "longitude"),
                    ("phone", "email"),
                    "website",
                    "answering_machine_note",
                )
            },
        ),
        (_("Hours"), {"fields": ("by_appointment", "hours_note")}),
        (_("Image"), {"fields": IMAGE_FIELDS}),
        METADATA,
    )

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if not is_city_admin(request.user):
            # The identity of an office is the administrators' business.
            fields = (*fields, "slug", "code", "is_active")
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        return (
            {} if not is_city_admin(request.user) else super().get_prepopulated_fields(request, obj)
        )

    def has_add_permission(self, request):
        return is_city_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_city_admin(request.user)


@admin.register(Notice)
class NoticeAdmin(HistoryAdminMixin, TranslationAdmin, OfficeScopedAdmin):
    list_display = (
        "title",
        "office",
        "published_at",
        "is_published",
        "pinned_until",
        "pinned_portal_wide",
    )
    list_filter = ("is_published", "office")
    list_select_related = ("office",)
    search_fields = ("title", "summary", "body")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("created_by", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("office", "title", "slug", "summary", "body")}),
        (
            _("Publishing"),
            {"fields": ("is_published", "published_at", "pinned_until", "pinned_portal_wide")},
        ),
        (_("Image"), {"classes": ["collapse"], "fields": IMAGE_FIELDS}),
        (
            _("Metadata"),
            {"classes": ["collapse"], "fields": ("created_by", "created_at", "updated_at")},
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if not is_city_admin(request.user):
            # What every office's page shows is the city's decision.
            fields = (*fields, "pinned_portal_wide")
        return fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(TeamMember)
class TeamMemberAdmin(HistoryAdminMixin, OfficeScopedAdmin):
    list_display = ("name", "role", "office", "order", "is_visible")
    list_filter = ("office", "is_visible")
    list_select_related = ("office",)
    list_editable = ("order", "is_visible")
    search_fields = ("name", "role", "email")
    fields = (
        "office",
        ("name", "role"),
        ("email", "phone"),
        "languages",
        *IMAGE_FIELDS,
        ("order", "is_visible"),
    )


@admin.register(Download)
class DownloadAdmin(OfficeScopedAdmin):
    list_display = ("title", "office", "order")
    list_filter = ("office",)
    list_select_related = ("office",)
    search_fields = ("title", "description")
    fields = ("office", "title", "file", "description", "order")


@admin.register(OfficeMembership)
class OfficeMembershipAdmin(OfficeScopedAdmin):
    list_display = ("user", "office", "created_at")
    list_filter = ("office",)
    list_select_related = ("user", "office")
    search_fields = ("user__username", "user__email", "office__name")
    autocomplete_fields = ["user"]

    def has_module_permission(self, request):
        return is_city_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return is_city_admin(request.user)

    def has_add_permission(self, request):
        return is_city_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return is_city_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_city_admin(request.user)
