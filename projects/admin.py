from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from offices.admin_history import HistoryAdminMixin
from offices.admin_scoping import OfficeScopedAdmin, OfficeScopedInlineMixin

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
    list_display = (
        "title",
        "number",
        "office",
        "kind",
        "status",
        "theme_names",
        "start_date",
        "is_published",
        "is_featured",
    )
    list_filter = (
        ("office", admin.RelatedOnlyFieldListFilter),
        "kind",
        "status",
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
        (None, {"fields": ("office", "title", "slug", "kind", "status", "themes")}),
        (_("Texts"), {"fields": ("summary", "description")}),
        (_("Period"), {"fields": (("start_date", "end_date"),)}),
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
    list_filter = (("project__office", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("partner", "project")
    search_fields = ("partner__name", "project__title")
    autocomplete_fields = ["partner"]
    fields = ("project", "partner", "role", "order")


@admin.register(GalleryImage)
class GalleryImageAdmin(OfficeScopedAdmin):
    list_display = ("__str__", "project", "order")
    list_filter = (("project__office", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("project",)
    search_fields = ("caption", "image_alt", "project__title")
    fields = ("project", *IMAGE_FIELDS, "caption", "order")
