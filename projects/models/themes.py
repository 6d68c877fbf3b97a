"""What projects are filed under and done with: themes (Handlungsfelder) and partner
organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stadtteilbuero.links import public_url


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
        return public_url("projects:project-list") + f"?thema={self.slug}"


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
