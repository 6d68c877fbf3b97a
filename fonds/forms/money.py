"""Bank details, payouts from the application's page and booked repayments."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from schwifty import IBAN
from schwifty.exceptions import InvalidChecksumDigits, SchwiftyException

from fonds.services import message
from stadtteilbuero.form_rendering import PublicFormRendering

from .fields import AmountField, DateInput


class IBANField(forms.CharField):
    """An IBAN checked with schwifty (length, country, checksum); cleans to the compact
    form `DE89370400440532013000`, spaces and lower case allowed on the way in."""

    default_error_messages = {
        "checksum": _(
            "This IBAN is not correct: its check digits do not match. Please compare it "
            "with your bank card or statement."
        ),
        "invalid": _("Please enter a complete IBAN, for example DE89 3704 0044 0532 0130 00."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 42)  # 34 characters with spaces between the groups
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "autocomplete": "off", "spellcheck": "false"}

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        try:
            return IBAN(value).compact
        except InvalidChecksumDigits as error:
            raise ValidationError(self.error_messages["checksum"], code="checksum") from error
        except SchwiftyException as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class BankDetailsForm(PublicFormRendering, forms.Form):
    """The account the approved money is paid to: by the applicant on the status page, or
    typed in by staff from a paper form."""

    account_holder = forms.CharField(
        label=_("account holder"),
        max_length=150,
        help_text=_("The name as the bank knows it: yours, or your group's or association's."),
    )
    iban = IBANField(label=_("IBAN"), help_text=_("22 characters for a German account."))


class RecordPayoutForm(forms.Form):
    """A payout recorded on the application's admin page (no JavaScript needed)."""

    class Kind:
        ADVANCE = "advance"
        FINAL = "final"

    amount = AmountField(label=_("amount"))
    paid_on = forms.DateField(label=_("paid on"), widget=DateInput)
    kind = forms.ChoiceField(
        label=_("kind of payout"),
        choices=[(Kind.FINAL, _("Payout")), (Kind.ADVANCE, _("Advance before the proof of use"))],
        widget=forms.RadioSelect,
        initial=Kind.FINAL,
    )

    @property
    def is_advance(self) -> bool:
        return self.cleaned_data.get("kind") == self.Kind.ADVANCE


class RepaymentForm(forms.Form):
    """A repayment received from the applicant."""

    amount = AmountField(label=_("amount"))
    received_on = forms.DateField(label=_("received on"), widget=DateInput)

    def clean_received_on(self):
        received = self.cleaned_data["received_on"]
        if received > timezone.localdate():
            raise ValidationError(message("date_in_future"), code="future")
        return received


class LetterForm(forms.Form):
    """Which letter to write; only the kinds that fit the application are offered."""

    kind = forms.ChoiceField(label=_("letter"), widget=forms.RadioSelect)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
