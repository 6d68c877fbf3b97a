import datetime
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.urls import reverse

from events.models import Event
from events.services import event_sync_occurrences
from tests.conftest import make_staff
from tests.factories import CancelledDateFactory, CategoryFactory, EventFactory, OfficeFactory
from tests.sitemap import whole_sitemap

from .helpers import berlin, bulk_events

pytestmark = pytest.mark.django_db

NOW = berlin(2026, 3, 2, 9)


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def jsonld(content):
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return json.loads(raw.group(1))


def test_detail_shows_all_details(client):
    office = OfficeFactory(name="Stadtteilbüro Westhagen")
    event = EventFactory(
        office=office,
        title="Stadtteilrundgang",
        category=CategoryFactory(name="Rundgang", slug="rundgang"),
        start=berlin(2026, 3, 12, 15),
        end=berlin(2026, 3, 12, 17),
        location_name="Stadtteilbüro",
        address="Hallesche Straße 30, 38444 Wolfsburg",
        is_free=False,
        price="2 €",
        registration=Event.Registration.REQUIRED,
        registration_info="Telefonisch bis Montag",
        accessibility="Stufenlos",
        languages="Deutsch, Polnisch",
        description="## Ablauf\n\nWir gehen **gemeinsam**.",
    )
    content = client.get(event.get_absolute_url()).content.decode()
    assert content.count("<h1") == 1
    for text in [
        "Stadtteilrundgang",
        "Donnerstag, 12. März 2026",
        "15:00–17:00 Uhr",
        "Hallesche Straße 30, 38444 Wolfsburg",
        "https://www.openstreetmap.org/search?query=Hallesche+Stra%C3%9Fe+30",
        "2 €",
        "Anmeldung erforderlich: <span>Telefonisch bis Montag</span>",
        "Stufenlos",
        "Deutsch, Polnisch",
        office.get_absolute_url(),
        "<strong>gemeinsam</strong>",
        f'href="{event.get_ics_url()}"',
        "https://calendar.google.com/calendar/render?",
        "https://outlook.live.com/calendar/0/action/compose?",
        "?kategorie=rundgang",
    ]:
        assert text in content, text


def test_google_and_outlook_links_carry_the_date(client):
    event = EventFactory(title="Fest", start=berlin(2026, 3, 12, 15), end=berlin(2026, 3, 12, 17))
    content = client.get(event.get_absolute_url()).content.decode()
    google = re.search(r'href="(https://calendar\.google\.com[^"]+)"', content).group(1)
    params = parse_qs(urlsplit(google.replace("&amp;", "&")).query)
    assert params["dates"] == ["20260312T140000Z/20260312T160000Z"]
    assert params["text"] == ["Fest"]
    outlook = re.search(r'href="(https://outlook\.live\.com[^"]+)"', content).group(1)
    params = parse_qs(urlsplit(outlook.replace("&amp;", "&")).query)
    assert params["startdt"] == ["2026-03-12T15:00:00+01:00"]


def test_jsonld_has_event_status(client):
    event = EventFactory(
        status=Event.Status.CANCELLED, status_note="Krankheit", start=berlin(2026, 3, 12, 15)
    )
    content = client.get(event.get_absolute_url()).content.decode()
    data = jsonld(content)
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["startDate"] == "2026-03-12T15:00:00+01:00"
    assert data["location"]["address"] == "Hochkamp 25, 31137 Hildesheim"
    assert data["organizer"]["name"] == event.office.name
    assert '<div class="event-status-box"><strong>' in content
    assert "Diese Veranstaltung ist abgesagt." in content
    assert "Krankheit" in content


def test_postponed_event_is_shown_loudly(client):
    event = EventFactory(status=Event.Status.POSTPONED)
    content = client.get(event.get_absolute_url()).content.decode()
    assert "Diese Veranstaltung ist verschoben." in content
    assert jsonld(content)["eventStatus"] == "https://schema.org/EventPostponed"


def test_recurring_event_lists_next_dates_and_cancelled_ones(client):
    event = EventFactory(
        start=berlin(2026, 2, 3, 10),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=datetime.date(2026, 3, 31),
    )
    CancelledDateFactory(event=event, date=datetime.date(2026, 3, 10))
    event_sync_occurrences(event=event)
    content = client.get(event.get_absolute_url()).content.decode()
    assert "Jede Woche am Dienstag, bis 31. März 2026" in content
    section = content[content.index('id="next-dates"') :]
    dates = re.findall(r'<time datetime="(2026-[^T"]+)T', section)
    assert dates == ["2026-03-03", "2026-03-10", "2026-03-17", "2026-03-24", "2026-03-31"]
    assert section.index("2026-03-10") < section.index("Abgesagt") < section.index("2026-03-17")


def test_past_event_is_still_reachable(client):
    event = EventFactory(start=berlin(2025, 5, 1, 10))
    content = client.get(event.get_absolute_url()).content.decode()
    assert "Fand statt am" in content


def test_cancelled_date_is_marked_in_the_list(client):
    event = EventFactory(
        title="Café",
        start=berlin(2026, 3, 3, 15),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=datetime.date(2026, 3, 10),
    )
    CancelledDateFactory(event=event, date=datetime.date(2026, 3, 3))
    event_sync_occurrences(event=event)
    content = client.get(reverse("events:event-list")).content.decode()
    first = content[content.index('class="event-item') :]
    assert first.startswith('class="event-item event-item--cancelled"')
    assert "event-flag--cancelled" in first[: first.index("</article>")]


def test_unpublished_event_404_for_public_preview_for_own_staff(client, office, other_office):
    event = EventFactory(office=office, is_published=False)
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(make_staff(other_office, "events"))
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(make_staff(office, "events"))
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Vorschau" in response.content.decode()


def test_event_of_inactive_office_is_hidden(client):
    event = EventFactory(office=OfficeFactory(is_active=False))
    assert client.get(event.get_absolute_url()).status_code == 404
    assert event.title not in client.get(reverse("events:event-list")).content.decode()


def test_home_and_office_page_show_next_events(client, office):
    EventFactory(office=office, title="Nachbarschaftscafé", start=berlin(2026, 3, 4, 15))
    EventFactory(title="Fest woanders", start=berlin(2026, 3, 5, 15))
    EventFactory(office=office, title="Längst vorbei", start=berlin(2026, 1, 5, 15))
    home = client.get("/").content.decode()
    assert "Nachbarschaftscafé" in home and "Fest woanders" in home
    assert "Längst vorbei" not in home
    page = client.get(office.get_absolute_url()).content.decode()
    assert "Nachbarschaftscafé" in page and "Fest woanders" not in page
    assert f"/bueros/{office.slug}/veranstaltungen.ics" in page
    assert f"/veranstaltungen/?buero={office.slug}" in page


def test_navigation_and_sitemap(client):
    event = EventFactory()
    EventFactory(title="Entwurf", slug="entwurf", is_published=False)
    content = client.get("/").content.decode()
    assert '<a href="/veranstaltungen/">Veranstaltungen</a>' in content
    sitemap = whole_sitemap(client)
    assert f"{event.get_absolute_url()}</loc>" in sitemap
    assert "/veranstaltungen/</loc>" in sitemap
    assert "entwurf" not in sitemap


def test_subscribe_link_carries_the_filters(client):
    OfficeFactory(slug="nordstadt")
    content = client.get(
        reverse("events:event-list") + "?buero=nordstadt&kostenlos=1&page=1&vergangen=1"
    ).content.decode()
    feed = "stadtteile.example.org/veranstaltungen/feed.ics?buero=nordstadt&amp;kostenlos=1"
    assert f'value="https://{feed}"' in content
    assert f"webcal://{feed}" in content
    assert "So abonnieren Sie" in content


def test_english_pages_answer(client):
    path = EventFactory().get_absolute_url()
    assert client.get(f"/en{path}").status_code == 200
    assert client.get("/en/veranstaltungen/").status_code == 200


def test_unknown_event_is_404(client):
    assert client.get("/veranstaltungen/gibt-es-nicht/").status_code == 404
    assert client.get("/veranstaltungen/gibt-es-nicht.ics").status_code == 404


# --- fixed number of queries, whatever the number of events ----------------------------


def big_data(count):
    office = OfficeFactory(slug="nordstadt")
    category = CategoryFactory(slug="fest")
    events = bulk_events(count, office=office, category=category, first=berlin(2026, 3, 2, 10))
    recurring = EventFactory(
        office=office,
        slug="serie",
        start=berlin(2026, 3, 2, 18),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_weekdays="0,1,2,3,4",
        recurrence_until=datetime.date(2027, 3, 1),
    )
    return office, events, recurring


def pages(office, recurring):
    return [
        "/",
        office.get_absolute_url(),
        reverse("events:event-list"),
        reverse("events:event-list") + "?wann=monat&kostenlos=1&buero=nordstadt&kategorie=fest",
        reverse("events:event-list") + "?q=Massentermin&page=3",
        reverse("events:event-list") + "?vergangen=1",
        reverse("events:event-calendar", kwargs={"year": 2026, "month": 3}),
        reverse("events:event-calendar", kwargs={"year": 2026, "month": 3}) + "?buero=nordstadt",
        recurring.get_absolute_url(),
        recurring.get_ics_url(),
        reverse("events:event-feed"),
        reverse("events:office-feed", kwargs={"slug": office.slug}),
    ]


# Measured: home 6, office page 12 (hours, team, projects, fund ... one for the events),
# list 4, list with office and category filters 6 (validating both), search 4, past 3,
# calendar 4 (the dates ranked, then the shown ones read), calendar with a filter 5,
# detail 2, event download 2, feed 1 (+ 1 for the recent past when the coming dates leave
# room), office feed 2 (+ 1).
# The home page: + 2 for the offices' hours and exceptions (open now).
QUERY_LIMITS = [8, 12, 4, 6, 4, 3, 4, 5, 2, 2, 2, 3]


# 60 events fill three pages of the list (20 a page); a query per event would add 50.
# The larger case also has full feeds (more coming dates than they hold), as a city has.
@pytest.mark.parametrize("count", [10, 60])
def test_public_pages_run_a_fixed_number_of_queries(
    client, count, django_assert_max_num_queries, monkeypatch
):
    if count > 10:
        monkeypatch.setattr("events.views.FEED_LIMIT", 20)  # the series alone has more
    office, _events, recurring = big_data(count)
    for url, limit in zip(pages(office, recurring), QUERY_LIMITS, strict=True):
        with django_assert_max_num_queries(limit):
            response = client.get(url)
        assert response.status_code == 200, url
