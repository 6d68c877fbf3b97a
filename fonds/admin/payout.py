"""Payouts in the admin: recorded through the service (within the approved amount) and
never changed afterwards; a wrong entry is corrected by the administrators."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_city_admin
from fonds import services
from fonds.forms import PayoutForm
from fonds.models import Application, Payout
from offices.admin_scoping import OfficeScopedAdmin


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
        return is_city_admin(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "application":
            kwargs["queryset"] = Application.objects.managed_by(request.user).filter(
                status__in=Application.Status.payable()
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


@admin.action(
    description=_("Pay out the rest of the approved amount today"), permissions=["change"]
)
def pay_out_rest(modeladmin, request, queryset):
    """One payout per selected approved or paid application: what is left to pay
    (Application.rest_to_pay)."""
    paid = 0
    for application in queryset.filter(status__in=Application.Status.payable()):
        rest = application.rest_to_pay
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
