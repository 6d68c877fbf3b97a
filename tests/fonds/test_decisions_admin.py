"""The status buttons on the application's admin page, their confirmation pages and actions."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from fonds.models import AgendaItem, Application, ApplicationEvent
from tests.conftest import make_staff
from tests.factories import AgendaItemFactory, ApplicationFactory, FundFactory

Status = Application.Status
D = Decimal

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund(office):
    return FundFactory(
        office=office,
        budget=D("1000.00"),
        max_per_application=D("800.00"),
        meetings=[(14, 30), (60, 75)],
    )


@pytest.fixture
def staff(office, client):
    user = make_staff(office, "fonds")
    client.force_login(user)
    return user


def new_app(fund, status=Status.IN_REVIEW, **fields):
    fields.setdefault("jury_meeting", fund.jury_meetings.order_by("date").first())
    return ApplicationFactory(fund=fund, status=status, **fields)


def decision_url(app, action):
    """The page behind one decision button (one small view per button)."""
    name = action.replace("-", "_")
    return reverse(f"admin:fonds_application_{name}", args=[app.pk])


def change_url(app):
    return reverse("admin:fonds_application_change", args=[app.pk])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize(
    ("status", "buttons"),
    [
        (Status.SUBMITTED, {"start-review", "reject", "defer"}),
        (Status.IN_REVIEW, {"approve", "reject", "defer"}),
        (Status.APPROVED, set()),
        (Status.REJECTED, set()),
        (Status.WITHDRAWN, set()),
        (Status.PAID, set()),
        (Status.COMPLETED, set()),
    ],
)
def test_change_page_shows_only_allowed_buttons(client, staff, fund, status, buttons):
    app = new_app(fund, status)
    response = client.get(change_url(app))
    assert response.status_code == 200
    html = response.content.decode()
    for action in ("start-review", "approve", "reject", "defer"):
        assert (decision_url(app, action) in html) == (action in buttons), action


def test_start_review_button(client, staff, fund, mailoutbox):
    app = new_app(fund, Status.SUBMITTED)
    page = client.get(decision_url(app, "start-review"))
    assert page.status_code == 200
    assert "Prüfung beginnen" in page.content.decode()
    response = client.post(
        decision_url(app, "start-review"), {"comment": "Unterlagen vollständig", "_confirm": "1"}
    )
    assert response.status_code == 302 and response.url == change_url(app)
    app.refresh_from_db()
    assert app.status == Status.IN_REVIEW
    event = ApplicationEvent.objects.get(application=app)
    assert event.actor == staff and event.comment == "Unterlagen vollständig"
    followed = client.get(response.url)
    assert f"Die Prüfung von {app.reference_number} hat begonnen." in messages_of(followed)
    assert mailoutbox == []


def test_approve_with_preview_and_edited_mail(
    client, staff, fund, mailoutbox, django_capture_on_commit_callbacks
):
    app = new_app(fund, requested_amount=D("600.00"))
    page = client.get(decision_url(app, "approve"))
    assert page.status_code == 200
    assert page.context["form"].initial["amount"] == D("600.00")

    data = {
        "amount": "450,00",
        "conditions": "Plakat mit Logo",
        "reason_for_applicant": "Die Getränke sind nicht förderfähig.",
        "internal_reason": "5 Ja, 1 Nein",
        "_preview": "1",
    }
    preview = client.post(decision_url(app, "approve"), data)
    assert preview.status_code == 200
    assert preview.context["preview"] is True
    html = preview.content.decode()
    assert "Bitte prüfen Sie die E-Mail" in html
    subject = preview.context["form"].initial["mail_subject"]
    body = preview.context["form"].initial["mail_body"]
    assert app.reference_number in subject
    assert "450,00 €" in body and "Plakat mit Logo" in body
    assert "5 Ja, 1 Nein" not in body
    assert subject in html
    app.refresh_from_db()
    assert app.status == Status.IN_REVIEW  # nothing saved yet
    assert mailoutbox == []

    confirm = {
        **data,
        "amount": "450.00",
        "mail_subject": subject,
        "mail_body": body.replace("gute Nachricht", "sehr gute Nachricht"),
        "_confirm": "1",
    }
    confirm.pop("_preview")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decision_url(app, "approve"), confirm)
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.APPROVED
    assert app.approved_amount == D("450.00")
    assert app.conditions == "Plakat mit Logo"
    assert app.internal_reason == "5 Ja, 1 Nein"
    assert len(mailoutbox) == 1
    assert "sehr gute Nachricht" in mailoutbox[0].body
    assert mailoutbox[0].subject == subject
    assert "ist bewilligt" in messages_of(client.get(response.url))[0]


def test_confirm_without_mail_text_stays_on_preview(client, staff, fund, mailoutbox):
    app = new_app(fund)
    response = client.post(
        decision_url(app, "approve"),
        {"amount": "100", "mail_subject": "", "mail_body": "", "_confirm": "1"},
    )
    assert response.status_code == 200
    assert response.context["preview"] is True
    assert "mail_subject" in response.context["form"].errors
    app.refresh_from_db()
    assert app.status == Status.IN_REVIEW
    assert mailoutbox == []


def test_back_from_preview_keeps_the_values(client, staff, fund):
    app = new_app(fund)
    response = client.post(
        decision_url(app, "approve"),
        {"amount": "123,45", "conditions": "Auflage", "mail_subject": "x", "_edit": "1"},
    )
    assert response.status_code == 200
    assert response.context["preview"] is False
    assert 'value="123,45"' in response.content.decode()


def test_approve_over_the_remaining_budget_shows_the_error_at_the_field(
    client, staff, fund, mailoutbox
):
    new_app(fund, Status.APPROVED, requested_amount=D("800.00"), approved_amount=D("800.00"))
    app = new_app(fund, requested_amount=D("500.00"))
    response = client.post(
        decision_url(app, "approve"),
        {"amount": "300", "mail_subject": "Betreff", "mail_body": "Text", "_confirm": "1"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["amount"]
    assert errors == ["Im Fonds sind nur noch 200,00 € übrig."]
    assert "200,00 €" in response.content.decode()
    app.refresh_from_db()
    assert app.status == Status.IN_REVIEW
    assert mailoutbox == []


def test_approve_amount_above_requested_refused_at_the_field(client, staff, fund):
    app = new_app(fund, requested_amount=D("300.00"))
    response = client.post(
        decision_url(app, "approve"),
        {"amount": "300,01", "mail_subject": "Betreff", "mail_body": "Text", "_confirm": "1"},
    )
    assert response.status_code == 200
    assert "höher sein als beantragt" in response.context["form"].errors["amount"][0]


def test_unreadable_amount_gives_a_german_message(client, staff, fund):
    app = new_app(fund)
    response = client.post(decision_url(app, "approve"), {"amount": "viel", "_preview": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors["amount"] == [
        "Bitte geben Sie einen Betrag wie 1.234,56 oder 1234.56 ein."
    ]


def test_reject_needs_a_reason_and_sends_the_previewed_mail(
    client, staff, fund, mailoutbox, django_capture_on_commit_callbacks
):
    app = new_app(fund, Status.SUBMITTED)
    empty = client.post(decision_url(app, "reject"), {"reason_for_applicant": "", "_preview": "1"})
    assert empty.status_code == 200
    assert "reason_for_applicant" in empty.context["form"].errors
    preview = client.post(
        decision_url(app, "reject"),
        {"reason_for_applicant": "Private Feiern sind nicht förderfähig.", "_preview": "1"},
    )
    body = preview.context["form"].initial["mail_body"]
    assert "Private Feiern sind nicht förderfähig." in body
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            decision_url(app, "reject"),
            {
                "reason_for_applicant": "Private Feiern sind nicht förderfähig.",
                "internal_reason": "",
                "mail_subject": preview.context["form"].initial["mail_subject"],
                "mail_body": body,
                "_confirm": "1",
            },
        )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.REJECTED
    assert mailoutbox[0].body == body.strip()


def test_defer_button_moves_to_the_next_meeting(
    client, staff, fund, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = fund.jury_meetings.order_by("date")
    app = new_app(fund, jury_meeting=first)
    page = client.get(decision_url(app, "defer"))
    assert page.context["form"].initial["meeting"] == second
    assert list(page.context["form"].fields["meeting"].queryset) == [second]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            decision_url(app, "defer"), {"meeting": second.pk, "comment": "", "_confirm": "1"}
        )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.jury_meeting == second
    assert len(mailoutbox) == 1


def test_forbidden_transition_redirects_with_a_message(client, staff, fund, mailoutbox):
    app = new_app(fund, Status.SUBMITTED)
    response = client.post(decision_url(app, "approve"), {"amount": "100", "_confirm": "1"})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED
    assert "nicht möglich" in messages_of(client.get(response.url))[0]
    unknown = change_url(app).replace("/change/", "/entscheidung/auszahlen/")
    assert client.get(unknown, follow=True).status_code == 404


def test_agenda_item_prefills_the_decision(client, staff, fund):
    app = new_app(fund, requested_amount=D("700.00"))
    item = AgendaItemFactory(
        application=app,
        meeting=app.jury_meeting,
        outcome=AgendaItem.Outcome.APPROVE,
        amount=D("500.00"),
        note="Einstimmig",
    )
    page = client.get(decision_url(app, "approve") + f"?item={item.pk}")
    assert page.context["form"].initial == {"amount": D("500.00"), "internal_reason": "Einstimmig"}
    assert page.context["item"] == item


def test_other_office_and_anonymous(client, fund, other_office, mailoutbox):
    app = new_app(fund, Status.SUBMITTED)
    client.force_login(make_staff(other_office, "fonds"))
    for action in ("start-review", "reject", "defer"):
        assert client.get(decision_url(app, action)).status_code == 404
        assert client.post(decision_url(app, action), {"_confirm": "1"}).status_code == 404
    client.logout()
    response = client.post(decision_url(app, "start-review"), {"_confirm": "1"})
    assert response.status_code == 302
    assert reverse("admin:login") in response.url
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED
    assert not ApplicationEvent.objects.exists()


def test_staff_without_change_permission_cannot_decide(client, fund, office):
    user = make_staff(office, "offices")
    user.user_permissions.add(Permission.objects.get(codename="view_application"))
    client.force_login(user)
    app = new_app(fund, Status.SUBMITTED)
    assert client.post(decision_url(app, "start-review"), {"_confirm": "1"}).status_code == 403
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED


def test_bulk_start_review_action(client, staff, fund, other_office):
    submitted = [new_app(fund, Status.SUBMITTED) for _ in range(3)]
    approved = new_app(fund, Status.APPROVED, approved_amount=D("100"))
    response = client.post(
        reverse("admin:fonds_application_changelist"),
        {
            "action": "start_review",
            "_selected_action": [a.pk for a in [*submitted, approved]],
        },
        follow=True,
    )
    assert response.status_code == 200
    for app in submitted:
        app.refresh_from_db()
        assert app.status == Status.IN_REVIEW
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED
    texts = messages_of(response)
    assert "Die Prüfung von 3 Anträgen hat begonnen." in texts
    assert any(approved.reference_number in text for text in texts)
    assert ApplicationEvent.objects.filter(event_type="fonds.application.in_review").count() == 3
