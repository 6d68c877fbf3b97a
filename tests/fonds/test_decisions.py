"""Review and decision services: every allowed and forbidden transition, budget, e-mails."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connections
from django.utils import timezone

from fonds import services
from fonds.models import AgendaItem, Application, ApplicationEvent, JuryMeeting
from stadtteilbuero.models import OutgoingMail
from tests.conftest import make_staff, postgresql_only
from tests.factories import AgendaItemFactory, ApplicationFactory, FundFactory

Status = Application.Status
D = Decimal

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund(office):
    return FundFactory(office=office, budget=D("1000.00"), max_per_application=D("800.00"))


@pytest.fixture
def actor(office):
    return make_staff(office, "fonds")


def application(fund, status=Status.IN_REVIEW, **fields):
    fields.setdefault("jury_meeting", fund.jury_meetings.first())
    return ApplicationFactory(fund=fund, status=status, **fields)


def other_statuses(*allowed):
    return [status for status in Status if status not in allowed]


# --- start review -------------------------------------------------------------------------


def test_start_review_from_submitted(fund, actor, mailoutbox, django_capture_on_commit_callbacks):
    app = application(fund, Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_start_review(application=app, actor=actor, comment="Vollständig")
    app.refresh_from_db()
    assert app.status == Status.IN_REVIEW
    event = ApplicationEvent.objects.get(application=app)
    assert event.event_type == "fonds.application.in_review"
    assert (event.from_status, event.to_status, event.actor, event.comment) == (
        Status.SUBMITTED,
        Status.IN_REVIEW,
        actor,
        "Vollständig",
    )
    assert mailoutbox == []


@pytest.mark.parametrize("status", other_statuses(Status.SUBMITTED))
def test_start_review_refused(fund, actor, status, mailoutbox):
    app = application(fund, status)
    with pytest.raises(services.ApplicationError):
        services.application_start_review(application=app, actor=actor)
    app.refresh_from_db()
    assert app.status == status
    assert not ApplicationEvent.objects.exists()
    assert mailoutbox == []


# --- approve ------------------------------------------------------------------------------


def test_approve_in_full(fund, actor, mailoutbox, django_capture_on_commit_callbacks):
    app = application(fund, requested_amount=D("500.00"))
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(
            application=app,
            actor=actor,
            amount=D("500"),
            conditions="Logo des Fonds auf dem Plakat.",
            reason_for_applicant="Ein schönes Projekt.",
            internal_reason="Einstimmig.",
        )
    app.refresh_from_db()
    assert app.status == Status.APPROVED
    assert app.approved_amount == D("500.00")
    assert app.decided_by == actor and app.decided_at is not None
    assert app.conditions == "Logo des Fonds auf dem Plakat."
    assert app.reason_for_applicant == "Ein schönes Projekt."
    assert app.internal_reason == "Einstimmig."
    event = ApplicationEvent.objects.exclude(event_type="fonds.application.letter").get(
        application=app
    )
    assert event.event_type == "fonds.application.approved"
    assert (event.from_status, event.to_status, event.actor) == (
        Status.IN_REVIEW,
        Status.APPROVED,
        actor,
    )
    assert "Einstimmig." in event.comment
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [app.email]
    assert app.reference_number in mail.subject
    assert "bewilligt" in mail.subject
    assert "500,00 €" in mail.body
    assert "Logo des Fonds auf dem Plakat." in mail.body
    assert "Ein schönes Projekt." in mail.body
    assert "Einstimmig." not in mail.body  # internal
    assert app.token in mail.body
    assert "Teil" not in mail.body
    # The approval letter goes with it as PDF, and stays with the application.
    ((filename, content, mimetype),) = mail.attachments
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    assert filename == app.letters.get(letter_kind="approval").original_name


def test_partial_approval(fund, actor, mailoutbox, django_capture_on_commit_callbacks):
    app = application(fund, requested_amount=D("600.00"))
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(application=app, actor=actor, amount=D("350.50"))
    app.refresh_from_db()
    assert app.approved_amount == D("350.50")
    assert app.requested_amount == D("600.00")
    body = mailoutbox[0].body
    assert "350,50 €" in body
    assert "600,00 €" in body
    assert "Teil" in body
    fund = type(fund).objects.with_figures().get(pk=fund.pk)
    assert fund.figures.approved == D("350.50")
    assert fund.remaining == D("649.50")


@pytest.mark.parametrize("status", other_statuses(Status.IN_REVIEW))
def test_approve_refused_in_other_statuses(fund, actor, status, mailoutbox):
    app = application(fund, status)
    with pytest.raises(services.ApplicationError):
        services.application_approve(application=app, actor=actor, amount=D("100"))
    app.refresh_from_db()
    assert app.status == status
    assert not ApplicationEvent.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("amount", "field_message"),
    [
        (D("0"), "mehr als 0"),
        (D("-5"), "mehr als 0"),
        (D("500.01"), "nicht höher sein als beantragt"),
    ],
)
def test_approve_amount_checks(fund, actor, amount, field_message, mailoutbox):
    app = application(fund, requested_amount=D("500.00"))
    with pytest.raises(services.ApplicationError) as error:
        services.application_approve(application=app, actor=actor, amount=amount)
    assert field_message in " ".join(str(m) for m in error.value.errors["amount"])
    app.refresh_from_db()
    assert app.status == Status.IN_REVIEW and app.approved_amount is None
    assert mailoutbox == []


def test_budget_never_exceeded(fund, actor, mailoutbox):
    application(fund, Status.APPROVED, requested_amount=D("800.00"), approved_amount=D("700.00"))
    application(fund, Status.PAID, requested_amount=D("200.00"), approved_amount=D("150.00"))
    app = application(fund, requested_amount=D("500.00"))
    with pytest.raises(services.ApplicationError) as error:
        services.application_approve(application=app, actor=actor, amount=D("150.01"))
    assert "150,00 €" in error.value.errors["amount"][0]
    services.application_approve(application=app, actor=actor, amount=D("150.00"))
    fund = type(fund).objects.with_figures().get(pk=fund.pk)
    assert fund.figures.approved == fund.budget
    assert fund.remaining == D("0.00")


def test_approve_sends_the_text_staff_edited(
    fund, actor, mailoutbox, django_capture_on_commit_callbacks
):
    app = application(fund)
    subject, body = services.decision_mail_draft(
        application=app, decision=Status.APPROVED, amount=D("300")
    )
    assert app.reference_number in subject
    assert "300,00 €" in body
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(
            application=app,
            actor=actor,
            amount=D("300"),
            mail_subject="Ihre Förderung  \n ist bewilligt",
            mail_body=body + "\nPS: Wir freuen uns auf das Fest!",
        )
    assert mailoutbox[0].subject == "Ihre Förderung ist bewilligt"
    assert mailoutbox[0].body.endswith("PS: Wir freuen uns auf das Fest!")


def test_no_decision_mail_before_commit(
    fund, actor, mailoutbox, django_capture_on_commit_callbacks
):
    app = application(fund)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.application_approve(application=app, actor=actor, amount=D("100"))
    assert mailoutbox == []
    assert len(callbacks) == 1


def test_failed_decision_mail_waits_in_the_queue_and_keeps_the_decision(
    fund, actor, mail_server_down, mailoutbox, django_capture_on_commit_callbacks
):
    app = application(fund)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_reject(application=app, actor=actor, reason_for_applicant="Zu spät.")
    app.refresh_from_db()
    assert app.status == Status.REJECTED
    assert mailoutbox == []
    queued = OutgoingMail.objects.about(app).get()
    assert queued.status == OutgoingMail.Status.WAITING
    assert "unreachable" in queued.last_error
    assert "Zu spät." in queued.body


# --- reject -------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.IN_REVIEW])
def test_reject_allowed(fund, actor, status, mailoutbox, django_capture_on_commit_callbacks):
    app = application(fund, status)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_reject(
            application=app,
            actor=actor,
            reason_for_applicant="Verpflegung kann der Fonds nicht fördern.",
            internal_reason="Richtlinie Nr. 4",
        )
    app.refresh_from_db()
    assert app.status == Status.REJECTED
    assert app.approved_amount is None
    assert app.reason_for_applicant == "Verpflegung kann der Fonds nicht fördern."
    assert app.internal_reason == "Richtlinie Nr. 4"
    event = ApplicationEvent.objects.exclude(event_type="fonds.application.letter").get(
        application=app
    )
    assert (event.event_type, event.from_status, event.to_status, event.actor) == (
        "fonds.application.rejected",
        status,
        Status.REJECTED,
        actor,
    )
    assert len(mailoutbox) == 1
    assert "Verpflegung kann der Fonds nicht fördern." in mailoutbox[0].body
    assert "Richtlinie Nr. 4" not in mailoutbox[0].body
    assert app.letters.get().letter_kind == "rejection"
    assert mailoutbox[0].attachments[0][1].startswith(b"%PDF")
    assert app.reference_number in mailoutbox[0].subject


@pytest.mark.parametrize("status", other_statuses(Status.SUBMITTED, Status.IN_REVIEW))
def test_reject_refused(fund, actor, status, mailoutbox):
    app = application(fund, status)
    with pytest.raises(services.ApplicationError):
        services.application_reject(application=app, actor=actor, reason_for_applicant="Nein.")
    app.refresh_from_db()
    assert app.status == status
    assert not ApplicationEvent.objects.exists()
    assert mailoutbox == []


def test_reject_needs_a_reason(fund, actor, mailoutbox):
    app = application(fund)
    with pytest.raises(services.ApplicationError) as error:
        services.application_reject(application=app, actor=actor, reason_for_applicant="  ")
    assert "reason_for_applicant" in error.value.errors
    app.refresh_from_db()
    assert app.status == Status.IN_REVIEW
    assert mailoutbox == []


# --- defer --------------------------------------------------------------------------------


@pytest.fixture
def two_meetings(office):
    fund = FundFactory(office=office, meetings=[(14, 30), (60, 75)])
    first, second = fund.jury_meetings.order_by("date")
    return fund, first, second


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.IN_REVIEW])
def test_defer_to_the_next_meeting(
    two_meetings, actor, status, mailoutbox, django_capture_on_commit_callbacks
):
    fund, first, second = two_meetings
    app = application(fund, status, jury_meeting=first)
    item = AgendaItemFactory(application=app, meeting=first)
    assert first.next_meeting() == second
    with django_capture_on_commit_callbacks(execute=True):
        services.application_defer(
            application=app, actor=actor, meeting=second, comment="Kostenplan unklar"
        )
    app.refresh_from_db()
    assert app.status == status
    assert app.jury_meeting == second
    item.refresh_from_db()
    assert item.outcome == AgendaItem.Outcome.DEFER
    event = ApplicationEvent.objects.get(application=app)
    assert event.event_type == "fonds.application.deferred"
    assert event.from_status == event.to_status == status
    assert "Kostenplan unklar" in event.comment
    assert len(mailoutbox) == 1
    assert second.date.strftime("%Y") in mailoutbox[0].body
    assert app.reference_number in mailoutbox[0].subject


@pytest.mark.parametrize("status", other_statuses(Status.SUBMITTED, Status.IN_REVIEW))
def test_defer_refused_after_decision(two_meetings, actor, status, mailoutbox):
    fund, first, second = two_meetings
    app = application(fund, status, jury_meeting=first)
    with pytest.raises(services.ApplicationError):
        services.application_defer(application=app, actor=actor, meeting=second)
    app.refresh_from_db()
    assert app.jury_meeting == first
    assert not ApplicationEvent.objects.exists()
    assert mailoutbox == []


def test_defer_needs_a_later_meeting_of_the_same_fund(two_meetings, actor, other_office):
    fund, first, second = two_meetings
    app = application(fund, jury_meeting=second)
    with pytest.raises(services.ApplicationError) as error:
        services.application_defer(application=app, actor=actor, meeting=first)
    assert "meeting" in error.value.errors
    foreign = FundFactory(office=other_office).jury_meetings.first()
    with pytest.raises(services.ApplicationError):
        services.application_defer(application=app, actor=actor, meeting=foreign)
    app.refresh_from_db()
    assert app.jury_meeting == second


# --- two staff approving at once ---------------------------------------------------------


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_exceed_the_budget_on_postgresql():
    """Four staff approve four applications of 400 € at the same moment; 1,000 € budget."""
    fund = FundFactory(budget=D("1000.00"), max_per_application=D("500.00"))
    actor = make_staff(fund.office, "fonds")
    applications = [
        ApplicationFactory(fund=fund, status=Status.IN_REVIEW, requested_amount=D("400.00"))
        for _ in range(4)
    ]
    barrier = threading.Barrier(len(applications))
    approved, refused, errors = [], [], []

    def worker(app_id):
        try:
            barrier.wait(timeout=10)
            services.application_approve(
                application=Application.objects.get(pk=app_id), actor=actor, amount=D("400.00")
            )
            approved.append(app_id)
        except services.ApplicationError:
            refused.append(app_id)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(a.pk,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(approved) == 2
    assert len(refused) == 2
    fund = type(fund).objects.with_figures().get(pk=fund.pk)
    assert fund.figures.approved == D("800.00")
    assert fund.figures.approved <= fund.budget
    assert Application.objects.filter(status=Status.APPROVED).count() == 2


def test_meeting_next_meeting_is_none_for_the_last(two_meetings):
    _fund, _first, second = two_meetings
    assert second.next_meeting() is None
    assert JuryMeeting.objects.count() == 2
    assert timezone.localdate() < second.date - datetime.timedelta(days=1)


def test_status_page_shows_the_decision_but_not_the_internal_reason(
    client, fund, actor, django_capture_on_commit_callbacks
):
    app = application(fund, requested_amount=D("600.00"))
    services.application_approve(
        application=app,
        actor=actor,
        amount=D("400"),
        conditions="Logo auf dem Plakat",
        reason_for_applicant="Getränke sind nicht förderfähig.",
        internal_reason="Streit im Beirat",
    )
    html = client.get(app.get_status_url()).content.decode()
    assert "400,00 €" in html
    assert "Logo auf dem Plakat" in html
    assert "Getränke sind nicht förderfähig." in html
    assert "Streit im Beirat" not in html
