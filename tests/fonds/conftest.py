import io
import time
from decimal import Decimal

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from stadtteilbuero.antispam import form_stamp
from tests.conftest import make_staff
from tests.factories import CostCategoryFactory, FundFactory


def pdf_text(content: bytes) -> str:
    """The text of a PDF as a reader extracts it, lines as wrapped on the page joined."""
    assert content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def empty_cache():
    """The rate limit counts in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def material(db):
    return CostCategoryFactory(name="Material")


@pytest.fixture
def food(db):
    return CostCategoryFactory(name="Verpflegung")


@pytest.fixture
def fund(office, food):
    fund = FundFactory(
        office=office,
        budget=Decimal("10000.00"),
        max_per_application=Decimal("1500.00"),
        min_own_contribution_percent=10,
    )
    fund.excluded_categories.add(food)
    return fund


@pytest.fixture
def fonds_staff(office):
    return make_staff(office, "fonds")


@pytest.fixture
def other_fonds_staff(other_office):
    return make_staff(other_office, "fonds")


def form_data(fund, material, **overrides):
    """A complete, valid application as the browser posts it."""
    meeting = fund.next_meeting()
    start = meeting.date
    data = {
        "form_started": form_stamp(time.time() - 120),
        "homepage": "",
        "applicant_type": "initiative",
        "name": "Aylin Kaya",
        "organisation": "Hofgemeinschaft Hochkamp",
        "street": "Hochkamp 12",
        "postal_code": "31137",
        "city": "Hildesheim",
        "email": "aylin.kaya@example.org",
        "phone": "05121 123456",
        "project_title": "Nachbarschaftsfest im Hof",
        "description": "Wir feiern mit allen Nachbar:innen ein Fest im Innenhof.",
        "benefit": "Nachbar:innen aus vielen Ländern lernen sich kennen.",
        "target_group": "Alle im Hochkamp",
        "expected_participants": "120",
        "place": "Innenhof Hochkamp 10–14",
        "start_date": start.isoformat(),
        "end_date": start.isoformat(),
        "partners": "Kulturfabrik Löseke",
        "expenses-TOTAL_FORMS": "3",
        "expenses-INITIAL_FORMS": "0",
        "expenses-MIN_NUM_FORMS": "1",
        "expenses-MAX_NUM_FORMS": "30",
        "expenses-0-category": str(material.pk),
        "expenses-0-description": "Bierzeltgarnituren leihen",
        "expenses-0-quantity": "2",
        "expenses-0-unit_price": "250,00",
        "expenses-1-quantity": "1",
        "expenses-2-quantity": "1",
        "incomes-TOTAL_FORMS": "2",
        "incomes-INITIAL_FORMS": "0",
        "incomes-MIN_NUM_FORMS": "0",
        "incomes-MAX_NUM_FORMS": "20",
        "incomes-0-kind": "volunteer_work",
        "incomes-0-description": "Aufbau durch Nachbar:innen",
        "incomes-0-amount": "100",
        "incomes-1-kind": "own_money",
        "requested_amount": "400,00",
        "declares_no_double_funding": "on",
        "declares_no_commercial_purpose": "on",
        "declares_no_follow_up_costs": "on",
        "consent_publish": "on",
        "declares_photo_rights": "on",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
