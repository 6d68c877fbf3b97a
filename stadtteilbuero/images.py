"""Images with required alt text, optional credit and licence, checked on upload and
served as resized renditions. Every model with an image uses ImageMixin; templates show
it through includes/_figure.html (the credit appears under the image).
"""

import logging

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit

from .uploads import upload_path, validate_image_file

logger = logging.getLogger(__name__)

# (model, source name, size) -> URL of the rendition, per process (see rendition_url).
_rendition_urls: dict[tuple, str] = {}
RENDITION_URLS_KEPT = 10_000


def image_upload_to(instance, filename):
    return upload_path(instance, filename, "images")


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
    # Half the card for narrow screens (the card's srcset, see includes/_figure.html).
    image_card_small = ImageSpecField(
        source="image",
        processors=[ResizeToFill(400, 250)],
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
        # imagekit hashes the spec and checks the file on every call; a source's name never
        # gets new content (an upload gets a new name), so its rendition URL is kept.
        key = (self._meta.label, self.image.name, size)
        url = _rendition_urls.get(key)
        if url is None:
            try:
                url = getattr(self, f"image_{size}").url
            except Exception:  # a deleted or broken source must not break the page
                logger.warning("No %s rendition for %s", size, self.image.name, exc_info=True)
                return None
            if len(_rendition_urls) >= RENDITION_URLS_KEPT:
                _rendition_urls.clear()
            _rendition_urls[key] = url
        return url
