"""Who works at an office and on what: its work areas and its team."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stadtteilbuero.history import HistoricalRecords
from stadtteilbuero.images import ImageMixin
from stadtteilbuero.richtext import RichTextField

from .office import Office
from .owned import OfficeOwnedQuerySet


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
