"""Confirm, decline, propose, cancel: allowed and forbidden steps, history, mails, the
slot rule, the status link's expiry and the anonymisation after the retention."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from rooms import services
from rooms.availability import aware
from rooms.models import Booking, BookingRequest
from tests.conftest import postgresql_only
from tests.factories import BookingRequestFactory
from tests.rooms.conftest import next_tuesday

pytestmark = pytest.mark.django_db
S = BookingRequest.Status


def history(request):
    return [(e.event_type, e.from_status, e.to_status) for e in request.events.order_by("pk")]


def test_confirm_books_every_date_and_mails(room, rooms_staff, django_capture_on_commit_callbacks):
    request = BookingRequestFactory(room=room, repeat_until=next_tuesday(3))
    with django_capture_on_commit_callbacks(execute=True):
        services.request_confirm(request=request, actor=rooms_staff, message="Schlüssel im Büro")
    request.refresh_from_db()
    assert request.status == S.CONFIRMED
    assert request.decided_by == rooms_staff
    assert Booking.objects.filter(request=request).count() == 3
    assert history(request)[-1] == ("rooms.request.confirmed", S.REQUESTED, S.CONFIRMED)
    (confirmation,) = mail.outbox
    assert confirmation.subject.startswith("Bestätigt")
    assert "Schlüssel im Büro" in confirmation.body


def test_second_request_for_the_same_slot_cannot_be_confirmed(room):
    first = BookingRequestFactory(room=room)
    second = BookingRequestFactory(room=room, start=first.start + datetime.timedelta(hours=1))
    services.request_confirm(request=first)
    with pytest.raises(services.BookingError) as error:
        services.request_confirm(request=second)
    assert "bereits von 18:00 bis 20:00 gebucht" in error.value.problems[0]
    second.refresh_from_db()
    assert second.status == S.REQUESTED
    assert Booking.objects.count() == 1


def test_decline_needs_a_reason_and_closes(room, rooms_staff, django_capture_on_commit_callbacks):
    request = BookingRequestFactory(room=room)
    with pytest.raises(services.BookingError):
        services.request_decline(request=request, actor=rooms_staff, message=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_decline(
            request=request, actor=rooms_staff, message="Nur nicht-kommerziell."
        )
    request.refresh_from_db()
    assert (request.status, request.closed_at is not None) == (S.DECLINED, True)
    assert "Nur nicht-kommerziell." in mail.outbox[0].body
    for step in (services.request_confirm, services.request_cancel):
        with pytest.raises(services.BookingError):
            step(request=request)


def test_proposal_accepted_by_the_requester(client, room, rooms_staff):
    request = BookingRequestFactory(room=room)
    blocker = BookingRequestFactory(room=room)
    services.request_confirm(request=blocker)
    start = aware(next_tuesday(2), datetime.time(17))
    services.request_propose(
        request=request, actor=rooms_staff, start=start, end=start + datetime.timedelta(hours=2)
    )
    page = client.get(request.get_status_url()).content.decode()
    assert "Das Büro schlägt einen anderen Termin vor" in page
    response = client.post(f"{request.get_status_url()}annehmen/")
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.start) == (S.CONFIRMED, start)
    assert request.bookings.get().start == start
    assert history(request)[-1] == ("rooms.request.confirmed", S.PROPOSED, S.CONFIRMED)


def test_proposal_of_a_busy_time_is_refused(room, rooms_staff):
    taken = BookingRequestFactory(room=room)
    services.request_confirm(request=taken)
    request = BookingRequestFactory(room=room, start=taken.start + datetime.timedelta(days=7))
    with pytest.raises(services.BookingError):
        services.request_propose(
            request=request, actor=rooms_staff, start=taken.start, end=taken.end
        )


def test_requester_cancels_a_booking_and_the_slot_is_free_again(
    client, room, django_capture_on_commit_callbacks
):
    request = BookingRequestFactory(room=room)
    services.request_confirm(request=request)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{request.get_status_url()}stornieren/")
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == S.CANCELLED
    assert not Booking.objects.exists()
    assert {tuple(m.to) for m in mail.outbox} == {("erika@example.org",), (room.office.email,)}
    other = BookingRequestFactory(room=room)
    services.request_confirm(request=other)  # the slot can be booked again


def test_forbidden_transitions_are_refused(room, rooms_staff):
    request = BookingRequestFactory(room=room)
    services.request_cancel(request=request)
    for step in ("request_confirm", "request_cancel"):
        with pytest.raises(services.BookingError):
            getattr(services, step)(request=request)
    with pytest.raises(services.BookingError):
        services.request_decline(request=request, actor=rooms_staff, message="x")


def test_status_link_expires_after_the_last_date(client, room, settings, time_machine):
    request = BookingRequestFactory(room=room)
    services.request_confirm(request=request)
    assert client.get(request.get_status_url()).status_code == 200
    time_machine.move_to(
        request.last_end + datetime.timedelta(days=settings.ROOMS_STATUS_LINK_DAYS, hours=1)
    )
    response = client.get(request.get_status_url())
    assert response.status_code == 410
    assert "Link ist abgelaufen" in response.content.decode()
    assert client.get(request.get_ics_url()).status_code == 404


def test_status_page_of_an_unknown_token_is_404(client):
    assert client.get("/raeume/anfrage/" + "x" * 43 + "/").status_code == 404


def test_request_ics_lists_every_date(client, room):
    request = BookingRequestFactory(room=room, repeat_until=next_tuesday(2))
    response = client.get(request.get_ics_url())
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 2
    assert "STATUS:TENTATIVE" in body


def test_daily_command_anonymises_old_requests(room, settings, time_machine):
    old = BookingRequestFactory(room=room)
    services.request_confirm(request=old)
    fresh = BookingRequestFactory(room=room, start=old.start + datetime.timedelta(days=7))
    time_machine.move_to(old.last_end + datetime.timedelta(days=settings.ROOMS_RETENTION_DAYS + 1))
    fresh.last_end = timezone.now() + datetime.timedelta(days=1)
    fresh.save()
    token = old.token
    call_command("anonymise_applications")
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.name, old.email, old.purpose, old.phone) == ("", "", "", "")
    assert old.people == 12 and old.anonymised_at is not None and old.token != token
    assert old.bookings.count() == 1  # the room's usage stays for the statistics
    assert fresh.name == "Erika Muster"


def test_overlap_check_does_not_count_other_rooms(room, office):
    from tests.factories import RoomFactory

    request = BookingRequestFactory(room=room)
    services.request_confirm(request=request)
    elsewhere = BookingRequestFactory(room=RoomFactory(office=office), start=request.start)
    services.request_confirm(request=elsewhere)
    assert Booking.objects.count() == 2


@postgresql_only
def test_exclusion_constraint_refuses_overlapping_bookings(room):
    first = BookingRequestFactory(room=room)
    second = BookingRequestFactory(room=room)
    Booking.objects.create(room=room, request=first, start=first.start, end=first.end)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            room=room,
            request=second,
            start=first.start + datetime.timedelta(minutes=30),
            end=first.end + datetime.timedelta(hours=1),
        )
    # Touching ends do not overlap: 20:00–21:00 after 18:00–20:00 is fine.
    Booking.objects.create(
        room=room, request=second, start=first.end, end=first.end + datetime.timedelta(hours=1)
    )


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_confirmations_of_one_slot_at_once(room):
    """Two staff members confirm two requests for the same slot at the same moment:
    exactly one booking results, the other confirmation fails with a message."""
    first = BookingRequestFactory(room=room)
    second = BookingRequestFactory(room=room)
    barrier = threading.Barrier(2)
    results = {}

    def confirm(request):
        try:
            barrier.wait()
            services.request_confirm(request=request)
            results[request.pk] = "confirmed"
        except services.BookingError as error:
            results[request.pk] = error.message
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(r,)) for r in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values()) == [
        "Der Raum ist zur angefragten Zeit nicht frei.",
        "confirmed",
    ]
    assert Booking.objects.count() == 1
    assert BookingRequest.objects.filter(status=S.CONFIRMED).count() == 1
