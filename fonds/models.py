"""The Verfügungsfonds: one fund per office and year, the applications to it, their
finance plans, attachments and status history.

Budget figures (approved so far, remaining) are never stored: they are aggregated from
the applications whenever a page needs them (`FundQuerySet.with_figures`).
Every status change goes through `fonds/services.py`.
"""

import datetime
import os
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format, number_format
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from offices.models import Office, OfficeOwnedQuerySet
from stadtteilbuero.images import (
    DecompressionBomb,
    UnreadableImage,
    upload_path,
    verified_image_format,
)
from stadtteilbuero.richtext import RichTextField

ZERO = Decimal("0.00")
MONEY = {"max_digits": 10, "decimal_places": 2}


def euro(amount):
    """1234.5 -> "1.234,50 €" in German (the active language's number format)."""
    return f"{number_format(amount or ZERO, decimal_pos=2, use_l10n=True, force_grouping=True)} €"


# --- Private storage ----------------------------------------------------------------


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Applicants' attachments: under settings.PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT,
    with no URL at all. Only the permission-checked download view reads them.

    The root is read from the settings on every use, so a changed setting (tests) applies.
    """

    def __init__(self):
        # Readable by the application's user only, not by every account on the server.
        super().__init__(
            location=None,
            base_url=None,
            file_permissions_mode=0o600,
            directory_permissions_mode=0o700,
        )

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Attachments of fund applications have no public URL.")


private_storage = PrivateStorage()


def attachment_upload_to(instance, filename):
    """fonds/attachments/<yyyy>/<mm>/<random>.<ext>: the applicant's name never reaches disk."""
    return upload_path(instance, filename, "attachments")


# --- Cost categories ----------------------------------------------------------------


class CostCategory(models.Model):
    """A kind of cost in a finance plan (material, fees, food...). Funds exclude some."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("cost category")
        verbose_name_plural = _("cost categories")

    def __str__(self):
        return self.name


# --- Fund ---------------------------------------------------------------------------


class FundQuerySet(OfficeOwnedQuerySet):
    def for_year(self, year):
        return self.filter(year=year)

    def current(self):
        """This year's funds of active offices."""
        return self.filter(year=timezone.localdate().year, office__is_active=True)

    def with_figures(self):
        """Annotate `approved_total` (sum over approved, paid and completed applications)
        and `paid_total` (sum of all payouts; a subquery, so the two sums do not multiply)."""
        paid = (
            Payout.objects.filter(application__fund=OuterRef("pk"))
            .order_by()
            .values("application__fund")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        return self.annotate(
            approved_total=Coalesce(
                Sum(
                    Coalesce("applications__approved_amount", "applications__requested_amount"),
                    filter=Q(applications__status__in=Application.Status.granted()),
                ),
                ZERO,
                output_field=models.DecimalField(**MONEY),
            ),
            paid_total=Coalesce(
                Subquery(paid, output_field=models.DecimalField(**MONEY)),
                ZERO,
                output_field=models.DecimalField(**MONEY),
            ),
        )

    def with_details(self):
        return self.select_related("office").prefetch_related(
            Prefetch("jury_meetings", queryset=JuryMeeting.objects.order_by("date")),
            "excluded_categories",
        )


class Fund(models.Model):
    """One office's Verfügungsfonds for one year."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="funds", verbose_name=_("office")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), max_length=500, blank=True, help_text=_("One or two sentences for the list.")
    )
    budget = models.DecimalField(
        _("budget"), help_text=_("The money available in this year, in euros."), **MONEY
    )
    max_per_application = models.DecimalField(
        _("maximum per application"),
        help_text=_("The most one application may request, in euros (often 500 to 2,000)."),
        **MONEY,
    )
    min_own_contribution_percent = models.PositiveSmallIntegerField(
        _("minimum own contribution (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Share of the total costs the applicants bring themselves (money, volunteer work "
            "or material). 0 means the fund may pay everything."
        ),
    )
    excluded_categories = models.ManyToManyField(
        CostCategory,
        blank=True,
        related_name="excluding_funds",
        verbose_name=_("cost categories that cannot be funded"),
    )
    fundable = RichTextField(_("what can be funded"))
    rules = RichTextField(_("rules"))
    decision_body = models.CharField(
        _("who decides"),
        max_length=200,
        blank=True,
        help_text=_("For example: the Vergabebeirat of the neighbourhood."),
    )
    is_open = models.BooleanField(
        _("open for applications"),
        default=True,
        help_text=_("Also closes by itself after the last application deadline of the year."),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Receives a notification for each new application; else the office's."),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    last_sequence = models.PositiveIntegerField(
        _("last reference sequence"),
        default=0,
        editable=False,
        help_text=_("Counter of the reference numbers; numbers are never reused."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FundQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "office__name"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="fund_one_per_office_year"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="fund_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(max_per_application__gt=0), name="fund_max_per_application_positive"
            ),
            models.CheckConstraint(
                condition=Q(min_own_contribution_percent__lte=100),
                name="fund_own_contribution_percent_max_100",
            ),
        ]
        indexes = [models.Index(fields=["year", "office"], name="fund_year_office_idx")]

    def __str__(self):
        return f"{self.title} {self.year}"

    def get_absolute_url(self):
        return reverse("fonds:fund-detail", kwargs={"slug": self.office.slug})

    def get_apply_url(self):
        return reverse("fonds:application-create", kwargs={"slug": self.office.slug})

    def clean(self):
        super().clean()
        if (
            self.budget is not None
            and self.max_per_application is not None
            and self.max_per_application > self.budget
        ):
            raise ValidationError(
                {"max_per_application": _("The maximum cannot be higher than the budget.")},
                code="max_above_budget",
            )

    # The figures need `with_figures()`; without it they are aggregated here (one query).
    @cached_property
    def approved(self):
        if hasattr(self, "approved_total"):
            return self.approved_total
        return Fund.objects.with_figures().get(pk=self.pk).approved_total

    @cached_property
    def paid(self):
        if hasattr(self, "paid_total"):
            return self.paid_total
        return Fund.objects.with_figures().get(pk=self.pk).paid_total

    @property
    def remaining(self):
        return max(self.budget - self.approved, ZERO)

    @property
    def approved_percent(self):
        if not self.budget:
            return 100
        return min(100, int(self.approved * 100 / self.budget))

    @property
    def notification_email(self):
        return self.contact_email or self.office.email

    def meetings(self):
        """Jury meetings in date order (uses the prefetched rows)."""
        return sorted(self.jury_meetings.all(), key=lambda meeting: meeting.date)

    def next_meeting(self, today=None):
        """The jury meeting whose application deadline is the next one still open."""
        today = today or timezone.localdate()
        for meeting in self.meetings():
            if meeting.application_deadline >= today:
                return meeting
        return None

    def accepts_applications(self, today=None):
        return self.is_open and self.next_meeting(today) is not None

    def check_application(
        self,
        *,
        requested_amount: Decimal,
        total_expenses: Decimal,
        total_income: Decimal,
        own_contribution: Decimal,
        categories,
        start_date: datetime.date | None,
        end_date: datetime.date | None,
        today: datetime.date | None = None,
    ) -> dict:
        """The fund's rules for one application: {field: [messages]}, empty when all is well.

        The form shows these next to the fields; the submit service checks them again
        under the fund's row lock (the remaining budget may have changed meanwhile).
        """
        errors = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        if requested_amount is not None:
            if requested_amount <= 0:
                add("requested_amount", _("Please enter the amount you request (more than 0 €)."))
            if requested_amount > self.max_per_application:
                add(
                    "requested_amount",
                    _("This fund grants at most %(max)s per application.")
                    % {"max": euro(self.max_per_application)},
                )
            if requested_amount > self.remaining:
                add(
                    "requested_amount",
                    _("Only %(remaining)s are left in this fund this year.")
                    % {"remaining": euro(self.remaining)},
                )
        if total_expenses <= 0:
            add("__all__", _("Please list at least one cost with an amount."))
        elif total_income != total_expenses:
            add(
                "__all__",
                _(
                    "The income (%(income)s, including the requested amount) must equal the "
                    "costs (%(expenses)s)."
                )
                % {"income": euro(total_income), "expenses": euro(total_expenses)},
            )
        if total_expenses > 0 and self.min_own_contribution_percent:
            needed = (total_expenses * self.min_own_contribution_percent / 100).quantize(
                Decimal("0.01")
            )
            if own_contribution < needed:
                add(
                    "__all__",
                    _(
                        "Your own contribution (money, volunteer work or material) must be at "
                        "least %(percent)s %% of the costs, that is %(needed)s."
                    )
                    % {"percent": self.min_own_contribution_percent, "needed": euro(needed)},
                )
        excluded = {category.pk for category in self.excluded_categories.all()}
        refused = sorted({c.name for c in categories if c is not None and c.pk in excluded})
        if refused:
            add(
                "__all__",
                _("This fund cannot pay for: %(categories)s. Please remove these costs.")
                % {"categories": ", ".join(refused)},
            )
        if start_date and end_date and end_date < start_date:
            add("end_date", _("The project cannot end before it starts."))
        meeting = self.next_meeting(today)
        if meeting is None or not self.is_open:
            add("__all__", _("This fund does not accept applications at the moment."))
        elif start_date and start_date < meeting.date:
            add(
                "start_date",
                _(
                    "The project may start on %(date)s at the earliest, when the jury has "
                    "decided (no early start)."
                )
                % {"date": date_format(meeting.date, "SHORT_DATE_FORMAT")},
            )
        return errors


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
        return len(self.members.all())

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


# --- Application --------------------------------------------------------------------


class ApplicationQuerySet(OfficeOwnedQuerySet):
    office_lookup = "fund__office"

    def granted(self):
        return self.filter(status__in=Application.Status.granted())

    def open(self):
        """Not decided yet: submitted or in review."""
        return self.filter(status__in=[Application.Status.SUBMITTED, Application.Status.IN_REVIEW])

    def for_jury_sheet(self, meeting):
        """The open applications of a meeting: assigned to it or on its agenda."""
        return (
            self.open()
            .filter(Q(jury_meeting=meeting) | Q(agenda_items__meeting=meeting))
            .distinct()
            .order_by("submitted_at", "pk")
        )

    def publishable(self):
        """Funded projects whose applicants agreed to show title and amount."""
        return self.granted().filter(consent_publish=True)

    def proof_overdue(self, today: datetime.date | None = None):
        """Approved or paid applications whose proof of use is overdue: the project ended
        more than settings.FONDS_PROOF_DUE_DAYS ago and no proof is submitted or accepted
        (a proof sent back counts as none)."""
        today = today or timezone.localdate()
        due_days = settings.FONDS_PROOF_DUE_DAYS
        open_proofs = Proof.objects.filter(
            application=OuterRef("pk"), status__in=Proof.Status.counting()
        )
        return self.filter(
            status__in=[Application.Status.APPROVED, Application.Status.PAID],
            end_date__lt=today - datetime.timedelta(days=due_days),
        ).exclude(Exists(open_proofs))

    def with_paid_total(self):
        """Annotate `paid_total`, the sum of each application's payouts (a subquery, so
        it does not multiply other sums of the same query)."""
        paid = (
            Payout.objects.filter(application=OuterRef("pk"))
            .order_by()
            .values("application")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        money = models.DecimalField(**MONEY)
        return self.annotate(
            paid_total=Coalesce(Subquery(paid, output_field=money), ZERO, output_field=money)
        )

    def due_for_anonymisation(self, now=None):
        """Closed applications unchanged for FONDS_RETENTION_DAYS, not anonymised yet."""
        now = now or timezone.now()
        cutoff = now - datetime.timedelta(days=settings.FONDS_RETENTION_DAYS)
        return self.filter(
            status__in=Application.Status.closed(),
            updated_at__lt=cutoff,
            anonymised_at__isnull=True,
        )

    def totals(self) -> dict:
        """Sums of the list in one query: requested, approved (granted ones) and, when
        the queryset is annotated with `paid_total` (payouts), paid."""
        money = models.DecimalField(**MONEY)
        sums = {
            "requested": Coalesce(Sum("requested_amount"), ZERO, output_field=money),
            "approved": Coalesce(
                Sum(
                    Coalesce("approved_amount", "requested_amount"),
                    filter=Q(status__in=Application.Status.granted()),
                ),
                ZERO,
                output_field=money,
            ),
        }
        if "paid_total" in self.query.annotations:
            sums["paid"] = Coalesce(Sum("paid_total"), ZERO, output_field=money)
        return self.order_by().aggregate(count=models.Count("pk"), **sums)


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
    email = models.EmailField(_("e-mail"), help_text=_("We send the confirmation here."))
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
        JuryMeeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("jury meeting"),
    )
    approved_amount = models.DecimalField(
        _("approved amount"), null=True, blank=True, editable=False, **MONEY
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
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
            models.Index(fields=["status", "submitted_at"], name="application_status_idx"),
            models.Index(fields=["fund", "status"], name="application_fund_status_idx"),
            models.Index(fields=["status", "end_date"], name="application_status_end_idx"),
            models.Index(fields=["status", "updated_at"], name="application_retention_idx"),
        ]

    def __str__(self):
        return f"{self.reference_number} {self.project_title}"

    def get_absolute_url(self):
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
    def can_withdraw(self):
        return self.can_transition_to(self.Status.WITHDRAWN)

    @property
    def status_explanation(self):
        return self.STATUS_EXPLANATIONS[self.status]

    @property
    def granted_amount(self):
        return self.approved_amount if self.approved_amount is not None else self.requested_amount


class ExpenseLineQuerySet(OfficeOwnedQuerySet):
    office_lookup = "application__fund__office"


class ExpenseLine(models.Model):
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="expenses",
        verbose_name=_("application"),
    )
    category = models.ForeignKey(
        CostCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    description = models.CharField(_("what exactly"), max_length=200)
    quantity = models.DecimalField(
        _("quantity"), max_digits=8, decimal_places=2, default=Decimal("1")
    )
    unit_price = models.DecimalField(_("unit price"), **MONEY)
    total = models.DecimalField(_("total"), **MONEY)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ExpenseLineQuerySet.as_manager()

    class Meta:
        ordering = ["application", "order"]
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="expense_quantity_positive"),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0), name="expense_price_not_negative"
            ),
            models.CheckConstraint(condition=Q(total__gte=0), name="expense_total_not_negative"),
        ]

    def __str__(self):
        return f"{self.description} ({euro(self.total)})"


class IncomeLineQuerySet(OfficeOwnedQuerySet):
    office_lookup = "application__fund__office"


class IncomeLine(models.Model):
    class Kind(models.TextChoices):
        OWN_MONEY = "own_money", _("Own money")
        VOLUNTEER_WORK = "volunteer_work", _("Volunteer work (valued in euros)")
        MATERIAL = "material", _("Donated material (valued in euros)")
        OTHER_FUNDING = "other_funding", _("Other funding or donations")

        @classmethod
        def own_contribution(cls):
            return [cls.OWN_MONEY, cls.VOLUNTEER_WORK, cls.MATERIAL]

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="incomes", verbose_name=_("application")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = IncomeLineQuerySet.as_manager()

    class Meta:
        ordering = ["application", "order"]
        verbose_name = _("income item")
        verbose_name_plural = _("income items")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="income_amount_not_negative")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({euro(self.amount)})"


class ApplicationEventQuerySet(OfficeOwnedQuerySet):
    office_lookup = "application__fund__office"


class ApplicationEvent(models.Model):
    """One row of an application's history: who changed what, when, and why."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="events", verbose_name=_("application")
    )
    event_type = models.CharField(_("event"), max_length=60)
    from_status = models.CharField(
        _("from status"), max_length=20, choices=Application.Status, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=Application.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty: the applicant."),
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    objects = ApplicationEventQuerySet.as_manager()

    class Meta:
        ordering = ["application", "created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        indexes = [models.Index(fields=["application", "created_at"], name="appevent_app_idx")]

    def __str__(self):
        return f"{self.event_type} {self.created_at:%d.%m.%Y %H:%M}"


class AttachmentQuerySet(OfficeOwnedQuerySet):
    office_lookup = "application__fund__office"


class Attachment(models.Model):
    """A file sent with an application: private storage only, served to the office's staff."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        JPEG = "jpeg", "JPEG"
        PNG = "png", "PNG"

    class Purpose(models.TextChoices):
        ENCLOSURE = "enclosure", _("Enclosure")
        SIGNED_ORIGINAL = "signed_original", _("Signed original")

    CONTENT_TYPES = {Kind.PDF: "application/pdf", Kind.JPEG: "image/jpeg", Kind.PNG: "image/png"}

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("application"),
    )
    file = models.FileField(
        _("file"), upload_to=attachment_upload_to, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("original file name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=Purpose, default=Purpose.ENCLOSURE, editable=False
    )
    size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    def get_download_url(self):
        return reverse("fonds:attachment-download", kwargs={"pk": self.pk})

    @property
    def content_type(self):
        return self.CONTENT_TYPES[self.kind]


# --- Attachment checks ----------------------------------------------------------------

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_MAX_FILES = 5
ATTACHMENT_EXTENSIONS = {
    Attachment.Kind.PDF: {".pdf"},
    Attachment.Kind.JPEG: {".jpg", ".jpeg"},
    Attachment.Kind.PNG: {".png"},
}
PILLOW_FORMATS = {"JPEG": Attachment.Kind.JPEG, "PNG": Attachment.Kind.PNG}


def _read_head_and_tail(upload, size=1024):
    position = upload.tell()
    upload.seek(0)
    head = upload.read(size)
    try:
        upload.seek(-size, os.SEEK_END)
    except (OSError, ValueError):
        upload.seek(0)
    tail = upload.read()
    upload.seek(position)
    return head, tail


def attachment_kind(upload) -> str:
    """Check an uploaded file by its content and return its Attachment.Kind.

    PDF, JPEG and PNG only, at most 10 MB; the extension must match the content (magic
    bytes); images must open in Pillow and must not be decompression bombs.
    """
    if upload.size is not None and upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("%(name)s is too large: at most 10 MB per file."),
            code="file_too_large",
            params={"name": clean_file_name(upload.name)},
        )
    extension = os.path.splitext(upload.name or "")[1].lower()
    kind = next((k for k, exts in ATTACHMENT_EXTENSIONS.items() if extension in exts), None)
    if kind is None:
        raise ValidationError(
            _("%(name)s: please attach PDF, JPEG or PNG files only."),
            code="invalid_extension",
            params={"name": clean_file_name(upload.name)},
        )
    head, tail = _read_head_and_tail(upload)
    mismatch = ValidationError(
        _("%(name)s is not a real %(kind)s file."),
        code="invalid_content",
        params={"name": clean_file_name(upload.name), "kind": kind.label},
    )
    if kind == Attachment.Kind.PDF:
        if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
            raise mismatch
        return kind
    if kind == Attachment.Kind.JPEG and not head.startswith(b"\xff\xd8\xff"):
        raise mismatch
    if kind == Attachment.Kind.PNG and not head.startswith(b"\x89PNG\r\n\x1a\n"):
        raise mismatch
    try:
        image_format = verified_image_format(upload)
    except DecompressionBomb as error:
        raise ValidationError(
            _("%(name)s has too many pixels to be checked safely."),
            code="decompression_bomb",
            params={"name": clean_file_name(upload.name)},
        ) from error
    except UnreadableImage as error:
        raise mismatch from error
    if PILLOW_FORMATS.get(image_format) != kind:
        raise mismatch
    return kind


def clean_file_name(name: str) -> str:
    """The applicant's file name for display: no folders, no odd characters."""
    base = os.path.basename((name or "").replace("\\", "/"))
    return get_valid_filename(base)[:150] if base.strip(". ") else "datei"


# --- Jury meetings: members present, agenda, votes, conflicts of interest -----------


class JuryMemberQuerySet(OfficeOwnedQuerySet):
    office_lookup = "meeting__fund__office"


class JuryMember(models.Model):
    """A member of the decision body present at one meeting."""

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

    objects = JuryMemberQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order", "name"]
        verbose_name = _("member present")
        verbose_name_plural = _("members present")
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
            present = self.meeting.members.count()
            conflicts = ConflictOfInterest.objects.filter(
                meeting_id=self.meeting_id, application_id=self.application_id
            ).count()
            if self.votes_total > present:
                errors["votes_abstain"] = _(
                    "Together %(votes)s votes, but only %(present)s members are present."
                ) % {"votes": self.votes_total, "present": present}
            elif (self.votes_yes or 0) + (self.votes_no or 0) > present - conflicts:
                errors["votes_yes"] = _(
                    "%(conflicts)s members declared a conflict of interest and abstain: at most "
                    "%(max)s yes and no votes are possible."
                ) % {"conflicts": conflicts, "max": present - conflicts}
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


def proof_upload_to(instance, filename):
    """fonds/proofs/<yyyy>/<mm>/<random>.<ext> in the private storage."""
    return upload_path(instance, filename, "proofs")


# --- Payouts ----------------------------------------------------------------------------


class PayoutQuerySet(OfficeOwnedQuerySet):
    office_lookup = "application__fund__office"


class Payout(models.Model):
    """Money paid to the applicant: usually after the proof of use, an advance is possible.

    Recorded through services.application_record_payout only (total ≤ approved amount).
    """

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="payouts", verbose_name=_("application")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    paid_on = models.DateField(_("paid on"))
    is_advance = models.BooleanField(
        _("advance"), default=False, help_text=_("Paid before the proof of use.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = PayoutQuerySet.as_manager()

    class Meta:
        ordering = ["application", "paid_on", "pk"]
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payout_amount_positive")
        ]
        indexes = [models.Index(fields=["application", "paid_on"], name="payout_app_idx")]

    def __str__(self):
        return f"{euro(self.amount)} ({date_format(self.paid_on, 'SHORT_DATE_FORMAT')})"


# --- Proof of use (Verwendungsnachweis) ---------------------------------------------------


class ProofQuerySet(OfficeOwnedQuerySet):
    office_lookup = "application__fund__office"

    def with_details(self):
        return self.select_related("application__fund__office", "reviewed_by").prefetch_related(
            "payments", "photos"
        )

    def with_spent(self):
        return self.annotate(
            spent_total=Coalesce(
                Sum("payments__amount"), ZERO, output_field=models.DecimalField(**MONEY)
            )
        )


class Proof(models.Model):
    """The applicant's report on what was done and what the money was spent on."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, being checked")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Sent back for changes")

        @classmethod
        def counting(cls):
            """Proofs that stop the applicant from sending another one."""
            return [cls.SUBMITTED, cls.ACCEPTED]

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="proofs", verbose_name=_("application")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.SUBMITTED, editable=False
    )
    report = models.TextField(
        _("short report"),
        max_length=5000,
        help_text=_("What took place, who took part, what went well and what did not?"),
    )
    participants = models.PositiveIntegerField(
        _("participants"),
        validators=[MinValueValidator(1), MaxValueValidator(100000)],
        help_text=_("About how many people took part? An estimate is fine."),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_note = models.TextField(
        _("note for the applicant"),
        blank=True,
        editable=False,
        help_text=_("Why the proof was sent back; the applicant sees it on the status page."),
    )
    repayment_due = models.DecimalField(
        _("repayment due"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Paid out minus spent, recorded when the proof was accepted."),
        **MONEY,
    )

    objects = ProofQuerySet.as_manager()

    class Meta:
        ordering = ["application", "-submitted_at", "-pk"]
        get_latest_by = "submitted_at"
        verbose_name = _("proof of use")
        verbose_name_plural = _("proofs of use")
        constraints = [
            models.CheckConstraint(
                condition=Q(repayment_due__isnull=True) | Q(repayment_due__gte=0),
                name="proof_repayment_not_negative",
            ),
            # At most one proof waiting for review or accepted per application.
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status__in=["submitted", "accepted"]),
                name="proof_one_open_per_application",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"], name="proof_status_idx")]

    def __str__(self):
        return f"{self.application.reference_number} ({self.get_status_display()})"

    @property
    def spent(self):
        """Sum of the listed payments (`with_spent()` annotation, else the prefetched rows)."""
        if hasattr(self, "spent_total"):
            return self.spent_total
        return sum((payment.amount for payment in self.payments.all()), ZERO)


class ProofFileMixin(models.Model):
    """A receipt or photo of a proof: private storage, served to the office's staff only."""

    CONTENT_TYPES = Attachment.CONTENT_TYPES

    file = models.FileField(
        _("file"), upload_to=proof_upload_to, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("original file name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=Attachment.Kind)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        abstract = True

    @property
    def content_type(self):
        return self.CONTENT_TYPES[self.kind]


class ProofPaymentQuerySet(OfficeOwnedQuerySet):
    office_lookup = "proof__application__fund__office"


class ProofPayment(ProofFileMixin):
    """One payment of the project, with its receipt (Beleg)."""

    proof = models.ForeignKey(
        Proof, on_delete=models.CASCADE, related_name="payments", verbose_name=_("proof of use")
    )
    paid_on = models.DateField(_("date"))
    payee = models.CharField(_("payee"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=300)
    amount = models.DecimalField(_("amount"), **MONEY)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ProofPaymentQuerySet.as_manager()

    class Meta:
        ordering = ["proof", "order", "pk"]
        verbose_name = _("payment with receipt")
        verbose_name_plural = _("payments with receipts")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="proofpayment_amount_positive")
        ]

    def __str__(self):
        return f"{self.payee}: {euro(self.amount)}"

    def get_download_url(self):
        return reverse("fonds:receipt-download", kwargs={"pk": self.pk})


class ProofPhotoQuerySet(OfficeOwnedQuerySet):
    office_lookup = "proof__application__fund__office"


class ProofPhoto(ProofFileMixin):
    proof = models.ForeignKey(
        Proof, on_delete=models.CASCADE, related_name="photos", verbose_name=_("proof of use")
    )

    objects = ProofPhotoQuerySet.as_manager()

    class Meta:
        ordering = ["proof", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.original_name

    def get_download_url(self):
        return reverse("fonds:proof-photo-download", kwargs={"pk": self.pk})


PROOF_MAX_PHOTOS = 10
PROOF_MAX_PAYMENTS = 30


def proof_photo_kind(upload) -> str:
    """The attachment checks, and JPEG or PNG only."""
    kind = attachment_kind(upload)
    if kind not in (Attachment.Kind.JPEG, Attachment.Kind.PNG):
        raise ValidationError(
            _("%(name)s: please choose photos as JPEG or PNG files."),
            code="not_an_image",
            params={"name": clean_file_name(upload.name)},
        )
    return kind


class ProofSituation:
    """Where an application stands with payouts and its proof of use, from prefetched rows
    (`payouts`, `proofs` with `payments`): what the status page and the admin show."""

    def __init__(self, application: Application):
        self.application = application
        self.payouts = list(application.payouts.all())
        self.proofs = sorted(
            application.proofs.all(), key=lambda proof: (proof.submitted_at, proof.pk), reverse=True
        )

    @property
    def paid(self):
        return sum((payout.amount for payout in self.payouts), ZERO)

    @property
    def latest_proof(self):
        return self.proofs[0] if self.proofs else None

    @property
    def accepted_proof(self):
        return next((p for p in self.proofs if p.status == Proof.Status.ACCEPTED), None)

    @property
    def may_submit_proof(self):
        open_proof = any(p.status in Proof.Status.counting() for p in self.proofs)
        granted = self.application.status in (Application.Status.APPROVED, Application.Status.PAID)
        return granted and not open_proof

    @property
    def repayment_due(self):
        """Paid out minus spent once a proof was accepted (never negative); else None."""
        proof = self.accepted_proof
        if proof is None:
            return None
        return max(self.paid - proof.spent, ZERO)

    @property
    def proof_due_on(self):
        end = self.application.end_date
        return end + datetime.timedelta(days=settings.FONDS_PROOF_DUE_DAYS) if end else None

    @property
    def proof_overdue(self):
        """The same rule as ApplicationQuerySet.proof_overdue, from the loaded rows."""
        due = self.proof_due_on
        return self.may_submit_proof and due is not None and due < timezone.localdate()


# --- Internal notes -------------------------------------------------------------------


class ApplicationNoteQuerySet(OfficeOwnedQuerySet):
    office_lookup = "application__fund__office"


class ApplicationNote(models.Model):
    """A note by office staff about an application: never shown to the applicant."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notes", verbose_name=_("application")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = ApplicationNoteQuerySet.as_manager()

    class Meta:
        ordering = ["application", "created_at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        indexes = [models.Index(fields=["application", "created_at"], name="appnote_app_idx")]

    def __str__(self):
        return f"{self.created_at:%d.%m.%Y %H:%M}: {self.text[:50]}"
