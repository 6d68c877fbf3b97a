"""The office itself and the staff accounts that keep its pages."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from stadtteilbuero.history import HistoricalRecords
from stadtteilbuero.images import ImageMixin
from stadtteilbuero.links import public_url
from stadtteilbuero.richtext import RichTextField

from .owned import OfficeOwnedQuerySet


class OfficeQuerySet(OfficeOwnedQuerySet):
    office_lookup = "pk"

    def active(self):
        return self.filter(is_active=True)

    def with_hours(self):
        """Weekly hours and the exceptions from today on, for offices.hours.office_hours
        (two queries for any number of offices)."""
        from .hours import HoursException  # hours.py imports Office for its foreign keys

        return self.prefetch_related(
            "hours",
            models.Prefetch(
                "hours_exceptions",
                queryset=HoursException.objects.filter(end_date__gte=timezone.localdate()),
            ),
        )

    def matching_place(self, text):
        """Offices for "find your office": a postcode or a district, city or office name
        (one field on the home page)."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(postal_code__startswith=text)
            | Q(district__icontains=text)
            | Q(city__icontains=text)
            | Q(locality__icontains=text)
            | Q(name__icontains=text)
        )


office_code_validator = RegexValidator(
    r"^[A-Z0-9]{2,10}$", _("2 to 10 capital letters or digits, for example NORD.")
)


class Office(ImageMixin, models.Model):
    class FederalState(models.TextChoices):
        # ISO 3166-2:DE codes, as the holidays library names the states.
        BW = "BW", "Baden-Württemberg"
        BY = "BY", "Bayern"
        BE = "BE", "Berlin"
        BB = "BB", "Brandenburg"
        HB = "HB", "Bremen"
        HH = "HH", "Hamburg"
        HE = "HE", "Hessen"
        MV = "MV", "Mecklenburg-Vorpommern"
        NI = "NI", "Niedersachsen"
        NW = "NW", "Nordrhein-Westfalen"
        RP = "RP", "Rheinland-Pfalz"
        SL = "SL", "Saarland"
        SN = "SN", "Sachsen"
        ST = "ST", "Sachsen-Anhalt"
        SH = "SH", "Schleswig-Holstein"
        TH = "TH", "Thüringen"

    class Kind(models.TextChoices):
        STADTTEILBUERO = "stadtteilbuero", _("Neighbourhood office")
        QUARTIERSMANAGEMENT = "quartiersmanagement", _("Neighbourhood management")
        STADTTEILMANAGEMENT = "stadtteilmanagement", _("District management")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    code = models.CharField(
        _("short code"),
        max_length=10,
        unique=True,
        validators=[office_code_validator],
        help_text=_("Used in reference numbers of fund applications, e.g. NORD."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind, default=Kind.STADTTEILBUERO)
    city = models.CharField(_("city"), max_length=100)
    district = models.CharField(
        _("district"), max_length=200, help_text=_("The district(s) the office works for.")
    )
    summary = models.TextField(
        _("summary"), max_length=400, blank=True, help_text=_("One or two sentences for cards.")
    )
    description = RichTextField(_("description"))
    history = RichTextField(_("history"))
    carrier = models.CharField(
        _("carrier"),
        max_length=300,
        blank=True,
        help_text=_("Who runs the office (Trägerschaft), e.g. a welfare association."),
    )
    programme = models.CharField(
        _("funding programme"), max_length=200, blank=True, default="Sozialer Zusammenhalt"
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    locality = models.CharField(
        _("locality"), max_length=100, blank=True, help_text=_("Town as in the postal address.")
    )
    federal_state = models.CharField(
        _("federal state"),
        max_length=2,
        choices=FederalState,
        default=FederalState.NI,
        help_text=_("Its public holidays close the office."),
    )
    directions = models.CharField(
        _("how to find us"),
        max_length=300,
        blank=True,
        help_text=_("For example: next to the hairdresser, opposite the flower shop."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    answering_machine_note = models.CharField(
        _("answering machine"),
        max_length=300,
        blank=True,
        help_text=_("Shown with the hours, e.g. outside opening hours please leave a message."),
    )
    by_appointment = models.BooleanField(
        _("appointments by arrangement"),
        default=True,
        help_text=_("Residents can arrange an appointment outside the hours."),
    )
    hours_note = models.CharField(
        _("note on the hours"),
        max_length=300,
        blank=True,
        help_text=_("For example: during school holidays the consultation hours change."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="OfficeMembership",
        related_name="offices",
        verbose_name=_("staff with access"),
        blank=True,
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OfficeQuerySet.as_manager()
    change_history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta(ImageMixin.Meta):
        ordering = ["city", "name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        indexes = [models.Index(fields=["is_active", "city", "name"], name="office_active_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return public_url("offices:office-detail", slug=self.slug)

    @property
    def postal_address(self):
        return ", ".join(
            part for part in [self.street, f"{self.postal_code} {self.locality}".strip()] if part
        )

    @property
    def map_url(self):
        """A link to OpenStreetMap: no embedded widget, no request from our pages."""
        if self.latitude is not None and self.longitude is not None:
            return (
                "https://www.openstreetmap.org/?"
                + urlencode({"mlat": self.latitude, "mlon": self.longitude})
                + f"#map=18/{self.latitude}/{self.longitude}"
            )
        if self.postal_address:
            return "https://www.openstreetmap.org/search?" + urlencode(
                {"query": self.postal_address}
            )
        return ""

    @cached_property
    def hours_now(self):
        """When it is open around this moment (offices.hours.OfficeHours); no queries
        for offices loaded with Office.objects.with_hours()."""
        from offices.hours import office_hours  # hours.py reads the models of this package

        return office_hours(self, timezone.localtime())

    @property
    def phone_uri(self):
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""


class OfficeMembership(models.Model):
    """A staff account that keeps an office's pages; superusers need none."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("office")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="office_memberships",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OfficeOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["office", "user"]
        verbose_name = _("office membership")
        verbose_name_plural = _("office memberships")
        constraints = [models.UniqueConstraint(fields=["office", "user"], name="membership_unique")]

    def __str__(self):
        return f"{self.user} – {self.office}"
