"""Bank details of an approved application and repayments of money not spent."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from fonds.models import Application, Repayment
from stadtteilbuero.money import format_euro

from .errors import ApplicationError, message


def derive_bic(iban: str) -> str:
    """The bank's BIC from the IBAN where schwifty's bank registry knows it, else ''."""
    try:
        bic = IBAN(iban).bic
    except SchwiftyException:
        return ""
    return str(bic) if bic else ""


def application_set_bank_details(
    *,
    application: Application,
    account_holder: str,
    iban: str,
    actor: AbstractBaseUser | None = None,
) -> Application:
    """Store the account for the payout (the applicant on the status page, or staff from a
    paper form). Only for approved or paid applications; the IBAN is checked again here
    and the BIC derived. The history says who gave them, never the account itself."""
    account_holder = (account_holder or "").strip()
    if not account_holder:
        raise ApplicationError.at("account_holder", _("Please enter the account holder."))
    try:
        iban = IBAN(iban).compact
    except (SchwiftyException, TypeError) as error:
        raise ApplicationError.at("iban", _("Please enter a valid IBAN.")) from error
    with transaction.atomic():
        locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        if locked.status not in Application.Status.payable():
            raise ApplicationError(
                _("Bank details are asked for once the application is approved.")
            )
        changed = bool(locked.iban)
        locked.account_holder = account_holder
        locked.iban = iban
        locked.bic = derive_bic(iban)
        locked.bank_details_at = timezone.now()
        locked.save(
            update_fields=["account_holder", "iban", "bic", "bank_details_at", "updated_at"]
        )
        who = _("by the office") if actor is not None else _("by the applicant")
        text = _("Bank details changed %(who)s.") if changed else _("Bank details given %(who)s.")
        locked.log("bank_details", actor=actor, comment=text % {"who": who})
    return locked


def application_book_repayment(
    *,
    application: Application,
    actor: AbstractBaseUser,
    amount: Decimal,
    received_on: datetime.date,
) -> Repayment:
    """Book money the applicant paid back: at most the repayment due (paid out but not
    spent, once the proof of use is accepted). The figures then return it to the budget."""
    if amount is None or amount <= 0:
        raise ApplicationError.at("amount", message("amount_positive"))
    if received_on is None or received_on > timezone.localdate():
        raise ApplicationError.at("received_on", message("date_in_future"))
    with transaction.atomic():
        locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        due = locked.repayment_due
        if not due:
            raise ApplicationError.at(
                "amount", _("No repayment is due for %(ref)s.") % {"ref": locked.reference_number}
            )
        if amount > due:
            raise ApplicationError.at(
                "amount",
                _("Only %(due)s are due; please check the amount.") % {"due": format_euro(due)},
            )
        repayment = Repayment.objects.create(
            application=locked, amount=amount, received_on=received_on, recorded_by=actor
        )
        locked.log(
            "repayment",
            actor=actor,
            comment=_("Repayment of %(amount)s received on %(date)s.")
            % {
                "amount": format_euro(amount),
                "date": date_format(received_on, "SHORT_DATE_FORMAT"),
            },
        )
    return repayment
