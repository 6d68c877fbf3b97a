"""Letters as PDF, written from the application's state and kept with it."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fonds.letters import render_letter
from fonds.models import Application, Letter

from .errors import ApplicationError
from .files import files_kept_only_on_commit


def letter_errors(application: Application, kind: str) -> str | None:
    """Why this letter does not fit the application now, or None."""
    Kind = Letter.Kind
    approved = application.status in Application.Status.granted()
    fits = {
        Kind.APPROVAL: approved and application.approved_amount == application.requested_amount,
        Kind.PARTIAL_APPROVAL: approved
        and application.approved_amount is not None
        and application.approved_amount < application.requested_amount,
        Kind.REJECTION: application.status == Application.Status.REJECTED,
        Kind.PROOF_REMINDER: application.status in Application.Status.payable()
        and application.spent_amount is None,
        Kind.REPAYMENT_REQUEST: bool(application.repayment_due),
    }
    if kind not in fits:
        return _("Unknown letter.")
    if not fits[kind]:
        return _("A letter “%(kind)s” does not fit an application in status “%(status)s”.") % {
            "kind": Letter.Kind(kind).label,
            "status": application.get_status_display(),
        }
    return None


def letter_write(*, application: Application, kind: str, actor: AbstractBaseUser | None) -> Letter:
    """Write the letter as PDF into the private storage and note it in the history.
    Without an e-mail address the letter is marked to go by post."""
    if error := letter_errors(application, kind):
        raise ApplicationError(error)
    content = render_letter(application, kind)
    name = f"{kind}-{application.reference_number}-{timezone.localdate():%Y%m%d}.pdf"
    letter = Letter(
        application=application,
        letter_kind=kind,
        by_post=not application.email,
        created_by=actor,
    )
    with transaction.atomic(), files_kept_only_on_commit() as stored:
        letter.store(ContentFile(content, name=name))
        stored.append(letter.file.name)
        post = _(", to be sent by post") if letter.by_post else ""
        application.log(
            "letter",
            actor=actor,
            comment=_("Letter “%(kind)s” written%(post)s.")
            % {"kind": letter.get_letter_kind_display(), "post": post},
        )
    return letter
