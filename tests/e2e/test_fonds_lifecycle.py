"""One application's whole life in a real browser, as the applicant and as the office's
fund staff: online application, review, jury meeting with the standing jury, all
decisions applied in one step with the approval letter as PDF, bank details from the
applicant, payout from the application's page, proof of use sent back and corrected,
accepted, repayment booked, year report and the .xlsx export."""

import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from fonds.models import AgendaItem, Application, CostCategory, Fund, StandingJuryMember
from tests.conftest import make_staff
from tests.e2e.conftest import DESKTOP
from tests.factories import RECEIPT_PDF
from tests.fonds.conftest import form_data

OFFICE = "hildesheim-nordstadt"
BAD_IBAN = "DE88 3704 0044 0532 0130 00"
GOOD_IBAN = "DE89 3704 0044 0532 0130 00"


@pytest.fixture
def setting_up(settings, demo_snapshot):
    settings.FORM_MIN_FILL_SECONDS = 0  # the browser fills the form faster than a person
    fund = Fund.objects.current().get(office__slug=OFFICE)
    for order, (name, role) in enumerate([("Bernd Ahlers", "Vorsitz"), ("Zora Ilić", "")]):
        StandingJuryMember.objects.create(fund=fund, name=name, role=role, order=order)
    staff = make_staff(fund.office, "fonds", "offices")
    return fund, staff


def staff_context(new_context, portal, staff):
    """A browser logged in as the staff member (the session of a forced login)."""
    client = Client()
    client.force_login(staff)
    context = new_context(viewport=DESKTOP, locale="de-DE")
    host = re.sub(r"^https?://", "", portal).split(":")[0]
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "domain": host, "path": "/"}])
    return context.new_page()


def fill_application(page, fund):
    """Type the online form's fields as a resident would (the values of the form tests)."""
    material = CostCategory.objects.exclude(excluding_funds=fund).first()
    data = form_data(fund, material, requested_amount="400,00")
    for name, value in data.items():
        if name.endswith(("TOTAL_FORMS", "INITIAL_FORMS", "NUM_FORMS")) or name in (
            "form_started",
            "homepage",
        ):
            continue
        field = page.locator(f"main [name='{name}']")
        kind = field.first.get_attribute("type")
        if kind == "checkbox":
            field.check()
        elif kind == "radio":
            page.locator(f"[name='{name}'][value='{value}']").check()
        elif field.first.evaluate("node => node.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def download(page, url) -> bytes:
    response = page.request.get(url)
    assert response.ok, url
    return response.body()


def test_application_lifecycle(setting_up, portal, new_context):
    fund, staff = setting_up
    applicant = new_context(viewport=DESKTOP, locale="de-DE").new_page()
    office = staff_context(new_context, portal, staff)

    # The resident applies online.
    applicant.goto(f"{portal}/verfuegungsfonds/{OFFICE}/antrag/")
    # Reloaded, the form comes from the page cache with a token and stamp of its own.
    assert applicant.reload().headers["x-page-cache"] == "hit"
    fill_application(applicant, fund)
    applicant.get_by_role("button", name="Antrag senden").click()
    expect(applicant.get_by_role("status")).to_contain_text("Vielen Dank")
    application = Application.objects.get(project_title="Nachbarschaftsfest im Hof")
    status_page = portal + application.get_status_url()

    # The office starts the review.
    change = f"{portal}/admin/fonds/application/{application.pk}/change/"
    office.goto(change)
    office.get_by_role("link", name="Prüfung beginnen").click()
    office.get_by_role("button", name="Prüfung beginnen").click()
    expect(office.locator(".messagelist")).to_contain_text("hat begonnen")

    # The jury meets: the standing jury is there, the agenda built, the vote recorded.
    meeting = fund.next_meeting()
    office.goto(f"{portal}/admin/fonds/jurymeeting/{meeting.pk}/change/")
    office.get_by_role("button", name="Ständige Jury übernehmen").click()
    office.get_by_role("button", name="Tagesordnung erstellen").click()
    expect(office.locator("#members-group")).to_contain_text("Zora Ilić")
    rows = AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk")
    index = list(rows.values_list("application_id", flat=True)).index(application.pk)
    office.select_option(f"[name='agenda_items-{index}-outcome']", "approve")
    office.fill(f"[name='agenda_items-{index}-amount']", "300")
    office.fill(f"[name='agenda_items-{index}-votes_yes']", "2")
    office.fill(f"[name='agenda_items-{index}-conditions']", "Logo des Fonds auf das Plakat.")
    office.get_by_role("button", name="Sichern und weiter bearbeiten").click()
    expect(office.locator(".messagelist")).to_contain_text("erfolgreich")

    # All decisions at once, after a look at each e-mail and letter.
    office.get_by_role("link", name="Alle Beschlüsse umsetzen").click()
    review = office.locator("#content-main")
    expect(review).to_contain_text(application.reference_number)
    expect(review).to_contain_text("Teilbewilligung")
    expect(review).to_contain_text("Logo des Fonds auf das Plakat.")
    office.get_by_role("button", name="Alle Beschlüsse umsetzen und versenden").click()
    expect(office.locator(".messagelist")).to_contain_text("umgesetzt")
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED

    # The approval letter as PDF, kept with the application.
    letter = application.letters.get()
    text = " ".join(
        PdfReader(io.BytesIO(download(office, portal + letter.get_download_url())))
        .pages[0]
        .extract_text()
        .split()
    )
    assert "300,00 €" in text and "400,00 €" in text and "Rechtsbehelfsbelehrung" in text

    # The applicant gives the account: a wrong checksum is refused at the field.
    applicant.goto(status_page)
    applicant.get_by_label("Kontoinhaber:in").fill("Hofgemeinschaft Hochkamp")
    applicant.get_by_label("IBAN").fill(BAD_IBAN)
    applicant.get_by_role("button", name="Bankverbindung speichern").click()
    expect(applicant.locator("main")).to_contain_text("Prüfziffern dieser IBAN stimmen nicht")
    applicant.get_by_label("IBAN").fill(GOOD_IBAN)
    applicant.get_by_role("button", name="Bankverbindung speichern").click()
    expect(applicant.get_by_role("status")).to_contain_text("Bankverbindung ist gespeichert")

    # The office pays out from the application's page.
    office.goto(change)
    office.get_by_role("link", name="Auszahlung erfassen").click()
    expect(office.locator("#content-main")).to_contain_text(GOOD_IBAN)
    office.get_by_label("Betrag").fill("300,00")
    office.get_by_role("button", name=re.compile("Auszahlung erfassen")).click()
    expect(office.locator(".messagelist")).to_contain_text("ist erfasst")

    # The applicant sends the proof of use; the office sends it back.
    applicant.goto(status_page)
    applicant.get_by_role("link", name="Verwendungsnachweis").first.click()
    applicant.get_by_label("kurzer Bericht").fill("Rund 100 Nachbar:innen kamen zum Fest.")
    applicant.get_by_label("Zahl der Teilnehmenden").fill("100")
    applicant.fill("[name='payments-0-paid_on']", str(timezone.localdate()))
    applicant.fill("[name='payments-0-payee']", "Zeltverleih Sommer")
    applicant.fill("[name='payments-0-purpose']", "Bierzeltgarnituren")
    applicant.fill("[name='payments-0-amount']", "260,00")
    applicant.set_input_files(
        "[name='payments-0-receipt']",
        {"name": "rechnung.pdf", "mimeType": "application/pdf", "buffer": RECEIPT_PDF},
    )
    applicant.get_by_role("button", name="Verwendungsnachweis senden").click()
    expect(applicant.get_by_role("status")).to_contain_text("Verwendungsnachweis")
    proof = application.proofs.get()
    office.goto(f"{portal}/admin/fonds/proof/{proof.pk}/change/")
    office.select_option("[name='decision']", "return")
    office.fill("[name='note']", "Der Betrag stimmt nicht mit der Rechnung überein.")
    office.get_by_role("button", name="Sichern", exact=True).click()

    # The applicant corrects it: the entries and the receipt are still there.
    applicant.goto(status_page)
    applicant.get_by_role("link", name="Verwendungsnachweis").first.click()
    expect(applicant.locator("[name='payments-0-payee']")).to_have_value("Zeltverleih Sommer")
    expect(applicant.locator("main")).to_contain_text("Bleibt: rechnung.pdf")
    applicant.fill("[name='payments-0-amount']", "250,00")
    applicant.get_by_role("button", name="Verwendungsnachweis senden").click()
    expect(applicant.get_by_role("status")).to_contain_text("Verwendungsnachweis")

    # The office accepts it and books the 50 € that came back.
    office.goto(f"{portal}/admin/fonds/proof/{proof.pk}/change/")
    office.select_option("[name='decision']", "accept")
    office.get_by_role("button", name="Sichern", exact=True).click()
    application.refresh_from_db()
    assert application.status == Application.Status.COMPLETED
    assert str(application.repayment_due) == "50.00"
    office.goto(change)
    office.get_by_role("link", name="Rückzahlung buchen").click()
    office.get_by_role("button", name=re.compile("Rückzahlung buchen")).click()
    expect(office.locator(".messagelist")).to_contain_text("ist gebucht")

    # Year report and export.
    office.goto(f"{portal}/admin/fonds/fund/{fund.pk}/report/")
    expect(office.locator("[data-figure='repaid']")).to_have_text("50,00 €")
    sheet = load_workbook(
        io.BytesIO(download(office, f"{portal}/admin/fonds/application/export/xlsx/"))
    ).active
    references = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert application.reference_number in references

    # The applicant's history lists each step once.
    applicant.goto(status_page)
    history = applicant.locator("#history + table tbody")
    labels = [cell.strip() for cell in history.locator("td:nth-child(2)").all_inner_texts()]
    assert labels.count("Ausgezahlt") == 1, labels
