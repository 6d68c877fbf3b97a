"""Kinds of event: an editable list."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
