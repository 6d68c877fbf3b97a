from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from offices.admin_history import HistoryAdminMixin
from offices.admin_scoping import OfficeScopedAdmin, OfficeScopedInlineMixin, OfficesWithRowsFilter
from offices.models import Office

from .models import GalleryImage, Partner, Project, ProjectPartner, Theme

IMAGE_FIELDS = ("image", "image_alt", "image_credit", "image_licence")


class ProjectPartnerInline(OfficeScopedInlineMixin, admin.TabularInline):
    model = ProjectPartner
    extra = 0
    autocomplete_fields = ["partner"]
    fields = ("partner", "role", "order")


class GalleryImageInline(OfficeScopedInlineMixin, admin.StackedInline):
    model = GalleryImage
    extra = 0
    fields = (*IMAGE_FIELDS, "caption", "order")


class ProjectAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        offices = cleaned.get("also_concerns") or []
        try:
            Project.validate_also_concerns(cleaned.get("office"), offices)
        except ValidationError as error:
            self.add_error("also_concerns", error)
        return cleaned


class StatusFilter(admin.SimpleListFilter):
    """The shown status (planned, ongoing, completed), set by staff or by the period."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Project.Status.choices

    def queryset(self, request, queryset):
        if self.value() in Project.Status.values:
            return queryset.in_status(self.value())
        return queryset


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    list_per_page = 50


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "website")
    search_fields = ("name",)
    list_per_page = 50


@admin.register(Project)
class ProjectAdmin(HistoryAdminMixin, TranslationAdmin, OfficeScopedAdmin):
    form = ProjectAdminForm
    list_display = (
        "title",
        "number",
        "office",
        "kind",
        "status_shown",
        "theme_names",
        "start_date",
        "is_published",
        "is_featured",
    )
    list_filter = (
        ("office", OfficesWithRowsFilter),
        "kind",
        StatusFilter,
        "themes",
        "is_published",
        "is_featured",
    )
    list_select_related = ("office",)
    search_fields = ("title", "number")
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["themes"]
    readonly_fields = ("created_by", "created_at", "updated_at")
    inlines = [ProjectPartnerInline, GalleryImageInline]
    fieldsets = (
        (None, {"fields": ("office", "also_concerns", "title", "slug", "kind", "themes")}),
        (_("Texts"), {"fields": ("summary", "description")}),
        (_("Period"), {"fields": (("start_date", "end_date"), "status_override")}),
        (_("Main image"), {"fields": IMAGE_FIELDS}),
        (
            _("ISEK measure"),
            {
                "classes": ["collapse"],
                "description": _(
                    "Only for the kind “ISEK measure”: number, costs and priority are required "
                    "there. Leave these fields empty for a plain project."
                ),
                "fields": (
                    "number",
                    "actors",
                    "goals",
                    "first_steps",
                    ("costs", "financing"),
                    "priority",
                    ("start_year", "duration_years"),
                    "development_goals",
                    "synergies",
                ),
            },
        ),
        (_("Publishing"), {"fields": ("is_published", "is_featured")}),
        (
            _("Metadata"),
            {"classes": ["collapse"], "fields": ("created_by", "created_at", "updated_at")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "also_concerns":
            # Any office may be marked as concerned (not only the staff member's own):
            # it shows the project on that office's page, its staff gain no rights.
            kwargs["queryset"] = Office.objects.order_by("city", "name")
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("status"))
    def status_shown(self, obj):
        if obj.status_override:
            return obj.get_status_display()
        return _("%(status)s (by period)") % {"status": obj.get_status_display()}

    @admin.display(description=_("themes"))
    def theme_names(self, obj):
        return ", ".join(theme.name for theme in obj.themes.all())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(OfficeScopedAdmin):
    list_display = ("partner", "project", "role", "order")
    list_filter = (("project__office", OfficesWithRowsFilter),)
    list_select_related = ("partner", "project")
    search_fields = ("partner__name", "project__title")
    autocomplete_fields = ["partner"]
    fields = ("project", "partner", "role", "order")


@admin.register(GalleryImage)
class GalleryImageAdmin(OfficeScopedAdmin):
    list_display = ("__str__", "project", "order")
    list_filter = (("project__office", OfficesWithRowsFilter),)
    list_select_related = ("project",)
    search_fields = ("caption", "image_alt", "project__title")
    fields = ("project", *IMAGE_FIELDS, "caption", "order")
