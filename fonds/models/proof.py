"""The proof of use (Verwendungsnachweis): the applicant's report, the payments with
their receipts, photos, and where an application stands with payouts and its proof."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offices.models import OfficeOwnedQuerySet
from stadtteilbuero.money import format_euro as euro
from stadtteilbuero.pagecache import NotOnPublicPages

from .application import Application
from .money import MONEY, ZERO
from .storage import PrivateFile


class ProofQuerySet(OfficeOwnedQuerySet):
    office_lookup = "application__fund__office"

    def with_details(self):
        return self.select_related("application__fund__office", "reviewed_by").prefetch_related(
            "payments", "photos"
        )

    def with_spent(self):
        return self.annotate(
            spent_total=Coalesce(
                Sum("payments__amount"), ZERO, output_field=models.DecimalField(**MONEY)
            )
        )


class Proof(NotOnPublicPages, models.Model):
    """The applicant's report on what was done and what the money was spent on."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, being checked")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Sent back for changes")

        @classmethod
        def counting(cls):
            """Proofs that stop the applicant from sending another one."""
            return [cls.SUBMITTED, cls.ACCEPTED]

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="proofs", verbose_name=_("application")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.SUBMITTED, editable=False
    )
    report = models.TextField(
        _("short report"),
        max_length=5000,
        help_text=_("What took place, who took part, what went well and what did not?"),
    )
    participants = models.PositiveIntegerField(
        _("participants"),
        validators=[MinValueValidator(1), MaxValueValidator(100000)],
        help_text=_("About how many people took part? An estimate is fine."),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_note = models.TextField(
        _("note for the applicant"),
        blank=True,
        editable=False,
        help_text=_("Why the proof was sent back; the applicant sees it on the status page."),
    )

    objects = ProofQuerySet.as_manager()

    class Meta:
        ordering = ["application", "-submitted_at", "-pk"]
        get_latest_by = "submitted_at"
        verbose_name = _("proof of use")
        verbose_name_plural = _("proofs of use")
        constraints = [
            # At most one proof waiting for review or accepted per application.
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status__in=["submitted", "accepted"]),
                name="proof_one_open_per_application",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="proof_status_idx"),
            # The admin list's date hierarchy (one index probe per year).
            models.Index(fields=["submitted_at", "id"], name="proof_submitted_idx"),
        ]

    def __str__(self):
        return f"{self.application.reference_number} ({self.get_status_display()})"

    @property
    def spent(self):
        """Sum of the listed payments (`with_spent()` annotation, else the prefetched rows)."""
        if hasattr(self, "spent_total"):
            return self.spent_total
        return sum((payment.amount for payment in self.payments.all()), ZERO)


class ProofPaymentQuerySet(OfficeOwnedQuerySet):
    office_lookup = "proof__application__fund__office"


class ProofPayment(PrivateFile):
    """One payment of the project, with its receipt (Beleg)."""

    UPLOAD_FOLDER = "proofs"

    proof = models.ForeignKey(
        Proof, on_delete=models.CASCADE, related_name="payments", verbose_name=_("proof of use")
    )
    paid_on = models.DateField(_("date"))
    payee = models.CharField(_("payee"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=300)
    amount = models.DecimalField(_("amount"), **MONEY)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ProofPaymentQuerySet.as_manager()

    class Meta:
        ordering = ["proof", "order", "pk"]
        verbose_name = _("payment with receipt")
        verbose_name_plural = _("payments with receipts")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="proofpayment_amount_positive")
        ]

    def __str__(self):
        return f"{self.payee}: {euro(self.amount)}"

    def get_download_url(self):
        return reverse("fonds:receipt-download", kwargs={"pk": self.pk})


class ProofPhotoQuerySet(OfficeOwnedQuerySet):
    office_lookup = "proof__application__fund__office"


class ProofPhoto(PrivateFile):
    UPLOAD_FOLDER = "proofs"

    proof = models.ForeignKey(
        Proof, on_delete=models.CASCADE, related_name="photos", verbose_name=_("proof of use")
    )

    objects = ProofPhotoQuerySet.as_manager()

    class Meta:
        ordering = ["proof", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def get_download_url(self):
        return reverse("fonds:proof-photo-download", kwargs={"pk": self.pk})


PROOF_MAX_PHOTOS = 10
PROOF_MAX_PAYMENTS = 30


class ProofSituation:
    """Where an application stands with payouts and its proof of use, from prefetched rows
    (`payouts`, `proofs` with `payments`): what the status page and the admin show."""

    def __init__(self, application: Application):
        self.application = application
        self.payouts = list(application.payouts.all())
        self.proofs = sorted(
            application.proofs.all(), key=lambda proof: (proof.submitted_at, proof.pk), reverse=True
        )

    @property
    def paid(self):
        return self.application.paid_amount

    @property
    def latest_proof(self):
        return self.proofs[0] if self.proofs else None

    @property
    def accepted_proof(self):
        return next((p for p in self.proofs if p.status == Proof.Status.ACCEPTED), None)

    @property
    def may_submit_proof(self):
        open_proof = any(p.status in Proof.Status.counting() for p in self.proofs)
        return self.application.status in Application.Status.payable() and not open_proof

    @property
    def returned_proof(self):
        """The latest proof when it was sent back: the applicant corrects it."""
        latest = self.latest_proof
        return latest if latest is not None and latest.status == Proof.Status.RETURNED else None

    @property
    def repayment_due(self):
        return self.application.repayment_due

    @property
    def proof_due_on(self):
        return self.application.proof_due_on

    @property
    def proof_overdue(self):
        """The same rule as ApplicationQuerySet.proof_overdue, from the loaded rows."""
        due = self.proof_due_on
        return self.may_submit_proof and due is not None and due < timezone.localdate()
