"""Sections of pages from the fragment cache: rendered once, without their queries, and
still never stale after a change, never shared with logged-in staff."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ApplicationFactory,
    CostCategoryFactory,
    EventFactory,
    FundFactory,
    OfficeFactory,
    OfficeHoursFactory,
    ProjectFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db

HOME = reverse("home")


@pytest.fixture(autouse=True)
def without_page_cache(settings):
    """Every request renders, so what is measured is the fragment cache alone."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 60


def test_office_sections_come_from_the_cache_without_their_queries(
    client, django_assert_max_num_queries
):
    office = OfficeFactory()
    TeamMemberFactory(office=office, name="Alma Beispiel")
    first = client.get(office.get_absolute_url())
    assert "Alma Beispiel" in first.content.decode()
    # The office with its hours, the pinned notices: the rest is cached.
    with django_assert_max_num_queries(4):
        second = client.get(office.get_absolute_url())
    assert second.content == first.content


def test_a_change_shows_in_a_cached_section_on_the_next_request(client):
    office = OfficeFactory()
    member = TeamMemberFactory(office=office, name="Alma Beispiel")
    assert "Alma Beispiel" in client.get(office.get_absolute_url()).content.decode()
    member.name = "Alma Neumann"
    member.save()
    content = client.get(office.get_absolute_url()).content.decode()
    assert "Alma Neumann" in content and "Alma Beispiel" not in content


def test_each_office_and_language_has_its_own_section(client):
    one, two = OfficeFactory(), OfficeFactory()
    TeamMemberFactory(office=one, name="Alma Beispiel")
    TeamMemberFactory(office=two, name="Bodo Muster")
    client.get(one.get_absolute_url())
    assert "Alma Beispiel" not in client.get(two.get_absolute_url()).content.decode()
    english = client.get("/en" + one.get_absolute_url()).content.decode()
    assert "Alma Beispiel" in english and ">Team<" in english


def test_logged_in_staff_get_fresh_sections(client, superuser, django_assert_max_num_queries):
    office = OfficeFactory()
    TeamMemberFactory(office=office, name="Alma Beispiel")
    client.get(office.get_absolute_url())
    staff = Client()
    staff.force_login(superuser)
    with django_assert_max_num_queries(30) as queries:
        assert "Alma Beispiel" in staff.get(office.get_absolute_url()).content.decode()
    assert any("offices_teammember" in query["sql"] for query in queries.captured_queries)


def test_open_now_on_the_home_page_follows_the_clock(client, settings):
    """A cached section lives at most FRAGMENT_CACHE_SECONDS: the state moves on."""
    office = OfficeFactory(name="Stadtteilbüro Uhrwerk")
    monday = datetime.datetime(2026, 11, 30, 8, 58, tzinfo=timezone.get_current_timezone())
    OfficeHoursFactory(office=office, weekday=0, opens=datetime.time(9))
    with time_machine.travel(monday, tick=False):
        assert "Jetzt geschlossen, öffnet um 09:00 Uhr" in client.get(HOME).content.decode()
    with time_machine.travel(monday + datetime.timedelta(minutes=3), tick=False):
        assert "Jetzt geöffnet" in client.get(HOME).content.decode()


def test_fragment_cache_can_be_turned_off(client, settings, django_assert_max_num_queries):
    settings.FRAGMENT_CACHE_SECONDS = 0
    office = OfficeFactory()
    client.get(office.get_absolute_url())
    with django_assert_max_num_queries(30) as queries:
        client.get(office.get_absolute_url())
    assert any("offices_teammember" in query["sql"] for query in queries.captured_queries)


def test_the_calendar_month_comes_from_the_cache_and_shows_a_new_event_at_once(
    client, django_assert_max_num_queries
):
    event = EventFactory(title="Hoffest")
    start = timezone.localtime(event.start)
    url = reverse("events:event-calendar", kwargs={"year": start.year, "month": start.month})
    assert "Hoffest" in client.get(url).content.decode()
    with django_assert_max_num_queries(0):
        assert "Hoffest" in client.get(url).content.decode()
    EventFactory(title="Laternenumzug", start=event.start + datetime.timedelta(hours=3))
    assert "Laternenumzug" in client.get(url).content.decode()


def test_fund_list_figures_follow_a_change(client, django_assert_max_num_queries):
    fund = FundFactory(budget=12_000)
    url = reverse("fonds:fund-list")
    assert "12.000,00" in client.get(url).content.decode()
    with django_assert_max_num_queries(1):  # the paginator's count
        client.get(url)
    fund.budget = 15_000
    fund.save()
    assert "15.000,00" in client.get(url).content.decode()


def test_fund_page_money_and_funded_projects_come_from_the_cache(
    client, django_assert_max_num_queries
):
    fund = FundFactory(is_open=True)
    application = ApplicationFactory(
        fund=fund, status="approved", project_title="Hoffest", requested_amount="500.00"
    )
    first = client.get(fund.get_absolute_url()).content.decode()
    assert "Hoffest" in first and 'data-figure="approved">500,00 €' in first
    # The fund with its meetings and excluded categories; figures and projects cached.
    with django_assert_max_num_queries(3):
        client.get(fund.get_absolute_url())
    application.approved_amount = "400.00"
    application.save()
    content = client.get(fund.get_absolute_url()).content.decode()
    assert 'data-figure="approved">400,00 €' in content


def test_the_empty_application_form_comes_from_the_cache_with_each_visitors_token(
    client, django_assert_max_num_queries
):
    fund = FundFactory(is_open=True)
    url = fund.get_apply_url()
    CostCategoryFactory(name="Saalmiete")
    first = client.get(url)
    assert "Saalmiete" in first.content.decode()
    # The fund with its meetings and excluded categories; the fields are cached.
    with django_assert_max_num_queries(3):
        other_visitor = Client().get(url)
    # The fields come from the cache; the token is each visitor's own.
    assert other_visitor.content.decode().count('name="requested_amount"') == 1
    assert csrf_token(other_visitor) != csrf_token(first)
    CostCategoryFactory(name="Druckkosten")
    assert "Druckkosten" in client.get(url).content.decode()


def csrf_token(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


@pytest.mark.parametrize(
    "list_url, make",
    [
        (reverse("events:event-list"), lambda office: EventFactory(office=office)),
        (reverse("projects:project-list"), lambda office: ProjectFactory(office=office)),
    ],
)
def test_a_visitors_list_counts_once_and_a_new_item_counts_at_once(
    client, superuser, list_url, make
):
    office = OfficeFactory()
    for _ in range(3):
        make(office)
    assert counted(client, list_url) == (True, 3)
    # A page of the same list: the count is kept (the filters would make another list).
    assert counted(client, f"{list_url}?page=1") == (False, 3)
    make(office)
    assert counted(client, f"{list_url}?page=1") == (True, 4)
    staff = Client()
    staff.force_login(superuser)
    assert counted(staff, list_url)[0], "staff may see more: they are counted afresh"


def counted(client, url):
    """(whether the request counted the rows, the count the page shows)."""
    with CaptureQueriesContext(connection) as queries:
        content = client.get(url).content.decode()
    number = re.search(r'<p role="status">(?:More than )?([\d.]+) ', content)[1]
    return any("COUNT(" in query["sql"] for query in queries), int(number.replace(".", ""))


def test_search_hits_come_from_the_cache_and_follow_a_change(client, django_assert_max_num_queries):
    project = ProjectFactory(title="Hofgarten am Wasserturm", summary="Beete für alle.")
    url = reverse("search")
    first = client.get(url, {"q": "Wasserturm"}).content.decode()
    assert "Hofgarten am Wasserturm" in first
    # The statement alone: the hit's head and text come from the cache.
    with django_assert_max_num_queries(1):
        assert client.get(url, {"q": "Wasserturm"}).content.decode() == first
    project.title = "Gemeinschaftsgarten am Wasserturm"
    project.save()
    content = client.get(url, {"q": "Wasserturm"}).content.decode()
    assert "Gemeinschaftsgarten am Wasserturm" in content
    assert "Hofgarten am Wasserturm" not in content


def test_a_cached_search_hit_is_marked_for_each_search(client):
    ProjectFactory(title="Hofgarten", summary="Beete am Wasserturm und eine Bank im Schatten.")
    url = reverse("search")
    assert (
        "<mark>Wasserturm</mark>" in client.get(url, {"q": "Hofgarten Wasserturm"}).content.decode()
    )
    content = client.get(url, {"q": "Hofgarten Schatten"}).content.decode()
    assert "<mark>Schatten</mark>" in content and "<mark>Wasserturm</mark>" not in content
