"""What a person does on the portal: keyboard only, the navigation, the language switch,
and a browser with JavaScript switched off."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE

OFFICE_PATH = "/bueros/wolfsburg-westhagen/"


def test_first_tab_reaches_skip_link_and_enter_moves_focus_to_main(open_page):
    page, watcher = open_page("/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()  # hidden off-screen until focused

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    expect(page).to_have_url(re.compile(r"#main$"))
    watcher.assert_clean()


def test_main_navigation_leads_from_home_to_an_office(open_page):
    page, watcher = open_page("/", viewport=PHONE)

    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    navigation.get_by_role("link", name="Stadtteilbüros").click()
    expect(page).to_have_url(re.compile(r"/bueros/$"))
    expect(navigation.get_by_role("link", name="Stadtteilbüros")).to_have_attribute(
        "aria-current", "page"
    )

    page.get_by_role("main").get_by_role("link", name="Stadtteilbüro Westhagen").click()
    expect(page).to_have_url(re.compile(re.escape(OFFICE_PATH) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Stadtteilbüro Westhagen")
    first_screen = page.locator(".office-hero")
    expect(first_screen.get_by_role("link", name="05361 / 779 559")).to_have_attribute(
        "href", re.compile(r"^tel:")
    )
    watcher.assert_clean()


def test_language_switch_to_english_and_back(open_page):
    page, watcher = open_page(OFFICE_PATH)
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", name="Zeiten in dieser Woche")).to_be_visible()

    languages = page.get_by_role("navigation", name="Sprache")
    languages.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(re.escape("/en" + OFFICE_PATH) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Hours this week")).to_be_visible()

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Deutsch").click()
    expect(page).to_have_url(re.compile(r"://[^/]+" + re.escape(OFFICE_PATH) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", name="Zeiten in dieser Woche")).to_be_visible()
    watcher.assert_clean()


def test_office_page_works_without_javascript(open_page):
    page, watcher = open_page("/", java_script_enabled=False)

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Stadtteilbüros"
    ).click()
    page.get_by_role("main").get_by_role("link", name="Stadtteilbüro Westhagen").click()
    expect(page).to_have_url(re.compile(re.escape(OFFICE_PATH) + "$"))

    hours = page.get_by_role("table", name="Zeiten in dieser Woche, von Montag bis Sonntag")
    expect(hours).to_be_visible()
    # The demo's consultation hours: Tuesday 10–12, Thursday 15–18.
    expect(hours).to_contain_text("10:00–12:00")
    expect(hours).to_contain_text("15:00–18:00")
    watcher.assert_clean()


def test_month_calendar_is_a_table_on_desktop_and_a_list_on_a_phone(open_page):
    today_cell = "getComputedStyle(document.querySelector('.month-calendar td.today')).display"

    page, watcher = open_page("/veranstaltungen/kalender/")
    expect(page.get_by_role("table")).to_be_visible()
    assert page.evaluate(today_cell) == "table-cell"
    assert page.locator(".month-calendar thead").bounding_box()["height"] > 10
    watcher.assert_clean()

    page, watcher = open_page("/veranstaltungen/kalender/", viewport=PHONE)
    assert page.evaluate(today_cell) == "block"
    # the column headers stay for screen readers only; each shown day names its weekday
    assert page.locator(".month-calendar thead").bounding_box()["height"] <= 1
    expect(page.locator("td:visible .day-name-long").first).to_be_visible()
    watcher.assert_clean()
