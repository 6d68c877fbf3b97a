"""The fund application form in a real browser: live totals and rows added in place."""

from playwright.sync_api import expect

APPLY_PATH = "/verfuegungsfonds/hildesheim-nordstadt/antrag/"


def test_totals_update_while_typing_and_rows_are_added(open_page):
    page, watcher = open_page(APPLY_PATH)

    expect(page.locator("[data-recalculate]")).to_be_hidden()
    page.fill("#id_expenses-0-quantity", "2")
    page.fill("#id_expenses-0-unit_price", "1.234,50")
    page.fill("#id_expenses-1-unit_price", "100.25")
    expect(page.locator("[data-line-total]").first).to_have_text("2.469,00 €")
    expect(page.locator("[data-total='expenses']")).to_have_text("2.569,25 €")

    page.select_option("#id_incomes-0-kind", "volunteer_work")
    page.fill("#id_incomes-0-amount", "569,25")
    page.fill("#id_requested_amount", "2000")
    expect(page.locator("[data-total='own']")).to_have_text("569,25 €")
    expect(page.locator("[data-total='difference']")).to_have_text("0,00 €")

    rows = page.locator("[data-formset='expenses'] tbody tr")
    before = rows.count()
    page.evaluate("window.stillTheSamePage = true")
    page.click("[data-add-row='expenses']")
    expect(rows).to_have_count(before + 1)
    expect(page.locator("#id_expenses-TOTAL_FORMS")).to_have_value(str(before + 1))
    expect(page.locator(f"#id_expenses-{before}-description")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage === true")  # no round trip to the server
    watcher.assert_clean()


def test_form_without_javascript_offers_server_side_recalculation(open_page):
    page, watcher = open_page(APPLY_PATH, java_script_enabled=False)
    expect(page.locator("[data-recalculate]")).to_be_visible()
    watcher.assert_clean()
