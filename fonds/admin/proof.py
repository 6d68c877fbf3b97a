"""Proofs of use in the admin: staff read the report and the payments with their
receipts (through the permission-checked download view) and accept or send it back."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from fonds import services
from fonds.forms import ProofReviewForm
from fonds.models import Proof, ProofPayment, ProofPhoto
from offices.admin_scoping import OfficeScopedAdmin, ReadOnlyAdminMixin, ReadOnlyInlineMixin

from .display import download_link, euro


class ProofPaymentInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = ProofPayment
    fields = ("paid_on", "payee", "purpose", "amount", "receipt")
    readonly_fields = fields

    @admin.display(description=_("receipt"))
    def receipt(self, obj):
        return download_link(obj)


class ProofPhotoInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = ProofPhoto
    fields = ("photo", "kind", "size")
    readonly_fields = fields

    @admin.display(description=_("photo"))
    def photo(self, obj):
        return download_link(obj)


@admin.register(Proof)
class ProofAdmin(OfficeScopedAdmin):
    """Staff read the proof of use and accept it or send it back with a note."""

    form = ProofReviewForm
    list_display = (
        "application",
        "status",
        "submitted_at",
        "participants",
        "spent_display",
        "reviewed_at",
    )
    list_filter = ("status", "application__fund__year", "application__fund__office")
    list_select_related = ("application", "reviewed_by")
    search_fields = ("application__reference_number", "application__project_title")
    date_hierarchy = "submitted_at"
    list_per_page = 50
    actions = ["accept_proofs"]
    inlines = [ProofPaymentInline, ProofPhotoInline]
    readonly_fields = (
        "application",
        "status",
        "submitted_at",
        "report",
        "participants",
        "spent_display",
        "paid_display",
        "repayment_display",
        "reviewed_at",
        "reviewed_by",
        "review_note",
    )
    fieldsets = (
        (None, {"fields": ("application", "status", "submitted_at")}),
        (_("Report"), {"fields": ("report", "participants")}),
        (_("Money"), {"fields": ("spent_display", "paid_display", "repayment_display")}),
        (_("Review"), {"fields": ("decision", "note")}),
        (
            _("Metadata"),
            {
                "classes": ["collapse"],
                "fields": ("reviewed_at", "reviewed_by", "review_note"),
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("payments", "application__payouts")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fieldsets(self, request, obj=None):
        if obj is not None and obj.status != Proof.Status.SUBMITTED:
            return [fieldset for fieldset in self.fieldsets if fieldset[0] != _("Review")]
        return self.fieldsets

    @admin.display(description=_("spent"))
    def spent_display(self, obj):
        return euro(obj.spent)

    @admin.display(description=_("paid out"))
    def paid_display(self, obj):
        return euro(obj.application.paid_amount)

    @admin.display(description=_("repayment due"))
    def repayment_display(self, obj):
        return euro(obj.application.repayment_due)

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        note = form.cleaned_data.get("note", "")
        try:
            if decision == "accept":
                services.proof_accept(proof=obj, actor=request.user, comment=note)
            elif decision == "return":
                services.proof_return(proof=obj, actor=request.user, note=note)
        except services.ApplicationError as error:
            messages.error(request, error.message)

    @admin.action(description=_("Accept the selected proofs of use"), permissions=["change"])
    def accept_proofs(self, request, queryset):
        accepted = 0
        for proof in queryset.filter(status=Proof.Status.SUBMITTED):
            try:
                services.proof_accept(proof=proof, actor=request.user)
            except services.ApplicationError as error:
                messages.error(request, f"{proof}: {error.message}")
            else:
                accepted += 1
        messages.success(
            request,
            ngettext(
                "%(count)s proof of use accepted.", "%(count)s proofs of use accepted.", accepted
            )
            % {"count": accepted},
        )


class ProofFileAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    list_per_page = 50

    @admin.display(description=_("file"))
    def download(self, obj):
        return download_link(obj)


@admin.register(ProofPayment)
class ProofPaymentAdmin(ProofFileAdmin):
    list_display = ("payee", "purpose", "amount", "paid_on", "download", "proof")
    list_filter = ("kind",)
    list_select_related = ("proof__application",)
    search_fields = ("payee", "purpose", "proof__application__reference_number")
    date_hierarchy = "paid_on"
    fields = ("proof", "paid_on", "payee", "purpose", "amount", "download", "kind", "size")
    readonly_fields = fields


@admin.register(ProofPhoto)
class ProofPhotoAdmin(ProofFileAdmin):
    list_display = ("original_name", "download", "kind", "proof")
    list_filter = ("kind",)
    list_select_related = ("proof__application",)
    search_fields = ("original_name", "proof__application__reference_number")
    fields = ("proof", "download", "kind", "size")
    readonly_fields = fields
