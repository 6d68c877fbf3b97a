"""A project of one office that also concerns other offices' districts (the ISEK measure
O/N 1 of the Oberilp concerns the Nonnenbruch too): shown on every concerned office's
page and under its filter, labelled with its own office; edited only by its own office."""

import json
import re

import pytest
from django.urls import reverse

from projects.models import Project
from tests.conftest import make_staff
from tests.factories import OfficeFactory, ProjectFactory

from .test_admin import admin_url, project_form

pytestmark = pytest.mark.django_db

LIST_URL = reverse("projects:project-list")


@pytest.fixture
def oberilp():
    return OfficeFactory(name="Stadtteilbüro Oberilp", slug="oberilp", district="Oberilp")


@pytest.fixture
def nonnenbruch():
    return OfficeFactory(
        name="Stadtteilbüro Nonnenbruch", slug="nonnenbruch", district="Nonnenbruch"
    )


@pytest.fixture
def measure(oberilp, nonnenbruch):
    return ProjectFactory(
        title="Stadtteilmanagement",
        office=oberilp,
        measure=True,
        number="O/N 1",
        also_concerns=[nonnenbruch],
    )


def test_concerning_finds_own_and_concerned_projects_once(oberilp, nonnenbruch, measure):
    third = OfficeFactory()
    measure.also_concerns.add(third)  # two rows in the through table: still one hit
    own = ProjectFactory(office=nonnenbruch)
    ProjectFactory(office=third)
    assert set(Project.objects.concerning(nonnenbruch)) == {own, measure}
    assert Project.objects.concerning(nonnenbruch).count() == 2
    assert list(Project.objects.concerning(oberilp)) == [measure]
    assert list(Project.objects.for_office(nonnenbruch)) == [own]  # ownership unchanged


def test_office_page_shows_the_concerning_project_with_its_office(
    client, oberilp, nonnenbruch, measure
):
    own = ProjectFactory(office=nonnenbruch, title="Hof- und Fassadenprogramm")
    content = client.get(nonnenbruch.get_absolute_url()).content.decode()
    section = content[content.index('id="office-projects"') :]
    cards = re.findall(r'<article class="card h-100 project-card">.*?</article>', section, re.S)
    titles = [measure.title, own.title]
    by_title = {title: card for card in cards for title in titles if title in card}
    assert set(by_title) == {measure.title, own.title}
    assert "Stadtteilbüro Oberilp ·" in by_title[measure.title]  # labelled with its office
    assert "Stadtteilbüro Nonnenbruch ·" not in by_title[own.title]
    owner_page = client.get(oberilp.get_absolute_url()).content.decode()
    assert measure.title in owner_page
    assert "Stadtteilbüro Oberilp ·" not in owner_page  # its own project: no label


def test_office_filter_of_the_list_includes_concerning_projects(
    client, oberilp, nonnenbruch, measure
):
    ProjectFactory(office=nonnenbruch, title="Hof- und Fassadenprogramm")
    response = client.get(f"{LIST_URL}?buero=nonnenbruch")
    assert {p.title for p in response.context["projects"]} == {
        "Stadtteilmanagement",
        "Hof- und Fassadenprogramm",
    }
    assert response.context["paginator"].count == 2
    assert "Stadtteilbüro Oberilp ·" in response.content.decode()
    response = client.get(f"{LIST_URL}?buero=oberilp&art=massnahme")
    assert [p.title for p in response.context["projects"]] == ["Stadtteilmanagement"]


def test_detail_page_and_jsonld_name_both_districts(client, oberilp, nonnenbruch, measure):
    gone = OfficeFactory(name="Geschlossenes Büro", is_active=False)
    measure.also_concerns.add(gone)
    content = client.get(measure.get_absolute_url()).content.decode()
    assert "<dt>Betrifft auch</dt>" in content
    assert f'<a href="{nonnenbruch.get_absolute_url()}">Stadtteilbüro Nonnenbruch</a>' in content
    assert "Geschlossenes Büro" not in content  # an inactive office is not linked
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    data = json.loads(block.group(1))
    places = data["areaServed"]
    assert [place["name"] for place in places] == [
        f"Oberilp, {oberilp.city}",
        f"Nonnenbruch, {nonnenbruch.city}",
    ]
    assert data["parentOrganization"]["name"] == "Stadtteilbüro Oberilp"


@pytest.mark.parametrize("count", [2, 40])
def test_query_counts_stay_fixed_with_concerning_projects(
    client, django_assert_max_num_queries, nonnenbruch, count
):
    for _index in range(count):
        ProjectFactory(office=OfficeFactory(), also_concerns=[nonnenbruch, OfficeFactory()])
    ProjectFactory(office=nonnenbruch)
    pages = {
        nonnenbruch.get_absolute_url(): 13,  # as without concerning projects
        f"{LIST_URL}?buero=nonnenbruch": 7,
        Project.objects.first().get_absolute_url(): 8,
    }
    for url, limit in pages.items():
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200, url


# --- the admin: the owning office edits, the concerned office does not ---------------


def test_owner_staff_may_mark_any_other_office(client, oberilp, nonnenbruch):
    staff = make_staff(oberilp, "projects")
    client.force_login(staff)
    form = client.get(admin_url("project", "add")).context["adminform"].form
    assert set(form.fields["also_concerns"].queryset) >= {oberilp, nonnenbruch}
    assert list(form.fields["office"].queryset) == [oberilp]  # ownership stays scoped
    response = client.post(
        admin_url("project", "add"), project_form(oberilp, also_concerns=[nonnenbruch.pk])
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    project = Project.objects.get()
    assert project.office == oberilp
    assert list(project.also_concerns.all()) == [nonnenbruch]


def test_own_office_as_concerned_office_is_refused_next_to_the_field(client, oberilp):
    client.force_login(make_staff(oberilp, "projects"))
    response = client.post(
        admin_url("project", "add"), project_form(oberilp, also_concerns=[oberilp.pk])
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["also_concerns"] == [
        "Stadtteilbüro Oberilp ist das eigene Büro des Projekts; wählen Sie nur andere Büros."
    ]
    assert not Project.objects.exists()


@pytest.mark.parametrize("action", ["change", "delete", "history"])
def test_concerned_office_staff_gain_no_rights(client, nonnenbruch, measure, action):
    client.force_login(make_staff(nonnenbruch, "projects"))
    assert client.get(admin_url("project", action, measure.pk)).status_code == 404
    changelist = client.get(admin_url("project", "changelist")).context["cl"].result_list
    assert measure not in list(changelist)


def test_concerned_office_staff_cannot_change_by_post(client, oberilp, nonnenbruch, measure):
    client.force_login(make_staff(nonnenbruch, "projects"))
    data = project_form(
        nonnenbruch,
        title_de="Übernommen",
        slug=measure.slug,
        also_concerns=[oberilp.pk],
    )
    assert client.post(admin_url("project", "change", measure.pk), data).status_code == 404
    measure.refresh_from_db()
    assert (measure.office, measure.title) == (oberilp, "Stadtteilmanagement")
    assert list(measure.also_concerns.all()) == [nonnenbruch]
