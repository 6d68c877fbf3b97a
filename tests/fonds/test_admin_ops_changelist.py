"""The application changelist of the office: columns, filters, totals, exports."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from fonds.models import Application, Fund
from tests.conftest import make_staff
from tests.factories import ApplicationFactory, FundFactory, OfficeFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:fonds_application_changelist"


@pytest.fixture
def applications(fund):
    return [
        ApplicationFactory(
            fund=fund,
            project_title="Hochbeete im Hof",
            name="Aylin Kaya",
            requested_amount=Decimal("800.00"),
            status=Application.Status.APPROVED,
            approved_amount=Decimal("600.50"),
        ),
        ApplicationFactory(
            fund=fund,
            project_title="Lesecafé",
            requested_amount=Decimal("300.00"),
            status=Application.Status.SUBMITTED,
        ),
        ApplicationFactory(
            fund=fund,
            project_title="Sommerkino",
            requested_amount=Decimal("1000.00"),
            status=Application.Status.REJECTED,
        ),
    ]


@pytest.fixture
def foreign_application(other_office):
    return ApplicationFactory(
        fund=FundFactory(office=other_office),
        project_title="Fremdes Hochbeet",
        requested_amount=Decimal("999.00"),
    )


def totals_section(page):
    start = page.index('class="module application-totals"')
    return page[start : page.index("</section>", start)]


def test_changelist_columns_and_totals(client, fonds_staff, applications, foreign_application):
    client.force_login(fonds_staff)
    response = client.get(reverse(CHANGELIST))
    page = response.content.decode()
    assert "Hochbeete im Hof" in page
    assert "Aylin Kaya" in page
    assert "Fremdes Hochbeet" not in page
    assert response.context["totals"].requested == Decimal("2100.00")
    assert response.context["totals"].approved == Decimal("600.50")
    assert response.context["totals"].paid == Decimal("0.00")
    section = totals_section(page)
    assert "2.100,00 €" in section
    assert "600,50 €" in section
    assert "3 Anträge" in section


def test_totals_follow_the_filters(client, fonds_staff, applications):
    client.force_login(fonds_staff)
    response = client.get(reverse(CHANGELIST), {"status__exact": "submitted"})
    assert response.context["totals"].requested == Decimal("300.00")
    assert response.context["totals"].approved == Decimal("0.00")
    response = client.get(reverse(CHANGELIST), {"q": "Sommerkino"})
    assert response.context["totals"].requested == Decimal("1000.00")


def test_totals_show_what_was_paid_out(client, fonds_staff, applications):
    from tests.factories import PayoutFactory

    approved = applications[0]
    PayoutFactory(application=approved, amount=Decimal("200.00"), is_advance=True)
    PayoutFactory(application=approved, amount=Decimal("100.25"))
    client.force_login(fonds_staff)
    response = client.get(reverse(CHANGELIST))
    assert response.context["totals"].paid == Decimal("300.25")
    assert response.context["totals"].approved == Decimal("600.50")  # not multiplied
    assert "300,25 €" in totals_section(response.content.decode())


def test_office_and_fund_filters_list_only_own(client, fonds_staff, applications, other_office):
    FundFactory(office=other_office, title="Fremder Fonds")
    second = OfficeFactory(name="Stadtteilbüro Zweitbüro")
    fonds_staff.office_memberships.create(office=second)
    FundFactory(office=second, title="Zweiter Fonds")
    client.force_login(fonds_staff)
    response = client.get(reverse(CHANGELIST))
    page = response.content.decode()
    filter_html = page[page.index('id="changelist-filter"') :]
    assert other_office.name not in filter_html
    assert "Fremder Fonds" not in filter_html
    assert applications[0].fund.office.name in filter_html
    assert "Stadtteilbüro Zweitbüro" in filter_html
    assert "Zweiter Fonds" in filter_html


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"status__exact": "approved"}, {"Hochbeete im Hof"}),
        ({"q": "Aylin"}, {"Hochbeete im Hof"}),
        ({"q": "antrag"}, {"Hochbeete im Hof", "Lesecafé", "Sommerkino"}),  # e-mail
        ({"year": "1999"}, set()),
    ],
)
def test_filters_and_search(client, fonds_staff, applications, params, titles):
    client.force_login(fonds_staff)
    response = client.get(reverse(CHANGELIST), params)
    shown = {application.project_title for application in response.context["cl"].result_list}
    assert shown == titles


def test_year_and_fund_filter(client, fonds_staff, applications, fund):
    old_fund = FundFactory(office=fund.office, year=fund.year - 1)
    ApplicationFactory(fund=old_fund, project_title="Alt")
    client.force_login(fonds_staff)
    response = client.get(reverse(CHANGELIST), {"year": str(fund.year - 1)})
    assert [a.project_title for a in response.context["cl"].result_list] == ["Alt"]
    response = client.get(reverse(CHANGELIST), {"fund__id__exact": str(old_fund.pk)})
    assert [a.project_title for a in response.context["cl"].result_list] == ["Alt"]


def test_bad_year_filter_is_no_500(client, fonds_staff, applications):
    client.force_login(fonds_staff)
    response = client.get(reverse(CHANGELIST), {"year": "abc"})
    assert response.status_code == 302  # Django's "?e=1" page


def test_changelist_query_count_bounded_with_many_applications(
    client, fonds_staff, fund, django_assert_max_num_queries
):
    client.force_login(fonds_staff)
    url = reverse(CHANGELIST)
    # 150: a full first page (100 a page) and a second one.
    for count in (10, 150):
        existing = Application.objects.count()
        Application.objects.bulk_create(
            ApplicationFactory.build_batch(count - existing, fund=fund), batch_size=500
        )
        with django_assert_max_num_queries(16):
            response = client.get(url)
        assert response.status_code == 200
        assert response.context["totals"].count == count
        with django_assert_max_num_queries(16):
            assert client.get(url, {"status__exact": "submitted", "q": "Fest"}).status_code == 200


# --- Exports -------------------------------------------------------------------------


def export(client, fmt, **params):
    response = client.get(reverse("admin:fonds_application_export", args=[fmt]), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="antraege-')
    return response


def test_csv_export_contents(client, fonds_staff, applications, foreign_application):
    client.force_login(fonds_staff)
    raw = export(client, "csv").content
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    header, body = rows[0], rows[1:]
    assert header[0] == "Antragsnummer"
    assert len(body) == 3
    by_title = {row[header.index("Projekttitel")]: row for row in body}
    assert "Fremdes Hochbeet" not in by_title
    approved = by_title["Hochbeete im Hof"]
    assert approved[header.index("Name")] == "Aylin Kaya"
    assert approved[header.index("Beantragter Betrag")] == "800.00"
    assert approved[header.index("bewilligter Betrag")] == "600.50"
    assert approved[header.index("Stand")] == "Bewilligt"
    submitted = timezone.localtime(applications[0].submitted_at).date()
    assert approved[header.index("eingereicht")] == submitted.isoformat()


def test_excel_export_encoding(client, fonds_staff, applications):
    client.force_login(fonds_staff)
    raw = export(client, "excel").content
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Antragsnummer;Fonds;Stadtteilbüro;Stand;eingereicht;")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = rows[0]
    row = next(r for r in rows[1:] if r[header.index("Projekttitel")] == "Hochbeete im Hof")
    assert row[header.index("Beantragter Betrag")] == "800,00"
    assert row[header.index("bewilligter Betrag")] == "600,50"
    assert row[header.index("Beginn")].count(".") == 2  # 24.12.2026


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_export_escapes_formulas(client, fonds_staff, fund, start):
    ApplicationFactory(
        fund=fund,
        project_title=f'{start}HYPERLINK("http://evil.example")',
        name=f"{start}1+1",
        target_group="-Kinder",
    )
    client.force_login(fonds_staff)
    for fmt, delimiter in (("csv", ","), ("excel", ";")):
        text = export(client, fmt).content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        header, row = rows[0], rows[1]
        assert row[header.index("Projekttitel")] == f'\'{start}HYPERLINK("http://evil.example")'
        assert row[header.index("Name")] == f"'{start}1+1"
        assert row[header.index("Zielgruppe")] == "'-Kinder"
        for cell in row:
            assert not cell.startswith(("=", "+", "@")) or cell == ""


def test_export_keeps_filters_and_search(client, fonds_staff, applications):
    client.force_login(fonds_staff)
    page = client.get(reverse(CHANGELIST), {"status__exact": "approved"}).content.decode()
    assert (
        reverse("admin:fonds_application_export", args=["csv"]) + "?status__exact=approved" in page
    )
    text = export(client, "csv", status__exact="approved").content.decode()
    assert "Hochbeete im Hof" in text
    assert "Lesecafé" not in text
    text = export(client, "excel", q="Sommerkino").content.decode("utf-8-sig")
    assert "Sommerkino" in text
    assert "Lesecafé" not in text


def test_export_of_selected_applications_by_action(client, fonds_staff, applications):
    client.force_login(fonds_staff)
    response = client.post(
        reverse(CHANGELIST),
        {
            "action": "export_selected_excel",
            "_selected_action": [applications[1].pk],
            "index": 0,
        },
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "Lesecafé" in text
    assert "Hochbeete im Hof" not in text


def test_export_refused_to_others(client, applications, other_fonds_staff):
    url = reverse("admin:fonds_application_export", args=["csv"])
    response = client.get(url)
    assert response.status_code == 302  # to the login
    client.force_login(other_fonds_staff)
    text = client.get(url).content.decode()
    assert "Hochbeete im Hof" not in text
    assert client.get(reverse("admin:fonds_application_export", args=["xls"])).status_code == 404
    user_without_permission = make_staff(OfficeFactory(), "offices")
    client.force_login(user_without_permission)
    assert client.get(url).status_code == 403


def test_fund_changelist_summary_line(
    client, fonds_staff, applications, fund, other_office, django_assert_max_num_queries
):
    client.force_login(fonds_staff)
    for _ in range(2):
        with django_assert_max_num_queries(12):
            response = client.get(reverse("admin:fonds_fund_changelist"))
        FundFactory(office=fund.office, year=fund.year - 1 - Fund.objects.count())
    page = response.content.decode()
    assert "10.000,00" in page  # budget
    assert "600,50 €" in page  # approved
    assert "9.399,50 €" in page  # remaining
