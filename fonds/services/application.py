"""Submitting an application and the one recipe of every status change."""

import datetime
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fonds.models import Application, Attachment, ExpenseLine, Fund, IncomeLine

from .errors import ApplicationError, message
from .files import files_kept_only_on_commit
from .finance import expense_total, finance_totals
from .mail import send_to_applicant_and_office

PRIVACY_VERSION = getattr(settings, "FONDS_PRIVACY_VERSION", "2026-01")


def reference_number(fund: Fund, sequence: int) -> str:
    return f"VF-{fund.year}-{fund.office.code}-{sequence:04d}"


def check_fund_rules(*, fund: Fund, application: Application, expenses, incomes, today) -> dict:
    """The fund's rules for a finance plan and a project: {field: [messages]}."""
    totals = finance_totals(
        expenses=expenses, incomes=incomes, requested=application.requested_amount
    )
    return fund.check_application(
        requested_amount=application.requested_amount,
        total_expenses=totals["expenses"],
        total_income=totals["income"],
        own_contribution=totals["own"],
        categories=[line.category for line in expenses],
        start_date=application.start_date,
        end_date=application.end_date,
        today=today,
    )


def application_submit(
    *,
    fund: Fund,
    application: Application,
    expenses: list[ExpenseLine],
    incomes: list[IncomeLine],
    attachments: Iterable = (),
    submitted_at: datetime.datetime | None = None,
    actor: AbstractBaseUser | None = None,
    comment: str = "",
    notify: bool = True,
) -> Application:
    """Save a new application with its finance plan and files in one transaction, and
    queue the confirmation and the office's notice in the same transaction.

    The fund's row is locked (select_for_update) while the rules are checked against
    the current remaining budget and while the next sequence is taken from the fund's
    counter, so two submissions at the same moment get different reference numbers and
    cannot both spend the last euros. A number is never reused: the counter only grows.
    """
    submitted_at = submitted_at or timezone.now()
    today = timezone.localdate(submitted_at)
    with files_kept_only_on_commit() as stored, transaction.atomic():
        fund = Fund.objects.select_for_update(of=("self",)).select_related("office").get(pk=fund.pk)
        for line in expenses:
            line.total = expense_total(line)
        errors = check_fund_rules(
            fund=fund, application=application, expenses=expenses, incomes=incomes, today=today
        )
        if errors:
            raise ApplicationError(
                _("The application does not meet the rules of the fund."), errors=errors
            )

        fund.last_sequence += 1
        # update(), not save(): the counter is on no public page, and a save would start
        # a new generation of the page cache with every submission (pagecache.py).
        Fund.objects.filter(pk=fund.pk).update(last_sequence=fund.last_sequence)

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
            attachment = Attachment(application=application)
            try:
                attachment.store(upload)
            finally:
                if attachment.file.name:
                    stored.append(attachment.file.name)

        application.log("submitted", from_status="", actor=actor, comment=comment, at=submitted_at)
        if notify:
            send_to_applicant_and_office(application, "submitted", "office_notification")
    return application


def lock_for_transition(application: Application, to_status: str) -> Application:
    """The application's row, locked, if TRANSITIONS allow `to_status`."""
    locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if not locked.can_transition_to(to_status):
        raise ApplicationError(
            message(
                "status_change",
                status=locked.get_status_display(),
                new=Application.Status(to_status).label,
            )
        )
    return locked


def application_transition(
    *,
    application: Application,
    to_status: str,
    actor: AbstractBaseUser | None = None,
    comment: str = "",
    approved_amount=None,
    at: datetime.datetime | None = None,
) -> Application:
    """The one recipe of every status change: lock, check TRANSITIONS, save, audit row."""
    at = at or timezone.now()
    with transaction.atomic():
        locked = lock_for_transition(application, to_status)
        from_status = locked.status
        locked.status = to_status
        fields = ["status", "updated_at"]
        if to_status in (Application.Status.APPROVED, Application.Status.REJECTED):
            locked.decided_at = at
            locked.decided_by = actor
            fields += ["decided_at", "decided_by"]
        if to_status in Application.Status.closed():
            locked.closed_at = at
            fields.append("closed_at")
        if to_status == Application.Status.APPROVED:
            locked.approved_amount = (
                approved_amount if approved_amount is not None else locked.requested_amount
            )
            fields.append("approved_amount")
        locked.save(update_fields=fields)
        locked.log(to_status, from_status=from_status, actor=actor, comment=comment, at=at)
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
            send_to_applicant_and_office(application, "withdrawn", "office_withdrawn")
    return application


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
