"""What residents come for, where a phone (390×844) shows it: the office's state, today's
hours, address and phone in the first screen; the next events within two screens of the
home page; the first event of the list before the filters run off the screen; nothing
that scrolls sideways, the fund application with errors included."""

import re

from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible_and_self_contained

PHONE_390 = {"width": 390, "height": 844}
OFFICE_PATH = "/bueros/wolfsburg-westhagen/"
APPLY_PATH = "/verfuegungsfonds/hildesheim-nordstadt/antrag/"


def bottom(page, selector):
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box["y"] + box["height"]


def top(page, selector):
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box["y"]


def page_height(page):
    return page.evaluate("document.documentElement.scrollHeight")


def sideways(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_office_page_answers_open_hours_address_and_phone_in_the_first_screen(open_page):
    page, watcher = open_page(OFFICE_PATH, PHONE_390)
    hero = page.locator(".office-hero")
    expect(hero.locator(".status-badge")).to_have_text(
        # open now, closed now or closed today: whatever the time of the test run
        re.compile(r"Jetzt geöffnet|Jetzt geschlossen|Heute geschlossen|geändert")
    )
    expect(hero.locator(".hours-today-times")).to_contain_text("Heute")
    expect(hero.locator("address")).to_contain_text("Hallesche Straße 30")
    expect(hero.locator("a[href^='tel:']")).to_contain_text("05361")
    for selector in (
        ".office-hero .status-badge",
        ".office-hero .hours-today-times",
        ".office-hero address",
        ".office-hero a[href^='tel:']",
        ".office-hero a[href^='mailto:']",
    ):
        assert bottom(page, selector) <= PHONE_390["height"], f"{selector} below the first screen"
    assert sideways(page) == 0
    watcher.assert_clean()


def test_home_page_shows_the_next_events_within_two_screens(open_page):
    page, watcher = open_page("/", PHONE_390)
    assert top(page, "#events-heading ~ .event-item") <= 1700
    assert page_height(page) < 4500, f"The home page is {page_height(page)} px long"
    assert sideways(page) == 0
    watcher.assert_clean()


def test_event_list_starts_within_the_first_screen(open_page):
    page, watcher = open_page("/veranstaltungen/", PHONE_390)
    assert top(page, ".event-item") <= 900
    assert sideways(page) == 0
    watcher.assert_clean()


def test_event_filters_work_without_javascript(open_page):
    page, watcher = open_page("/veranstaltungen/", PHONE_390, java_script_enabled=False)
    page.locator("label[for='id_kostenlos']").click()
    page.get_by_role("button", name="Veranstaltungen zeigen").click()
    assert "kostenlos=1" in page.url
    expect(page.locator("#id_kostenlos")).to_be_checked()
    expect(page.locator(".event-item").first).to_contain_text("Kostenlos")
    page.locator(".more-filters > summary").click()
    expect(page.locator("#id_buero")).to_be_visible()
    watcher.assert_clean()


def test_application_with_errors_fits_a_phone(open_page):
    page, watcher = open_page(APPLY_PATH, PHONE_390)
    page.fill("#id_expenses-0-description", "Getränke und Geschirr für das Straßenfest im Hof")
    page.fill("#id_expenses-0-unit_price", "zwölf Euro")
    page.get_by_role("button", name="Antrag senden").click()
    expect(page).to_have_title(re.compile(r"^Fehler: "))
    page.wait_for_load_state("load")
    # The form comes back with its errors as a 400 response, by design: not a broken page.
    watcher.failed_responses.clear()
    watcher.console_errors.clear()
    error = page.locator("#id_expenses-0-unit_price ~ .invalid-feedback")
    expect(error).to_be_visible()
    box = error.bounding_box()
    assert box["x"] + box["width"] <= PHONE_390["width"], "the price's error is off-screen"
    assert_accessible_and_self_contained(page, watcher, f"{APPLY_PATH} with errors at 390px")
