"""Bank details, payouts and repayments from the application's page, letters as PDF and
the exports for the accounting: German messages, the office boundary, nothing needs JS."""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from openpyxl import load_workbook

from fonds import services
from fonds.models import Application, Fund, Letter, LetterText
from tests.factories import (
    AgendaItemFactory,
    ApplicationFactory,
    ExpenseLineFactory,
    PayoutFactory,
    ProofFactory,
    ProofPaymentFactory,
)
from tests.form_html import field_errors

from .conftest import pdf_text

pytestmark = pytest.mark.django_db
Status = Application.Status
GOOD_IBAN = "DE89 3704 0044 0532 0130 00"
BAD_CHECKSUM = "DE88 3704 0044 0532 0130 00"


def change_url(application):
    return reverse("admin:fonds_application_change", args=[application.pk])


def step_url(name, application):
    return reverse(f"admin:fonds_application_{name}", args=[application.pk])


@pytest.fixture
def approved(fund):
    return ApplicationFactory(
        fund=fund,
        status=Status.APPROVED,
        requested_amount=D("800.00"),
        approved_amount=D("600.00"),
        decided_at=timezone.now(),
        account_holder="",
        iban="",
        bic="",
        name="Aylin Kaya",
    )


def test_applicant_gives_bank_details_and_a_wrong_checksum_is_refused(client, approved):
    url = approved.get_status_url()
    page = client.get(url)
    assert 'name="bank-iban"' in page.content.decode()
    wrong = client.post(url, {"bank-account_holder": "Aylin Kaya", "bank-iban": BAD_CHECKSUM})
    assert wrong.status_code == 400
    assert "Die Prüfziffern dieser IBAN stimmen nicht" in field_errors(
        wrong.content.decode(), "id_bank-iban"
    )
    assert BAD_CHECKSUM in wrong.content.decode()  # the form comes back filled in
    response = client.post(url, {"bank-account_holder": "Aylin Kaya", "bank-iban": GOOD_IBAN})
    assert response.status_code == 302
    approved.refresh_from_db()
    assert (approved.iban, approved.bic) == ("DE89370400440532013000", "COBADEFFXXX")
    event = approved.events.get(event_type="fonds.application.bank_details")
    assert "DE89" not in event.comment and event.actor is None
    history = client.get(url).content.decode()
    assert "Bankverbindung angegeben" in history
    assert "…3000" in history and "DE89370400440532013000" not in history


def test_bank_details_are_asked_only_after_the_approval(client, fund):
    submitted = ApplicationFactory(fund=fund, iban="", account_holder="")
    assert 'name="bank-iban"' not in client.get(submitted.get_status_url()).content.decode()
    response = client.post(
        submitted.get_status_url(), {"bank-account_holder": "X", "bank-iban": GOOD_IBAN}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.iban == ""


def test_no_payout_without_bank_details(approved, fonds_staff):
    with pytest.raises(services.ApplicationError, match="Bankverbindung"):
        services.application_record_payout(
            application=approved,
            actor=fonds_staff,
            amount=D("100.00"),
            paid_on=timezone.localdate(),
        )


def test_payout_and_repayment_from_the_application_page(client, approved, fonds_staff):
    client.force_login(fonds_staff)
    page = client.get(change_url(approved)).content.decode()
    assert step_url("payout", approved) in page and step_url("bank_details", approved) in page
    response = client.post(
        step_url("bank_details", approved),
        {"account_holder": "Kiezverein e. V.", "iban": GOOD_IBAN.lower()},
    )
    assert response.status_code == 302
    form = client.get(step_url("payout", approved)).content.decode()
    assert "DE89 3704 0044 0532 0130 00" in form  # staff of the office see the account
    today = timezone.localdate()
    too_much = client.post(
        step_url("payout", approved),
        {"amount": "700,00", "paid_on": today.isoformat(), "kind": "final"},
    )
    assert too_much.status_code == 400
    assert "600,00 €" in too_much.content.decode()
    response = client.post(
        step_url("payout", approved),
        {"amount": "600,00", "paid_on": today.isoformat(), "kind": "final"},
    )
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == Status.PAID and approved.paid_amount == D("600.00")
    proof = ProofFactory(application=approved)
    ProofPaymentFactory(proof=proof, amount=D("450.00"))
    services.proof_accept(proof=proof, actor=fonds_staff, notify=False)
    approved = Application.objects.get(pk=approved.pk)
    assert approved.repayment_due == D("150.00")
    remaining_before = Fund.objects.get(pk=approved.fund_id).figures.remaining
    response = client.post(
        step_url("repayment", approved), {"amount": "150", "received_on": today.isoformat()}
    )
    assert response.status_code == 302
    approved = Application.objects.get(pk=approved.pk)
    assert approved.repayment_due == D("0.00")
    assert Fund.objects.get(pk=approved.fund_id).figures.remaining == remaining_before + 150
    report = client.get(reverse("admin:fonds_fund_report", args=[approved.fund_id]))
    assert 'data-figure="repaid">150,00 €' in report.content.decode()
    assert 'data-figure="repaid">150,00 €' in client.get(approved.fund.get_absolute_url()).text


def test_approval_letter_as_pdf_with_german_date_and_amount(client, approved, fonds_staff):
    client.force_login(fonds_staff)
    form = client.get(step_url("letter", approved)).content.decode()
    assert 'value="partial_approval"' in form and 'value="rejection"' not in form
    response = client.post(step_url("letter", approved), {"kind": "partial_approval"})
    assert response.status_code == 302
    letter = Letter.objects.get(application=approved)
    assert not letter.by_post
    download = client.get(letter.get_download_url())
    assert download.status_code == 200
    text = pdf_text(b"".join(download.streaming_content))
    assert "600,00 €" in text and "800,00 €" in text
    assert "Sehr geehrte" in text and "Aylin Kaya" in text
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August"]
    months += ["September", "Oktober", "November", "Dezember"]
    today = timezone.localdate()
    assert f"{today.day}. {months[today.month - 1]} {today.year}" in text
    assert approved.token not in text  # the status link is the applicant's alone
    assert "Rechtsbehelf" in text
    assert approved.events.filter(event_type="fonds.application.letter").exists()


def test_letter_of_a_paper_application_goes_by_post(approved, fonds_staff):
    Application.objects.filter(pk=approved.pk).update(email="")
    approved.refresh_from_db()
    letter = services.letter_write(
        application=approved, kind=Letter.Kind.PARTIAL_APPROVAL, actor=fonds_staff
    )
    assert letter.by_post
    with pytest.raises(services.ApplicationError):
        services.letter_write(application=approved, kind=Letter.Kind.REJECTION, actor=fonds_staff)


def test_another_office_reaches_no_letter_bank_details_or_payout(
    client, approved, other_fonds_staff, fonds_staff
):
    letter = services.letter_write(
        application=approved, kind=Letter.Kind.PARTIAL_APPROVAL, actor=fonds_staff
    )
    client.force_login(other_fonds_staff)
    assert client.get(letter.get_download_url()).status_code == 404
    for name in ("bank_details", "payout", "repayment", "letter"):
        assert client.get(step_url(name, approved)).status_code == 404, name
        assert client.post(step_url(name, approved), {}).status_code == 404, name
    for export_format in ("csv", "xlsx"):
        response = client.get(reverse("admin:fonds_application_payouts_due", args=[export_format]))
        assert approved.reference_number.encode() not in response.content


def test_due_payouts_for_the_accounting_as_xlsx(client, fund, fonds_staff):
    due = ApplicationFactory(fund=fund, status=Status.APPROVED, approved_amount=D("400"))
    partly = ApplicationFactory(fund=fund, status=Status.PAID, approved_amount=D("500"))
    PayoutFactory(application=partly, amount=D("200.00"), is_advance=True)
    ApplicationFactory(fund=fund, status=Status.APPROVED, iban="", account_holder="")
    client.force_login(fonds_staff)
    response = client.get(reverse("admin:fonds_application_payouts_due", args=["xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {due.reference_number, partly.reference_number}
    assert rows[due.reference_number][2] == "DE89370400440532013000"
    assert rows[due.reference_number][4] == 400
    assert rows[partly.reference_number][4] == 300


def test_application_list_as_xlsx_keeps_numbers_and_dates(client, fund, fonds_staff):
    application = ApplicationFactory(fund=fund, project_title="=HYPERLINK(1)")
    client.force_login(fonds_staff)
    response = client.get(reverse("admin:fonds_application_export", args=["xlsx"]))
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert row["Antragsnummer"] == application.reference_number
    assert row["Beantragter Betrag"] == 500
    assert isinstance(row["Beginn"], datetime.datetime | datetime.date)
    assert row["Projekttitel"] == "'=HYPERLINK(1)"


def test_anonymisation_removes_the_bank_details(fund):
    application = ApplicationFactory(fund=fund, status=Status.REJECTED)
    services.application_anonymise(application=application)
    application.refresh_from_db()
    assert (application.account_holder, application.iban, application.bic) == ("", "", "")


def test_project_must_end_within_the_funds_year_unless_the_rules_allow(fund):
    end_of_year = datetime.date(fund.year, 12, 31)
    check = {
        "requested_amount": D("100"),
        "total_expenses": D("100"),
        "total_income": D("100"),
        "own_contribution": D("100"),
        "categories": [],
        "start_date": end_of_year,
        "end_date": end_of_year + datetime.timedelta(days=1),
    }
    fund.projects_end_in_year = True
    errors = fund.check_application(**check)
    assert "31.12." in errors["end_date"][0] and "Jahres" in errors["end_date"][0]
    fund.projects_end_in_year = False
    assert "end_date" not in fund.check_application(**check)


def test_year_report_and_minutes_as_pdf(client, fund, fonds_staff, other_fonds_staff):
    application = ApplicationFactory(
        fund=fund, status=Status.COMPLETED, approved_amount=D("1234.50"), spent_amount=D("1000")
    )
    PayoutFactory(application=application, amount=D("1234.50"))
    services.application_book_repayment(
        application=application,
        actor=fonds_staff,
        amount=D("234.50"),
        received_on=timezone.localdate(),
    )
    meeting = fund.jury_meetings.get()
    meeting.members.create(name="Bernd Ahlers", role="Vorsitz")
    meeting.members.create(name="Zora Ilić", present=False)
    AgendaItemFactory(
        meeting=meeting, application=application, outcome="approve", amount=D("1234.50")
    )
    client.force_login(fonds_staff)
    report = client.get(reverse("admin:fonds_fund_report_pdf", args=[fund.pk]))
    assert report["Content-Type"] == "application/pdf"
    text = pdf_text(report.content)
    assert f"Jahresbericht {fund.year}" in text
    assert "1.234,50 €" in text and "Zurückgezahlt" in text and "234,50 €" in text
    minutes = client.get(reverse("admin:fonds_jurymeeting_minutes_pdf", args=[meeting.pk]))
    text = pdf_text(minutes.content)
    assert "Protokoll" in text and date_format(meeting.date, "DATE_FORMAT") in text
    assert "Zora Ilić" in text and "abwesend" in text and "1.234,50 €" in text
    open_one = ApplicationFactory(fund=fund, status=Status.IN_REVIEW, jury_meeting=meeting)
    ExpenseLineFactory(application=open_one, description="Hüpfburg", total=D("500.00"))
    sheet = client.get(reverse("admin:fonds_jurymeeting_jury_sheet_pdf", args=[meeting.pk]))
    text = pdf_text(sheet.content)
    assert open_one.reference_number in text and "Hüpfburg" in text and "500,00 €" in text
    client.force_login(other_fonds_staff)
    assert client.get(reverse("admin:fonds_fund_report_pdf", args=[fund.pk])).status_code == 404
    url = reverse("admin:fonds_jurymeeting_jury_sheet_pdf", args=[meeting.pk])
    assert client.get(url).status_code == 404
    url = reverse("admin:fonds_jurymeeting_minutes_pdf", args=[meeting.pk])
    assert client.get(url).status_code == 404


def test_a_fund_writes_its_own_letter_text(approved, fonds_staff):
    LetterText.objects.create(
        fund=approved.fund,
        letter_kind=Letter.Kind.PARTIAL_APPROVAL,
        text="Für „$title“ gibt es $amount statt $requested.\r\n\r\nBis $proof_due bitte "
        "den Nachweis. $unknown bleibt stehen. {name.__class__} auch.",
    )
    letter = services.letter_write(
        application=approved, kind=Letter.Kind.PARTIAL_APPROVAL, actor=fonds_staff
    )
    with letter.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert f"Für „{approved.project_title}“ gibt es 600,00 € statt 800,00 €." in text
    assert "Sehr geehrte:r Aylin Kaya" in text and "$unknown bleibt stehen" in text
    assert "{name.__class__} auch" in text
    assert "Bitte bewahren Sie alle Belege auf" not in text  # the standard text is replaced
