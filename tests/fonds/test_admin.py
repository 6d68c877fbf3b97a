from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from fonds.models import Application, Attachment
from tests.conftest import make_staff
from tests.factories import ApplicationFactory, FundFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def own_application(fund):
    return ApplicationFactory(fund=fund, project_title="Hausaufgabenhilfe im Treff")


@pytest.fixture
def foreign_application(other_office):
    return ApplicationFactory(
        fund=FundFactory(office=other_office), project_title="Fremdes Hochbeet"
    )


def make_attachment(application):
    attachment = Attachment(
        application=application, original_name="Angebot Tischlerei.pdf", kind="pdf", size=len(PDF)
    )
    attachment.file.save("angebot.pdf", ContentFile(PDF), save=False)
    attachment.save()
    return attachment


def test_changelist_shows_only_own_offices_applications(
    client, fonds_staff, own_application, foreign_application
):
    client.force_login(fonds_staff)
    page = client.get(reverse("admin:fonds_application_changelist")).content.decode()
    assert "Hausaufgabenhilfe im Treff" in page
    assert "Fremdes Hochbeet" not in page


def test_search_by_reference_number(client, fonds_staff, own_application):
    client.force_login(fonds_staff)
    url = reverse("admin:fonds_application_changelist")
    page = client.get(url, {"q": own_application.reference_number}).content.decode()
    assert "Hausaufgabenhilfe im Treff" in page


def test_foreign_application_and_fund_are_404(
    client, fonds_staff, foreign_application, own_application
):
    client.force_login(fonds_staff)
    foreign = reverse("admin:fonds_application_change", args=[foreign_application.pk])
    assert client.get(foreign).status_code == 404
    fund_url = reverse("admin:fonds_fund_change", args=[foreign_application.fund.pk])
    assert client.get(fund_url).status_code == 404
    own = reverse("admin:fonds_application_change", args=[own_application.pk])
    assert client.get(own).status_code == 200


def test_superuser_sees_all(client, superuser, own_application, foreign_application):
    client.force_login(superuser)
    page = client.get(reverse("admin:fonds_application_changelist")).content.decode()
    assert "Hausaufgabenhilfe im Treff" in page and "Fremdes Hochbeet" in page


def test_workflow_fields_are_read_only_and_no_add(client, fonds_staff, own_application):
    client.force_login(fonds_staff)
    assert client.get(reverse("admin:fonds_application_add")).status_code == 403
    url = reverse("admin:fonds_application_change", args=[own_application.pk])
    page = client.get(url).content.decode()
    assert 'name="status"' not in page
    assert 'name="requested_amount"' not in page
    assert 'name="internal_note"' in page
    response = client.post(
        url,
        {
            "internal_note": "Rückfrage zum Kostenplan",
            "status": Application.Status.APPROVED,
            "requested_amount": "99999",
            **{
                f"{prefix}-{key}": value
                for prefix in [
                    "expenses",
                    "incomes",
                    "attachments",
                    "notes",
                    "events",
                    "payouts",
                    "repayments",
                    "letters",
                    "proofs",
                    "stadtteilbuero-outgoingmail-content_type-object_id",
                ]
                for key, value in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"}.items()
            },
        },
    )
    assert response.status_code == 302
    own_application.refresh_from_db()
    assert own_application.internal_note == "Rückfrage zum Kostenplan"
    assert own_application.status == Application.Status.SUBMITTED
    assert own_application.requested_amount == Decimal("500.00")


def test_fund_admin_offers_only_own_offices(client, fonds_staff, office, other_office):
    client.force_login(fonds_staff)
    page = client.get(reverse("admin:fonds_fund_add")).content.decode()
    assert f'<option value="{office.pk}"' in page
    assert f'<option value="{other_office.pk}"' not in page


def test_download_for_staff_of_the_office(client, fonds_staff, own_application):
    attachment = make_attachment(own_application)
    client.force_login(fonds_staff)
    response = client.get(attachment.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Angebot" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF


def test_download_refused_to_anonymous(client, own_application):
    attachment = make_attachment(own_application)
    response = client.get(attachment.get_download_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_download_refused_to_staff_of_another_office(client, other_fonds_staff, own_application):
    attachment = make_attachment(own_application)
    client.force_login(other_fonds_staff)
    assert client.get(attachment.get_download_url()).status_code == 404


def test_download_refused_without_fonds_permission(client, office, own_application):
    attachment = make_attachment(own_application)
    client.force_login(make_staff(office, "offices"))
    assert client.get(attachment.get_download_url()).status_code == 404


def test_download_for_superuser(client, superuser, own_application):
    attachment = make_attachment(own_application)
    client.force_login(superuser)
    response = client.get(attachment.get_download_url())
    assert response.status_code == 200
    response.close()


def test_admin_change_page_links_attachment_to_the_download_view(
    client, fonds_staff, own_application
):
    attachment = make_attachment(own_application)
    client.force_login(fonds_staff)
    url = reverse("admin:fonds_application_change", args=[own_application.pk])
    page = client.get(url).content.decode()
    assert attachment.get_download_url() in page
    assert "/media/" not in page.split("attachments")[-1][:2000]


@pytest.mark.parametrize(
    "model",
    [
        "fund",
        "application",
        "jurymeeting",
        "expenseline",
        "incomeline",
        "applicationevent",
        "attachment",
        "costcategory",
    ],
)
def test_every_changelist_renders(client, superuser, own_application, model):
    client.force_login(superuser)
    assert client.get(reverse(f"admin:fonds_{model}_changelist")).status_code == 200


@pytest.mark.parametrize("model", ["expenseline", "applicationevent", "applicationnote"])
def test_records_of_an_application_are_read_only_in_the_admin(client, fonds_staff, fund, model):
    from django.urls import reverse

    from fonds.models import ApplicationEvent, ApplicationNote
    from tests.factories import ApplicationFactory, ExpenseLineFactory

    application = ApplicationFactory(fund=fund)
    record = {
        "expenseline": lambda: ExpenseLineFactory(application=application),
        "applicationevent": lambda: ApplicationEvent.objects.create(
            application=application, event_type="fonds.application.submitted", to_status="submitted"
        ),
        "applicationnote": lambda: ApplicationNote.objects.create(
            application=application, text="Rückruf vereinbart."
        ),
    }[model]()
    client.force_login(fonds_staff)
    assert client.get(reverse(f"admin:fonds_{model}_change", args=[record.pk])).status_code == 200
    assert client.get(reverse(f"admin:fonds_{model}_add")).status_code == 403
    assert (
        client.post(
            reverse(f"admin:fonds_{model}_delete", args=[record.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert type(record).objects.filter(pk=record.pk).exists()
