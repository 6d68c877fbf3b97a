"""The outstanding repayment (paid out, not spent, not repaid yet) is one rule in
fonds/models/figures.py, stated in Python (`outstanding_repayment`: an application's page,
the fund list) and in SQL (`outstanding_repayment_sql`: the sums of a list, summed by the
database). Both give the same figures on the same data."""

from decimal import Decimal as D

import pytest

from fonds.models import Application, Fund, figures_by_fund
from fonds.models.figures import outstanding_repayment
from tests.factories import ApplicationFactory, FundFactory, PayoutFactory, RepaymentFactory

pytestmark = pytest.mark.django_db
Status = Application.Status

CASES = [
    # (payouts, spent, repayments, outstanding repayment)
    (["300.00"], "280.00", ["20.00"], "0.00"),  # the fund issue's example: repaid in full
    (["500.00"], "350.00", [], "150.00"),
    (["500.00"], "350.00", ["100.00"], "50.00"),
    # Several payouts and repayments: each counted once, not once per row of the other.
    (["200.00", "300.00"], "350.00", ["50.00", "60.00"], "40.00"),
    (["100.00"], "450.00", [], "0.00"),  # paid less than spent: nothing to pay back
    (["400.00"], "400.00", [], "0.00"),
    ([], "100.00", [], "0.00"),  # nothing paid out
    (["0.01"], "0.00", [], "0.01"),  # a cent
]


def make_application(fund, payouts, spent, repayments, status=Status.COMPLETED):
    application = ApplicationFactory(
        fund=fund, status=status, requested_amount=D("900.00"), spent_amount=spent
    )
    for amount in payouts:
        PayoutFactory(application=application, amount=D(amount))
    for amount in repayments:
        RepaymentFactory(application=application, amount=D(amount))
    return Application.objects.get(pk=application.pk)


@pytest.mark.parametrize(("payouts", "spent", "repayments", "expected"), CASES)
def test_python_and_sql_agree_on_the_outstanding_repayment(
    fund, payouts, spent, repayments, expected
):
    application = make_application(fund, payouts, D(spent), repayments)
    paid = sum((D(amount) for amount in payouts), D("0.00"))
    repaid = sum((D(amount) for amount in repayments), D("0.00"))
    assert outstanding_repayment(paid, D(spent), repaid) == D(expected)
    assert application.repayment_due == D(expected)
    listed = Application.objects.filter(pk=application.pk).figures()
    assert (listed.paid, listed.repaid, listed.repayment_due) == (paid, repaid, D(expected))
    assert figures_by_fund([fund.pk])[fund.pk].repayment_due == D(expected)


def test_a_list_sums_what_each_application_shows(office):
    fund = FundFactory(office=office, budget=D("10000.00"))
    applications = [make_application(fund, *case[:3]) for case in CASES]
    # Granted, proof not accepted yet: paid counts, no repayment is due.
    applications.append(make_application(fund, ["250.00"], None, [], status=Status.PAID))
    # Not granted: neither its money nor its amounts count.
    make_application(fund, [], None, [], status=Status.REJECTED)

    listed = fund.applications.all().figures()
    by_fund = figures_by_fund([fund.pk])[fund.pk]
    on_the_fund = Fund.objects.with_figures().get(pk=fund.pk).figures

    due = sum((a.repayment_due or D("0.00") for a in applications), D("0.00"))
    paid = sum((a.paid_amount for a in applications), D("0.00"))
    assert due == D("240.01")
    for figures in (listed, by_fund, on_the_fund):
        assert figures.repayment_due == due
        assert figures.paid == paid
        assert figures.repaid == D("230.00")
        assert figures.committed == listed.committed
    # Committed: the spent money plus what is still to come back, and the granted amount
    # of the application whose proof is not accepted yet.
    spent = sum((D(case[1]) for case in CASES), D("0.00"))
    assert listed.committed == spent + due + D("900.00")
    # The admin list's totals: the same sums, without the outstanding repayments.
    totals = fund.applications.all().totals()
    shown = ("count", "requested", "approved", "spent", "paid")
    assert [getattr(totals, name) for name in shown] == [getattr(listed, name) for name in shown]
    assert (totals.count, totals.spent, totals.paid) == (len(CASES) + 2, spent, paid)
