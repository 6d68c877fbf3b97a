from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from offices.admin_scoping import ReadOnlyAdminMixin

from .models import EasyReadPage, SearchEntry


@admin.register(EasyReadPage)
class EasyReadPageAdmin(admin.ModelAdmin):
    """Portal-wide, like the legal pages: for administrators and whom they give the right."""

    list_display = ("title", "language", "updated_at")
    list_filter = ("language",)
    search_fields = ("title", "body")
    list_per_page = 50
    readonly_fields = ("updated_at",)
    fieldsets = (
        (
            None,
            {
                "fields": ("language", "title", "body"),
                "description": _(
                    "Leichte Sprache: short sentences, one statement each, no foreign words; "
                    "explain every hard word. Without a page here, the portal shows its "
                    "built-in text."
                ),
            },
        ),
        (_("Sign-language video"), {"fields": ("video", "captions")}),
        (_("Metadata"), {"fields": ("updated_at",), "classes": ("collapse",)}),
    )


@admin.register(SearchEntry)
class SearchEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """What search reads for each object (normalized), to answer "why is X not found?".
    Written only on save and by `manage.py rebuild_search_index`."""

    list_display = ("kind", "object_id", "title", "updated_at")
    list_filter = ("kind",)
    search_fields = ("title", "document")
    list_per_page = 50
    date_hierarchy = "updated_at"
