"""The money figures of the fund, computed in exactly one place.

Per application:
- granted: the approved amount (the requested one where staff approved it whole), for
  approved, paid and completed applications;
- paid: the sum of its payouts; repaid: the sum of its booked repayments;
- spent: the part of the granted money the accepted proof of use shows as spent
  (`Application.spent_amount`, recorded when the proof is accepted);
- outstanding repayment: once the proof is accepted, what was paid out but not spent and
  has not come back yet (`outstanding_repayment` in Python, `outstanding_repayment_sql`
  the same rule for the database; tests/fonds/test_outstanding_repayment.py holds the
  two together);
- committed: what the application takes from the budget: its granted amount until the
  proof is accepted, then its spent money plus the outstanding repayment. Money not spent
  goes back into the budget when it is not paid out, or when its repayment is booked.

Nothing is stored that could drift; every sum comes from aggregate queries, whatever the
number of rows: no correlated subquery for every row. A list of applications (`figures_of`: a
fund's page, the check before an approval) takes two: the sums over the applications,
and the money summed by the database, payouts per application and the outstanding
repayments over those. The admin's list shows no outstanding repayments; its totals
(`totals_of`) skip the grouping per application. Many funds at once (`figures_by_fund`:
the fund list, an office page) take two grouped queries: the applications per fund, and
their payouts and repayments (a UNION), per application where a proof is accepted (the
outstanding repayment is a maximum per application), per fund otherwise.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Greatest

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


def outstanding_repayment_sql(paid, spent, repaid):
    """`outstanding_repayment` as a database expression over three money expressions,
    to sum it over many applications in the database."""
    return Greatest(paid - spent - repaid, Value(ZERO), output_field=MONEY_FIELD)


def _money_sum(expression, **extra):
    return Coalesce(Sum(expression, **extra), ZERO, output_field=MONEY_FIELD)


def money_of_each(model):
    """The sum of each application's payouts or repayments (`model`), a subquery per
    row: for a page of applications, not for the sums of a long list."""
    rows = (
        model.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=MONEY_FIELD), ZERO, output_field=MONEY_FIELD)


def application_sums() -> dict:
    """The aggregate expressions over applications, shared by every grouping."""
    from .application import Application

    granted = Q(status__in=Application.Status.granted())
    return {
        # Count("*"), not the primary key: the sums then come from the covering index
        # (fund, status) alone.
        "count": Count("*"),
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


@dataclass
class Totals:
    """What a list of applications shows above its rows (the admin's list): its count,
    requested, approved, spent and paid money. The outstanding repayments are left out:
    they need each application's payouts summed apart (`Figures`)."""

    count: int
    requested: Decimal
    approved: Decimal
    spent: Decimal
    paid: Decimal


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


def _granted(applications):
    from .application import Application

    return applications.filter(status__in=Application.Status.granted())


# The money paid out to the applications of a query (a join to their payouts).
PAID = _money_sum("payouts__amount")


def _money_of(applications) -> dict:
    """Paid, repaid and the outstanding repayments of the granted applications of a list,
    in one query: each application's payouts summed by a join grouped per application,
    the outstanding repayments summed over those rows (an aggregate over the grouped
    query)."""
    from .payout import Repayment

    # A second join would count each payout once per repayment. Few applications have
    # repayments: the IN is hashed once, and only theirs are summed one by one.
    repaid = Case(
        When(pk__in=Repayment.objects.values("application"), then=money_of_each(Repayment)),
        default=Value(ZERO),
        output_field=MONEY_FIELD,
    )
    per_application = (
        _granted(applications)
        .values("pk")
        .annotate(
            application_spent=F("spent_amount"),
            application_paid=PAID,
            application_repaid=repaid,
        )
    )
    due = outstanding_repayment_sql(
        F("application_paid"), F("application_spent"), F("application_repaid")
    )
    return per_application.aggregate(
        paid=_money_sum("application_paid"),
        repaid=_money_sum("application_repaid"),
        repayment_due=_money_sum(due, filter=Q(application_spent__isnull=False)),
    )


def figures_of(applications) -> Figures:
    """The figures of a queryset of applications (two aggregate queries; a list without
    duplicate rows, like every list the admin filters)."""
    applications = applications.order_by()
    figures = Figures(**applications.aggregate(**application_sums()))
    money = _money_of(applications)
    figures.paid = money["paid"]
    figures.repaid = money["repaid"]
    figures.repayment_due = money["repayment_due"]
    figures.committed += money["repayment_due"]
    return figures


def totals_of(applications) -> Totals:
    """The totals of a queryset of applications (two aggregate queries, no grouping)."""
    applications = applications.order_by()
    sums = application_sums()
    del sums["committed"]
    return Totals(
        **applications.aggregate(**sums),
        paid=_granted(applications).aggregate(paid=PAID)["paid"],
    )


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
