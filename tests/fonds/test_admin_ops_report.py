"""Year report, internal notes, and the public list of funded projects."""

from decimal import Decimal

import pytest
from django.urls import reverse

from fonds.models import Application, ApplicationNote
from tests.conftest import make_staff
from tests.factories import (
    ApplicationFactory,
    ApplicationNoteFactory,
    FundFactory,
    OfficeFactory,
)

pytestmark = pytest.mark.django_db

S = Application.Status


@pytest.fixture
def year(fund):
    rows = [
        ("Kinder", S.APPROVED, "500.00", "400.00", 30, "person"),
        ("Kinder", S.PAID, "300.00", "300.00", 20, "initiative"),
        ("Ältere Nachbar:innen", S.COMPLETED, "1000.00", None, 15, "organisation"),
        ("Kinder", S.REJECTED, "700.00", None, 50, "person"),
        ("Alle", S.SUBMITTED, "200.00", None, 80, "person"),
        ("Alle", S.WITHDRAWN, "100.00", None, 10, "person"),
    ]
    for target, status, requested, approved, participants, kind in rows:
        ApplicationFactory(
            fund=fund,
            target_group=target,
            status=status,
            requested_amount=Decimal(requested),
            approved_amount=Decimal(approved) if approved else None,
            expected_participants=participants,
            applicant_type=kind,
        )
    # Another year and another office do not count.
    ApplicationFactory(fund=FundFactory(office=fund.office, year=fund.year - 1), status=S.APPROVED)
    ApplicationFactory(fund=FundFactory(), status=S.APPROVED)
    return fund


def report(client, fund):
    return client.get(reverse("admin:fonds_fund_report", args=[fund.pk]))


def test_year_report_numbers(client, fonds_staff, year, django_assert_max_num_queries):
    client.force_login(fonds_staff)
    with django_assert_max_num_queries(12):
        response = report(client, year)
    assert response.status_code == 200
    context = response.context
    figures = context["figures"]
    assert figures.budget == Decimal("10000.00")
    assert figures.approved == Decimal("1700.00")  # 400 + 300 + 1000 (requested)
    assert figures.remaining == Decimal("8300.00")
    assert figures.requested == Decimal("2800.00")
    assert context["applications_count"] == 6
    assert context["projects_count"] == 3
    assert figures.paid == Decimal("0.00")
    assert figures.spent == Decimal("0.00")
    groups = {row["target_group"]: row for row in context["target_groups"]}
    assert set(groups) == {"Kinder", "Ältere Nachbar:innen"}
    assert groups["Kinder"]["count"] == 2
    assert groups["Kinder"]["approved"] == Decimal("700.00")
    assert groups["Kinder"]["participants"] == 50
    assert groups["Ältere Nachbar:innen"]["approved"] == Decimal("1000.00")
    statuses = {row["label"]: row["count"] for row in context["statuses"]}
    assert statuses[S.REJECTED.label] == 1
    assert statuses[S.SUBMITTED.label] == 1
    kinds = {row["label"]: row["count"] for row in context["applicant_types"]}
    assert kinds[Application.ApplicantType.PERSON.label] == 1
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert "1.700,00 €" in page
    assert "8.300,00 €" in page
    assert "css/fonds-year-report.css" in page  # print rules: @media print there


def test_year_report_query_count_does_not_grow(
    client, fonds_staff, fund, django_assert_max_num_queries
):
    client.force_login(fonds_staff)
    for count in (1, 40):
        for _ in range(count - fund.applications.count()):
            ApplicationFactory(fund=fund, status=S.APPROVED, target_group=f"Gruppe {_}")
        with django_assert_max_num_queries(12):
            assert report(client, fund).status_code == 200


def test_year_report_is_staff_only_and_office_scoped(client, year, other_fonds_staff, superuser):
    url = reverse("admin:fonds_fund_report", args=[year.pk])
    assert client.get(url).status_code == 302
    client.force_login(other_fonds_staff)
    assert report(client, year).status_code == 404
    client.force_login(superuser)
    assert report(client, year).status_code == 200
    client.force_login(make_staff(year.office, "offices"))
    assert report(client, year).status_code in (403, 404)


def test_fund_change_page_links_the_report(client, fonds_staff, fund):
    client.force_login(fonds_staff)
    page = client.get(reverse("admin:fonds_fund_change", args=[fund.pk])).content.decode()
    assert reverse("admin:fonds_fund_report", args=[fund.pk]) in page


# --- Internal notes ------------------------------------------------------------------


def inline_data(note_text=""):
    data = {
        f"{prefix}-{key}": value
        for prefix in [
            "expenses",
            "incomes",
            "attachments",
            "events",
            "payouts",
            "repayments",
            "letters",
            "proofs",
            "stadtteilbuero-outgoingmail-content_type-object_id",
        ]
        for key, value in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"}.items()
    }
    data.update({"notes-TOTAL_FORMS": "1", "notes-INITIAL_FORMS": "0", "notes-0-text": note_text})
    return data


def test_staff_add_notes_with_author_and_date(client, fonds_staff, fund):
    application = ApplicationFactory(fund=fund)
    client.force_login(fonds_staff)
    url = reverse("admin:fonds_application_change", args=[application.pk])
    response = client.post(url, inline_data("Kostenvoranschlag fehlt noch."))
    assert response.status_code == 302
    response = client.post(url, inline_data("Nachgereicht."))
    notes = list(application.notes.order_by("pk"))
    assert [note.text for note in notes] == ["Kostenvoranschlag fehlt noch.", "Nachgereicht."]
    assert all(note.author == fonds_staff for note in notes)
    assert all(note.created_at is not None for note in notes)
    page = client.get(url).content.decode()
    assert "Kostenvoranschlag fehlt noch." in page
    # Existing notes are shown, not editable.
    assert 'name="notes-2-text"' in page  # the empty form for a new note
    assert 'name="notes-0-text"' not in page  # the written ones are read-only


def test_notes_never_on_the_public_status_page(client, fund):
    application = ApplicationFactory(fund=fund)
    ApplicationNoteFactory(application=application, text="Vertraulich: Antragstellerin kennt Jury")
    page = client.get(application.get_status_url()).content.decode()
    assert "Vertraulich" not in page


def test_notes_are_office_scoped(client, fund, other_fonds_staff, fonds_staff):
    note = ApplicationNoteFactory(application=ApplicationFactory(fund=fund))
    client.force_login(other_fonds_staff)
    assert (
        client.get(reverse("admin:fonds_applicationnote_change", args=[note.pk])).status_code == 404
    )
    page = client.get(reverse("admin:fonds_applicationnote_changelist")).content.decode()
    assert note.text not in page
    assert (
        client.get(
            reverse("admin:fonds_application_change", args=[note.application.pk])
        ).status_code
        == 404
    )
    assert list(ApplicationNote.objects.managed_by(other_fonds_staff)) == []
    client.force_login(fonds_staff)
    page = client.get(reverse("admin:fonds_applicationnote_changelist")).content.decode()
    assert note.text[:40] in page


def test_note_cannot_be_added_to_a_foreign_application(client, fund, other_fonds_staff):
    application = ApplicationFactory(fund=fund)
    client.force_login(other_fonds_staff)
    url = reverse("admin:fonds_application_change", args=[application.pk])
    assert client.post(url, inline_data("Fremd")).status_code == 404
    assert not ApplicationNote.objects.exists()


def test_notes_invisible_to_the_public_and_to_non_staff(client, fund):
    note = ApplicationNoteFactory(application=ApplicationFactory(fund=fund))
    url = reverse("admin:fonds_applicationnote_change", args=[note.pk])
    assert client.get(url).status_code == 302  # login
    user = make_staff(OfficeFactory(), "fonds")
    client.force_login(user)
    assert client.get(url).status_code == 404


# --- Public fund page ------------------------------------------------------------------


def test_public_fund_page_lists_funded_projects_with_status(client, fund):
    ApplicationFactory(
        fund=fund,
        project_title="Hochbeete",
        status=S.PAID,
        approved_amount=Decimal("450.00"),
        name="Geheime Person",
    )
    ApplicationFactory(
        fund=fund, project_title="Ohne Zustimmung", status=S.APPROVED, consent_publish=False
    )
    ApplicationFactory(fund=fund, project_title="Noch offen", status=S.SUBMITTED)
    page = client.get(fund.get_absolute_url()).content.decode()
    funded = page[page.index('id="funded"') :]
    assert "Hochbeete" in funded
    assert "450,00 €" in funded
    assert "Ausgezahlt" in funded
    assert "Ohne Zustimmung" not in funded
    assert "Noch offen" not in funded
    assert "Geheime Person" not in page
