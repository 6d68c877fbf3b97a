"""The money figures of the fund, computed in exactly one place.

Per application:
- granted: the approved amount (the requested one where staff approved it whole), for
  approved, paid and completed applications;
- paid: the sum of its payouts;
- spent: the part of the granted money the accepted proof of use shows as spent
  (`Application.spent_amount`, recorded when the proof is accepted);
- committed: what the application takes from the budget: its spent money once the proof
  is accepted, else the granted amount. Money not spent (repaid or still to be repaid)
  goes back into the budget.

Per fund (or any list of applications) the same sums come from two grouped aggregate
queries, one over the applications and one over their payouts, whatever the number of
funds or applications: no correlated subquery per row, nothing stored that could drift.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import Case, Count, Q, Sum, When
from django.db.models.functions import Coalesce

from .money import MONEY, ZERO

MONEY_FIELD = models.DecimalField(**MONEY)
GRANTED_AMOUNT = Coalesce("approved_amount", "requested_amount", output_field=MONEY_FIELD)
COMMITTED_AMOUNT = Case(
    When(spent_amount__isnull=False, then="spent_amount"),
    default=GRANTED_AMOUNT,
    output_field=MONEY_FIELD,
)


def _money_sum(expression, **extra):
    return Coalesce(Sum(expression, **extra), ZERO, output_field=MONEY_FIELD)


def application_sums() -> dict:
    """The aggregate expressions over applications, shared by every grouping."""
    from .application import Application

    granted = Q(status__in=Application.Status.granted())
    return {
        "count": Count("pk"),
        "requested": _money_sum("requested_amount"),
        "approved": _money_sum(GRANTED_AMOUNT, filter=granted),
        "spent": _money_sum("spent_amount", filter=granted),
        "committed": _money_sum(COMMITTED_AMOUNT, filter=granted),
    }


@dataclass
class Figures:
    """Sums of a set of applications; `budget` is set for a fund."""

    count: int = 0
    requested: Decimal = ZERO
    approved: Decimal = ZERO
    paid: Decimal = ZERO
    spent: Decimal = ZERO
    committed: Decimal = ZERO
    budget: Decimal | None = field(default=None)

    @property
    def remaining(self) -> Decimal:
        return max((self.budget or ZERO) - self.committed, ZERO)

    @property
    def returned(self) -> Decimal:
        """Approved money that was not spent and so went back into the budget."""
        return self.approved - self.committed

    @property
    def committed_percent(self) -> int:
        if not self.budget:
            return 100
        return min(100, int(self.committed * 100 / self.budget))


def figures_of(applications) -> Figures:
    """The figures of a queryset of applications (two aggregate queries)."""
    from .payout import Payout

    sums = applications.order_by().aggregate(**application_sums())
    paid = Payout.objects.filter(application__in=applications.order_by().values("pk")).aggregate(
        paid=_money_sum("amount")
    )["paid"]
    return Figures(paid=paid, **sums)


def figures_by_fund(fund_ids) -> dict[int, Figures]:
    """{fund id: Figures} for many funds at once (two grouped queries)."""
    from .application import Application
    from .payout import Payout

    fund_ids = list(fund_ids)
    result = defaultdict(Figures)
    if not fund_ids:
        return result
    rows = (
        Application.objects.filter(fund_id__in=fund_ids)
        .order_by()
        .values("fund_id")
        .annotate(**application_sums())
    )
    for row in rows:
        fund_id = row.pop("fund_id")
        result[fund_id] = Figures(**row)
    payouts = (
        Payout.objects.filter(fund_id__in=fund_ids)
        .order_by()
        .values("fund_id")
        .annotate(paid=_money_sum("amount"))
    )
    for row in payouts:
        result[row["fund_id"]].paid = row["paid"]
    return result


def attach_figures(funds) -> None:
    """Set `fund.figures` on each fund of a list (used by FundQuerySet.with_figures)."""
    funds = [fund for fund in funds if hasattr(fund, "budget")]
    figures = figures_by_fund(fund.pk for fund in funds)
    for fund in funds:
        fund_figures = figures[fund.pk]
        fund_figures.budget = fund.budget
        fund.__dict__["figures"] = fund_figures
