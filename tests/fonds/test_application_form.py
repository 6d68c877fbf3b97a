import datetime
import re
import time
from decimal import Decimal

import pytest
from django.urls import reverse

from fonds.models import Application, ApplicationEvent, IncomeLine
from stadtteilbuero.antispam import form_stamp
from tests.factories import ApplicationFactory, FundFactory
from tests.fonds.conftest import form_data
from tests.form_html import elements_by_id, field_errors, text

pytestmark = pytest.mark.django_db


def post(client, fund, data, **kwargs):
    return client.post(fund.get_apply_url(), data, **kwargs)


def content(response):
    return response.content.decode()


def summary(response):
    match = re.search(r'id="error-summary".*?</ul>', content(response), re.S)
    return match.group(0) if match else ""


def test_form_page_has_sections_and_german_help(client, fund):
    response = client.get(fund.get_apply_url())
    assert response.status_code == 200
    page = content(response)
    for legend in ["Über Sie", "Das Projekt", "Geld", "Anhänge", "Erklärungen und Einwilligung"]:
        assert f">{legend}</h2></legend>" in page  # each section heads with an h2
    assert page.count("<h1") == 1
    assert 'name="add_row" value="expenses"' in page
    assert "js/fonds-application.js" in page
    assert 'name="homepage"' in page


@pytest.mark.parametrize(
    ("price", "requested", "volunteer"),
    [("250,00", "400,00", "100,00"), ("250.00", "400.00", "100.00"), ("250", "400", "100")],
)
def test_valid_application_in_german_and_plain_format(
    client, fund, material, price, requested, volunteer, django_capture_on_commit_callbacks
):
    data = form_data(
        fund,
        material,
        **{
            "expenses-0-unit_price": price,
            "requested_amount": requested,
            "incomes-0-amount": volunteer,
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, fund, data)
    assert response.status_code == 302
    application = Application.objects.get()
    assert response["Location"] == reverse(
        "fonds:application-confirmation", kwargs={"token": application.token}
    )
    assert application.requested_amount == Decimal("400.00")
    assert application.reference_number == f"VF-{fund.year}-{fund.office.code}-0001"
    assert application.status == Application.Status.SUBMITTED
    assert application.jury_meeting == fund.next_meeting()
    assert application.privacy_consent_at is not None
    assert application.privacy_version
    line = application.expenses.get()
    assert (line.quantity, line.unit_price, line.total) == (Decimal(2), Decimal(250), Decimal(500))
    assert application.incomes.get().kind == IncomeLine.Kind.VOLUNTEER_WORK
    assert ApplicationEvent.objects.get().event_type == "fonds.application.submitted"


def test_thousands_separator_is_understood(client, fund, material):
    fund.max_per_application = Decimal("2000.00")
    fund.save()
    data = form_data(
        fund,
        material,
        **{
            "expenses-0-quantity": "1",
            "expenses-0-unit_price": "1.500,50",
            "incomes-0-amount": "200,50",
            "requested_amount": "1.300",
        },
    )
    assert post(client, fund, data).status_code == 302
    assert Application.objects.get().requested_amount == Decimal("1300.00")


def test_confirmation_page_shows_reference_and_status_link(client, fund, material):
    response = post(client, fund, form_data(fund, material), follow=True)
    application = Application.objects.get()
    page = content(response)
    assert application.reference_number in page
    assert application.get_status_url() in page
    assert "Nachbarschaftsfest im Hof" in page
    assert "500,00 €" in page


def rejected(client, fund, data):
    before = Application.objects.count()
    response = post(client, fund, data)
    assert response.status_code == 400
    assert Application.objects.count() == before
    return response


@pytest.mark.parametrize("requested", ["1.600,00", "1600.00"])
def test_requested_amount_above_fund_maximum(client, fund, material, requested):
    data = form_data(
        fund,
        material,
        **{"expenses-0-unit_price": "1.000,00", "requested_amount": requested},
    )
    response = rejected(client, fund, data)
    assert "höchstens 1.500,00 € pro Antrag" in content(response)
    assert 'href="#id_requested_amount"' in summary(response)
    assert 'aria-invalid="true"' in content(response)


@pytest.mark.parametrize("requested", ["1.000,00", "1000.00"])
def test_requested_amount_above_remaining_budget(client, fund, material, requested):
    ApplicationFactory(
        fund=fund, status=Application.Status.APPROVED, approved_amount=Decimal("9500.00")
    )
    data = form_data(
        fund,
        material,
        **{"expenses-0-unit_price": "600,00", "requested_amount": requested},
    )
    response = rejected(client, fund, data)
    assert "Nur noch 500,00 € sind in diesem Fonds" in content(response)


@pytest.mark.parametrize(("volunteer", "requested"), [("10,00", "490,00"), ("10.00", "490.00")])
def test_own_contribution_below_fund_percentage(client, fund, material, volunteer, requested):
    data = form_data(
        fund, material, **{"incomes-0-amount": volunteer, "requested_amount": requested}
    )
    response = rejected(client, fund, data)
    assert "mindestens 10 % der Kosten" in content(response)
    assert "50,00 €" in content(response)
    assert 'href="#finance"' in summary(response)


def test_own_contribution_zero_allowed_when_fund_allows(client, fund, material):
    fund.min_own_contribution_percent = 0
    fund.save()
    data = form_data(
        fund,
        material,
        **{"incomes-0-amount": None, "incomes-0-description": None, "requested_amount": "500"},
    )
    assert post(client, fund, data).status_code == 302


def test_other_funding_does_not_count_as_own_contribution(client, fund, material):
    data = form_data(fund, material, **{"incomes-0-kind": "other_funding"})
    response = rejected(client, fund, data)
    assert "mindestens 10 % der Kosten" in content(response)


def test_excluded_category_is_refused(client, fund, material, food):
    data = form_data(
        fund,
        material,
        **{
            "expenses-1-category": str(food.pk),
            "expenses-1-description": "Kuchen und Getränke",
            "expenses-1-unit_price": "100,00",
            "requested_amount": "500,00",
        },
    )
    response = rejected(client, fund, data)
    assert "Diese Kosten kann der Fonds nicht bezahlen: Verpflegung" in content(response)


@pytest.mark.parametrize("requested", ["300,00", "300.00", "450"])
def test_income_must_equal_expenses(client, fund, material, requested):
    response = rejected(client, fund, form_data(fund, material, requested_amount=requested))
    assert "müssen den Kosten (500,00 €) entsprechen" in content(response)


def test_end_before_start(client, fund, material):
    start = fund.next_meeting().date + datetime.timedelta(days=3)
    data = form_data(
        fund,
        material,
        start_date=start.isoformat(),
        end_date=(start - datetime.timedelta(days=1)).isoformat(),
    )
    response = rejected(client, fund, data)
    assert "Das Ende darf nicht vor dem Beginn liegen." in content(response)
    assert 'href="#id_end_date"' in summary(response)


def test_german_date_format_is_accepted(client, fund, material):
    start = fund.next_meeting().date
    data = form_data(
        fund, material, start_date=start.strftime("%d.%m.%Y"), end_date=start.strftime("%d.%m.%Y")
    )
    assert post(client, fund, data).status_code == 302


def test_no_early_start_before_the_jury(client, fund, material):
    early = fund.next_meeting().date - datetime.timedelta(days=1)
    data = form_data(fund, material, start_date=early.isoformat(), end_date=early.isoformat())
    response = rejected(client, fund, data)
    assert "kein vorzeitiger Beginn" in content(response)
    assert 'href="#id_start_date"' in summary(response)


@pytest.mark.parametrize(
    "field",
    [
        "declares_no_double_funding",
        "declares_no_commercial_purpose",
        "declares_no_follow_up_costs",
        "consent_publish",
        "declares_photo_rights",
    ],
)
def test_every_declaration_is_required(client, fund, material, field):
    response = rejected(client, fund, form_data(fund, material, **{field: None}))
    assert "Bitte bestätigen Sie diese Erklärung." in content(response)
    assert f'href="#id_{field}"' in summary(response)


def test_privacy_consent_is_required(client, fund, material):
    response = rejected(client, fund, form_data(fund, material, privacy_consent=None))
    assert "Ohne Ihre Einwilligung können wir den Antrag nicht bearbeiten." in content(response)


@pytest.mark.parametrize("value", ["12,34,5", "zwölf", "1.2.3,4", "NaN", "-5"])
def test_unreadable_or_negative_amounts(client, fund, material, value):
    response = rejected(client, fund, form_data(fund, material, requested_amount=value))
    assert 'href="#id_requested_amount"' in summary(response)


def test_at_least_one_cost_row(client, fund, material):
    data = form_data(
        fund,
        material,
        **{
            "expenses-0-category": "",
            "expenses-0-description": "",
            "expenses-0-unit_price": "",
        },
    )
    response = rejected(client, fund, data)
    assert "Kosten:" in summary(response)


def test_incomplete_cost_row_has_message_next_to_the_field(client, fund, material):
    data = form_data(fund, material, **{"expenses-1-unit_price": "20"})
    response = rejected(client, fund, data)
    assert 'href="#id_expenses-1-category"' in summary(response)
    assert 'href="#id_expenses-1-description"' in summary(response)


def test_form_comes_back_with_everything_typed(client, fund, material):
    data = form_data(fund, material, requested_amount="1.234,56")
    page = content(rejected(client, fund, data))
    assert 'value="Aylin Kaya"' in page
    assert 'value="Hofgemeinschaft Hochkamp"' in page
    assert "Wir feiern mit allen Nachbar:innen ein Fest im Innenhof." in page
    assert 'value="1.234,56"' in page
    assert 'value="250,00"' in page
    assert 'value="Bierzeltgarnituren leihen"' in page
    assert f'<option value="{material.pk}" selected>' in page
    assert 'value="initiative"' in page and "checked" in page
    assert "Bitte wählen Sie Ihre Dateien noch einmal aus" not in page  # no files were sent
    assert "wählen Sie sie bitte noch einmal aus" in page  # the attachments section says so


def test_add_row_without_javascript_keeps_data_and_shows_no_errors(client, fund, material):
    data = form_data(fund, material, add_row="expenses", requested_amount="")
    response = post(client, fund, data)
    assert response.status_code == 200
    page = content(response)
    assert 'name="expenses-3-description"' in page
    assert 'name="expenses-TOTAL_FORMS" value="4"' in page
    assert 'value="Aylin Kaya"' in page
    assert "error-summary" not in page
    assert not Application.objects.exists()


def test_recalculate_without_javascript_shows_server_totals(client, fund, material):
    data = form_data(fund, material, recalculate="1", requested_amount="300")
    page = content(post(client, fund, data))
    assert re.search(r'data-total="expenses">500,00 €', page)
    assert re.search(r'data-total="own">100,00 €', page)
    assert re.search(r'data-total="difference">100,00 €', page)
    assert re.search(r"data-line-total>500,00 €", page)
    assert "error-summary" not in page


def test_closed_fund_offers_no_form(client, fund, material):
    fund.is_open = False
    fund.save()
    response = client.get(fund.get_apply_url())
    assert response.status_code == 302
    assert response["Location"] == fund.get_absolute_url()
    page = content(client.get(fund.get_absolute_url()))
    assert "nimmt zurzeit keine Anträge an" in page
    assert fund.get_apply_url() not in page
    response = post(client, fund, form_data(fund, material))
    assert response.status_code == 302
    assert not Application.objects.exists()


def test_fund_closes_after_last_deadline(client, office, material):
    fund = FundFactory(office=office, meetings=[(-10, -2)])
    assert not fund.accepts_applications()
    assert client.get(fund.get_apply_url()).status_code == 302
    assert "nimmt zurzeit keine Anträge an" in content(client.get(fund.get_absolute_url()))


def test_honeypot_refuses_without_saving(client, fund, material):
    response = rejected(client, fund, form_data(fund, material, homepage="http://spam.example"))
    assert "konnte nicht gesendet werden" in content(response)


def test_minimum_fill_time(client, fund, material):
    data = form_data(fund, material, form_started=form_stamp(time.time() - 1))
    response = rejected(client, fund, data)
    assert "Das ging sehr schnell" in content(response)


def test_forged_or_missing_timestamp_is_refused_and_renewed(client, fund, material):
    response = rejected(client, fund, form_data(fund, material, form_started="forged"))
    assert "zu lange geöffnet" in content(response)
    stamp = re.search(r'name="form_started" value="([^"]+)"', content(response)).group(1)
    assert stamp != "forged"


def test_rate_limit_per_ip(client, fund, material, settings):
    settings.FORM_MIN_FILL_SECONDS = 0
    for number in range(5):
        data = form_data(fund, material, project_title=f"Projekt {number}")
        assert post(client, fund, data, REMOTE_ADDR="203.0.113.7").status_code == 302
    response = post(client, fund, form_data(fund, material), REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Bitte warten Sie ein wenig" in content(response)
    assert Application.objects.count() == 5
    # Another connection is not affected.
    assert (
        post(client, fund, form_data(fund, material), REMOTE_ADDR="203.0.113.8").status_code == 302
    )


def test_rate_limit_behind_a_proxy_counts_the_forwarded_client(client, fund, material, settings):
    settings.FORM_MIN_FILL_SECONDS = 0
    settings.TRUST_X_FORWARDED_FOR = True
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for number in range(5):
        data = form_data(fund, material, project_title=f"Projekt {number}")
        # a client-supplied first entry does not help: the proxy's last one counts
        forwarded = f"10.9.9.{number}, 203.0.113.7"
        assert post(client, fund, data, HTTP_X_FORWARDED_FOR=forwarded, **proxy).status_code == 302
    blocked = post(
        client, fund, form_data(fund, material), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy
    )
    assert blocked.status_code == 429
    # another resident behind the same proxy can still apply
    other = post(
        client, fund, form_data(fund, material), HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy
    )
    assert other.status_code == 302


def test_unknown_office_is_404(client):
    assert client.get("/verfuegungsfonds/gibt-es-nicht/antrag/").status_code == 404


def test_tampered_management_form_is_a_400_not_a_500(client, fund, material):
    data = form_data(fund, material)
    for key in [k for k in data if k.endswith("_FORMS")]:
        del data[key]
    response = post(client, fund, data)
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_add_row_stops_at_the_maximum(client, fund, material):
    data = form_data(fund, material, add_row="expenses", **{"expenses-TOTAL_FORMS": "30"})
    page = content(post(client, fund, data))
    assert 'name="expenses-TOTAL_FORMS" value="30"' in page
    assert 'name="expenses-30-description"' not in page


def test_each_error_is_next_to_its_field_and_linked_to_it(client, fund, material):
    data = form_data(
        fund, material, name="", requested_amount="viel", consent_publish=None, privacy_consent=None
    )
    page = content(rejected(client, fund, data))
    assert "zwingend erforderlich" in field_errors(page, "id_name")
    assert "1.234,56 oder 1234.56" in field_errors(page, "id_requested_amount")
    assert "Bitte bestätigen Sie diese Erklärung." in field_errors(page, "id_consent_publish")
    assert "Ohne Ihre Einwilligung" in field_errors(page, "id_privacy_consent")
    # nothing entered is lost
    assert 'value="Hochkamp 12"' in page and 'value="viel"' in page
    assert "Wir feiern mit allen Nachbar:innen ein Fest im Innenhof." in page
    assert "checked" in dict(elements_by_id(page)["id_applicant_type_1"].attributes)


def test_an_error_in_a_cost_row_is_linked_to_its_input(client, fund, material):
    data = form_data(fund, material, **{"expenses-0-unit_price": "zwölf"})
    elements = elements_by_id(content(rejected(client, fund, data)))
    described = dict(elements["id_expenses-0-unit_price"].attributes)["aria-describedby"]
    assert "1.234,56 oder 1234.56" in text(elements[described])


def test_fund_rules_shown_together_with_missing_fields(client, fund, material):
    data = form_data(fund, material, name="", requested_amount="1.600,00")
    response = rejected(client, fund, data)
    assert 'href="#id_name"' in summary(response)
    assert "höchstens 1.500,00 € pro Antrag" in summary(response)
    assert "müssen den Kosten" not in summary(response)  # sums wait for a complete form
