"""Private storage of applicants' files: outside MEDIA_ROOT, with no URL at all."""

import os

from django.conf import settings
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from stadtteilbuero.pagecache import NotOnPublicPages
from stadtteilbuero.storage import CleanFileSystemStorage
from stadtteilbuero.uploads import DocumentKind, clean_file_name, document_kind, upload_path


@deconstructible
class PrivateStorage(CleanFileSystemStorage):
    """Applicants' attachments: under settings.PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT,
    with no URL at all. Only the permission-checked download view reads them.

    The root is read from the settings on every use, so a changed setting (tests) applies.
    """

    def __init__(self):
        # Readable by the application's user only, not by every account on the server.
        super().__init__(
            location=None,
            base_url=None,
            file_permissions_mode=0o600,
            directory_permissions_mode=0o700,
        )

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Attachments of fund applications have no public URL.")


private_storage = PrivateStorage()


def private_upload_to(instance, filename):
    """fonds/<folder>/<yyyy>/<mm>/<random>.<ext>: the applicant's name never reaches disk."""
    return upload_path(instance, filename, instance.UPLOAD_FOLDER)


class PrivateFile(NotOnPublicPages, models.Model):
    """A file of an applicant (attachment, receipt, photo): private storage only, checked
    by content on the way in (stadtteilbuero.uploads), served to the office's staff only."""

    UPLOAD_FOLDER = "files"

    file = models.FileField(
        _("file"), upload_to=private_upload_to, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("original file name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    @property
    def content_type(self):
        return DocumentKind(self.kind).content_type

    def store(self, upload, *, images_only: bool = False):
        """Check `upload`, write it under a random name and save the row. The caller's
        transaction must delete the file again if it rolls back (see services.files)."""
        self.kind = document_kind(upload, images_only=images_only)
        self.original_name = clean_file_name(upload.name)
        self.size = upload.size
        self.file.save(upload.name, upload, save=False)
        self.save()
        return self


# --- Payouts ----------------------------------------------------------------------------
