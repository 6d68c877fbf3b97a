"""Payouts and proofs of use in the admin; receipts and photos open through the
permission-checked download view."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from offices.admin_scoping import OfficeScopedAdmin, ReadOnlyAdminMixin, ReadOnlyInlineMixin

from . import services
from .forms import PayoutForm, ProofReviewForm
from .models import (
    ZERO,
    Application,
    Payout,
    Proof,
    ProofPayment,
    ProofPhoto,
    euro,
)

# --- Payouts and proof of use ---------------------------------------------------------


def download_link(obj):
    return format_html('<a href="{}">{}</a>', obj.get_download_url(), obj.original_name)


class PayoutInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Payout
    fields = ("paid_on", "amount", "is_advance", "recorded_by", "created_at")
    readonly_fields = fields
    verbose_name_plural = _("payouts (record a payout under “Payouts”)")


class ProofInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Proof
    fields = ("submitted_at", "status", "participants", "repayment_due", "review_note")
    readonly_fields = fields
    show_change_link = True


@admin.register(Payout)
class PayoutAdmin(OfficeScopedAdmin):
    """Payouts are recorded through the service (≤ approved amount, status paid) and are
    not changed afterwards: a wrong entry is corrected by the administrators."""

    form = PayoutForm
    list_display = ("application", "amount", "paid_on", "is_advance", "recorded_by")
    list_filter = ("is_advance", "application__fund__year", "application__fund__office")
    list_select_related = ("application", "recorded_by")
    search_fields = ("application__reference_number", "application__project_title")
    date_hierarchy = "paid_on"
    autocomplete_fields = ("application",)
    list_per_page = 50
    readonly_fields = ("recorded_by", "created_at")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "application":
            kwargs["queryset"] = Application.objects.managed_by(request.user).filter(
                status__in=services.PAYABLE
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class CheckedPayoutForm(form_class):
            def clean(self):
                cleaned = super().clean()
                application = cleaned.get("application")
                if application is not None:
                    errors = services.payout_errors(
                        application=application,
                        amount=cleaned.get("amount"),
                        paid_on=cleaned.get("paid_on"),
                        is_advance=cleaned.get("is_advance", False),
                    )
                    for field, messages_ in errors.items():
                        for message in messages_:
                            self.add_error(field, message)
                return cleaned

        return CheckedPayoutForm

    def save_model(self, request, obj, form, change):
        payout = services.application_record_payout(
            application=obj.application,
            actor=request.user,
            amount=obj.amount,
            paid_on=obj.paid_on,
            is_advance=obj.is_advance,
        )
        obj.pk = payout.pk
        obj.recorded_by = payout.recorded_by
        obj.created_at = payout.created_at


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
        "repayment_due",
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
        "repayment_due",
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
                "fields": ("reviewed_at", "reviewed_by", "review_note", "repayment_due"),
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

    def _paid(self, obj):
        return sum((payout.amount for payout in obj.application.payouts.all()), ZERO)

    @admin.display(description=_("paid out"))
    def paid_display(self, obj):
        return euro(self._paid(obj))

    @admin.display(description=_("repayment due"))
    def repayment_display(self, obj):
        if obj.repayment_due is not None:
            amount = obj.repayment_due
        else:
            amount = max(self._paid(obj) - obj.spent, ZERO)
        return euro(amount)

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


class ProofOverdueFilter(admin.SimpleListFilter):
    """Approved or paid applications without a proof FONDS_PROOF_DUE_DAYS after the end."""

    title = _("proof of use")
    parameter_name = "proof"

    def lookups(self, request, model_admin):
        return [("overdue", _("overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.proof_overdue()
        return queryset


@admin.action(
    description=_("Pay out the rest of the approved amount today"), permissions=["change"]
)
def pay_out_rest(modeladmin, request, queryset):
    """One payout per selected approved or paid application: approved − paid so far."""
    paid = 0
    for application in queryset.filter(status__in=services.PAYABLE).prefetch_related("payouts"):
        rest = application.granted_amount - sum(
            (payout.amount for payout in application.payouts.all()), ZERO
        )
        if rest <= 0:
            continue
        try:
            services.application_record_payout(
                application=application,
                actor=request.user,
                amount=rest,
                paid_on=timezone.localdate(),
            )
        except services.ApplicationError as error:
            messages.error(request, f"{application.reference_number}: {error.message}")
        else:
            paid += 1
    messages.success(
        request,
        ngettext("%(count)s payout recorded.", "%(count)s payouts recorded.", paid)
        % {"count": paid},
    )
    if not paid:
        messages.info(request, gettext("Nothing left to pay out for the selected applications."))
