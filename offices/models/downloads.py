"""Files an office offers for download (forms, flyers, reports)."""

import posixpath

from django.db import models
from django.utils.translation import gettext_lazy as _

from stadtteilbuero.uploads import upload_path, validate_download_file

from .office import Office
from .owned import OfficeOwnedQuerySet


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
