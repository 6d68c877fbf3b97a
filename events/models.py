import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from offices.models import Office, OfficeOwnedQuerySet, Weekday
from stadtteilbuero.history import HistoricalRecords
from stadtteilbuero.images import ImageMixin
from stadtteilbuero.richtext import RichTextField

from . import recurrence

MONTHLY_TEXT = {
    1: _("Every first %(day)s of the month"),
    2: _("Every second %(day)s of the month"),
    3: _("Every third %(day)s of the month"),
    4: _("Every fourth %(day)s of the month"),
    -1: _("Every last %(day)s of the month"),
}

weekdays_validator = RegexValidator(
    r"^([0-6](,[0-6])*)?$", _("Please choose weekdays from the list.")
)

# Paths under /veranstaltungen/ that an event slug must not take.
RESERVED_SLUGS = {"kalender", "feed"}
# A recurring event may run at most this long (it is expanded into stored dates).
MAX_RECURRENCE_SPAN = datetime.timedelta(days=3 * 366)
# One date (an exhibition, a festival weekend) lasts at most this long. The bound lets
# the date queries read the start index from a lower bound instead of from the oldest date.
MAX_DATE_SPAN = datetime.timedelta(days=92)


class Category(models.Model):
    """Kind of event (Fest, Stadtteilkonferenz, Rundgang ...): an editable list."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("event category")
        verbose_name_plural = _("event categories")

    def __str__(self):
        return self.name


class EventQuerySet(OfficeOwnedQuerySet):
    def published(self):
        return self.filter(is_published=True, office__is_active=True)

    def upcoming(self, now=None):
        """Events with a date that has not ended yet."""
        dates = Occurrence.objects.filter(event=OuterRef("pk"), end__gt=now or timezone.now())
        return self.filter(Exists(dates))

    def with_next_date(self, now=None):
        """Annotate the start of the next date that has not ended, and whether that date
        is cancelled (`next_start`, `next_cancelled`)."""
        dates = Occurrence.objects.filter(
            event=OuterRef("pk"), end__gt=now or timezone.now()
        ).order_by("start")
        return self.annotate(
            next_start=Subquery(dates.values("start")[:1]),
            next_cancelled=Subquery(dates.values("is_cancelled")[:1]),
        )

    def visible_to(self, user):
        """The public sees published events; staff also preview their offices' drafts."""
        if user.is_staff and user.has_perm("events.change_event"):
            return self.filter(
                Q(pk__in=self.published().values("pk"))
                | Q(pk__in=self.managed_by(user).values("pk"))
            )
        return self.published()


class Event(ImageMixin, models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Takes place")
        CANCELLED = "cancelled", _("Cancelled")
        POSTPONED = "postponed", _("Postponed")

    class Registration(models.TextChoices):
        NONE = "none", _("No registration needed")
        REQUIRED = "required", _("Registration required")

    class Recurrence(models.TextChoices):
        NONE = "none", _("Single date")
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")

    class WeekOfMonth(models.IntegerChoices):
        FIRST = 1, _("first")
        SECOND = 2, _("second")
        THIRD = 3, _("third")
        FOURTH = 4, _("fourth")
        LAST = -1, _("last")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="events", verbose_name=_("office")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("Part of the address of the page.")
    )
    summary = models.TextField(
        _("summary"), max_length=400, blank=True, help_text=_("One or two sentences for lists.")
    )
    description = RichTextField(_("description"))
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="events", verbose_name=_("category")
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("project"),
        help_text=_("Optional: the project of the same office this event belongs to."),
    )
    start = models.DateTimeField(_("start"), help_text=_("For a recurring event: the first date."))
    end = models.DateTimeField(
        _("end"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. For a recurring event: the end of the first date. "
            "For an all-day event: the last day."
        ),
    )
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("The times of start and end are not shown.")
    )
    location_name = models.CharField(
        _("location"),
        max_length=200,
        blank=True,
        help_text=_("For example: Stadtteiltreff, Marktplatz."),
    )
    address = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        help_text=_(
            "Street, postal code and town, for the map link. Example: Hochkamp 25, 31137 Hildesheim"
        ),
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    price = models.CharField(
        _("price"),
        max_length=200,
        blank=True,
        help_text=_("When it is not free, for example: 5 €, reduced 3 €."),
    )
    registration = models.CharField(
        _("registration"), max_length=20, choices=Registration, default=Registration.NONE
    )
    registration_info = models.CharField(
        _("how to register"),
        max_length=300,
        blank=True,
        help_text=_("For example: by phone 05121 / 281 63 11 or by e-mail until 1 June."),
    )
    accessibility = models.CharField(
        _("accessibility"),
        max_length=300,
        blank=True,
        help_text=_("For example: step-free access, sign language interpretation."),
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("For example: Deutsch, Türkisch"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.SCHEDULED)
    status_note = models.CharField(
        _("note on the status"),
        max_length=300,
        blank=True,
        help_text=_("Shown beside a cancellation or postponement, e.g. a new date follows."),
    )
    recurrence = models.CharField(
        _("repeats"),
        max_length=10,
        choices=Recurrence,
        default=Recurrence.NONE,
        help_text=_(
            "Weekly: on the weekdays ticked below. Monthly: on the same weekday as the "
            "first date, in the week of the month chosen below (e.g. every first Monday)."
        ),
    )
    recurrence_weekdays = models.CharField(
        _("on weekdays"),
        max_length=20,
        blank=True,
        validators=[weekdays_validator],
        help_text=_("Only for weekly events. Empty means the weekday of the first date."),
    )
    recurrence_week = models.SmallIntegerField(
        _("week of the month"),
        choices=WeekOfMonth,
        null=True,
        blank=True,
        help_text=_("Only for monthly events: every first, second ... or last weekday."),
    )
    recurrence_until = models.DateField(
        _("repeats until"),
        null=True,
        blank=True,
        help_text=_(
            "The last possible date (required for a recurring event, at most three years)."
        ),
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()
    change_history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta(ImageMixin.Meta):
        ordering = ["-start"]
        get_latest_by = "start"
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            *ImageMixin.Meta.constraints,
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="event_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(recurrence="none") | Q(recurrence_until__isnull=False),
                name="event_recurrence_has_until",
            ),
        ]
        indexes = [
            models.Index(fields=["office", "-start"], name="event_office_start_idx"),
            # The admin's default order (-start, -pk) and its date hierarchy.
            models.Index(fields=["start", "id"], name="event_start_idx"),
            models.Index(fields=["is_published", "-start"], name="event_published_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    def get_ics_url(self):
        return reverse("events:event-ics", kwargs={"slug": self.slug})

    # --- checks ----------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is reserved, please choose another one.")
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end must not be before the start.")
        elif self.start and self.end and self.end - self.start > MAX_DATE_SPAN:
            errors["end"] = _(
                "One date may last at most three months. For a longer offer, please "
                "choose a weekly or monthly date."
            )
        if not self.is_free and not self.price.strip():
            errors["price"] = _("Please give the price, or tick 'free of charge'.")
        if self.registration == self.Registration.REQUIRED and not self.registration_info.strip():
            errors["registration_info"] = _("Please say how to register.")
        if self.project_id and self.office_id and self.project.office_id != self.office_id:
            errors["project"] = _("Please choose a project of the same office.")
        errors.update(self._recurrence_errors())
        if errors:
            raise ValidationError(errors)

    def _recurrence_errors(self):
        errors = {}
        if self.recurrence == self.Recurrence.NONE or not self.start:
            return errors
        first = timezone.localtime(self.start).date()
        if not self.recurrence_until:
            errors["recurrence_until"] = _("Please give the last possible date.")
        elif self.recurrence_until < first:
            errors["recurrence_until"] = _("The last date must not be before the first date.")
        elif self.recurrence_until - first > MAX_RECURRENCE_SPAN:
            errors["recurrence_until"] = _("A recurring event may run for at most three years.")
        if self.recurrence == self.Recurrence.MONTHLY and not self.recurrence_week:
            errors["recurrence_week"] = _("Please choose the week of the month.")
        if self.recurrence == self.Recurrence.WEEKLY:
            try:
                weekdays_validator(self.recurrence_weekdays)
            except ValidationError as error:
                errors["recurrence_weekdays"] = error
        if errors:
            return errors
        if not recurrence.matches_rule(
            frequency=self.recurrence,
            day=first,
            weekdays=self.weekday_list,
            week_of_month=self.recurrence_week,
        ):
            errors["start"] = _(
                "The first date does not follow the rule. Please choose a first date "
                "on one of the chosen days."
            )
        elif recurrence.too_many_dates(**self.rule_arguments()):
            errors["recurrence_until"] = _(
                "These are more than %(count)d dates. Please choose an earlier last date."
            ) % {"count": recurrence.MAX_OCCURRENCES}
        return errors

    # --- dates -----------------------------------------------------------------------

    @property
    def weekday_list(self):
        """The chosen weekdays as numbers (0 = Monday), e.g. [1, 3] for "1,3"."""
        return sorted({int(day) for day in self.recurrence_weekdays.split(",") if day.isdigit()})

    @property
    def is_recurring(self):
        return self.recurrence != self.Recurrence.NONE

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_postponed(self):
        return self.status == self.Status.POSTPONED

    def rule_arguments(self):
        return {
            "frequency": self.recurrence,
            "dtstart": timezone.localtime(self.start).replace(tzinfo=None),
            "until": self.recurrence_until,
            "weekdays": self.weekday_list,
            "week_of_month": self.recurrence_week,
        }

    def _span(self):
        """(duration, days) of one date, from the first date's start and end."""
        start = timezone.localtime(self.start).replace(tzinfo=None)
        if self.all_day:
            last = timezone.localtime(self.end).date() if self.end else start.date()
            return None, max((last - start.date()).days, 0) + 1
        if self.end:
            return timezone.localtime(self.end).replace(tzinfo=None) - start, 0
        return recurrence.DEFAULT_DURATION, 0

    def date_spans(self):
        """Aware (start, end) of every date of this event, cancelled dates included."""
        duration, days = self._span()
        return [
            recurrence.aware_span(naive, duration=duration, all_day=self.all_day, days=days)
            for naive in recurrence.local_starts(**self.rule_arguments())
        ]

    @property
    def recurrence_description(self):
        """In words: 'Every week on Tuesday, until 30 June 2026'."""
        if not self.is_recurring:
            return ""
        first = timezone.localtime(self.start).date()
        until = date_format(self.recurrence_until, "DATE_FORMAT")
        if self.recurrence == self.Recurrence.WEEKLY:
            days = sorted(set(self.weekday_list or [first.weekday()]))
            names = ", ".join(str(Weekday(day).label) for day in days)
            return _("Every week on %(days)s, until %(until)s") % {"days": names, "until": until}
        rule = MONTHLY_TEXT[self.recurrence_week or 1] % {"day": Weekday(first.weekday()).label}
        return _("%(rule)s, until %(until)s") % {"rule": rule, "until": until}

    # --- links -----------------------------------------------------------------------

    @property
    def map_url(self):
        """A link to OpenStreetMap: no embedded widget, no request from our pages."""
        query = self.address or self.location_name
        if not query:
            return ""
        return "https://www.openstreetmap.org/search?" + urlencode({"query": query})

    @property
    def place(self):
        return ", ".join(part for part in [self.location_name, self.address] if part)


class CancelledDate(models.Model):
    """One date of a recurring event that does not take place."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="cancelled_dates", verbose_name=_("event")
    )
    date = models.DateField(_("date"))
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("For example: holidays, illness.")
    )

    class QuerySet(OfficeOwnedQuerySet):
        office_lookup = "event__office"

    objects = QuerySet.as_manager()

    class Meta:
        ordering = ["event", "date"]
        verbose_name = _("cancelled date")
        verbose_name_plural = _("cancelled dates")
        constraints = [
            models.UniqueConstraint(fields=["event", "date"], name="cancelleddate_unique")
        ]

    def __str__(self):
        return f"{self.event} – {self.date:%d.%m.%Y}"

    def clean(self):
        super().clean()
        try:
            event = self.event
        except Event.DoesNotExist:
            return
        if not event.start or not self.date:
            return
        try:
            days = {timezone.localtime(start).date() for start, _end in event.date_spans()}
        except (TypeError, ValueError):
            return  # the event's own fields are wrong; its form reports that
        if self.date not in days:
            raise ValidationError(
                {"date": _("The event has no date on this day.")}, code="no_such_date"
            )


class OccurrenceQuerySet(OfficeOwnedQuerySet):
    office_lookup = "event__office"
    search_model = Event
    search_lookup = "event"

    def published(self):
        return self.filter(event__is_published=True, event__office__is_active=True)

    def upcoming(self, now=None):
        """Dates that have not ended yet, soonest first (none started more than
        MAX_DATE_SPAN ago: the lower bound of the index scan)."""
        now = now or timezone.now()
        return self.filter(start__gt=now - MAX_DATE_SPAN, end__gt=now).order_by("start", "event_id")

    def past(self, now=None):
        """Dates that are over, latest first."""
        now = now or timezone.now()
        return self.filter(start__lt=now, end__lte=now).order_by("-start", "event_id")

    def between(self, start, end):
        """Dates that overlap the span [start, end)."""
        return self.filter(start__gt=start - MAX_DATE_SPAN, start__lt=end, end__gt=start)

    def free(self):
        return self.filter(event__is_free=True)

    def in_category(self, category):
        return self.filter(event__category=category)

    def with_event(self):
        return self.select_related("event", "event__office", "event__category")

    def for_project(self, project):
        return self.filter(event__project=project)


class Occurrence(models.Model):
    """One date of an event, stored so lists, calendar and feeds filter in the database.

    Rows are written only by events.services.event_sync_occurrences."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("event")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    is_cancelled = models.BooleanField(_("cancelled"), default=False)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["start", "event_id"]
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        constraints = [
            models.UniqueConstraint(fields=["event", "start"], name="occurrence_unique"),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="occurrence_end_after_start"
            ),
        ]
        indexes = [
            # With the end, the upcoming dates are found in the index alone.
            models.Index(fields=["start", "end"], name="occurrence_start_idx"),
            models.Index(fields=["end", "start"], name="occurrence_end_idx"),
        ]

    def __str__(self):
        return f"{self.event} – {timezone.localtime(self.start):%d.%m.%Y %H:%M}"

    def get_absolute_url(self):
        return self.event.get_absolute_url()

    @property
    def day(self):
        return timezone.localtime(self.start).date()

    @property
    def last_day(self):
        """The last calendar day this date touches (end is exclusive at midnight)."""
        end = timezone.localtime(self.end)
        if end.time() == datetime.time.min and self.end > self.start:
            return (end - datetime.timedelta(days=1)).date()
        return end.date()

    @property
    def is_multi_day(self):
        return self.last_day > self.day

    @property
    def cancelled(self):
        """Whether this date does not take place: cancelled alone or with the event."""
        return self.is_cancelled or self.event.is_cancelled

    @property
    def shows_end(self):
        return self.event.end is not None
