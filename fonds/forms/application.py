"""The online application form: what an applicant fills in."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from fonds.models import Application
from stadtteilbuero.antispam import SpamProtectedForm

from .fields import AmountField, DateInput, DocumentsField

APPLICATION_FIELDS = [
    "applicant_type",
    "name",
    "organisation",
    "street",
    "postal_code",
    "city",
    "email",
    "phone",
    "project_title",
    "description",
    "benefit",
    "target_group",
    "expected_participants",
    "place",
    "start_date",
    "end_date",
    "partners",
    "requested_amount",
    "declares_no_double_funding",
    "declares_no_commercial_purpose",
    "declares_no_follow_up_costs",
    "consent_publish",
    "declares_photo_rights",
]


class ApplicationFieldsForm(forms.ModelForm):
    """What an applicant tells the fund, online or on paper."""

    requested_amount = AmountField(
        label=_("requested amount (€)"),
        min_value=Decimal("0.01"),
        help_text=_("How much money do you ask the fund for? For example 850 or 1.250,50."),
    )
    privacy_consent = forms.BooleanField(
        label=_("I agree that my data are processed to handle this application."),
        help_text=_(
            "The office stores your details only to decide on and carry out the funding. "
            "Details in the privacy statement."
        ),
    )
    attachments = DocumentsField(
        label=_("attachments"),
        required=False,
        help_text=_(
            "Optional: cost estimates, a flyer draft, photos. Up to 5 files, PDF, JPEG or PNG, "
            "at most 10 MB each."
        ),
    )

    DECLARATIONS = [
        "declares_no_double_funding",
        "declares_no_commercial_purpose",
        "declares_no_follow_up_costs",
        "consent_publish",
        "declares_photo_rights",
    ]

    SECTIONS = [
        (
            "about-you",
            _("About you"),
            [
                "applicant_type",
                "name",
                "organisation",
                "street",
                "postal_code",
                "city",
                "email",
                "phone",
            ],
        ),
        (
            "project",
            _("The project"),
            [
                "project_title",
                "description",
                "benefit",
                "target_group",
                "expected_participants",
                "place",
                "start_date",
                "end_date",
                "partners",
            ],
        ),
    ]

    class Meta:
        model = Application
        fields = APPLICATION_FIELDS
        widgets = {
            "applicant_type": forms.RadioSelect,
            "start_date": DateInput,
            "end_date": DateInput,
            "description": forms.Textarea(attrs={"rows": 5}),
            "benefit": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "name": _("Your name"),
            "street": _("Street and house number"),
            "postal_code": _("Postcode"),
            "email": _("Your e-mail address"),
            "phone": _("Telephone"),
            "declares_no_double_funding": _(
                "The same costs are not funded by any other programme (no double funding)."
            ),
            "declares_no_commercial_purpose": _("The project has no commercial purpose."),
            "declares_no_follow_up_costs": _("The project causes no follow-up costs for the fund."),
            "consent_publish": _(
                "If the project is funded, its title and the amount may be published on this "
                "website."
            ),
            "declares_photo_rights": _(
                "For photos of the project I will ask the people shown for their consent."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.DECLARATIONS:
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = _("Please confirm this declaration.")
        self.fields["privacy_consent"].error_messages["required"] = _(
            "Without your consent we cannot process the application."
        )
        # Online the e-mail is needed (confirmation, status link); paper forms may lack it.
        self.fields["email"].required = True
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["street"].widget.attrs["autocomplete"] = "address-line1"
        self.fields["postal_code"].widget.attrs["autocomplete"] = "postal-code"
        self.fields["city"].widget.attrs["autocomplete"] = "address-level2"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["expected_participants"].widget.attrs["inputmode"] = "numeric"
        self.fields["requested_amount"].widget.attrs["data-requested"] = ""

    def sections(self):
        return [
            {"id": key, "title": title, "fields": [self[name] for name in names]}
            for key, title, names in self.SECTIONS
        ]

    def declaration_fields(self):
        return [self[name] for name in self.DECLARATIONS]


class ApplicationForm(SpamProtectedForm, ApplicationFieldsForm):
    """The public online form: the fields with the spam checks."""

    class Meta(ApplicationFieldsForm.Meta):
        pass
