"""What happened to an application (the audit rows) and the office's internal notes."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offices.models import OfficeOwnedQuerySet
from stadtteilbuero.pagecache import NotOnPublicPages

from .application import Application


class ApplicationEventQuerySet(OfficeOwnedQuerySet):
    office_lookup = "application__fund__office"


class ApplicationEvent(NotOnPublicPages, models.Model):
    """One row of an application's history: who changed what, when, and why."""

    # PROTECT: an application with a history cannot be deleted by accident; the law's
    # deletion (anonymisation) blanks the personal data and keeps these rows.
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="events", verbose_name=_("application")
    )
    event_type = models.CharField(_("event"), max_length=60)
    from_status = models.CharField(
        _("from status"), max_length=20, choices=Application.Status, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=Application.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty: the applicant."),
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    objects = ApplicationEventQuerySet.as_manager()

    class Meta:
        ordering = ["application", "created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        indexes = [models.Index(fields=["application", "created_at"], name="appevent_app_idx")]

    def __str__(self):
        return f"{self.event_type} {timezone.localtime(self.created_at):%d.%m.%Y %H:%M}"

    # What each event is called on screen; status changes use the status's label.
    LABELS = {
        "fonds.application.deferred": _("Deferred to a later meeting"),
        "fonds.application.payout": _("Payout recorded"),
        "fonds.application.proof_submitted": _("Proof of use sent"),
        "fonds.application.proof_accepted": _("Proof of use accepted"),
        "fonds.application.proof_returned": _("Proof of use sent back"),
        "fonds.application.proof_corrected": _("Proof of use corrected"),
        "fonds.application.proof_reminder": _("Reminder of the proof of use"),
        "fonds.application.anonymised": _("Anonymised"),
        "fonds.application.bank_details": _("Bank details given"),
        "fonds.application.repayment": _("Repayment received"),
        "fonds.application.letter": _("Letter written"),
        "fonds.application.attachment_deleted": _("Attachment deleted"),
    }

    @property
    def label(self) -> str:
        if self.event_type in self.LABELS:
            return str(self.LABELS[self.event_type])
        status = self.event_type.rpartition(".")[2]
        if status in Application.Status.values:
            return str(Application.Status(status).label)
        return self.event_type


class ApplicationNoteQuerySet(OfficeOwnedQuerySet):
    office_lookup = "application__fund__office"


class ApplicationNote(models.Model):
    """A note by office staff about an application: never shown to the applicant."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notes", verbose_name=_("application")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = ApplicationNoteQuerySet.as_manager()

    class Meta:
        ordering = ["application", "created_at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        indexes = [models.Index(fields=["application", "created_at"], name="appnote_app_idx")]

    def __str__(self):
        return f"{timezone.localtime(self.created_at):%d.%m.%Y %H:%M}: {self.text[:50]}"
