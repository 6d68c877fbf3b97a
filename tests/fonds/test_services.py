import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connections
from django.utils import timezone

from fonds import services
from fonds.models import (
    Application,
    ApplicationEvent,
    CostCategory,
    ExpenseLine,
    Fund,
    IncomeLine,
)
from stadtteilbuero.mail import deliver_mail
from stadtteilbuero.models import OutgoingMail
from tests.conftest import postgresql_only
from tests.factories import ApplicationFactory, CostCategoryFactory, FundFactory

Status = Application.Status


def new_application(fund, **fields):
    start = fund.next_meeting().date
    values = {
        "applicant_type": Application.ApplicantType.PERSON,
        "name": "Aylin Kaya",
        "street": "Hochkamp 12",
        "postal_code": "31137",
        "city": "Hildesheim",
        "email": "aylin.kaya@example.org",
        "project_title": "Hochbeete im Hof",
        "description": "Wir bauen drei Hochbeete.",
        "benefit": "Gemeinsam gärtnern.",
        "target_group": "Alle im Haus",
        "expected_participants": 20,
        "place": "Innenhof",
        "start_date": start,
        "end_date": start + datetime.timedelta(days=30),
        "requested_amount": Decimal("400.00"),
        "declares_no_double_funding": True,
        "declares_no_commercial_purpose": True,
        "declares_no_follow_up_costs": True,
        "consent_publish": True,
        "declares_photo_rights": True,
    }
    values.update(fields)
    return Application(**values)


def submit(fund, category, **fields):
    return services.application_submit(
        fund=fund,
        application=new_application(fund, **fields),
        expenses=[
            ExpenseLine(
                category=category,
                description="Holz",
                quantity=Decimal(2),
                unit_price=Decimal("250.00"),
            )
        ],
        incomes=[IncomeLine(kind=IncomeLine.Kind.VOLUNTEER_WORK, amount=Decimal("100.00"))],
    )


@pytest.mark.django_db
def test_submit_saves_everything_and_writes_an_audit_row(fund, material):
    application = submit(fund, material)
    assert application.reference_number == f"VF-{fund.year}-{fund.office.code}-0001"
    assert len(application.token) >= 43
    assert application.expenses.get().total == Decimal("500.00")
    event = ApplicationEvent.objects.get(application=application)
    assert (event.event_type, event.from_status, event.to_status, event.actor) == (
        "fonds.application.submitted",
        "",
        Status.SUBMITTED,
        None,
    )


@pytest.mark.django_db
def test_reference_numbers_count_per_fund_and_are_never_reused(fund, material, other_office):
    first = submit(fund, material)
    second = submit(fund, material)
    other_fund = FundFactory(office=other_office)
    other = submit(other_fund, material)
    assert [first.sequence, second.sequence, other.sequence] == [1, 2, 1]
    assert second.reference_number.endswith("-0002")
    # Even if an administrator removed a row in the database, its number stays taken.
    second.events.all().delete()
    second.delete()
    third = submit(fund, material)
    assert third.reference_number.endswith("-0003")
    fund.refresh_from_db()
    assert fund.last_sequence == 3


@pytest.mark.django_db
def test_submit_rechecks_the_rules_and_rolls_back(fund, material):
    with pytest.raises(services.ApplicationError) as error:
        submit(fund, material, requested_amount=Decimal("300.00"))  # income != costs
    assert "__all__" in error.value.errors
    assert not Application.objects.exists()
    fund.refresh_from_db()
    assert fund.last_sequence == 0


@pytest.mark.django_db
def test_submitted_mails_have_reference_summary_and_status_link(
    fund, material, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(fund, material)
    applicant, office = mailoutbox
    assert applicant.to == ["aylin.kaya@example.org"]
    assert applicant.subject == f"Ihr Antrag {application.reference_number} ist eingegangen"
    assert "Guten Tag Aylin Kaya," in applicant.body
    assert "Hochbeete im Hof" in applicant.body
    assert "Kosten: 500,00 €" in applicant.body
    assert "Beim Fonds beantragt: 400,00 €" in applicant.body
    assert f"/verfuegungsfonds/antrag/{application.token}/" in applicant.body
    assert "&amp;" not in applicant.body
    assert office.to == [fund.contact_email]
    assert application.reference_number in office.subject
    assert f"/admin/fonds/application/{application.pk}/change/" in office.body


@pytest.mark.django_db
def test_no_mail_before_commit(fund, material, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit(fund, material)
    assert mailoutbox == []
    assert len(callbacks) == 2  # the applicant's and the office's mail, sent after commit


@pytest.mark.django_db
def test_mail_server_down_loses_nothing_and_sends_later(
    fund, material, mail_server_down, settings, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(fund, material)
    assert Application.objects.filter(pk=application.pk).exists()
    waiting = OutgoingMail.objects.about(application)
    assert [mail.status for mail in waiting] == [OutgoingMail.Status.WAITING] * 2
    assert mailoutbox == []
    # The server is back: the worker's next attempt sends both.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for queued in waiting:
        with django_capture_on_commit_callbacks(execute=True):
            deliver_mail.call(queued.pk)
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [application.email, fund.contact_email]
    )
    assert {mail.status for mail in OutgoingMail.objects.about(application)} == {
        OutgoingMail.Status.SENT
    }


@pytest.mark.django_db
def test_office_email_is_fallback_recipient(
    material, office, mailoutbox, django_capture_on_commit_callbacks
):
    fund = FundFactory(office=office, contact_email="")
    with django_capture_on_commit_callbacks(execute=True):
        submit(fund, material)
    assert mailoutbox[1].to == [office.email]


ALL = list(Status)
ALLOWED = {
    (Status.SUBMITTED, Status.IN_REVIEW),
    (Status.SUBMITTED, Status.REJECTED),
    (Status.SUBMITTED, Status.WITHDRAWN),
    (Status.IN_REVIEW, Status.APPROVED),
    (Status.IN_REVIEW, Status.REJECTED),
    (Status.IN_REVIEW, Status.WITHDRAWN),
    (Status.APPROVED, Status.PAID),
    (Status.PAID, Status.COMPLETED),
}


@pytest.mark.parametrize("source", ALL)
@pytest.mark.parametrize("target", ALL)
def test_transition_matrix(source, target):
    assert Application(status=source).can_transition_to(target) == ((source, target) in ALLOWED)


@pytest.mark.django_db
@pytest.mark.parametrize("source", ALL)
def test_transition_service_follows_the_matrix(source, staff_user):
    application = ApplicationFactory(status=source)
    for target in ALL:
        if (source, target) in ALLOWED:
            changed = services.application_transition(
                application=application, to_status=target, actor=staff_user, comment="ok"
            )
            event = ApplicationEvent.objects.get(application=application)
            assert (event.from_status, event.to_status, event.actor, event.comment) == (
                source,
                target,
                staff_user,
                "ok",
            )
            assert event.event_type == f"fonds.application.{target}"
            assert changed.status == target
            return
    # No way out of this status: every attempt is refused and leaves no trace.
    for target in ALL:
        with pytest.raises(services.ApplicationError):
            services.application_transition(application=application, to_status=target)
    assert not ApplicationEvent.objects.exists()


@pytest.mark.django_db
def test_approval_records_decision(staff_user):
    application = ApplicationFactory(status=Status.IN_REVIEW)
    approved = services.application_transition(
        application=application,
        to_status=Status.APPROVED,
        actor=staff_user,
        approved_amount=Decimal("350.00"),
    )
    approved.refresh_from_db()
    assert approved.approved_amount == Decimal("350.00")
    assert approved.decided_by == staff_user
    assert approved.decided_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize("source", [Status.SUBMITTED, Status.IN_REVIEW])
def test_withdraw_allowed(source, mailoutbox, django_capture_on_commit_callbacks):
    application = ApplicationFactory(status=source)
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = services.application_withdraw(application=application)
    assert withdrawn.status == Status.WITHDRAWN
    event = ApplicationEvent.objects.get()
    assert (event.event_type, event.from_status, event.actor) == (
        "fonds.application.withdrawn",
        source,
        None,
    )
    assert [m.subject for m in mailoutbox] == [
        f"Ihr Antrag {application.reference_number} wurde zurückgezogen",
        f"Antrag {application.reference_number} von der antragstellenden Person zurückgezogen",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "source", [Status.APPROVED, Status.REJECTED, Status.WITHDRAWN, Status.PAID, Status.COMPLETED]
)
def test_withdraw_refused(source, mailoutbox):
    application = ApplicationFactory(status=source)
    with pytest.raises(services.ApplicationError):
        services.application_withdraw(application=application)
    application.refresh_from_db()
    assert application.status == source
    assert not ApplicationEvent.objects.exists()
    assert mailoutbox == []


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_unique_numbers_on_postgresql():
    """Eight people press "send" at the same moment: eight different, gapless numbers."""
    fund = FundFactory(budget=Decimal("100000.00"))
    category = CostCategoryFactory(name="Material")
    workers = 8
    barrier = threading.Barrier(workers)
    results, errors = [], []

    def worker(number):
        try:
            barrier.wait(timeout=10)
            local_fund = Fund.objects.get(pk=fund.pk)
            application = submit(
                local_fund,
                CostCategory.objects.get(pk=category.pk),
                project_title=f"Projekt {number}",
            )
            results.append(application.reference_number)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    expected = {f"VF-{fund.year}-{fund.office.code}-{n:04d}" for n in range(1, workers + 1)}
    assert set(results) == expected
    assert len(results) == workers
    fund.refresh_from_db()
    assert fund.last_sequence == workers
    assert Application.objects.count() == workers


@pytest.mark.django_db
def test_submission_stamps_time_and_privacy_version(fund, material):
    before = timezone.now()
    application = submit(fund, material)
    assert application.submitted_at >= before
    assert application.privacy_consent_at == application.submitted_at
    assert application.privacy_version == services.PRIVACY_VERSION
