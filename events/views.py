import calendar
import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, RedirectView, TemplateView

from offices.models import Office
from stadtteilbuero.metadata import absolute_url

from . import ics
from .forms import EventFilterForm, local_midnight
from .jsonld import event_jsonld
from .models import Event, Occurrence

# The calendar answers for these years; others are 404 (no endless crawl of empty months).
CALENDAR_YEARS = range(2000, 2101)
# Feeds also keep the dates of the last weeks, so subscribed calendars do not lose them.
FEED_PAST = datetime.timedelta(days=30)
FEED_LIMIT = 1000
NEXT_DATES = 10


def published_occurrences():
    return Occurrence.objects.published().with_event()


class EventListView(ListView):
    template_name = "events/event_list.html"
    context_object_name = "occurrences"
    paginate_by = 20

    def get_queryset(self):
        self.filter_form = EventFilterForm(self.request.GET)
        return self.filter_form.filter(published_occurrences(), now=timezone.now())

    def paginate_queryset(self, queryset, page_size):
        # A wrong or too large page number shows the nearest page instead of an error.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filter_form
        feed_query = form.feed_query()
        feed_url = absolute_url(reverse("events:event-feed"))
        if feed_query:
            feed_url = f"{feed_url}?{feed_query}"
        today = timezone.localdate()
        context.update(
            form=form,
            feed_url=feed_url,
            webcal_url="webcal://" + feed_url.split("://", 1)[1],
            calendar_url=reverse(
                "events:event-calendar", kwargs={"year": today.year, "month": today.month}
            ),
            showing_past=bool(form.value("vergangen")),
        )
        return context


class CalendarRedirectView(RedirectView):
    """/veranstaltungen/kalender/ leads to the current month."""

    def get_redirect_url(self, *args, **kwargs):
        today = timezone.localdate()
        return reverse("events:event-calendar", kwargs={"year": today.year, "month": today.month})


def month_link(year, month):
    if year not in CALENDAR_YEARS:
        return None
    return {
        "url": reverse("events:event-calendar", kwargs={"year": year, "month": month}),
        "label": f"{MONTHS[month]} {year}",
    }


def month_weeks(year, month, occurrences):
    """The weeks (Monday to Sunday) of a month, each day with the dates it touches.

    A date over several days (a weekend festival) appears on each of its days."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    by_day = {}
    for occurrence in occurrences:
        day = max(occurrence.day, first)
        while day <= min(occurrence.last_day, last):
            by_day.setdefault(day, []).append(occurrence)
            day += datetime.timedelta(days=1)
    today = timezone.localdate()
    return [
        [
            {
                "date": day,
                "in_month": day.month == month,
                "is_today": day == today,
                "weekday": WEEKDAYS[day.weekday()],
                "occurrences": by_day.get(day, []),
            }
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]


class EventCalendarView(TemplateView):
    template_name = "events/event_calendar.html"

    def get_context_data(self, **kwargs):
        year, month = self.kwargs["year"], self.kwargs["month"]
        if year not in CALENDAR_YEARS or not 1 <= month <= 12:
            raise Http404
        first = datetime.date(year, month, 1)
        last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        form = EventFilterForm(self.request.GET)
        occurrences = form.filter_attributes(published_occurrences(), now=timezone.now()).between(
            local_midnight(first),
            local_midnight(last + datetime.timedelta(days=1)),
        )
        weeks = month_weeks(year, month, occurrences)
        today = timezone.localdate()
        previous = first - datetime.timedelta(days=1)
        following = last + datetime.timedelta(days=1)
        context = super().get_context_data(**kwargs)
        context.update(
            form=form,
            month_name=MONTHS[month],
            year=year,
            weeks=weeks,
            weekdays=[(WEEKDAYS[day], WEEKDAYS_ABBR[day]) for day in range(7)],
            has_events=any(cell["occurrences"] for week in weeks for cell in week),
            previous_month=month_link(previous.year, previous.month),
            next_month=month_link(following.year, following.month),
            current_month=month_link(today.year, today.month),
            is_current_month=(today.year, today.month) == (year, month),
        )
        return context


class EventDetailView(DetailView):
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).select_related(
            "office", "category", "project"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        next_dates = list(event.occurrences.upcoming()[:NEXT_DATES])
        shown = next_dates[0] if next_dates else event.occurrences.order_by("-start").first()
        context.update(
            next_dates=next_dates,
            shown_date=shown,
            is_over=not next_dates,
            google_url=ics.google_calendar_url(event, shown, self.request) if shown else "",
            outlook_url=ics.outlook_calendar_url(event, shown, self.request) if shown else "",
            jsonld=event_jsonld(event, shown, self.request),
        )
        return context


def _feed(request, occurrences, name, filename):
    calendar_object = ics.new_calendar(name)
    for occurrence in occurrences[:FEED_LIMIT]:
        calendar_object.add_component(ics.occurrence_entry(occurrence, request))
    return ics.ics_response(ics.finish(calendar_object), filename)


@require_GET
def event_feed(request):
    """All published dates from the last weeks on, narrowed by the list's filters."""
    form = EventFilterForm(request.GET)
    now = timezone.now()
    occurrences = form.filter_attributes(published_occurrences().upcoming(now - FEED_PAST), now=now)
    name = _("Events of the neighbourhood offices")
    return _feed(request, occurrences, name, "veranstaltungen.ics")


@require_GET
def office_feed(request, slug):
    office = get_object_or_404(Office.objects.active(), slug=slug)
    occurrences = published_occurrences().for_office(office).upcoming(timezone.now() - FEED_PAST)
    name = _("Events: %(office)s") % {"office": office.name}
    return _feed(request, occurrences, name, f"{office.slug}.ics")


@require_GET
def event_ics(request, slug):
    """One event to add to a calendar: RRULE and EXDATE for the dates of a series."""
    event = get_object_or_404(
        Event.objects.visible_to(request.user).select_related("office", "category"), slug=slug
    )
    occurrences = list(event.occurrences.order_by("start"))
    calendar_object = ics.new_calendar(event.title)
    if occurrences:
        calendar_object.add_component(ics.event_entry(event, occurrences, request))
    return ics.ics_response(ics.finish(calendar_object), f"{event.slug}.ics")
