"""Community rooms in a real browser: the list, a room's week, the request form with
errors and the status page, at phone (390 px) and desktop width, checked with axe; and
the whole way of a resident on a phone without JavaScript."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rooms import services
from rooms.demo import next_weekday
from rooms.models import BookingRequest
from tests.e2e.browser import assert_accessible_and_self_contained
from tests.e2e.conftest import DESKTOP

PHONE = {"width": 390, "height": 844}
VIEWPORTS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
ROOM = "/raeume/nordstadt-besprechungsraum/"


@pytest.fixture(autouse=True)
def no_minimum_fill_time(settings):
    settings.FORM_MIN_FILL_SECONDS = 0


def next_tuesday():
    today = timezone.localdate()
    return today + datetime.timedelta(days=(1 - today.weekday()) % 7 + 7)


def without_expected_400(watcher):
    """A form sent back with errors answers 400 on purpose; anything else still counts."""
    watcher.failed_responses = [r for r in watcher.failed_responses if not r.startswith("400 ")]
    watcher.console_errors = [e for e in watcher.console_errors if "status of 400" not in e]


@VIEWPORTS
def test_room_list_and_filters(open_page, viewport):
    page, watcher = open_page("/raeume/?personen=12&barrierefrei=stufenlos", viewport)
    expect(page.get_by_role("status")).to_contain_text("gefunden")
    assert_accessible_and_self_contained(page, watcher, "room list")


def booked_week():
    """A day in the week of the demo's confirmed booking of ROOM (rooms/demo.py: the
    parents' evening on the Wednesday after next), whatever weekday today is."""
    return next_weekday(timezone.localdate(), 2)


@VIEWPORTS
def test_room_page_with_its_week(open_page, viewport):
    page, watcher = open_page(f"{ROOM}?woche={booked_week().isoformat()}", viewport)
    expect(page.locator(".room-slot--busy").first).to_contain_text("belegt")
    assert_accessible_and_self_contained(page, watcher, "room page")


@VIEWPORTS
def test_request_form_with_errors(open_page, viewport):
    page, watcher = open_page(f"{ROOM}anfrage/", viewport)
    assert_accessible_and_self_contained(page, watcher, "request form")
    page.fill("#id_date", "2020-01-07")
    page.fill("#id_time_from", "20:00")
    page.fill("#id_time_to", "18:00")
    page.fill("#id_people", "500")
    page.get_by_role("button", name="Anfrage senden").click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#id_people")).to_have_value("500")
    without_expected_400(watcher)
    assert_accessible_and_self_contained(page, watcher, "request form with errors")


@VIEWPORTS
def test_status_pages(open_page, viewport, demo_snapshot):
    for status in (BookingRequest.Status.PROPOSED, BookingRequest.Status.CONFIRMED):
        token = BookingRequest.objects.filter(status=status).values_list("token", flat=True)[0]
        page, watcher = open_page(f"/raeume/anfrage/{token}/", viewport)
        assert_accessible_and_self_contained(page, watcher, f"status page ({status})")


def test_resident_asks_on_a_phone_without_javascript(open_page):
    page, watcher = open_page(
        "/raeume/?personen=12&barrierefrei=stufenlos"
        f"&frei_am={next_tuesday().isoformat()}&von=19:00&bis=21:00",
        PHONE,
        java_script_enabled=False,
    )
    page.get_by_role("link", name="Besprechungsraum im Stadtteilbüro").click()
    page.get_by_role("link", name="Diesen Raum anfragen").click()
    # Reloaded, the form comes from the page cache with a token and stamp of its own.
    assert page.reload().headers["x-page-cache"] == "hit"
    page.fill("#id_date", next_tuesday().isoformat())
    page.fill("#id_time_from", "19:00")
    page.fill("#id_time_to", "21:00")
    page.fill("#id_purpose", "Treffen der Mietergemeinschaft")
    page.fill("#id_people", "12")
    page.fill("#id_name", "Erika Muster")
    page.fill("#id_email", "erika@example.org")
    page.check("#id_accept_rules")
    page.check("#id_accept_privacy")
    page.get_by_role("button", name="Anfrage senden").click()
    expect(page.locator("h1")).to_have_text("Ihre Raumanfrage")
    expect(page.locator(".request-status")).to_contain_text("Angefragt")

    request = BookingRequest.objects.get(purpose="Treffen der Mietergemeinschaft")
    services.request_confirm(request=request)
    page.reload()
    expect(page.locator(".request-status")).to_contain_text("Bestätigt")
    watcher.assert_clean()
