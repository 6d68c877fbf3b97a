"""The proof of use: the applicant sends it, staff accept it or send it back, and the
applicant is reminded when it is overdue."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fonds.models import ZERO, Application, Proof, ProofPayment, ProofPhoto
from stadtteilbuero.money import format_euro

from .application import application_transition
from .errors import ApplicationError, message
from .files import delete_files_after_commit, files_kept_only_on_commit
from .mail import absolute_url, mail_context, proof_url, send_mail_about


def proof_submit(
    *,
    application: Application,
    report: str,
    participants: int,
    payments: list[dict],
    photos: Iterable = (),
    submitted_at: datetime.datetime | None = None,
    notify: bool = True,
) -> Proof:
    """Save the applicant's proof of use with its payments, receipts and photos at once.

    `payments` are dicts with paid_on, payee, purpose, amount and receipt (an upload).
    Only for approved or paid applications without a proof waiting or accepted.
    """
    submitted_at = submitted_at or timezone.now()
    with files_kept_only_on_commit() as stored, transaction.atomic():
        locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        if locked.status not in Application.Status.payable():
            raise ApplicationError(_("A proof of use can only be sent for an approved project."))
        if locked.proofs.filter(status__in=Proof.Status.counting()).exists():
            raise ApplicationError(_("A proof of use for this project has been sent already."))
        if not payments:
            raise ApplicationError(message("no_payments"))
        proof = Proof.objects.create(
            application=locked, report=report, participants=participants, submitted_at=submitted_at
        )
        files = [
            (
                ProofPayment(
                    proof=proof,
                    order=order,
                    paid_on=payment["paid_on"],
                    payee=payment["payee"],
                    purpose=payment["purpose"],
                    amount=payment["amount"],
                ),
                payment["receipt"],
                False,
            )
            for order, payment in enumerate(payments)
        ]
        files += [(ProofPhoto(proof=proof), upload, True) for upload in photos]
        _store_rows(files, stored)
        spent = sum((payment["amount"] for payment in payments), ZERO)
        locked.log(
            "proof_submitted",
            comment=ngettext(
                "Proof of use sent: %(count)s payment, %(spent)s.",
                "Proof of use sent: %(count)s payments, %(spent)s.",
                len(payments),
            )
            % {"count": len(payments), "spent": format_euro(spent)},
            at=submitted_at,
        )
        if notify:
            _send_proof_mails(locked, proof, "submitted")
    return proof


def _store_rows(rows, stored):
    for row, upload, images_only in rows:
        try:
            row.store(upload, images_only=images_only)
        finally:
            if row.file.name:
                stored.append(row.file.name)


PAYMENT_FIELDS = ("paid_on", "payee", "purpose", "amount")


def _payment_changes(old: ProofPayment, new: dict) -> list[str]:
    """What changed on a kept payment, in words for the history."""
    changes = []
    if old.amount != new["amount"]:
        changes.append(f"{format_euro(old.amount)} → {format_euro(new['amount'])}")
    if (old.paid_on, old.payee, old.purpose) != (new["paid_on"], new["payee"], new["purpose"]):
        changes.append(_("date, payee or purpose"))
    if new.get("receipt"):
        changes.append(_("new receipt"))
    return changes


def proof_correct(
    *,
    proof: Proof,
    report: str,
    participants: int,
    payments: list[dict],
    photos: Iterable = (),
    notify: bool = True,
) -> Proof:
    """The applicant corrects a proof that was sent back, which is then checked again.

    Entries and files stay unless removed: `payments` are the rows to keep or add, each
    with `payment` (a kept ProofPayment of this proof, or None for a new row) and a
    `receipt` (required for new rows; for a kept row it replaces the old file). Rows of
    the proof not listed are removed. The history says what changed.
    """
    if not payments:
        raise ApplicationError(message("no_payments"))
    with files_kept_only_on_commit() as stored, transaction.atomic():
        locked_application = Application.objects.select_for_update(of=("self",)).get(
            pk=proof.application_id
        )
        locked = Proof.objects.select_for_update(of=("self",)).get(pk=proof.pk)
        latest = locked_application.proofs.order_by("-submitted_at", "-pk").first()
        if locked.status != Proof.Status.RETURNED or latest.pk != locked.pk:
            raise ApplicationError(_("Only the proof of use that was sent back can be corrected."))
        if locked_application.status not in Application.Status.payable():
            raise ApplicationError(_("A proof of use can only be sent for an approved project."))
        existing = {payment.pk: payment for payment in locked.payments.all()}
        changes, old_files, new_rows = [], [], []
        if report != locked.report:
            changes.append(_("report changed"))
        if participants != locked.participants:
            changes.append(
                _("participants %(old)s → %(new)s")
                % {"old": locked.participants, "new": participants}
            )
        kept_ids = set()
        for order, data in enumerate(payments):
            payment = data.get("payment")
            if payment is not None and payment.pk in existing:
                row = existing[payment.pk]
                kept_ids.add(row.pk)
                if details := _payment_changes(row, data):
                    changes.append(f"{row.payee}: {', '.join(details)}")
                for name in PAYMENT_FIELDS:
                    setattr(row, name, data[name])
                row.order = order
                if data.get("receipt"):
                    old_files.append(row.file.name)
                    new_rows.append((row, data["receipt"], False))
                else:
                    row.save()
            else:
                if not data.get("receipt"):
                    raise ApplicationError(message("receipt_missing"))
                fields = {name: data[name] for name in PAYMENT_FIELDS}
                new = ProofPayment(proof=locked, order=order, **fields)
                new_rows.append((new, data["receipt"], False))
                changes.append(_("payment added: %(payee)s") % {"payee": data["payee"]})
        removed = [row for pk, row in existing.items() if pk not in kept_ids]
        for row in removed:
            changes.append(_("payment removed: %(payee)s") % {"payee": row.payee})
            old_files.append(row.file.name)
            row.delete()
        new_rows += [(ProofPhoto(proof=locked), upload, True) for upload in photos]
        if photos:
            changes.append(_("photos added"))
        _store_rows(new_rows, stored)
        delete_files_after_commit(old_files)
        locked.report = report
        locked.participants = participants
        locked.status = Proof.Status.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.reviewed_at = None
        locked.reviewed_by = None
        locked.save()
        locked_application.log(
            "proof_corrected",
            comment=_("Proof of use corrected: %(changes)s.")
            % {"changes": "; ".join(changes) or _("nothing changed")},
            at=locked.submitted_at,
        )
        if notify:
            _send_proof_mails(locked_application, locked, "submitted")
    return locked


def _lock_submitted_proof(proof: Proof) -> Proof:
    locked = Proof.objects.select_for_update(of=("self",)).get(pk=proof.pk)
    if locked.status != Proof.Status.SUBMITTED:
        raise ApplicationError(
            _("This proof of use is not waiting for a review (status: %(status)s).")
            % {"status": locked.get_status_display()}
        )
    return locked


def proof_accept(
    *, proof: Proof, actor: AbstractBaseUser | None, comment: str = "", notify: bool = True
) -> Proof:
    """Accept a proof: the spent part of the granted money is recorded on the application
    (the rest goes back into the budget; paid − spent is due for repayment); a paid
    application is completed, an approved one is completed by its payout."""
    with transaction.atomic():
        application = Application.objects.select_for_update(of=("self",)).get(
            pk=proof.application_id
        )
        locked = _lock_submitted_proof(proof)
        spent = sum((payment.amount for payment in locked.payments.all()), ZERO)
        locked.status = Proof.Status.ACCEPTED
        locked.reviewed_at = timezone.now()
        locked.reviewed_by = actor
        locked.save(update_fields=["status", "reviewed_at", "reviewed_by"])
        application.spent_amount = min(spent, application.granted_amount)
        application.save(update_fields=["spent_amount", "updated_at"])
        note = _("Proof of use accepted: %(spent)s spent, %(paid)s paid out.") % {
            "spent": format_euro(spent),
            "paid": format_euro(application.paid_amount),
        }
        if application.repayment_due:
            note += " " + _("Repayment due: %(amount)s.") % {
                "amount": format_euro(application.repayment_due)
            }
        if comment:
            note += "\n" + comment
        if application.status == Application.Status.PAID:
            application_transition(
                application=application,
                to_status=Application.Status.COMPLETED,
                actor=actor,
                comment=note,
                at=locked.reviewed_at,
            )
        else:
            application.log("proof_accepted", actor=actor, comment=note, at=locked.reviewed_at)
        if notify:
            _send_proof_mails(application, locked, "accepted")
    return locked


def proof_return(
    *, proof: Proof, actor: AbstractBaseUser | None, note: str, notify: bool = True
) -> Proof:
    """Send a proof back with a note; the applicant sees it and may send a new proof."""
    note = (note or "").strip()
    if not note:
        raise ApplicationError.at("note", message("proof_note_missing"))
    with transaction.atomic():
        application = Application.objects.select_for_update(of=("self",)).get(
            pk=proof.application_id
        )
        locked = _lock_submitted_proof(proof)
        locked.status = Proof.Status.RETURNED
        locked.reviewed_at = timezone.now()
        locked.reviewed_by = actor
        locked.review_note = note
        locked.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_note"])
        application.log("proof_returned", actor=actor, comment=note, at=locked.reviewed_at)
        if notify:
            _send_proof_mails(application, locked, "returned")
    return locked


def proof_remind(*, application: Application, at: datetime.datetime | None = None) -> bool:
    """Queue the reminder that the proof of use is overdue, and record it (audit row).
    Returns whether a mail was queued (the applicant has an address)."""
    with transaction.atomic():
        queued = send_mail_about(
            application,
            "proof_reminder",
            context=mail_context(application, proof_url=proof_url(application)),
        )
        if queued is not None:
            application.log(
                "proof_reminder",
                comment=_("Reminder of the overdue proof of use sent."),
                at=at or timezone.now(),
            )
    return queued is not None


def _send_proof_mails(application: Application, proof: Proof, event: str) -> None:
    """The applicant hears about their proof; the office about a new one."""
    proof = Proof.objects.with_details().get(pk=proof.pk)
    context = mail_context(
        application,
        proof=proof,
        payments=list(proof.payments.all()),
        proof_admin_url=absolute_url(reverse("admin:fonds_proof_change", args=[proof.pk])),
        proof_url=proof_url(application),
    )
    send_mail_about(application, f"proof_{event}", context=context)
    if event == "submitted":
        send_mail_about(application, "office_proof_submitted", to_office=True, context=context)
