"""Privacy: closed applications lose their personal data after the retention period."""

import logging
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fonds.models import Application, Proof, ProofPayment, ProofPhoto

from .errors import ApplicationError
from .files import delete_files_after_commit

logger = logging.getLogger(__name__)

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
    "reason_for_applicant",
    "internal_reason",
    "account_holder",
    "iban",
    "bic",
)


def personal_fields() -> list[str]:
    return list(PERSONAL_FIELDS)


def _anonymise_proofs(application: Application) -> list[str]:
    """Proofs of use keep dates and amounts; reports, payees, purposes, notes, receipts and
    photos go. Returns the stored file names to delete after the commit."""
    proofs = Proof.objects.filter(application=application)
    payments = ProofPayment.objects.filter(proof__in=proofs)
    photos = ProofPhoto.objects.filter(proof__in=proofs)
    names = list(payments.values_list("file", flat=True))
    names += list(photos.values_list("file", flat=True))
    proofs.update(report="", review_note="")
    payments.update(payee="", purpose="", file="", original_name="")
    photos.delete()
    return names


def application_anonymise(
    *, application: Application, actor: AbstractBaseUser | None = None
) -> Application:
    """Remove the personal data of a closed application and keep what the statistics need.

    Only rejected, withdrawn and completed applications: an open one is still being
    worked on. Personal fields are blanked, free-text descriptions of cost and income
    items, comments of the status history and the internal notes removed, the attachments
    deleted (the files after the commit), and the status link replaced so the old one
    leads nowhere. Titles, target group, dates and amounts stay. An audit row
    `fonds.application.anonymised` records who did it. A second call changes nothing.
    """
    with transaction.atomic():
        locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        if locked.anonymised_at is not None:
            return locked
        if not locked.is_closed:
            raise ApplicationError(
                _(
                    "Only closed applications (rejected, withdrawn or completed) can be "
                    "anonymised; %(ref)s is “%(status)s”."
                )
                % {"ref": locked.reference_number, "status": locked.get_status_display()}
            )
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
        names = [attachment.file.name for attachment in attachments]
        locked.attachments.all().delete()
        names += _anonymise_proofs(locked)
        delete_files_after_commit(names)
        locked.log(
            "anonymised",
            actor=actor,
            comment=_("Personal data removed, %(count)s attachments deleted.")
            % {"count": len(attachments)},
            at=now,
        )
    logger.info(
        "Application %s anonymised by %s (%s attachments deleted)",
        locked.reference_number,
        actor or "the retention job",
        len(attachments),
    )
    return locked
