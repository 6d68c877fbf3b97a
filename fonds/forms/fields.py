"""Form fields of the fund: amounts in German or plain notation, dates in a plausible
window, and applicants' files checked by content (stadtteilbuero.uploads)."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from fonds.models import ATTACHMENT_MAX_FILES, PROOF_MAX_PHOTOS
from stadtteilbuero.money import format_euro
from stadtteilbuero.uploads import document_kind

GERMAN_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
# The largest amount any money field takes (the columns hold 8 digits before the comma);
# far above any neighbourhood fund, and small enough that every sum stays exact.
MAX_AMOUNT = Decimal("1000000")
PARSE_LIMIT = Decimal("1e12")


def parse_amount(value) -> Decimal | None:
    """'1.234,56', '1234,56', '1234.56', '1.234' and '1 234,56 €' -> Decimal; None if unreadable.

    A comma is always the decimal sign (German). Without a comma, dots that group digits
    in threes are thousands separators ('1.234' is 1234), otherwise a dot is the decimal
    sign ('1234.56'). Exponents, infinities and absurdly large numbers are unreadable.
    """
    if value is None:
        return None
    if isinstance(value, Decimal | int | float):
        value = str(value)
    text = str(value).strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    text = text.replace("'", "")
    if not text or not re.fullmatch(r"-?[\d.,]+", text):
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
    if not number.is_finite() or abs(number) >= PARSE_LIMIT:
        return None
    return number


class AmountField(forms.DecimalField):
    """A decimal entered in German ('1.234,56') or plain ('1234.56') notation, between 0
    and a sane maximum."""

    widget = forms.TextInput

    def __init__(self, *, max_digits=10, decimal_places=2, **kwargs):
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_value", MAX_AMOUNT)
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)
        self.error_messages["invalid"] = _("Please enter an amount such as 1.234,56 or 1234.56.")
        self.error_messages["max_value"] = _("Please enter at most %(limit_value)s.")
        self.error_messages["max_digits"] = self.error_messages["max_value"]
        self.error_messages["max_whole_digits"] = self.error_messages["max_value"]
        self.error_messages["max_decimal_places"] = _("Please enter at most two decimal places.")
        self._limit_display = format_euro(self.max_value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_amount(value)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if self.max_value is not None and number > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"limit_value": self._limit_display},
            )
        return number

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("max", None)
        attrs.pop("min", None)
        attrs.pop("step", None)
        attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        return attrs


class DateInput(forms.DateInput):
    """The browser's date picker; ISO dates so it fills in what was typed."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


DOCUMENT_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf"
PHOTO_ACCEPT = ".jpg,.jpeg,.png"


class DocumentField(forms.FileField):
    """One applicant's file: PDF, JPEG or PNG, checked by content."""

    images_only = False

    def __init__(self, **kwargs):
        accept = PHOTO_ACCEPT if self.images_only else DOCUMENT_ACCEPT
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": accept}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            document_kind(upload, images_only=self.images_only)
        return upload


class DocumentsField(forms.FileField):
    """Several applicant's files at once, each checked like a DocumentField."""

    images_only = False
    max_files = ATTACHMENT_MAX_FILES
    too_many = _("Please attach at most %(max)s files.")

    def __init__(self, **kwargs):
        accept = PHOTO_ACCEPT if self.images_only else DOCUMENT_ACCEPT
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        files = [upload for upload in files if upload]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > self.max_files:
            raise ValidationError(
                self.too_many,
                code="too_many_files",
                params={"max": self.max_files},
            )
        errors = []
        for upload in files:
            try:
                super().clean(upload, initial)
                document_kind(upload, images_only=self.images_only)
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return files


class PhotosField(DocumentsField):
    """Up to ten photos, JPEG or PNG."""

    images_only = True
    max_files = PROOF_MAX_PHOTOS
    too_many = _("Please choose at most %(max)s photos.")
