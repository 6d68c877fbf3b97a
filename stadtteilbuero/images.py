"""Images with required alt text, optional credit and licence, checked on upload and
served as resized renditions. Every model with an image uses ImageMixin; templates show
it through includes/_figure.html (the credit appears under the image) or, without the
credit, includes/_img.html.

The source's width and height are stored on upload, so every rendition is served with
its width and height (the browser keeps the space free while it loads) and a smaller
rendition for narrow screens (srcset).
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


# Renditions cropped to a box (always that size) and renditions fitted into a square
# (the source's shape, never enlarged): name -> box.
FILLED = {"card": (800, 500), "card_small": (400, 250), "square": (400, 400)}
FITTED = {"medium": 800, "large": 1600}
# The smaller rendition offered beside a larger one, and how wide the larger one shows
# in the layout (Bootstrap's containers: cards in three columns, the main column col-lg-8).
SMALLER = {"card": "card_small", "large": "medium"}
SIZES = {
    "card": "(min-width: 992px) 400px, (min-width: 768px) 50vw, 100vw",
    "large": (
        "(min-width: 1400px) 856px, (min-width: 1200px) 736px, (min-width: 992px) 616px, 100vw"
    ),
}


def drop_source_hashing() -> None:
    """imagekit hashes the image of every model instance made or saved, of every model
    (its post_init and post_save receivers take no sender), so that a cache file strategy
    can regenerate renditions when a source changes. The JustInTime strategy of the
    settings ignores that: it makes a rendition when a page first asks for it, under a
    name drawn from the source file's name, so a new upload gets new renditions anyway.
    The hashing took 6 of the 58 ms of the event feed (800 objects)."""
    from django.conf import settings
    from django.db.models.signals import post_init, post_save

    if settings.IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY.endswith(".JustInTime"):
        for signal in (post_init, post_save):
            signal.disconnect(dispatch_uid="ik_spec_field_receivers")


def fitted_size(width, height, box):
    """The size imagekit's ResizeToFit(box, box, upscale=False) gives a width × height
    source (the same rounding, and a source it would not shrink on both sides stays)."""
    ratio = min(box / width, box / height)
    new_width, new_height = round(width * ratio), round(height * ratio)
    if new_width < width and new_height < height:
        return new_width, new_height
    return width, height


def _spec(processor, quality=80):
    return ImageSpecField(
        source="image", processors=[processor], format="WEBP", options={"quality": quality}
    )


class ImageWithSizeField(models.ImageField):
    """An ImageField that keeps the source's width and height; an unreadable or missing
    file leaves them empty instead of failing (the page then shows no size)."""

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        try:
            super().update_dimension_fields(instance, force, *args, **kwargs)
        except Exception:  # Pillow and storages raise many types for a broken file
            logger.warning(
                "No size for the image of %s %s", instance._meta.label, instance.pk, exc_info=True
            )
            setattr(instance, self.width_field, None)
            setattr(instance, self.height_field, None)


def image_field(blank=True):
    """The image of an ImageMixin model; a gallery's picture or a room's photo requires
    one (blank=False)."""
    return ImageWithSizeField(
        _("image"),
        upload_to=image_upload_to,
        blank=blank,
        validators=[validate_image_file],
        help_text=_("JPEG, PNG or WebP, at most 8 MB."),
        width_field="image_width",
        height_field="image_height",
    )


class ImageMixin(models.Model):
    """One image with alt text, credit and licence, its size, and its renditions."""

    image = image_field()
    image_width = models.PositiveIntegerField(_("image width"), null=True, editable=False)
    image_height = models.PositiveIntegerField(_("image height"), null=True, editable=False)
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

    image_card = _spec(ResizeToFill(*FILLED["card"]))
    image_card_small = _spec(ResizeToFill(*FILLED["card_small"]))
    image_square = _spec(ResizeToFill(*FILLED["square"]))
    image_medium = _spec(ResizeToFit(FITTED["medium"], FITTED["medium"], upscale=False), 82)
    image_large = _spec(ResizeToFit(FITTED["large"], FITTED["large"], upscale=False), 82)

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

    def rendition_size(self, size):
        """(width, height) of a rendition, or None while the source's size is unknown."""
        if size in FILLED:
            return FILLED[size]
        if not (self.image_width and self.image_height):
            return None
        return fitted_size(self.image_width, self.image_height, FITTED[size])

    def picture(self, size="card"):
        """What an <img> of a rendition needs: src, alt, width and height, srcset and
        sizes where a smaller rendition serves phones, and whether it may load lazily
        (not the large picture at the top of a detail page). None without a rendition."""
        src = self.rendition_url(size)
        if not src:
            return None
        picture = {"src": src, "alt": self.image_alt, "lazy": size != "large"}
        known = self.rendition_size(size)
        if known:
            picture["width"], picture["height"] = known
        small = SMALLER.get(size)
        small_size = self.rendition_size(small) if small else None
        if known and small_size and small_size[0] < known[0]:
            small_src = self.rendition_url(small)
            if small_src:
                picture["srcset"] = f"{small_src} {small_size[0]}w, {src} {known[0]}w"
                picture["sizes"] = SIZES[size]
        return picture
