"""Big changelists (stadtteilbuero/admin_lists.py): the list counted once when nothing is
filtered, the selection boxes as Django writes them; the office filter offering the
offices that have rows (offices/admin_scoping.py)."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event
from tests.conftest import make_staff
from tests.factories import ApplicationFactory, EventFactory, FundFactory, OfficeFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:events_event_changelist")


def counts(queries):
    """Django's count() queries (the totals of the application list count in their own)."""
    return [q["sql"] for q in queries.captured_queries if 'COUNT(*) AS "__count"' in q["sql"]]


def get_counted(client, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST, params or {})
    assert response.status_code == 200
    return response, counts(queries)


def test_an_unfiltered_list_is_counted_once(admin_client):
    EventFactory.create_batch(3, office=OfficeFactory())
    response, count_queries = get_counted(admin_client)
    assert len(count_queries) == 1
    cl = response.context["cl"]
    assert (cl.result_count, cl.full_result_count) == (3, 3)


def test_a_filtered_list_counts_the_whole_list_too(admin_client):
    office = OfficeFactory()
    EventFactory.create_batch(2, office=office)
    EventFactory(office=OfficeFactory(), title="Hoffest")
    for params in ({"office__id__exact": office.pk}, {"q": "Hoffest"}):
        response, count_queries = get_counted(admin_client, params)
        assert len(count_queries) == 2, params
        cl = response.context["cl"]
        assert cl.full_result_count == 3
        assert cl.result_count in (1, 2)
        assert "3 gesamt" in response.content.decode()


def test_the_selection_boxes_are_what_django_writes(admin_client):
    event = EventFactory(title='Fest "im Hof" & mehr')
    model_admin = admin.site._registry[Event]
    assert model_admin.action_checkbox(event) == admin.ModelAdmin.action_checkbox(
        model_admin, event
    )
    content = admin_client.get(CHANGELIST).content.decode()
    assert model_admin.action_checkbox(event) in content


def office_choices(client):
    spec = next(
        spec
        for spec in client.get(CHANGELIST).context["cl"].filter_specs
        if getattr(spec, "field_path", "") == "office"
    )
    return [label for _pk, label in spec.lookup_choices]


def test_the_office_filter_offers_the_offices_with_events(client, admin_client):
    nordstadt = OfficeFactory(name="Nordstadt", city="Hildesheim")
    oststadt = OfficeFactory(name="Oststadt", city="Hildesheim")  # no events
    weststadt = OfficeFactory(name="Weststadt", city="Hildesheim")
    elsewhere = OfficeFactory(name="Altstadt", city="Alfeld")
    EventFactory.create_batch(2, office=nordstadt)
    EventFactory(office=weststadt)
    EventFactory(office=elsewhere)
    # By city, then name.
    assert office_choices(admin_client) == ["Altstadt", "Nordstadt", "Weststadt"]
    staff = make_staff(nordstadt, "events")
    for office in (oststadt, weststadt):
        staff.office_memberships.create(office=office)
    client.force_login(staff)
    assert office_choices(client) == ["Nordstadt", "Weststadt"]


def test_the_application_list_takes_its_count_from_its_totals(client):
    office = OfficeFactory()
    fund = FundFactory(office=office)
    ApplicationFactory.create_batch(3, fund=fund, status="submitted")
    ApplicationFactory(fund=fund, status="rejected")
    client.force_login(make_staff(office, "fonds"))
    url = reverse("admin:fonds_application_changelist")
    for params, shown, whole_list_counts in (({}, 4, 0), ({"status__exact": "submitted"}, 3, 1)):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        cl = response.context["cl"]
        assert (cl.result_count, cl.full_result_count) == (shown, 4)
        assert response.context["totals"].count == shown
        assert len(counts(queries)) == whole_list_counts
