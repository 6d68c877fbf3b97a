import pytest

from tests.factories import EventFactory, OfficeHoursFactory

pytestmark = pytest.mark.django_db


def test_history_shows_who_changed_what_with_labels_and_local_times(
    client, superuser, office, time_machine
):
    time_machine.move_to("2026-05-04 10:15 +02:00", tick=False)
    event = EventFactory(office=office)
    client.force_login(superuser)
    event.status = event.Status.CANCELLED
    event._history_user = superuser
    event.save()
    page = client.get(f"/admin/events/event/{event.pk}/history/").content.decode()
    assert "Findet statt → Abgesagt" in page
    assert "scheduled" not in page
    assert "10:15" in page  # Europe/Berlin, not 08:15 UTC
    assert superuser.username in page


def test_office_history_includes_its_hours(client, superuser, office):
    hours = OfficeHoursFactory(office=office, note="vorher")
    hours.note = "nachher"
    hours.save()
    client.force_login(superuser)
    page = client.get(f"/admin/offices/office/{office.pk}/history/").content.decode()
    assert "vorher" in page and "nachher" in page


def test_history_of_another_office_is_404(client, staff_user, other_office):
    event = EventFactory(office=other_office)
    client.force_login(staff_user)
    assert client.get(f"/admin/events/event/{event.pk}/history/").status_code == 404
    record = event.change_history.first()
    url = f"/admin/events/event/{event.pk}/history/{record.history_id}/"
    assert client.get(url).status_code == 404
