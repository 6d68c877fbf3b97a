"""The demo data (`manage.py load_demo`) of every app, loaded once for this module
(the demo_data fixture): what the seeds promise, that a second run changes nothing,
that its pages render and search finds its items, and the scale data on top of it."""

import datetime
import io
import re
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db.models import Count, Sum
from django.urls import reverse
from imagekit.specs import ImageSpec

from events.models import Event, Occurrence
from fonds.models import Application, ApplicationEvent, Fund, Payout, Proof
from offices.models import HoursException, Notice, Office, OfficeHours, TeamMember, WorkArea
from projects.models import GalleryImage, Partner, Project, ProjectPartner, Theme
from rooms.models import Room
from stadtteilbuero.illustrations import ALT_TEXTS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]

DEMO_MODELS = [
    Office,
    OfficeHours,
    HoursException,
    WorkArea,
    TeamMember,
    Notice,
    Project,
    Theme,
    Partner,
    ProjectPartner,
    GalleryImage,
]


def counts():
    return {model.__name__: model.objects.count() for model in DEMO_MODELS}


def test_demo_loads_twice_with_the_same_rows():
    first = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == first


def test_demo_has_the_seed_offices():
    assert Office.objects.count() == 9
    westhagen = Office.objects.get(slug="wolfsburg-westhagen")
    assert westhagen.street == "Hallesche Straße 30"
    assert westhagen.email == "info@westhagen.net"
    nordstadt = Office.objects.get(slug="hildesheim-nordstadt")
    assert nordstadt.carrier == "Lebenshilfe Hildesheim"
    assert nordstadt.phone == "05121 / 281 63 11"
    assert Notice.objects.pinned().filter(office=westhagen).exists()
    # No photos of the invented team: the office page shows the neutral figure.
    assert not TeamMember.objects.exclude(image="").exists()


def test_demo_has_the_seed_projects():
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


def test_demo_pages_render(client, monkeypatch):
    # The pages name their renditions without making the files (4 s of WebP encoding for
    # the demo pictures); tests/stadtteilbuero/test_images.py proves the files are made.
    monkeypatch.setattr(
        ImageSpec, "cachefile_strategy", "imagekit.cachefiles.strategies.Optimistic"
    )
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


def test_demo_measure_runs_since_2023(client):
    measure = Project.objects.get(number="O/N 1")
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), tick=False):
        assert measure.status == Project.Status.ONGOING
        content = client.get(measure.get_absolute_url()).content.decode()
    # The first badge is the measure's own (the related projects' cards follow).
    badge = re.search(r'<span class="badge project-status [^"]+">([^<]+)</span>', content)
    assert badge.group(1) == "Laufend"


def titles(response, key):
    sections = {section.key: section for section in response.context["sections"]}
    return {hit.title for hit in sections[key].hits} if key in sections else set()


def search(client, query):
    return client.get(reverse("search"), {"q": query})


def test_the_search_queries_of_the_issue_find_the_demo_items(client):
    feste = search(client, "Feste")
    assert "Nordstadtstrand" in titles(feste, "events")
    assert "Stadtteilfest Westhagen" in titles(feste, "projects")
    assert "Sozialberatung im Stadtteil- und Familienzentrum" in titles(
        search(client, "Familien"), "projects"
    )
    for query in ["MÜHLENBERG", "muehlenberg", "Mühlenberg"]:
        response = search(client, query)
        assert "Gemeinschaftsgarten Mühlenberg" in titles(response, "projects"), query
        assert any("Mühlenberg" in title for title in titles(response, "offices")), query
    assert "Nordstadtliga" in titles(search(client, "Fussball"), "projects")


SCALE_COUNTS = {"offices": 2, "projects": 10, "events": 60, "applications": 120}


def test_scale_data_adds_the_counts_on_top_of_the_demo_data_following_the_fund_rules():
    mail.outbox.clear()
    options = [f"--{name}={count}" for name, count in SCALE_COUNTS.items()]
    call_command("generate_scale_data", *options, stdout=io.StringIO())
    assert Office.objects.exclude(slug__startswith="skala-").exists()  # the demo offices
    assert Office.objects.filter(slug__startswith="skala-").count() == 2
    assert Project.objects.filter(office__slug__startswith="skala-").count() == 10
    assert Event.objects.filter(office__slug__startswith="skala-").count() == 60
    assert Occurrence.objects.filter(event__office__slug__startswith="skala-").count() >= 60
    scale = Application.objects.filter(fund__office__slug__startswith="skala-")
    assert scale.count() == 120
    # Three years of funds per office, each with jury meetings.
    assert Fund.objects.filter(office__slug__startswith="skala-").count() == 6
    assert not Fund.objects.filter(office__slug__startswith="skala-", jury_meetings=None).exists()
    assert {"submitted", "in_review", "approved", "rejected", "completed"} <= set(
        scale.values_list("status", flat=True)
    )
    assert len(mail.outbox) == 0
    for application in scale.filter(status=Application.Status.COMPLETED):
        # As proof_accept: the spent money of the accepted proof, at most the granted amount.
        proof = application.proofs.get(status=Proof.Status.ACCEPTED)
        spent = proof.payments.aggregate(total=Sum("amount"))["total"]
        assert application.spent_amount == min(spent, application.granted_amount)
        assert application.paid_amount <= application.granted_amount
    # Every application has its audit trail, starting with the submission.
    first_events = ApplicationEvent.objects.filter(application__in=scale).order_by(
        "application", "created_at", "pk"
    )
    assert set(first_events.values_list("application", flat=True)) == set(
        scale.values_list("pk", flat=True)
    )
    assert not Payout.objects.filter(application__status__in=Application.Status.open()).exists()
    for fund in Fund.objects.filter(office__slug__startswith="skala-"):
        assert fund.figures.committed <= fund.budget
        assert fund.last_sequence == fund.applications.count()


def test_every_demo_fund_takes_applications_whenever_the_demo_is_loaded():
    """The demo's deadlines are fixed days of the year; after the last one a fund gets a
    meeting two weeks ahead, so the application form is open even late in December."""
    funds = Fund.objects.current()
    assert funds.exists()
    assert all(fund.accepts_applications() for fund in funds)
