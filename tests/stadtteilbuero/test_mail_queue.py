"""The mail queue: written with the caller's change, sent after it commits (at once with the
immediate task backend of the tests, by the worker with the database backend), retried
with back-off, never sent twice, resent by staff, visible on /health/."""

import datetime
import socket

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from offices.models import Notice
from stadtteilbuero.mail import deliver_mail, mail_resend, queue_mail, render_mail
from stadtteilbuero.models import OutgoingMail
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "tests.stadtteilbuero.test_mail_queue.RefusingBackend"
LOCMEM_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


class RefusingBackend:
    """A mail backend whose server refuses every connection."""

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


def queue_test_mail(about=None):
    return queue_mail(
        to=["anna@example.org"],
        subject="Ihr Antrag",
        body="Guten Tag",
        reply_to=["buero@example.org"],
        about=about,
    )


@pytest.fixture
def database_tasks(settings):
    """Production's task backend: the worker (db_worker) sends the mail."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def run_worker(monkeypatch):
    """`manage.py db_worker --batch`: runs the due tasks, then stops. The worker closes
    connections between tasks, which would end the test's transaction, so not here."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    return lambda: call_command(
        "db_worker", "--batch", "--interval=0", "--no-startup-delay", verbosity=0
    )


def test_render_mail_is_german_with_a_one_line_subject(settings, tmp_path):
    (tmp_path / "note_subject.txt").write_text("Ihr Antrag\n  {{ title }}\n")
    (tmp_path / "note_body.txt").write_text(
        "{% load i18n %}{% get_current_language as lang %}{{ lang }}: {% translate 'German' %}\n"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    with translation.override("en"):
        subject, body = render_mail("note", {"title": "Sommerfest"})
    assert subject == "Ihr Antrag Sommerfest"
    assert body == "de: Deutsch\n"


def test_mail_goes_out_with_reply_to_when_the_transaction_commits(
    django_capture_on_commit_callbacks, mailoutbox
):
    notice = NoticeFactory()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mail = queue_test_mail(about=notice)
        assert mailoutbox == []  # not while the change is still open
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["anna@example.org"]
    assert mailoutbox[0].reply_to == ["buero@example.org"]
    assert mailoutbox[0].subject == "Ihr Antrag"
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT
    assert mail.attempts == 1
    assert mail.sent_at is not None
    assert list(OutgoingMail.objects.about(notice)) == [mail]
    assert not OutgoingMail.objects.about(NoticeFactory()).exists()


def test_nothing_is_sent_when_the_callers_transaction_rolls_back(
    django_capture_on_commit_callbacks, mailoutbox
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_test_mail()
        raise RuntimeError("the caller's change failed")
    assert mailoutbox == []
    assert not OutgoingMail.objects.exists()


def test_mail_without_recipient_is_not_queued(caplog):
    assert queue_mail(to=["", ""], subject="Ihr Antrag", body="Text") is None
    assert not OutgoingMail.objects.exists()
    assert "has no recipient" in caplog.text


def test_failed_attempt_keeps_the_change_and_a_later_run_sends_it(
    settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notice = NoticeFactory()
        mail = queue_test_mail(about=notice)
    mail.refresh_from_db()
    assert Notice.objects.filter(pk=notice.pk).exists()
    assert mail.status == OutgoingMail.Status.WAITING
    assert mail.attempts == 1
    assert "ConnectionRefusedError" in mail.last_error
    assert mail.can_resend

    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    assert deliver_mail.call(mail.pk) == "sent"
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.last_error) == (OutgoingMail.Status.SENT, 2, "")
    assert len(mailoutbox) == 1


def test_back_off_then_failed_after_the_last_attempt(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    mail = queue_test_mail()
    waits = []
    with time_machine.travel(timezone.now(), tick=False):
        for _ in range(5):
            deliver_mail.call(mail.pk)
            mail.refresh_from_db()
            waits.append(mail.next_attempt_at - timezone.now())
        assert mail.status == OutgoingMail.Status.WAITING
        deliver_mail.call(mail.pk)
    assert [wait.total_seconds() for wait in waits] == [60, 300, 1800, 7200, 43200]
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.next_attempt_at) == ("failed", 6, None)


def test_a_sent_mail_is_not_sent_twice(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        mail = queue_test_mail()
    assert len(mailoutbox) == 1
    assert deliver_mail.call(mail.pk) == "skipped"
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("status", [OutgoingMail.Status.SENT, OutgoingMail.Status.FAILED])
def test_resend_puts_a_sent_or_failed_mail_back_in_the_queue(
    status, django_capture_on_commit_callbacks, mailoutbox
):
    mail = OutgoingMail.objects.create(to=["a@example.org"], subject="S", body="B", status=status)
    with django_capture_on_commit_callbacks(execute=True):
        mail_resend(mail)
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT
    assert len(mailoutbox) == 1


def test_resend_leaves_a_mail_that_was_never_tried(settings, mailoutbox):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    mail = queue_test_mail()
    assert not mail.can_resend
    mail_resend(mail)
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mailoutbox) == ("waiting", 0, [])


# --- production: the database task backend and its worker ----------------------------


def unreachable_smtp(settings):
    with socket.socket() as probe:  # a port on this machine where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2


def test_database_backend_writes_the_task_in_the_callers_transaction(
    database_tasks, run_worker, mailoutbox
):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_test_mail()
        assert DBTaskResult.objects.count() == 1
        raise RuntimeError("the caller's change failed")
    assert not OutgoingMail.objects.exists()
    assert not DBTaskResult.objects.exists()

    mail = queue_test_mail()
    assert mailoutbox == []  # only the worker sends
    run_worker()
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT
    assert len(mailoutbox) == 1


def test_smtp_unreachable_mail_waits_and_goes_out_when_the_server_is_back(
    database_tasks, run_worker, settings, mailoutbox
):
    unreachable_smtp(settings)
    with transaction.atomic():
        notice = NoticeFactory()
        mail = queue_test_mail(about=notice)
    run_worker()

    mail.refresh_from_db()
    assert Notice.objects.filter(pk=notice.pk).exists()
    assert mail.status == OutgoingMail.Status.WAITING
    assert mail.attempts == 1
    assert "ConnectionRefusedError" in mail.last_error
    waiting_task = DBTaskResult.objects.get(status="READY")  # the retry, after its back-off
    assert waiting_task.run_after == mail.next_attempt_at > timezone.now()

    settings.EMAIL_BACKEND = LOCMEM_BACKEND  # the server is back
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        run_worker()
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.last_error) == (OutgoingMail.Status.SENT, 2, "")
    assert [message.to for message in mailoutbox] == [["anna@example.org"]]


# --- /health/ --------------------------------------------------------------------------


def test_health_reports_the_mail_queue(client, database_tasks):
    with time_machine.travel(timezone.now() - datetime.timedelta(minutes=10)):
        queue_test_mail()
    queue_test_mail()
    OutgoingMail.objects.create(to=["a@example.org"], subject="S", body="B", status="failed")
    OutgoingMail.objects.create(to=["a@example.org"], subject="S", body="B", status="sent")
    response = client.get(reverse("health"))
    assert response.status_code == 200
    queue = response.json()["mail_queue"]
    assert (queue["waiting"], queue["failed"]) == (2, 1)
    assert 595 <= queue["oldest_waiting_seconds"] <= 660
