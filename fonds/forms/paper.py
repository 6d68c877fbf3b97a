"""Paper applications typed in by staff in the admin: the online form's fields and rules."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fonds.models import Fund
from fonds.services import message

from .application import ApplicationFieldsForm
from .fields import DateInput, DocumentField
from .submission import ApplicationSubmission


class PaperApplicationForm(ApplicationFieldsForm):
    """The online form's fields and checks, typed in by staff from a signed paper form.

    No anti-spam fields (staff are logged in); the consent is the applicant's signature
    on paper, confirmed by the staff member; the scan of the signed original is required.
    """

    signed_original = DocumentField(
        label=_("signed original"),
        help_text=_("Scan or photo of the signed paper application: PDF, JPEG or PNG, 10 MB."),
    )
    received_on = forms.DateField(
        label=_("received on"),
        help_text=_("The day the paper application reached the office."),
        widget=DateInput,
    )

    class Meta(ApplicationFieldsForm.Meta):
        labels = {
            **ApplicationFieldsForm.Meta.labels,
            "name": _("Name of the applicant"),
            "email": _("E-mail address of the applicant"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["privacy_consent"].label = _(
            "The applicant has signed the consent to data processing on the paper form."
        )
        self.fields["privacy_consent"].help_text = ""
        self.fields["email"].required = False
        self.fields["email"].help_text = _(
            "Leave empty if the applicant has no e-mail address: letters then go by post "
            "to the postal address."
        )
        self.fields["attachments"].help_text = _(
            "Optional: further enclosures of the paper application (cost estimates, photos)."
        )
        if not self.is_bound:
            self.initial["received_on"] = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        received = cleaned.get("received_on")
        if received and received > timezone.localdate():
            self.add_error("received_on", message("received_in_future"))
        return cleaned

    def received_at(self):
        """The moment of receipt: now for today, else noon of the day it arrived."""
        received = self.cleaned_data["received_on"]
        if received == timezone.localdate():
            return timezone.now()
        return timezone.make_aware(datetime.datetime.combine(received, datetime.time(12)))


class PaperApplicationSubmission(ApplicationSubmission):
    """The same parts and rules as online; the fund's rules apply on the day of receipt."""

    def __init__(self, fund: Fund, data=None, files=None, *, add_row=None):
        super().__init__(fund, data, files, add_row=add_row)
        bound = data is not None
        # The formsets hold the data with an added row, if any: the form reads the same.
        self.form = PaperApplicationForm(
            self.expenses.data if bound else None, files if bound else None, prefix=None
        )

    def rules_date(self, cleaned):
        return cleaned.get("received_on")
