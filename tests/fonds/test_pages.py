import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from fonds.models import Application, ApplicationEvent
from tests.factories import (
    ApplicationFactory,
    CostCategoryFactory,
    FundFactory,
    OfficeFactory,
)
from tests.sitemap import whole_sitemap

pytestmark = pytest.mark.django_db

Status = Application.Status


def content(response):
    return response.content.decode()


def test_navigation_links_to_the_funds(client):
    page = content(client.get("/"))
    assert f'href="{reverse("fonds:fund-list")}"' in page
    assert ">Verfügungsfonds</a>" in page


def test_fund_list_shows_this_years_funds_with_remaining_amount(client, fund):
    ApplicationFactory(fund=fund, status=Status.APPROVED, approved_amount=Decimal("1234.50"))
    old = FundFactory(year=timezone.localdate().year - 1, title="Alter Fonds")
    response = client.get(reverse("fonds:fund-list"))
    assert response.status_code == 200
    page = content(response)
    assert "Was" in page or "Verfügungsfonds" in page
    assert fund.office.name in page
    assert "8.765,50 €" in page  # 10,000 - 1,234.50
    assert old.office.name not in page
    assert page.count("<h1") == 1


def test_fund_figures_come_from_the_applications(fund):
    for status, amount in [
        (Status.SUBMITTED, "100.00"),
        (Status.IN_REVIEW, "200.00"),
        (Status.APPROVED, "300.00"),
        (Status.PAID, "400.00"),
        (Status.COMPLETED, "500.00"),
        (Status.REJECTED, "600.00"),
        (Status.WITHDRAWN, "700.00"),
    ]:
        ApplicationFactory(fund=fund, status=status, requested_amount=Decimal(amount))
    # An approved amount below the requested one counts, not the request.
    ApplicationFactory(
        fund=fund,
        status=Status.APPROVED,
        requested_amount=Decimal("900.00"),
        approved_amount=Decimal("250.00"),
    )
    annotated = type(fund).objects.with_figures().get(pk=fund.pk)
    assert annotated.figures.approved == Decimal("1450.00")
    assert annotated.figures.requested == Decimal("3700.00")
    assert annotated.remaining == Decimal("8550.00")
    assert annotated.figures.committed_percent == 14
    fresh = type(fund).objects.get(pk=fund.pk)  # without with_figures(): computed on use
    assert fresh.figures.approved == Decimal("1450.00")


def test_fund_page_shows_rules_money_dates_and_funded_projects(client, fund, food):
    ApplicationFactory(
        fund=fund,
        status=Status.APPROVED,
        project_title="Graffiti-Workshop am Jugendtreff",
        approved_amount=Decimal("1200.00"),
        name="Geheime Person",
        email="geheim@example.org",
    )
    ApplicationFactory(
        fund=fund, status=Status.APPROVED, project_title="Ohne Zustimmung", consent_publish=False
    )
    ApplicationFactory(fund=fund, status=Status.SUBMITTED, project_title="Noch offen")
    response = client.get(fund.get_absolute_url())
    assert response.status_code == 200
    page = content(response)
    meeting = fund.next_meeting()
    assert "Richtlinien" in page
    assert "10.000,00 €" in page
    assert "höchstens 1.500,00 €" in page.lower()
    assert "mindestens 10 % der Kosten" in page
    assert "Verpflegung" in page  # not funded
    assert meeting.date.strftime("%d.%m.%Y") in page
    assert "Graffiti-Workshop am Jugendtreff" in page
    assert "1.200,00 €" in page
    assert "Geheime Person" not in page and "geheim@example.org" not in page
    assert "Ohne Zustimmung" not in page
    assert "Noch offen" not in page
    assert fund.get_apply_url() in page
    bar = re.search(r'<meter class="fund-bar"[^>]*>', page).group(0)
    assert 'value="17"' in bar  # 1,200 + 500 (approved without publication consent)
    # The amounts in words (aria-valuetext is not allowed on <meter>: the label says it).
    label = re.search(r'aria-label="([^"]*)"', bar).group(1)
    assert "€" in label and "1.700,00" in label


def test_fund_of_inactive_office_or_other_year_is_404(client):
    inactive = FundFactory(office=OfficeFactory(is_active=False))
    assert client.get(inactive.get_absolute_url()).status_code == 404
    last_year = FundFactory(year=timezone.localdate().year - 1)
    assert client.get(last_year.get_absolute_url()).status_code == 404
    assert client.get("/verfuegungsfonds/gibt-es-nicht/").status_code == 404


def test_office_page_links_to_its_fund(client, fund):
    page = content(client.get(fund.office.get_absolute_url()))
    assert 'id="office-fund"' in page
    assert fund.get_absolute_url() in page
    assert "10.000,00 €" in page


def test_office_page_without_fund_has_no_fund_section(client, office):
    assert 'id="office-fund"' not in content(client.get(office.get_absolute_url()))


def make_data(count):
    """`count` offices with a fund, three jury dates, excluded categories and applications."""
    categories = [CostCategoryFactory(name=f"Kategorie {n}") for n in range(3)]
    funds = []
    for _ in range(count):
        fund = FundFactory(meetings=[(5, 10), (40, 50), (80, 90)])
        fund.excluded_categories.set(categories)
        for status in [Status.APPROVED, Status.PAID, Status.SUBMITTED, Status.COMPLETED]:
            ApplicationFactory(fund=fund, status=status)
        funds.append(fund)
    return funds


@pytest.mark.parametrize("count", [1, 12])
def test_fund_list_query_count_is_bounded(client, django_assert_max_num_queries, count):
    make_data(count)
    # count, funds, figures (applications, payouts), jury meetings, excluded categories
    with django_assert_max_num_queries(6):
        response = client.get(reverse("fonds:fund-list"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_fund_page_query_count_is_bounded(client, django_assert_max_num_queries, count):
    fund = make_data(1)[0]
    for _ in range(count * 3):
        ApplicationFactory(fund=fund, status=Status.APPROVED)
    with django_assert_max_num_queries(7):
        response = client.get(fund.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_form_page_query_count_is_bounded(client, django_assert_max_num_queries, count):
    fund = make_data(count)[0]
    CostCategoryFactory.create_batch(count)
    with django_assert_max_num_queries(4):
        response = client.get(fund.get_apply_url())
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_status_page_query_count_is_bounded(client, django_assert_max_num_queries, count):
    application = ApplicationFactory()
    ApplicationEvent.objects.bulk_create(
        ApplicationEvent(application=application, event_type="x", to_status=Status.SUBMITTED)
        for _ in range(count)
    )
    # application, events, payouts, proofs (with their spent sums)
    with django_assert_max_num_queries(4):
        response = client.get(application.get_status_url())
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_office_page_query_count_stays_bounded_with_fund(
    client, django_assert_max_num_queries, count
):
    fund = make_data(1)[0]
    for _ in range(count):
        ApplicationFactory(fund=fund, status=Status.APPROVED)
    with django_assert_max_num_queries(14):  # 13 before the office's rooms
        response = client.get(fund.office.get_absolute_url())
    assert response.status_code == 200


# --- The applicant's status page -------------------------------------------------------


def test_status_page_shows_status_history_and_jury_date(client, fund):
    meeting = fund.next_meeting()
    application = ApplicationFactory(fund=fund, jury_meeting=meeting)
    ApplicationEvent.objects.create(
        application=application,
        event_type="fonds.application.submitted",
        to_status=Status.SUBMITTED,
    )
    response = client.get(application.get_status_url())
    assert response.status_code == 200
    page = content(response)
    assert "Eingereicht" in page
    assert "Wir haben Ihren Antrag erhalten." in page
    assert meeting.date.strftime("%d.%m.%Y") in page or f"{meeting.date.day}." in page
    assert "Jurysitzung" in page
    assert application.reference_number in page
    assert '<meta name="robots" content="noindex">' in page
    assert reverse("fonds:application-withdraw", kwargs={"token": application.token}) in page


@pytest.mark.parametrize(
    "status", [Status.APPROVED, Status.REJECTED, Status.WITHDRAWN, Status.PAID, Status.COMPLETED]
)
def test_no_withdraw_button_after_decision(client, status):
    application = ApplicationFactory(status=status)
    page = content(client.get(application.get_status_url()))
    assert "Antrag zurückziehen</button>" not in page
    assert str(Application.STATUS_EXPLANATIONS[status]) in page


def test_unknown_or_short_token_is_404(client):
    ApplicationFactory()
    assert client.get("/verfuegungsfonds/antrag/" + "x" * 43 + "/").status_code == 404
    assert client.get("/verfuegungsfonds/antrag/abc/").status_code == 404


def test_withdraw_by_post_and_redirect(client, mailoutbox, django_capture_on_commit_callbacks):
    application = ApplicationFactory(status=Status.IN_REVIEW)
    url = reverse("fonds:application-withdraw", kwargs={"token": application.token})
    assert client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == application.get_status_url()
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    page = content(client.get(response["Location"]))
    assert "Ihr Antrag wurde zurückgezogen." in page
    assert "Zurückgezogen" in page
    assert len(mailoutbox) == 2


def test_withdraw_twice_says_it_cannot(client):
    application = ApplicationFactory(status=Status.WITHDRAWN)
    url = reverse("fonds:application-withdraw", kwargs={"token": application.token})
    response = client.post(url, follow=True)
    assert "kann nicht zu" in content(response)


def test_withdraw_unknown_token_is_404(client):
    assert (
        client.post("/verfuegungsfonds/antrag/" + "y" * 43 + "/zurueckziehen/").status_code == 404
    )


def test_english_pages_exist(client, fund):
    assert client.get("/en" + fund.get_absolute_url()).status_code == 200
    assert "Neighbourhood fund" in content(client.get("/en/verfuegungsfonds/"))


def test_sitemap_lists_fund_pages(client, fund):
    page = whole_sitemap(client)
    assert fund.get_absolute_url() in page
    assert reverse("fonds:fund-list") in page
    assert "/antrag/" not in page
