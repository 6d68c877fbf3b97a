"""A community room of an office, its bookable hours, photos and closures."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from offices.models import HoursException, HoursKind, OfficeOwnedQuerySet, Weekday
from stadtteilbuero.images import ImageMixin, image_field
from stadtteilbuero.links import public_url
from stadtteilbuero.richtext import RichTextField


def new_feed_token():
    return secrets.token_urlsafe(32)


class RoomQuerySet(OfficeOwnedQuerySet):
    def active(self):
        """Bookable rooms of active offices: the public list, pages and sitemap."""
        return self.filter(is_active=True, office__is_active=True)

    def with_office(self):
        return self.select_related("office")

    def for_people(self, people: int):
        return self.filter(capacity__gte=people)

    def with_features(self, field_names):
        return self.filter(**dict.fromkeys(field_names, True))

    def open_on(self, day: datetime.date, start: datetime.time | None = None, end=None):
        """Rooms with bookable hours on `day` (covering start–end when given), and no
        closure of the room or of its office on that day."""
        hours = RoomHours.objects.filter(room=OuterRef("pk"), weekday=day.weekday())
        if start is not None and end is not None:
            hours = hours.filter(opens__lte=start, closes__gte=end)
        room_closed = RoomClosure.objects.filter(
            room=OuterRef("pk"), start_date__lte=day, end_date__gte=day
        )
        office_closed = HoursException.objects.filter(
            office=OuterRef("office"),
            kind=HoursException.Kind.CLOSED,
            applies_to__in=["", HoursKind.OPENING],
            start_date__lte=day,
            end_date__gte=day,
        )
        return (
            self.filter(Exists(hours)).exclude(Exists(room_closed)).exclude(Exists(office_closed))
        )

    def free_between(self, start: datetime.datetime, end: datetime.datetime):
        """Rooms without a confirmed booking overlapping start–end."""
        from .booking import Booking

        busy = Booking.objects.filter(room=OuterRef("pk"), start__lt=end, end__gt=start)
        return self.exclude(Exists(busy))


class Room(ImageMixin, models.Model):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Residents, initiatives and associations")
        GROUPS = "groups", _("Initiatives and associations only")
        OFFICE_PARTNERS = "partners", _("Partners of the office only")

    office = models.ForeignKey(
        "offices.Office", on_delete=models.PROTECT, related_name="rooms", verbose_name=_("office")
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One sentence for the room list.")
    )
    description = RichTextField(_("description"))
    location = models.CharField(
        _("where"),
        max_length=200,
        blank=True,
        help_text=_("For example: ground floor, entrance from the courtyard."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        validators=[MinValueValidator(1), MaxValueValidator(2000)],
        help_text=_("How many people fit in at most."),
    )
    size_sqm = models.PositiveSmallIntegerField(_("size in m²"), null=True, blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessibility_note = models.CharField(_("note on accessibility"), max_length=300, blank=True)
    has_kitchen = models.BooleanField(_("kitchen"), default=False)
    has_projector = models.BooleanField(_("projector"), default=False)
    has_tables_chairs = models.BooleanField(_("chairs and tables"), default=True)
    has_wifi = models.BooleanField(_("Wi-Fi"), default=False)
    equipment_note = models.CharField(_("other equipment"), max_length=300, blank=True)
    audience = models.CharField(
        _("who may book"), max_length=20, choices=Audience, default=Audience.EVERYONE
    )
    non_commercial_only = models.BooleanField(
        _("non-commercial use only"), default=True, help_text=_("No sales, no paid courses.")
    )
    price = models.DecimalField(
        _("price per use"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Empty or 0: free of charge."),
    )
    price_note = models.CharField(
        _("note on the price"),
        max_length=200,
        blank=True,
        help_text=_("For example: donation for the coffee kitty welcome."),
    )
    house_rules = models.TextField(_("house rules"), blank=True)
    key_handover = models.CharField(
        _("key handover"),
        max_length=300,
        blank=True,
        help_text=_("For example: collect the key during opening hours the day before."),
    )
    lead_days = models.PositiveSmallIntegerField(
        _("booking lead time in days"),
        default=3,
        validators=[MaxValueValidator(90)],
        help_text=_("Requests must come at least this many days ahead."),
    )
    max_hours = models.PositiveSmallIntegerField(
        _("longest booking in hours"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    max_days_ahead = models.PositiveSmallIntegerField(
        _("bookable up to days ahead"),
        default=180,
        validators=[MinValueValidator(7), MaxValueValidator(730)],
        help_text=_("Also the end of a weekly booking."),
    )
    is_active = models.BooleanField(_("bookable"), default=True)
    feed_token = models.CharField(
        _("calendar token"), max_length=64, unique=True, default=new_feed_token, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RoomQuerySet.as_manager()

    # Filter values of the public list (German, in the URL) and the fields they mean.
    EQUIPMENT = {
        "kueche": ("has_kitchen", _("kitchen")),
        "beamer": ("has_projector", _("projector")),
        "tische": ("has_tables_chairs", _("chairs and tables")),
        "wlan": ("has_wifi", _("Wi-Fi")),
    }
    ACCESSIBILITY = {
        "stufenlos": ("step_free", _("step-free access")),
        "wc": ("accessible_toilet", _("accessible toilet")),
        "hoeranlage": ("hearing_loop", _("hearing loop")),
    }

    class Meta(ImageMixin.Meta):
        ordering = ["office__name", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            *ImageMixin.Meta.constraints,
            models.CheckConstraint(condition=Q(capacity__gte=1), name="room_capacity_positive"),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="room_price_not_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["is_active", "office", "name"], name="room_active_idx"),
            models.Index(fields=["capacity"], name="room_capacity_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.office})"

    def get_absolute_url(self):
        return public_url("rooms:room-detail", slug=self.slug)

    def get_request_url(self):
        return public_url("rooms:request-create", slug=self.slug)

    @property
    def is_free_of_charge(self):
        return not self.price

    def features(self, table):
        """Labels of the features of one table (EQUIPMENT, ACCESSIBILITY) the room has."""
        return [label for field, label in table.values() if getattr(self, field)]

    @property
    def equipment_labels(self):
        return self.features(self.EQUIPMENT)

    @property
    def accessibility_labels(self):
        return self.features(self.ACCESSIBILITY)


class RoomOwnedQuerySet(OfficeOwnedQuerySet):
    office_lookup = "room__office"


class RoomHours(models.Model):
    """When the room can be booked on a weekday (several slots per day are fine)."""

    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="hours", verbose_name=_("room")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday)
    opens = models.TimeField(_("from"))
    closes = models.TimeField(_("until"))

    objects = RoomOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["room", "weekday", "opens"]
        verbose_name = _("bookable hours")
        verbose_name_plural = _("bookable hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="roomhours_closes_after_opens"
            )
        ]
        indexes = [models.Index(fields=["weekday", "opens", "closes"], name="roomhours_day_idx")]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError(
                {"closes": _("The end must be later than the start.")}, code="closes_before_opens"
            )


class RoomPhoto(ImageMixin, models.Model):
    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="photos", verbose_name=_("room")
    )
    image = image_field(blank=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = RoomOwnedQuerySet.as_manager()

    class Meta(ImageMixin.Meta):
        ordering = ["room", "order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("more photos")

    def __str__(self):
        return self.image_alt


class RoomClosure(models.Model):
    """Days the room cannot be booked (renovation, the office's own use). The office's
    closed days (holidays) count too, without being entered here."""

    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="closures", verbose_name=_("room")
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    note = models.CharField(_("reason"), max_length=200, help_text=_("Shown on the room's page."))

    objects = RoomOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["room", "start_date"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="roomclosure_end_after_start"
            )
        ]
        indexes = [models.Index(fields=["room", "end_date"], name="roomclosure_room_end_idx")]

    def __str__(self):
        return f"{self.note} ({self.start_date:%d.%m.%Y}–{self.end_date:%d.%m.%Y})"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end date must not be before the start date.")},
                code="end_before_start",
            )
