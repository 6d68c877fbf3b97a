"""The applicant's status link is theirs alone: no staff page leads to it, it is never
cached, and it stops working a while after the application was closed."""

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from fonds import services
from fonds.models import Application
from tests.conftest import make_staff
from tests.factories import ApplicationFactory, FundFactory

pytestmark = pytest.mark.django_db
Status = Application.Status


@pytest.fixture
def application(fund):
    return ApplicationFactory(fund=fund, status=Status.IN_REVIEW)


def staff_pages(application):
    """Every admin page about the application, its fund and its meeting."""
    meeting = application.fund.jury_meetings.first()
    return [
        reverse("admin:fonds_application_change", args=[application.pk]),
        reverse("admin:fonds_application_history", args=[application.pk]),
        reverse("admin:fonds_application_changelist"),
        reverse("admin:fonds_application_export", args=["csv"]),
        reverse("admin:fonds_application_approve", args=[application.pk]),
        reverse("admin:fonds_application_reject", args=[application.pk]),
        reverse("admin:fonds_application_defer", args=[application.pk]),
        reverse("admin:fonds_fund_report", args=[application.fund.pk]),
        reverse("admin:fonds_jurymeeting_minutes", args=[meeting.pk]),
        reverse("admin:fonds_jurymeeting_jury_sheet", args=[meeting.pk]),
        reverse("admin:fonds_applicationevent_changelist"),
    ]


@pytest.mark.parametrize("whose", ["own office", "other office"])
def test_no_staff_page_links_or_redirects_to_the_status_link(client, application, whose):
    office = application.fund.office if whose == "own office" else FundFactory().office
    client.force_login(make_staff(office, "fonds"))
    content_type = ContentType.objects.get_for_model(Application)
    view_on_site = client.get(f"/admin/r/{content_type.pk}/{application.pk}/")
    assert view_on_site.status_code == 404
    for url in staff_pages(application):
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), url
        assert application.token not in response.content.decode(), url
        assert application.token not in response.get("Location", ""), url


def test_decision_mail_preview_hides_the_link_and_the_mail_carries_it(
    client, application, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(make_staff(application.fund.office, "fonds"))
    url = reverse("admin:fonds_application_approve", args=[application.pk])
    preview = client.post(url, {"amount": "500", "_preview": "1"})
    page = preview.content.decode()
    assert application.token not in page
    assert services.mail.STATUS_LINK_PLACEHOLDER in page
    body = preview.context["form"].initial["mail_body"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {"amount": "500", "mail_subject": "Bewilligt", "mail_body": body, "_confirm": "1"},
        )
    assert application.get_status_url() in mailoutbox[0].body
    assert services.mail.STATUS_LINK_PLACEHOLDER not in mailoutbox[0].body


def test_status_pages_are_never_cached(client, application):
    for url in (
        application.get_status_url(),
        reverse("fonds:application-confirmation", kwargs={"token": application.token}),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


def test_status_link_ends_a_while_after_closing(client, application, settings):
    settings.FONDS_STATUS_LINK_DAYS = 90
    services.application_withdraw(application=application, notify=False)
    application.refresh_from_db()
    assert application.closed_at is not None
    url = application.get_status_url()
    assert client.get(url).status_code == 200
    later = application.closed_at + datetime.timedelta(days=90, minutes=1)
    with time_machine.travel(later, tick=False):
        response = client.get(url)
        assert response.status_code == 410
        page = response.content.decode()
        assert "nicht mehr gültig" in page
        assert application.fund.office.name in page  # whom to ask
        assert application.project_title not in page
        assert "no-store" in response["Cache-Control"]
        proof = reverse("fonds:proof-create", kwargs={"token": application.token})
        assert client.get(proof).status_code == 404
        withdraw = reverse("fonds:application-withdraw", kwargs={"token": application.token})
        assert client.post(withdraw).status_code == 404


def test_open_application_link_does_not_expire(client, application):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=800), tick=False):
        assert client.get(application.get_status_url()).status_code == 200


def test_application_with_history_cannot_be_deleted_in_the_admin(client, fund, material):
    from tests.fonds.test_services import submit

    application = submit(fund, material)
    client.force_login(make_staff(fund.office, "fonds"))
    delete = reverse("admin:fonds_application_delete", args=[application.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Application.objects.filter(pk=application.pk).exists()
