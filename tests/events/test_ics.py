"""iCalendar output, parsed back with the icalendar library."""

import datetime

import icalendar
import pytest
import time_machine
from django.core.cache import cache
from django.db.models.signals import post_init
from django.urls import reverse

from events import ics
from events.models import Event, Occurrence
from events.services import event_sync_occurrences
from tests.factories import CancelledDateFactory, EventFactory, OfficeFactory

from .helpers import BERLIN, berlin

pytestmark = pytest.mark.django_db

FEED = reverse("events:event-feed")
NOW = berlin(2026, 3, 1, 12)


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def entries(calendar):
    return list(calendar.walk("VEVENT"))


def test_feed_is_valid_icalendar_with_berlin_timezone(client):
    event = EventFactory(
        title="Stadtteilfest",
        start=berlin(2026, 3, 14, 15),
        end=berlin(2026, 3, 14, 18),
        description="Mit **Musik** und <script>alert(1)</script> Kuchen.",
    )
    calendar = parse(client.get(FEED))
    assert calendar["VERSION"] == "2.0"
    assert "PRODID" in calendar
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Berlin"]
    [entry] = entries(calendar)
    assert str(entry["SUMMARY"]) == "Stadtteilfest"
    assert entry["DTSTART"].dt == berlin(2026, 3, 14, 15)
    assert entry["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert entry["DTEND"].dt == berlin(2026, 3, 14, 18)
    assert entry["DTSTAMP"].dt.tzinfo is not None
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert str(entry["URL"]) == f"https://stadtteile.example.org{event.get_absolute_url()}"
    description = str(entry["DESCRIPTION"])
    assert "<" not in description and "**" not in description
    assert "Mit Musik" in description
    assert "Kostenlos" in description
    assert str(entry["LOCATION"]) == "Stadtteiltreff, Hochkamp 25, 31137 Hildesheim"


def test_uids_are_stable_and_unique_per_date(client):
    EventFactory(
        start=berlin(2026, 3, 3, 18),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=datetime.date(2026, 3, 24),
    )
    EventFactory(start=berlin(2026, 3, 5, 10))
    first = [str(e["UID"]) for e in entries(parse(client.get(FEED)))]
    second = [str(e["UID"]) for e in entries(parse(client.get(FEED)))]
    assert first == second
    assert len(set(first)) == len(first) == 5


def test_recurring_event_shows_every_date_in_the_feed_with_cancelled_ones(client):
    event = EventFactory(
        start=berlin(2026, 3, 3, 18),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=datetime.date(2026, 3, 31),
    )
    CancelledDateFactory(event=event, date=datetime.date(2026, 3, 17))
    event_sync_occurrences(event=event)
    found = {e["DTSTART"].dt.date(): str(e["STATUS"]) for e in entries(parse(client.get(FEED)))}
    assert found == {
        datetime.date(2026, 3, 3): "CONFIRMED",
        datetime.date(2026, 3, 10): "CONFIRMED",
        datetime.date(2026, 3, 17): "CANCELLED",
        datetime.date(2026, 3, 24): "CONFIRMED",
        datetime.date(2026, 3, 31): "CONFIRMED",
    }
    # After the change to summer time the wall clock stays at 18:00.
    last = [e for e in entries(parse(client.get(FEED))) if e["DTSTART"].dt.day == 31][0]
    assert last["DTSTART"].dt.astimezone(BERLIN).hour == 18


def test_cancelled_and_postponed_events(client):
    EventFactory(title="Abgesagtes Fest", status=Event.Status.CANCELLED, start=berlin(2026, 3, 9))
    EventFactory(title="Späteres Fest", status=Event.Status.POSTPONED, start=berlin(2026, 3, 9))
    found = {str(e["SUMMARY"]): str(e["STATUS"]) for e in entries(parse(client.get(FEED)))}
    assert found == {
        "Abgesagt: Abgesagtes Fest": "CANCELLED",
        "Verschoben: Späteres Fest": "TENTATIVE",
    }


def test_event_download_lists_every_date_with_the_feeds_uids(client):
    event = EventFactory(
        title="Bürgersprechstunde",
        start=berlin(2026, 3, 3, 10),
        end=berlin(2026, 3, 3, 12),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_weekdays="1,3",
        recurrence_until=datetime.date(2026, 4, 30),
    )
    CancelledDateFactory(event=event, date=datetime.date(2026, 4, 2))
    event_sync_occurrences(event=event)
    download = entries(parse(client.get(event.get_ics_url())))
    found = {e["DTSTART"].dt: str(e["STATUS"]) for e in download}
    stored = {
        o.start: "CANCELLED" if o.is_cancelled else "CONFIRMED" for o in event.occurrences.all()
    }
    assert found == stored
    assert len(found) == 18 and found[berlin(2026, 4, 2, 10)] == "CANCELLED"
    # A calendar with the feed and this file shows each date once: the same UIDs.
    feed = {str(e["UID"]): e["DTSTART"].dt for e in entries(parse(client.get(FEED)))}
    for entry in download:
        assert feed[str(entry["UID"])] == entry["DTSTART"].dt
    assert str(download[0]["UID"]) == f"event-{event.pk}-20260303@{ics.uid_domain()}"


def test_feed_covers_thirty_days_back_and_a_year_ahead(client):
    EventFactory(title="Vor fünf Wochen", start=NOW - datetime.timedelta(days=35))
    EventFactory(title="Vor drei Wochen", start=NOW - datetime.timedelta(days=21))
    EventFactory(title="In elf Monaten", start=NOW + datetime.timedelta(days=330))
    EventFactory(title="In zwei Jahren", start=NOW + datetime.timedelta(days=730))
    found = {str(e["SUMMARY"]) for e in entries(parse(client.get(FEED)))}
    assert found == {"Vor drei Wochen", "In elf Monaten"}


def test_feeds_answer_not_modified_until_the_data_changes(client):
    event = EventFactory(title="Hoffest", start=NOW + datetime.timedelta(days=3))
    first = client.get(FEED)
    assert first.status_code == 200
    stamp = first["Last-Modified"]
    for url in (FEED, event.get_ics_url()):
        assert client.get(url, headers={"if-modified-since": stamp}).status_code == 304
    with time_machine.travel(NOW + datetime.timedelta(seconds=5), tick=False):
        event.title = "Großes Hoffest"
        event.save()
        changed = client.get(FEED, headers={"if-modified-since": stamp})
    assert changed.status_code == 200
    assert b"Gro\xc3\x9fes Hoffest" in changed.content


def test_all_day_event_uses_dates(client):
    event = EventFactory(start=berlin(2026, 3, 21, 0), end=berlin(2026, 3, 22, 0), all_day=True)
    [entry] = entries(parse(client.get(event.get_ics_url())))
    assert entry["DTSTART"].dt == datetime.date(2026, 3, 21)
    assert entry["DTEND"].dt == datetime.date(2026, 3, 23)


def test_filtered_feed_has_exactly_the_filtered_events(client):
    office = OfficeFactory(slug="nordstadt")
    EventFactory(title="Frei im Büro", office=office, start=berlin(2026, 3, 5, 10))
    EventFactory(
        title="Teuer im Büro",
        office=office,
        is_free=False,
        price="5 €",
        start=berlin(2026, 3, 5, 10),
    )
    EventFactory(title="Anderswo", start=berlin(2026, 3, 5, 10))
    calendar = parse(client.get(f"{FEED}?buero=nordstadt&kostenlos=1&page=3&buero2=x"))
    assert [str(e["SUMMARY"]) for e in entries(calendar)] == ["Frei im Büro"]
    # a wrong value is ignored, not an error
    calendar = parse(client.get(f"{FEED}?buero=gibt-es-nicht&wann=nie"))
    assert len(entries(calendar)) == 3


def test_office_feed(client):
    office = OfficeFactory(slug="westhagen", name="Stadtteilbüro Westhagen")
    EventFactory(title="Rundgang", office=office, start=berlin(2026, 3, 5, 10))
    EventFactory(title="Woanders", start=berlin(2026, 3, 5, 10))
    EventFactory(title="Entwurf", office=office, is_published=False, start=berlin(2026, 3, 5))
    response = client.get(reverse("events:office-feed", kwargs={"slug": "westhagen"}))
    calendar = parse(response)
    assert [str(e["SUMMARY"]) for e in entries(calendar)] == ["Rundgang"]
    assert "Stadtteilbüro Westhagen" in str(calendar["X-WR-CALNAME"])
    assert client.get("/bueros/gibt-es-nicht/veranstaltungen.ics").status_code == 404


def test_a_full_feed_keeps_the_coming_dates_first(client, monkeypatch):
    """More dates than the feed holds: the next ones stay, then the most recent past."""
    monkeypatch.setattr("events.views.FEED_LIMIT", 3)
    for days in (-20, -10, -2, 1, 2, 3, 4):
        EventFactory(title=f"Tag {days}", start=NOW + datetime.timedelta(days=days))
    summaries = [str(e["SUMMARY"]) for e in entries(parse(client.get(FEED)))]
    assert summaries == ["Tag 1", "Tag 2", "Tag 3"]
    monkeypatch.setattr("events.views.FEED_LIMIT", 6)
    cache.clear()  # the clock stands still here, so the page cache keeps its generation
    summaries = [str(e["SUMMARY"]) for e in entries(parse(client.get(FEED)))]
    assert summaries == ["Tag -10", "Tag -2", "Tag 1", "Tag 2", "Tag 3", "Tag 4"]


def test_a_feed_loads_only_the_dates_whose_entry_is_not_cached(client):
    for days in (1, 2, 3):
        EventFactory(title=f"Tag {days}", start=NOW + datetime.timedelta(days=days))
    assert len(entries(parse(client.get(FEED)))) == 3
    loaded = []

    def count_dates(sender, instance, **kwargs):
        loaded.append(instance.event.title)

    post_init.connect(count_dates, sender=Occurrence)
    try:
        with time_machine.travel(NOW + datetime.timedelta(seconds=5), tick=False):
            EventFactory(title="Neu", start=NOW + datetime.timedelta(days=4))
            loaded.clear()
            summaries = [str(e["SUMMARY"]) for e in entries(parse(client.get(FEED)))]
    finally:
        post_init.disconnect(count_dates, sender=Occurrence)
    assert summaries == ["Tag 1", "Tag 2", "Tag 3", "Neu"]
    assert loaded == ["Neu"]


def test_feed_keeps_recent_past_but_not_old_dates(client):
    EventFactory(title="Letzte Woche", start=berlin(2026, 2, 22, 10))
    EventFactory(title="Letztes Jahr", start=berlin(2025, 3, 1, 10))
    summaries = [str(e["SUMMARY"]) for e in entries(parse(client.get(FEED)))]
    assert summaries == ["Letzte Woche"]


def test_unpublished_event_download_is_404_for_the_public(client):
    event = EventFactory(is_published=False)
    assert client.get(event.get_ics_url()).status_code == 404


def test_line_breaks_in_title_place_and_office_name_never_break_the_feed(client):
    event = EventFactory(title="Fest\r\nATTENDEE:mailto:x@example.org", location_name="Haus\nA")
    event.office.name = "Büro\nNord"
    event.office.save()
    for url in (f"/veranstaltungen/{event.slug}.ics", "/veranstaltungen/feed.ics"):
        response = client.get(url)
        assert response.status_code == 200
        calendar = icalendar.Calendar.from_ical(response.content)
        entry = calendar.walk("VEVENT")[0]
        assert str(entry["summary"]) == "Fest ATTENDEE:mailto:x@example.org"
        assert "ATTENDEE" not in [name for name, _value in entry.property_items()]
        assert str(entry["location"]).startswith("Haus A")


def test_long_descriptions_are_shortened_in_feeds(client):
    EventFactory(
        summary="", description="Nachbarschaft " * 100, start=NOW + datetime.timedelta(days=2)
    )
    [entry] = entries(parse(client.get(FEED)))
    text = str(entry["DESCRIPTION"])
    assert "Nachbarschaft …" in text
    assert len(text) < 500
