"""The fund's standing jury carried into each meeting with attendance, and all decisions
of the agenda applied in one step after a review of each e-mail and letter."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from fonds import services
from fonds.models import AgendaItem, Application, JuryMeeting
from tests.factories import AgendaItemFactory, ApplicationFactory, StandingJuryMemberFactory

pytestmark = pytest.mark.django_db
Status = Application.Status
Outcome = AgendaItem.Outcome


@pytest.fixture
def jury(fund):
    return [
        StandingJuryMemberFactory(fund=fund, name="Bernd Ahlers", role="Vorsitz", order=1),
        StandingJuryMemberFactory(fund=fund, name="Zora Ilić", order=2),
        StandingJuryMemberFactory(fund=fund, name="Ida Roth", is_substitute=True),
        StandingJuryMemberFactory(fund=fund, name="Ehemals Aktiv", is_active=False),
    ]


def test_a_new_meeting_starts_with_the_standing_jury(client, fund, jury, fonds_staff):
    client.force_login(fonds_staff)
    date = timezone.localdate() + datetime.timedelta(days=60)
    response = client.post(
        reverse("admin:fonds_jurymeeting_add"),
        {
            "fund": fund.pk,
            "date": date.isoformat(),
            "application_deadline": date.isoformat(),
            "quorum": "2",
            **{
                f"{prefix}-{key}": "0"
                for prefix in ("members", "agenda_items", "conflicts")
                for key in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
    )
    assert response.status_code == 302
    meeting = JuryMeeting.objects.get(fund=fund, date=date)
    attendance = {m.name: m.present for m in meeting.members.all()}
    assert attendance == {"Bernd Ahlers": True, "Zora Ilić": True, "Ida Roth": False}
    assert meeting.members_present == 2 and meeting.quorum_met
    # Taken again: nobody twice, and an absent member stays absent.
    meeting.members.filter(name="Zora Ilić").update(present=False)
    assert services.jury_meeting_take_standing_jury(meeting=meeting) == 0
    meeting = JuryMeeting.objects.get(pk=meeting.pk)
    assert meeting.members_present == 1 and not meeting.quorum_met


@pytest.fixture
def agenda(fund, jury):
    meeting = fund.jury_meetings.get()
    services.jury_meeting_take_standing_jury(meeting=meeting)
    later = JuryMeeting.objects.create(
        fund=fund,
        date=meeting.date + datetime.timedelta(days=60),
        application_deadline=meeting.date + datetime.timedelta(days=40),
    )
    approve = ApplicationFactory(fund=fund, status=Status.IN_REVIEW, requested_amount=D("800"))
    reject = ApplicationFactory(fund=fund, status=Status.IN_REVIEW, email="")
    defer = ApplicationFactory(fund=fund, status=Status.SUBMITTED)
    items = {
        "approve": AgendaItemFactory(
            meeting=meeting,
            application=approve,
            outcome=Outcome.APPROVE,
            amount=D("600.00"),
            conditions="Plakat mit Logo.",
            votes_yes=2,
        ),
        "reject": AgendaItemFactory(
            meeting=meeting,
            application=reject,
            outcome=Outcome.REJECT,
            reason_for_applicant="Verpflegung ist nicht förderfähig.",
        ),
        "defer": AgendaItemFactory(meeting=meeting, application=defer, outcome=Outcome.DEFER),
    }
    return meeting, later, items


def test_all_decisions_reviewed_then_applied_in_one_step(
    client, fonds_staff, agenda, mailoutbox, django_capture_on_commit_callbacks
):
    meeting, later, items = agenda
    client.force_login(fonds_staff)
    url = reverse("admin:fonds_jurymeeting_apply_decisions", args=[meeting.pk])
    review = client.get(url).content.decode()
    assert "Teilbewilligung" in review and "Ablehnung" in review
    assert "600,00 €" in review and "Plakat mit Logo." in review
    assert "der Brief geht per Post" in review  # the rejected applicant has no e-mail
    assert items["approve"].application.token not in review  # the placeholder only
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    states = {name: Application.objects.get(pk=item.application_id) for name, item in items.items()}
    assert states["approve"].status == Status.APPROVED
    assert states["approve"].approved_amount == D("600.00")
    assert states["reject"].status == Status.REJECTED
    assert states["defer"].jury_meeting == later
    assert states["approve"].letters.get().letter_kind == "partial_approval"
    assert states["reject"].letters.get().by_post
    subjects = sorted(mail.to[0] for mail in mailoutbox)
    assert subjects == sorted([states["approve"].email, states["defer"].email])
    approval = next(mail for mail in mailoutbox if mail.to == [states["approve"].email])
    assert states["approve"].token in approval.body and approval.attachments
    assert "Kein erfasster Beschluss" in client.get(url).content.decode()  # all applied


def test_an_incomplete_agenda_applies_nothing(client, fonds_staff, agenda):
    meeting, _later, items = agenda
    AgendaItem.objects.filter(pk=items["reject"].pk).update(reason_for_applicant="")
    client.force_login(fonds_staff)
    url = reverse("admin:fonds_jurymeeting_apply_decisions", args=[meeting.pk])
    review = client.get(url).content.decode()
    assert services.message("reason_missing") in review
    assert 'type="submit"' not in review.split('id="content-main"')[1]
    client.post(url)
    assert not Application.objects.filter(status__in=[Status.APPROVED, Status.REJECTED]).exists()


def test_an_overspent_budget_applies_nothing(fund, fonds_staff, agenda):
    meeting, _later, items = agenda
    fund.budget = D("500.00")
    fund.save()
    reference = items["approve"].application.reference_number
    with pytest.raises(services.ApplicationError, match=reference):
        services.jury_meeting_apply_decisions(meeting=meeting, actor=fonds_staff)
    assert Application.objects.filter(status=Status.IN_REVIEW).count() == 2


def test_another_office_cannot_review_or_apply(client, other_fonds_staff, agenda):
    meeting, _later, _items = agenda
    client.force_login(other_fonds_staff)
    for name in ("apply_decisions", "take_standing_jury"):
        url = reverse(f"admin:fonds_jurymeeting_{name}", args=[meeting.pk])
        assert client.post(url).status_code == 404
    assert not Application.objects.filter(status=Status.APPROVED).exists()
