"""The application form in a real browser (Debian chromium): live totals and rows."""

import shutil

import pytest

from tests.factories import CostCategoryFactory, FundFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not shutil.which("chromium"), reason="needs Debian's chromium"),
]


@pytest.fixture
def apply_url(live_server, transactional_db):
    """Written before the browser starts: no ORM call runs beside Playwright's event loop,
    whose context would otherwise hold a second database connection past the test."""
    CostCategoryFactory(name="Material")
    fund = FundFactory(max_per_application=2000)
    return live_server.url + fund.get_apply_url()


@pytest.fixture
def page(apply_url, monkeypatch):
    # Playwright's sync API runs an event loop in the test thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(locale="de-DE")
        yield page
        browser.close()


def test_totals_update_while_typing_and_rows_are_added(apply_url, page):
    page.goto(apply_url)

    assert page.locator("[data-recalculate]").is_hidden()
    page.fill("#id_expenses-0-quantity", "2")
    page.fill("#id_expenses-0-unit_price", "1.234,50")
    page.fill("#id_expenses-1-unit_price", "100.25")
    assert page.locator("[data-line-total]").first.text_content() == "2.469,00 €"
    assert page.locator("[data-total='expenses']").text_content() == "2.569,25 €"

    page.select_option("#id_incomes-0-kind", "volunteer_work")
    page.fill("#id_incomes-0-amount", "569,25")
    page.fill("#id_requested_amount", "2000")
    assert page.locator("[data-total='own']").text_content() == "569,25 €"
    assert page.locator("[data-total='difference']").text_content() == "0,00 €"

    rows = page.locator("[data-formset='expenses'] tbody tr")
    before = rows.count()
    page.evaluate("window.stillTheSamePage = true")
    page.click("[data-add-row='expenses']")
    assert rows.count() == before + 1
    assert page.input_value("#id_expenses-TOTAL_FORMS") == str(before + 1)
    assert page.locator(f"#id_expenses-{before}-description").is_visible()
    assert page.evaluate("window.stillTheSamePage === true")  # no round trip to the server
