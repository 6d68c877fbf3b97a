"""The application form's protection: a rate limit shared by all processes and atomic,
and a fill-time stamp that can be used once."""

import contextlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connections
from django.test import Client

from fonds.models import Application
from stadtteilbuero.antispam import form_stamp
from tests.conftest import postgresql_only
from tests.factories import CostCategoryFactory, FundFactory
from tests.fonds.conftest import form_data


@pytest.mark.django_db
def test_a_recorded_post_cannot_be_replayed(client, fund, material):
    data = form_data(fund, material)
    assert client.post(fund.get_apply_url(), data).status_code == 302
    replay = client.post(fund.get_apply_url(), data)
    assert replay.status_code == 400
    assert "wurde bereits gesendet" in replay.content.decode()
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_invalid_posts_do_not_use_up_the_limit_but_a_flood_is_stopped(
    client, fund, material, settings
):
    settings.FORM_POSTS_PER_HOUR = 8
    invalid = form_data(fund, material, name="")
    for _ in range(6):
        assert client.post(fund.get_apply_url(), invalid).status_code == 400
    # Mistakes do not cost the resident their application...
    assert client.post(fund.get_apply_url(), form_data(fund, material)).status_code == 302
    # ...but a flood of posts is refused before the form is even read.
    client.post(fund.get_apply_url(), invalid)
    flood = client.post(fund.get_apply_url(), invalid)
    assert flood.status_code == 429
    assert flood["Retry-After"] == "3600"


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_200_concurrent_submissions_from_one_address_store_exactly_5(settings):
    settings.FORM_POSTS_PER_HOUR = 1000
    fund = FundFactory(budget=Decimal("1000000.00"))
    material = CostCategoryFactory(name="Material")
    posts = [
        form_data(
            fund,
            material,
            project_title=f"Flut {number}",
            form_started=form_stamp(time.time() - 60),
        )
        for number in range(200)
    ]
    barrier = threading.Barrier(40)

    def send(data):
        try:
            # The first 40 start together; later ones go as soon as a worker is free.
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=5)
            response = Client(REMOTE_ADDR="203.0.113.99").post(fund.get_apply_url(), data)
            return response.status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=40) as pool:
        codes = list(pool.map(send, posts))
    assert codes.count(302) == 5
    assert codes.count(429) == 195
    assert Application.objects.filter(fund=fund).count() == 5
