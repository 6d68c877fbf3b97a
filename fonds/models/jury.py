"""The fund's decision body: meetings with their deadline, members present, the agenda
with votes and decisions, and conflicts of interest."""

from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from offices.models import OfficeOwnedQuerySet
from stadtteilbuero.money import format_euro as euro

from .application import Application
from .fund import Fund
from .money import MONEY


class JuryMeetingQuerySet(OfficeOwnedQuerySet):
    office_lookup = "fund__office"


class JuryMeeting(models.Model):
    """A meeting of the decision body, with the deadline for applications it decides on."""

    fund = models.ForeignKey(
        Fund, on_delete=models.CASCADE, related_name="jury_meetings", verbose_name=_("fund")
    )
    date = models.DateField(_("meeting date"))
    application_deadline = models.DateField(_("application deadline"))
    location = models.CharField(_("place of the meeting"), max_length=200, blank=True)
    quorum = models.PositiveSmallIntegerField(
        _("quorum"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("How many members must be present for valid decisions."),
    )
    notes = models.TextField(
        _("notes for the minutes"),
        blank=True,
        help_text=_("Printed at the end of the minutes (for example other topics)."),
    )

    objects = JuryMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["fund", "date"]
        verbose_name = _("jury meeting")
        verbose_name_plural = _("jury meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(application_deadline__lte=F("date")),
                name="jurymeeting_deadline_before_meeting",
            ),
            models.UniqueConstraint(fields=["fund", "date"], name="jurymeeting_unique_date"),
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}"

    def next_meeting(self):
        """The fund's next meeting after this one (the one a deferred application moves to)."""
        return (
            JuryMeeting.objects.filter(fund_id=self.fund_id, date__gt=self.date)
            .order_by("date")
            .first()
        )

    @cached_property
    def members_present(self) -> int:
        """Members marked present (uses the prefetched members)."""
        return sum(1 for member in self.members.all() if member.present)

    @property
    def quorum_met(self) -> bool:
        return self.members_present >= self.quorum

    def clean(self):
        super().clean()
        if self.date and self.application_deadline and self.application_deadline > self.date:
            raise ValidationError(
                {"application_deadline": _("The deadline must be on or before the meeting.")},
                code="deadline_after_meeting",
            )


# --- Members ------------------------------------------------------------------------


class StandingJuryMemberQuerySet(OfficeOwnedQuerySet):
    office_lookup = "fund__office"

    def active(self):
        return self.filter(is_active=True)


class StandingJuryMember(models.Model):
    """A member of the fund's standing decision body (or a substitute), carried into each
    meeting by services.jury_meeting_take_standing_jury."""

    fund = models.ForeignKey(
        Fund, on_delete=models.CASCADE, related_name="standing_jury", verbose_name=_("fund")
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        help_text=_("For example: chair, resident, representative of the office."),
    )
    is_substitute = models.BooleanField(
        _("substitute"), default=False, help_text=_("Comes when a member cannot.")
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick when the member leaves the jury.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = StandingJuryMemberQuerySet.as_manager()

    class Meta:
        ordering = ["fund", "is_substitute", "order", "name"]
        verbose_name = _("member of the standing jury")
        verbose_name_plural = _("standing jury")
        constraints = [
            models.UniqueConstraint(fields=["fund", "name"], name="standingjury_unique_name")
        ]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


class JuryMemberQuerySet(OfficeOwnedQuerySet):
    office_lookup = "meeting__fund__office"

    def present(self):
        return self.filter(present=True)


class JuryMember(models.Model):
    """A member of the decision body at one meeting, with the attendance."""

    meeting = models.ForeignKey(
        JuryMeeting, on_delete=models.CASCADE, related_name="members", verbose_name=_("meeting")
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        help_text=_("For example: chair, resident, representative of the office."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    present = models.BooleanField(_("present"), default=True)
    standing_member = models.ForeignKey(
        StandingJuryMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name=_("member of the standing jury"),
    )

    objects = JuryMemberQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order", "name"]
        verbose_name = _("member at the meeting")
        verbose_name_plural = _("members at the meeting")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "name"], name="jurymember_unique_name")
        ]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


class AgendaItemQuerySet(OfficeOwnedQuerySet):
    office_lookup = "meeting__fund__office"

    def for_minutes(self):
        return self.select_related("application")


class AgendaItem(models.Model):
    """One application on a meeting's agenda, with the vote and the jury's decision."""

    class Outcome(models.TextChoices):
        OPEN = "", _("Not decided yet")
        APPROVE = "approve", _("Approve")
        REJECT = "reject", _("Reject")
        DEFER = "defer", _("Defer to the next meeting")

    meeting = models.ForeignKey(
        JuryMeeting,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("meeting"),
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="agenda_items",
        verbose_name=_("application"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    votes_yes = models.PositiveSmallIntegerField(_("yes"), default=0)
    votes_no = models.PositiveSmallIntegerField(_("no"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    outcome = models.CharField(
        _("decision"), max_length=10, choices=Outcome, default=Outcome.OPEN, blank=True
    )
    amount = models.DecimalField(
        _("approved amount"),
        null=True,
        blank=True,
        help_text=_("Only for an approval; may be less than requested."),
        **MONEY,
    )
    note = models.TextField(_("note for the minutes"), blank=True)
    conditions = models.TextField(
        _("conditions"),
        blank=True,
        help_text=_("Conditions of an approval (sent to the applicant)."),
    )
    reason_for_applicant = models.TextField(
        _("reason for the applicant"),
        blank=True,
        help_text=_("Needed for a rejection; sent with the decision."),
    )

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "application"], name="agendaitem_unique_application"
            ),
            models.CheckConstraint(
                condition=~Q(outcome="approve") | Q(amount__gt=0),
                name="agendaitem_approval_has_amount",
            ),
        ]
        indexes = [models.Index(fields=["meeting", "order"], name="agendaitem_meeting_idx")]

    def __str__(self):
        return f"{self.order}. {self.application}"

    @property
    def votes_total(self) -> int:
        return (self.votes_yes or 0) + (self.votes_no or 0) + (self.votes_abstain or 0)

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.meeting_id
            and self.application_id
            and self.application.fund_id != self.meeting.fund_id
        ):
            errors["application"] = _("The application belongs to another fund.")
        if self.meeting_id:
            # A member with a conflict of interest does not vote at all (not even abstain).
            present = self.meeting.members.present().count()
            conflicts = ConflictOfInterest.objects.filter(
                meeting_id=self.meeting_id, application_id=self.application_id
            ).count()
            voting = present - conflicts
            if self.votes_total > voting:
                errors["votes_yes"] = _(
                    "Together %(votes)s votes, but only %(voting)s members may vote "
                    "(%(present)s present, %(conflicts)s with a conflict of interest)."
                ) % {
                    "votes": self.votes_total,
                    "voting": voting,
                    "present": present,
                    "conflicts": conflicts,
                }
        if self.outcome == self.Outcome.APPROVE:
            if self.amount is None or self.amount <= 0:
                errors["amount"] = _("Please enter the approved amount.")
            elif self.application_id and self.amount > self.application.requested_amount:
                errors["amount"] = _("The amount cannot be higher than requested (%(req)s).") % {
                    "req": euro(self.application.requested_amount)
                }
        elif self.amount is not None and self.outcome in (self.Outcome.REJECT, self.Outcome.DEFER):
            errors["amount"] = _("An amount belongs to an approval only.")
        if errors:
            raise ValidationError(errors)


class ConflictOfInterestQuerySet(OfficeOwnedQuerySet):
    office_lookup = "meeting__fund__office"


class ConflictOfInterest(models.Model):
    """A member declared a conflict of interest on one application and abstains."""

    meeting = models.ForeignKey(
        JuryMeeting, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("meeting")
    )
    member = models.ForeignKey(
        JuryMember, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("member")
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("application"),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    objects = ConflictOfInterestQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "application", "member"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "application"], name="conflict_unique_member_application"
            )
        ]

    def __str__(self):
        return f"{self.member.name}: {self.application.reference_number}"

    def clean(self):
        super().clean()
        errors = {}
        if self.meeting_id and self.member_id and self.member.meeting_id != self.meeting_id:
            errors["member"] = _("This member was not present at this meeting.")
        if (
            self.meeting_id
            and self.application_id
            and self.application.fund_id != self.meeting.fund_id
        ):
            errors["application"] = _("The application belongs to another fund.")
        if errors:
            raise ValidationError(errors)
