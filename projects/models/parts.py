"""What belongs to one project: its partners with their roles, and its image gallery."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from offices.models import OfficeOwnedQuerySet
from stadtteilbuero.images import ImageMixin, image_field

from .project import Project
from .themes import Partner


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
