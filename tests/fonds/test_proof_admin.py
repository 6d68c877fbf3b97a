"""The admin of payouts and proofs: office boundary, the review form, actions, filter."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from fonds.models import Application, ApplicationEvent, Payout, Proof
from tests.factories import (
    ApplicationFactory,
    FundFactory,
    PayoutFactory,
    ProofFactory,
    ProofPaymentFactory,
    ProofPhotoFactory,
)

pytestmark = pytest.mark.django_db

Status = Application.Status


@pytest.fixture
def approved(fund):
    return ApplicationFactory(
        fund=fund,
        status=Status.APPROVED,
        approved_amount=Decimal("400.00"),
        project_title="Hochbeete am Treff",
    )


@pytest.fixture
def foreign(other_office):
    fund = FundFactory(office=other_office)
    application = ApplicationFactory(
        fund=fund, status=Status.PAID, approved_amount=Decimal("300"), project_title="Fremdes Fest"
    )
    payout = PayoutFactory(application=application, amount=Decimal("300"))
    proof = ProofFactory(application=application)
    return {
        "application": application,
        "payout": payout,
        "proof": proof,
        "proofpayment": ProofPaymentFactory(proof=proof),
        "proofphoto": ProofPhotoFactory(proof=proof),
    }


@pytest.mark.parametrize("model", ["payout", "proof", "proofpayment", "proofphoto"])
def test_office_boundary_of_every_new_model(client, fonds_staff, approved, foreign, model):
    own_proof = ProofFactory(application=approved)
    own = {
        "payout": PayoutFactory(application=approved, amount=Decimal("10")),
        "proof": own_proof,
        "proofpayment": ProofPaymentFactory(proof=own_proof, payee="Eigener Zahlungsempfänger"),
        "proofphoto": ProofPhotoFactory(proof=own_proof, original_name="eigenes-foto.png"),
    }[model]
    client.force_login(fonds_staff)
    changelist = client.get(reverse(f"admin:fonds_{model}_changelist"))
    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count == 1
    assert list(changelist.context["cl"].result_list) == [own]
    foreign_url = reverse(f"admin:fonds_{model}_change", args=[foreign[model].pk])
    assert client.get(foreign_url).status_code == 404
    own_url = reverse(f"admin:fonds_{model}_change", args=[own.pk])
    assert client.get(own_url).status_code == 200


def test_superuser_sees_all_payouts(client, superuser, approved, foreign):
    PayoutFactory(application=approved, amount=Decimal("10"))
    client.force_login(superuser)
    changelist = client.get(reverse("admin:fonds_payout_changelist"))
    assert changelist.context["cl"].result_count == 2


def payout_post(application, **overrides):
    data = {
        "application": str(application.pk),
        "amount": "150.00",
        "paid_on": timezone.localdate().isoformat(),
        "is_advance": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_record_payout_in_admin_goes_through_the_service(client, fonds_staff, approved):
    client.force_login(fonds_staff)
    response = client.post(reverse("admin:fonds_payout_add"), payout_post(approved))
    assert response.status_code == 302
    payout = Payout.objects.get()
    assert payout.recorded_by == fonds_staff and payout.is_advance
    approved.refresh_from_db()
    assert approved.status == Status.PAID
    assert ApplicationEvent.objects.filter(
        application=approved, event_type="fonds.application.paid", actor=fonds_staff
    ).exists()
    # Recorded payouts are not edited afterwards.
    change = client.get(reverse("admin:fonds_payout_change", args=[payout.pk]))
    assert 'name="amount"' not in change.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"amount": "400.01"}, "mehr als die bewilligten 400,00 €"),
        ({"amount": "0"}, "Bitte geben Sie einen Betrag von mehr als 0 € an."),
        (
            {"paid_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()},
            "Das Auszahlungsdatum darf nicht in der Zukunft liegen.",
        ),
    ],
)
def test_payout_rules_shown_in_admin_form(client, fonds_staff, approved, overrides, message):
    client.force_login(fonds_staff)
    response = client.post(reverse("admin:fonds_payout_add"), payout_post(approved, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Payout.objects.exists()


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.REJECTED])
def test_payout_admin_offers_only_payable_applications(client, fonds_staff, fund, status):
    application = ApplicationFactory(fund=fund, status=status)
    client.force_login(fonds_staff)
    response = client.post(reverse("admin:fonds_payout_add"), payout_post(application))
    assert response.status_code == 200
    assert not Payout.objects.exists()


def test_payout_for_foreign_application_refused(client, fonds_staff, foreign):
    client.force_login(fonds_staff)
    application = foreign["application"]
    application.status = Status.APPROVED
    application.save()
    response = client.post(
        reverse("admin:fonds_payout_add"), payout_post(application, amount="1", is_advance=None)
    )
    assert response.status_code == 200
    assert Payout.objects.count() == 1  # only the foreign office's own


def review_post(decision, note=""):
    data = {"decision": decision, "note": note}
    for prefix in ("payments", "photos"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data


@pytest.fixture
def submitted(approved, fonds_staff):
    from fonds import services

    services.application_record_payout(
        application=approved, actor=fonds_staff, amount=Decimal("400"), paid_on=timezone.localdate()
    )
    proof = ProofFactory(application=approved)
    ProofPaymentFactory(proof=proof, amount=Decimal("350.00"), payee="Gärtnerei Blum")
    return proof


def test_proof_change_page_shows_payments_downloads_and_repayment(client, fonds_staff, submitted):
    client.force_login(fonds_staff)
    page = client.get(reverse("admin:fonds_proof_change", args=[submitted.pk])).content.decode()
    payment = submitted.payments.get()
    assert "Gärtnerei Blum" in page
    assert payment.get_download_url() in page
    assert "50,00 €" in page  # repayment due if accepted now
    assert 'name="decision"' in page


def test_accept_in_admin_completes_with_mail(
    client, fonds_staff, submitted, django_capture_on_commit_callbacks
):
    client.force_login(fonds_staff)
    url = reverse("admin:fonds_proof_change", args=[submitted.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, review_post("accept", "Sauber dokumentiert."))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Proof.Status.ACCEPTED
    assert submitted.application.repayment_due == Decimal("50.00")
    assert submitted.application.status == Status.COMPLETED
    event = ApplicationEvent.objects.get(event_type="fonds.application.completed")
    assert event.actor == fonds_staff and "Sauber dokumentiert." in event.comment
    assert len(mail.outbox) == 1 and "50,00" in mail.outbox[0].body
    # Reviewed: the decision field is gone.
    assert 'name="decision"' not in client.get(url).content.decode()


def test_return_in_admin_needs_a_note(
    client, fonds_staff, submitted, django_capture_on_commit_callbacks
):
    client.force_login(fonds_staff)
    url = reverse("admin:fonds_proof_change", args=[submitted.pk])
    response = client.post(url, review_post("return"))
    assert response.status_code == 200
    assert "Bitte schreiben Sie der antragstellenden Person, was sie ändern soll." in (
        response.content.decode()
    )
    submitted.refresh_from_db()
    assert submitted.status == Proof.Status.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, review_post("return", "Der Beleg fehlt."))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Proof.Status.RETURNED
    assert submitted.review_note == "Der Beleg fehlt."
    assert ApplicationEvent.objects.filter(
        event_type="fonds.application.proof_returned", comment="Der Beleg fehlt."
    ).exists()
    assert len(mail.outbox) == 1


def test_saving_without_decision_changes_nothing(client, fonds_staff, submitted):
    client.force_login(fonds_staff)
    url = reverse("admin:fonds_proof_change", args=[submitted.pk])
    assert client.post(url, review_post("")).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Proof.Status.SUBMITTED


def test_accept_action(client, fonds_staff, submitted, foreign):
    client.force_login(fonds_staff)
    response = client.post(
        reverse("admin:fonds_proof_changelist"),
        {"action": "accept_proofs", "_selected_action": [submitted.pk, foreign["proof"].pk]},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    foreign["proof"].refresh_from_db()
    assert submitted.status == Proof.Status.ACCEPTED
    assert foreign["proof"].status == Proof.Status.SUBMITTED  # other office: untouched


def test_pay_out_rest_action(client, fonds_staff, approved, fund):
    submitted_application = ApplicationFactory(fund=fund, status=Status.SUBMITTED)
    PayoutFactory(application=approved, amount=Decimal("100"))
    client.force_login(fonds_staff)
    response = client.post(
        reverse("admin:fonds_application_changelist"),
        {"action": "pay_out_rest", "_selected_action": [approved.pk, submitted_application.pk]},
    )
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == Status.PAID
    assert sorted(p.amount for p in approved.payouts.all()) == [Decimal("100"), Decimal("300")]
    assert not submitted_application.payouts.exists()


def test_application_change_page_shows_payouts_and_proofs(client, fonds_staff, submitted):
    client.force_login(fonds_staff)
    url = reverse("admin:fonds_application_change", args=[submitted.application.pk])
    page = client.get(url).content.decode()
    assert "400,00" in page  # the payout inline
    assert reverse("admin:fonds_proof_change", args=[submitted.pk]) in page


def test_proof_overdue_filter(client, fonds_staff, fund, settings):
    settings.FONDS_PROOF_DUE_DAYS = 30
    today = timezone.localdate()
    late = ApplicationFactory(
        fund=fund,
        status=Status.PAID,
        project_title="Überfälliges Fest",
        start_date=today - datetime.timedelta(days=40),
        end_date=today - datetime.timedelta(days=31),
    )
    ApplicationFactory(
        fund=fund,
        status=Status.PAID,
        project_title="Gerade beendet",
        start_date=today - datetime.timedelta(days=40),
        end_date=today - datetime.timedelta(days=30),
    )
    client.force_login(fonds_staff)
    response = client.get(reverse("admin:fonds_application_changelist"), {"proof": "overdue"})
    assert list(response.context["cl"].result_list) == [late]
