import datetime

import pytest
from django.urls import reverse

from events.models import CancelledDate, Event, Occurrence
from tests.conftest import make_staff
from tests.factories import CategoryFactory, EventFactory

from .helpers import berlin

pytestmark = pytest.mark.django_db

ADD = reverse("admin:events_event_add")
CHANGELIST = reverse("admin:events_event_changelist")


@pytest.fixture
def events_staff(office):
    return make_staff(office, "events")


def form_data(office, category, **changes):
    data = {
        "office": office.pk,
        "title_de": "Bürgersprechstunde",
        "slug": "buergersprechstunde",
        "category": category.pk,
        "summary_de": "",
        "description_de": "",
        "start_0": "03.03.2026",
        "start_1": "10:00",
        "end_0": "03.03.2026",
        "end_1": "12:00",
        "recurrence": "weekly",
        "recurrence_weekdays": ["1", "3"],
        "recurrence_week": "",
        "recurrence_until": "31.03.2026",
        "location_name": "Stadtteilbüro",
        "address": "",
        "is_free": "on",
        "price": "",
        "registration": "none",
        "registration_info": "",
        "accessibility": "",
        "languages": "",
        "image_alt": "",
        "image_credit": "",
        "image_licence": "",
        "status": "scheduled",
        "status_note": "",
        "is_published": "on",
        "cancelled_dates-TOTAL_FORMS": "0",
        "cancelled_dates-INITIAL_FORMS": "0",
        "cancelled_dates-MIN_NUM_FORMS": "0",
        "cancelled_dates-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_saving_in_the_admin_writes_the_dates(client, office, events_staff):
    client.force_login(events_staff)
    data = form_data(
        office,
        CategoryFactory(),
        **{
            "cancelled_dates-TOTAL_FORMS": "1",
            "cancelled_dates-0-date": "12.03.2026",
            "cancelled_dates-0-note": "Fortbildung",
        },
    )
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="buergersprechstunde")
    assert event.created_by == events_staff
    assert event.recurrence_weekdays == "1,3"
    occurrences = list(event.occurrences.all())
    assert [o.day.day for o in occurrences] == [3, 5, 10, 12, 17, 19, 24, 26, 31]
    assert [o.day.day for o in occurrences if o.is_cancelled] == [12]
    assert occurrences[0].start == berlin(2026, 3, 3, 10)


def test_change_form_shows_the_ticked_weekdays(client, office, events_staff):
    event = EventFactory(
        office=office,
        start=berlin(2026, 3, 3, 10),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_weekdays="1,3",
        recurrence_until=datetime.date(2026, 3, 31),
    )
    client.force_login(events_staff)
    content = client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert 'value="1" id="id_recurrence_weekdays_1" checked' in content
    assert 'value="3" id="id_recurrence_weekdays_3" checked' in content
    assert 'value="2" id="id_recurrence_weekdays_2" checked' not in content
    assert "jeden ersten Montag" in content  # the German help text


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"recurrence_until": ""}, "recurrence_until", "letzten möglichen Termin"),
        ({"recurrence_weekdays": ["2"]}, "start", "passt nicht zur Regel"),
        ({"recurrence_weekdays": ["9"]}, "recurrence_weekdays", ""),
        ({"recurrence": "monthly", "recurrence_weekdays": []}, "recurrence_week", "Woche"),
        ({"is_free": "", "price": ""}, "price", "Preis"),
        ({"end_0": "02.03.2026"}, "end", "nicht vor dem Beginn"),
    ],
)
def test_wrong_input_is_explained_in_german(client, office, events_staff, changes, field, message):
    client.force_login(events_staff)
    response = client.post(ADD, form_data(office, CategoryFactory(), **changes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert not Event.objects.exists()


def test_staff_see_and_change_only_their_offices_events(client, office, other_office):
    own = EventFactory(office=office, title="Eigenes Fest")
    foreign = EventFactory(office=other_office, title="Fremdes Fest")
    client.force_login(make_staff(office, "events"))
    content = client.get(CHANGELIST).content.decode()
    assert "Eigenes Fest" in content and "Fremdes Fest" not in content
    assert other_office.name not in content  # not even in the office filter
    change = reverse("admin:events_event_change", args=[foreign.pk])
    assert client.get(change).status_code == 404
    assert client.post(change, {}).status_code == 404
    response = client.get(reverse("admin:events_event_change", args=[own.pk]))
    office_choices = response.context["adminform"].form.fields["office"].queryset
    assert list(office_choices) == [office]
    occurrences = client.get(reverse("admin:events_occurrence_changelist")).content.decode()
    assert "Eigenes Fest" in occurrences and "Fremdes Fest" not in occurrences


def test_staff_cannot_move_an_event_to_another_office(client, office, other_office):
    client.force_login(make_staff(office, "events"))
    response = client.post(ADD, form_data(other_office, CategoryFactory()))
    assert response.status_code == 200
    assert "office" in response.context["adminform"].form.errors


def test_superuser_sees_all_events(client, superuser, office, other_office):
    EventFactory(office=office, title="Eigenes Fest")
    EventFactory(office=other_office, title="Fremdes Fest")
    client.force_login(superuser)
    content = client.get(CHANGELIST + "?status__exact=scheduled").content.decode()
    assert "Eigenes Fest" in content and "Fremdes Fest" in content


def test_duplicate_action_copies_as_draft(client, office, events_staff):
    event = EventFactory(
        office=office,
        title="Rundgang",
        slug="rundgang",
        start=berlin(2026, 3, 3, 10),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=datetime.date(2026, 3, 24),
        status=Event.Status.CANCELLED,
    )
    CancelledDate.objects.create(event=event, date=datetime.date(2026, 3, 10))
    client.force_login(events_staff)
    response = client.post(
        CHANGELIST, {"action": "duplicate_events", "_selected_action": [event.pk]}, follow=True
    )
    assert "1 Veranstaltung wurde kopiert" in response.content.decode()
    copy = Event.objects.exclude(pk=event.pk).get()
    assert copy.title == "Rundgang (Kopie)"
    assert copy.slug == "rundgang-kopie"
    assert not copy.is_published
    assert copy.status == Event.Status.SCHEDULED
    assert copy.occurrences.count() == 4
    assert not copy.occurrences.filter(is_cancelled=True).exists()
    # a second copy gets its own address
    client.post(CHANGELIST, {"action": "duplicate_events", "_selected_action": [event.pk]})
    assert Event.objects.filter(slug="rundgang-kopie-2").exists()


def test_cancelled_date_admin_rewrites_the_dates(client, office, events_staff):
    event = EventFactory(
        office=office,
        start=berlin(2026, 3, 3, 10),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=datetime.date(2026, 3, 24),
    )
    client.force_login(events_staff)
    response = client.post(
        reverse("admin:events_cancelleddate_add"),
        {"event": event.pk, "date": "17.03.2026", "note": "Ferien"},
    )
    assert response.status_code == 302
    assert event.occurrences.get(is_cancelled=True).day == datetime.date(2026, 3, 17)
    cancelled = CancelledDate.objects.get()
    client.post(reverse("admin:events_cancelleddate_delete", args=[cancelled.pk]), {"post": "yes"})
    assert not event.occurrences.filter(is_cancelled=True).exists()


def test_stored_dates_are_read_only(client, office, events_staff):
    EventFactory(office=office)
    client.force_login(events_staff)
    assert client.get(reverse("admin:events_occurrence_add")).status_code == 403
    occurrence = Occurrence.objects.get()
    response = client.post(
        reverse("admin:events_occurrence_change", args=[occurrence.pk]), {"is_cancelled": "on"}
    )
    assert response.status_code == 403


def test_changelist_filters_and_date_hierarchy(client, superuser):
    EventFactory(start=berlin(2026, 3, 3, 10))
    client.force_login(superuser)
    for query in ["", "?start__year=2026&start__month=3", "?is_free__exact=1", "?q=Veranst"]:
        assert client.get(CHANGELIST + query).status_code == 200
    for name in ["category", "occurrence", "cancelleddate"]:
        assert client.get(reverse(f"admin:events_{name}_changelist")).status_code == 200


def test_cancelled_date_must_be_a_date_of_the_event(client, office, events_staff):
    event = EventFactory(
        office=office,
        start=berlin(2026, 3, 3, 10),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=datetime.date(2026, 3, 24),
    )
    client.force_login(events_staff)
    response = client.post(
        reverse("admin:events_cancelleddate_add"),
        {"event": event.pk, "date": "18.03.2026", "note": ""},  # a Wednesday
    )
    assert response.status_code == 200
    assert "keinen Termin" in " ".join(response.context["adminform"].form.errors["date"])
    assert not CancelledDate.objects.exists()
