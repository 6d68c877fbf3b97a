"""The filters of /veranstaltungen/ at day and week boundaries (Saturday, Sunday, the
change to daylight saving time on 29 March 2026), their combinations, pagination and
wrong values."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from events.forms import EventFilterForm, time_window
from tests.factories import CategoryFactory, EventFactory, OfficeFactory

from .helpers import berlin

pytestmark = pytest.mark.django_db

LIST = reverse("events:event-list")


def titles(client, query=""):
    content = client.get(f"{LIST}?{query}").content.decode()
    return set(re.findall(r'class="event-title"><a href="[^"]+">([^<]+)</a>', content))


@pytest.fixture
def around_dst():
    """Events around the weekend of 28/29 March 2026 (clocks go forward on Sunday 2:00)."""
    dates = {
        "Freitagabend": berlin(2026, 3, 27, 19),
        "Samstagmorgen": berlin(2026, 3, 28, 9),
        "Samstagabend": berlin(2026, 3, 28, 23, 30),
        "Sonntagnacht": berlin(2026, 3, 29, 1, 30),
        "Sonntagabend": berlin(2026, 3, 29, 23, 30),
        "Montagnacht": berlin(2026, 3, 30, 0, 30),
        "Dienstag": berlin(2026, 3, 31, 18),
        "Monatswechsel": berlin(2026, 4, 1, 0, 15),
    }
    for title, start in dates.items():
        EventFactory(title=title, start=start, end=start + datetime.timedelta(minutes=20))
    return dates


@pytest.mark.parametrize(
    ("now", "when", "expected"),
    [
        # Saturday noon: the morning is over, today ends at midnight.
        (berlin(2026, 3, 28, 12), "heute", {"Samstagabend"}),
        (
            berlin(2026, 3, 28, 12),
            "wochenende",
            {"Samstagabend", "Sonntagnacht", "Sonntagabend"},
        ),
        (berlin(2026, 3, 28, 12), "woche", {"Samstagabend", "Sonntagnacht", "Sonntagabend"}),
        # Sunday (23 hours long): 23:30 is today, Monday 0:30 is not.
        (berlin(2026, 3, 29, 0, 5), "heute", {"Sonntagnacht", "Sonntagabend"}),
        (berlin(2026, 3, 29, 12), "wochenende", {"Sonntagabend"}),
        (berlin(2026, 3, 29, 12), "woche", {"Sonntagabend"}),
        # Friday morning: the weekend starts on Saturday at midnight.
        (
            berlin(2026, 3, 27, 8),
            "wochenende",
            {"Samstagmorgen", "Samstagabend", "Sonntagnacht", "Sonntagabend"},
        ),
        (
            berlin(2026, 3, 27, 8),
            "heute",
            {"Freitagabend"},
        ),
        # Monday: a new week; the month ends on Tuesday 31 March.
        (berlin(2026, 3, 30, 0, 10), "heute", {"Montagnacht"}),
        (berlin(2026, 3, 30, 1), "woche", {"Dienstag", "Monatswechsel"}),
        (berlin(2026, 3, 30, 1), "monat", {"Dienstag"}),
        (berlin(2026, 3, 30, 1), "", {"Dienstag", "Monatswechsel"}),
    ],
)
def test_when_filter_at_day_and_week_boundaries(client, around_dst, now, when, expected):
    with time_machine.travel(now, tick=False):
        assert titles(client, f"wann={when}") == expected


def test_time_window_days_are_23_and_25_hours_long_when_the_clocks_change():
    spring = time_window("heute", berlin(2026, 3, 29, 12))
    autumn = time_window("heute", berlin(2026, 10, 25, 12))
    # Python subtracts datetimes of one zone by wall clock; compare in UTC.
    utc = datetime.UTC
    assert spring[1].astimezone(utc) - spring[0].astimezone(utc) == datetime.timedelta(hours=23)
    assert autumn[1].astimezone(utc) - autumn[0].astimezone(utc) == datetime.timedelta(hours=25)
    assert time_window("nie", berlin(2026, 3, 29, 12)) is None


@pytest.mark.parametrize(
    ("now", "first", "last"),
    [
        (berlin(2026, 3, 27, 8), datetime.date(2026, 3, 28), datetime.date(2026, 3, 30)),
        (berlin(2026, 3, 28, 8), datetime.date(2026, 3, 28), datetime.date(2026, 3, 30)),
        (berlin(2026, 3, 29, 8), datetime.date(2026, 3, 29), datetime.date(2026, 3, 30)),
        (berlin(2026, 3, 30, 8), datetime.date(2026, 4, 4), datetime.date(2026, 4, 6)),
    ],
)
def test_weekend_window(now, first, last):
    start, end = time_window("wochenende", now)
    assert (start, end) == (berlin(*first.timetuple()[:3]), berlin(*last.timetuple()[:3]))


@pytest.fixture
def mixed():
    nord = OfficeFactory(slug="nordstadt", name="Stadtteilbüro Nordstadt")
    west = OfficeFactory(slug="westhagen", name="Stadtteilbüro Westhagen")
    fest = CategoryFactory(slug="fest", name="Fest")
    sport = CategoryFactory(slug="sport", name="Sport")
    start = berlin(2026, 3, 28, 15)
    EventFactory(title="Strandfest", office=nord, category=fest, start=start)
    EventFactory(
        title="Kochkurs",
        office=nord,
        category=sport,
        start=start,
        is_free=False,
        price="5 €",
        location_name="Lehrküche",
    )
    EventFactory(title="Fußballturnier", office=west, category=sport, start=start)
    EventFactory(
        title="Hoffest",
        office=west,
        category=fest,
        start=start + datetime.timedelta(days=10),
        is_free=False,
        price="2 €",
    )
    EventFactory(title="Vorjahresfest", office=nord, category=fest, start=berlin(2025, 6, 1, 15))
    EventFactory(title="Entwurf", office=nord, category=fest, start=start, is_published=False)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Strandfest", "Kochkurs", "Fußballturnier", "Hoffest"}),
        ("kostenlos=1", {"Strandfest", "Fußballturnier"}),
        ("buero=nordstadt", {"Strandfest", "Kochkurs"}),
        ("kategorie=fest", {"Strandfest", "Hoffest"}),
        ("q=turnier", {"Fußballturnier"}),
        ("q=LEHRküche", {"Kochkurs"}),
        ("q=Sport", {"Kochkurs", "Fußballturnier"}),
        ("vergangen=1", {"Vorjahresfest"}),
        ("vergangen=1&buero=westhagen", set()),
        ("kostenlos=1&buero=westhagen", {"Fußballturnier"}),
        ("kostenlos=1&kategorie=fest&wann=wochenende", {"Strandfest"}),
        ("kategorie=fest&wann=monat", {"Strandfest"}),
        ("buero=westhagen&kategorie=fest&q=hof", {"Hoffest"}),
        ("buero=westhagen&kategorie=fest&kostenlos=1", set()),
    ],
)
def test_filters_and_their_combinations(client, mixed, query, expected):
    with time_machine.travel(berlin(2026, 3, 28, 10), tick=False):
        assert titles(client, query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "wann=gestern",
        "buero=gibt-es-nicht",
        "kategorie=%00",
        "kostenlos=vielleicht",
        "page=abc",
        "page=-1",
        "page=99999",
        "q=" + "x" * 500,
        "q=%F0%9F%8E%89&buero[]=1",
        "vergangen=ja&wann=",
        "wann=heute&wann=morgen",
    ],
)
def test_wrong_values_never_break_the_page(client, mixed, query):
    with time_machine.travel(berlin(2026, 3, 28, 10), tick=False):
        response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200


def test_wrong_value_is_explained_at_the_field_and_left_out(client, mixed):
    with time_machine.travel(berlin(2026, 3, 28, 10), tick=False):
        content = client.get(f"{LIST}?buero=gibt-es-nicht&kostenlos=1").content.decode()
    assert 'aria-invalid="true"' in content
    assert 'id="id_buero_error"' in content
    assert "Einige Filter konnten nicht angewendet werden" in content
    # the valid filter still applies
    assert titles_in(content) == {"Strandfest", "Fußballturnier"}


def titles_in(content):
    return set(re.findall(r'class="event-title"><a href="[^"]+">([^<]+)</a>', content))


def test_filters_survive_pagination(client):
    office = OfficeFactory(slug="nordstadt")
    other = OfficeFactory()
    category = CategoryFactory(slug="fest")
    for day in range(25):
        EventFactory(office=office, category=category, start=berlin(2026, 4, 1 + day, 10))
        EventFactory(office=other, category=category, start=berlin(2026, 4, 1 + day, 11))
    with time_machine.travel(berlin(2026, 3, 28, 10), tick=False):
        first = client.get(f"{LIST}?buero=nordstadt&kategorie=fest").content.decode()
        assert "?buero=nordstadt&amp;kategorie=fest&amp;page=2" in first
        second = client.get(f"{LIST}?buero=nordstadt&kategorie=fest&page=2").content.decode()
    assert len(titles_in(first)) == 20
    assert len(titles_in(second)) == 5
    assert "Seite 2 von 2" in second or "Page 2 of 2" in second


def test_list_groups_dates_by_day_soonest_first(client):
    EventFactory(title="Später", start=berlin(2026, 4, 2, 10))
    EventFactory(title="Früher", start=berlin(2026, 4, 1, 18))
    EventFactory(title="Am selben Tag", start=berlin(2026, 4, 1, 9))
    with time_machine.travel(berlin(2026, 3, 28, 10), tick=False):
        content = client.get(LIST).content.decode()
    assert content.count('class="event-day"') == 2
    assert content.index("Am selben Tag") < content.index("Früher") < content.index("Später")
    assert '<h2 id="day-2026-04-01"' in content
    badge = '<span class="date-badge-weekday">Mi</span> <span class="date-badge-day">1</span>'
    assert badge in content
    assert "Mittwoch, 1. April 2026" in content
    with time_machine.travel(berlin(2026, 3, 28, 10), tick=False):
        english = client.get(f"/en{LIST}").content.decode()  # the day's names in English
    assert "Wednesday, April 1, 2026" in english and "Mittwoch" not in english


def test_feed_query_keeps_only_valid_feed_filters(mixed):
    form = EventFilterForm(
        {"buero": "nordstadt", "kostenlos": "1", "kategorie": "nix", "page": "3", "vergangen": "1"}
    )
    assert form.feed_query() == "buero=nordstadt&kostenlos=1"
