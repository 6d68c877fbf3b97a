import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import NoticeFactory, OfficeFactory, OfficeHoursFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db


def test_home_lists_offices_and_news(client):
    office = OfficeFactory(name="Stadtteilbüro Nordstadt")
    NoticeFactory(office=office, title="Neues Hochbeet")
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Stadtteilbüro Nordstadt" in content
    assert "Neues Hochbeet" in content
    assert '<html lang="de">' in content


def test_office_list_groups_by_city(client):
    OfficeFactory(name="Büro A", city="Wolfsburg")
    OfficeFactory(name="Büro B", city="Dortmund")
    OfficeFactory(name="Altes Büro", city="Dortmund", is_active=False)
    content = client.get(reverse("offices:office-list")).content.decode()
    assert content.index(">Dortmund</h2>") < content.index(">Wolfsburg</h2>")
    assert "Altes Büro" not in content


def test_office_page_shows_contact_and_team(client, office):
    TeamMemberFactory(office=office, name="Jana Wiegand", role="Gemeinwesenarbeit")
    TeamMemberFactory(office=office, name="Versteckt", is_visible=False)
    content = client.get(office.get_absolute_url()).content.decode()
    assert 'href="tel:051212816311"' in content
    assert f'href="mailto:{office.email}"' in content
    assert "https://www.openstreetmap.org/search?query=Hochkamp+25" in content
    assert "Jana Wiegand" in content
    assert "Versteckt" not in content


def test_office_page_jsonld_parses(client, office):
    OfficeHoursFactory(office=office, weekday=1)
    content = client.get(office.get_absolute_url()).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "GovernmentOffice"
    assert data["address"]["streetAddress"] == "Hochkamp 25"
    assert data["openingHoursSpecification"][0]["dayOfWeek"] == "https://schema.org/Tuesday"


@pytest.mark.parametrize(
    "url", ["/bueros/gibt-es-nicht/", "/aktuelles/gibt-es-nicht/", "/gibt-es-nicht/"]
)
def test_unknown_slugs_answer_404_in_layout(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_inactive_office_is_404(client):
    office = OfficeFactory(is_active=False)
    assert client.get(office.get_absolute_url()).status_code == 404


def test_rss_feed_is_valid_xml_with_items(client):
    NoticeFactory(title="Stadtteilfest am Samstag")
    response = client.get(reverse("offices:notice-feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == ["Stadtteilfest am Samstag"]


def test_legal_pages_exist(client):
    for url, title in [
        ("/impressum/", "Impressum"),
        ("/datenschutz/", "Datenschutzerklärung"),
        ("/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert f"<h1>{title}</h1>" in response.content.decode()


def test_english_under_en_prefix(client, office):
    response = client.get("/en/bueros/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert "Neighbourhood offices" in response.content.decode()
