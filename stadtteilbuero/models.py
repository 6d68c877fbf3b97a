"""Portal-wide records: the outgoing mail queue and the rate-limit counters."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import models
from django.db.models import Count, Min, Q
from django.utils.translation import gettext_lazy as _


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
