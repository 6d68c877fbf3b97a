"""Portal-wide records: the outgoing mail queue, the rate-limit counters, the search
entries and the Leichte-Sprache pages."""

import posixpath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import models
from django.db.models import Count, Min, Q
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .images import upload_path
from .richtext import RichTextField


class OutgoingMailQuerySet(models.QuerySet):
    def about(self, obj):
        """The mails written about one object (an application, a booking, ...)."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )

    def waiting(self):
        return self.filter(status=OutgoingMail.Status.WAITING)

    def queue_figures(self):
        """Waiting and failed counts and the oldest waiting mail's time, in one query."""
        return self.aggregate(
            waiting=Count("pk", filter=Q(status=OutgoingMail.Status.WAITING)),
            failed=Count("pk", filter=Q(status=OutgoingMail.Status.FAILED)),
            oldest_waiting=Min("created_at", filter=Q(status=OutgoingMail.Status.WAITING)),
        )


class OutgoingMail(models.Model):
    """One e-mail of the portal, written in the transaction of the change that causes it
    and delivered (with retries) by the task in stadtteilbuero.mail."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    to = models.JSONField(_("recipients"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("about")
    )
    object_id = models.CharField(_("object ID"), max_length=64, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    # One PDF at most (a letter of a decision), kept in the row so any worker can send it.
    attachment_name = models.CharField(_("attachment"), max_length=150, blank=True)
    attachment_content = models.BinaryField(_("attachment content"), blank=True, editable=False)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="outgoingmail_about_idx"),
            models.Index(fields=["status", "created_at"], name="outgoingmail_status_idx"),
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"

    @property
    def can_resend(self):
        """Sent and failed mails, and waiting ones whose last try failed."""
        return self.status != self.Status.WAITING or bool(self.last_error)

    def as_message(self):
        message = EmailMessage(self.subject, self.body, to=self.to, reply_to=self.reply_to or None)
        if self.attachment_name:
            message.attach(self.attachment_name, bytes(self.attachment_content), "application/pdf")
        return message


class RateLimitCounter(models.Model):
    """Hits of one key in its current window, where no shared cache is configured.
    The key is a hash, so no client address is stored in the clear."""

    key = models.CharField(_("key"), max_length=64, unique=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        ordering = ["expires_at"]
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")

    def __str__(self):
        return f"{self.key[:12]}… {self.count}"


# --- Search ---------------------------------------------------------------------------


class SearchEntry(models.Model):
    """The searchable text of one public object, normalized (see search/text.py).

    One table for every type, so /suche/ counts and ranks all of them in one query and a
    new app joins with a few lines in its search.py. Rows are written when an object is
    saved (stadtteilbuero.search.registry), when an event's dates are rewritten and by
    `manage.py rebuild_search_index`; the PostgreSQL trigram indexes come from migrations
    0003 and 0005 (the text's index also keeps the end, so past events drop out in it).
    """

    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("object ID"))
    title = models.CharField(_("title"), max_length=300)
    document = models.TextField(_("text"))
    # When the object stops being public by itself (an event's last date ended): the search
    # skips such entries before it sorts (at city scale three in four event entries).
    # Empty: no such end. What the public may see is still checked against the objects.
    visible_until = models.DateTimeField(_("visible until"), null=True, blank=True)
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
