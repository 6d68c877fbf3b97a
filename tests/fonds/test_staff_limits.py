"""What office staff may not do with the fund, and files that go with their records."""

import os
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.roles import CITY, FUND
from fonds.models import Attachment, Fund, private_storage
from tests.accounts.conftest import staff_with_roles
from tests.factories import AttachmentFactory, FundFactory

pytestmark = pytest.mark.django_db


def fund_post(fund, **changes):
    data = {
        "office": fund.office_id,
        "year": fund.year,
        "title": fund.title,
        "summary": fund.summary,
        "is_open": "on",
        "budget": str(fund.budget),
        "max_per_application": str(fund.max_per_application),
        "min_own_contribution_percent": fund.min_own_contribution_percent,
        "fundable": fund.fundable,
        "rules": fund.rules,
        "decision_body": fund.decision_body,
        "contact_name": fund.contact_name,
        "contact_email": fund.contact_email,
        "contact_phone": "",
        "jury_meetings-TOTAL_FORMS": "0",
        "jury_meetings-INITIAL_FORMS": "0",
        "standing_jury-TOTAL_FORMS": "0",
        "standing_jury-INITIAL_FORMS": "0",
        "letter_texts-TOTAL_FORMS": "0",
        "letter_texts-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_office_staff_cannot_raise_their_budget_or_change_the_rules(client, office):
    fund = FundFactory(office=office, budget=Decimal("15000.00"))
    client.force_login(staff_with_roles(office, FUND))
    url = reverse("admin:fonds_fund_change", args=[fund.pk])
    page = client.get(url).content.decode()
    assert 'name="budget"' not in page and 'name="rules"' not in page
    assert "15.000,00" in page or "15000" in page  # shown, read-only
    response = client.post(
        url, fund_post(fund, budget="150000.00", rules="Alles geht.", contact_name="Neu")
    )
    assert response.status_code == 302
    fund.refresh_from_db()
    assert fund.budget == Decimal("15000.00")
    assert fund.rules != "Alles geht."
    assert fund.contact_name == "Neu"  # the office's own details stay editable


def test_city_administrators_set_budget_and_rules(client, office):
    fund = FundFactory(office=office, budget=Decimal("15000.00"))
    client.force_login(staff_with_roles(None, CITY))
    url = reverse("admin:fonds_fund_change", args=[fund.pk])
    response = client.post(url, fund_post(fund, budget="16000.00", rules="Neue Regeln."))
    assert response.status_code == 302
    fund.refresh_from_db()
    assert fund.budget == Decimal("16000.00") and fund.rules == "Neue Regeln."
    assert Fund.objects.count() == 1


def test_deleting_an_attachment_removes_the_file_and_says_so_in_the_history(
    client, office, django_capture_on_commit_callbacks
):
    attachment = AttachmentFactory(application__fund=FundFactory(office=office))
    path = attachment.file.path
    assert os.path.exists(path)
    client.force_login(staff_with_roles(office, FUND))
    url = reverse("admin:fonds_attachment_delete", args=[attachment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not os.path.exists(path)
    event = attachment.application.events.get(event_type="fonds.application.attachment_deleted")
    assert event.comment == "angebot.pdf" and event.label == "Anhang gelöscht"


def test_a_failed_upload_leaves_no_partial_file(settings):
    class FullDisk(ContentFile):
        def chunks(self, chunk_size=None):
            yield b"%PDF-1.4 half a file"
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        private_storage.save("fonds/attachments/2026/12/halb.pdf", FullDisk(b"x" * 10))
    leftovers = list(settings.PRIVATE_MEDIA_ROOT.rglob("*.pdf"))
    assert leftovers == []
