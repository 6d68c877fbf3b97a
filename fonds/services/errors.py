"""The domain error of the fund workflow and the messages that forms and services share."""

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """A rule of the fund workflow was broken. `errors` maps form fields to messages."""

    def __init__(self, message: str, *, errors: dict | None = None):
        super().__init__(message)
        self.message = str(message)
        self.errors = errors or {}

    @classmethod
    def at(cls, field: str, message) -> "ApplicationError":
        """An error that belongs next to one field of the form."""
        return cls(message, errors={field: [str(message)]})


# Messages said by more than one form or service, in one table (the German text lives in
# the .po file like every other string).
MESSAGES = {
    "status_change": _("An application in status “%(status)s” cannot change to “%(new)s”."),
    "approved_amount_missing": _("Please enter the approved amount (more than 0 €)."),
    "approved_above_requested": _(
        "The approved amount cannot be higher than requested (%(requested)s)."
    ),
    "reason_missing": _("Please give the applicant a reason."),
    "proof_note_missing": _("Please tell the applicant what to change."),
    "received_in_future": _("The date of receipt cannot be in the future."),
    "signed_original_missing": _("Please upload the signed original."),
    "no_payments": _("Please list at least one payment with its receipt."),
    "receipt_missing": _("Please choose the receipt for this payment."),
    "amount_positive": _("Please enter an amount of more than 0 €."),
    "amount_too_large": _("Please enter at most %(max)s."),
    "date_in_future": _("This date cannot be in the future."),
    "not_accepting": _("This fund does not accept applications at the moment."),
}


def message(key: str, **params) -> str:
    text = str(MESSAGES[key])
    return text % params if params else text
