"""iCalendar (RFC 5545) output with the icalendar library.

Feeds and the download of a single event list one VEVENT per date (a cancelled date
carries STATUS:CANCELLED). UIDs depend only on the installation, the event and the
date, so calendar apps update entries instead of duplicating them when a feed is
fetched again, or when a date comes both from a feed and from an event's own file.
"""

import datetime
import hashlib
from urllib.parse import urlencode, urlsplit

import icalendar
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from stadtteilbuero.metadata import absolute_url
from stadtteilbuero.richtext import plain_text

from . import recurrence

# Local wall-clock times in a VTIMEZONE's DTSTART carry no zone by definition (RFC 5545).
DAYLIGHT_FROM = datetime.datetime(1970, 3, 29, 2)  # noqa: DTZ001
STANDARD_FROM = datetime.datetime(1970, 10, 25, 3)  # noqa: DTZ001

ENTRY_CACHE_SECONDS = 24 * 60 * 60
# Characters of an event's description in a VEVENT; the URL leads to the whole text.
DESCRIPTION_LIMIT = 300

STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def uid_domain():
    return urlsplit(settings.PORTAL_BASE_URL).hostname or "stadtteilportal"


def occurrence_uid(occurrence):
    return f"event-{occurrence.event_id}-{occurrence.day:%Y%m%d}@{uid_domain()}"


def berlin_timezone():
    """VTIMEZONE of Europe/Berlin with the EU rule (last Sunday of March / October)."""
    tz = icalendar.Timezone()
    tz.add("tzid", "Europe/Berlin")
    for kind, name, offset_from, offset_to, start, month in [
        (icalendar.TimezoneDaylight, "CEST", 1, 2, DAYLIGHT_FROM, 3),
        (icalendar.TimezoneStandard, "CET", 2, 1, STANDARD_FROM, 10),
    ]:
        part = kind()
        part.add("tzname", name)
        part.add("tzoffsetfrom", datetime.timedelta(hours=offset_from))
        part.add("tzoffsetto", datetime.timedelta(hours=offset_to))
        part.add("dtstart", start)
        part.add("rrule", {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": "-1SU"})
        tz.add_component(part)
    return tz


def one_line(text):
    """A text for a one-line property or a parameter: line breaks (which a crafted admin
    form could put into a title or place) become spaces; parameters cannot carry them."""
    return " ".join(str(text).split())


def new_calendar(name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.PORTAL_NAME}//Veranstaltungen//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    return calendar


def finish(calendar, entries=()):
    """Add the VTIMEZONE the entries refer to, then serialize, with the already
    serialized `entries` (VEVENTs, see occurrence_entries) at the end."""
    if settings.TIME_ZONE == "Europe/Berlin":
        calendar.subcomponents.insert(0, berlin_timezone())
    else:
        calendar.add_missing_timezones()
    content = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    return content[: -len(end)] + b"".join(entries) + end


# What a date's VEVENT is made of besides the language and the site's address: the date,
# its event, office and category by their last change or name. Read as plain values, a
# feed finds its cached entries without making the 800 objects of 200 dates.
ENTRY_FIELDS = (
    "pk",
    "start",
    "end",
    "is_cancelled",
    "event__updated_at",
    "event__office__updated_at",
    "event__category__name",
)


def _entry_parts(occurrence) -> tuple:
    """The ENTRY_FIELDS of a loaded date, as `values_list(*ENTRY_FIELDS)` gives them."""
    event = occurrence.event
    return (
        occurrence.pk,
        occurrence.start,
        occurrence.end,
        occurrence.is_cancelled,
        event.updated_at,
        event.office.updated_at,
        event.category.name,
    )


def _entry_keys(rows, request) -> list[str]:
    """Cache keys of the entries: their ENTRY_FIELDS, the language and the site's address."""
    site = f"{get_language()}|{request.scheme}|{request.get_host()}"
    return [
        "ics:vevent:" + hashlib.sha256("|".join([*map(str, row), site]).encode()).hexdigest()
        for row in rows
    ]


def occurrence_entries(occurrences, request) -> list[bytes]:
    """The serialized VEVENT of each loaded date (see feed_entries)."""
    keys = _entry_keys([_entry_parts(occurrence) for occurrence in occurrences], request)
    by_key = dict(zip(keys, occurrences, strict=True))
    return _entries(keys, request, lambda missing: [by_key[key] for key in missing])


def feed_entries(dates, rows, request) -> list[bytes]:
    """The serialized VEVENT of each row of ENTRY_FIELDS; only the dates whose entry is
    not cached are loaded from `dates` (a queryset that holds them)."""
    keys = _entry_keys(rows, request)
    pk_of = {key: row[0] for key, row in zip(keys, rows, strict=True)}

    def load(missing):
        loaded = dates.in_bulk([pk_of[key] for key in missing])
        return [loaded[pk_of[key]] for key in missing]

    return _entries(keys, request, load)


def _entries(keys, request, load) -> list[bytes]:
    """Serializing is the slow part of a feed (about 2 ms a date), so each entry is kept
    in the cache until its date, event, office or category changes: a feed is rebuilt
    quickly after an unrelated change. `load(keys)` gives the dates of missing keys."""
    cached = cache.get_many(keys)
    missing = [key for key in keys if key not in cached]
    new = {
        key: occurrence_entry(occurrence, request).to_ical()
        for key, occurrence in zip(missing, load(missing) if missing else [], strict=True)
    }
    cache.set_many(new, ENTRY_CACHE_SECONDS)
    return [cached.get(key) or new[key] for key in keys]


def description(event, url):
    """Plain text: what it is, price, registration, accessibility and the link."""
    parts = [event.summary, _shortened(plain_text(event.description))]
    if event.status_note and event.status != event.Status.SCHEDULED:
        parts.insert(0, f"{event.get_status_display()}: {event.status_note}")
    price = _("Price: %(price)s") % {"price": event.price}
    parts.append(_("Free of charge") if event.is_free else price)
    if event.registration == event.Registration.REQUIRED:
        parts.append(_("Registration required: %(how)s") % {"how": event.registration_info})
    if event.accessibility:
        parts.append(_("Accessibility: %(note)s") % {"note": event.accessibility})
    if event.languages:
        parts.append(_("Languages spoken: %(languages)s") % {"languages": event.languages})
    parts.append(url)
    return "\n\n".join(part for part in parts if part)


def _shortened(text, limit=DESCRIPTION_LIMIT):
    """The start of a long text (the link leads to the rest): feeds stay small."""
    if len(text) <= limit:
        return text
    return text[: limit - 2].rsplit(" ", 1)[0] + " …"


def summary(event, cancelled):
    if cancelled:
        return _("Cancelled: %(title)s") % {"title": one_line(event.title)}
    if event.is_postponed:
        return _("Postponed: %(title)s") % {"title": one_line(event.title)}
    return one_line(event.title)


def _set_times(entry, start, end, all_day):
    start, end = timezone.localtime(start), timezone.localtime(end)
    if all_day:
        entry.add("dtstart", start.date())
        entry.add("dtend", end.date())
    else:
        entry.add("dtstart", start)
        entry.add("dtend", end)


def _common(entry, event, url):
    entry.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    entry.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    entry.add("description", description(event, url))
    if event.place:
        entry.add("location", one_line(event.place))
    entry.add("url", url)
    entry.add("categories", [one_line(event.category.name)])
    if event.office.email:
        entry.add(
            "organizer",
            f"mailto:{event.office.email}",
            parameters={"CN": one_line(event.office.name)},
        )
    entry.add("class", "PUBLIC")


def occurrence_entry(occurrence, request):
    event = occurrence.event
    url = absolute_url(event.get_absolute_url())
    entry = icalendar.Event()
    entry.add("uid", occurrence_uid(occurrence))
    entry.add("summary", summary(event, occurrence.cancelled))
    _set_times(entry, occurrence.start, occurrence.end, event.all_day)
    entry.add("status", "CANCELLED" if occurrence.cancelled else STATUS[event.status])
    _common(entry, event, url)
    return entry


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _short_details(event, url):
    text = _shortened(event.summary or plain_text(event.description), 500)
    return f"{text}\n\n{url}" if text else url


def google_calendar_url(event, occurrence, request):
    """A link that opens Google Calendar with the date filled in (nothing loads before a click)."""
    url = absolute_url(event.get_absolute_url())
    if event.all_day:
        dates = f"{occurrence.day:%Y%m%d}/{occurrence.last_day + datetime.timedelta(days=1):%Y%m%d}"
    else:
        utc = "%Y%m%dT%H%M%SZ"
        dates = (
            f"{occurrence.start.astimezone(datetime.UTC):{utc}}/"
            f"{occurrence.end.astimezone(datetime.UTC):{utc}}"
        )
    params = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": dates,
        "details": _short_details(event, url),
        "location": event.place,
        "ctz": settings.TIME_ZONE,
    }
    if event.is_recurring:
        rule = icalendar.vRecur(recurrence.ical_rrule(**event.rule_arguments()))
        params["recur"] = "RRULE:" + rule.to_ical().decode()
    return "https://calendar.google.com/calendar/render?" + urlencode(params)


def outlook_calendar_url(event, occurrence, request):
    """A link that opens Outlook on the web with the date filled in."""
    url = absolute_url(event.get_absolute_url())
    if event.all_day:
        start = occurrence.day.isoformat()
        end = (occurrence.last_day + datetime.timedelta(days=1)).isoformat()
    else:
        start = timezone.localtime(occurrence.start).isoformat()
        end = timezone.localtime(occurrence.end).isoformat()
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": start,
        "enddt": end,
        "allday": "true" if event.all_day else "false",
        "body": _short_details(event, url),
        "location": event.place,
    }
    return "https://outlook.live.com/calendar/0/action/compose?" + urlencode(params)
