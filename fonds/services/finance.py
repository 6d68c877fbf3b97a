"""Totals of a finance plan (costs, income, own contribution)."""

from collections.abc import Iterable
from decimal import Decimal

from fonds.models import ZERO, ExpenseLine, IncomeLine

CENT = Decimal("0.01")


def expense_total(line: ExpenseLine) -> Decimal:
    return (line.quantity * line.unit_price).quantize(CENT)


def finance_totals(
    *, expenses: Iterable[ExpenseLine], incomes: Iterable[IncomeLine], requested: Decimal | None
) -> dict:
    """Totals of a finance plan: costs, income (with the requested amount), own share."""
    total_expenses = sum((expense_total(line) for line in expenses), ZERO)
    incomes = list(incomes)
    own = sum(
        (line.amount for line in incomes if line.kind in IncomeLine.Kind.own_contribution()), ZERO
    )
    other = sum((line.amount for line in incomes), ZERO) - own
    requested = requested or ZERO
    return {
        "expenses": total_expenses,
        "own": own,
        "other": other,
        "requested": requested,
        "income": own + other + requested,
        "difference": total_expenses - (own + other + requested),
    }


def application_totals(application) -> dict:
    """The totals of a saved application (uses prefetched expenses and incomes)."""
    return finance_totals(
        expenses=application.expenses.all(),
        incomes=application.incomes.all(),
        requested=application.requested_amount,
    )
