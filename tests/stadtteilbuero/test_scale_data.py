import contextlib
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Sum

from events.models import Event, Occurrence
from fonds.models import Application, ApplicationEvent, Fund, Payout, Proof
from offices.models import Office
from projects.models import Project
from stadtteilbuero import scale
from stadtteilbuero.scale.common import new_context
from tests.factories import CategoryFactory, OfficeFactory

pytestmark = pytest.mark.django_db

COUNTS = {"offices": 2, "projects": 10, "events": 60, "applications": 120}


def generate():
    call_command("load_demo", stdout=io.StringIO())
    mail.outbox.clear()
    options = [f"--{name}={count}" for name, count in COUNTS.items()]
    call_command("generate_scale_data", *options, stdout=io.StringIO())


def test_scale_data_adds_the_counts_on_top_of_the_demo_data_following_the_fund_rules():
    generate()
    assert Office.objects.exclude(slug__startswith="skala-").exists()  # the demo offices
    assert Office.objects.filter(slug__startswith="skala-").count() == 2
    assert Project.objects.filter(office__slug__startswith="skala-").count() == 10
    assert Event.objects.filter(office__slug__startswith="skala-").count() == 60
    assert Occurrence.objects.filter(event__office__slug__startswith="skala-").count() >= 60
    scale = Application.objects.filter(fund__office__slug__startswith="skala-")
    assert scale.count() == 120
    # Three years of funds per office, each with jury meetings.
    assert Fund.objects.filter(office__slug__startswith="skala-").count() == 6
    assert not Fund.objects.filter(office__slug__startswith="skala-", jury_meetings=None).exists()
    assert {"submitted", "in_review", "approved", "rejected", "completed"} <= set(
        scale.values_list("status", flat=True)
    )
    assert len(mail.outbox) == 0
    for application in scale.filter(status=Application.Status.COMPLETED):
        # As proof_accept: the spent money of the accepted proof, at most the granted amount.
        proof = application.proofs.get(status=Proof.Status.ACCEPTED)
        spent = proof.payments.aggregate(total=Sum("amount"))["total"]
        assert application.spent_amount == min(spent, application.granted_amount)
        assert application.paid_amount <= application.granted_amount
    # Every application has its audit trail, starting with the submission.
    first_events = ApplicationEvent.objects.filter(application__in=scale).order_by(
        "application", "created_at", "pk"
    )
    assert set(first_events.values_list("application", flat=True)) == set(
        scale.values_list("pk", flat=True)
    )
    assert not Payout.objects.filter(application__status__in=Application.Status.open()).exists()
    for fund in Fund.objects.filter(office__slug__startswith="skala-"):
        assert fund.figures.committed <= fund.budget
        assert fund.last_sequence == fund.applications.count()


class Rollback(Exception):
    pass


def rows_of_a_run(seed):
    """The applications one run writes, rolled back afterwards."""
    with contextlib.suppress(Rollback), transaction.atomic():
        CategoryFactory()
        scale.generate(new_context(seed=seed, counts=COUNTS), report=lambda line: None)
        rows = sorted(
            Application.objects.filter(fund__office__slug__startswith="skala-").values_list(
                "reference_number", "token", "status", "requested_amount", "spent_amount"
            )
        )
        raise Rollback
    return rows


@time_machine.travel("2026-06-15 10:30 +0200", tick=False)
def test_scale_data_is_deterministic_for_a_seed():
    first = rows_of_a_run(7)
    assert len(first) == 120
    assert rows_of_a_run(7) == first
    assert rows_of_a_run(8) != first


def test_scale_data_needs_the_demo_data():
    with pytest.raises(CommandError, match="load_demo"):
        call_command("generate_scale_data", stdout=io.StringIO())


def test_scale_data_refuses_to_run_twice():
    OfficeFactory(slug="skala-001")
    with pytest.raises(CommandError, match="already"):
        call_command("generate_scale_data", stdout=io.StringIO())
