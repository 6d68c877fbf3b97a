"""Browser checks (Debian chromium): the calendar collapses to a list on a phone, and
axe finds no serious accessibility problems on the event pages."""

import datetime
import os

import pytest
from django.utils import timezone

from events.models import Event
from tests.factories import EventFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module", autouse=True)
def allow_sync_playwright():
    # Playwright's sync API runs an event loop in the test process.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE")


@pytest.fixture
def chromium_browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


@pytest.fixture
def events():
    today = timezone.localdate()
    start = datetime.datetime.combine(
        today + datetime.timedelta(days=1),
        datetime.time(18),
        tzinfo=timezone.get_current_timezone(),
    )
    EventFactory(title="Stadtteilfest", slug="stadtteilfest", start=start)
    return EventFactory(
        title="Sprechstunde",
        slug="sprechstunde",
        start=start,
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=today + datetime.timedelta(days=60),
    )


def calendar_path():
    today = timezone.localdate()
    return f"/veranstaltungen/kalender/{today.year}/{today.month}/"


def test_calendar_collapses_to_a_list_on_a_phone(live_server, chromium_browser, events):
    page = chromium_browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(live_server.url + calendar_path())
    display = "getComputedStyle(document.querySelector('.month-calendar td.today')).display"
    assert page.evaluate(display) == "block"
    assert page.locator("thead").bounding_box()["height"] <= 1  # only for screen readers
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Days without events are hidden (except today); shown days give the weekday in words.
    visible_days = page.locator("td:visible")
    assert visible_days.count() >= 1
    assert page.locator("td:visible .day-name-long").first.is_visible()
    wide = chromium_browser.new_page(viewport={"width": 1280, "height": 800})
    wide.goto(live_server.url + calendar_path())
    assert wide.evaluate(display) == "table-cell"
    assert wide.locator("thead").bounding_box()["height"] > 10


@pytest.mark.parametrize(
    "path",
    [
        "/veranstaltungen/",
        "/veranstaltungen/?buero=nix",
        "calendar",
        "/veranstaltungen/sprechstunde/",
    ],
)
def test_event_pages_have_no_serious_accessibility_problems(
    live_server, chromium_browser, events, path
):
    from axe_playwright_python.sync_playwright import Axe

    page = chromium_browser.new_page(java_script_enabled=True)
    page.goto(live_server.url + (calendar_path() if path == "calendar" else path))
    results = Axe().run(page)
    serious = [
        violation["id"]
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
