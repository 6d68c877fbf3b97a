from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from offices.admin_scoping import ReadOnlyAdminMixin

from .mail import mail_resend
from .models import EasyReadPage, OutgoingMail, SearchEntry

MAIL_FIELDS = [
    "subject",
    "recipients",
    "status",
    "attempts",
    "last_error",
    "created_at",
    "next_attempt_at",
    "sent_at",
]


class MailDisplayMixin:
    resend_query = ""  # "?back=mail": return to the mail's own page rather than its object's

    @admin.display(description=_("recipients"))
    def recipients(self, mail):
        return ", ".join(mail.to)

    @admin.display(description=_("resend"))
    def resend_button(self, mail):
        if mail.pk is None or not mail.can_resend:
            return "–"
        # A button of the surrounding admin form (forms cannot nest), posted to the resend view.
        return format_html(
            '<button type="submit" class="button" formmethod="post" formaction="{}">{}</button>',
            reverse("admin:stadtteilbuero_outgoingmail_resend", args=[mail.pk]) + self.resend_query,
            _("Send again"),
        )


class OutgoingMailInline(MailDisplayMixin, GenericTabularInline):
    """The mails about the object of the page (add it to e.g. the fund application's admin):
    state, attempts, error and times, with a button to send one again."""

    model = OutgoingMail
    ct_field = "content_type"
    ct_fk_field = "object_id"
    fields = [*MAIL_FIELDS, "resend_button"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("e-mails")

    def has_view_permission(self, request, obj=None):
        # The parent's admin decides who sees its page; its mails come with it.
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutgoingMail)
class OutgoingMailAdmin(MailDisplayMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """The whole queue, for administrators; office staff see mails on their own objects."""

    list_display = ["subject", "recipients", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "content_type"]
    # No body: it may carry an applicant's secret status link, which is theirs alone.
    search_fields = ["subject", "to"]
    list_select_related = ["content_type"]
    list_per_page = 50
    date_hierarchy = "created_at"
    fields = [*MAIL_FIELDS, "reply_to", "content_type", "object_id", "resend_button"]
    readonly_fields = fields
    actions = ["resend_selected"]
    resend_query = "?back=mail"

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_resend_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    @admin.action(description=_("Send the selected e-mails again"), permissions=["resend"])
    def resend_selected(self, request, queryset):
        mails = [mail for mail in queryset if mail.can_resend]
        for mail in mails:
            mail_resend(mail)
        message = ngettext(
            "%(count)d e-mail is queued to be sent again.",
            "%(count)d e-mails are queued to be sent again.",
            len(mails),
        )
        self.message_user(request, message % {"count": len(mails)})

    def get_urls(self):
        resend = self.admin_site.admin_view(require_POST(self.resend_view))
        return [
            path("<int:object_id>/resend/", resend, name="stadtteilbuero_outgoingmail_resend"),
            *super().get_urls(),
        ]

    def resend_view(self, request, object_id):
        mail = get_object_or_404(OutgoingMail, pk=object_id)
        about_admin = self._about_admin(mail)
        if not (self.has_resend_permission(request) or self._may_change_about(request, mail)):
            raise Http404
        if mail.can_resend:
            mail_resend(mail)
            messages.success(request, _("The e-mail is queued to be sent again."))
        if about_admin is not None and request.GET.get("back") != "mail":
            opts = about_admin.model._meta
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", mail.object_id)
        return redirect("admin:stadtteilbuero_outgoingmail_change", mail.pk)

    def _about_admin(self, mail):
        about = mail.about
        return None if about is None else self.admin_site._registry.get(type(about))

    def _may_change_about(self, request, mail):
        """Staff may resend a mail about an object their office's admin lets them change."""
        about_admin = self._about_admin(mail)
        if about_admin is None:
            return False
        about = mail.about
        return about_admin.has_change_permission(request, about) and (
            about_admin.get_queryset(request).filter(pk=about.pk).exists()
        )


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
