"""An application to a fund: the applicant, the project, the requested money and the
workflow fields that only the services write."""

import datetime
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .application_queryset import ApplicationQuerySet
from .fund import Fund
from .money import MONEY, ZERO


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        PAID = "paid", _("Paid out")
        COMPLETED = "completed", _("Completed")

        @classmethod
        def granted(cls):
            return [cls.APPROVED, cls.PAID, cls.COMPLETED]

        @classmethod
        def open(cls):
            """Not decided yet: staff review them, the applicant may withdraw them."""
            return [cls.SUBMITTED, cls.IN_REVIEW]

        @classmethod
        def payable(cls):
            """Money may be paid out and a proof of use sent."""
            return [cls.APPROVED, cls.PAID]

        @classmethod
        def closed(cls):
            """Nothing more happens to these: they may be anonymised after the retention."""
            return [cls.REJECTED, cls.WITHDRAWN, cls.COMPLETED]

    class ApplicantType(models.TextChoices):
        PERSON = "person", _("Private person")
        INITIATIVE = "initiative", _("Initiative or group of neighbours")
        ORGANISATION = "organisation", _("Association or organisation")

    # Allowed status changes; every service checks them, templates use them for buttons.
    TRANSITIONS = {
        Status.SUBMITTED: {Status.IN_REVIEW, Status.REJECTED, Status.WITHDRAWN},
        Status.IN_REVIEW: {Status.APPROVED, Status.REJECTED, Status.WITHDRAWN},
        Status.APPROVED: {Status.PAID},
        Status.PAID: {Status.COMPLETED},
        Status.REJECTED: set(),
        Status.WITHDRAWN: set(),
        Status.COMPLETED: set(),
    }

    # Plain-German explanations for the applicant's status page.
    STATUS_EXPLANATIONS = {
        Status.SUBMITTED: _(
            "We have received your application. The office will look at it soon and contact "
            "you if anything is missing."
        ),
        Status.IN_REVIEW: _(
            "The office is checking your application. The jury will decide on it at its "
            "next meeting."
        ),
        Status.APPROVED: _(
            "Good news: your project has been approved. The office will tell you how the "
            "money is paid."
        ),
        Status.REJECTED: _(
            "Unfortunately your project could not be funded. The office will tell you the reasons."
        ),
        Status.WITHDRAWN: _("You have withdrawn this application. It will not be decided on."),
        Status.PAID: _(
            "The money has been paid. After the project, please send the proof of use "
            "(Verwendungsnachweis) to the office."
        ),
        Status.COMPLETED: _("The project is finished and the proof of use has been accepted."),
    }

    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="applications", verbose_name=_("fund")
    )
    reference_number = models.CharField(
        _("reference number"), max_length=40, unique=True, editable=False
    )
    sequence = models.PositiveIntegerField(_("sequence"), editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.SUBMITTED, editable=False
    )
    token = models.CharField(_("status page token"), max_length=64, unique=True, editable=False)

    # About you
    applicant_type = models.CharField(
        _("you apply as"), max_length=20, choices=ApplicantType, default=ApplicantType.PERSON
    )
    name = models.CharField(_("name"), max_length=150)
    organisation = models.CharField(
        _("initiative or organisation"),
        max_length=200,
        blank=True,
        help_text=_("Only if you apply for a group, an initiative or an association."),
    )
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("town"), max_length=100)
    # Blank only for paper applications of residents without e-mail: letters go by post.
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("We send the confirmation here.")
    )
    phone = models.CharField(
        _("phone"), max_length=50, blank=True, help_text=_("Optional, for questions.")
    )

    # The project
    project_title = models.CharField(_("project title"), max_length=200)
    description = models.TextField(
        _("project description"),
        max_length=5000,
        help_text=_("What do you want to do, and how? A few sentences are enough."),
    )
    benefit = models.TextField(
        _("benefit for the neighbourhood"),
        max_length=3000,
        help_text=_("What will be better in the neighbourhood, and for whom?"),
    )
    target_group = models.CharField(
        _("target group"),
        max_length=300,
        help_text=_("For example: children of the primary school, older neighbours, everyone."),
    )
    expected_participants = models.PositiveIntegerField(
        _("expected participants"),
        validators=[MinValueValidator(1), MaxValueValidator(100000)],
        help_text=_("An estimate is fine."),
    )
    place = models.CharField(
        _("place"), max_length=300, help_text=_("Where does the project take place?")
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    partners = models.TextField(
        _("partners"),
        max_length=1000,
        blank=True,
        help_text=_("Optional: who else takes part (school, club, housing company...)?"),
    )

    # Money: the finance plan is in ExpenseLine and IncomeLine; this is the requested part.
    requested_amount = models.DecimalField(_("requested amount"), **MONEY)

    # Declarations and consent
    declares_no_double_funding = models.BooleanField(
        _("no double funding"),
        default=False,
        help_text=_("The same costs are not paid by another funding programme."),
    )
    declares_no_commercial_purpose = models.BooleanField(
        _("no commercial purpose"),
        default=False,
        help_text=_("The project does not make a profit for anybody."),
    )
    declares_no_follow_up_costs = models.BooleanField(
        _("no follow-up costs"),
        default=False,
        help_text=_("The project causes no costs later that the fund would have to pay."),
    )
    consent_publish = models.BooleanField(
        _("consent to publish title and amount"),
        default=False,
        help_text=_(
            "If funded, the project title and the amount may be shown on this website "
            "(no names, no addresses)."
        ),
    )
    declares_photo_rights = models.BooleanField(
        _("photo rights"),
        default=False,
        help_text=_("For photos of the project you ask the people shown for their consent."),
    )
    privacy_consent_at = models.DateTimeField(_("consent to data processing given"))
    privacy_version = models.CharField(_("version of the privacy text"), max_length=20)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)

    # Internal: used by the staff workflow.
    jury_meeting = models.ForeignKey(
        "JuryMeeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("jury meeting"),
    )
    approved_amount = models.DecimalField(
        _("approved amount"), null=True, blank=True, editable=False, **MONEY
    )
    spent_amount = models.DecimalField(
        _("spent"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The part of the approved money the accepted proof of use shows as spent; "
            "the rest goes back into the fund."
        ),
        **MONEY,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(
        _("closed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When it was rejected, withdrawn or completed."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("decided by"),
    )
    internal_note = models.TextField(_("internal note"), blank=True)
    conditions = models.TextField(
        _("conditions"),
        blank=True,
        help_text=_("Conditions of the approval (sent to the applicant)."),
    )
    reason_for_applicant = models.TextField(
        _("reason for the applicant"), blank=True, help_text=_("Sent with the decision e-mail.")
    )
    internal_reason = models.TextField(
        _("internal reason"), blank=True, help_text=_("For the office and the minutes only.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Paper applications and privacy (staff workflow, see services).
    entered_by_office = models.BooleanField(
        _("entered by the office"),
        default=False,
        editable=False,
        help_text=_("A paper application that staff typed in; the signed original is attached."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("entered by"),
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    # Bank details for the payout: asked for after the approval (services.bank_details).
    account_holder = models.CharField(_("account holder"), max_length=150, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    bank_details_at = models.DateTimeField(
        _("bank details given"), null=True, blank=True, editable=False
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        get_latest_by = "submitted_at"
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["fund", "sequence"], name="application_fund_sequence"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="application_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(requested_amount__gt=0), name="application_requested_positive"
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True) | Q(approved_amount__gte=0),
                name="application_approved_not_negative",
            ),
        ]
        indexes = [
            # With the ID on PostgreSQL: the admin list's paid money joins the payouts of
            # the granted applications from the index alone (city scale: 48 → 26 ms).
            models.Index(
                fields=["status", "submitted_at"], include=["id"], name="application_status_idx"
            ),
            # The admin's default order (-submitted_at, -pk) and its date hierarchy.
            models.Index(fields=["submitted_at", "id"], name="application_submitted_idx"),
            # Covering on PostgreSQL: a fund's figures come from the index alone.
            models.Index(
                fields=["fund", "status"],
                include=["requested_amount", "approved_amount", "spent_amount"],
                name="application_fund_status_idx",
            ),
            models.Index(fields=["status", "end_date"], name="application_status_end_idx"),
            models.Index(fields=["status", "updated_at"], name="application_retention_idx"),
        ]

    def __str__(self):
        return f"{self.reference_number} {self.project_title}"

    # No get_absolute_url: the status page is reached by the applicant's secret link
    # alone, and the admin's "view on site" would hand that secret to every staff member.
    def get_status_url(self):
        return reverse("fonds:application-detail", kwargs={"token": self.token})

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The project cannot end before it starts.")},
                code="end_before_start",
            )

    def can_transition_to(self, status):
        return status in self.TRANSITIONS.get(self.status, set())

    @property
    def shown_on_public_pages(self) -> bool:
        """The public pages show granted applications only (the fund's figures, its funded
        projects): storing or withdrawing an open one keeps the page cache
        (stadtteilbuero/pagecache.py). No transition leads out of the granted ones."""
        return self.status in self.Status.granted()

    @property
    def can_withdraw(self):
        return self.can_transition_to(self.Status.WITHDRAWN)

    @property
    def status_explanation(self):
        return self.STATUS_EXPLANATIONS[self.status]

    @property
    def granted_amount(self):
        return self.approved_amount if self.approved_amount is not None else self.requested_amount

    @cached_property
    def paid_amount(self) -> Decimal:
        """The sum of the payouts: the `with_paid()` annotation, the prefetched payouts,
        or one query."""
        if hasattr(self, "paid_total"):
            return self.paid_total
        if "payouts" in getattr(self, "_prefetched_objects_cache", {}):
            return sum((payout.amount for payout in self.payouts.all()), ZERO)
        return self.payouts.aggregate(total=Sum("amount"))["total"] or ZERO

    @cached_property
    def repaid_amount(self) -> Decimal:
        """The sum of the booked repayments (annotation, prefetch or one query)."""
        if hasattr(self, "repaid_total"):
            return self.repaid_total
        if "repayments" in getattr(self, "_prefetched_objects_cache", {}):
            return sum((repayment.amount for repayment in self.repayments.all()), ZERO)
        return self.repayments.aggregate(total=Sum("amount"))["total"] or ZERO

    @property
    def repayment_due(self) -> Decimal | None:
        """Paid out but not spent and not repaid yet, once the proof of use is accepted;
        else None. The same rule as `figures.outstanding_repayment`."""
        if self.spent_amount is None:
            return None
        from .figures import outstanding_repayment

        return outstanding_repayment(self.paid_amount, self.spent_amount, self.repaid_amount)

    @property
    def has_bank_details(self) -> bool:
        return bool(self.account_holder and self.iban)

    @property
    def iban_display(self) -> str:
        """The IBAN in groups of four, as printed on a bank card."""
        return " ".join(self.iban[i : i + 4] for i in range(0, len(self.iban), 4))

    @property
    def rest_to_pay(self) -> Decimal:
        """What may still be paid out: up to the spent money once the proof is accepted,
        else up to the granted amount."""
        if self.status not in self.Status.payable():
            return ZERO
        limit = self.spent_amount if self.spent_amount is not None else self.granted_amount
        return max(limit - self.paid_amount, ZERO)

    @property
    def proof_due_on(self) -> datetime.date | None:
        """The proof of use is due FONDS_PROOF_DUE_DAYS after the project's end."""
        try:
            return self.end_date + datetime.timedelta(days=settings.FONDS_PROOF_DUE_DAYS)
        except (TypeError, OverflowError):  # no end yet, or a date at the calendar's end
            return None

    @property
    def is_closed(self) -> bool:
        return self.status in self.Status.closed()

    @property
    def status_link_expires_at(self) -> datetime.datetime | None:
        """The applicant's status link works until this long after the closing."""
        if self.closed_at is None:
            return None
        return self.closed_at + datetime.timedelta(days=settings.FONDS_STATUS_LINK_DAYS)

    def status_link_expired(self, now: datetime.datetime | None = None) -> bool:
        expires = self.status_link_expires_at
        return expires is not None and (now or timezone.now()) >= expires

    def log(
        self,
        event: str,
        *,
        actor=None,
        comment: str = "",
        from_status: str | None = None,
        at: datetime.datetime | None = None,
    ):
        """Write one audit row `fonds.application.<event>`: the only way rows are written.
        `from_status` defaults to the current status (an event without a status change)."""
        from .history import ApplicationEvent

        return ApplicationEvent.objects.create(
            application=self,
            event_type=f"fonds.application.{event}",
            from_status=self.status if from_status is None else from_status,
            to_status=self.status,
            actor=actor,
            comment=comment,
            created_at=at or timezone.now(),
        )
