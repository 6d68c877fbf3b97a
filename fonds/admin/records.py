"""Lists of the records behind applications (cost and income items, history, files,
notes), to find and read them; they are written by the services only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from fonds import services
from fonds.models import (
    ApplicationEvent,
    ApplicationNote,
    Attachment,
    ExpenseLine,
    IncomeLine,
    Letter,
    Repayment,
)
from offices.admin_scoping import OfficeScopedAdmin, ReadOnlyAdminMixin

from .display import download_link


@admin.register(ExpenseLine)
class ExpenseLineAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    list_display = ("description", "category", "total", "application")
    list_filter = ("category",)
    list_select_related = ("category", "application")
    search_fields = ("description", "application__reference_number")


@admin.register(IncomeLine)
class IncomeLineAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    list_display = ("kind", "description", "amount", "application")
    list_filter = ("kind",)
    list_select_related = ("application",)
    search_fields = ("description", "application__reference_number")


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    list_display = ("created_at", "event_type", "application", "from_status", "to_status", "actor")
    list_filter = ("event_type", "to_status")
    list_select_related = ("application", "actor")
    search_fields = ("application__reference_number", "comment")
    date_hierarchy = "created_at"


@admin.register(Attachment)
class AttachmentAdmin(OfficeScopedAdmin):
    list_display = ("original_name", "kind", "size", "application", "created_at")
    list_filter = ("kind",)
    list_select_related = ("application",)
    search_fields = ("original_name", "application__reference_number")
    date_hierarchy = "created_at"
    fields = ("download", "application", "kind", "size", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    # Deleting goes through the service: the history records it, the file goes too.
    def delete_model(self, request, obj):
        services.attachment_delete(attachment=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for attachment in queryset.select_related("application"):
            services.attachment_delete(attachment=attachment, actor=request.user)

    @admin.display(description=_("file"))
    def download(self, obj):
        return download_link(obj)


@admin.register(ApplicationNote)
class ApplicationNoteAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    """Notes are written on the application's page; here they can be found and read."""

    list_display = ("created_at", "application", "author", "short_text")
    list_select_related = ("application", "author")
    list_filter = ("application__fund__year",)
    search_fields = ("text", "application__reference_number")
    date_hierarchy = "created_at"
    fields = ("application", "author", "created_at", "text")
    readonly_fields = fields

    @admin.display(description=_("note"))
    def short_text(self, obj):
        return obj.text[:80]


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    """Letters are written on the application's page; here they can be found again."""

    list_display = ("created_at", "letter_kind", "application", "by_post", "created_by")
    list_filter = ("letter_kind", "by_post")
    list_select_related = ("application", "created_by")
    search_fields = ("application__reference_number", "application__project_title")
    date_hierarchy = "created_at"
    fields = ("download", "application", "letter_kind", "by_post", "created_by", "created_at")
    readonly_fields = fields

    @admin.display(description=_("file"))
    def download(self, obj):
        return download_link(obj)


@admin.register(Repayment)
class RepaymentAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    """Repayments are booked on the application's page (services.application_book_repayment)."""

    list_display = ("application", "amount", "received_on", "recorded_by")
    list_filter = ("application__fund__year",)
    list_select_related = ("application", "recorded_by")
    search_fields = ("application__reference_number", "application__project_title")
    date_hierarchy = "received_on"
