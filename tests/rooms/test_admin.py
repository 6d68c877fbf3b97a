"""Staff work with rooms and requests in the admin, only for their own office."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from rooms.models import Booking, BookingRequest
from tests.factories import BookingRequestFactory, RoomFactory
from tests.rooms.conftest import next_tuesday

pytestmark = pytest.mark.django_db
S = BookingRequest.Status


@pytest.fixture
def foreign_room(other_office):
    return RoomFactory(office=other_office, slug="fremd")


@pytest.fixture
def requests(room, foreign_room):
    from rooms import services

    own = BookingRequestFactory(room=room, name="Eigene Anfrage")
    foreign = BookingRequestFactory(room=foreign_room, name="Fremde Anfrage")
    services.request_confirm(request=own)
    services.request_confirm(request=foreign)
    return own, foreign


def test_staff_see_only_their_offices_rooms_requests_and_bookings(client, rooms_staff, requests):
    own, foreign = requests
    client.force_login(rooms_staff)
    for model, own_obj, foreign_obj in [
        ("room", own.room, foreign.room),
        ("bookingrequest", own, foreign),
        ("booking", own.bookings.get(), foreign.bookings.get()),
    ]:
        changelist = client.get(reverse(f"admin:rooms_{model}_changelist")).content.decode()
        own_url = reverse(f"admin:rooms_{model}_change", args=[own_obj.pk])
        foreign_url = reverse(f"admin:rooms_{model}_change", args=[foreign_obj.pk])
        assert own_url in changelist and foreign_url not in changelist, model
        assert client.get(own_url).status_code == 200, model
        assert client.get(foreign_url).status_code == 404, model


def test_superuser_sees_all(client, superuser, requests):
    client.force_login(superuser)
    changelist = client.get(reverse("admin:rooms_bookingrequest_changelist")).content.decode()
    assert "Eigene Anfrage" in changelist and "Fremde Anfrage" in changelist


def test_room_page_offers_only_own_offices(client, rooms_staff, room, other_office):
    client.force_login(rooms_staff)
    html = client.get(reverse("admin:rooms_room_add")).content.decode()
    html = re.search(r'<select name="office".*?</select>', html, re.S).group(0)
    assert f'value="{room.office.pk}"' in html
    assert f'value="{other_office.pk}"' not in html


def test_room_inlines_and_week_calendar(client, rooms_staff, requests):
    own, foreign = requests
    own.room.closures.create(start_date=next_tuesday(), end_date=next_tuesday(), note="Putztag")
    client.force_login(rooms_staff)
    page = client.get(reverse("admin:rooms_room_change", args=[own.room.pk])).content.decode()
    assert "Putztag" in page and own.room.feed_token in page
    week = reverse("admin:rooms_room_week", args=[own.room.pk])
    html = client.get(week, {"woche": next_tuesday().isoformat()}).content.decode()
    # Staff see who booked (the public week view does not).
    assert "Eigene Anfrage" in html and "Treffen der Nachbarschaftsinitiative" in html
    assert "Fremde Anfrage" not in html
    assert client.get(reverse("admin:rooms_room_week", args=[foreign.room.pk])).status_code == 404


def test_staff_confirm_and_decline_through_the_buttons(
    client, rooms_staff, room, django_capture_on_commit_callbacks
):
    first = BookingRequestFactory(room=room)
    second = BookingRequestFactory(room=room)
    client.force_login(rooms_staff)
    change = client.get(
        reverse("admin:rooms_bookingrequest_change", args=[first.pk])
    ).content.decode()
    assert "bestaetigen/" in change and "ablehnen/" in change
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:rooms_bookingrequest_confirm", args=[first.pk]), {})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == S.CONFIRMED and first.decided_by == rooms_staff
    assert mail.outbox[-1].to == ["erika@example.org"]
    # The second request wants the same slot: confirming it shows why it cannot be.
    response = client.post(reverse("admin:rooms_bookingrequest_confirm", args=[second.pk]), {})
    assert response.status_code == 200
    assert "bereits von 18:00 bis 20:00 gebucht" in response.content.decode()
    response = client.post(
        reverse("admin:rooms_bookingrequest_decline", args=[second.pk]), {"message": ""}
    )
    assert response.status_code == 200
    client.post(
        reverse("admin:rooms_bookingrequest_decline", args=[second.pk]),
        {"message": "Schon belegt."},
    )
    second.refresh_from_db()
    assert second.status == S.DECLINED and second.message == "Schon belegt."


def test_propose_in_the_admin(client, rooms_staff, room):
    request = BookingRequestFactory(room=room)
    client.force_login(rooms_staff)
    url = reverse("admin:rooms_bookingrequest_propose", args=[request.pk])
    bad = client.post(url, {"date": "gestern", "time_from": "18:00", "time_to": "20:00"})
    assert bad.status_code == 200 and "gültiges Datum" in bad.content.decode()
    client.post(
        url, {"date": next_tuesday(2).isoformat(), "time_from": "17:00", "time_to": "19:00"}
    )
    request.refresh_from_db()
    assert request.status == S.PROPOSED and request.proposed_start is not None


def test_staff_of_another_office_cannot_take_steps(client, other_rooms_staff, room):
    request = BookingRequestFactory(room=room)
    client.force_login(other_rooms_staff)
    response = client.post(reverse("admin:rooms_bookingrequest_confirm", args=[request.pk]), {})
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == S.REQUESTED


def test_staff_enter_a_phone_booking(client, rooms_staff, room):
    client.force_login(rooms_staff)
    data = {
        "room": room.pk,
        "date": (next_tuesday() - next_tuesday().resolution * 5).isoformat(),  # short notice
        "time_from": "10:00",
        "time_to": "12:00",
        "purpose": "Krabbelgruppe",
        "people": "8",
        "name": "Anruferin",
        "confirm_now": "on",
    }
    response = client.post(reverse("admin:rooms_bookingrequest_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    request = BookingRequest.objects.get(name="Anruferin")
    assert request.status == S.CONFIRMED and request.entered_by == rooms_staff
    assert Booking.objects.filter(request=request).count() == 1
    assert request.events.first().event_type == "rooms.request.entered"


def test_staff_cannot_enter_bookings_for_foreign_rooms(client, rooms_staff, foreign_room):
    client.force_login(rooms_staff)
    response = client.post(
        reverse("admin:rooms_bookingrequest_add"),
        {
            "room": foreign_room.pk,
            "date": next_tuesday().isoformat(),
            "time_from": "10:00",
            "time_to": "12:00",
            "purpose": "x",
            "people": "3",
            "name": "y",
        },
    )
    assert response.status_code == 200
    assert not BookingRequest.objects.exists()
