"""Staff see the mails of their own objects (inline) and send them again; only
administrators see the whole queue."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from offices.models import Notice
from stadtteilbuero.admin import OutgoingMailInline
from stadtteilbuero.models import OutgoingMail
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice_admin_with_mails(monkeypatch):
    """The inline as an app adds it to its admin (here: news, an office-scoped model)."""
    notice_admin = admin.site._registry[Notice]
    monkeypatch.setattr(notice_admin, "inlines", [*notice_admin.inlines, OutgoingMailInline])


@pytest.fixture
def failed_mail(office):
    notice = NoticeFactory(office=office)
    return OutgoingMail.objects.create(
        to=["anna@example.org"],
        subject="Ihre Anfrage",
        body="Text",
        status=OutgoingMail.Status.FAILED,
        attempts=6,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
        content_type=ContentType.objects.get_for_model(Notice),
        object_id=str(notice.pk),
    )


def resend_url(mail, back=""):
    return reverse("admin:stadtteilbuero_outgoingmail_resend", args=[mail.pk]) + back


def test_only_administrators_see_the_queue(client, superuser, staff_user, failed_mail):
    changelist = reverse("admin:stadtteilbuero_outgoingmail_changelist")
    client.force_login(staff_user)
    assert client.get(changelist).status_code == 403
    client.force_login(superuser)
    response = client.get(changelist, {"status": "failed", "q": "anna@example"})
    assert response.status_code == 200
    assert "Ihre Anfrage" in response.text


def test_administrator_resends_selected_mails(
    client, superuser, failed_mail, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:stadtteilbuero_outgoingmail_changelist"),
            {"action": "resend_selected", "_selected_action": [failed_mail.pk]},
        )
    assert response.status_code == 302
    failed_mail.refresh_from_db()
    assert failed_mail.status == OutgoingMail.Status.SENT
    assert [message.subject for message in mailoutbox] == ["Ihre Anfrage"]


def test_staff_see_the_mails_on_their_objects_page(
    client, staff_user, failed_mail, notice_admin_with_mails
):
    client.force_login(staff_user)
    response = client.get(reverse("admin:offices_notice_change", args=[failed_mail.object_id]))
    assert response.status_code == 200
    assert "Ihre Anfrage" in response.text
    assert "Connection refused" in response.text
    assert f'formaction="{resend_url(failed_mail)}"' in response.text


def test_staff_resend_a_mail_of_their_office(
    client, staff_user, failed_mail, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend_url(failed_mail))
    assert response.url == reverse("admin:offices_notice_change", args=[failed_mail.object_id])
    failed_mail.refresh_from_db()
    assert failed_mail.status == OutgoingMail.Status.SENT
    assert len(mailoutbox) == 1


def test_staff_of_another_office_cannot_resend(client, other_staff_user, failed_mail, mailoutbox):
    client.force_login(other_staff_user)
    assert client.post(resend_url(failed_mail)).status_code == 404
    assert client.get(resend_url(failed_mail)).status_code == 405
    failed_mail.refresh_from_db()
    assert failed_mail.status == OutgoingMail.Status.FAILED
    assert mailoutbox == []


def test_administrator_returns_to_the_mail_page(client, superuser, failed_mail):
    client.force_login(superuser)
    response = client.post(resend_url(failed_mail, "?back=mail"))
    mail_page = reverse("admin:stadtteilbuero_outgoingmail_change", args=[failed_mail.pk])
    assert response.url == mail_page
    assert client.get(response.url).status_code == 200
