"""Payouts: money paid to the applicant of an approved application."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from fonds.models import Application, Payout, Proof
from stadtteilbuero.money import format_euro

from .application import application_transition
from .errors import ApplicationError, message


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

    def add(field, text):
        errors.setdefault(field, []).append(text)

    if application.status not in Application.Status.payable():
        add(
            "application",
            _("Money can only be paid out for approved applications (status: %(status)s).")
            % {"status": application.get_status_display()},
        )
        return errors
    if not application.has_bank_details:
        add("application", _("Please enter the bank details first (account holder and IBAN)."))
    if amount is None or amount <= 0:
        add("amount", message("amount_positive"))
    else:
        already = application.paid_amount
        if already + amount > application.granted_amount:
            add(
                "amount",
                _(
                    "Together with %(paid)s paid already this is more than the approved "
                    "%(approved)s."
                )
                % {
                    "paid": format_euro(already),
                    "approved": format_euro(application.granted_amount),
                },
            )
    if paid_on is not None and paid_on > timezone.localdate():
        add("paid_on", _("The payout date cannot be in the future."))
    if is_advance and application.spent_amount is not None:
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
        locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        errors = payout_errors(
            application=locked, amount=amount, paid_on=paid_on, is_advance=is_advance
        )
        if errors:
            first = next(iter(errors.values()))[0]
            raise ApplicationError(first, errors=errors)
        payout = Payout.objects.create(
            application=locked,
            fund_id=locked.fund_id,
            amount=amount,
            paid_on=paid_on,
            is_advance=is_advance,
            recorded_by=actor,
        )
        comment = (
            _("Advance of %(amount)s paid on %(date)s.")
            if is_advance
            else _("%(amount)s paid on %(date)s.")
        ) % {"amount": format_euro(amount), "date": date_format(paid_on, "SHORT_DATE_FORMAT")}
        if locked.status == Application.Status.APPROVED:
            locked = application_transition(
                application=locked, to_status=Application.Status.PAID, actor=actor, comment=comment
            )
            if locked.proofs.filter(status=Proof.Status.ACCEPTED).exists():
                application_transition(
                    application=locked,
                    to_status=Application.Status.COMPLETED,
                    actor=actor,
                    comment=_("Paid out after the proof of use was accepted."),
                )
        else:
            locked.log("payout", actor=actor, comment=comment)
    return payout
