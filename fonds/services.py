"""The rules of the fund workflow: every write to an application happens here.

Each function takes keyword-only arguments, works inside one transaction, writes an
ApplicationEvent audit row, and sends its e-mails only after the commit. A failed
e-mail is logged; it never loses or rolls back the application.
"""

import datetime
import logging
import secrets
from collections.abc import Iterable
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import (
    ZERO,
    AgendaItem,
    Application,
    ApplicationEvent,
    Attachment,
    ExpenseLine,
    Fund,
    IncomeLine,
    JuryMeeting,
    Payout,
    Proof,
    ProofPayment,
    ProofPhoto,
    attachment_kind,
    clean_file_name,
    euro,
    proof_photo_kind,
)

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
PRIVACY_VERSION = getattr(settings, "FONDS_PRIVACY_VERSION", "2026-01")


class ApplicationError(Exception):
    """A rule of the fund workflow was broken. `errors` maps form fields to messages."""

    def __init__(self, message: str, *, errors: dict | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


def expense_total(line: ExpenseLine) -> Decimal:
    return (line.quantity * line.unit_price).quantize(CENT)


def finance_totals(
    *, expenses: Iterable[ExpenseLine], incomes: Iterable[IncomeLine], requested: Decimal | None
) -> dict:
    """Totals of a finance plan: costs, income (with the requested amount), own share."""
    total_expenses = sum((expense_total(line) for line in expenses), ZERO)
    incomes = list(incomes)
    own = sum(
        (line.amount for line in incomes if line.kind in IncomeLine.Kind.own_contribution()), ZERO
    )
    other = sum((line.amount for line in incomes), ZERO) - own
    requested = requested or ZERO
    return {
        "expenses": total_expenses,
        "own": own,
        "other": other,
        "requested": requested,
        "income": own + other + requested,
        "difference": total_expenses - (own + other + requested),
    }


def reference_number(fund: Fund, sequence: int) -> str:
    return f"VF-{fund.year}-{fund.office.code}-{sequence:04d}"


def application_submit(
    *,
    fund: Fund,
    application: Application,
    expenses: list[ExpenseLine],
    incomes: list[IncomeLine],
    attachments: Iterable = (),
    submitted_at: datetime.datetime | None = None,
    notify: bool = True,
) -> Application:
    """Save a new application with its finance plan and files in one transaction.

    The fund's row is locked (select_for_update) while the rules are checked against
    the current remaining budget and while the next sequence is taken from the fund's
    counter, so two submissions at the same moment get different reference numbers and
    cannot both spend the last euros. A number is never reused: the counter only grows.
    """
    submitted_at = submitted_at or timezone.now()
    today = timezone.localdate(submitted_at)
    stored_files = []
    try:
        with transaction.atomic():
            fund = (
                Fund.objects.select_for_update(of=("self",))
                .select_related("office")
                .get(pk=fund.pk)
            )
            for line in expenses:
                line.total = expense_total(line)
            totals = finance_totals(
                expenses=expenses, incomes=incomes, requested=application.requested_amount
            )
            errors = fund.check_application(
                requested_amount=application.requested_amount,
                total_expenses=totals["expenses"],
                total_income=totals["income"],
                own_contribution=totals["own"],
                categories=[line.category for line in expenses],
                start_date=application.start_date,
                end_date=application.end_date,
                today=today,
            )
            if errors:
                raise ApplicationError(
                    _("The application does not meet the rules of the fund."), errors=errors
                )

            fund.last_sequence += 1
            fund.save(update_fields=["last_sequence"])

            application.fund = fund
            application.sequence = fund.last_sequence
            application.reference_number = reference_number(fund, fund.last_sequence)
            application.token = secrets.token_urlsafe(32)
            application.status = Application.Status.SUBMITTED
            application.submitted_at = submitted_at
            application.privacy_consent_at = submitted_at
            application.privacy_version = PRIVACY_VERSION
            application.jury_meeting = fund.next_meeting(today)
            application.save()

            for order, line in enumerate(expenses):
                line.application = application
                line.order = order
            ExpenseLine.objects.bulk_create(expenses)
            for order, line in enumerate(incomes):
                line.application = application
                line.order = order
            IncomeLine.objects.bulk_create(incomes)

            for upload in attachments:
                attachment = Attachment(
                    application=application,
                    original_name=clean_file_name(upload.name),
                    kind=attachment_kind(upload),
                    size=upload.size,
                )
                attachment.file.save(upload.name, upload, save=False)
                stored_files.append(attachment.file.name)
                attachment.save()

            ApplicationEvent.objects.create(
                application=application,
                event_type="fonds.application.submitted",
                from_status="",
                to_status=Application.Status.SUBMITTED,
                created_at=submitted_at,
            )
            if notify:
                transaction.on_commit(partial(send_submitted_mails, application.pk))
    except BaseException:
        # The database rolled back; files written meanwhile must not stay behind.
        for name in stored_files:
            Attachment.file.field.storage.delete(name)
        raise
    return application


def application_transition(
    *,
    application: Application,
    to_status: str,
    actor: AbstractBaseUser | None = None,
    comment: str = "",
    approved_amount: Decimal | None = None,
    at: datetime.datetime | None = None,
) -> Application:
    """The one recipe of every status change: lock, check TRANSITIONS, save, audit row."""
    at = at or timezone.now()
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not locked.can_transition_to(to_status):
            raise ApplicationError(
                _("An application in status “%(status)s” cannot change to “%(new)s”.")
                % {
                    "status": locked.get_status_display(),
                    "new": Application.Status(to_status).label,
                }
            )
        from_status = locked.status
        locked.status = to_status
        fields = ["status", "updated_at"]
        if to_status in (Application.Status.APPROVED, Application.Status.REJECTED):
            locked.decided_at = at
            locked.decided_by = actor
            fields += ["decided_at", "decided_by"]
        if to_status == Application.Status.APPROVED:
            locked.approved_amount = (
                approved_amount if approved_amount is not None else locked.requested_amount
            )
            fields.append("approved_amount")
        locked.save(update_fields=fields)
        ApplicationEvent.objects.create(
            application=locked,
            event_type=f"fonds.application.{to_status}",
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            comment=comment,
            created_at=at,
        )
    return locked


def application_withdraw(
    *,
    application: Application,
    actor: AbstractBaseUser | None = None,
    comment: str = "",
    notify: bool = True,
) -> Application:
    """The applicant (actor None) or staff withdraw a submitted or in-review application."""
    with transaction.atomic():
        application = application_transition(
            application=application,
            to_status=Application.Status.WITHDRAWN,
            actor=actor,
            comment=comment,
        )
        if notify:
            transaction.on_commit(partial(send_withdrawn_mails, application.pk))
    return application


# --- E-mail -------------------------------------------------------------------------


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _mail_context(application: Application) -> dict:
    return {
        "application": application,
        "fund": application.fund,
        "office": application.fund.office,
        "portal_name": settings.PORTAL_NAME,
        "status_url": absolute_url(application.get_absolute_url()),
        "admin_url": absolute_url(reverse("admin:fonds_application_change", args=[application.pk])),
        "expenses": list(application.expenses.all()),
        "incomes": list(application.incomes.all()),
        "attachments": list(application.attachments.all()),
        "totals": finance_totals(
            expenses=application.expenses.all(),
            incomes=application.incomes.all(),
            requested=application.requested_amount,
        ),
    }


def _send(event: str, context: dict, recipients: list[str]) -> bool:
    """Render fonds/email/<event>_subject.txt and _body.txt and send; log a failure."""
    recipients = [address for address in recipients if address]
    if not recipients:
        logger.warning("No recipient for the %s e-mail of %s", event, context["application"])
        return False
    try:
        subject = " ".join(render_to_string(f"fonds/email/{event}_subject.txt", context).split())
        body = render_to_string(f"fonds/email/{event}_body.txt", context)
        send_mail(subject, body, None, recipients)
    except Exception:
        logger.exception(
            "The %s e-mail for application %s could not be sent",
            event,
            context["application"].reference_number,
        )
        return False
    return True


def _load(application_id: int) -> Application:
    return (
        Application.objects.select_related("fund__office", "jury_meeting")
        .prefetch_related("expenses__category", "incomes", "attachments")
        .get(pk=application_id)
    )


def send_submitted_mails(application_id: int) -> None:
    """Confirmation to the applicant and a notification to the office (after commit)."""
    with translation.override("de"):
        application = _load(application_id)
        context = _mail_context(application)
        _send("submitted", context, [application.email])
        _send("office_notification", context, [application.fund.notification_email])


def send_withdrawn_mails(application_id: int) -> None:
    with translation.override("de"):
        application = _load(application_id)
        context = _mail_context(application)
        _send("withdrawn", context, [application.email])
        _send("office_withdrawn", context, [application.fund.notification_email])


# --- Review and decision -------------------------------------------------------------

DECISION_MAILS = {Application.Status.APPROVED: "approved", Application.Status.REJECTED: "rejected"}


def decision_mail_draft(
    *,
    application: Application,
    decision: str,
    amount: Decimal | None = None,
    conditions: str = "",
    reason_for_applicant: str = "",
) -> tuple[str, str]:
    """The decision e-mail (subject, body) as the templates write it, for the staff preview.

    `decision` is Application.Status.APPROVED or REJECTED. Staff may edit both texts before
    the decision is sent; the services send what they are given.
    """
    event = DECISION_MAILS[decision]
    with translation.override("de"):
        context = {
            **_mail_context(application),
            "amount": amount,
            "partial": amount is not None and amount < application.requested_amount,
            "conditions": conditions,
            "reason_for_applicant": reason_for_applicant,
        }
        subject = " ".join(render_to_string(f"fonds/email/{event}_subject.txt", context).split())
        body = render_to_string(f"fonds/email/{event}_body.txt", context)
    return subject, body


def send_prepared_mail(*, application_id: int, event: str, subject: str, body: str) -> bool:
    """Send a text staff have already seen (after commit); a failure is logged only."""
    application = Application.objects.only("email", "reference_number").get(pk=application_id)
    if not application.email:
        logger.warning("No recipient for the %s e-mail of %s", event, application)
        return False
    try:
        send_mail(subject, body, None, [application.email])
    except Exception:
        logger.exception(
            "The %s e-mail for application %s could not be sent",
            event,
            application.reference_number,
        )
        return False
    return True


def _queue_decision_mail(application, event, subject, body):
    transaction.on_commit(
        partial(
            send_prepared_mail,
            application_id=application.pk,
            event=event,
            subject=" ".join(subject.split()),
            body=body,
        )
    )


def application_start_review(
    *, application: Application, actor: AbstractBaseUser, comment: str = ""
) -> Application:
    """The office starts checking a submitted application (no e-mail)."""
    return application_transition(
        application=application,
        to_status=Application.Status.IN_REVIEW,
        actor=actor,
        comment=comment,
    )


def _check_can_decide(application: Application, to_status: str) -> Application:
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if not locked.can_transition_to(to_status):
        raise ApplicationError(
            _("An application in status “%(status)s” cannot change to “%(new)s”.")
            % {"status": locked.get_status_display(), "new": Application.Status(to_status).label}
        )
    return locked


def application_approve(
    *,
    application: Application,
    actor: AbstractBaseUser,
    amount: Decimal,
    conditions: str = "",
    reason_for_applicant: str = "",
    internal_reason: str = "",
    mail_subject: str | None = None,
    mail_body: str | None = None,
) -> Application:
    """Approve the whole or a part of the requested amount and e-mail the applicant.

    The fund's row is locked first (the same order as application_submit), then the
    remaining budget is computed inside the lock from the applications themselves: two
    staff approving at the same moment wait for each other and cannot overspend.
    """
    if amount is None or amount <= 0:
        raise ApplicationError(
            _("Please enter the approved amount (more than 0 €)."),
            errors={"amount": [_("Please enter the approved amount (more than 0 €).")]},
        )
    amount = Decimal(amount).quantize(CENT)
    with transaction.atomic():
        Fund.objects.select_for_update().filter(pk=application.fund_id).first()
        locked = _check_can_decide(application, Application.Status.APPROVED)
        if amount > locked.requested_amount:
            message = _("The approved amount cannot be higher than requested (%(requested)s).") % {
                "requested": euro(locked.requested_amount)
            }
            raise ApplicationError(message, errors={"amount": [message]})
        fund = Fund.objects.with_figures().get(pk=locked.fund_id)
        if amount > fund.remaining:
            message = _("Only %(remaining)s are left in the fund.") % {
                "remaining": euro(fund.remaining)
            }
            raise ApplicationError(message, errors={"amount": [message]})
        comment = _("Approved: %(amount)s of %(requested)s.") % {
            "amount": euro(amount),
            "requested": euro(locked.requested_amount),
        }
        if internal_reason:
            comment = f"{comment}\n{internal_reason}"
        locked = application_transition(
            application=locked,
            to_status=Application.Status.APPROVED,
            actor=actor,
            comment=comment,
            approved_amount=amount,
        )
        locked.conditions = conditions
        locked.reason_for_applicant = reason_for_applicant
        locked.internal_reason = internal_reason
        locked.save(update_fields=["conditions", "reason_for_applicant", "internal_reason"])
        if mail_subject is None or mail_body is None:
            draft_subject, draft_body = decision_mail_draft(
                application=locked,
                decision=Application.Status.APPROVED,
                amount=amount,
                conditions=conditions,
                reason_for_applicant=reason_for_applicant,
            )
            mail_subject = draft_subject if mail_subject is None else mail_subject
            mail_body = draft_body if mail_body is None else mail_body
        _queue_decision_mail(locked, "approved", mail_subject, mail_body)
    return locked


def application_reject(
    *,
    application: Application,
    actor: AbstractBaseUser,
    reason_for_applicant: str,
    internal_reason: str = "",
    mail_subject: str | None = None,
    mail_body: str | None = None,
) -> Application:
    """Reject with a reason the applicant reads, and e-mail it."""
    if not (reason_for_applicant or "").strip():
        message = _("Please give the applicant a reason.")
        raise ApplicationError(message, errors={"reason_for_applicant": [message]})
    with transaction.atomic():
        locked = _check_can_decide(application, Application.Status.REJECTED)
        locked = application_transition(
            application=locked,
            to_status=Application.Status.REJECTED,
            actor=actor,
            comment=internal_reason or reason_for_applicant,
        )
        locked.reason_for_applicant = reason_for_applicant
        locked.internal_reason = internal_reason
        locked.save(update_fields=["reason_for_applicant", "internal_reason"])
        if mail_subject is None or mail_body is None:
            draft_subject, draft_body = decision_mail_draft(
                application=locked,
                decision=Application.Status.REJECTED,
                reason_for_applicant=reason_for_applicant,
            )
            mail_subject = draft_subject if mail_subject is None else mail_subject
            mail_body = draft_body if mail_body is None else mail_body
        _queue_decision_mail(locked, "rejected", mail_subject, mail_body)
    return locked


OPEN_STATUSES = (Application.Status.SUBMITTED, Application.Status.IN_REVIEW)


def application_defer(
    *, application: Application, actor: AbstractBaseUser, meeting: JuryMeeting, comment: str = ""
) -> Application:
    """Move an undecided application to a later meeting of its fund (status unchanged).

    Recorded as `fonds.application.deferred`; the applicant gets an e-mail with the new date.
    """
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("jury_meeting")
            .get(pk=application.pk)
        )
        if locked.status not in OPEN_STATUSES:
            raise ApplicationError(
                _("Only an application that has not been decided can be deferred.")
            )
        if meeting is None or meeting.fund_id != locked.fund_id:
            message = _("Please choose a meeting of the same fund.")
            raise ApplicationError(message, errors={"meeting": [message]})
        if locked.jury_meeting and meeting.date <= locked.jury_meeting.date:
            message = _("Please choose a meeting after %(date)s.") % {
                "date": str(locked.jury_meeting)
            }
            raise ApplicationError(message, errors={"meeting": [message]})
        previous = locked.jury_meeting
        locked.jury_meeting = meeting
        locked.save(update_fields=["jury_meeting", "updated_at"])
        if previous is not None:
            AgendaItem.objects.filter(meeting=previous, application=locked).update(
                outcome=AgendaItem.Outcome.DEFER, amount=None
            )
        text = _("Deferred from %(old)s to the meeting on %(new)s.") % {
            "old": str(previous) if previous else "–",
            "new": str(meeting),
        }
        ApplicationEvent.objects.create(
            application=locked,
            event_type="fonds.application.deferred",
            from_status=locked.status,
            to_status=locked.status,
            actor=actor,
            comment=f"{text}\n{comment}" if comment else text,
        )
        transaction.on_commit(partial(send_deferred_mail, locked.pk))
    return locked


def send_deferred_mail(application_id: int) -> None:
    with translation.override("de"):
        application = _load(application_id)
        _send("deferred", _mail_context(application), [application.email])


# --- Jury meetings ---------------------------------------------------------------------


def jury_meeting_build_agenda(*, meeting: JuryMeeting) -> int:
    """Put the meeting's undecided applications on its agenda; returns how many were added.

    These are the open applications assigned to this meeting (received before its
    deadline, or deferred to it) and open applications of the fund received up to the
    deadline without any meeting. Items already there keep their place and their votes;
    new ones are appended in the order the applications came in.
    """
    deadline_end = timezone.make_aware(
        datetime.datetime.combine(
            meeting.application_deadline + datetime.timedelta(days=1), datetime.time.min
        )
    )
    with transaction.atomic():
        JuryMeeting.objects.select_for_update().filter(pk=meeting.pk).first()
        existing = set(meeting.agenda_items.values_list("application_id", flat=True))
        last = max(meeting.agenda_items.values_list("order", flat=True), default=0)
        candidates = (
            Application.objects.filter(fund_id=meeting.fund_id, status__in=OPEN_STATUSES)
            .filter(
                Q(jury_meeting=meeting)
                | Q(jury_meeting__isnull=True, submitted_at__lt=deadline_end)
            )
            .exclude(pk__in=existing)
            .order_by("submitted_at", "pk")
            .values_list("pk", flat=True)
        )
        items = [
            AgendaItem(meeting=meeting, application_id=pk, order=last + number)
            for number, pk in enumerate(candidates, start=1)
        ]
        AgendaItem.objects.bulk_create(items)
    return len(items)


# --- Payouts and proof of use -----------------------------------------------------------

PAYABLE = (Application.Status.APPROVED, Application.Status.PAID)


def _audit(application: Application, verb: str, *, actor=None, comment="", at=None):
    """An audit row for an event that does not change the status."""
    return ApplicationEvent.objects.create(
        application=application,
        event_type=f"fonds.application.{verb}",
        from_status=application.status,
        to_status=application.status,
        actor=actor,
        comment=comment,
        created_at=at or timezone.now(),
    )


def _paid_total(application: Application) -> Decimal:
    return sum((payout.amount for payout in Payout.objects.filter(application=application)), ZERO)


def payout_errors(
    *,
    application: Application,
    amount: Decimal | None,
    paid_on: datetime.date | None,
    is_advance: bool = False,
) -> dict:
    """The payout rules: {field: [messages]}, empty when all is well. The admin form
    shows them next to the fields; the service checks them again under the row lock."""
    errors = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if application.status not in PAYABLE:
        add(
            "application",
            _("Money can only be paid out for approved applications (status: %(status)s).")
            % {"status": application.get_status_display()},
        )
        return errors
    if amount is None or amount <= 0:
        add("amount", _("Please enter an amount of more than 0 €."))
    else:
        already = _paid_total(application)
        if already + amount > application.granted_amount:
            add(
                "amount",
                _(
                    "Together with %(paid)s paid already this is more than the approved "
                    "%(approved)s."
                )
                % {"paid": euro(already), "approved": euro(application.granted_amount)},
            )
    if paid_on is not None and paid_on > timezone.localdate():
        add("paid_on", _("The payout date cannot be in the future."))
    if is_advance and application.proofs.filter(status=Proof.Status.ACCEPTED).exists():
        add("is_advance", _("The proof of use is accepted already: this payout is no advance."))
    return errors


def application_record_payout(
    *,
    application: Application,
    actor: AbstractBaseUser | None,
    amount: Decimal,
    paid_on: datetime.date,
    is_advance: bool = False,
) -> Payout:
    """Record money paid to the applicant of an approved or paid application.

    All payouts together stay within the approved amount. The first payout moves the
    application from approved to paid; when its proof of use has been accepted already
    (payout after the proof, the usual case), the application is completed right away.
    """
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        errors = payout_errors(
            application=locked, amount=amount, paid_on=paid_on, is_advance=is_advance
        )
        if errors:
            first = next(iter(errors.values()))[0]
            raise ApplicationError(first, errors=errors)
        accepted = locked.proofs.filter(status=Proof.Status.ACCEPTED).exists()
        payout = Payout.objects.create(
            application=locked,
            amount=amount,
            paid_on=paid_on,
            is_advance=is_advance,
            recorded_by=actor,
        )
        comment = (
            _("Advance of %(amount)s paid on %(date)s.")
            if is_advance
            else _("%(amount)s paid on %(date)s.")
        ) % {"amount": euro(amount), "date": date_format(paid_on, "SHORT_DATE_FORMAT")}
        if locked.status == Application.Status.APPROVED:
            locked = application_transition(
                application=locked, to_status=Application.Status.PAID, actor=actor, comment=comment
            )
            if accepted:
                application_transition(
                    application=locked,
                    to_status=Application.Status.COMPLETED,
                    actor=actor,
                    comment=_("Paid out after the proof of use was accepted."),
                )
        else:
            _audit(locked, "payout", actor=actor, comment=comment)
    return payout


def _store_file(model, upload, check, stored_files, **fields):
    item = model(
        original_name=clean_file_name(upload.name), kind=check(upload), size=upload.size, **fields
    )
    item.file.save(upload.name, upload, save=False)
    stored_files.append(item.file.name)
    item.save()
    return item


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
    stored_files = []
    try:
        with transaction.atomic():
            locked = Application.objects.select_for_update().get(pk=application.pk)
            if locked.status not in PAYABLE:
                raise ApplicationError(
                    _("A proof of use can only be sent for an approved project.")
                )
            if locked.proofs.filter(status__in=Proof.Status.counting()).exists():
                raise ApplicationError(_("A proof of use for this project has been sent already."))
            if not payments:
                raise ApplicationError(_("Please list at least one payment with its receipt."))
            proof = Proof.objects.create(
                application=locked,
                report=report,
                participants=participants,
                submitted_at=submitted_at,
            )
            for order, payment in enumerate(payments):
                _store_file(
                    ProofPayment,
                    payment["receipt"],
                    attachment_kind,
                    stored_files,
                    proof=proof,
                    order=order,
                    paid_on=payment["paid_on"],
                    payee=payment["payee"],
                    purpose=payment["purpose"],
                    amount=payment["amount"],
                )
            for upload in photos:
                _store_file(ProofPhoto, upload, proof_photo_kind, stored_files, proof=proof)
            spent = sum((payment["amount"] for payment in payments), ZERO)
            _audit(
                locked,
                "proof_submitted",
                comment=_("Proof of use sent: %(count)s payments, %(spent)s.")
                % {"count": len(payments), "spent": euro(spent)},
                at=submitted_at,
            )
            if notify:
                transaction.on_commit(partial(send_proof_mails, proof.pk, "submitted"))
    except BaseException:
        for name in stored_files:
            private_file_storage().delete(name)
        raise
    return proof


def private_file_storage():
    return ProofPayment.file.field.storage


def _lock_submitted_proof(proof: Proof) -> Proof:
    locked = Proof.objects.select_for_update().select_related("application").get(pk=proof.pk)
    if locked.status != Proof.Status.SUBMITTED:
        raise ApplicationError(
            _("This proof of use is not waiting for a review (status: %(status)s).")
            % {"status": locked.get_status_display()}
        )
    return locked


def proof_accept(
    *, proof: Proof, actor: AbstractBaseUser | None, comment: str = "", notify: bool = True
) -> Proof:
    """Accept a proof: the repayment due (paid − spent, if positive) is recorded; a paid
    application is completed, an approved one is completed by its payout."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=proof.application_id)
        locked = _lock_submitted_proof(proof)
        paid = _paid_total(application)
        spent = sum((payment.amount for payment in locked.payments.all()), ZERO)
        locked.status = Proof.Status.ACCEPTED
        locked.reviewed_at = timezone.now()
        locked.reviewed_by = actor
        locked.repayment_due = max(paid - spent, ZERO)
        locked.save(update_fields=["status", "reviewed_at", "reviewed_by", "repayment_due"])
        note = _("Proof of use accepted: %(spent)s spent, %(paid)s paid out.") % {
            "spent": euro(spent),
            "paid": euro(paid),
        }
        if locked.repayment_due:
            note += " " + _("Repayment due: %(amount)s.") % {"amount": euro(locked.repayment_due)}
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
            _audit(application, "proof_accepted", actor=actor, comment=note, at=locked.reviewed_at)
        if notify:
            transaction.on_commit(partial(send_proof_mails, locked.pk, "accepted"))
    return locked


def proof_return(
    *, proof: Proof, actor: AbstractBaseUser | None, note: str, notify: bool = True
) -> Proof:
    """Send a proof back with a note; the applicant sees it and may send a new proof."""
    note = (note or "").strip()
    if not note:
        message = _("Please tell the applicant what to change.")
        raise ApplicationError(message, errors={"note": [message]})
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=proof.application_id)
        locked = _lock_submitted_proof(proof)
        locked.status = Proof.Status.RETURNED
        locked.reviewed_at = timezone.now()
        locked.reviewed_by = actor
        locked.review_note = note
        locked.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_note"])
        _audit(application, "proof_returned", actor=actor, comment=note, at=locked.reviewed_at)
        if notify:
            transaction.on_commit(partial(send_proof_mails, locked.pk, "returned"))
    return locked


def proof_remind(*, application: Application, at: datetime.datetime | None = None) -> bool:
    """E-mail the applicant that the proof of use is overdue, and record it (audit row).
    Returns whether the e-mail was sent."""
    at = at or timezone.now()
    with translation.override("de"):
        application = _load(application.pk)
        context = _mail_context(application)
        context["due_on"] = application.end_date + datetime.timedelta(
            days=settings.FONDS_PROOF_DUE_DAYS
        )
        context["proof_url"] = absolute_url(
            reverse("fonds:proof-create", kwargs={"token": application.token})
        )
        sent = _send("proof_reminder", context, [application.email])
    if sent:
        _audit(
            application,
            "proof_reminder",
            comment=_("Reminder of the overdue proof of use sent."),
            at=at,
        )
    return sent


def send_proof_mails(proof_id: int, event: str) -> None:
    """After commit: the applicant hears about their proof; the office about a new one."""
    with translation.override("de"):
        proof = Proof.objects.with_details().get(pk=proof_id)
        application = _load(proof.application_id)
        context = _mail_context(application)
        context.update(proof=proof, payments=list(proof.payments.all()))
        context["proof_admin_url"] = absolute_url(
            reverse("admin:fonds_proof_change", args=[proof.pk])
        )
        context["proof_url"] = absolute_url(
            reverse("fonds:proof-create", kwargs={"token": application.token})
        )
        _send(f"proof_{event}", context, [application.email])
        if event == "submitted":
            _send("office_proof_submitted", context, [application.fund.notification_email])


# --- Privacy: anonymisation -----------------------------------------------------------

# Blanked by application_anonymise. Kept for the statistics: fund, reference number,
# status, applicant type, project title, target group, participants, dates, amounts.
PERSONAL_FIELDS = (
    "name",
    "organisation",
    "street",
    "postal_code",
    "city",
    "email",
    "phone",
    "description",
    "benefit",
    "place",
    "partners",
    "internal_note",
)
# Texts about the decision that may name people; blanked where the model has them
# (the decision part of the staff workflow adds them).
OPTIONAL_PERSONAL_FIELDS = ("reason_for_applicant", "internal_reason")


def personal_fields() -> list[str]:
    names = {field.name for field in Application._meta.get_fields()}
    return [*PERSONAL_FIELDS, *(name for name in OPTIONAL_PERSONAL_FIELDS if name in names)]


def _delete_files(names: list[str]) -> None:
    storage = Attachment.file.field.storage
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Attachment file %s could not be deleted", name)


def _anonymise_proofs(application: Application) -> list[str]:
    """Proofs of use keep dates and amounts; reports, payees, purposes, notes, receipts and
    photos go. Returns the stored file names to delete after the commit."""
    proofs = Proof.objects.filter(application=application)
    payments = ProofPayment.objects.filter(proof__in=proofs)
    photos = ProofPhoto.objects.filter(proof__in=proofs)
    names = [name for name in payments.values_list("file", flat=True) if name]
    names += [name for name in photos.values_list("file", flat=True) if name]
    proofs.update(report="", review_note="")
    payments.update(payee="", purpose="", file="", original_name="")
    photos.delete()
    return names


def application_anonymise(
    *, application: Application, actor: AbstractBaseUser | None = None
) -> Application:
    """Remove the personal data of an application and keep what the statistics need.

    Personal fields are blanked, free-text descriptions of cost and income items,
    comments of the status history and the internal notes removed, the attachments
    deleted (the files after the commit), and the status link replaced so the old one
    leads nowhere. Titles, target group, dates and amounts stay. An audit row
    `fonds.application.anonymised` records who did it. A second call changes nothing.
    """
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.anonymised_at is not None:
            return locked
        now = timezone.now()
        fields = personal_fields()
        for field in fields:
            setattr(locked, field, "")
        locked.token = secrets.token_urlsafe(32)
        locked.anonymised_at = now
        locked.save(update_fields=[*fields, "token", "anonymised_at", "updated_at"])
        locked.expenses.update(description="")
        locked.incomes.update(description="")
        locked.events.update(comment="")
        locked.notes.all().delete()
        attachments = list(locked.attachments.all())
        names = [attachment.file.name for attachment in attachments if attachment.file]
        locked.attachments.all().delete()
        names += _anonymise_proofs(locked)
        transaction.on_commit(partial(_delete_files, names))
        ApplicationEvent.objects.create(
            application=locked,
            event_type="fonds.application.anonymised",
            from_status=locked.status,
            to_status=locked.status,
            actor=actor,
            comment=_("Personal data removed, %(count)s attachments deleted.")
            % {"count": len(attachments)},
            created_at=now,
        )
    logger.info(
        "Application %s anonymised by %s (%s attachments deleted)",
        locked.reference_number,
        actor or "the retention job",
        len(attachments),
    )
    return locked


# --- Paper applications ----------------------------------------------------------------


def application_enter_on_paper(
    *,
    fund: Fund,
    application: Application,
    expenses: list[ExpenseLine],
    incomes: list[IncomeLine],
    signed_original,
    actor: AbstractBaseUser,
    attachments: Iterable = (),
    received_at: datetime.datetime | None = None,
    notify: bool = True,
) -> Application:
    """Staff type in an application that a resident handed in on paper.

    The same rules as online (`application_submit`, under the fund's lock) apply; the
    signed original is stored as the first attachment (same private storage and
    checks) with the purpose "signed original". The application is marked as entered
    by the office and follows the same workflow. The applicant gets the confirmation
    with the status link when an e-mail address is known.
    """
    if not signed_original:
        raise ApplicationError(
            _("Please upload the signed original."),
            errors={"signed_original": [_("Please upload the signed original.")]},
        )
    if received_at is not None and received_at > timezone.now():
        raise ApplicationError(
            _("The application cannot have been received in the future."),
            errors={"received_on": [_("The date of receipt cannot be in the future.")]},
        )
    application.entered_by_office = True
    application.entered_by = actor
    with transaction.atomic():
        application = application_submit(
            fund=fund,
            application=application,
            expenses=expenses,
            incomes=incomes,
            attachments=[signed_original, *attachments],
            submitted_at=received_at,
            notify=False,
        )
        first = application.attachments.order_by("pk").first()
        Attachment.objects.filter(pk=first.pk).update(purpose=Attachment.Purpose.SIGNED_ORIGINAL)
        application.events.filter(event_type="fonds.application.submitted").update(
            actor=actor, comment=_("Entered by the office from the signed paper application.")
        )
        if notify and application.email:
            transaction.on_commit(partial(send_paper_confirmation, application.pk))
    return application


def send_paper_confirmation(application_id: int) -> None:
    """The applicant's confirmation with the status link (the office entered it itself)."""
    with translation.override("de"):
        application = _load(application_id)
        _send("submitted", _mail_context(application), [application.email])
