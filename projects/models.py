"""Projects of the offices and ISEK measures (Maßnahmen of an integrated urban
development concept), with themes (Handlungsfelder), partners and an image gallery.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from offices.models import Office, OfficeOwnedQuerySet
from stadtteilbuero.history import HistoricalRecords
from stadtteilbuero.images import ImageMixin, image_field
from stadtteilbuero.richtext import RichTextField

LIST_HELP = _("One item per line.")


def lines(text):
    """The non-empty lines of a text field that holds a list (one item per line)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Theme(models.Model):
    """A field of action (Handlungsfeld), e.g. Wohnen und Wohnumfeld, Bildung, Kultur."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:project-list") + f"?thema={self.slug}"


class Partner(models.Model):
    """An organisation that runs projects together with an office, e.g. a culture factory."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


class ProjectQuerySet(OfficeOwnedQuerySet):
    def published(self):
        return self.filter(is_published=True, office__is_active=True)

    def current(self):
        """Planned and ongoing projects: what an office is doing now or next."""
        return self.exclude(status=Project.Status.COMPLETED)

    def featured_first(self):
        return self.order_by("-is_featured", *Project._meta.ordering)

    def visible_to(self, user):
        """The public sees published projects; staff who may change projects also
        preview the unpublished projects of their own offices (all, for superusers)."""
        if user.is_active and user.is_staff and user.has_perm("projects.change_project"):
            return self.filter(
                Q(pk__in=self.published().values("pk"))
                | Q(pk__in=self.managed_by(user).values("pk"))
            )
        return self.published()

    def related_to(self, project):
        """Other projects that share a theme with `project` (its themes prefetched or not)."""
        theme_ids = [theme.pk for theme in project.themes.all()]
        if not theme_ids:
            return self.none()
        # EXISTS rather than a join with DISTINCT: the newest projects are read in index
        # order and the first few that share a theme end the scan.
        shares_theme = Project.themes.through.objects.filter(
            project=OuterRef("pk"), theme_id__in=theme_ids
        )
        return self.filter(Exists(shares_theme)).exclude(pk=project.pk)

    def with_card_data(self):
        """Everything a project card shows, in a fixed number of queries."""
        return self.select_related("office").prefetch_related("themes")


class Project(ImageMixin, models.Model):
    class Kind(models.TextChoices):
        PROJECT = "project", _("Project")
        MEASURE = "measure", _("ISEK measure")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    class Priority(models.TextChoices):
        HIGH = "high", _("high")
        MEDIUM = "medium", _("medium")
        LOW = "low", _("low")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="projects", verbose_name=_("office")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.PROJECT)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.ONGOING)
    summary = models.TextField(
        _("summary"), max_length=500, help_text=_("One paragraph, shown on the project cards.")
    )
    description = RichTextField(_("description"))
    themes = models.ManyToManyField(
        Theme, related_name="projects", verbose_name=_("themes"), blank=True
    )
    partners = models.ManyToManyField(
        Partner,
        through="ProjectPartner",
        related_name="projects",
        verbose_name=_("partners"),
        blank=True,
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(
        _("end"), null=True, blank=True, help_text=_("Leave empty while the end is open.")
    )
    is_published = models.BooleanField(_("published"), default=False)
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Featured projects come first on the home page.")
    )

    # Only for ISEK measures (kind = measure).
    number = models.CharField(
        _("measure number"), max_length=20, blank=True, help_text=_("For example: O/N 1")
    )
    actors = models.TextField(
        _("actors"),
        blank=True,
        help_text=_("For example: city, external consultancy, local actors."),
    )
    goals = models.TextField(_("goals"), blank=True, help_text=LIST_HELP)
    first_steps = models.TextField(
        _("first steps"), blank=True, help_text=_("One step per line, in order.")
    )
    costs = models.DecimalField(
        _("costs (euros)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    financing = models.CharField(
        _("financing"),
        max_length=200,
        blank=True,
        help_text=_("For example: Städtebauförderung"),
    )
    priority = models.CharField(_("priority"), max_length=10, choices=Priority, blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("start (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The year the measure starts, e.g. 2023 for “from 2023”."),
    )
    duration_years = models.PositiveSmallIntegerField(
        _("duration (years)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    development_goals = models.TextField(_("development goals"), blank=True, help_text=LIST_HELP)
    synergies = models.TextField(
        _("synergies"), blank=True, help_text=_("Related themes (Handlungsfelder), one per line.")
    )

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

    objects = ProjectQuerySet.as_manager()
    change_history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    MEASURE_FIELDS = (
        "number",
        "actors",
        "goals",
        "first_steps",
        "costs",
        "financing",
        "priority",
        "start_year",
        "duration_years",
        "development_goals",
        "synergies",
    )

    class Meta(ImageMixin.Meta):
        ordering = ["-start_date", "-created_at"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            *ImageMixin.Meta.constraints,
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="project_end_after_start",
                violation_error_message=_("The end must not be before the start."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="measure")
                | (~Q(number="") & Q(costs__isnull=False) & ~Q(priority="")),
                name="project_measure_has_facts",
                violation_error_message=_("A measure needs a number, costs and a priority."),
            ),
            models.CheckConstraint(
                condition=Q(kind="measure")
                | (Q(number="") & Q(costs__isnull=True) & Q(priority="")),
                name="project_plain_without_measure_facts",
                violation_error_message=_("Only measures have a number, costs and a priority."),
            ),
            models.CheckConstraint(
                condition=Q(costs__isnull=True) | Q(costs__gte=0), name="project_costs_positive"
            ),
            models.UniqueConstraint(
                fields=["office", "number"],
                condition=~Q(number=""),
                name="project_number_unique_per_office",
                violation_error_message=_("This office already has a measure with this number."),
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "-start_date"], name="project_published_idx"),
            models.Index(fields=["office", "-start_date"], name="project_office_idx"),
            # The admin's default order (-start_date, -created_at, -pk).
            models.Index(fields=["start_date", "created_at", "id"], name="project_start_idx"),
            models.Index(fields=["status", "kind"], name="project_status_kind_idx"),
        ]

    def __str__(self):
        if self.is_measure and self.number:
            return f"{self.number} {self.title}"
        return self.title

    def get_absolute_url(self):
        return reverse("projects:project-detail", kwargs={"slug": self.slug})

    @property
    def is_measure(self):
        return self.kind == self.Kind.MEASURE

    @property
    def goals_list(self):
        return lines(self.goals)

    @property
    def first_steps_list(self):
        return lines(self.first_steps)

    @property
    def development_goals_list(self):
        return lines(self.development_goals)

    @property
    def synergies_list(self):
        return lines(self.synergies)

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors.setdefault("end_date", []).append(
                ValidationError(_("The end must not be before the start."), code="end_before_start")
            )
        if self.kind == self.Kind.MEASURE:
            required = {
                "number": _("A measure needs its number, e.g. O/N 1."),
                "costs": _("A measure needs its costs in euros."),
                "priority": _("A measure needs a priority."),
            }
            for name, message in required.items():
                if getattr(self, name) in (None, ""):
                    errors.setdefault(name, []).append(
                        ValidationError(message, code="measure_required")
                    )
        else:
            for name in self.MEASURE_FIELDS:
                if getattr(self, name) not in (None, ""):
                    errors.setdefault(name, []).append(
                        ValidationError(
                            _(
                                "Only ISEK measures have this detail. Please clear the field "
                                "or choose the kind “ISEK measure”."
                            ),
                            code="measure_only",
                        )
                    )
        if errors:
            raise ValidationError(errors)


class ProjectPartnerQuerySet(OfficeOwnedQuerySet):
    office_lookup = "project__office"


class ProjectPartner(models.Model):
    """A partner of a project, with its role in the project."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="project_partners",
        verbose_name=_("project"),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("For example: co-organiser")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ProjectPartnerQuerySet.as_manager()

    class Meta:
        ordering = ["project", "order", "partner__name"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(fields=["project", "partner"], name="projectpartner_unique")
        ]

    def __str__(self):
        return f"{self.partner} – {self.project}"


class GalleryImageQuerySet(OfficeOwnedQuerySet):
    office_lookup = "project__office"


class GalleryImage(ImageMixin, models.Model):
    """One picture of a project's gallery; the alt text is required."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="gallery", verbose_name=_("project")
    )
    image = image_field(blank=False)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = GalleryImageQuerySet.as_manager()

    class Meta(ImageMixin.Meta):
        ordering = ["project", "order", "pk"]
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")

    def __str__(self):
        return self.caption or self.image_alt
