"""Anonymisation: by the service, the admin action and the retention command."""

import datetime
import os
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from fonds.models import Application, ApplicationEvent, ApplicationNote, Attachment, Fund
from fonds.services import (
    PERSONAL_FIELDS,
    ApplicationError,
    application_anonymise,
    personal_fields,
)
from tests.factories import (
    ApplicationFactory,
    ApplicationNoteFactory,
    ExpenseLineFactory,
    FundFactory,
    IncomeLineFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def full_application(fund, **kwargs):
    fields = {
        "name": "Aylin Kaya",
        "organisation": "Hofgemeinschaft Hochkamp",
        "street": "Hochkamp 12",
        "postal_code": "31137",
        "city": "Hildesheim",
        "email": "aylin.kaya@example.org",
        "phone": "05121 123456",
        "project_title": "Nachbarschaftsfest im Hof",
        "description": "Frau Kaya und Herr Yilmaz organisieren das Fest.",
        "benefit": "Familie Kaya lädt alle ein.",
        "target_group": "Familien",
        "place": "Hinterhof bei Kaya, Hochkamp 12",
        "partners": "Herr Yilmaz",
        "internal_note": "Frau Kaya ist telefonisch schwer erreichbar.",
        "status": Application.Status.COMPLETED,
        "requested_amount": Decimal("800.00"),
        "approved_amount": Decimal("700.00"),
        "expected_participants": 120,
    }
    fields.update(kwargs)
    application = ApplicationFactory(fund=fund, **fields)
    ExpenseLineFactory(application=application, description="Honorar Herr Yilmaz")
    IncomeLineFactory(application=application, description="Spende Familie Kaya")
    ApplicationNoteFactory(application=application, text="Frau Kaya rief an.")
    ApplicationEvent.objects.create(
        application=application,
        event_type="fonds.application.completed",
        from_status="paid",
        to_status="completed",
        comment="Nachweis von Frau Kaya vollständig.",
    )
    files = []
    for name in ("angebot.pdf", "personalausweis.pdf"):
        attachment = Attachment(
            application=application, original_name=name, kind="pdf", size=len(PDF)
        )
        attachment.file.save(name, ContentFile(PDF), save=False)
        attachment.save()
        files.append(attachment.file.path)
    return application, files


def assert_nothing_personal_left(application, files):
    application.refresh_from_db()
    assert set(PERSONAL_FIELDS) <= set(personal_fields())
    for field in personal_fields():
        assert getattr(application, field) == "", field
    text = " ".join(
        str(value)
        for value in Application.objects.filter(pk=application.pk).values().get().values()
    )
    for word in ("Kaya", "Yilmaz", "Hochkamp 12", "31137", "05121", "example.org"):
        assert word not in text
    assert not application.attachments.exists()
    assert not ApplicationNote.objects.filter(application=application).exists()
    assert all(not line.description for line in application.expenses.all())
    assert all(not line.description for line in application.incomes.all())
    assert not any("Kaya" in event.comment for event in application.events.all())
    for path in files:
        assert not os.path.exists(path)


def assert_statistics_intact(application, fund):
    application.refresh_from_db()
    assert application.project_title == "Nachbarschaftsfest im Hof"
    assert application.target_group == "Familien"
    assert application.requested_amount == Decimal("800.00")
    assert application.approved_amount == Decimal("700.00")
    assert application.expected_participants == 120
    assert application.status == Application.Status.COMPLETED
    assert application.expenses.get().total == Decimal("500.00")
    assert Fund.objects.with_figures().get(pk=fund.pk).figures.approved == Decimal("700.00")


def test_anonymise_removes_everything_personal_and_keeps_statistics(
    fund, fonds_staff, django_capture_on_commit_callbacks
):
    application, files = full_application(fund)
    old_token = application.token
    assert all(os.path.exists(path) for path in files)
    with django_capture_on_commit_callbacks(execute=True):
        application_anonymise(application=application, actor=fonds_staff)
    assert_nothing_personal_left(application, files)
    assert_statistics_intact(application, fund)
    assert application.anonymised_at is not None
    assert application.token != old_token
    event = application.events.get(event_type="fonds.application.anonymised")
    assert event.actor == fonds_staff
    assert event.to_status == Application.Status.COMPLETED


def test_anonymise_is_idempotent(fund, fonds_staff, django_capture_on_commit_callbacks):
    application, files = full_application(fund)
    with django_capture_on_commit_callbacks(execute=True):
        first = application_anonymise(application=application, actor=fonds_staff)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = application_anonymise(application=application, actor=fonds_staff)
    assert callbacks == []
    assert second.anonymised_at == first.anonymised_at
    assert second.token == first.token
    assert application.events.filter(event_type="fonds.application.anonymised").count() == 1


def test_old_status_link_leads_nowhere(client, fund, fonds_staff):
    application, _files = full_application(fund)
    url = application.get_status_url()
    assert client.get(url).status_code == 200
    application_anonymise(application=application, actor=fonds_staff)
    assert client.get(url).status_code == 404


def test_admin_action_anonymises_selected(
    client, fund, fonds_staff, django_capture_on_commit_callbacks
):
    application, files = full_application(fund)
    other = ApplicationFactory(fund=fund, name="Bleibt Erhalten")
    client.force_login(fonds_staff)
    url = reverse("admin:fonds_application_changelist")
    data = {"action": "anonymise_selected", "_selected_action": [application.pk], "index": 0}
    # First the confirmation page: nothing has changed yet.
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert application.reference_number in page
    assert 'name="confirm" value="yes"' in page
    application.refresh_from_db()
    assert application.name == "Aylin Kaya"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "confirm": "yes"}, follow=True)
    assert "1 Antrag anonymisiert." in response.content.decode()
    assert_nothing_personal_left(application, files)
    other.refresh_from_db()
    assert other.name == "Bleibt Erhalten"
    event = application.events.get(event_type="fonds.application.anonymised")
    assert event.actor == fonds_staff


def test_admin_action_cannot_reach_another_office(client, fund, other_fonds_staff):
    application, _files = full_application(fund)
    client.force_login(other_fonds_staff)
    client.post(
        reverse("admin:fonds_application_changelist"),
        {
            "action": "anonymise_selected",
            "_selected_action": [application.pk],
            "index": 0,
            "confirm": "yes",
        },
    )
    application.refresh_from_db()
    assert application.name == "Aylin Kaya"


def age(application, days):
    Application.objects.filter(pk=application.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=days)
    )


@pytest.fixture
def retention_cases(fund, settings):
    settings.FONDS_RETENTION_DAYS = 100
    cases = {}
    for status in Application.Status:
        old, files = full_application(fund, status=status)
        age(old, 101)
        cases[f"old-{status}"] = (old, files)
    recent, recent_files = full_application(fund, status=Application.Status.REJECTED)
    age(recent, 99)
    cases["recent-rejected"] = (recent, recent_files)
    return cases


def test_command_anonymises_closed_applications_after_retention(
    retention_cases, fund, capsys, caplog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("anonymise_applications")
    output = capsys.readouterr().out
    assert "3 closed applications older than 100 days anonymised." in output
    for status in ("rejected", "withdrawn", "completed"):
        application, files = retention_cases[f"old-{status}"]
        assert application.reference_number in output
        application.refresh_from_db()
        assert application.anonymised_at is not None
        assert_nothing_personal_left(application, files)
        assert application.project_title == "Nachbarschaftsfest im Hof"
        event = application.events.get(event_type="fonds.application.anonymised")
        assert event.actor is None
    for key in ("old-submitted", "old-in_review", "old-approved", "old-paid", "recent-rejected"):
        application, files = retention_cases[key]
        application.refresh_from_db()
        assert application.anonymised_at is None, key
        assert application.name == "Aylin Kaya"
        assert all(os.path.exists(path) for path in files)
    assert any("anonymised" in record.getMessage() for record in caplog.records)
    # A second run finds nothing left to do.
    call_command("anonymise_applications")
    assert "0 closed applications" in capsys.readouterr().out


def test_command_dry_run_changes_nothing(retention_cases, capsys):
    call_command("anonymise_applications", "--dry-run")
    output = capsys.readouterr().out
    assert "Dry run: 3 closed applications older than 100 days would be anonymised." in output
    application, files = retention_cases["old-rejected"]
    assert f"would anonymise {application.reference_number}" in output
    application.refresh_from_db()
    assert application.anonymised_at is None
    assert application.name == "Aylin Kaya"
    assert all(os.path.exists(path) for path in files)
    assert not ApplicationEvent.objects.filter(event_type="fonds.application.anonymised").exists()


def test_retention_setting_default_is_three_years():
    from django.conf import settings as django_settings

    assert django_settings.FONDS_RETENTION_DAYS == 3 * 365


def test_anonymised_application_in_other_office_fund_stays_scoped(client, other_fonds_staff):
    fund = FundFactory()
    application, _files = full_application(fund)
    client.force_login(other_fonds_staff)
    url = reverse("admin:fonds_application_change", args=[application.pk])
    assert client.get(url).status_code == 404


def test_anonymise_removes_proof_of_use_details_and_files(
    fund, fonds_staff, django_capture_on_commit_callbacks
):
    from fonds.models import Proof, ProofPayment, ProofPhoto
    from tests.factories import ProofFactory, ProofPaymentFactory, ProofPhotoFactory

    application, _attachment_files = full_application(fund, status=Application.Status.COMPLETED)
    proof = ProofFactory(application=application, review_note="Danke, Frau Kaya!")
    payment = ProofPaymentFactory(proof=proof)
    photo = ProofPhotoFactory(proof=proof)
    storage = payment.file.storage
    files = [payment.file.name, photo.file.name]
    assert all(storage.exists(name) for name in files)

    with django_capture_on_commit_callbacks(execute=True):
        application_anonymise(application=application, actor=fonds_staff)

    proof = Proof.objects.get(pk=proof.pk)
    assert (proof.report, proof.review_note, proof.participants) == ("", "", 90)
    payment = ProofPayment.objects.get(pk=payment.pk)
    assert (payment.payee, payment.purpose, payment.original_name, payment.file.name) == (
        "",
        "",
        "",
        "",
    )
    assert payment.amount == Decimal("450.00")  # the statistics keep what was spent
    assert not ProofPhoto.objects.filter(proof=proof).exists()
    assert not any(storage.exists(name) for name in files)


@pytest.mark.parametrize("status", [Application.Status.SUBMITTED, Application.Status.IN_REVIEW])
def test_open_applications_are_never_anonymised(status, fund, fonds_staff):
    application, files = full_application(fund, status=status)
    with pytest.raises(ApplicationError):
        application_anonymise(application=application, actor=fonds_staff)
    application.refresh_from_db()
    assert application.name == "Aylin Kaya" and application.anonymised_at is None
    assert all(os.path.exists(path) for path in files)


def test_admin_action_leaves_open_applications_and_says_so(client, fund, fonds_staff):
    closed, _files = full_application(fund)
    still_open = ApplicationFactory(
        fund=fund, status=Application.Status.IN_REVIEW, name="Noch In Prüfung"
    )
    client.force_login(fonds_staff)
    url = reverse("admin:fonds_application_changelist")
    data = {
        "action": "anonymise_selected",
        "_selected_action": [closed.pk, still_open.pk],
        "index": 0,
        "confirm": "yes",
    }
    response = client.post(url, data, follow=True)
    page = response.content.decode()
    assert "Nur abgeschlossene Anträge" in page
    assert still_open.reference_number in page
    still_open.refresh_from_db()
    closed.refresh_from_db()
    assert still_open.name == "Noch In Prüfung" and still_open.anonymised_at is None
    assert closed.anonymised_at is not None
