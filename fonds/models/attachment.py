"""Files sent with an application: private storage only, served to the office's staff."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from offices.models import OfficeOwnedQuerySet
from stadtteilbuero.uploads import DocumentKind

from .application import Application
from .storage import PrivateFile

ATTACHMENT_MAX_FILES = 5


class AttachmentQuerySet(OfficeOwnedQuerySet):
    office_lookup = "application__fund__office"


class Attachment(PrivateFile):
    """A file sent with an application: private storage only, served to the office's staff."""

    UPLOAD_FOLDER = "attachments"
    Kind = DocumentKind

    class Purpose(models.TextChoices):
        ENCLOSURE = "enclosure", _("Enclosure")
        SIGNED_ORIGINAL = "signed_original", _("Signed original")

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("application"),
    )
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=Purpose, default=Purpose.ENCLOSURE, editable=False
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def get_download_url(self):
        return reverse("fonds:attachment-download", kwargs={"pk": self.pk})
