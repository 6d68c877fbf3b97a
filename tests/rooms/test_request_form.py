"""The public request form: a valid request on a phone without JavaScript, and every
kind of bad input answered at its field in German, with what was typed kept."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rooms.models import BookingRequest
from tests.factories import BookingRequestFactory, HoursExceptionFactory
from tests.form_html import field_errors as errors_at
from tests.rooms.conftest import form_data, next_tuesday

pytestmark = pytest.mark.django_db


def post(client, room, **overrides):
    return client.post(reverse("rooms:request-create", args=[room.slug]), form_data(**overrides))


def test_a_request_keeps_the_cached_room_page(client, room, django_capture_on_commit_callbacks):
    """A request is on no public page (the week shows confirmed bookings only): it does
    not empty the page cache, as every request would on a busy day."""
    page = room.get_absolute_url()
    client.get(page)
    assert client.get(page)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        assert post(Client(), room).status_code == 302
    assert BookingRequest.objects.exists()
    assert client.get(page)["X-Page-Cache"] == "hit"


def field_errors(response, name):
    """The messages shown at one field and linked to its input."""
    return errors_at(response.content.decode(), f"id_{name}")


def test_request_is_stored_and_confirmed_by_mail(client, room, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, room)
    request = BookingRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == request.get_status_url()
    assert request.status == BookingRequest.Status.REQUESTED
    assert request.start.hour == 17  # 18:00 in Berlin in winter is 17:00 UTC
    to_requester, to_office = mail.outbox
    assert to_requester.to == ["erika@example.org"]
    assert request.get_status_url() in to_requester.body
    assert "Besprechungsraum" in to_requester.subject
    assert to_office.to == [room.office.email]
    assert [event.event_type for event in request.events.all()] == ["rooms.request.submitted"]
    page = client.get(request.get_status_url())
    assert "Angefragt" in page.content.decode()
    assert page["Cache-Control"] == "no-store, private"


def test_weekly_request_lists_every_date(client, room, django_capture_on_commit_callbacks):
    until = next_tuesday(4)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, room, weekly="on", repeat_until=until.isoformat())
    request = BookingRequest.objects.get()
    assert request.repeat_until == until
    assert request.last_end.date() == until
    assert mail.outbox[0].body.count("18:00–20:00") == 4


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"date": "2020-01-07"}, "date", "in der Zukunft"),
        ({"date": "31.02.2027"}, "date", "gültiges Datum"),
        ({"date": "morgen"}, "date", "gültiges Datum"),
        ({"date": "9999-12-31"}, "date", "nächsten zwei Jahre"),
        ({"time_from": "20:00", "time_to": "18:00"}, "time_to", "Ende muss nach dem Beginn"),
        ({"time_from": "25:99"}, "time_from", "gültige Uhrzeit"),
        ({"time_from": "06:00", "time_to": "08:00"}, "time_from", "buchbar"),
        ({"time_from": "10:00", "time_to": "16:00"}, "time_to", "höchstens 4 Stunden"),
        ({"people": "15"}, "people", "höchstens 14 Personen"),
        ({"people": "99999999999999999999"}, "people", "kleiner oder gleich 9999"),
        ({"people": "zwölf"}, "people", "ganze Zahl"),
        ({"weekly": "on"}, "repeat_until", "letzten Treffens"),
        ({"email": ""}, "email", "zwingend erforderlich"),
        ({"accept_rules": None}, "accept_rules", "Hausordnung"),
    ],
)
def test_bad_input_is_answered_at_the_field(client, room, overrides, field, message):
    response = post(client, room, **overrides)
    assert response.status_code == 400
    assert message in field_errors(response, field)
    assert BookingRequest.objects.count() == 0
    assert 'value="Erika Muster"' in response.content.decode()


def test_weekend_day_without_hours(client, room):
    saturday = next_tuesday() + datetime.timedelta(days=4)
    response = post(client, room, date=saturday.isoformat())
    assert "kann am Samstag nicht gebucht werden" in field_errors(response, "date")


def test_lead_time(client, room):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post(client, room, date=tomorrow.isoformat())
    assert "mindestens 3 Tage im Voraus" in field_errors(response, "date")


def test_overlap_with_a_confirmed_booking(client, room):
    from rooms import services

    other = BookingRequestFactory(room=room)
    services.request_confirm(request=other)
    response = post(client, room, time_from="19:00", time_to="21:00")
    assert "bereits von 18:00 bis 20:00 gebucht" in field_errors(response, "time_from")
    # An open request does not block the slot; only a confirmed booking does.
    assert post(client, room, date=next_tuesday(2).isoformat()).status_code == 302


@pytest.mark.parametrize("whose", ["room", "office"])
def test_closure_of_the_room_or_its_office(client, room, whose):
    day = next_tuesday()
    if whose == "room":
        room.closures.create(start_date=day, end_date=day, note="Renovierung")
        note = "Renovierung"
    else:
        HoursExceptionFactory(office=room.office, start_date=day, end_date=day, note="Weihnachten")
        note = "Weihnachten"
    response = post(client, room)
    assert f"geschlossen ({note})" in field_errors(response, "time_from")


def test_weekly_request_names_the_conflicting_date(client, room):
    from rooms import services

    services.request_confirm(request=BookingRequestFactory(room=room, start=_at(next_tuesday(3))))
    response = post(client, room, weekly="on", repeat_until=next_tuesday(5).isoformat())
    assert "bereits von 18:00 bis 20:00 gebucht" in field_errors(response, "repeat_until")


def _at(day, hour=18):
    from rooms.availability import aware

    start = aware(day, datetime.time(hour))
    return start


def test_honeypot_and_rate_limit(client, room, settings):
    response = post(client, room, homepage="http://spam.example")
    assert response.status_code == 400
    assert BookingRequest.objects.count() == 0
    # The spam post counted already: one more request may be stored, then no more.
    settings.ROOMS_REQUESTS_PER_HOUR = 2
    assert post(client, room).status_code == 302
    response = post(client, room, date=next_tuesday(2).isoformat())
    assert response.status_code == 429
    assert BookingRequest.objects.count() == 1


def test_inactive_or_unknown_room_has_no_form(client, room):
    room.is_active = False
    room.save()
    assert client.get(reverse("rooms:request-create", args=[room.slug])).status_code == 404
    assert client.get("/raeume/gibt-es-nicht/anfrage/").status_code == 404


def test_form_is_prefilled_from_the_week_view(client, room):
    day = next_tuesday().isoformat()
    response = client.get(
        reverse("rooms:request-create", args=[room.slug]),
        {"date": day, "time_from": "18:00", "time_to": "20:00"},
    )
    html = response.content.decode()
    assert f'value="{day}"' in html
    assert 'value="18:00"' in html
