import datetime
import io
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count

from events.models import Event
from offices.models import Notice, Office
from projects.models import GalleryImage, Partner, Project, ProjectPartner, Theme
from rooms.models import Room
from stadtteilbuero.illustrations import ALT_TEXTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def test_demo_loads_twice_with_the_seed_projects(demo):
    counts = [
        model.objects.count() for model in (Project, Theme, Partner, ProjectPartner, GalleryImage)
    ]
    call_command("load_demo", stdout=io.StringIO())
    assert counts == [
        model.objects.count() for model in (Project, Theme, Partner, ProjectPartner, GalleryImage)
    ]
    check_every_office_has_at_least_two_projects()
    check_projects_named_in_the_seeds()
    check_heiligenhaus_measure_has_all_facts()
    check_demo_images_have_alt_text()


def check_every_office_has_at_least_two_projects():
    counts = Office.objects.annotate(count=Count("projects")).values_list("count", flat=True)
    assert min(counts) >= 2


def check_projects_named_in_the_seeds():
    expected = {
        "hildesheim-nordstadt": {"Nord.Pol", "Ins Licht gerückt", "Nordstadtstrand"},
        "hannover-sahlkamp-mitte": {"Sahlkamp blüht"},
        "dortmund-nordstadt": {"Nordstadtliga", "Street-Art-Aktionen", "Schreibwerkstätten"},
    }
    for slug, titles in expected.items():
        assert titles <= set(
            Project.objects.filter(office__slug=slug).values_list("title", flat=True)
        )
    nord_pol = Project.objects.get(slug="nord-pol")
    assert "Kulturfabrik Löseke" in [partner.name for partner in nord_pol.partners.all()]


def check_heiligenhaus_measure_has_all_facts():
    measure = Project.objects.get(office__slug="heiligenhaus-oberilp", number="O/N 1")
    assert measure.kind == Project.Kind.MEASURE
    assert measure.title == "Stadtteilmanagement"
    assert measure.actors == "Stadt Heiligenhaus, externes Beratungsbüro, lokale Akteure"
    assert len(measure.goals_list) == 3
    assert measure.first_steps_list[0] == "Ausschreibung und Vergabe des Stadtteilmanagements"
    assert len(measure.first_steps_list) == 2
    assert measure.costs == Decimal("960000")
    assert measure.financing == "Städtebauförderung"
    assert measure.priority == Project.Priority.HIGH
    assert (measure.start_year, measure.duration_years) == (2023, 8)
    assert measure.development_goals_list == ["alle Entwicklungsziele"]
    assert measure.synergies_list == ["alle Handlungsfelder"]
    # It concerns the Nonnenbruch too (seed: "In den Stadtteilen Oberilp und Nonnenbruch").
    assert [office.slug for office in measure.also_concerns.all()] == ["heiligenhaus-nonnenbruch"]
    assert measure.status_override == ""  # the status follows the period 2023–2030


def check_demo_images_have_alt_text():
    """Every project and office shows a drawn picture; every demo picture (events,
    notices and rooms too) has its alt text, credit and stored size."""
    for obj in [*Project.objects.all(), *GalleryImage.objects.all(), *Office.objects.all()]:
        assert obj.image, obj
    with_image = [
        obj
        for model in (Project, GalleryImage, Office, Notice, Event, Room)
        for obj in model.objects.exclude(image="")
    ]
    assert GalleryImage.objects.exists()
    assert Event.objects.exclude(image="").count() >= Event.objects.count() - 2
    for obj in with_image:
        assert obj.image_alt == ALT_TEXTS[obj.image.name.split("/")[-1].rsplit("-", 1)[0]]
        assert obj.image_credit == "Illustration: Stadtteilportal"
        assert (obj.image_width, obj.image_height) == (1200, 800)
    # The objects share the files: one per drawing.
    assert len({obj.image.name for obj in with_image}) <= len(ALT_TEXTS)


def test_demo_pages_render(client, demo):
    for project in Project.objects.all():
        response = client.get(project.get_absolute_url())
        assert response.status_code == 200
        images = re.findall(r"<img [^>]*>", response.content.decode())
        assert len(images) > 2  # the logo, the project's picture and those of related projects
        for image in images:
            assert re.search(r' alt="[^"]*" ', image), image
            assert re.search(r' width="\d+" height="\d+"', image), image
    measure = Project.objects.get(number="O/N 1")
    content = client.get(measure.get_absolute_url()).content.decode()
    assert "960.000,00 €" in content
    assert "ab 2023" in content
    assert "8 Jahre" in content
    assert "Betrifft auch" in content
    nonnenbruch = Office.objects.get(slug="heiligenhaus-nonnenbruch")
    office_page = client.get(nonnenbruch.get_absolute_url()).content.decode()
    assert measure.get_absolute_url() in office_page
    assert f"{measure.office.name} ·" in office_page


def test_demo_measure_runs_since_2023(client, demo):
    measure = Project.objects.get(number="O/N 1")
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), tick=False):
        assert measure.status == Project.Status.ONGOING
        content = client.get(measure.get_absolute_url()).content.decode()
    # The first badge is the measure's own (the related projects' cards follow).
    badge = re.search(r'<span class="badge project-status [^"]+">([^<]+)</span>', content)
    assert badge.group(1) == "Laufend"
