"""Paper applications that office staff type in."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fonds.models import Application, Attachment, ExpenseLine, Fund, IncomeLine

from .application import application_submit
from .errors import ApplicationError, message
from .mail import send_mail_about


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
        raise ApplicationError.at("signed_original", message("signed_original_missing"))
    if received_at is not None and received_at > timezone.now():
        raise ApplicationError.at("received_on", message("received_in_future"))
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
            actor=actor,
            comment=_("Entered by the office from the signed paper application."),
            notify=False,
        )
        first = application.attachments.order_by("pk").first()
        Attachment.objects.filter(pk=first.pk).update(purpose=Attachment.Purpose.SIGNED_ORIGINAL)
        if notify and application.email:
            send_mail_about(application, "submitted")
    return application
