"""When an office is open: weekly hours (opening, consultation, counselling ...) and the
dated exceptions (closed for the holidays, changed times)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from stadtteilbuero.history import HistoricalRecords

from .office import Office
from .owned import OfficeOwnedQuerySet


class HoursKind(models.TextChoices):
    OPENING = "opening", _("Opening hours")
    CONSULTATION = "consultation", _("Citizens' consultation hours")
    COUNSELLING = "counselling", _("Social counselling")
    OTHER = "other", _("Other")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OfficeHours(models.Model):
    """A weekly time slot: opening hours, a consultation hour, counselling..."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="hours", verbose_name=_("office")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=HoursKind, default=HoursKind.OPENING)
    label = models.CharField(
        _("label"),
        max_length=100,
        blank=True,
        help_text=_("Optional own name instead of the kind, e.g. tenants' counselling."),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = OfficeOwnedQuerySet.as_manager()
    change_history = HistoricalRecords()

    class Meta:
        ordering = ["office", "weekday", "opens", "kind"]
        verbose_name = _("weekly hours")
        verbose_name_plural = _("weekly hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="hours_closes_after_opens"
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M} {self.title}"

    @property
    def title(self):
        return self.label or self.get_kind_display()

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError(
                {"closes": _("The end must be later than the start.")}, code="closes_before_opens"
            )


class HoursException(models.Model):
    """Dated change of the weekly hours: closed (holidays) or changed times."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("Closed")
        CHANGED = "changed", _("Changed hours")

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="hours_exceptions", verbose_name=_("office")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.CLOSED)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    applies_to = models.CharField(
        _("applies to"),
        max_length=20,
        choices=HoursKind,
        blank=True,
        help_text=_("Leave empty when it concerns all hours of the office."),
    )
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(
        _("note"), max_length=200, help_text=_("For example: Christmas holidays, summer holidays.")
    )

    objects = OfficeOwnedQuerySet.as_manager()
    change_history = HistoricalRecords()

    class Meta:
        ordering = ["office", "start_date"]
        verbose_name = _("changed or closed day")
        verbose_name_plural = _("changed or closed days")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="hoursexception_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(opens__isnull=True) | Q(closes__isnull=True) | Q(closes__gt=F("opens")),
                name="hoursexception_closes_after_opens",
            ),
        ]
        indexes = [models.Index(fields=["office", "end_date"], name="hoursexception_office_end")]

    def __str__(self):
        return f"{self.note} ({self.start_date:%d.%m.%Y}–{self.end_date:%d.%m.%Y})"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date must not be before the start date.")
        if self.kind == self.Kind.CHANGED and bool(self.opens) != bool(self.closes):
            errors["closes"] = _("Please give both times, or neither.")
        if self.opens and self.closes and self.closes <= self.opens:
            errors["closes"] = _("The end must be later than the start.")
        if errors:
            raise ValidationError(errors)

    def covers(self, day):
        return self.start_date <= day <= self.end_date
