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
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import (
    ZERO,
    Application,
    ApplicationEvent,
    Attachment,
    ExpenseLine,
    Fund,
    IncomeLine,
    attachment_kind,
    clean_file_name,
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
