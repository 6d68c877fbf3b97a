"""Jury meetings: the agenda, the standing jury carried into a meeting, and all
decisions of the agenda applied in one step."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fonds.models import (
    AgendaItem,
    Application,
    JuryMeeting,
    JuryMember,
    Letter,
    StandingJuryMember,
)

from .errors import ApplicationError, message


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
            Application.objects.filter(fund_id=meeting.fund_id)
            .open()
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


def jury_meeting_take_standing_jury(*, meeting: JuryMeeting) -> int:
    """Carry the fund's active standing jury into the meeting: members present, substitutes
    absent until staff tick them. Members already there are left as they are; returns how
    many were added."""
    with transaction.atomic():
        JuryMeeting.objects.select_for_update().filter(pk=meeting.pk).first()
        there = set(meeting.members.values_list("name", flat=True))
        standing = StandingJuryMember.objects.filter(fund_id=meeting.fund_id).active()
        members = [
            JuryMember(
                meeting=meeting,
                name=member.name,
                role=member.role,
                order=number,
                present=not member.is_substitute,
                standing_member=member,
            )
            for number, member in enumerate(standing, start=1)
            if member.name not in there
        ]
        JuryMember.objects.bulk_create(members)
    return len(members)


@dataclass
class PlannedDecision:
    """One agenda item's decision as it will be applied: the mail and letter it sends, or
    why it cannot be applied yet."""

    item: AgendaItem
    mail: tuple[str, str] | None = None
    letter_kind: str | None = None
    problem: str = ""

    @property
    def by_post(self) -> bool:
        return not self.item.application.email

    @property
    def letter_label(self) -> str:
        return Letter.Kind(self.letter_kind).label if self.letter_kind else ""


def _problem(item: AgendaItem, next_meeting) -> str:
    Outcome = AgendaItem.Outcome
    if item.outcome == Outcome.APPROVE and not item.amount:
        return message("approved_amount_missing")
    if item.outcome == Outcome.REJECT and not item.reason_for_applicant.strip():
        return message("reason_missing")
    if item.outcome == Outcome.DEFER and next_meeting is None:
        return _("The fund has no later meeting to defer to.")
    return ""


def jury_meeting_plan_decisions(*, meeting: JuryMeeting) -> list[PlannedDecision]:
    """The recorded decisions of the agenda not applied yet, each with the e-mail draft
    and the letter it sends, for the staff to review before applying them all."""
    from .decision import decision_mail_draft

    next_meeting = meeting.next_meeting()
    items = (
        meeting.agenda_items.select_related("application__fund")
        .exclude(outcome=AgendaItem.Outcome.OPEN)
        .filter(application__status__in=Application.Status.open())
        # A deferral is applied once the application belongs to a later meeting.
        .exclude(
            Q(outcome=AgendaItem.Outcome.DEFER)
            & Q(application__jury_meeting__date__gt=meeting.date)
        )
    )
    plans = []
    for item in items:
        plan = PlannedDecision(item=item, problem=_problem(item, next_meeting))
        if not plan.problem and item.outcome != AgendaItem.Outcome.DEFER:
            approve = item.outcome == AgendaItem.Outcome.APPROVE
            decision = Application.Status.APPROVED if approve else Application.Status.REJECTED
            plan.mail = decision_mail_draft(
                application=item.application,
                decision=decision,
                amount=item.amount if approve else None,
                conditions=item.conditions,
                reason_for_applicant=item.reason_for_applicant,
            )
            partial = approve and item.amount < item.application.requested_amount
            plan.letter_kind = (
                Letter.Kind.REJECTION
                if not approve
                else Letter.Kind.PARTIAL_APPROVAL
                if partial
                else Letter.Kind.APPROVAL
            )
        plans.append(plan)
    return plans


def jury_meeting_apply_decisions(*, meeting: JuryMeeting, actor: AbstractBaseUser) -> int:
    """Apply every recorded decision of the agenda in one step (all or none): approve,
    reject or defer each application through its service, with its letter and e-mail.
    Returns how many were applied."""
    from .decision import application_approve, application_defer, application_reject

    plans = jury_meeting_plan_decisions(meeting=meeting)
    problems = [p for p in plans if p.problem]
    if problems:
        raise ApplicationError(
            _("Please complete the agenda first: %(items)s")
            % {
                "items": "; ".join(
                    f"{p.item.application.reference_number}: {p.problem}" for p in problems
                )
            }
        )
    Outcome = AgendaItem.Outcome
    with transaction.atomic():
        for plan in plans:
            item, application = plan.item, plan.item.application
            internal = item.note
            try:
                if item.outcome == Outcome.APPROVE:
                    application_approve(
                        application=application,
                        actor=actor,
                        amount=item.amount,
                        conditions=item.conditions,
                        reason_for_applicant=item.reason_for_applicant,
                        internal_reason=internal,
                    )
                elif item.outcome == Outcome.REJECT:
                    application_reject(
                        application=application,
                        actor=actor,
                        reason_for_applicant=item.reason_for_applicant,
                        internal_reason=internal,
                    )
                else:
                    application_defer(
                        application=application,
                        actor=actor,
                        meeting=meeting.next_meeting(),
                        comment=internal,
                    )
            except ApplicationError as error:
                raise ApplicationError(
                    f"{application.reference_number}: {error.message}"
                ) from error
    return len(plans)
