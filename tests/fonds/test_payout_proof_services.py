"""Payouts, proof of use, repayment due and the paid figure: the rules in fonds/services.py."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import timezone
from PIL import Image

from fonds import services
from fonds.models import Application, ApplicationEvent, Fund, Payout, Proof, ProofPayment
from stadtteilbuero.models import OutgoingMail
from tests.factories import (
    RECEIPT_PDF,
    ApplicationFactory,
    FundFactory,
    PayoutFactory,
    ProofFactory,
    ProofPaymentFactory,
)

pytestmark = pytest.mark.django_db

Status = Application.Status
TODAY = timezone.localdate


def png(name="foto.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "#00594f").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue())


def receipt(name="rechnung.pdf", data=RECEIPT_PDF):
    return SimpleUploadedFile(name, data)


def payment(amount="300.00", **overrides):
    data = {
        "paid_on": datetime.date(2026, 6, 1),
        "payee": "Getränke Nord GmbH",
        "purpose": "Bierzeltgarnituren",
        "amount": Decimal(amount),
        "receipt": receipt(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def approved(fund):
    return ApplicationFactory(
        fund=fund, status=Status.APPROVED, approved_amount=Decimal("400.00"), email="a@example.org"
    )


def events(application, event_type):
    return ApplicationEvent.objects.filter(application=application, event_type=event_type)


# --- Payouts ----------------------------------------------------------------------------


def test_first_payout_moves_approved_to_paid_with_audit_row(approved, fonds_staff):
    payout = services.application_record_payout(
        application=approved,
        actor=fonds_staff,
        amount=Decimal("150.00"),
        paid_on=TODAY(),
        is_advance=True,
    )
    approved.refresh_from_db()
    assert approved.status == Status.PAID
    assert payout.is_advance and payout.recorded_by == fonds_staff
    event = events(approved, "fonds.application.paid").get()
    assert (event.from_status, event.to_status, event.actor) == ("approved", "paid", fonds_staff)
    assert "150,00" in event.comment


def test_second_payout_keeps_paid_and_writes_payout_row(approved, fonds_staff):
    for amount in ("150.00", "250.00"):
        services.application_record_payout(
            application=approved, actor=fonds_staff, amount=Decimal(amount), paid_on=TODAY()
        )
    approved.refresh_from_db()
    assert approved.status == Status.PAID
    assert events(approved, "fonds.application.payout").count() == 1
    assert sum(p.amount for p in approved.payouts.all()) == Decimal("400.00")


def test_payouts_never_exceed_the_approved_amount(approved, fonds_staff):
    services.application_record_payout(
        application=approved, actor=fonds_staff, amount=Decimal("300.00"), paid_on=TODAY()
    )
    with pytest.raises(services.ApplicationError) as error:
        services.application_record_payout(
            application=approved, actor=fonds_staff, amount=Decimal("100.01"), paid_on=TODAY()
        )
    assert "mehr als die bewilligten 400,00 €" in error.value.errors["amount"][0]
    assert Payout.objects.count() == 1


@pytest.mark.parametrize(
    "status",
    [Status.SUBMITTED, Status.IN_REVIEW, Status.REJECTED, Status.WITHDRAWN, Status.COMPLETED],
)
def test_payout_refused_unless_approved_or_paid(fund, fonds_staff, status):
    application = ApplicationFactory(fund=fund, status=status)
    with pytest.raises(services.ApplicationError):
        services.application_record_payout(
            application=application, actor=fonds_staff, amount=Decimal("10"), paid_on=TODAY()
        )
    assert not Payout.objects.exists()
    application.refresh_from_db()
    assert application.status == status


@pytest.mark.parametrize(
    ("amount", "paid_on", "field"),
    [
        (Decimal("0"), TODAY(), "amount"),
        (Decimal("-5"), TODAY(), "amount"),
        (Decimal("10"), TODAY() + datetime.timedelta(days=1), "paid_on"),
    ],
)
def test_payout_amount_and_date_checked(approved, fonds_staff, amount, paid_on, field):
    with pytest.raises(services.ApplicationError) as error:
        services.application_record_payout(
            application=approved, actor=fonds_staff, amount=amount, paid_on=paid_on
        )
    assert field in error.value.errors


def test_payout_constraint_refuses_zero_amount(approved):
    with pytest.raises(IntegrityError):
        Payout.objects.create(application=approved, amount=Decimal("0"), paid_on=TODAY())


# --- The paid figure --------------------------------------------------------------------


def test_with_figures_sums_paid_without_multiplying_approved(office, fonds_staff):
    fund = FundFactory(office=office, budget=Decimal("5000.00"))
    first = ApplicationFactory(fund=fund, status=Status.APPROVED, approved_amount=Decimal("400"))
    second = ApplicationFactory(fund=fund, status=Status.APPROVED, approved_amount=Decimal("600"))
    ApplicationFactory(fund=fund, status=Status.SUBMITTED, requested_amount=Decimal("900"))
    for amount in ("100", "200", "100"):
        services.application_record_payout(
            application=first, actor=fonds_staff, amount=Decimal(amount), paid_on=TODAY()
        )
    services.application_record_payout(
        application=second, actor=fonds_staff, amount=Decimal("50"), paid_on=TODAY()
    )
    other = FundFactory(budget=Decimal("1000"))  # another office's fund: no payouts
    figures = {f.pk: f for f in Fund.objects.with_figures()}
    assert figures[fund.pk].figures.approved == Decimal("1000.00")
    assert figures[fund.pk].figures.paid == Decimal("450.00")
    assert figures[other.pk].figures.paid == Decimal("0.00")
    assert Fund.objects.get(pk=fund.pk).figures.paid == Decimal("450.00")


# --- Proof of use -----------------------------------------------------------------------


def test_proof_submit_saves_everything_audits_and_mails(
    approved, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proof = services.proof_submit(
            application=approved,
            report="Es war ein schönes Fest.",
            participants=85,
            payments=[payment("250.00"), payment("100.50", payee="Druckerei Hansen")],
            photos=[png()],
        )
    assert proof.status == Proof.Status.SUBMITTED
    assert [p.amount for p in proof.payments.order_by("order")] == [
        Decimal("250.00"),
        Decimal("100.50"),
    ]
    assert proof.photos.get().kind == "png"
    assert all(p.file.name.startswith("fonds/proofs/") for p in proof.payments.all())
    assert events(approved, "fonds.application.proof_submitted").count() == 1
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(["a@example.org", approved.fund.notification_email])
    applicant_mail = next(m for m in mail.outbox if m.to == ["a@example.org"])
    assert "Verwendungsnachweis" in applicant_mail.subject
    assert "350,50" in applicant_mail.body


def test_proof_submit_rolls_back_and_deletes_files_on_bad_photo(approved, settings):
    with pytest.raises(Exception):  # noqa: B017 - the photo check raises a ValidationError
        services.proof_submit(
            application=approved,
            report="Bericht",
            participants=10,
            payments=[payment()],
            photos=[SimpleUploadedFile("foto.png", b"not an image")],
        )
    assert not Proof.objects.exists() and not ProofPayment.objects.exists()
    stored = list((settings.PRIVATE_MEDIA_ROOT).rglob("*.*"))
    assert stored == []


def test_proof_mail_failure_waits_in_the_queue_not_rolled_back(
    approved, django_capture_on_commit_callbacks, mail_server_down
):
    with django_capture_on_commit_callbacks(execute=True):
        services.proof_submit(
            application=approved, report="Bericht", participants=10, payments=[payment()]
        )
    assert Proof.objects.count() == 1
    waiting = OutgoingMail.objects.about(approved).filter(status=OutgoingMail.Status.WAITING)
    assert waiting.count() == 2  # the applicant's confirmation and the office's notice
    assert all(mail.last_error for mail in waiting)


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.REJECTED, Status.COMPLETED])
def test_proof_refused_for_other_statuses(fund, status):
    application = ApplicationFactory(fund=fund, status=status)
    with pytest.raises(services.ApplicationError):
        services.proof_submit(
            application=application, report="x", participants=1, payments=[payment()]
        )


def test_only_one_open_proof(approved):
    services.proof_submit(application=approved, report="x", participants=1, payments=[payment()])
    with pytest.raises(services.ApplicationError):
        services.proof_submit(
            application=approved, report="y", participants=1, payments=[payment()]
        )
    with pytest.raises(services.ApplicationError):
        services.proof_submit(application=approved, report="y", participants=1, payments=[])


def submitted_proof(application, spent="300.00"):
    proof = ProofFactory(application=application)
    ProofPaymentFactory(proof=proof, amount=Decimal(spent))
    return proof


@pytest.mark.parametrize(
    ("paid", "spent", "due"),
    [("400.00", "300.00", "100.00"), ("400.00", "450.00", "0.00"), ("400.00", "400.00", "0.00")],
)
def test_accept_after_payout_completes_and_records_repayment(
    approved, fonds_staff, django_capture_on_commit_callbacks, paid, spent, due
):
    services.application_record_payout(
        application=approved, actor=fonds_staff, amount=Decimal(paid), paid_on=TODAY()
    )
    proof = submitted_proof(approved, spent)
    with django_capture_on_commit_callbacks(execute=True):
        proof = services.proof_accept(proof=proof, actor=fonds_staff, comment="Alles gut.")
    approved.refresh_from_db()
    assert approved.status == Status.COMPLETED
    assert proof.status == Proof.Status.ACCEPTED and proof.reviewed_by == fonds_staff
    assert approved.repayment_due == Decimal(due)
    assert approved.spent_amount == min(Decimal(spent), approved.granted_amount)
    event = events(approved, "fonds.application.completed").get()
    assert (event.from_status, event.to_status) == ("paid", "completed")
    assert "Alles gut." in event.comment
    assert (f"Rückzahlung fällig: {Decimal(due):.2f} €".replace(".", ",") in event.comment) == (
        Decimal(due) > 0
    )
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert ("zurück" in mail.outbox[0].body) == (Decimal(due) > 0)


def test_accept_before_payout_then_payout_completes(approved, fonds_staff):
    proof = submitted_proof(approved, "380.00")
    services.proof_accept(proof=proof, actor=fonds_staff)
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED
    assert events(approved, "fonds.application.proof_accepted").count() == 1
    with pytest.raises(services.ApplicationError):  # an advance after the proof makes no sense
        services.application_record_payout(
            application=approved,
            actor=fonds_staff,
            amount=Decimal("380"),
            paid_on=TODAY(),
            is_advance=True,
        )
    services.application_record_payout(
        application=approved, actor=fonds_staff, amount=Decimal("380"), paid_on=TODAY()
    )
    approved.refresh_from_db()
    assert approved.status == Status.COMPLETED
    assert [e.to_status for e in approved.events.order_by("created_at", "pk")][-2:] == [
        "paid",
        "completed",
    ]


def test_return_needs_a_note_then_applicant_may_submit_again(
    approved, fonds_staff, django_capture_on_commit_callbacks
):
    proof = submitted_proof(approved)
    with pytest.raises(services.ApplicationError):
        services.proof_return(proof=proof, actor=fonds_staff, note="  ")
    with django_capture_on_commit_callbacks(execute=True):
        proof = services.proof_return(
            proof=proof, actor=fonds_staff, note="Bitte den Beleg der Druckerei nachreichen."
        )
    assert proof.status == Proof.Status.RETURNED
    event = events(approved, "fonds.application.proof_returned").get()
    assert event.comment == "Bitte den Beleg der Druckerei nachreichen."
    assert event.actor == fonds_staff
    assert len(mail.outbox) == 1
    assert "Bitte den Beleg der Druckerei nachreichen." in mail.outbox[0].body
    assert "/nachweis/" in mail.outbox[0].body
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED
    again = services.proof_submit(
        application=approved, report="neu", participants=5, payments=[payment()]
    )
    assert again.status == Proof.Status.SUBMITTED


@pytest.mark.parametrize("status", [Proof.Status.ACCEPTED, Proof.Status.RETURNED])
def test_reviewed_proof_cannot_be_reviewed_again(approved, fonds_staff, status):
    proof = ProofFactory(application=approved, status=status)
    with pytest.raises(services.ApplicationError):
        services.proof_accept(proof=proof, actor=fonds_staff)
    with pytest.raises(services.ApplicationError):
        services.proof_return(proof=proof, actor=fonds_staff, note="x")


def test_one_open_proof_constraint(approved):
    ProofFactory(application=approved)
    with pytest.raises(IntegrityError):
        ProofFactory(application=approved, status=Proof.Status.ACCEPTED)


def test_payout_factory_paid_figure(fund):
    PayoutFactory(application=ApplicationFactory(fund=fund, status=Status.PAID))
    assert Fund.objects.with_figures().get(pk=fund.pk).figures.paid == Decimal("500.00")
