import posixpath
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_city_admin
from stadtteilbuero.history import HistoricalRecords
from stadtteilbuero.images import ImageMixin
from stadtteilbuero.richtext import RichTextField
from stadtteilbuero.uploads import upload_path, validate_download_file

# --- Who manages what -------------------------------------------------------------


def managed_office_ids(user):
    """IDs of the offices a staff member belongs to, cached on the user for the request."""
    if not hasattr(user, "_managed_office_ids"):
        user._managed_office_ids = (
            list(user.office_memberships.values_list("office_id", flat=True))
            if user.is_authenticated and user.is_active and user.is_staff
            else []
        )
    return user._managed_office_ids


class OfficeOwnedQuerySet(models.QuerySet):
    """Base for every model that belongs to an office: staff manage only their own.

    `office_lookup` is the path from the model to its Office ("office",
    "project__office", ...). The admin mixin and the FK choices use `managed_by`.
    """

    office_lookup = "office"

    def managed_by(self, user):
        if is_city_admin(user):
            return self
        return self.filter(**{f"{self.office_lookup}__in": managed_office_ids(user)})

    def for_office(self, office):
        return self.filter(**{self.office_lookup: office})

    # `search()` uses the entries of the search type registered for `search_model`
    # (this model by default); `search_lookup` leads from this model to those objects.
    search_model = None
    search_lookup = "pk"

    def search(self, text):
        """Objects whose search entry matches `text` (stadtteilbuero.search): the one text
        search of every list's ?q= and of /suche/. A text without searchable words
        leaves the QuerySet as it is."""
        from stadtteilbuero.search import matching_ids
        from stadtteilbuero.search.registry import type_of

        search_type = type_of(self.search_model or self.model)
        ids = matching_ids(search_type.key, text)
        return self if ids is None else self.filter(**{f"{self.search_lookup}__in": ids})


# --- Office -------------------------------------------------------------------------


class OfficeQuerySet(OfficeOwnedQuerySet):
    office_lookup = "pk"

    def active(self):
        return self.filter(is_active=True)

    def with_hours(self):
        """Weekly hours and the exceptions from today on, for offices.hours.office_hours
        (two queries for any number of offices)."""
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
        return reverse("offices:office-detail", kwargs={"slug": self.slug})

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


# --- Hours --------------------------------------------------------------------------


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


# --- People and content ---------------------------------------------------------------


class WorkArea(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="work_areas", verbose_name=_("office")
    )
    title = models.CharField(_("title"), max_length=150)
    description = RichTextField(_("description"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = OfficeOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["office", "order", "title"]
        verbose_name = _("work area")
        verbose_name_plural = _("work areas")

    def __str__(self):
        return self.title


class TeamMemberQuerySet(OfficeOwnedQuerySet):
    def visible(self):
        return self.filter(is_visible=True)


class TeamMember(ImageMixin, models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="team", verbose_name=_("office")
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("For example: Deutsch, Türkisch")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_visible = models.BooleanField(_("visible"), default=True)

    objects = TeamMemberQuerySet.as_manager()
    change_history = HistoricalRecords()

    class Meta(ImageMixin.Meta):
        ordering = ["office", "order", "name"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return self.name


def download_upload_to(instance, filename):
    return upload_path(instance, filename, "downloads")


class Download(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="downloads", verbose_name=_("office")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=download_upload_to,
        validators=[validate_download_file],
        help_text=_("PDF or office document, at most 20 MB."),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = OfficeOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["office", "order", "title"]
        verbose_name = _("download")
        verbose_name_plural = _("downloads")

    def __str__(self):
        return self.title

    @property
    def extension(self):
        return posixpath.splitext(self.file.name)[1].lstrip(".").upper()


class NoticeQuerySet(OfficeOwnedQuerySet):
    def published(self):
        return self.filter(is_published=True, published_at__lte=timezone.now())

    def pinned(self):
        """Published notices that should stand as a banner on top until their date."""
        return self.published().filter(pinned_until__gte=timezone.now())

    def portal_wide(self):
        """News for every page: of the whole portal, or pinned portal-wide by a city
        administrator. Only these appear as a banner on the home page."""
        return self.filter(Q(office__isnull=True) | Q(pinned_portal_wide=True))

    def for_office_or_portal(self, office):
        return self.filter(Q(office=office) | Q(office__isnull=True) | Q(pinned_portal_wide=True))

    def visible_to(self, user):
        """The public sees published news; staff also preview their offices' drafts."""
        if user.is_staff and user.has_perm("offices.change_notice"):
            return self.filter(
                Q(pk__in=self.published().values("pk"))
                | Q(pk__in=self.managed_by(user).values("pk"))
            )
        return self.published()


class Notice(ImageMixin, models.Model):
    """News of an office or of the whole portal; optionally pinned as a banner."""

    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="notices",
        verbose_name=_("office"),
        null=True,
        blank=True,
        help_text=_("Leave empty for news of the whole portal (administrators only)."),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(
        _("summary"), max_length=400, blank=True, help_text=_("One or two sentences for lists.")
    )
    body = RichTextField(_("text"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    pinned_until = models.DateTimeField(
        _("pinned until"),
        null=True,
        blank=True,
        help_text=_("Shown as a notice on top of the office's pages until this date."),
    )
    pinned_portal_wide = models.BooleanField(
        _("pinned on the whole portal"),
        default=False,
        help_text=_(
            "Also shown on the home page and on every office's page (administrators only)."
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

    objects = NoticeQuerySet.as_manager()
    change_history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta(ImageMixin.Meta):
        ordering = ["-published_at"]
        get_latest_by = "published_at"
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        indexes = [
            models.Index(fields=["is_published", "-published_at"], name="notice_published_idx"),
            models.Index(fields=["office", "-published_at"], name="notice_office_idx"),
            models.Index(fields=["pinned_until"], name="notice_pinned_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("offices:notice-detail", kwargs={"slug": self.slug})

    @property
    def is_pinned(self):
        return self.pinned_until is not None and self.pinned_until >= timezone.now()
