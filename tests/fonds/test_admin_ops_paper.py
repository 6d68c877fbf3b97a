"""Paper applications entered by office staff in the admin."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from fonds import services
from fonds.models import Application, Attachment
from tests.factories import FundFactory

from .conftest import form_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\nunterschrieben\n%%EOF\n"
URL = "admin:fonds_application_paper"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def paper_data(fund, material, **overrides):
    data = form_data(fund, material, **overrides)
    data.pop("form_started", None)
    data.pop("homepage", None)
    data.setdefault("received_on", timezone.localdate().isoformat())
    if "signed_original" not in overrides:
        data["signed_original"] = SimpleUploadedFile(
            "antrag-unterschrieben.pdf", PDF, "application/pdf"
        )
    return {key: value for key, value in data.items() if value is not None}


def post(client, fund, data):
    return client.post(f"{reverse(URL)}?fund={fund.pk}", data)


def test_paper_application_is_entered_and_follows_the_workflow(
    client, fund, material, fonds_staff, django_capture_on_commit_callbacks
):
    client.force_login(fonds_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, fund, paper_data(fund, material))
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:fonds_application_change", args=[application.pk])
    assert application.entered_by_office is True
    assert application.entered_by == fonds_staff
    assert application.status == Application.Status.SUBMITTED
    assert application.reference_number.startswith(f"VF-{fund.year}-")
    assert application.name == "Aylin Kaya"
    assert application.expenses.count() == 1
    original = application.attachments.get()
    assert original.purpose == Attachment.Purpose.SIGNED_ORIGINAL
    assert original.original_name == "antrag-unterschrieben.pdf"
    with original.file.open("rb") as handle:
        assert handle.read() == PDF
    event = application.events.get()
    assert event.event_type == "fonds.application.submitted"
    assert event.actor == fonds_staff
    # The applicant gets the confirmation with the status link; the office no notice.
    assert [message.to for message in mail.outbox] == [["aylin.kaya@example.org"]]
    assert application.token in mail.outbox[0].body
    # Same workflow afterwards: it can be withdrawn like an online one.
    assert application.can_transition_to(Application.Status.IN_REVIEW)


def test_paper_form_shows_fields_and_fund_choice(client, fund, fonds_staff, other_office):
    FundFactory(office=other_office, title="Fremder Fonds")
    client.force_login(fonds_staff)
    page = client.get(reverse(URL)).content.decode()
    assert f'value="{fund.pk}"' in page
    assert "Fremder Fonds" not in page
    page = client.get(reverse(URL), {"fund": fund.pk}).content.decode()
    for name in ("signed_original", "received_on", "name", "requested_amount", "privacy_consent"):
        assert f'name="{name}"' in page
    assert 'name="homepage"' not in page
    assert (
        client.get(reverse("admin:fonds_application_changelist"))
        .content.decode()
        .count(reverse(URL))
        == 1
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"signed_original": None}, "signed_original", "Dieses Feld ist zwingend erforderlich."),
        (
            {"signed_original": SimpleUploadedFile("scan.pdf", b"not a pdf", "application/pdf")},
            "signed_original",
            "keine echte PDF",
        ),
        ({"requested_amount": "5000"}, "requested_amount", "höchstens"),
        ({"privacy_consent": None}, "privacy_consent", "Ohne Ihre Einwilligung"),
        ({"email": "kaputt"}, "email", "gültige E-Mail-Adresse"),
        (
            {"received_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()},
            "received_on",
            "nicht in der Zukunft",
        ),
    ],
)
def test_paper_application_validation(
    client, fund, material, fonds_staff, overrides, field, message
):
    client.force_login(fonds_staff)
    response = post(client, fund, paper_data(fund, material, **overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert not Application.objects.exists()
    assert not Attachment.objects.exists()


def test_paper_application_checks_the_finance_plan(client, fund, material, fonds_staff):
    client.force_login(fonds_staff)
    response = post(client, fund, paper_data(fund, material, **{"incomes-0-amount": "0"}))
    assert response.status_code == 400
    assert response.context["submission"].finance_errors
    assert not Application.objects.exists()


def test_paper_received_before_the_deadline_counts_on_that_day(client, fund, material, fonds_staff):
    """Typed in after the deadline, but it arrived in time: the rules of that day apply."""
    received = timezone.localdate() - datetime.timedelta(days=3)
    data = paper_data(fund, material, received_on=received.isoformat())
    meeting = fund.jury_meetings.get()
    meeting.application_deadline = timezone.localdate() - datetime.timedelta(days=2)
    meeting.save()
    client.force_login(fonds_staff)
    response = post(client, fund, data)
    assert response.status_code == 302
    application = Application.objects.get()
    assert timezone.localtime(application.submitted_at).date() == received
    assert application.jury_meeting == meeting


def test_add_row_returns_the_form(client, fund, material, fonds_staff):
    client.force_login(fonds_staff)
    data = paper_data(fund, material, add_row="expenses")
    response = post(client, fund, data)
    assert response.status_code == 200
    assert response.context["submission"].expenses.total_form_count() == 4
    assert not Application.objects.exists()


def test_paper_application_refused_to_others(
    client, fund, material, other_office, other_fonds_staff, superuser
):
    FundFactory(office=other_office)
    client.force_login(other_fonds_staff)
    assert client.get(reverse(URL), {"fund": fund.pk}).status_code == 404
    response = post(client, fund, paper_data(fund, material))
    assert response.status_code == 404
    assert not Application.objects.exists()
    client.logout()
    assert client.get(reverse(URL)).status_code == 302  # login
    client.force_login(superuser)
    assert client.get(reverse(URL), {"fund": fund.pk}).status_code == 200


def test_paper_application_needs_the_add_permission(client, fund, office):
    from tests.conftest import make_staff

    viewer = make_staff(office, "offices")
    client.force_login(viewer)
    assert client.get(reverse(URL), {"fund": fund.pk}).status_code == 403


def test_paper_application_without_email_gets_its_letters_by_post(
    client, fund, material, fonds_staff, django_capture_on_commit_callbacks
):
    client.force_login(fonds_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, fund, paper_data(fund, material, email=""))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.email == "" and application.street and application.postal_code
    assert mail.outbox == []  # nobody to write to: no confirmation mail
    services.application_start_review(application=application, actor=fonds_staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_reject(
            application=application, actor=fonds_staff, reason_for_applicant="Zu spät."
        )
    letter = application.letters.get()
    assert letter.by_post and letter.letter_kind == "rejection"
    assert mail.outbox == []


def test_the_online_form_still_needs_an_email(client, fund, material):
    response = client.post(fund.get_apply_url(), form_data(fund, material, email=""))
    assert response.status_code == 400
    assert not Application.objects.exists()
    assert "email" in response.context["form"].errors
