import pytest
from django.urls import reverse

from tests.events.helpers import berlin
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_date_hierarchy_lists_the_years_with_rows_from_index_probes(admin_client):
    for year in (2019, 2024, 2026):
        EventFactory(start=berlin(year, 12, 31, 23))  # late on New Year's Eve, local time
    content = admin_client.get(reverse("admin:events_event_changelist")).content.decode()
    years = [year for year in range(2015, 2030) if f"?start__year={year}" in content]
    assert years == [2019, 2024, 2026]


def test_date_hierarchy_with_one_year_shows_its_months(admin_client):
    EventFactory(start=berlin(2026, 3, 5, 10))
    EventFactory(start=berlin(2026, 7, 5, 10))
    content = admin_client.get(reverse("admin:events_event_changelist")).content.decode()
    assert "start__month=3" in content and "start__month=7" in content
