import contextlib
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import transaction

from fonds.models import Application
from stadtteilbuero import scale
from stadtteilbuero.scale.common import new_context
from tests.factories import CategoryFactory, OfficeFactory

pytestmark = pytest.mark.django_db

COUNTS = {"offices": 2, "projects": 10, "events": 60, "applications": 120}


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
