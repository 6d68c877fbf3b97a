"""Review and decision: approve (whole or in part), reject, defer to a later meeting."""

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from fonds.letters import decision_letter_kind
from fonds.models import AgendaItem, Application, Fund, JuryMeeting
from stadtteilbuero.mail import render_mail
from stadtteilbuero.money import format_euro

from .application import application_transition, lock_for_transition
from .errors import ApplicationError, message
from .finance import CENT
from .letters import letter_write
from .mail import mail_context, send_mail_about

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
    context = mail_context(
        application,
        for_staff=True,
        amount=amount,
        partial=amount is not None and amount < application.requested_amount,
        conditions=conditions,
        reason_for_applicant=reason_for_applicant,
    )
    return render_mail(f"fonds/email/{DECISION_MAILS[decision]}", context)


def _send_decision(application, decision, subject, body, *, actor, **draft):
    """The decision letter as PDF (kept with the application), and the e-mail with it
    attached; without an e-mail address the letter is marked to go by post."""
    letter = letter_write(
        application=application, kind=decision_letter_kind(application), actor=actor
    )
    if not application.email:
        return
    if subject is None or body is None:
        draft_subject, draft_body = decision_mail_draft(
            application=application, decision=decision, **draft
        )
        subject = draft_subject if subject is None else subject
        body = draft_body if body is None else body
    send_mail_about(
        application, DECISION_MAILS[decision], subject=subject, body=body, letter=letter
    )


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
        raise ApplicationError.at("amount", message("approved_amount_missing"))
    amount = Decimal(amount).quantize(CENT)
    with transaction.atomic():
        fund = Fund.objects.select_for_update().get(pk=application.fund_id)
        locked = lock_for_transition(application, Application.Status.APPROVED)
        if amount > locked.requested_amount:
            raise ApplicationError.at(
                "amount",
                message("approved_above_requested", requested=format_euro(locked.requested_amount)),
            )
        remaining = fund.figures.remaining
        if amount > remaining:
            raise ApplicationError.at(
                "amount",
                _("Only %(remaining)s are left in the fund.")
                % {"remaining": format_euro(remaining)},
            )
        comment = _("Approved: %(amount)s of %(requested)s.") % {
            "amount": format_euro(amount),
            "requested": format_euro(locked.requested_amount),
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
        _send_decision(
            locked,
            Application.Status.APPROVED,
            mail_subject,
            mail_body,
            actor=actor,
            amount=amount,
            conditions=conditions,
            reason_for_applicant=reason_for_applicant,
        )
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
        raise ApplicationError.at("reason_for_applicant", message("reason_missing"))
    with transaction.atomic():
        locked = application_transition(
            application=application,
            to_status=Application.Status.REJECTED,
            actor=actor,
            comment=internal_reason or reason_for_applicant,
        )
        locked.reason_for_applicant = reason_for_applicant
        locked.internal_reason = internal_reason
        locked.save(update_fields=["reason_for_applicant", "internal_reason"])
        _send_decision(
            locked,
            Application.Status.REJECTED,
            mail_subject,
            mail_body,
            actor=actor,
            reason_for_applicant=reason_for_applicant,
        )
    return locked


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
        if locked.status not in Application.Status.open():
            raise ApplicationError(
                _("Only an application that has not been decided can be deferred.")
            )
        if meeting is None or meeting.fund_id != locked.fund_id:
            raise ApplicationError.at("meeting", _("Please choose a meeting of the same fund."))
        if locked.jury_meeting and meeting.date <= locked.jury_meeting.date:
            raise ApplicationError.at(
                "meeting",
                _("Please choose a meeting after %(date)s.") % {"date": str(locked.jury_meeting)},
            )
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
        locked.log("deferred", actor=actor, comment=f"{text}\n{comment}" if comment else text)
        send_mail_about(locked, "deferred")
    return locked
