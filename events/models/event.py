"""The event (one date or a series) and its QuerySet."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offices.models import Office, OfficeOwnedQuerySet
from stadtteilbuero.history import HistoricalRecords
from stadtteilbuero.images import ImageMixin
from stadtteilbuero.links import public_url
from stadtteilbuero.richtext import RichTextField

from .category import Category
from .schedule import MAX_DATE_SPAN, EventSchedule, weekdays_validator

# Paths under /veranstaltungen/ that an event slug must not take.
RESERVED_SLUGS = {"kalender", "feed"}


class EventQuerySet(OfficeOwnedQuerySet):
    def published(self):
        return self.filter(is_published=True, office__is_active=True)

    def upcoming(self, now=None):
        """Events with a date that has not ended yet."""
        from .occurrences import Occurrence  # occurrences.py imports Event

        dates = Occurrence.objects.filter(event=OuterRef("pk"), end__gt=now or timezone.now())
        return self.filter(Exists(dates))

    def with_next_date(self, now=None):
        """Annotate the start of the next date that has not ended, and whether that date
        is cancelled (`next_start`, `next_cancelled`)."""
        from .occurrences import Occurrence

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


class Event(ImageMixin, EventSchedule, models.Model):
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
        return public_url("events:event-detail", slug=self.slug)

    def get_ics_url(self):
        return public_url("events:event-ics", slug=self.slug)

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

    # --- status ----------------------------------------------------------------------

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_postponed(self):
        return self.status == self.Status.POSTPONED

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
