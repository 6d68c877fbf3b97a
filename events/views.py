import calendar
import datetime

from django.db.models import Count, Window
from django.db.models.functions import RowNumber, TruncDate
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_GET
from django.views.generic import DetailView, ListView, RedirectView, TemplateView

from offices.models import Office
from stadtteilbuero.metadata import absolute_url
from stadtteilbuero.pagecache import last_modified
from stadtteilbuero.pagination import CappedPaginator, KeptCountMixin

from . import ics
from .forms import EventFilterForm, local_midnight
from .jsonld import event_jsonld
from .models import Event, Occurrence

# The calendar answers for these years; others are 404 (no endless crawl of empty months).
CALENDAR_YEARS = range(2000, 2101)
# Feeds cover a window: the dates of the last weeks (so subscribed calendars do not
# lose them) and of the coming year, at most FEED_LIMIT of them (about 200 KB).
FEED_PAST = datetime.timedelta(days=30)
FEED_AHEAD = datetime.timedelta(days=366)
FEED_LIMIT = 200
NEXT_DATES = 10
# The month calendar shows this many dates a day and links "+ N more" to the day's list.
CALENDAR_DATES_PER_DAY = 4


def published_occurrences():
    return Occurrence.objects.published().with_event()


class EventListView(KeptCountMixin, ListView):
    template_name = "events/event_list.html"
    context_object_name = "occurrences"
    paginate_by = 20
    paginator_class = CappedPaginator

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


def calendar_occurrences(queryset):
    """The first CALENDAR_DATES_PER_DAY dates of each day (by start), each with
    `day_total`, the number of dates starting that day: two queries, however busy.

    The dates are ranked as narrow rows (ID and day) and only the shown ones are read with
    their event, office and category: ranking the whole rows of a busy month (4,800 dates
    at city scale, 2.5 KB each) took 118 ms of SQL, the narrow ranking and reading 124
    dates 70 ms (EXPLAIN ANALYZE, docs/performance.md)."""
    start_day = TruncDate("start", tzinfo=timezone.get_current_timezone())
    shown = dict(
        queryset.annotate(
            day_rank=Window(RowNumber(), partition_by=start_day, order_by=["start", "event_id"]),
            day_total=Window(Count("pk"), partition_by=start_day),
        )
        .filter(day_rank__lte=CALENDAR_DATES_PER_DAY)
        .values_list("pk", "day_total")
    )
    # By ID alone: the filters were applied in the ranking (repeated, they tipped
    # PostgreSQL into joining every event again).
    shown_dates = Occurrence.objects.with_event().filter(pk__in=list(shown))
    occurrences = list(shown_dates.order_by("start", "event_id"))
    for occurrence in occurrences:
        occurrence.day_total = shown[occurrence.pk]
    return occurrences


def month_weeks(year, month, occurrences, more_url=None):
    """The weeks (Monday to Sunday) of a month, each day with the dates it touches.

    A date over several days (a weekend festival) appears on each of its days. A day
    shows at most CALENDAR_DATES_PER_DAY dates; `more` counts those left out, which
    the day's list (`more_url` + the day) shows."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    by_day, totals = {}, {}
    for occurrence in occurrences:
        totals[occurrence.day] = getattr(occurrence, "day_total", 0)
        day = max(occurrence.day, first)
        while day <= min(occurrence.last_day, last):
            by_day.setdefault(day, []).append(occurrence)
            day += datetime.timedelta(days=1)
    today = timezone.localdate()
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = []
        for day in week:
            shown = by_day.get(day, [])[:CALENDAR_DATES_PER_DAY]
            starting = sum(1 for occurrence in shown if occurrence.day == day)
            more = max(totals.get(day, 0) - starting, 0)
            cells.append(
                {
                    "date": day,
                    "in_month": day.month == month,
                    "is_today": day == today,
                    "weekday": WEEKDAYS[day.weekday()],
                    "occurrences": shown,
                    "more": more,
                    "more_url": f"{more_url}tag={day:%Y-%m-%d}" if more and more_url else "",
                }
            )
        weeks.append(cells)
    return weeks


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
        query = form.feed_query()
        more_url = reverse("events:event-list") + (f"?{query}&" if query else "?")
        # Lazy: the month's grid comes from the fragment cache, and then costs no query.
        weeks = SimpleLazyObject(
            lambda: month_weeks(year, month, calendar_occurrences(occurrences), more_url)
        )
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
            has_events=SimpleLazyObject(
                lambda: any(cell["occurrences"] for week in weeks for cell in week)
            ),
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


def _feed(request, window, name, filename):
    entries = ics.feed_entries(window, feed_dates(window), request)
    return ics.ics_response(ics.finish(ics.new_calendar(name), entries), filename)


def feed_window(queryset):
    """The dates of the feeds' window (see FEED_PAST and FEED_AHEAD), soonest first; the
    window moves by whole days, so a feed's content changes only with the data or the day."""
    today = local_midnight(timezone.localdate())
    return queryset.between(today - FEED_PAST, today + FEED_AHEAD).order_by("start", "event_id")


def feed_dates(window) -> list:
    """At most FEED_LIMIT dates of the window, the coming ones first: where a city has more
    dates than that, its feed keeps the next weeks rather than the past month. Rows of
    `ics.ENTRY_FIELDS`, in the window's order."""
    today = local_midnight(timezone.localdate())
    rows = list(window.filter(start__gte=today).values_list(*ics.ENTRY_FIELDS)[:FEED_LIMIT])
    room = FEED_LIMIT - len(rows)
    if room:
        past = window.filter(start__lt=today).order_by("-start", "-event_id")
        rows[:0] = reversed(past.values_list(*ics.ENTRY_FIELDS)[:room])
    return rows


@require_GET
@condition(last_modified_func=last_modified)
def event_feed(request):
    """The published dates of the window, narrowed by the list's filters."""
    form = EventFilterForm(request.GET)
    occurrences = form.filter_attributes(feed_window(published_occurrences()), now=timezone.now())
    name = _("Events of the neighbourhood offices")
    return _feed(request, occurrences, name, "veranstaltungen.ics")


@require_GET
@condition(last_modified_func=last_modified)
def office_feed(request, slug):
    office = get_object_or_404(Office.objects.active(), slug=slug)
    occurrences = feed_window(published_occurrences().for_office(office))
    name = _("Events: %(office)s") % {"office": office.name}
    return _feed(request, occurrences, name, f"{office.slug}.ics")


@require_GET
@condition(last_modified_func=last_modified)
def event_ics(request, slug):
    """One event to add to a calendar: every date as in the feeds, with the same UIDs,
    so a calendar that has both the feed and this file shows each date once."""
    event = get_object_or_404(
        Event.objects.visible_to(request.user).select_related("office", "category"), slug=slug
    )
    occurrences = list(event.occurrences.order_by("start"))
    for occurrence in occurrences:
        occurrence.event = event
    entries = ics.occurrence_entries(occurrences, request)
    return ics.ics_response(ics.finish(ics.new_calendar(event.title), entries), f"{event.slug}.ics")
