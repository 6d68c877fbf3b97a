"""Letters to the applicant as PDF (fonds/letters.py), kept with the application."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from offices.models import OfficeOwnedQuerySet

from .application import Application
from .storage import PrivateFile


class LetterQuerySet(OfficeOwnedQuerySet):
    office_lookup = "application__fund__office"


class Letter(PrivateFile):
    """A signed-letter PDF of a decision, reminder or repayment request: private storage,
    served to the office's staff only, attached to the e-mail or sent by post."""

    UPLOAD_FOLDER = "letters"

    class Kind(models.TextChoices):
        APPROVAL = "approval", _("Approval")
        PARTIAL_APPROVAL = "partial_approval", _("Partial approval")
        REJECTION = "rejection", _("Rejection")
        PROOF_REMINDER = "proof_reminder", _("Reminder of the proof of use")
        REPAYMENT_REQUEST = "repayment_request", _("Request for repayment")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="letters", verbose_name=_("application")
    )
    letter_kind = models.CharField(_("letter"), max_length=20, choices=Kind)
    by_post = models.BooleanField(
        _("send by post"),
        default=False,
        help_text=_("The applicant has no e-mail address: print the letter and post it."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["application", "created_at", "pk"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        indexes = [models.Index(fields=["application", "created_at"], name="letter_app_idx")]

    def __str__(self):
        return f"{self.get_letter_kind_display()} {self.application.reference_number}"

    def get_download_url(self):
        return reverse("fonds:letter-download", kwargs={"pk": self.pk})


class LetterTextQuerySet(OfficeOwnedQuerySet):
    office_lookup = "fund__office"


class LetterText(models.Model):
    """A fund's own wording of one kind of letter, replacing the standard text. Plain text
    with $placeholders (string.Template): no template code, so staff cannot reach more
    than the values offered (fonds/letters.py PLACEHOLDERS)."""

    fund = models.ForeignKey(
        "Fund", on_delete=models.CASCADE, related_name="letter_texts", verbose_name=_("fund")
    )
    letter_kind = models.CharField(_("letter"), max_length=20, choices=Letter.Kind)
    text = models.TextField(
        _("text"),
        max_length=5000,
        help_text=_(
            "Replaces the standard text between the salutation and the closing. Paragraphs "
            "are separated by a blank line. Placeholders: $name, $title, $reference, $amount, "
            "$requested, $start, $end, $proof_due, $conditions, $reason, $repayment_due."
        ),
    )

    objects = LetterTextQuerySet.as_manager()

    class Meta:
        ordering = ["fund", "letter_kind"]
        verbose_name = _("letter text")
        verbose_name_plural = _("letter texts")
        constraints = [
            models.UniqueConstraint(fields=["fund", "letter_kind"], name="lettertext_one_per_kind")
        ]

    def __str__(self):
        return f"{self.get_letter_kind_display()} ({self.fund})"
