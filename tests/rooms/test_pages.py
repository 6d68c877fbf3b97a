"""The public room pages: filters, week view, feeds, office section, sitemap, queries."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from rooms import services
from tests.factories import BookingRequestFactory, HoursExceptionFactory, RoomFactory
from tests.rooms.conftest import next_tuesday
from tests.sitemap import whole_sitemap

pytestmark = pytest.mark.django_db


def room_links(response):
    return re.findall(r'card-title"><a href="/raeume/([^/]+)/', response.content.decode())


@pytest.fixture
def rooms(office, other_office):
    """A step-free room for 14, a small one, one with stairs, one of another office."""
    return {
        "big": RoomFactory(office=office, slug="gross", capacity=14, step_free=True),
        "small": RoomFactory(office=office, slug="klein", capacity=6, step_free=True),
        "stairs": RoomFactory(office=office, slug="treppe", capacity=20, step_free=False),
        "other": RoomFactory(
            office=other_office, slug="anderswo", capacity=30, step_free=True, has_kitchen=True
        ),
        "evening_free": RoomFactory(
            office=other_office,
            slug="nur-vormittags",
            capacity=30,
            weekly_hours=[(1, datetime.time(9), datetime.time(13))],
        ),
    }


def test_resident_finds_a_free_step_free_room_for_twelve_next_tuesday_evening(client, rooms):
    """Done when: free next Tuesday evening for 12 people, step-free."""
    taken = BookingRequestFactory(room=rooms["other"])
    services.request_confirm(request=taken)
    response = client.get(
        reverse("rooms:room-list"),
        {
            "personen": "12",
            "barrierefrei": "stufenlos",
            "frei_am": next_tuesday().isoformat(),
            "von": "18:00",
            "bis": "20:00",
        },
    )
    assert room_links(response) == ["gross"]
    assert "1 Raum gefunden" in response.content.decode()


def test_filters_office_equipment_and_closed_days(client, rooms, office):
    assert sorted(room_links(client.get("/raeume/", {"buero": office.slug}))) == [
        "gross",
        "klein",
        "treppe",
    ]
    assert room_links(client.get("/raeume/", {"ausstattung": "kueche"})) == ["anderswo"]
    HoursExceptionFactory(office=office, start_date=next_tuesday(), end_date=next_tuesday())
    links = room_links(client.get("/raeume/", {"frei_am": next_tuesday().isoformat()}))
    assert sorted(links) == ["anderswo", "nur-vormittags"]


@pytest.mark.parametrize(
    "query",
    [
        {"personen": "-3"},
        {"personen": "9" * 30},
        {"frei_am": "kaputt"},
        {"frei_am": "0001-01-01", "von": "18:00", "bis": "20:00"},
        {"frei_am": "2026-13-45"},
        {"von": "25:00"},
        {"buero": "gibt-es-nicht"},
        {"ausstattung": "sauna"},
        {"page": "99"},
        {"page": "x"},
    ],
)
def test_bad_filter_values_never_break_the_list(client, rooms, query):
    response = client.get("/raeume/", query)
    assert response.status_code in (200, 404)
    if response.status_code == 200 and "page" not in query:
        assert len(room_links(response)) == 5  # the bad value is ignored


def test_room_page_shows_busy_times_without_names(client, room):
    request = BookingRequestFactory(room=room, name="Geheime Person", purpose="Privates Treffen")
    services.request_confirm(request=request)
    response = client.get(room.get_absolute_url(), {"woche": next_tuesday().isoformat()})
    html = response.content.decode()
    assert "18:00–20:00" in html and "belegt" in html
    assert "Geheime Person" not in html and "Privates Treffen" not in html
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == ["Place", "MeetingRoom"]
    assert data["maximumAttendeeCapacity"] == 14


def test_room_page_week_navigation_is_bounded(client, room):
    this_week = client.get(room.get_absolute_url()).content.decode()
    assert "Vorige Woche" not in this_week and "Nächste Woche" in this_week
    far = client.get(room.get_absolute_url(), {"woche": "2999-01-01"}).content.decode()
    assert "Nächste Woche" not in far
    assert client.get(room.get_absolute_url(), {"woche": "Quatsch"}).status_code == 200


def test_closure_shows_in_the_week(client, room):
    day = next_tuesday()
    room.closures.create(start_date=day, end_date=day, note="Renovierung")
    html = client.get(room.get_absolute_url(), {"woche": day.isoformat()}).content.decode()
    assert "geschlossen: Renovierung" in html


def test_inactive_room_is_not_shown(client, room):
    room.is_active = False
    room.save()
    assert client.get(room.get_absolute_url()).status_code == 404
    assert room_links(client.get("/raeume/")) == []


def test_public_busy_feed_has_no_personal_data(client, room):
    services.request_confirm(request=BookingRequestFactory(room=room, name="Erika Muster"))
    body = client.get(reverse("rooms:room-busy-feed", args=[room.slug])).content.decode()
    assert body.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Belegt" in body
    assert "Erika" not in body and "Nachbarschaftsinitiative" not in body


def test_staff_feed_needs_the_rooms_token(client, room):
    services.request_confirm(request=BookingRequestFactory(room=room, name="Erika Muster"))
    url = reverse("rooms:room-staff-feed", args=[room.slug, room.feed_token])
    body = client.get(url).content.decode()
    assert "Erika Muster" in body
    wrong = reverse("rooms:room-staff-feed", args=[room.slug, "x" * 43])
    assert client.get(wrong).status_code == 404


def test_office_page_lists_its_rooms(client, room):
    html = client.get(room.office.get_absolute_url()).content.decode()
    assert 'id="office-rooms"' in html and room.get_absolute_url() in html


def test_sitemap_lists_the_rooms(client, room):
    xml = whole_sitemap(client)
    assert f"{room.get_absolute_url()}</loc>" in xml
    assert "/raeume/</loc>" in xml


def test_english_pages(client, room):
    assert client.get("/en/raeume/").status_code == 200
    assert "Community rooms" in client.get("/en/raeume/").content.decode()


def test_query_counts_are_fixed(client, rooms, room, django_assert_max_num_queries):
    for _ in range(3):
        services.request_confirm(request=BookingRequestFactory(room=room, start=_later(room)))
    request = BookingRequestFactory(room=room, repeat_until=next_tuesday(30))
    pages = [
        "/raeume/",
        "/raeume/?personen=12&barrierefrei=stufenlos&frei_am="
        + next_tuesday().isoformat()
        + "&von=18:00&bis=20:00",
        room.get_absolute_url(),
        room.get_absolute_url() + "?woche=" + next_tuesday(2).isoformat(),
        room.get_request_url(),
        request.get_status_url(),
        request.get_ics_url(),
        reverse("rooms:room-busy-feed", args=[room.slug]),
    ]
    for url in pages:
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200, url


_offset = iter(range(2, 40))


def _later(room):
    from rooms.availability import aware

    return aware(next_tuesday(next(_offset)), datetime.time(10))


def test_german_room_texts_on_english_pages_are_marked(client):
    room = RoomFactory(summary="Ein heller Raum im Erdgeschoss.", house_rules="Bitte aufräumen.")
    with translation.override("en"):
        page = client.get(room.get_absolute_url()).content.decode()
    assert f'<h1 lang="de">{room.name}</h1>' in page
    assert '<p lang="de">Ein heller Raum im Erdgeschoss.</p>' in page
    assert 'class="house-rules" lang="de"' in page
    german = client.get(room.get_absolute_url()).content.decode()
    assert 'lang="de">' not in german.split("<main", 1)[1]
