import logging

import pytest

from tests.factories import (
    ApplicationFactory,
    EventFactory,
    FundFactory,
    NoticeFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(office):
    project = ProjectFactory(office=office)
    event = EventFactory(office=office)
    notice = NoticeFactory(office=office)
    fund = FundFactory(office=office)
    application = ApplicationFactory(fund=fund)
    return [
        "/",
        "/en/",
        "/bueros/",
        office.get_absolute_url(),
        "/projekte/",
        project.get_absolute_url(),
        "/veranstaltungen/",
        event.get_absolute_url(),
        "/veranstaltungen/kalender/2026/5/",
        "/veranstaltungen/feed.ics",
        "/aktuelles/",
        notice.get_absolute_url(),
        "/aktuelles/feed/",
        "/suche/?q=Treff",
        "/impressum/",
        "/verfuegungsfonds/",
        fund.get_absolute_url(),
        f"/verfuegungsfonds/{office.slug}/antrag/",
        f"/verfuegungsfonds/antrag/{application.token}/",
        "/gibt-es-nicht/",
        "/admin/login/",
        "/health/",
        "/sitemap.xml",
        "/robots.txt",
    ]


def directives(response):
    policy = response["Content-Security-Policy"]
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";"))


def test_every_page_type_has_a_strict_csp_and_the_other_headers(client, pages):
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        policy = directives(response)
        assert "unsafe-inline" not in response["Content-Security-Policy"], url
        assert policy["script-src"] == "'self'", url
        assert policy["style-src"] == "'self'", url
        assert policy["frame-ancestors"] == "'none'", url
        assert policy["report-uri"] == "/csp-report/", url
        assert "camera=()" in response["Permissions-Policy"], url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert "Server" not in response, url


def test_admin_pages_are_never_stored(client, superuser):
    assert "no-store" in client.get("/admin/login/")["Cache-Control"]
    client.force_login(superuser)
    for url in ("/admin/", "/admin/offices/office/", "/admin/jsi18n/"):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_csp_reports_are_logged(client, caplog):
    report = '{"csp-report": {"violated-directive": "script-src", "blocked-uri": "inline"}}'
    with caplog.at_level(logging.WARNING, logger="stadtteilbuero.csp"):
        response = client.post("/csp-report/", report, content_type="application/csp-report")
    assert response.status_code == 204
    assert "script-src" in caplog.text
    assert client.post("/csp-report/", "kein json", content_type="text/plain").status_code == 400
    assert client.get("/csp-report/").status_code == 405


def test_nul_bytes_in_search_and_admin_autocomplete_never_give_500(client, superuser, office):
    assert client.get("/suche/?q=ab%00cd").status_code == 200
    assert client.get("/projekte/?q=%00&buero=%00").status_code == 200
    client.force_login(superuser)
    response = client.get(
        "/admin/autocomplete/?term=a%00b&app_label=projects&model_name=project&field_name=themes"
    )
    assert response.status_code == 200
    assert client.get("/admin/offices/office/?q=%00").status_code == 200
