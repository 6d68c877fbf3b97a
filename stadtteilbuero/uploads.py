"""Every check of an uploaded file in one place: images of the public pages, the offices'
downloads and the private files of fund applications (attachments, receipts, photos).

Files are checked by their content, not only by their name: an extension must match the
magic bytes, images must open in Pillow, decompression bombs are refused before any pixel
is decoded. Stored names are random (`upload_path`); the uploader's name is only shown.
"""

import os
import posixpath
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from PIL import Image

ALLOWED_IMAGE_FORMATS = {"JPEG": {".jpg", ".jpeg"}, "PNG": {".png"}, "WEBP": {".webp"}}
ALLOWED_IMAGE_EXTENSIONS = set().union(*ALLOWED_IMAGE_FORMATS.values())
DOWNLOAD_EXTENSIONS = {".pdf", ".odt", ".docx", ".xlsx", ".ods"}
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def upload_path(instance, filename, kind="images"):
    """<app>/<kind>/<yyyy>/<mm>/<random>.<ext>: no user-chosen name reaches the disk."""
    extension = posixpath.splitext(filename)[1].lower()[:10]
    today = timezone.localdate()
    return f"{instance._meta.app_label}/{kind}/{today:%Y/%m}/{uuid.uuid4().hex}{extension}"


def clean_file_name(name: str) -> str:
    """The uploader's file name for display: no folders, no odd characters."""
    base = os.path.basename((name or "").replace("\\", "/"))
    return get_valid_filename(base)[:150] if base.strip(". ") else "datei"


class DecompressionBomb(Exception):
    """The image has more pixels than can be opened safely."""


class UnreadableImage(Exception):
    """Pillow cannot read the file as an image."""


def verified_image_format(upload) -> str:
    """Pillow's format name of an uploaded image ("JPEG", "PNG", ...), after Pillow has
    verified the file; decompression bombs are refused before any pixel is decoded."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        if hasattr(upload, "seek"):
            upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image.verify()
                return image.format
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise DecompressionBomb from error
    except Exception as error:  # Pillow raises many types for broken files
        raise UnreadableImage from error
    finally:
        if hasattr(upload, "seek"):
            upload.seek(position)


def _head_and_tail(upload, size=1024):
    position = upload.tell()
    upload.seek(0)
    head = upload.read(size)
    try:
        upload.seek(-size, os.SEEK_END)
    except (OSError, ValueError):
        upload.seek(0)
    tail = upload.read()
    upload.seek(position)
    return head, tail


def _too_large(upload, limit, message):
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            message,
            code="file_too_large",
            params={"limit": filesizeformat(limit), "name": clean_file_name(upload.name)},
        )


def validate_image_file(upload):
    """Allow only real JPEG/PNG/WebP images of a sane size; refuse decompression bombs."""
    if getattr(upload, "_committed", False):
        # Already stored (an unchanged image on a later save): checked when it came in,
        # and reopening it would read the file again (from S3, too).
        return
    _too_large(
        upload, settings.IMAGE_MAX_UPLOAD_BYTES, _("The image is too large (at most %(limit)s).")
    )
    extension = posixpath.splitext(upload.name or "")[1].lower()
    if extension not in ALLOWED_IMAGE_EXTENSIONS:
        raise ValidationError(
            _("Please upload a JPEG, PNG or WebP image."), code="invalid_extension"
        )
    try:
        image_format = verified_image_format(upload)
    except DecompressionBomb as error:
        raise ValidationError(
            _("The image has too many pixels."), code="decompression_bomb"
        ) from error
    except UnreadableImage as error:
        raise ValidationError(
            _("The file is not a readable image."), code="invalid_image"
        ) from error
    if extension not in ALLOWED_IMAGE_FORMATS.get(image_format, set()):
        raise ValidationError(
            _("The file content does not match its extension (JPEG, PNG or WebP)."),
            code="invalid_format",
        )


def validate_download_file(upload):
    """An office's download: PDF or an office document of a sane size."""
    if getattr(upload, "_committed", False):
        return
    _too_large(
        upload, settings.DOWNLOAD_MAX_UPLOAD_BYTES, _("The file is too large (at most %(limit)s).")
    )
    extension = posixpath.splitext(upload.name or "")[1].lower()
    if extension not in DOWNLOAD_EXTENSIONS:
        raise ValidationError(
            _("Allowed are PDF and office documents (PDF, ODT, DOCX, XLSX, ODS)."),
            code="invalid_extension",
        )
    if extension == ".pdf":
        head, _tail = _head_and_tail(upload, size=5)
        if head != b"%PDF-":
            raise ValidationError(_("The file is not a PDF document."), code="invalid_pdf")


class DocumentKind(models.TextChoices):
    """What a private document of an applicant may be."""

    PDF = "pdf", "PDF"
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"

    @property
    def content_type(self):
        return {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}[self.value]


DOCUMENT_EXTENSIONS = {
    DocumentKind.PDF: {".pdf"},
    DocumentKind.JPEG: {".jpg", ".jpeg"},
    DocumentKind.PNG: {".png"},
}
PILLOW_DOCUMENT_KINDS = {"JPEG": DocumentKind.JPEG, "PNG": DocumentKind.PNG}


def document_kind(upload, *, images_only: bool = False) -> DocumentKind:
    """Check an applicant's file (PDF, JPEG or PNG, at most 10 MB) by its content and
    return its kind; `images_only` refuses PDFs (photos)."""
    name = clean_file_name(upload.name)
    _too_large(upload, DOCUMENT_MAX_BYTES, _("%(name)s is too large: at most 10 MB per file."))
    extension = os.path.splitext(upload.name or "")[1].lower()
    kind = next((k for k, exts in DOCUMENT_EXTENSIONS.items() if extension in exts), None)
    if kind is None:
        raise ValidationError(
            _("%(name)s: please attach PDF, JPEG or PNG files only."),
            code="invalid_extension",
            params={"name": name},
        )
    if images_only and kind == DocumentKind.PDF:
        raise ValidationError(
            _("%(name)s: please choose photos as JPEG or PNG files."),
            code="not_an_image",
            params={"name": name},
        )
    head, tail = _head_and_tail(upload)
    mismatch = ValidationError(
        _("%(name)s is not a real %(kind)s file."),
        code="invalid_content",
        params={"name": name, "kind": kind.label},
    )
    if kind == DocumentKind.PDF:
        if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
            raise mismatch
        return kind
    magic = b"\xff\xd8\xff" if kind == DocumentKind.JPEG else b"\x89PNG\r\n\x1a\n"
    if not head.startswith(magic):
        raise mismatch
    try:
        image_format = verified_image_format(upload)
    except DecompressionBomb as error:
        raise ValidationError(
            _("%(name)s has too many pixels to be checked safely."),
            code="decompression_bomb",
            params={"name": name},
        ) from error
    except UnreadableImage as error:
        raise mismatch from error
    if PILLOW_DOCUMENT_KINDS.get(image_format) != kind:
        raise mismatch
    return kind
