"""Overdue proofs of use: the boundary date and the reminder command."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from fonds.models import Application, ApplicationEvent, Proof
from stadtteilbuero.models import OutgoingMail
from tests.factories import ApplicationFactory, ProofFactory

pytestmark = pytest.mark.django_db

Status = Application.Status
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
END = datetime.date(2026, 3, 31)  # + 60 days = due on 30 May 2026


def at(day, hour=9):
    return datetime.datetime(2026, *day, hour, 0, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def due_days(settings):
    settings.FONDS_PROOF_DUE_DAYS = 60
    settings.FONDS_PROOF_REMINDER_DAYS = 14


@pytest.fixture
def project(fund):
    return ApplicationFactory(
        fund=fund,
        status=Status.PAID,
        start_date=datetime.date(2026, 3, 1),
        end_date=END,
        email="kaya@example.org",
    )


@pytest.mark.parametrize(
    ("now", "overdue"),
    [
        (at((5, 30), 0), False),
        (at((5, 30), 23), False),  # the due date itself is still in time
        (at((5, 31), 0), True),
        (at((7, 1)), True),
    ],
)
def test_overdue_at_the_boundary(project, now, overdue):
    with time_machine.travel(now, tick=False):
        assert (project in Application.objects.proof_overdue()) is overdue


@pytest.mark.parametrize(
    ("status", "proof_status", "overdue"),
    [
        (Status.APPROVED, None, True),
        (Status.PAID, None, True),
        (Status.PAID, Proof.Status.RETURNED, True),
        (Status.PAID, Proof.Status.SUBMITTED, False),
        (Status.APPROVED, Proof.Status.ACCEPTED, False),
        (Status.COMPLETED, None, False),
        (Status.REJECTED, None, False),
        (Status.WITHDRAWN, None, False),
        (Status.IN_REVIEW, None, False),
    ],
)
def test_overdue_matrix(project, status, proof_status, overdue):
    project.status = status
    project.save()
    if proof_status:
        ProofFactory(application=project, status=proof_status)
    with time_machine.travel(at((6, 15)), tick=False):
        assert (project in Application.objects.proof_overdue()) is overdue


def run(*args):
    """The daily command; the queued mails go out when its transactions commit."""
    out = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_proof_reminders", *args, stdout=out)
    return out.getvalue()


def reminders(application):
    return ApplicationEvent.objects.filter(
        application=application, event_type="fonds.application.proof_reminder"
    )


def test_reminder_sent_once_then_again_after_the_interval(project, fund):
    ApplicationFactory(
        fund=fund,
        status=Status.PAID,
        end_date=datetime.date(2026, 5, 20),
        start_date=datetime.date(2026, 5, 20),
    )  # not due yet
    with time_machine.travel(at((5, 31)), tick=False):
        assert "1 reminders queued" in run()
        assert [m.to for m in mail.outbox] == [["kaya@example.org"]]
        message = mail.outbox[0]
        assert project.reference_number in message.subject
        assert "30. Mai 2026" in message.body
        assert f"/verfuegungsfonds/antrag/{project.token}/nachweis/" in message.body
        assert reminders(project).count() == 1
        assert "0 reminders queued" in run()
    with time_machine.travel(at((6, 13)), tick=False):
        run()
    assert len(mail.outbox) == 1  # 13 days later: not yet
    with time_machine.travel(at((6, 14)), tick=False):
        run()
    assert len(mail.outbox) == 2
    assert reminders(project).count() == 2


def test_dry_run_sends_nothing(project):
    with time_machine.travel(at((6, 1)), tick=False):
        output = run("--dry-run")
    assert project.reference_number in output
    assert "1 reminders would be sent" in output
    assert mail.outbox == []
    assert not reminders(project).exists()


def test_no_reminder_once_proof_submitted(project):
    ProofFactory(application=project)
    with time_machine.travel(at((6, 1)), tick=False):
        run()
    assert mail.outbox == []


def test_reminder_waits_in_the_queue_while_the_mail_server_is_down(
    project, mail_server_down, django_capture_on_commit_callbacks
):
    with time_machine.travel(at((6, 1)), tick=False):
        assert "1 reminders queued" in run()
    assert reminders(project).count() == 1
    waiting = OutgoingMail.objects.about(project).get()
    assert waiting.status == OutgoingMail.Status.WAITING
    assert "unreachable" in waiting.last_error


@pytest.mark.parametrize(("day", "overdue"), [((5, 30), False), ((5, 31), True)])
def test_status_page_says_when_the_proof_is_overdue(client, project, day, overdue):
    with time_machine.travel(at(day), tick=False):
        page = client.get(project.get_status_url()).content.decode()
    assert ("war am 30. Mai 2026 fällig" in page) is overdue
    assert f"/verfuegungsfonds/antrag/{project.token}/nachweis/" in page
