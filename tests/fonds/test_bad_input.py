"""Bad input on the fund's forms: a German message at the field, what was typed kept,
never a 500 (and never a date that breaks a page later)."""

import datetime

import pytest
from django.utils import timezone

from fonds.forms import parse_amount
from fonds.models import Application
from tests.factories import ApplicationFactory
from tests.fonds.conftest import form_data
from tests.fonds.test_proof_pages import proof_data, proof_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["1e309", "1E5", "Infinity", "NaN", "9" * 40, "1,2,3", "--1"])
def test_unreadable_amounts_are_not_numbers(value):
    assert parse_amount(value) is None


@pytest.mark.parametrize("button", ["recalculate", None])
@pytest.mark.parametrize("value", ["1e309", "99999999999", "Infinity"])
def test_absurd_unit_price_gives_a_message_not_a_500(client, fund, material, button, value):
    extra = {button: "1"} if button else {}
    data = form_data(fund, material, **{"expenses-0-unit_price": value}, **extra)
    response = client.post(fund.get_apply_url(), data)
    assert response.status_code in (200, 400)
    page = response.content.decode()
    assert f'value="{value}"' in page  # what was typed stays
    if button is None:
        assert "Bitte geben Sie einen Betrag wie 1.234,56" in page or "höchstens" in page
    assert not Application.objects.exists()


def test_money_fields_have_a_sane_maximum(client, fund, material):
    data = form_data(fund, material, requested_amount="2.000.000,00")
    response = client.post(fund.get_apply_url(), data)
    assert response.status_code == 400
    assert "Bitte geben Sie höchstens 1.000.000,00 € ein." in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("end_date", "9999-12-31", "Bitte wählen Sie ein Datum bis zum 31.12.2029."),
        ("start_date", "2019-05-01", "nicht vor dem 01.01.2026 beginnen"),
    ],
)
def test_project_dates_lie_in_a_plausible_window(client, fund, material, field, value, message):
    response = client.post(fund.get_apply_url(), form_data(fund, material, **{field: value}))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'value="{value}"' in page
    assert not Application.objects.exists()


def test_an_old_far_future_application_cannot_break_the_status_page(client, fund):
    # Rows from before the window was checked: the pages still answer.
    application = ApplicationFactory(
        fund=fund,
        status=Application.Status.PAID,
        start_date=datetime.date(2026, 6, 1),
        end_date=datetime.date(9999, 12, 31),
    )
    assert client.get(application.get_status_url()).status_code == 200


@pytest.fixture
def paid(fund):
    return ApplicationFactory(
        fund=fund,
        status=Application.Status.PAID,
        approved_amount="400.00",
        start_date=timezone.localdate(),
        end_date=timezone.localdate(),
    )


@pytest.mark.parametrize(
    ("paid_on", "message"),
    [
        ((timezone.localdate() + datetime.timedelta(days=3)).isoformat(), "nicht in der Zukunft"),
        ("0001-01-01", "Bitte prüfen Sie das Datum"),
        ("1999-12-31", "Bitte prüfen Sie das Datum"),
    ],
)
def test_receipts_are_not_dated_in_the_future_or_long_ago(client, paid, paid_on, message):
    response = client.post(proof_url(paid), proof_data(**{"payments-0-paid_on": paid_on}))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'value="{paid_on}"' in page
