import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import Project
from tests.conftest import make_staff
from tests.factories import (
    GalleryImageFactory,
    OfficeFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    ThemeFactory,
)
from tests.sitemap import whole_sitemap

pytestmark = pytest.mark.django_db

LIST_URL = reverse("projects:project-list")


def titles(response):
    return [project.title for project in response.context["projects"]]


@pytest.fixture
def catalogue():
    """Projects across two offices, themes, statuses and kinds."""
    north = OfficeFactory(slug="nordstadt")
    west = OfficeFactory(slug="westhagen")
    culture = ThemeFactory(slug="kultur", name="Kultur")
    youth = ThemeFactory(slug="jugend", name="Jugend")
    ProjectFactory(title="Nord.Pol", office=north, themes=[culture])
    ProjectFactory(title="Nordstadtliga", office=north, themes=[youth])
    ProjectFactory(
        title="Alte Schreibwerkstatt",
        office=north,
        themes=[culture, youth],
        end_date=datetime.date(2021, 6, 30),  # completed by its period
    )
    ProjectFactory(title="Stadtteilfest", office=west, themes=[culture])
    ProjectFactory(
        title="Stadtteilmanagement",
        office=west,
        measure=True,
        status_override=Project.Status.PLANNED,  # set by staff, whatever the period says
    )
    ProjectFactory(title="Entwurf", office=north, themes=[culture], is_published=False)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Nord.Pol", "Nordstadtliga", "Alte Schreibwerkstatt", "Stadtteilfest",
              "Stadtteilmanagement"}),
        ("buero=nordstadt", {"Nord.Pol", "Nordstadtliga", "Alte Schreibwerkstatt"}),
        ("thema=kultur", {"Nord.Pol", "Alte Schreibwerkstatt", "Stadtteilfest"}),
        ("status=abgeschlossen", {"Alte Schreibwerkstatt"}),
        ("status=geplant", {"Stadtteilmanagement"}),
        ("art=massnahme", {"Stadtteilmanagement"}),
        ("art=projekt", {"Nord.Pol", "Nordstadtliga", "Alte Schreibwerkstatt", "Stadtteilfest"}),
        ("q=nord", {"Nord.Pol", "Nordstadtliga"}),
        ("q=O/N", {"Stadtteilmanagement"}),
        # combined
        ("buero=nordstadt&thema=kultur", {"Nord.Pol", "Alte Schreibwerkstatt"}),
        ("buero=nordstadt&thema=kultur&status=laufend", {"Nord.Pol"}),
        ("thema=jugend&q=liga", {"Nordstadtliga"}),
        ("buero=westhagen&art=massnahme&q=management", {"Stadtteilmanagement"}),
        ("buero=westhagen&thema=jugend", set()),
    ],
)  # fmt: skip
def test_filters_alone_and_combined(client, catalogue, query, expected):
    response = client.get(f"{LIST_URL}?{query}")
    assert response.status_code == 200
    assert set(titles(response)) == expected
    assert "Entwurf" not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "buero=gibt-es-nicht",
        "thema=gibt-es-nicht",
        "status=vielleicht",
        "art=irgendwas",
        "buero=%00&thema[]=x&status=<script>",
        "q=" + "x" * 500,
        "buero=nordstadt&status=unbekannt",
    ],
)
def test_unknown_filter_values_are_ignored_with_a_message(client, catalogue, query):
    response = client.get(f"{LIST_URL}?{query}")
    assert response.status_code == 200
    content = response.content.decode()
    assert "invalid-feedback" in content
    assert 'aria-invalid="true"' in content
    described = re.search(r'aria-describedby="([^"]+)"', content).group(1)
    assert f'id="{described}"' in content
    if query.startswith("buero=nordstadt"):
        # the valid filter still applies, the unknown one is ignored
        assert set(titles(response)) == {"Nord.Pol", "Nordstadtliga", "Alte Schreibwerkstatt"}


@pytest.mark.parametrize("page", ["abc", "999", "-1"])
def test_bad_page_is_404_not_500(client, catalogue, page):
    assert client.get(f"{LIST_URL}?page={page}").status_code == 404


def test_pagination_keeps_filters(client):
    culture = ThemeFactory(slug="kultur")
    office = OfficeFactory(slug="nordstadt")
    ProjectFactory.create_batch(14, office=office, themes=[culture])
    ProjectFactory.create_batch(3, office=office)  # other theme: filtered out
    response = client.get(f"{LIST_URL}?buero=nordstadt&thema=kultur")
    assert len(response.context["projects"]) == 12
    assert response.context["paginator"].count == 14
    content = response.content.decode()
    next_link = re.search(r'<a class="page-link" rel="next" href="([^"]+)"', content).group(1)
    assert "buero=nordstadt" in next_link
    assert "thema=kultur" in next_link
    assert "page=2" in next_link
    second = client.get(LIST_URL + next_link.replace("&amp;", "&"))
    assert len(second.context["projects"]) == 2
    previous_link = re.search(r'rel="prev" href="([^"]+)"', second.content.decode()).group(1)
    assert "thema=kultur" in previous_link


def test_list_is_newest_first_and_12_per_page(client, office):
    for day in range(13):
        ProjectFactory(office=office, start_date=datetime.date(2024, 1, 1 + day))
    response = client.get(LIST_URL)
    dates = [project.start_date for project in response.context["projects"]]
    assert len(dates) == 12
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == datetime.date(2024, 1, 13)


def test_card_shows_image_office_status_themes_and_period(client, office):
    theme = ThemeFactory(name="Nachbarschaft")
    project = ProjectFactory(
        office=office,
        themes=[theme],
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2025, 6, 30),
        image_alt="Menschen pflanzen Blumen",
    )
    project.image.save("bild.png", GalleryImageFactory.build().image, save=True)
    content = client.get(LIST_URL).content.decode()
    assert 'alt="Menschen pflanzen Blumen"' in content
    assert office.name in content
    assert "Laufend" in content
    assert "Nachbarschaft" in content
    assert "März 2024" in content
    assert "Juni 2025" in content


def test_unpublished_project_is_invisible_to_the_public(client, office):
    draft = ProjectFactory(office=office, title="Geheimer Entwurf", is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Geheimer Entwurf" not in client.get(LIST_URL).content.decode()
    assert "Geheimer Entwurf" not in client.get("/").content.decode()
    assert "Geheimer Entwurf" not in client.get(office.get_absolute_url()).content.decode()


def test_project_of_inactive_office_is_404(client):
    project = ProjectFactory(office=OfficeFactory(is_active=False))
    assert client.get(project.get_absolute_url()).status_code == 404


def test_unknown_slug_is_404(client):
    assert client.get("/projekte/gibt-es-nicht/").status_code == 404


def test_staff_preview_matrix(client, office, other_office, superuser):
    draft = ProjectFactory(office=office, is_published=False)
    url = draft.get_absolute_url()
    cases = [
        (None, 404),
        (make_staff(office, "offices"), 404),  # staff without the change permission
        (make_staff(other_office, "projects"), 404),  # staff of another office
        (make_staff(office, "projects"), 200),
        (superuser, 200),
    ]
    for user, status in cases:
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert "Vorschau: Dieses Projekt ist nicht veröffentlicht." in response.content.decode()


def test_detail_shows_everything(client, office):
    theme = ThemeFactory(name="Kultur")
    project = ProjectFactory(
        office=office,
        title="Nord.Pol",
        summary="Kunst verbindet.",
        description="Mit **Aktionen** im Stadtteil.",
        themes=[theme],
    )
    ProjectPartnerFactory(
        project=project,
        partner__name="Kulturfabrik Löseke",
        partner__website="https://kultur.example.org/",
        role="Künstlerische Leitung",
    )
    GalleryImageFactory(project=project, image_alt="Kinder malen eine Wand an", caption="Aktion")
    related = ProjectFactory(office=office, title="Ins Licht gerückt", themes=[theme])
    ProjectFactory(office=office, title="Ohne gemeinsames Thema")
    content = client.get(project.get_absolute_url()).content.decode()
    assert content.count("<h1") == 1
    assert "Kunst verbindet." in content
    assert "<strong>Aktionen</strong>" in content
    assert '<a href="https://kultur.example.org/">Kulturfabrik Löseke' in content
    assert "Künstlerische Leitung" in content
    assert 'alt="Kinder malen eine Wand an"' in content
    assert f'href="{office.phone_uri}"' in content
    assert related.title in content
    assert "Ohne gemeinsames Thema" not in content
    assert "Maßnahme auf einen Blick" not in content  # no fact table for plain projects


def test_measure_fact_table_in_german_format(client, office):
    project = ProjectFactory(
        measure=True,
        office=office,
        number="O/N 1",
        title="Stadtteilmanagement",
        costs=Decimal("960000.00"),
        first_steps="Ausschreibung und Vergabe\nVerfügungsfonds starten",
    )
    content = client.get(project.get_absolute_url()).content.decode()
    table = re.search(r"<table.*?</table>", content, re.S).group(0)
    cells = re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td>', table, re.S)
    rows = {header.strip(): re.sub(r"<[^>]+>", " ", cell).split() for header, cell in cells}
    assert rows["Nr."] == ["O/N", "1"]
    assert rows["Kosten"] == ["960.000,00", "€"]
    assert rows["Finanzierung"] == ["Städtebauförderung"]
    assert rows["Priorität"] == ["hoch"]
    assert rows["Beginn"] == ["ab", "2023"]
    assert rows["Laufzeit"] == ["8", "Jahre"]
    for label in ["Akteure", "Ziele", "Erste Schritte", "Entwicklungsziele", "Synergien"]:
        assert label in rows
    assert "<ol" in table and "<li>Ausschreibung und Vergabe</li>" in table


def test_home_and_office_page_show_current_projects(client, office):
    ProjectFactory(office=office, title="Laufendes Projekt")
    ProjectFactory(office=office, title="Beendet", end_date=datetime.date(2021, 1, 1))
    ProjectFactory(title="Projekt woanders")
    home = client.get("/").content.decode()
    assert "Laufendes Projekt" in home
    assert "Projekt woanders" in home
    assert "Beendet" not in home
    office_page = client.get(office.get_absolute_url()).content.decode()
    assert "Laufendes Projekt" in office_page
    assert "Projekt woanders" not in office_page
    assert "Beendet" not in office_page
    assert f"/projekte/?buero={office.slug}" in office_page


def test_navigation_and_english(client, office):
    ProjectFactory(office=office)
    content = client.get("/").content.decode()
    assert 'href="/projekte/">Projekte</a>' in content
    response = client.get("/en/projekte/")
    assert response.status_code == 200
    assert "<h1>Projects</h1>" in response.content.decode()


def test_sitemap_lists_published_projects(client, office):
    published = ProjectFactory(office=office)
    draft = ProjectFactory(office=office, is_published=False)
    content = whole_sitemap(client)
    assert published.get_absolute_url() in content
    assert draft.get_absolute_url() not in content


def make_projects(count):
    themes = [ThemeFactory(), ThemeFactory()]
    offices = [OfficeFactory(), OfficeFactory()]
    projects = [
        ProjectFactory(
            office=offices[index % 2],
            themes=themes,
            measure=index % 7 == 0,
            # every third project also concerns the other office's district
            also_concerns=[offices[(index + 1) % 2]] if index % 3 == 0 else [],
        )
        for index in range(count)
    ]
    for project in projects[:3]:
        GalleryImageFactory(project=project)
        ProjectPartnerFactory(project=project)
    return projects


# 30 projects fill more than two pages of the list (12 a page).
@pytest.mark.parametrize("count", [5, 30])
def test_query_count_does_not_grow(client, django_assert_max_num_queries, count):
    projects = make_projects(count)
    theme = projects[0].themes.first()
    office = projects[0].office
    # Measured: the same counts with 5 and with 200 projects.
    pages = {
        LIST_URL: 6,
        f"{LIST_URL}?buero={office.slug}&thema={theme.slug}&status=laufend&q=Projekt": 8,
        # with the project's next events and the other offices it concerns
        projects[0].get_absolute_url(): 8,
        "/": 8,  # with the offices' hours and exceptions (open now)
        office.get_absolute_url(): 13,  # with its rooms
    }
    if count > 12:
        pages[f"{LIST_URL}?page=2"] = 6
    for url, limit in pages.items():
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200, url


def test_filter_links_keep_the_other_filters(client, catalogue):
    response = client.get(f"{LIST_URL}?buero=nordstadt&thema=kultur&q=nord")
    content = response.content.decode().replace("&amp;", "&")
    links = re.findall(
        r'<a href="(\?[^"]*)"( aria-current="true" class="fw-bold")?>([^<]+)</a>', content
    )
    by_label = {label: (href, bool(current)) for href, current, label in links}
    href, current = by_label["Abgeschlossen"]
    assert not current
    assert set(href[1:].split("&")) == {
        "buero=nordstadt",
        "thema=kultur",
        "q=nord",
        "status=abgeschlossen",
    }
    assert by_label["Kultur"][1]  # the chosen theme is marked as current
    all_themes, _current = by_label["Alle Handlungsfelder"]
    assert "thema=" not in all_themes
    assert "buero=nordstadt" in all_themes
    followed = client.get(LIST_URL + by_label["ISEK-Maßnahme"][0])
    assert titles(followed) == []  # no measure in the north with culture and "nord"
