"""The finance plan of an application: cost items and income items."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from offices.models import OfficeOwnedQuerySet
from stadtteilbuero.money import format_euro as euro
from stadtteilbuero.pagecache import NotOnPublicPages

from .application import Application
from .fund import CostCategory
from .money import MONEY


class ExpenseLineQuerySet(OfficeOwnedQuerySet):
    office_lookup = "application__fund__office"


class ExpenseLine(NotOnPublicPages, models.Model):
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="expenses",
        verbose_name=_("application"),
    )
    category = models.ForeignKey(
        CostCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    description = models.CharField(_("what exactly"), max_length=200)
    quantity = models.DecimalField(
        _("quantity"), max_digits=8, decimal_places=2, default=Decimal("1")
    )
    unit_price = models.DecimalField(_("unit price"), **MONEY)
    total = models.DecimalField(_("total"), **MONEY)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ExpenseLineQuerySet.as_manager()

    class Meta:
        ordering = ["application", "order"]
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="expense_quantity_positive"),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0), name="expense_price_not_negative"
            ),
            models.CheckConstraint(condition=Q(total__gte=0), name="expense_total_not_negative"),
        ]

    def __str__(self):
        return f"{self.description} ({euro(self.total)})"


class IncomeLineQuerySet(OfficeOwnedQuerySet):
    office_lookup = "application__fund__office"


class IncomeLine(NotOnPublicPages, models.Model):
    class Kind(models.TextChoices):
        OWN_MONEY = "own_money", _("Own money")
        VOLUNTEER_WORK = "volunteer_work", _("Volunteer work (valued in euros)")
        MATERIAL = "material", _("Donated material (valued in euros)")
        OTHER_FUNDING = "other_funding", _("Other funding or donations")

        @classmethod
        def own_contribution(cls):
            return [cls.OWN_MONEY, cls.VOLUNTEER_WORK, cls.MATERIAL]

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="incomes", verbose_name=_("application")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = IncomeLineQuerySet.as_manager()

    class Meta:
        ordering = ["application", "order"]
        verbose_name = _("income item")
        verbose_name_plural = _("income items")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="income_amount_not_negative")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({euro(self.amount)})"
