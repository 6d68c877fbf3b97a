import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offices.models import Office
from stadtteilbuero.antispam import SpamProtectedForm
from stadtteilbuero.form_rendering import PublicFormRendering

from . import availability
from .models import BookingRequest, Room

MAX_PEOPLE = 9999


class DateInput(forms.DateInput):
    """The browser's date picker; ISO dates so it fills in what was typed."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


# --- The public list's filters ------------------------------------------------------


class RoomFilterForm(PublicFormRendering, forms.Form):
    """The filters of /raeume/. A bad value is shown at its field and otherwise ignored."""

    buero = forms.ModelChoiceField(
        label=_("Office"),
        queryset=Office.objects.active().filter(rooms__is_active=True).distinct(),
        to_field_name="slug",
        required=False,
        empty_label=_("All offices"),
    )
    personen = forms.IntegerField(
        label=_("People"), min_value=1, max_value=MAX_PEOPLE, required=False
    )
    barrierefrei = forms.MultipleChoiceField(
        label=_("Accessibility"),
        choices=[(key, label) for key, (_f, label) in Room.ACCESSIBILITY.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    ausstattung = forms.MultipleChoiceField(
        label=_("Equipment"),
        choices=[(key, label) for key, (_f, label) in Room.EQUIPMENT.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    frei_am = forms.DateField(label=_("Free on"), required=False, widget=DateInput)
    von = forms.TimeField(label=_("from"), required=False, widget=TimeInput)
    bis = forms.TimeField(label=_("until"), required=False, widget=TimeInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "form-check-input"
            elif isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select"
            else:
                field.widget.attrs["class"] = "form-control"
        self.fields["personen"].widget.attrs["inputmode"] = "numeric"

    def basic_fields(self):
        return [self[name] for name in ("buero", "personen", "frei_am", "von", "bis")]

    def feature_fields(self):
        return [self["barrierefrei"], self["ausstattung"]]

    def clean_frei_am(self):
        day = self.cleaned_data["frei_am"]
        if day is not None and (message := RequestFieldsForm.out_of_range(day)):
            raise ValidationError(message, code="out_of_range")
        return day

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("von"), cleaned.get("bis")
        if start and end and end <= start:
            self.add_error("bis", _("The end must be later than the start."))
        return cleaned

    def value(self, name):
        """The field's cleaned value, or None when it was empty or wrong."""
        if not self.is_bound or name in self.errors:
            return None
        return self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None

    def filter(self, rooms):
        self.is_valid()
        if office := self.value("buero"):
            rooms = rooms.filter(office=office)
        if people := self.value("personen"):
            rooms = rooms.for_people(people)
        features = {**Room.ACCESSIBILITY, **Room.EQUIPMENT}
        wanted = (self.value("barrierefrei") or []) + (self.value("ausstattung") or [])
        rooms = rooms.with_features([features[key][0] for key in wanted])
        if day := self.value("frei_am"):
            start, end = self.value("von"), self.value("bis")
            if start and end and "bis" not in self.errors:
                rooms = rooms.open_on(day, start, end).free_between(
                    availability.aware(day, start), availability.aware(day, end)
                )
            else:
                rooms = rooms.open_on(day)
        return rooms

    @property
    def is_filtered(self):
        return self.is_bound and any(self.data.get(name) for name in self.fields)


# --- The booking request ------------------------------------------------------------


class RequestFieldsForm(forms.ModelForm):
    """Date, times, series and the requester: what the public form and the staff's
    phone entry share. Every booking rule is checked by availability.request_problems."""

    date = forms.DateField(label=_("Date"), widget=DateInput)
    time_from = forms.TimeField(label=_("From (time)"), widget=TimeInput)
    time_to = forms.TimeField(label=_("Until (time)"), widget=TimeInput)
    weekly = forms.BooleanField(
        label=_("Every week at the same time (a regular group)"), required=False
    )
    repeat_until = forms.DateField(
        label=_("Every week until"),
        required=False,
        widget=DateInput,
        help_text=_("Only for weekly bookings: the date of the last meeting."),
    )
    people = forms.IntegerField(label=_("Expected people"), min_value=1, max_value=MAX_PEOPLE)

    class Meta:
        model = BookingRequest
        fields = ["purpose", "people", "name", "organisation", "email", "phone"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "purpose": _("What do you want to use the room for?"),
            "name": _("Your name"),
            "organisation": _("Group or association (if any)"),
            "email": _("Your e-mail address"),
            "phone": _("Telephone (for questions)"),
        }

    FIELD_ORDER = [
        "date",
        "time_from",
        "time_to",
        "weekly",
        "repeat_until",
        "purpose",
        "people",
        "name",
        "organisation",
        "email",
        "phone",
    ]

    # Staff enter requests for phone callers at short notice: no lead time for them.
    check_lead_time = True

    def __init__(self, *args, room: Room | None = None, **kwargs):
        self.room = room
        super().__init__(*args, **kwargs)
        self.fields["people"].widget.attrs.update(inputmode="numeric")
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("weekly"):
            cleaned["repeat_until"] = None
        elif not cleaned.get("repeat_until") and "repeat_until" not in self.errors:
            self.add_error("repeat_until", _("Please give the date of the last meeting."))
        day, start, end = cleaned.get("date"), cleaned.get("time_from"), cleaned.get("time_to")
        if not (day and start and end and self.room) or self.errors:
            return cleaned
        if message := self.out_of_range(day):
            self.add_error("date", message)
            return cleaned
        start_at = availability.aware(day, start)
        end_at = availability.aware(day, end)
        problems = availability.request_problems(
            self.room,
            start_at,
            end_at,
            people=cleaned.get("people"),
            repeat_until=cleaned.get("repeat_until"),
            lead_time=self.check_lead_time,
        )
        for name, messages in problems.items():
            for message in messages:
                self.add_error(name, ValidationError(message, code="not_bookable"))
        cleaned["start"], cleaned["end"] = start_at, end_at
        return cleaned

    @staticmethod
    def out_of_range(day: datetime.date):
        """Past dates and dates beyond any room's horizon (a year 1 or 9999) stop here,
        before any time-zone arithmetic."""
        today = timezone.localdate()
        if day < today:
            return _("Please choose a date and time in the future.")
        if day > today + datetime.timedelta(days=2 * 366):
            return _("Please choose a date within the next two years.")
        return None

    def booking_request(self) -> BookingRequest:
        request = self.save(commit=False)
        request.room = self.room
        request.start = self.cleaned_data["start"]
        request.end = self.cleaned_data["end"]
        request.repeat_until = self.cleaned_data["repeat_until"]
        return request

    def error_summary(self):
        """(anchor, message) pairs for the summary on top of the page."""
        items = []
        for name, errors in self.errors.items():
            if name == "__all__":
                items += [("form-errors", message) for message in errors]
                continue
            label = str(self.fields[name].label).rstrip(".?")
            items += [(f"id_{name}", f"{label}: {message}") for message in errors]
        return items


class BookingRequestForm(SpamProtectedForm, RequestFieldsForm):
    """The public form: e-mail required (it carries the status link), both consents."""

    accept_rules = forms.BooleanField(
        label=_("I have read the house rules and will keep to them."),
        error_messages={"required": _("Please accept the house rules.")},
    )
    accept_privacy = forms.BooleanField(
        label=_(
            "I agree that the office stores my details to handle this request; they are "
            "deleted after the retention period."
        ),
        error_messages={"required": _("Without your consent we cannot handle the request.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.order_fields(self.FIELD_ORDER)

    def booking_request(self) -> BookingRequest:
        request = super().booking_request()
        request.accepted_rules = True
        request.accepted_privacy = True
        return request


# --- Staff forms (admin) ------------------------------------------------------------


class StaffRequestForm(RequestFieldsForm):
    """A request the office enters for a phone caller; e-mail optional."""

    confirm_now = forms.BooleanField(
        label=_("Confirm at once"),
        required=False,
        initial=True,
        help_text=_("Books the room right away if it is free."),
    )
    check_lead_time = False

    def clean(self):
        self.room = self.cleaned_data.get("room")
        return super().clean()


class DeclineForm(forms.Form):
    message = forms.CharField(
        label=_("Reason for the requester"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class ProposeForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    time_from = forms.TimeField(label=_("From (time)"), widget=TimeInput)
    time_to = forms.TimeField(label=_("Until (time)"), widget=TimeInput)
    message = forms.CharField(
        label=_("Note for the requester"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("time_from"), cleaned.get("time_to")
        if day and start and end:
            if message := RequestFieldsForm.out_of_range(day):
                self.add_error("date", message)
            elif end <= start:
                self.add_error("time_to", _("The end must be later than the start."))
            else:
                cleaned["start"] = availability.aware(day, start)
                cleaned["end"] = availability.aware(day, end)
        return cleaned


class ConfirmForm(forms.Form):
    message = forms.CharField(
        label=_("Note for the requester (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
