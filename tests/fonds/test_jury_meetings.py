"""Jury meetings: agenda, members present and quorum, conflicts, votes, minutes, jury sheet."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fonds import services
from fonds.models import AgendaItem, Application, ConflictOfInterest, JuryMember
from tests.conftest import make_staff
from tests.factories import (
    AgendaItemFactory,
    ApplicationFactory,
    CostCategoryFactory,
    ExpenseLineFactory,
    FundFactory,
    IncomeLineFactory,
    JuryMemberFactory,
)

Status = Application.Status
D = Decimal

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund(office):
    return FundFactory(office=office, meetings=[(14, 30), (60, 75)])


@pytest.fixture
def meeting(fund):
    return fund.jury_meetings.order_by("date").first()


@pytest.fixture
def staff(office, client):
    user = make_staff(office, "fonds")
    client.force_login(user)
    return user


def at_day(date, hour=12):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour)))


# --- agenda ------------------------------------------------------------------------------


def test_build_agenda_takes_the_open_applications_received_before_the_deadline(
    fund, meeting, other_office
):
    later = fund.jury_meetings.order_by("date").last()
    deadline = meeting.application_deadline
    second = ApplicationFactory(
        fund=fund, jury_meeting=meeting, submitted_at=at_day(deadline, 9), project_title="B"
    )
    first = ApplicationFactory(
        fund=fund,
        jury_meeting=meeting,
        status=Status.IN_REVIEW,
        submitted_at=at_day(deadline - datetime.timedelta(days=5)),
        project_title="A",
    )
    on_paper = ApplicationFactory(
        fund=fund, jury_meeting=None, submitted_at=at_day(deadline, 23), project_title="C"
    )
    # Not on the agenda:
    ApplicationFactory(
        fund=fund,
        jury_meeting=None,
        submitted_at=at_day(deadline, 23) + datetime.timedelta(hours=2),
    )
    ApplicationFactory(fund=fund, jury_meeting=later, submitted_at=at_day(deadline, 8))
    ApplicationFactory(fund=fund, jury_meeting=meeting, status=Status.WITHDRAWN)
    ApplicationFactory(fund=fund, jury_meeting=meeting, status=Status.REJECTED)
    ApplicationFactory(fund=FundFactory(office=other_office), jury_meeting=None)

    assert services.jury_meeting_build_agenda(meeting=meeting) == 3
    items = list(meeting.agenda_items.order_by("order"))
    assert [item.application for item in items] == [first, second, on_paper]
    assert [item.order for item in items] == [1, 2, 3]

    # Editable: staff reorder and remove; building again keeps that and adds only new ones.
    items[2].order = 0
    items[2].save()
    items[1].delete()
    newcomer = ApplicationFactory(fund=fund, jury_meeting=meeting, submitted_at=at_day(deadline))
    assert services.jury_meeting_build_agenda(meeting=meeting) == 2  # the removed one returns
    applications = [item.application for item in meeting.agenda_items.order_by("order", "pk")]
    assert applications[:2] == [on_paper, first]
    assert set(applications[2:]) == {second, newcomer}
    assert services.jury_meeting_build_agenda(meeting=meeting) == 0


def test_build_agenda_admin_button_and_action(client, staff, fund, meeting):
    ApplicationFactory(fund=fund, jury_meeting=meeting)
    url = reverse("admin:fonds_jurymeeting_build_agenda", args=[meeting.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "1 Antrag wurde auf die Tagesordnung gesetzt." in [
        str(m) for m in response.context["messages"]
    ]
    assert meeting.agenda_items.count() == 1
    change = client.get(reverse("admin:fonds_jurymeeting_change", args=[meeting.pk]))
    html = change.content.decode()
    assert url in html
    assert reverse("admin:fonds_jurymeeting_minutes", args=[meeting.pk]) in html
    ApplicationFactory(fund=fund, jury_meeting=meeting)
    response = client.post(
        reverse("admin:fonds_jurymeeting_changelist"),
        {"action": "build_agenda", "_selected_action": [meeting.pk]},
        follow=True,
    )
    assert meeting.agenda_items.count() == 2


def test_build_agenda_of_another_office_is_404(client, fund, meeting, other_office):
    client.force_login(make_staff(other_office, "fonds"))
    url = reverse("admin:fonds_jurymeeting_build_agenda", args=[meeting.pk])
    assert client.post(url).status_code == 404


# --- members, quorum, conflicts, votes ----------------------------------------------------


def test_quorum(meeting):
    meeting.quorum = 3
    meeting.save()
    JuryMemberFactory.create_batch(2, meeting=meeting)
    assert meeting.members_present == 2
    assert not meeting.quorum_met
    JuryMemberFactory(meeting=meeting, role="Vorsitz")
    meeting = type(meeting).objects.get(pk=meeting.pk)
    assert meeting.members_present == 3
    assert meeting.quorum_met


def test_votes_cannot_exceed_members_present(meeting):
    JuryMemberFactory.create_batch(3, meeting=meeting)
    item = AgendaItemFactory(application=ApplicationFactory(fund=meeting.fund), meeting=meeting)
    item.votes_yes, item.votes_no, item.votes_abstain = 2, 1, 0
    item.full_clean()
    item.votes_abstain = 1
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "nur 3 Mitglieder dürfen abstimmen" in str(error.value.message_dict["votes_yes"])


def test_member_with_a_conflict_has_no_vote_at_all(meeting):
    members = JuryMemberFactory.create_batch(3, meeting=meeting)
    app = ApplicationFactory(fund=meeting.fund)
    item = AgendaItemFactory(application=app, meeting=meeting, votes_yes=3)
    item.full_clean()
    conflict = ConflictOfInterest(
        meeting=meeting, member=members[0], application=app, reason="Vorstand des Vereins"
    )
    conflict.full_clean()
    conflict.save()
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "1 befangen" in str(error.value.message_dict["votes_yes"])
    # Counting the member with the conflict as an abstention is refused too.
    item.votes_yes, item.votes_abstain = 2, 1
    with pytest.raises(ValidationError):
        item.full_clean()
    item.votes_yes, item.votes_abstain = 2, 0
    item.full_clean()


def test_conflict_member_must_be_present_at_that_meeting(fund, meeting):
    later = fund.jury_meetings.order_by("date").last()
    stranger = JuryMemberFactory(meeting=later)
    conflict = ConflictOfInterest(
        meeting=meeting, member=stranger, application=ApplicationFactory(fund=fund)
    )
    with pytest.raises(ValidationError) as error:
        conflict.full_clean()
    assert "member" in error.value.message_dict


@pytest.mark.parametrize(
    ("outcome", "amount", "field"),
    [
        (AgendaItem.Outcome.APPROVE, None, "amount"),
        (AgendaItem.Outcome.APPROVE, D("500.01"), "amount"),
        (AgendaItem.Outcome.REJECT, D("100"), "amount"),
    ],
)
def test_decision_of_an_agenda_item_is_checked(meeting, outcome, amount, field):
    app = ApplicationFactory(fund=meeting.fund, requested_amount=D("500.00"))
    item = AgendaItem(meeting=meeting, application=app, outcome=outcome, amount=amount)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert field in error.value.message_dict


def test_agenda_item_of_another_fund_is_refused(meeting, other_office):
    item = AgendaItem(
        meeting=meeting, application=ApplicationFactory(fund=FundFactory(office=other_office))
    )
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "application" in error.value.message_dict


def test_apply_link_on_the_meeting_page_leads_to_the_decision(client, staff, fund, meeting):
    app = ApplicationFactory(fund=fund, jury_meeting=meeting, status=Status.IN_REVIEW)
    item = AgendaItemFactory(
        application=app, meeting=meeting, outcome=AgendaItem.Outcome.APPROVE, amount=D("300")
    )
    html = client.get(reverse("admin:fonds_jurymeeting_change", args=[meeting.pk])).content
    link = reverse("admin:fonds_application_approve", args=[app.pk])
    assert f"{link}?item={item.pk}".encode() in html


# --- minutes ------------------------------------------------------------------------------


def minutes_data(meeting, count):
    members = [JuryMemberFactory(meeting=meeting, order=n) for n in range(4)]
    items = []
    for n in range(count):
        app = ApplicationFactory(fund=meeting.fund, jury_meeting=meeting)
        items.append(
            AgendaItemFactory(
                application=app,
                meeting=meeting,
                order=n + 1,
                votes_yes=3,
                votes_no=0,
                votes_abstain=1,
                outcome=AgendaItem.Outcome.APPROVE,
                amount=D("250.00"),
            )
        )
        ConflictOfInterest.objects.create(
            meeting=meeting, member=members[n % 4], application=app, reason="Nachbarin"
        )
    return members, items


def test_minutes_content(client, staff, meeting):
    meeting.quorum = 3
    meeting.location = "Stadtteiltreff Nordstadt"
    meeting.notes = "Nächste Sitzung mit Presse."
    meeting.save()
    members, items = minutes_data(meeting, 2)
    response = client.get(reverse("admin:fonds_jurymeeting_minutes", args=[meeting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Protokoll der Jurysitzung" in html
    assert '<th scope="col">' in html
    assert "css/fonds-print.css" in html  # A4, @media print
    assert "Stadtteiltreff Nordstadt" in html
    assert "Nächste Sitzung mit Presse." in html
    for member in members:
        assert member.name in html
    assert "Die Sitzung ist beschlussfähig." in html
    for item in items:
        assert item.application.reference_number in html
    assert "250,00 €" in html
    assert "Bewilligen" in html
    assert f"{members[0].name} (Nachbarin)" in html
    assert "https://" not in html.replace(meeting.fund.office.website or "-", "")


def test_minutes_show_a_missing_quorum(client, staff, meeting):
    meeting.quorum = 5
    meeting.save()
    minutes_data(meeting, 1)
    html = client.get(reverse("admin:fonds_jurymeeting_minutes", args=[meeting.pk])).content
    assert "NICHT beschlussfähig".encode() in html


@pytest.mark.parametrize("count", [2, 25])
def test_minutes_query_count_is_bounded(
    client, staff, meeting, count, django_assert_max_num_queries
):
    minutes_data(meeting, count)
    url = reverse("admin:fonds_jurymeeting_minutes", args=[meeting.pk])
    with django_assert_max_num_queries(9):
        response = client.get(url)
    assert response.status_code == 200


# --- jury sheet ---------------------------------------------------------------------------


def test_jury_sheet_has_one_page_per_open_application(client, staff, fund, meeting):
    material = CostCategoryFactory(name="Material")
    open_app = ApplicationFactory(
        fund=fund,
        jury_meeting=meeting,
        status=Status.IN_REVIEW,
        project_title="Hochbeete im Hof",
        description="Wir bauen drei Hochbeete mit den Kindern.",
        requested_amount=D("420.00"),
    )
    ExpenseLineFactory(
        application=open_app,
        category=material,
        description="Lärchenholz",
        quantity=D("3"),
        unit_price=D("160.00"),
        total=D("480.00"),
    )
    IncomeLineFactory(application=open_app, amount=D("60.00"))
    on_agenda = ApplicationFactory(fund=fund, jury_meeting=None, project_title="Lesecafé")
    AgendaItemFactory(application=on_agenda, meeting=meeting)
    ApplicationFactory(
        fund=fund, jury_meeting=meeting, status=Status.APPROVED, project_title="Schon bewilligt"
    )
    ApplicationFactory(fund=fund, jury_meeting=fund.jury_meetings.last(), project_title="Später")

    response = client.get(reverse("admin:fonds_jurymeeting_jury_sheet", args=[meeting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert html.count('class="sheet"') == 2
    assert "css/fonds-print.css" in html  # one sheet per page (break-after)
    assert "Hochbeete im Hof" in html and "Lesecafé" in html
    assert "Schon bewilligt" not in html and "Später" not in html
    assert "Wir bauen drei Hochbeete mit den Kindern." in html
    assert "Lärchenholz" in html
    assert "480,00 €" in html
    assert "420,00 €" in html
    assert "60,00 €" in html


@pytest.mark.parametrize("count", [2, 25])
def test_jury_sheet_query_count_is_bounded(
    client, staff, fund, meeting, count, django_assert_max_num_queries
):
    material = CostCategoryFactory(name="Material")
    for _ in range(count):
        app = ApplicationFactory(fund=fund, jury_meeting=meeting)
        ExpenseLineFactory.create_batch(2, application=app, category=material)
        IncomeLineFactory(application=app)
    url = reverse("admin:fonds_jurymeeting_jury_sheet", args=[meeting.pk])
    with django_assert_max_num_queries(9):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="sheet"') == count


@pytest.mark.parametrize("name", ["minutes", "jury_sheet"])
def test_print_views_are_for_the_office_staff_only(client, meeting, other_office, office, name):
    url = reverse(f"admin:fonds_jurymeeting_{name}", args=[meeting.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("admin:login") in response.url
    client.force_login(make_staff(other_office, "fonds"))
    assert client.get(url).status_code == 404
    client.force_login(make_staff(office, "offices"))  # staff of the office, no fund rights
    assert client.get(url).status_code == 403
    client.force_login(make_staff(office, "fonds"))
    assert client.get(url).status_code == 200


def test_member_str_and_ordering(meeting):
    JuryMemberFactory(meeting=meeting, name="Zora Ilić", role="", order=2)
    chair = JuryMemberFactory(meeting=meeting, name="Bernd Ahlers", role="Vorsitz", order=1)
    assert str(chair) == "Bernd Ahlers (Vorsitz)"
    assert [m.name for m in JuryMember.objects.filter(meeting=meeting)] == [
        "Bernd Ahlers",
        "Zora Ilić",
    ]


def inline_management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def meeting_post(meeting, **extra):
    return {
        "fund": meeting.fund_id,
        "date": meeting.date.isoformat(),
        "application_deadline": meeting.application_deadline.isoformat(),
        "location": "Stadtteiltreff",
        "quorum": "2",
        "notes": "",
        **extra,
    }


def test_meeting_admin_edits_members_agenda_and_votes(client, staff, fund, meeting):
    first = ApplicationFactory(fund=fund, jury_meeting=meeting, requested_amount=D("400.00"))
    second = ApplicationFactory(fund=fund, jury_meeting=meeting)
    services.jury_meeting_build_agenda(meeting=meeting)
    item_first, item_second = meeting.agenda_items.order_by("order")
    url = reverse("admin:fonds_jurymeeting_change", args=[meeting.pk])
    data = meeting_post(
        meeting,
        **inline_management("members", 2, 0),
        **{
            "members-0-order": "1",
            "members-0-name": "Bernd Ahlers",
            "members-0-role": "Vorsitz",
            "members-0-present": "on",
            "members-1-order": "2",
            "members-1-name": "Zora Ilić",
            "members-1-role": "Bewohnerin",
            "members-1-present": "on",
        },
        **inline_management("agenda_items", 2, 2),
        **{
            # reorder: the second first; the first removed from the agenda
            "agenda_items-0-id": item_first.pk,
            "agenda_items-0-meeting": meeting.pk,
            "agenda_items-0-order": "5",
            "agenda_items-0-application": first.pk,
            "agenda_items-0-votes_yes": "0",
            "agenda_items-0-votes_no": "0",
            "agenda_items-0-votes_abstain": "0",
            "agenda_items-0-outcome": "",
            "agenda_items-0-DELETE": "on",
            "agenda_items-1-id": item_second.pk,
            "agenda_items-1-meeting": meeting.pk,
            "agenda_items-1-order": "1",
            "agenda_items-1-application": second.pk,
            "agenda_items-1-votes_yes": "0",
            "agenda_items-1-votes_no": "0",
            "agenda_items-1-votes_abstain": "0",
            "agenda_items-1-outcome": "reject",
            "agenda_items-1-note": "Nicht förderfähig",
        },
        **inline_management("conflicts", 0, 0),
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    meeting.refresh_from_db()
    assert meeting.quorum == 2 and meeting.location == "Stadtteiltreff"
    assert [m.name for m in meeting.members.all()] == ["Bernd Ahlers", "Zora Ilić"]
    assert [i.application for i in meeting.agenda_items.all()] == [second]
    item_second.refresh_from_db()
    assert item_second.outcome == AgendaItem.Outcome.REJECT

    # Now the members are saved: three votes with two members present are refused.
    member_ids = list(meeting.members.values_list("pk", flat=True))
    data = meeting_post(
        meeting,
        **inline_management("members", 2, 2),
        **{
            "members-0-id": member_ids[0],
            "members-0-meeting": meeting.pk,
            "members-0-order": "1",
            "members-0-name": "Bernd Ahlers",
            "members-0-role": "Vorsitz",
            "members-0-present": "on",
            "members-1-id": member_ids[1],
            "members-1-meeting": meeting.pk,
            "members-1-order": "2",
            "members-1-name": "Zora Ilić",
            "members-1-role": "Bewohnerin",
            "members-1-present": "on",
        },
        **inline_management("agenda_items", 1, 1),
        **{
            "agenda_items-0-id": item_second.pk,
            "agenda_items-0-meeting": meeting.pk,
            "agenda_items-0-order": "1",
            "agenda_items-0-application": second.pk,
            "agenda_items-0-votes_yes": "2",
            "agenda_items-0-votes_no": "1",
            "agenda_items-0-votes_abstain": "0",
            "agenda_items-0-outcome": "reject",
        },
        **inline_management("conflicts", 0, 0),
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "nur 2 Mitglieder dürfen abstimmen" in response.content.decode()
    item_second.refresh_from_db()
    assert item_second.votes_yes == 0


def test_meeting_admin_shows_the_quorum(client, staff, meeting):
    meeting.quorum = 2
    meeting.save()
    JuryMemberFactory(meeting=meeting)
    changelist = client.get(reverse("admin:fonds_jurymeeting_changelist")).content.decode()
    assert "1 / 2 (nicht erreicht)" in changelist
    JuryMemberFactory(meeting=meeting)
    change = client.get(reverse("admin:fonds_jurymeeting_change", args=[meeting.pk]))
    assert "2 / 2 (erreicht)" in change.content.decode()
