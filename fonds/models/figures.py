"""The money figures of the fund, computed in exactly one place.

Per application:
- granted: the approved amount (the requested one where staff approved it whole), for
  approved, paid and completed applications;
- paid: the sum of its payouts; repaid: the sum of its booked repayments;
- spent: the part of the granted money the accepted proof of use shows as spent
  (`Application.spent_amount`, recorded when the proof is accepted);
- outstanding repayment: once the proof is accepted, what was paid out but not spent and
  has not come back yet (`outstanding_repayment`);
- committed: what the application takes from the budget: its granted amount until the
  proof is accepted, then its spent money plus the outstanding repayment. Money not spent
  goes back into the budget when it is not paid out, or when its repayment is booked.

Per fund (or any list of applications) the same sums come from two grouped aggregate
queries, one over the applications and one over their payouts and repayments (a UNION),
whatever the number of funds: no correlated subquery per row, nothing stored that could
drift. Payouts and repayments are grouped per application with a proof
accepted (the outstanding repayment is a maximum per application), per fund otherwise.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import Case, Count, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from .money import MONEY, ZERO

MONEY_FIELD = models.DecimalField(**MONEY)
GRANTED_AMOUNT = Coalesce("approved_amount", "requested_amount", output_field=MONEY_FIELD)
COMMITTED_AMOUNT = Case(
    When(spent_amount__isnull=False, then="spent_amount"),
    default=GRANTED_AMOUNT,
    output_field=MONEY_FIELD,
)


def outstanding_repayment(paid: Decimal, spent: Decimal, repaid: Decimal) -> Decimal:
    """What the applicant still has to pay back once the proof of use is accepted."""
    return max(paid - spent - repaid, ZERO)


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
    """Sums of a set of applications; `budget` is set for a fund. `committed` includes
    the repayments still outstanding (see the module's docstring)."""

    count: int = 0
    requested: Decimal = ZERO
    approved: Decimal = ZERO
    paid: Decimal = ZERO
    spent: Decimal = ZERO
    repaid: Decimal = ZERO
    repayment_due: Decimal = ZERO
    committed: Decimal = ZERO
    budget: Decimal | None = field(default=None)

    @property
    def remaining(self) -> Decimal:
        return max((self.budget or ZERO) - self.committed, ZERO)

    @property
    def returned(self) -> Decimal:
        """Approved money that was not spent and went back into the budget."""
        return self.approved - self.committed

    @property
    def committed_percent(self) -> int:
        if not self.budget:
            return 100
        return min(100, int(self.committed * 100 / self.budget))

    def add_money_flows(self, flows) -> None:
        """Add paid, repaid and the outstanding repayments from `_money_flows` rows."""
        for row in flows:
            self.paid += row["paid"]
            self.repaid += row["repaid"]
            if row["spent"] is not None:
                due = outstanding_repayment(row["paid"], row["spent"], row["repaid"])
                self.repayment_due += due
                self.committed += due


def _money_flows(payouts, repayments, group: str):
    """Rows {group, spent, paid, repaid}: grouped per application where the proof is
    accepted (spent known), else per `group` (fund), from one query (a UNION of the
    grouped payouts and the grouped repayments)."""
    from .application import Application

    granted = Q(application__status__in=Application.Status.granted())
    per_application = Case(
        When(application__spent_amount__isnull=False, then="application_id"), default=None
    )

    def grouped(queryset, flow):
        return (
            queryset.filter(granted)
            .order_by()
            .annotate(per=per_application, flow=Value(flow))
            .values(group, "application__spent_amount", "per", "flow")
            .annotate(total=_money_sum("amount"))
        )

    rows = {}
    for row in grouped(payouts, "paid").union(grouped(repayments, "repaid"), all=True):
        entry = rows.setdefault(
            (row[group], row["per"]),
            {"group": row[group], "spent": row["application__spent_amount"]}
            | {"paid": ZERO, "repaid": ZERO},
        )
        entry[row["flow"]] += row["total"]
    return rows.values()


def figures_of(applications) -> Figures:
    """The figures of a queryset of applications (two aggregate queries)."""
    from .payout import Payout, Repayment

    sums = applications.order_by().aggregate(**application_sums())
    ids = applications.order_by().values("pk")
    figures = Figures(**sums)
    figures.add_money_flows(
        _money_flows(
            Payout.objects.filter(application__in=ids),
            Repayment.objects.filter(application__in=ids),
            "fund_id",
        )
    )
    return figures


def figures_by_fund(fund_ids) -> dict[int, Figures]:
    """{fund id: Figures} for many funds at once (two grouped queries)."""
    from .application import Application
    from .payout import Payout, Repayment

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
    # The applications too are narrowed by fund (a payout's fund is its application's):
    # without it PostgreSQL scans every granted application of every year to join them.
    same_funds = Q(fund_id__in=fund_ids, application__fund_id__in=fund_ids)
    flows = _money_flows(
        Payout.objects.filter(same_funds), Repayment.objects.filter(same_funds), "fund_id"
    )
    for row in flows:
        result[row["group"]].add_money_flows([row])
    return result


def attach_figures(funds) -> None:
    """Set `fund.figures` on each fund of a list (used by FundQuerySet.with_figures)."""
    funds = [fund for fund in funds if hasattr(fund, "budget")]
    figures = figures_by_fund(fund.pk for fund in funds)
    for fund in funds:
        fund_figures = figures[fund.pk]
        fund_figures.budget = fund.budget
        fund.__dict__["figures"] = fund_figures
