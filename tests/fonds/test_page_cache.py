"""The page cache on a deadline day: what residents send (an application, a withdrawal)
keeps the cached pages, since no public page shows it; a decision that changes the
fund's figures shows on the next request."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from fonds import services
from fonds.models import Application
from tests.fonds.conftest import form_data

pytestmark = pytest.mark.django_db


def cached(client, url) -> bool:
    response = client.get(url)
    assert response.status_code == 200
    return response.get("X-Page-Cache") == "hit"


def approved_figure(client, url) -> str:
    page = client.get(url).content.decode()
    return re.search(r'data-figure="approved">([^<]*)<', page).group(1)


def test_an_application_keeps_the_cached_pages_and_its_approval_shows_at_once(
    client, fund, material, fonds_staff, django_capture_on_commit_callbacks
):
    page = fund.get_absolute_url()
    client.get(page)
    assert cached(client, page)
    applicant = Client()  # a browser of its own: the form sets a CSRF cookie
    with django_capture_on_commit_callbacks(execute=True):
        response = applicant.post(fund.get_apply_url(), form_data(fund, material))
    assert response.status_code == 302
    application = Application.objects.get()
    # The application, its cost plan, its history and its mails are on no public page.
    assert cached(client, page)
    services.application_start_review(application=application, actor=fonds_staff)
    assert cached(client, page)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(
            application=application, actor=fonds_staff, amount=Decimal("400")
        )
    assert not cached(client, page)
    assert approved_figure(client, page).startswith("400,00")


def test_a_withdrawal_keeps_the_cached_pages(
    client, fund, material, django_capture_on_commit_callbacks
):
    applicant = Client()
    with django_capture_on_commit_callbacks(execute=True):
        applicant.post(fund.get_apply_url(), form_data(fund, material))
    application = Application.objects.get()
    page = fund.get_absolute_url()
    client.get(page)
    with django_capture_on_commit_callbacks(execute=True):
        withdraw = reverse("fonds:application-withdraw", kwargs={"token": application.token})
        assert applicant.post(withdraw).status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert cached(client, page)
