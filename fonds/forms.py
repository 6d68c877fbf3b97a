import datetime
import re
import time
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    ATTACHMENT_MAX_FILES,
    PROOF_MAX_PAYMENTS,
    PROOF_MAX_PHOTOS,
    Application,
    CostCategory,
    ExpenseLine,
    Fund,
    IncomeLine,
    JuryMeeting,
    Payout,
    Proof,
    ProofPayment,
    attachment_kind,
    proof_photo_kind,
)
from .services import finance_totals

STARTED_SALT = "fonds.application.started"
STARTED_MAX_AGE = 24 * 60 * 60
GERMAN_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_amount(value) -> Decimal | None:
    """'1.234,56', '1234,56', '1234.56', '1.234' and '1 234,56 €' -> Decimal; None if unreadable.

    A comma is always the decimal sign (German). Without a comma, dots that group digits
    in threes are thousands separators ('1.234' is 1234), otherwise a dot is the decimal
    sign ('1234.56').
    """
    if value is None:
        return None
    if isinstance(value, Decimal | int | float):
        return Decimal(str(value))
    text = str(value).strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    text = text.replace("'", "")
    if not text:
        return None
    if "," in text:
        if text.count(",") > 1:
            return None
        integer, _sep, fraction = text.partition(",")
        if "." in integer and not GERMAN_GROUPED.match(integer):
            return None
        text = integer.replace(".", "") + "." + fraction
    elif GERMAN_GROUPED.match(text):
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


class AmountField(forms.DecimalField):
    """A decimal entered in German ('1.234,56') or plain ('1234.56') notation."""

    widget = forms.TextInput

    def __init__(self, *, max_digits=10, decimal_places=2, **kwargs):
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("Please enter an amount such as 1.234,56 or 1234.56.")},
        )
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_amount(value)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        return attrs


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to five files, each checked by content (see fonds.models.attachment_kind)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf"})
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        files = [upload for upload in files if upload]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > ATTACHMENT_MAX_FILES:
            raise ValidationError(
                _("Please attach at most %(max)s files."),
                code="too_many_files",
                params={"max": ATTACHMENT_MAX_FILES},
            )
        errors = []
        for upload in files:
            try:
                super().clean(upload, initial)
                attachment_kind(upload)
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return files


def started_stamp(now: float | None = None) -> str:
    """A signed timestamp of when the form was shown (minimum fill time, no captcha)."""
    return signing.dumps(now if now is not None else time.time(), salt=STARTED_SALT)


# What an applicant fills in (the admin shows the same fields, read-only).
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


class ApplicationForm(forms.ModelForm):
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
    # Anti-spam without a captcha: a field people never see, and the time the form was shown.
    homepage = forms.CharField(
        label=_("Please leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_started = forms.CharField(widget=forms.HiddenInput, required=False)
    attachments = AttachmentsField(
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
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
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
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["street"].widget.attrs["autocomplete"] = "street-address"
        self.fields["postal_code"].widget.attrs["autocomplete"] = "postal-code"
        self.fields["city"].widget.attrs["autocomplete"] = "address-level2"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["expected_participants"].widget.attrs["inputmode"] = "numeric"
        self.fields["requested_amount"].widget.attrs["data-requested"] = ""
        if not self.is_bound:
            self.initial["form_started"] = started_stamp()
        elif self.started_at() is None:
            # Missing, forged or expired: hand out a fresh stamp with the returned form.
            self.data = self.data.copy()
            self.data[self.add_prefix("form_started")] = started_stamp()
            self.stamp_was_invalid = True

    stamp_was_invalid = False

    def started_at(self):
        try:
            return float(
                signing.loads(
                    self.data.get(self.add_prefix("form_started"), ""),
                    salt=STARTED_SALT,
                    max_age=STARTED_MAX_AGE,
                )
            )
        except (signing.BadSignature, TypeError, ValueError):
            return None

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix("homepage"), "").strip())

    def clean(self):
        cleaned = super().clean()
        if self.stamp_was_invalid:
            raise ValidationError(
                _("The form was open for too long. Please check your details and send it again."),
                code="stamp_invalid",
            )
        started = self.started_at()
        min_seconds = getattr(settings, "FONDS_MIN_FILL_SECONDS", 5)
        if started is not None and time.time() - started < min_seconds:
            raise ValidationError(
                _("That was very fast. Please check your details and send the form again."),
                code="too_fast",
            )
        if self.is_spam:
            raise ValidationError(
                _("The form could not be sent. Please leave the last field empty."), code="spam"
            )
        return cleaned

    def sections(self):
        return [
            {"id": key, "title": title, "fields": [self[name] for name in names]}
            for key, title, names in self.SECTIONS
        ]

    def declaration_fields(self):
        return [self[name] for name in self.DECLARATIONS]


def style_line_widgets(form):
    """Bootstrap classes for the compact rows of the cost and income tables."""
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs["class"] = css


class ExpenseLineForm(forms.ModelForm):
    quantity = AmountField(
        label=_("quantity"), max_digits=8, min_value=Decimal("0.01"), initial=Decimal("1")
    )
    unit_price = AmountField(label=_("unit price (€)"))

    class Meta:
        model = ExpenseLine
        fields = ["category", "description", "quantity", "unit_price"]

    def __init__(self, *args, category_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].empty_label = _("– please choose –")
        if category_choices is not None:
            # The rows share one list: the categories are read once, not once per row.
            self.fields["category"].choices = category_choices
        style_line_widgets(self)
        self.fields["quantity"].widget.attrs["data-quantity"] = ""
        self.fields["unit_price"].widget.attrs["data-unit-price"] = ""

    @property
    def typed_total(self):
        """The row's total from what was typed (None before a price is there)."""
        if not self.is_bound:
            return None
        price = parse_amount(self.data.get(self.add_prefix("unit_price")) or None)
        quantity = parse_amount(self.data.get(self.add_prefix("quantity")) or None)
        if price is None:
            return None
        return (price * (quantity if quantity is not None else Decimal(1))).quantize(
            Decimal("0.01")
        )

    def has_changed(self):
        # The preset quantity "1" alone does not make a row worth checking.
        return any(
            self.data.get(self.add_prefix(name), "").strip()
            for name in ("category", "description", "unit_price")
        )


class IncomeLineForm(forms.ModelForm):
    amount = AmountField(label=_("amount (€)"))

    class Meta:
        model = IncomeLine
        fields = ["kind", "description", "amount"]
        labels = {"kind": _("type of income"), "description": _("details")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("– please choose –")), *IncomeLine.Kind.choices]
        style_line_widgets(self)
        self.fields["kind"].widget.attrs["data-income-kind"] = ""
        self.fields["amount"].widget.attrs["data-amount"] = ""
        self.fields["kind"].widget.attrs["data-own-kinds"] = " ".join(
            IncomeLine.Kind.own_contribution()
        )

    def has_changed(self):
        return any(
            self.data.get(self.add_prefix(name), "").strip() for name in ("description", "amount")
        )


class BaseLineFormSet(forms.BaseFormSet):
    def instances(self):
        return [
            form.save(commit=False) for form in self.forms if form.has_changed() and form.is_valid()
        ]


ExpenseFormSet = forms.formset_factory(
    ExpenseLineForm,
    formset=BaseLineFormSet,
    extra=3,
    min_num=1,
    validate_min=True,
    max_num=30,
    validate_max=True,
    absolute_max=30,
)
IncomeFormSet = forms.formset_factory(
    IncomeLineForm,
    formset=BaseLineFormSet,
    extra=2,
    max_num=20,
    validate_max=True,
    absolute_max=20,
)


def _unvalidated(form):
    """Show what was typed without error messages (after 'add row' or 'recalculate')."""
    form._errors = forms.utils.ErrorDict()
    return form


class ApplicationSubmission:
    """The application form, its two finance-plan formsets, and the fund's rules.

    `is_valid()` checks each part, then the rules of the fund (maximum, remaining budget,
    own contribution, excluded categories, income = costs, no early start). Messages
    go next to the fields; finance-plan messages to the money section.
    """

    def __init__(self, fund: Fund, data=None, files=None, *, add_row=None):
        self.fund = fund
        category_choices = [("", _("– please choose –"))] + [
            (category.pk, category.name) for category in CostCategory.objects.all()
        ]
        if data is not None and add_row in ("expenses", "incomes"):
            data = data.copy()
            key = f"{add_row}-TOTAL_FORMS"
            limit = {"expenses": ExpenseFormSet, "incomes": IncomeFormSet}[add_row].max_num
            try:
                data[key] = str(min(int(data.get(key, 0)) + 1, limit))
            except ValueError:
                data[key] = "1"
        self.form = ApplicationForm(data, files, prefix=None)
        self.expenses = ExpenseFormSet(
            data, prefix="expenses", form_kwargs={"category_choices": category_choices}
        )
        self.incomes = IncomeFormSet(data, prefix="incomes")
        self.finance_errors = []

    @property
    def is_bound(self):
        return self.form.is_bound

    def show_without_errors(self):
        _unvalidated(self.form)
        for form in [*self.expenses.forms, *self.incomes.forms]:
            _unvalidated(form)
        self.expenses._non_form_errors = self.expenses.error_class()
        self.incomes._non_form_errors = self.incomes.error_class()
        self.expenses._errors = []
        self.incomes._errors = []

    def is_valid(self) -> bool:
        parts_valid = all([self.form.is_valid(), self.expenses.is_valid(), self.incomes.is_valid()])
        cleaned = getattr(self.form, "cleaned_data", {})
        requested = cleaned.get("requested_amount")
        expenses = self.expenses.instances()
        incomes = self.incomes.instances()
        totals = finance_totals(expenses=expenses, incomes=incomes, requested=requested)
        errors = self.fund.check_application(
            requested_amount=requested,
            total_expenses=totals["expenses"],
            total_income=totals["income"],
            own_contribution=totals["own"],
            categories=[line.category for line in expenses],
            start_date=cleaned.get("start_date"),
            end_date=cleaned.get("end_date"),
            today=self.rules_date(cleaned),
        )
        if not parts_valid:
            # Show the fund's rules for the fields that are readable already (maximum,
            # dates); the sums wait until every row is complete.
            errors = {field: messages for field, messages in errors.items() if field != "__all__"}
        self.add_errors(errors)
        return parts_valid and not errors

    def rules_date(self, cleaned):
        """The day whose rules apply (deadlines, no early start); None is today."""
        return None

    def add_errors(self, errors: dict):
        for field, messages in errors.items():
            for message in messages:
                if field == "__all__":
                    self.finance_errors.append(message)
                else:
                    self.form.add_error(field, message)

    def application(self) -> Application:
        return self.form.instance

    def totals(self) -> dict:
        """Totals of what was typed so far, also while some rows are not valid yet."""
        data = self.form.data

        def amount(form, name):
            return parse_amount(data.get(form.add_prefix(name)) or None)

        expenses = [
            ExpenseLine(quantity=amount(form, "quantity") or Decimal(1), unit_price=price)
            for form in self.expenses.forms
            if (price := amount(form, "unit_price")) is not None
        ]
        incomes = [
            IncomeLine(kind=data.get(form.add_prefix("kind"), ""), amount=value)
            for form in self.incomes.forms
            if (value := amount(form, "amount")) is not None
        ]
        requested = parse_amount(data.get("requested_amount") or None)
        return finance_totals(expenses=expenses, incomes=incomes, requested=requested)

    def error_summary(self):
        """(anchor, message) pairs for the summary on top of the page."""
        items = []
        for name, errors in self.form.errors.items():
            anchor = "form-errors" if name == "__all__" else f"id_{name}"
            if name == "attachments":
                anchor = "id_attachments"
            label = "" if name == "__all__" else str(self.form.fields[name].label).rstrip(".")
            for message in errors:
                items.append((anchor, f"{label}: {message}" if label else message))
        for title, formset in ((_("Costs"), self.expenses), (_("Income"), self.incomes)):
            for message in formset.non_form_errors():
                items.append((formset.prefix, f"{title}: {message}"))
            for index, form in enumerate(formset.forms):
                for name, errors in form.errors.items():
                    for message in errors:
                        field = form.fields.get(name)
                        items.append(
                            (
                                f"id_{form.add_prefix(name)}",
                                _("%(section)s, row %(number)s, %(field)s: %(message)s")
                                % {
                                    "section": title,
                                    "number": index + 1,
                                    "field": field.label if field else "",
                                    "message": message,
                                },
                            )
                        )
        for message in self.finance_errors:
            items.append(("finance", message))
        return items


# --- Staff decisions (admin) ------------------------------------------------------------


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
            raise ValidationError(
                _("Please enter the approved amount (more than 0 €)."), code="not_positive"
            )
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


# --- Proof of use ------------------------------------------------------------------------


class PhotosField(AttachmentsField):
    """Up to ten photos, JPEG or PNG, each checked like an attachment."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        files = [upload for upload in files if upload]
        if len(files) > PROOF_MAX_PHOTOS:
            raise ValidationError(
                _("Please choose at most %(max)s photos."),
                code="too_many_photos",
                params={"max": PROOF_MAX_PHOTOS},
            )
        errors = []
        for upload in files:
            try:
                forms.FileField.clean(self, upload, initial)
                proof_photo_kind(upload)
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return files


class ProofForm(forms.ModelForm):
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
    receipt = forms.FileField(
        label=_("receipt"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf"}),
    )

    class Meta:
        model = ProofPayment
        fields = ["paid_on", "payee", "purpose", "amount"]
        widgets = {"paid_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {"paid_on": _("date"), "payee": _("paid to"), "purpose": _("what for")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receipt"].error_messages["required"] = _(
            "Please choose the receipt for this payment."
        )
        self.fields["amount"].error_messages["min_value"] = _(
            "Please enter an amount of more than 0 €."
        )
        style_line_widgets(self)

    def clean_receipt(self):
        receipt = self.cleaned_data["receipt"]
        attachment_kind(receipt)
        return receipt

    def has_changed(self):
        return any(
            self.data.get(self.add_prefix(name), "").strip()
            for name in ("paid_on", "payee", "purpose", "amount")
        ) or bool(self.files.get(self.add_prefix("receipt")))


class BaseProofPaymentFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if not any(form.has_changed() for form in self.forms):
            raise ValidationError(
                _("Please list at least one payment with its receipt."), code="no_payments"
            )

    def payments(self):
        return [
            dict(form.cleaned_data) for form in self.forms if form.has_changed() and form.is_valid()
        ]


ProofPaymentFormSet = forms.formset_factory(
    ProofPaymentForm,
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

    def __init__(self, application: Application, data=None, files=None, *, add_row=False):
        self.application = application
        if data is not None and add_row:
            data = data.copy()
            try:
                total = int(data.get("payments-TOTAL_FORMS", 0)) + 1
            except ValueError:
                total = 1
            data["payments-TOTAL_FORMS"] = str(min(total, PROOF_MAX_PAYMENTS))
        self.form = ProofForm(data, files)
        self.payments = ProofPaymentFormSet(data, files, prefix="payments")

    @property
    def is_bound(self):
        return self.form.is_bound

    def show_without_errors(self):
        _unvalidated(self.form)
        for form in self.payments.forms:
            _unvalidated(form)
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
        items = []
        for name, errors in self.form.errors.items():
            label = "" if name == "__all__" else str(self.form.fields[name].label)
            for message in errors:
                items.append((f"id_{name}", f"{label}: {message}" if label else message))
        for message in self.payments.non_form_errors():
            items.append(("payments", f"{_('Payments')}: {message}"))
        for index, form in enumerate(self.payments.forms):
            for name, errors in form.errors.items():
                for message in errors:
                    field = form.fields.get(name)
                    items.append(
                        (
                            f"id_{form.add_prefix(name)}",
                            _("%(section)s, row %(number)s, %(field)s: %(message)s")
                            % {
                                "section": _("Payments"),
                                "number": index + 1,
                                "field": field.label if field else "",
                                "message": message,
                            },
                        )
                    )
        return items


# --- Admin forms of the payout and the proof review ---------------------------------------


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


# --- Paper applications (staff, in the admin) ------------------------------------------


class SignedOriginalField(forms.FileField):
    """One scan of the signed paper application, checked like every attachment."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            attachment_kind(upload)
        return upload


class PaperApplicationForm(ApplicationForm):
    """The online form's fields and checks, typed in by staff from a signed paper form.

    No anti-spam fields (staff are logged in); the consent is the applicant's signature
    on paper, confirmed by the staff member; the scan of the signed original is required.
    """

    signed_original = SignedOriginalField(
        label=_("signed original"),
        help_text=_("Scan or photo of the signed paper application: PDF, JPEG or PNG, 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf"}),
    )
    received_on = forms.DateField(
        label=_("received on"),
        help_text=_("The day the paper application reached the office."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta(ApplicationForm.Meta):
        labels = {
            **ApplicationForm.Meta.labels,
            "name": _("Name of the applicant"),
            "email": _("E-mail address of the applicant"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["homepage"]
        del self.fields["form_started"]
        self.fields["privacy_consent"].label = _(
            "The applicant has signed the consent to data processing on the paper form."
        )
        self.fields["privacy_consent"].help_text = ""
        self.fields["attachments"].help_text = _(
            "Optional: further enclosures of the paper application (cost estimates, photos)."
        )
        if not self.is_bound:
            self.initial["received_on"] = timezone.localdate()

    def clean(self):
        # The public form's timing and honeypot checks do not apply to staff.
        cleaned = forms.ModelForm.clean(self)
        received = cleaned.get("received_on")
        if received and received > timezone.localdate():
            self.add_error("received_on", _("The date of receipt cannot be in the future."))
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
