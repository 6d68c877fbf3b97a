"""One office's Verfügungsfonds for one year, its cost categories and the fund's rules
for an application."""

import datetime
from decimal import Decimal
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from offices.models import Office, OfficeOwnedQuerySet
from stadtteilbuero.links import public_url
from stadtteilbuero.money import format_euro as euro
from stadtteilbuero.richtext import RichTextField

from .figures import Figures, attach_figures, figures_of
from .money import MONEY

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
        """Attach `figures` (see fonds.models.figures) to every fund when the rows are
        fetched: two grouped queries for the whole list, like a prefetch."""
        clone = self._chain()
        clone._with_figures = True
        return clone

    _with_figures = False

    def _clone(self):
        clone = super()._clone()
        clone._with_figures = self._with_figures
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is not None
        super()._fetch_all()
        if self._with_figures and not fetched:
            attach_figures(self._result_cache)

    def with_details(self):
        return self.select_related("office").prefetch_related(
            # JuryMeeting's default ordering is (fund, date): the meetings come in date order.
            "jury_meetings",
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
    projects_end_in_year = models.BooleanField(
        _("projects end within the fund's year"),
        default=True,
        help_text=_(
            "Untick only where the rules allow projects to run into the following years "
            "(up to three)."
        ),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Receives a notification for each new application; else the office's."),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    # Letters (fonds/letters.py): the office's letterhead and the signature line.
    letterhead = models.TextField(
        _("letterhead"),
        max_length=500,
        blank=True,
        help_text=_(
            "Sender lines at the top of every letter (office, carrier, address). Empty: the "
            "office's name and address."
        ),
    )
    letter_signature = models.CharField(
        _("signature line"),
        max_length=200,
        blank=True,
        help_text=_("Printed under the letters, for example: Jana Wiegand, Quartiersmanagement."),
    )
    legal_note = models.TextField(
        _("note on legal remedies"),
        max_length=2000,
        blank=True,
        help_text=_("Printed at the end of approvals and rejections. Empty: the standard text."),
    )
    last_sequence = models.PositiveIntegerField(
        _("last reference sequence"),
        default=0,
        editable=False,
        help_text=_("Counter of the reference numbers; numbers are never reused."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # A project may run until the end of the third year after the fund's year.
    PROJECT_YEARS_AHEAD = 3

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
        return public_url("fonds:fund-detail", slug=self.office.slug)

    def get_apply_url(self):
        return public_url("fonds:application-create", slug=self.office.slug)

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

    @cached_property
    def figures(self) -> Figures:
        """Requested, approved, paid, spent and remaining money (see figures.py);
        set for a whole list by `with_figures()`, else computed here."""
        figures = figures_of(self.applications.all())
        figures.budget = self.budget
        return figures

    @property
    def remaining(self):
        return self.figures.remaining

    @property
    def notification_email(self):
        return self.contact_email or self.office.email

    def meetings(self):
        """Jury meetings in date order; prefetched rows (`with_details`) are sorted once."""
        prefetched = "jury_meetings" in getattr(self, "_prefetched_objects_cache", {})
        if prefetched and "_sorted_meetings" in self.__dict__:
            return self._sorted_meetings
        meetings = sorted(self.jury_meetings.all(), key=lambda meeting: meeting.date)
        if prefetched:
            self._sorted_meetings = meetings
        return meetings

    def next_meeting(self, today=None):
        """The jury meeting whose application deadline is the next one still open."""
        today = today or timezone.localdate()
        for meeting in self.meetings():
            if meeting.application_deadline >= today:
                return meeting
        return None

    def accepts_applications(self, today=None):
        return self.is_open and self.next_meeting(today) is not None

    def project_window(self) -> tuple[datetime.date, datetime.date]:
        """The dates a project of this fund may lie in: the fund's year, or up to the end of
        the year PROJECT_YEARS_AHEAD later where the rules allow it."""
        years_ahead = 0 if self.projects_end_in_year else self.PROJECT_YEARS_AHEAD
        return datetime.date(self.year, 1, 1), datetime.date(self.year + years_ahead, 12, 31)

    def payment_date_error(self, paid_on: datetime.date) -> str | None:
        """Why a payment of a proof of use cannot have this date, or None."""
        if paid_on > timezone.localdate():
            return _("A payment cannot be dated in the future.")
        earliest = datetime.date(self.year - 1, 1, 1)
        if paid_on < earliest:
            return _("Please check the date: payments before %(date)s cannot belong to it.") % {
                "date": date_format(earliest, "SHORT_DATE_FORMAT")
            }
        return None

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
        earliest, latest = self.project_window()
        if start_date and start_date < earliest:
            add(
                "start_date",
                _("The project cannot start before %(date)s, the start of the fund's year.")
                % {"date": date_format(earliest, "SHORT_DATE_FORMAT")},
            )
        for name, day in (("start_date", start_date), ("end_date", end_date)):
            if day and day > latest and self.projects_end_in_year:
                add(
                    name,
                    _("The project must end by %(date)s, the end of the fund's year.")
                    % {"date": date_format(latest, "SHORT_DATE_FORMAT")},
                )
            elif day and day > latest:
                add(
                    name,
                    _("Please choose a date up to %(date)s.")
                    % {"date": date_format(latest, "SHORT_DATE_FORMAT")},
                )
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
