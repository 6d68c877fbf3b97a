"""The staff's decision forms in the admin: review, approve, reject, defer."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from fonds.models import JuryMeeting
from fonds.services import message

from .fields import AmountField


class StartReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (internal)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionMailMixin(forms.Form):
    """The decision e-mail; staff see and may edit it before the decision is sent."""

    mail_subject = forms.CharField(label=_("E-mail subject"), required=False, max_length=200)
    mail_body = forms.CharField(
        label=_("E-mail text"), required=False, widget=forms.Textarea(attrs={"rows": 18})
    )
    DECISION_FIELDS: tuple = ()

    def __init__(self, *args, confirm=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.confirm = confirm
        if confirm:
            self.fields["mail_subject"].required = True
            self.fields["mail_body"].required = True

    def decision_fields(self):
        return [self[name] for name in self.DECISION_FIELDS]


class ApproveForm(DecisionMailMixin):
    amount = AmountField(
        label=_("Approved amount in euros"),
        help_text=_("At most the requested amount; less is a partial approval."),
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the applicant."),
    )
    reason_for_applicant = forms.CharField(
        label=_("Text for the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example why only a part is approved."),
    )
    internal_reason = forms.CharField(
        label=_("Internal reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for the office and the minutes."),
    )
    DECISION_FIELDS = ("amount", "conditions", "reason_for_applicant", "internal_reason")

    field_order = [*DECISION_FIELDS, "mail_subject", "mail_body"]

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise ValidationError(message("approved_amount_missing"), code="not_positive")
        return amount


class RejectForm(DecisionMailMixin):
    reason_for_applicant = forms.CharField(
        label=_("Reason for the applicant"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the applicant: please explain the decision in plain words."),
    )
    internal_reason = forms.CharField(
        label=_("Internal reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for the office and the minutes."),
    )
    DECISION_FIELDS = ("reason_for_applicant", "internal_reason")

    field_order = [*DECISION_FIELDS, "mail_subject", "mail_body"]


class DeferForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Next meeting"), queryset=JuryMeeting.objects.none(), empty_label=None
    )
    comment = forms.CharField(
        label=_("Comment (internal)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        meetings = JuryMeeting.objects.filter(fund_id=application.fund_id).order_by("date")
        if application.jury_meeting_id:
            meetings = meetings.filter(date__gt=application.jury_meeting.date)
        self.fields["meeting"].queryset = meetings
