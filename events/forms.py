import datetime
from urllib.parse import urlencode

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offices.models import Office, Weekday
from stadtteilbuero.form_rendering import PublicFormRendering

from .models import Category, Event

QUERY_MAX_LENGTH = 100


def local_midnight(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def time_window(when, now):
    """The span [start, end) of 'today', 'this weekend', 'this week', 'this month'.

    Days begin at local midnight, so a window is 23 or 25 hours long on the days the
    clocks change; weeks run from Monday to Sunday."""
    today = timezone.localtime(now).date()
    weekday = today.weekday()
    if when == EventFilterForm.When.TODAY:
        first, last = today, today + datetime.timedelta(days=1)
    elif when == EventFilterForm.When.WEEKEND:
        saturday = today + datetime.timedelta(days=5 - weekday)
        first, last = max(saturday, today), saturday + datetime.timedelta(days=2)
    elif when == EventFilterForm.When.WEEK:
        first, last = today, today + datetime.timedelta(days=7 - weekday)
    elif when == EventFilterForm.When.MONTH:
        first = today
        last = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    else:
        return None
    return local_midnight(first), local_midnight(last)


class EventFilterForm(PublicFormRendering, forms.Form):
    """The filters of the event list, the calendar and the feeds (all GET, all optional).

    An invalid value is reported next to its field and that filter is left out."""

    class When(models.TextChoices):
        TODAY = "heute", _("Today")
        WEEKEND = "wochenende", _("This weekend")
        WEEK = "woche", _("This week")
        MONTH = "monat", _("This month")

    q = forms.CharField(label=_("Search term"), required=False, max_length=QUERY_MAX_LENGTH)
    wann = forms.ChoiceField(
        label=_("When"), required=False, choices=[("", _("Any time")), *When.choices]
    )
    buero = forms.ModelChoiceField(
        label=_("Office"),
        required=False,
        queryset=Office.objects.active().order_by("city", "name"),
        to_field_name="slug",
        empty_label=_("All offices"),
    )
    kategorie = forms.ModelChoiceField(
        label=_("Category"),
        required=False,
        queryset=Category.objects.all(),
        to_field_name="slug",
        empty_label=_("All categories"),
    )
    kostenlos = forms.BooleanField(
        label=_("Free of charge only"),
        required=False,
        widget=forms.CheckboxInput(attrs={"value": "1"}),
    )
    vergangen = forms.BooleanField(
        label=_("Show past events"),
        required=False,
        widget=forms.CheckboxInput(attrs={"value": "1"}),
    )
    # One day (the calendar's "+ N more" links here), past or future.
    tag = forms.DateField(
        label=_("Day"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    FEED_FIELDS = ["q", "wann", "buero", "kategorie", "kostenlos"]

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        self.is_valid()
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            else:
                widget.attrs["class"] = (
                    "form-select" if isinstance(widget, forms.Select) else "form-control"
                )
            if name in self.errors:
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"id_{name}_error"

    def value(self, name):
        return self.cleaned_data.get(name)

    def filter(self, queryset, *, now, past_allowed=True):
        """Narrow a queryset of occurrences with the valid filters."""
        if self.value("tag"):
            return self.filter_attributes(queryset, now=now).order_by("start", "event_id")
        if past_allowed and self.value("vergangen"):
            queryset = queryset.past(now)
        else:
            queryset = queryset.upcoming(now)
        return self.filter_attributes(queryset, now=now)

    def filter_attributes(self, queryset, *, now):
        """All filters except the past/upcoming choice (the calendar shows both)."""
        window = time_window(self.value("wann"), now)
        if self.value("tag"):
            day = self.value("tag")
            window = local_midnight(day), local_midnight(day + datetime.timedelta(days=1))
        if window:
            queryset = queryset.between(*window)
        if self.value("kostenlos"):
            queryset = queryset.free()
        if self.value("buero"):
            queryset = queryset.for_office(self.value("buero"))
        if self.value("kategorie"):
            queryset = queryset.in_category(self.value("kategorie"))
        if self.value("q"):
            queryset = queryset.search(self.value("q"))
        return queryset

    def feed_query(self):
        """The query string of the valid filters a feed can carry (no page, no past)."""
        params = {}
        for name in self.FEED_FIELDS:
            value = self.cleaned_data.get(name)
            if value in (None, "", False):
                continue
            if isinstance(value, models.Model):
                value = value.slug
            elif value is True:
                value = "1"
            params[name] = value
        return urlencode(params)

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in [*self.FEED_FIELDS, "vergangen", "tag"])


class EventAdminForm(forms.ModelForm):
    recurrence_weekdays = forms.TypedMultipleChoiceField(
        label=_("on weekdays"),
        required=False,
        coerce=int,
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=Event._meta.get_field("recurrence_weekdays").help_text,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["recurrence_weekdays"] = self.instance.weekday_list

    def clean_recurrence_weekdays(self):
        """The ticked days, stored as "1,3"."""
        return ",".join(str(day) for day in sorted(set(self.cleaned_data["recurrence_weekdays"])))

    class Meta:
        model = Event
        fields = [
            "office",
            "title",
            "slug",
            "category",
            "summary",
            "description",
            "start",
            "end",
            "all_day",
            "recurrence",
            "recurrence_weekdays",
            "recurrence_week",
            "recurrence_until",
            "location_name",
            "address",
            "is_free",
            "price",
            "registration",
            "registration_info",
            "accessibility",
            "languages",
            "image",
            "image_alt",
            "image_credit",
            "image_licence",
            "status",
            "status_note",
            "is_published",
        ]
