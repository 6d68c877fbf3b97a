"""Money paid to an applicant, and money paid back."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from offices.models import OfficeOwnedQuerySet
from stadtteilbuero.money import format_euro as euro

from .application import Application
from .fund import Fund
from .money import MONEY


class PayoutQuerySet(OfficeOwnedQuerySet):
    office_lookup = "application__fund__office"


class MoneyRecord(models.Model):
    """What a payout and a repayment share: the application, its fund, the amount and
    who recorded it. Written by the services only; `figures.py` sums them."""

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        verbose_name=_("application"),
    )
    # The application's fund, kept on the row so a fund's money is summed from one
    # index without visiting its applications (see figures.py); set from the application.
    fund = models.ForeignKey(
        Fund,
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        editable=False,
        verbose_name=_("fund"),
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = PayoutQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{euro(self.amount)} ({date_format(self.day, 'SHORT_DATE_FORMAT')})"

    def save(self, *args, **kwargs):
        if self.fund_id is None and self.application_id is not None:
            self.fund_id = self.application.fund_id
        super().save(*args, **kwargs)


class Payout(MoneyRecord):
    """Money paid to the applicant: usually after the proof of use, an advance is possible.

    Recorded through services.application_record_payout only (total ≤ approved amount).
    """

    paid_on = models.DateField(_("paid on"))
    is_advance = models.BooleanField(
        _("advance"), default=False, help_text=_("Paid before the proof of use.")
    )

    class Meta:
        ordering = ["application", "paid_on", "pk"]
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payout_amount_positive")
        ]
        indexes = [
            models.Index(fields=["application", "paid_on"], name="payout_app_idx"),
            # PostgreSQL answers a fund's paid sum from the index alone.
            models.Index(fields=["fund"], include=["amount"], name="payout_fund_amount_idx"),
        ]

    @property
    def day(self):
        return self.paid_on


class Repayment(MoneyRecord):
    """Money the applicant paid back (approved money not spent). Booked through
    services.application_book_repayment only; it closes the repayment due and returns the
    amount to the fund's budget (figures.py)."""

    received_on = models.DateField(_("received on"))

    class Meta:
        ordering = ["application", "received_on", "pk"]
        verbose_name = _("repayment")
        verbose_name_plural = _("repayments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="repayment_amount_positive")
        ]
        indexes = [models.Index(fields=["application", "received_on"], name="repayment_app_idx")]

    @property
    def day(self):
        return self.received_on
