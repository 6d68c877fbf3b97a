"""The proof of use: the applicant's form with its payments and receipts, and the staff's
payout and review forms in the admin."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from fonds.models import PROOF_MAX_PAYMENTS, Application, Payout, Proof, ProofPayment
from fonds.services.errors import message
from stadtteilbuero.form_rendering import PUBLIC_FORM_RENDERER, PublicFormRendering

from .cost_plan import style_line_widgets, unvalidated
from .fields import AmountField, DateInput, DocumentField, PhotosField, parse_amount
from .summary import form_error_items, formset_error_items


class ProofForm(PublicFormRendering, forms.ModelForm):
    photos = PhotosField(
        label=_("photos"),
        required=False,
        help_text=_(
            "Optional: up to 10 photos of the project, JPEG or PNG, at most 10 MB each. "
            "Only with the consent of the people shown."
        ),
    )

    class Meta:
        model = Proof
        fields = ["report", "participants"]
        widgets = {"report": forms.Textarea(attrs={"rows": 6})}
        labels = {"participants": _("Number of participants")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].widget.attrs["inputmode"] = "numeric"
        self.fields["report"].error_messages["required"] = _(
            "Please describe in a few sentences what took place."
        )
        self.fields["participants"].error_messages["required"] = _(
            "Please enter about how many people took part."
        )


class ProofPaymentForm(forms.ModelForm):
    amount = AmountField(label=_("amount (€)"), min_value=Decimal("0.01"))
    receipt = DocumentField(label=_("receipt"))
    # A payment of a returned proof: its receipt stays unless a new one is chosen.
    payment_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    remove = forms.BooleanField(label=_("remove"), required=False)

    class Meta:
        model = ProofPayment
        fields = ["paid_on", "payee", "purpose", "amount"]
        widgets = {"paid_on": DateInput}
        labels = {"paid_on": _("date"), "payee": _("paid to"), "purpose": _("what for")}

    def __init__(self, *args, application=None, kept=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.fields["receipt"].error_messages["required"] = message("receipt_missing")
        # {id: payment} of the returned proof; a row showing one needs no new receipt.
        self.kept = kept or {}
        self.kept_payment = self.kept.get(self._payment_id())
        if self.kept_payment is not None:
            self.fields["receipt"].required = False
        self.fields["amount"].error_messages["min_value"] = _(
            "Please enter an amount of more than 0 €."
        )
        style_line_widgets(self)

    def clean_paid_on(self):
        paid_on = self.cleaned_data["paid_on"]
        if paid_on is not None and self.application is not None:
            error = self.application.fund.payment_date_error(paid_on)
            if error:
                raise ValidationError(error, code="implausible_date")
        return paid_on

    def _payment_id(self):
        value = self.data.get(self.add_prefix("payment_id")) if self.is_bound else None
        if value is None:
            value = self.initial.get("payment_id")
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    def clean_payment_id(self):
        """Only a payment of the returned proof may be kept (a guessed id is ignored)."""
        return self.kept_payment

    def full_clean(self):
        super().full_clean()
        if self.is_bound and _removed(self):
            self._errors = ErrorDict()  # a payment to remove is not checked

    def has_changed(self):
        return any(
            self.data.get(self.add_prefix(name), "").strip()
            for name in ("paid_on", "payee", "purpose", "amount")
        ) or bool(self.files.get(self.add_prefix("receipt")))

    def as_payment(self) -> dict:
        """The row as the services take it: `payment` is the kept ProofPayment or None."""
        data = dict(self.cleaned_data)
        data["payment"] = data.pop("payment_id", None)
        return data


class BaseProofPaymentFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if not any(form.has_changed() and not _removed(form) for form in self.forms):
            raise ValidationError(
                _("Please list at least one payment with its receipt."), code="no_payments"
            )

    def payments(self):
        """The rows to keep or add (removed ones are left out)."""
        return [
            form.as_payment()
            for form in self.forms
            if form.has_changed() and form.is_valid() and not _removed(form)
        ]


def _removed(form) -> bool:
    return form.kept_payment is not None and bool(form.data.get(form.add_prefix("remove")))


ProofPaymentFormSet = forms.formset_factory(
    ProofPaymentForm,
    renderer=PUBLIC_FORM_RENDERER,
    formset=BaseProofPaymentFormSet,
    extra=3,
    max_num=PROOF_MAX_PAYMENTS,
    validate_max=True,
    absolute_max=PROOF_MAX_PAYMENTS,
)


class ProofSubmission:
    """The proof form and its list of payments. Without JavaScript, 'add row' is a submit
    button that returns the form with what was typed and one row more (files must be
    chosen again after any round trip: browsers never send them back)."""

    def __init__(
        self, application: Application, data=None, files=None, *, add_row=False, returned=None
    ):
        """`returned`: the proof sent back, whose entries the form starts from."""
        self.application = application
        self.returned = returned
        if data is not None and add_row:
            data = data.copy()
            try:
                total = int(data.get("payments-TOTAL_FORMS", 0)) + 1
            except ValueError:
                total = 1
            data["payments-TOTAL_FORMS"] = str(min(total, PROOF_MAX_PAYMENTS))
        kept = {payment.pk: payment for payment in returned.payments.all()} if returned else {}
        self.form = ProofForm(data, files)
        initial = None
        if returned is not None:
            self.form.initial.update(report=returned.report, participants=returned.participants)
            initial = [
                {
                    "payment_id": payment.pk,
                    "paid_on": payment.paid_on,
                    "payee": payment.payee,
                    "purpose": payment.purpose,
                    "amount": payment.amount,
                }
                for payment in kept.values()
            ]
        self.payments = ProofPaymentFormSet(
            data,
            files,
            prefix="payments",
            initial=initial,
            form_kwargs={"application": application, "kept": kept},
        )

    @property
    def is_bound(self):
        return self.form.is_bound

    def show_without_errors(self):
        unvalidated(self.form)
        for form in self.payments.forms:
            unvalidated(form)
        self.payments._non_form_errors = self.payments.error_class()
        self.payments._errors = []

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.payments.is_valid()])

    def typed_total(self):
        total = Decimal("0.00")
        for form in self.payments.forms:
            amount = parse_amount(self.form.data.get(form.add_prefix("amount")) or None)
            if amount is not None:
                total += amount
        return total

    def error_summary(self):
        return [
            *form_error_items(self.form),
            *formset_error_items(_("Payments"), self.payments),
        ]


class PayoutForm(forms.ModelForm):
    """The admin's payout form; saving goes through services.application_record_payout."""

    class Meta:
        model = Payout
        fields = ["application", "amount", "paid_on", "is_advance"]


class ProofReviewForm(forms.ModelForm):
    """The admin's review of a proof: accept, or send back with a note (via the services)."""

    decision = forms.ChoiceField(
        label=_("decision"),
        required=False,
        choices=[
            ("", _("– no decision yet –")),
            ("accept", _("Accept the proof of use")),
            ("return", _("Send it back with a note")),
        ],
    )
    note = forms.CharField(
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "When sending back: what the applicant must change (they see it). When accepting: "
            "an optional comment for the history."
        ),
    )

    class Meta:
        model = Proof
        fields = []

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision and self.instance.status != Proof.Status.SUBMITTED:
            raise ValidationError(
                _("This proof of use has been reviewed already."), code="reviewed"
            )
        if decision == "return" and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Please tell the applicant what to change."))
        return cleaned
