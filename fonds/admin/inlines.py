"""What the application's admin page shows below its fields: the finance plan, files,
notes, payouts, proofs and the history, all read-only except new notes."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from fonds.models import (
    ApplicationEvent,
    ApplicationNote,
    Attachment,
    ExpenseLine,
    IncomeLine,
    Letter,
    Payout,
    Proof,
    Repayment,
)
from offices.admin_scoping import OfficeScopedInlineMixin, ReadOnlyInlineMixin

from .display import download_link, euro, local_time


class ExpenseLineInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = ExpenseLine
    fields = ("category", "description", "quantity", "unit_price_display", "total_display")
    readonly_fields = fields

    @admin.display(description=_("unit price"))
    def unit_price_display(self, obj):
        return euro(obj.unit_price)

    @admin.display(description=_("total"))
    def total_display(self, obj):
        return euro(obj.total)


class IncomeLineInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = IncomeLine
    fields = ("kind", "description", "amount_display")
    readonly_fields = fields

    @admin.display(description=_("amount"))
    def amount_display(self, obj):
        return euro(obj.amount)


class AttachmentInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Attachment
    fields = ("download", "purpose", "kind", "size", "uploaded")
    readonly_fields = fields

    @admin.display(description=_("file"))
    def download(self, obj):
        return download_link(obj)

    @admin.display(description=_("uploaded"))
    def uploaded(self, obj):
        return local_time(obj.created_at)


class ApplicationNoteInline(OfficeScopedInlineMixin, admin.StackedInline):
    """Staff notes: added here, never edited or shown to the applicant."""

    model = ApplicationNote
    extra = 1
    can_delete = False
    fields = ("text", "author", "written")
    readonly_fields = ("author", "written")

    def has_change_permission(self, request, obj=None):
        # Existing notes stay as written (shown read-only); new ones can be added.
        return False

    @admin.display(description=_("created"))
    def written(self, obj):
        return local_time(obj.created_at) if obj.pk else "–"


class MoneyRecordInline(ReadOnlyInlineMixin, admin.TabularInline):
    """Payouts and repayments: recorded through the buttons above, read-only here."""

    @admin.display(description=_("amount"))
    def amount_display(self, obj):
        return euro(obj.amount)

    @admin.display(description=_("recorded"))
    def recorded(self, obj):
        return local_time(obj.created_at)


class PayoutInline(MoneyRecordInline):
    model = Payout
    fields = ("paid_on", "amount_display", "is_advance", "recorded_by", "recorded")
    readonly_fields = fields
    verbose_name_plural = _("payouts (record one with the button “Record a payout” above)")


class RepaymentInline(MoneyRecordInline):
    model = Repayment
    fields = ("received_on", "amount_display", "recorded_by", "recorded")
    readonly_fields = fields


class LetterInline(ReadOnlyInlineMixin, admin.TabularInline):
    """Letters as PDF: download to print and post, or to send."""

    model = Letter
    fields = ("download", "letter_kind", "by_post", "created_by", "written")
    readonly_fields = fields

    @admin.display(description=_("file"))
    def download(self, obj):
        return download_link(obj)

    @admin.display(description=_("written"))
    def written(self, obj):
        return local_time(obj.created_at)


class ProofInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Proof
    fields = ("submitted", "status", "participants", "review_note")
    readonly_fields = fields
    show_change_link = True

    @admin.display(description=_("submitted"))
    def submitted(self, obj):
        return local_time(obj.submitted_at)


class ApplicationEventInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = ApplicationEvent
    fields = ("when", "event", "from_status", "to_status", "actor", "comment")
    readonly_fields = fields

    @admin.display(description=_("date"))
    def when(self, obj):
        return local_time(obj.created_at)

    @admin.display(description=_("event"))
    def event(self, obj):
        return obj.label
