"""What machines read: JSON-LD per page type, social cards, canonical and language links,
feeds and sitemap under PORTAL_BASE_URL."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.urls import reverse

from stadtteilbuero.sitemaps import OfficeSitemap
from tests.conftest import BASE_URL
from tests.factories import (
    EventFactory,
    HoursExceptionFactory,
    NoticeFactory,
    OfficeFactory,
    OfficeHoursFactory,
    ProjectFactory,
    ThemeFactory,
)
from tests.sitemap import sitemap_pages

pytestmark = pytest.mark.django_db


def jsonld_blocks(response):
    content = response.content.decode()
    raw = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return [json.loads(block) for block in raw]


def only_block(response, schema_type):
    [block] = [b for b in jsonld_blocks(response) if b["@type"] == schema_type]
    return block


def no_empty_values(data):
    if isinstance(data, dict):
        return all(
            value not in ("", None, [], {}) and no_empty_values(value) for value in data.values()
        )
    if isinstance(data, list):
        return all(no_empty_values(item) for item in data)
    return True


def test_home_has_website_with_search_action(client):
    data = only_block(client.get(reverse("home")), "WebSite")
    assert data["url"] == f"{BASE_URL}/"
    target = data["potentialAction"]["target"]["urlTemplate"]
    assert target == f"{BASE_URL}/suche/?q={{search_term_string}}"
    assert data["potentialAction"]["query-input"] == "required name=search_term_string"


@time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_office_without_street_and_with_holidays_and_closures(client):
    office = OfficeFactory(street="", postal_code="", federal_state="NI")
    OfficeHoursFactory(office=office, weekday=1)
    HoursExceptionFactory(
        office=office,
        start_date=datetime.date(2026, 12, 22),
        end_date=datetime.date(2027, 1, 2),
        note="Weihnachtsferien",
    )
    data = only_block(client.get(office.get_absolute_url()), "GovernmentOffice")
    assert no_empty_values(data)
    assert "streetAddress" not in data["address"]
    assert data["address"]["addressRegion"] == "Niedersachsen"
    assert data["url"] == f"{BASE_URL}{office.get_absolute_url()}"
    special = {(s["validFrom"], s["name"]): s for s in data["specialOpeningHoursSpecification"]}
    closure = special[("2026-12-22", "Weihnachtsferien")]
    assert closure["validThrough"] == "2027-01-02"
    assert (closure["opens"], closure["closes"]) == ("00:00", "00:00")
    assert ("2026-12-25", "Erster Weihnachtstag") in special
    assert data["openingHoursSpecification"][0]["dayOfWeek"] == "https://schema.org/Tuesday"


def test_project_page_has_project_jsonld(client):
    project = ProjectFactory(title="Nordstadtliga", end_date=datetime.date(2030, 1, 1))
    project.themes.add(ThemeFactory(name="Sport"))
    data = only_block(client.get(project.get_absolute_url()), "Project")
    assert data["name"] == "Nordstadtliga"
    assert data["url"] == f"{BASE_URL}{project.get_absolute_url()}"
    assert data["parentOrganization"]["name"] == project.office.name
    assert data["foundingDate"] == project.start_date.isoformat()
    assert data["dissolutionDate"] == "2030-01-01"
    assert data["keywords"] == "Sport"
    assert data["description"]


def test_news_page_has_news_article_jsonld(client):
    notice = NoticeFactory(title="Neues Stadtteilbüro")
    data = only_block(client.get(notice.get_absolute_url()), "NewsArticle")
    assert data["headline"] == "Neues Stadtteilbüro"
    for key in ["datePublished", "dateModified", "author", "publisher", "url", "description"]:
        assert data[key], key
    assert data["author"]["name"] == notice.office.name
    assert no_empty_values(data)


def test_event_page_jsonld_uses_the_base_url(client):
    event = EventFactory()
    data = only_block(client.get(event.get_absolute_url()), "Event")
    assert data["url"] == f"{BASE_URL}{event.get_absolute_url()}"
    assert data["startDate"]


def test_pages_have_canonical_language_alternates_and_social_card(client):
    project = ProjectFactory(title="Gemeinschaftsgarten", summary="Gärtnern im Hof.")
    path = project.get_absolute_url()
    content = client.get(path, {"page": 2}).content.decode()
    assert f'<link rel="canonical" href="{BASE_URL}{path}">' in content
    assert f'<link rel="alternate" hreflang="en" href="{BASE_URL}/en{path}">' in content
    assert f'<link rel="alternate" hreflang="de" href="{BASE_URL}{path}">' in content
    assert f'hreflang="x-default" href="{BASE_URL}{path}"' in content
    assert '<meta property="og:title" content="Gemeinschaftsgarten">' in content
    assert '<meta property="og:description" content="Gärtnern im Hof.">' in content
    assert '<meta property="og:locale" content="de_DE">' in content
    assert '<meta name="twitter:card"' in content
    english = client.get(f"/en{path}").content.decode()
    assert f'<link rel="canonical" href="{BASE_URL}/en{path}">' in english
    assert '<meta property="og:locale" content="en_GB">' in english


def test_news_feed_uses_the_base_url(client):
    notice = NoticeFactory(title="Sommerfest")
    content = client.get("/aktuelles/feed/").content.decode()
    assert f"<link>{BASE_URL}{notice.get_absolute_url()}</link>" in content
    assert f"<link>{BASE_URL}/aktuelles/</link>" in content
    assert "localhost" not in content and "example.com" not in content


def test_sitemap_has_both_languages_with_alternates(client):
    office = OfficeFactory()
    index = ET.fromstring(client.get(reverse("sitemap")).content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    pages = [loc.text for loc in index.findall("s:sitemap/s:loc", ns)]
    assert f"{BASE_URL}/sitemap-offices.xml" in pages
    assert all(page.startswith(BASE_URL) for page in pages)
    root = ET.fromstring(client.get("/sitemap-offices.xml").content)
    pages_root = ET.fromstring(client.get("/sitemap-pages.xml").content)
    root.extend(pages_root.findall("s:url", ns))
    locations = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    assert f"{BASE_URL}{office.get_absolute_url()}" in locations
    assert f"{BASE_URL}/en{office.get_absolute_url()}" in locations
    assert f"{BASE_URL}/leichte-sprache/" in locations
    assert all(location.startswith(BASE_URL) for location in locations)
    [entry] = [
        url
        for url in root.findall("s:url", ns)
        if url.find("s:loc", ns).text == f"{BASE_URL}{office.get_absolute_url()}"
    ]
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)}
    assert alternates["en"] == f"{BASE_URL}/en{office.get_absolute_url()}"
    assert alternates["x-default"] == f"{BASE_URL}{office.get_absolute_url()}"


def test_sitemap_pages_name_every_item_once(client, monkeypatch):
    """An index of paginated sections: every item once per language, over all pages."""
    monkeypatch.setattr(OfficeSitemap, "limit", 4)  # two offices in two languages a page
    offices = OfficeFactory.create_batch(5)
    office_pages = [page for page in sitemap_pages(client) if "sitemap-offices" in page]
    assert office_pages == [
        "/sitemap-offices.xml",
        "/sitemap-offices.xml?p=2",
        "/sitemap-offices.xml?p=3",
    ]
    listed = "".join(client.get(page).content.decode() for page in office_pages)
    for office in offices:
        assert listed.count(f"<loc>{BASE_URL}{office.get_absolute_url()}</loc>") == 1
        assert listed.count(f"<loc>{BASE_URL}/en{office.get_absolute_url()}</loc>") == 1
    assert client.get("/sitemap-offices.xml?p=4").status_code == 404


def test_robots_names_the_sitemap_under_the_base_url(client):
    assert f"Sitemap: {BASE_URL}/sitemap.xml" in client.get("/robots.txt").content.decode()
