"""The shown status of a project: set by staff, else by its period (projects/status.py),
the same in Python (Project.status), in SQL (in_status, current), on the badges and in
the filters."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from projects.models import Project
from tests.conftest import make_staff
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

D = datetime.date
Status = Project.Status
TODAY = D(2026, 5, 15)
# 23:30 UTC on 14 May is already 15 May in Berlin: "today" is the Berlin day.
LATE_EVENING_UTC = datetime.datetime(2026, 5, 14, 23, 30, tzinfo=ZoneInfo("UTC"))
BERLIN = ZoneInfo("Europe/Berlin")
NOON = datetime.time(12)

CASES = [
    # (override, start, end, shown status on TODAY)
    ("", D(2026, 5, 16), None, Status.PLANNED),  # starts tomorrow
    ("", D(2026, 5, 16), D(2026, 9, 30), Status.PLANNED),
    ("", D(2026, 5, 15), None, Status.ONGOING),  # starts today
    ("", D(2023, 1, 1), D(2030, 12, 31), Status.ONGOING),  # the ISEK measure O/N 1
    ("", D(2023, 1, 1), D(2026, 5, 15), Status.ONGOING),  # ends today: still running
    ("", D(2023, 1, 1), D(2026, 5, 14), Status.COMPLETED),  # ended yesterday
    (Status.PLANNED, D(2023, 1, 1), None, Status.PLANNED),  # staff's word wins
    (Status.COMPLETED, D(2023, 1, 1), None, Status.COMPLETED),  # ended early
    (Status.ONGOING, D(2020, 1, 1), D(2021, 1, 1), Status.ONGOING),
    (Status.ONGOING, D(2027, 1, 1), None, Status.ONGOING),
]


@pytest.fixture
def late_evening():
    with time_machine.travel(LATE_EVENING_UTC, tick=False):
        yield


@pytest.mark.parametrize(("override", "start", "end", "expected"), CASES)
def test_python_and_sql_agree_on_the_shown_status(late_evening, override, start, end, expected):
    project = ProjectFactory(status_override=override, start_date=start, end_date=end)
    assert project.status == expected
    assert project.get_status_display() == expected.label
    for status in Status:
        in_status = Project.objects.in_status(status).filter(pk=project.pk).exists()
        assert in_status is (status == expected), status
    assert Project.objects.current().filter(pk=project.pk).exists() is (
        expected != Status.COMPLETED
    )


def test_several_statuses_and_none():
    planned = ProjectFactory(start_date=D(2099, 1, 1))
    ongoing = ProjectFactory(start_date=D(2020, 1, 1))
    ProjectFactory(start_date=D(2020, 1, 1), end_date=D(2021, 1, 1))
    chosen = Project.objects.in_status(Status.PLANNED, Status.ONGOING)
    assert set(chosen) == {planned, ongoing}
    assert not Project.objects.in_status().exists()


def test_without_dates_a_project_counts_as_ongoing():
    # start_date is required in the database; an unsaved form may still lack it.
    assert Project(start_date=None, end_date=None).status == Status.ONGOING


def test_the_status_moves_with_the_calendar():
    project = ProjectFactory(start_date=D(2026, 7, 1), end_date=D(2026, 8, 31))
    for day, expected in [
        (D(2026, 6, 30), Status.PLANNED),
        (D(2026, 7, 1), Status.ONGOING),
        (D(2026, 8, 31), Status.ONGOING),
        (D(2026, 9, 1), Status.COMPLETED),
    ]:
        with time_machine.travel(datetime.datetime.combine(day, NOON, tzinfo=BERLIN), tick=False):
            assert project.status == expected, day
            assert Project.objects.in_status(expected).get() == project


def badges(content):
    return re.findall(r'<span class="badge project-status [^"]+">([^<]+)</span>', content)


def test_badges_on_the_list_and_the_detail_page_show_the_period_status(client, late_evening):
    measure = ProjectFactory(
        title="Stadtteilmanagement",
        measure=True,
        start_date=D(2023, 1, 1),
        end_date=D(2030, 12, 31),
    )
    ProjectFactory(title="Strand", start_date=D(2026, 7, 1))
    ProjectFactory(title="Liga", start_date=D(2020, 1, 1), end_date=D(2022, 1, 1))
    ProjectFactory(title="Abgebrochen", start_date=D(2025, 1, 1), status_override="completed")
    list_page = client.get(reverse("projects:project-list")).content.decode()
    assert sorted(badges(list_page)) == ["Abgeschlossen", "Abgeschlossen", "Geplant", "Laufend"]
    detail = client.get(measure.get_absolute_url()).content.decode()
    assert badges(detail) == ["Laufend"]
    assert "<dt>Stand</dt><dd>Laufend</dd>" in detail
    assert "Geplant" not in detail


@pytest.mark.parametrize(
    ("parameter", "expected"),
    [
        ("geplant", {"Strand", "Verschoben"}),
        ("laufend", {"Stadtteilmanagement"}),
        ("abgeschlossen", {"Liga", "Abgebrochen"}),
    ],
)
def test_list_filter_follows_the_shown_status(client, late_evening, parameter, expected):
    ProjectFactory(title="Stadtteilmanagement", start_date=D(2023, 1, 1))
    ProjectFactory(title="Strand", start_date=D(2026, 7, 1))
    ProjectFactory(title="Verschoben", start_date=D(2024, 1, 1), status_override="planned")
    ProjectFactory(title="Liga", start_date=D(2020, 1, 1), end_date=D(2022, 1, 1))
    ProjectFactory(title="Abgebrochen", start_date=D(2025, 1, 1), status_override="completed")
    response = client.get(reverse("projects:project-list") + f"?status={parameter}")
    assert {project.title for project in response.context["projects"]} == expected
    assert response.context["paginator"].count == len(expected)


def test_home_and_office_page_leave_out_what_the_period_ended(client, office, late_evening):
    ProjectFactory(office=office, title="Noch offen", start_date=D(2023, 1, 1))
    ProjectFactory(office=office, title="Vorbei", start_date=D(2020, 1, 1), end_date=D(2022, 1, 1))
    for url in ["/", office.get_absolute_url()]:
        content = client.get(url).content.decode()
        assert "Noch offen" in content
        assert "Vorbei" not in content


def test_admin_shows_and_filters_the_shown_status(client, office, late_evening):
    automatic = ProjectFactory(office=office, start_date=D(2023, 1, 1))
    ended_early = ProjectFactory(
        office=office, start_date=D(2023, 1, 1), status_override="completed"
    )
    client.force_login(make_staff(office, "projects"))
    url = reverse("admin:projects_project_changelist")
    content = client.get(url).content.decode()
    assert "Laufend (nach Zeitraum)" in content
    assert "Abgeschlossen" in content
    for status, expected in [("ongoing", automatic), ("completed", ended_early)]:
        result = client.get(f"{url}?status={status}").context["cl"].result_list
        assert list(result) == [expected]
    form = client.get(reverse("admin:projects_project_add")).context["adminform"].form
    choices = form.fields["status_override"].choices
    assert choices[0] == ("", "automatisch (nach Zeitraum)")
    assert form.fields["status_override"].initial in (None, "")
