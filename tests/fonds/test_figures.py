"""The fund's money figures: computed in one place (fonds/models/figures.py) and the same on
every page that shows them. Money not spent goes back into the budget."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fonds import services
from fonds.models import Application, Fund
from tests.conftest import make_staff, postgresql_only
from tests.factories import (
    ApplicationFactory,
    FundFactory,
    PayoutFactory,
    ProofFactory,
    ProofPaymentFactory,
)

pytestmark = pytest.mark.django_db
Status = Application.Status


@pytest.fixture
def example(office):
    """The issue's example: 12,800 € budget, 200 € approved elsewhere; approve 500 €,
    pay 300 €, accept a proof of 280 € spent."""
    fund = FundFactory(office=office, budget=D("13000.00"))
    ApplicationFactory(fund=fund, status=Status.APPROVED, requested_amount=D("200.00"))
    staff = make_staff(office, "fonds")
    application = ApplicationFactory(fund=fund, status=Status.IN_REVIEW, requested_amount=D("500"))
    services.application_approve(application=application, actor=staff, amount=D("500.00"))
    services.application_record_payout(
        application=application, actor=staff, amount=D("300.00"), paid_on=timezone.localdate()
    )
    proof = ProofFactory(application=application)
    ProofPaymentFactory(proof=proof, amount=D("280.00"))
    services.proof_accept(proof=proof, actor=staff, notify=False)
    services.application_book_repayment(
        application=application, actor=staff, amount=D("20.00"), received_on=timezone.localdate()
    )
    application.refresh_from_db()
    return fund, application, staff


def test_unspent_money_goes_back_into_the_budget(example):
    fund, application, _staff = example
    figures = Fund.objects.with_figures().get(pk=fund.pk).figures
    assert figures.approved == D("700.00")  # 200 + 500
    assert figures.paid == D("300.00")
    assert figures.spent == D("280.00")
    assert figures.repaid == D("20.00")
    assert figures.committed == D("480.00")  # 200 approved + 280 spent
    assert figures.remaining == D("12520.00")  # not 12,300
    assert application.status == Status.COMPLETED
    assert application.repayment_due == D("0.00")  # paid 300, spent 280, 20 repaid
    assert application.rest_to_pay == D("0.00")


def test_money_paid_out_and_not_spent_returns_when_its_repayment_is_booked(fund, fonds_staff):
    fund.budget = D("1000.00")
    fund.save()
    application = ApplicationFactory(fund=fund, status=Status.PAID, approved_amount=D("500"))
    PayoutFactory(application=application, amount=D("500.00"))
    proof = ProofFactory(application=application)
    ProofPaymentFactory(proof=proof, amount=D("350.00"))
    services.proof_accept(proof=proof, actor=fonds_staff, notify=False)
    application = Application.objects.get(pk=application.pk)
    assert application.repayment_due == D("150.00")
    figures = Fund.objects.get(pk=fund.pk).figures
    assert (figures.committed, figures.repayment_due, figures.remaining) == (
        D("500.00"),
        D("150.00"),
        D("500.00"),
    )
    with pytest.raises(services.ApplicationError):
        services.application_book_repayment(
            application=application,
            actor=fonds_staff,
            amount=D("150.01"),
            received_on=timezone.localdate(),
        )
    services.application_book_repayment(
        application=application,
        actor=fonds_staff,
        amount=D("100.00"),
        received_on=timezone.localdate(),
    )
    figures = Fund.objects.get(pk=fund.pk).figures
    assert (figures.repaid, figures.repayment_due, figures.remaining) == (
        D("100.00"),
        D("50.00"),
        D("600.00"),
    )
    assert Application.objects.get(pk=application.pk).repayment_due == D("50.00")
    assert application.events.filter(event_type="fonds.application.repayment").count() == 1


def test_the_same_figures_on_every_page(client, example):
    fund, _application, staff = example
    pages = {
        "fund list": client.get(reverse("fonds:fund-list")),
        "fund page": client.get(fund.get_absolute_url()),
        "office page": client.get(fund.office.get_absolute_url()),
        "application form": client.get(fund.get_apply_url()),
    }
    for name in ("fund list", "fund page", "office page"):
        assert "12.520,00 €" in pages[name].content.decode(), name
    assert "12.300,00" not in pages["fund page"].content.decode()
    for label, amount in [("approved", "700,00 €"), ("paid", "300,00 €"), ("spent", "280,00 €")]:
        assert f'data-figure="{label}">{amount}' in pages["fund page"].content.decode()
    client.force_login(staff)
    admin_list = client.get(reverse("admin:fonds_fund_changelist")).content.decode()
    assert "12.520,00 €" in admin_list
    report = client.get(reverse("admin:fonds_fund_report", args=[fund.pk]))
    assert report.context["figures"].remaining == D("12520.00")
    assert 'data-figure="spent">280,00 €' in report.content.decode()
    changelist = client.get(reverse("admin:fonds_application_changelist"))
    totals = changelist.context["totals"]
    assert (totals.approved, totals.paid, totals.spent) == (D("700"), D("300"), D("280"))


def test_approval_may_use_the_money_that_came_back(example):
    fund, _application, staff = example
    fund.budget = D("1000.00")  # 480 committed: 520 left, of which 220 came back
    fund.save()
    big = ApplicationFactory(fund=fund, status=Status.IN_REVIEW, requested_amount=D("520.00"))
    services.application_approve(application=big, actor=staff, amount=D("520.00"))
    assert Fund.objects.get(pk=fund.pk).figures.remaining == D("0.00")
    too_much = ApplicationFactory(fund=fund, status=Status.IN_REVIEW, requested_amount=D("1"))
    with pytest.raises(services.ApplicationError):
        services.application_approve(application=too_much, actor=staff, amount=D("1.00"))


def test_rest_to_pay_after_the_proof_is_what_was_spent(fund, fonds_staff):
    application = ApplicationFactory(fund=fund, status=Status.PAID, approved_amount=D("500"))
    PayoutFactory(application=application, amount=D("100.00"), is_advance=True)
    proof = ProofFactory(application=application)
    ProofPaymentFactory(proof=proof, amount=D("450.00"))
    services.proof_accept(proof=proof, actor=fonds_staff, notify=False)
    application = Application.objects.get(pk=application.pk)
    assert application.rest_to_pay == D("0.00")  # completed: nothing more is paid
    assert application.spent_amount == D("450.00")
    assert application.repayment_due == D("0.00")


def hand_computed(fund):
    """The figures summed in Python over the rows, as an auditor would."""
    granted = [a for a in fund.applications.all() if a.status in Status.granted()]
    committed = sum(
        (
            a.spent_amount + a.repayment_due if a.spent_amount is not None else a.granted_amount
            for a in granted
        ),
        D("0"),
    )
    paid = sum((p.amount for a in fund.applications.all() for p in a.payouts.all()), D("0"))
    return {
        "approved": sum((a.granted_amount for a in granted), D("0")),
        "paid": paid,
        "remaining": max(fund.budget - committed, D("0")),
    }


def many_funds(count):
    funds = []
    for number in range(count):
        fund = FundFactory(budget=D("5000.00"))
        for status in Status.values:
            application = ApplicationFactory(
                fund=fund, status=status, requested_amount=D("100") + number
            )
            if status in (Status.PAID, Status.COMPLETED):
                PayoutFactory(application=application, amount=D("60.00"))
                PayoutFactory(application=application, amount=D("15.50"))
            if status == Status.COMPLETED:
                application.spent_amount = D("70.00")
                application.save(update_fields=["spent_amount"])
        funds.append(fund)
    return funds


@postgresql_only
@pytest.mark.parametrize("count", [2, 12])  # 12: a full page of the fund list
def test_fund_list_fixed_queries_and_hand_computed_figures_on_postgresql(client, count):
    funds = many_funds(count)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("fonds:fund-list"))
    assert response.status_code == 200
    assert len(queries) == 6  # count, funds, 2 figure aggregates, 2 prefetches
    figures = {fund.pk: fund.figures for fund in response.context["funds"]}
    for fund in funds:
        expected = hand_computed(fund)
        assert figures[fund.pk].approved == expected["approved"]
        assert figures[fund.pk].paid == expected["paid"]
        assert figures[fund.pk].remaining == expected["remaining"]
    # No correlated subquery per row: the applications grouped by fund, and one UNION of
    # the payouts and the repayments grouped by fund.
    figure_queries = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    assert len(figure_queries) == 2
    assert sorted(sql.count("SELECT") for sql in figure_queries) == [1, 2]
