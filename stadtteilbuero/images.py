"""Images with required alt text, optional credit and licence, checked on upload and
served as resized renditions. Every model with an image uses ImageMixin; templates show
it through includes/_figure.html (the credit appears under the image).
"""

import logging
import posixpath
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit
from PIL import Image

logger = logging.getLogger(__name__)

ALLOWED_IMAGE_FORMATS = {"JPEG": {".jpg", ".jpeg"}, "PNG": {".png"}, "WEBP": {".webp"}}
ALLOWED_IMAGE_EXTENSIONS = set().union(*ALLOWED_IMAGE_FORMATS.values())


def upload_path(instance, filename, kind="images"):
    """<app>/<kind>/<yyyy>/<mm>/<random>.<ext>: no user-chosen name reaches the disk."""
    extension = posixpath.splitext(filename)[1].lower()[:10]
    today = timezone.localdate()
    return f"{instance._meta.app_label}/{kind}/{today:%Y/%m}/{uuid.uuid4().hex}{extension}"


def image_upload_to(instance, filename):
    return upload_path(instance, filename, "images")


class DecompressionBomb(Exception):
    """The image has more pixels than can be opened safely."""


class UnreadableImage(Exception):
    """Pillow cannot read the file as an image."""


def verified_image_format(upload) -> str:
    """Pillow's format name of an uploaded image ("JPEG", "PNG", ...), after Pillow has
    verified the file; decompression bombs are refused before any pixel is decoded.
    The one Pillow check of every upload (images here, the fund's attachments)."""
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


def validate_image_file(upload):
    """Allow only real JPEG/PNG/WebP images of a sane size; refuse decompression bombs."""
    if getattr(upload, "_committed", False):
        # Already stored (an unchanged image on a later save): checked when it came in,
        # and reopening it would read the file again (from S3, too).
        return
    limit = settings.IMAGE_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The image is too large (at most %(limit)s)."),
            code="file_too_large",
            params={"limit": filesizeformat(limit)},
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


class ImageMixin(models.Model):
    """One image with alt text, credit and licence; renditions in two sizes."""

    image = models.ImageField(
        _("image"),
        upload_to=image_upload_to,
        blank=True,
        validators=[validate_image_file],
        help_text=_("JPEG, PNG or WebP, at most 8 MB."),
    )
    image_alt = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_(
            "Describe what the image shows for people who cannot see it. Required for every image."
        ),
    )
    image_credit = models.CharField(
        _("image credit"), max_length=200, blank=True, help_text=_("For example: © LHH")
    )
    image_licence = models.CharField(
        _("image licence"), max_length=100, blank=True, help_text=_("For example: CC BY 4.0")
    )

    image_card = ImageSpecField(
        source="image",
        processors=[ResizeToFill(800, 500)],
        format="WEBP",
        options={"quality": 80},
    )
    image_large = ImageSpecField(
        source="image",
        processors=[ResizeToFit(1600, 1600, upscale=False)],
        format="WEBP",
        options={"quality": 82},
    )
    image_square = ImageSpecField(
        source="image",
        processors=[ResizeToFill(400, 400)],
        format="WEBP",
        options={"quality": 80},
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="%(app_label)s_%(class)s_image_alt_required",
            )
        ]

    def clean(self):
        super().clean()
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Please describe the image (alt text).")}, code="required"
            )

    def rendition_url(self, size="card"):
        """URL of a resized copy, or None when the source is missing or unreadable."""
        if not self.image:
            return None
        try:
            return getattr(self, f"image_{size}").url
        except Exception:  # a deleted or broken source must not break the page
            logger.warning("No %s rendition for %s", size, self.image.name, exc_info=True)
            return None
