import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .images import upload_path
from .richtext import RichTextField


class SearchEntry(models.Model):
    """The searchable text of one public object, normalized (see search/text.py).

    One table for every type, so /suche/ counts and ranks all of them in one query and a
    new app joins with a few lines in its search.py. Rows are written when an object is
    saved (stadtteilbuero.search.registry) and by `manage.py rebuild_search_index`; the
    PostgreSQL indexes (full text and trigram) come from migration 0002.
    """

    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("object ID"))
    title = models.CharField(_("title"), max_length=300)
    document = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["kind", "object_id"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_unique")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"


# --- Leichte Sprache ------------------------------------------------------------------

VIDEO_SIGNATURES = {".mp4": (4, b"ftyp"), ".webm": (0, b"\x1a\x45\xdf\xa3")}


def _head(upload, length):
    position = upload.tell()
    upload.seek(0)
    head = upload.read(length)
    upload.seek(position)
    return head


def validate_video_file(upload):
    """MP4 or WebM (checked by its first bytes, not only the name), within the limit."""
    limit = settings.VIDEO_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is too large (at most %(limit)s)."),
            code="file_too_large",
            params={"limit": filesizeformat(limit)},
        )
    extension = posixpath.splitext(upload.name or "")[1].lower()
    if extension not in VIDEO_SIGNATURES:
        raise ValidationError(_("Allowed are videos as MP4 or WebM."), code="invalid_extension")
    offset, signature = VIDEO_SIGNATURES[extension]
    if _head(upload, offset + len(signature))[offset:] != signature:
        raise ValidationError(_("The file is not an MP4 or WebM video."), code="invalid_video")


def validate_captions_file(upload):
    """WebVTT captions, the format browsers show with <track>."""
    if posixpath.splitext(upload.name or "")[1].lower() != ".vtt" or not _head(
        upload, 9
    ).removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError(
            _("Please upload the captions as a WebVTT file (.vtt, starting with WEBVTT)."),
            code="invalid_captions",
        )


def video_upload_to(instance, filename):
    return upload_path(instance, filename, "videos")


class EasyReadPage(models.Model):
    """/leichte-sprache/ in one language, written by staff; without one, the built-in
    text of templates/stadtteilbuero/easy_read_<language>.html is shown."""

    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, unique=True
    )
    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("text"), blank=False)
    video = models.FileField(
        _("sign-language video"),
        upload_to=video_upload_to,
        blank=True,
        validators=[validate_video_file],
        help_text=_("Optional: the page in German Sign Language (DGS), MP4 or WebM."),
    )
    captions = models.FileField(
        _("captions"),
        upload_to=video_upload_to,
        blank=True,
        validators=[validate_captions_file],
        help_text=_("Captions of the video as a WebVTT file (.vtt). Needed with a video."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["language"]
        verbose_name = _("page in Leichte Sprache")
        verbose_name_plural = _("pages in Leichte Sprache")

    def __str__(self):
        return f"{self.title} ({self.get_language_display()})"

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("easy-read")

    def clean(self):
        super().clean()
        if self.video and not self.captions:
            raise ValidationError(
                {"captions": _("A video needs captions, so that everyone can follow it.")},
                code="captions_missing",
            )
