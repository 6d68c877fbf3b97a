"""This year's funds are found by the search and carry MonetaryGrant data."""

import json
import re

import pytest
from django.utils import timezone

from tests.conftest import BASE_URL
from tests.factories import FundFactory, OfficeFactory

pytestmark = pytest.mark.django_db


def test_fund_page_has_monetary_grant_jsonld(client):
    fund = FundFactory(office=OfficeFactory(name="Stadtteilbüro Nordstadt"))
    content = client.get(fund.get_absolute_url()).content.decode()
    [raw] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    data = json.loads(raw)
    assert data["@type"] == "MonetaryGrant"
    assert data["name"] == f"Verfügungsfonds {fund.year}"
    assert data["url"] == f"{BASE_URL}{fund.get_absolute_url()}"
    assert data["funder"]["name"] == "Stadtteilbüro Nordstadt"
    assert data["amount"] == {"@type": "MonetaryAmount", "currency": "EUR", "value": 10000.0}
    assert data["description"]


def test_search_finds_this_years_fund_not_last_years(client):
    office = OfficeFactory()
    this_year = FundFactory(office=office, fundable="Geld für Nachbarschaftsfeste und Spielplätze.")
    FundFactory(
        office=office,
        year=timezone.localdate().year - 1,
        fundable="Geld für Nachbarschaftsfeste im Vorjahr.",
    )
    response = client.get("/suche/", {"q": "Spielplatz"})
    funds = {s.key: s for s in response.context["sections"]}["funds"]
    assert [hit.id for hit in funds.hits] == [this_year.pk]
    assert funds.count == 1
