"""The project (or ISEK measure) of an office, and its QuerySet: what the public
sees, a project's status today, related projects."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offices.models import Office, OfficeOwnedQuerySet
from stadtteilbuero.history import HistoricalRecords
from stadtteilbuero.images import ImageMixin
from stadtteilbuero.links import public_url
from stadtteilbuero.richtext import RichTextField

from ..status import OVERRIDE_CHOICES, Status, status_condition, status_on
from .measures import LIST_HELP, ProjectMeasure
from .themes import Partner, Theme


class ProjectQuerySet(OfficeOwnedQuerySet):
    def published(self):
        return self.filter(is_published=True, office__is_active=True)

    def in_status(self, *statuses):
        """Projects whose shown status (Project.status) is one of `statuses`, today."""
        return self.filter(status_condition(statuses, timezone.localdate()))

    def current(self):
        """Planned and ongoing projects: what an office is doing now or next."""
        return self.in_status(Project.Status.PLANNED, Project.Status.ONGOING)

    def concerning(self, office):
        """The projects of `office` and those of other offices that also concern its
        district (Project.also_concerns)."""
        # One IN over the union of both id lists, each read from its office index: with
        # "office = x OR pk IN (…)" PostgreSQL walked every published project instead.
        own = Project.objects.filter(office=office).order_by().values("pk")
        also = Project.also_concerns.through.objects.filter(office=office).values("project_id")
        return self.filter(pk__in=own.union(also))

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


class Project(ImageMixin, ProjectMeasure, models.Model):
    class Kind(models.TextChoices):
        PROJECT = "project", _("Project")
        MEASURE = "measure", _("ISEK measure")

    Status = Status

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
    # Empty: the shown status follows the period (Project.status).
    status_override = models.CharField(
        _("status"),
        max_length=10,
        blank=True,
        choices=OVERRIDE_CHOICES,
        help_text=_(
            "Automatic: planned before the start, ongoing until the end, completed after it. "
            "Choose a status only when it differs from the period, e.g. a project that "
            "ended early."
        ),
    )
    summary = models.TextField(
        _("summary"), max_length=500, help_text=_("One paragraph, shown on the project cards.")
    )
    description = RichTextField(_("description"))
    also_concerns = models.ManyToManyField(
        Office,
        related_name="concerning_projects",
        verbose_name=_("also concerns"),
        blank=True,
        help_text=_(
            "Other offices whose districts the project concerns. It is shown on their pages "
            "too; only the staff of the project's own office change it."
        ),
    )
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
        ]

    def __str__(self):
        if self.is_measure and self.number:
            return f"{self.number} {self.title}"
        return self.title

    def get_absolute_url(self):
        return public_url("projects:project-detail", slug=self.slug)

    @property
    def status(self):
        """The status shown to the public, today (projects/status.py)."""
        return status_on(self.status_override, self.start_date, self.end_date, timezone.localdate())

    def get_status_display(self):
        return self.status.label

    @staticmethod
    def validate_also_concerns(office, offices):
        """The offices a project also concerns are other offices than its own."""
        if office is not None and office in offices:
            raise ValidationError(
                _("%(office)s is the project's own office; choose only other offices."),
                code="own_office",
                params={"office": office},
            )

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
        self._add_measure_errors(errors)
        if errors:
            raise ValidationError(errors)
