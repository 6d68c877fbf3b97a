import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from projects.models import GalleryImage, Project
from stadtteilbuero.money import format_euro as euro
from tests.conftest import make_staff
from tests.factories import (
    GalleryImageFactory,
    OfficeFactory,
    ProjectFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("is_published", "office_active", "visible"),
    [(True, True, True), (False, True, False), (True, False, False), (False, False, False)],
)
def test_published_matrix(is_published, office_active, visible):
    project = ProjectFactory(
        is_published=is_published, office=OfficeFactory(is_active=office_active)
    )
    assert (project in Project.objects.published()) is visible


@pytest.mark.parametrize(
    ("dates", "current"),
    [
        ({"start_date": datetime.date(2099, 1, 1)}, True),  # planned
        ({"start_date": datetime.date(2020, 1, 1)}, True),  # ongoing, open end
        ({"start_date": datetime.date(2020, 1, 1), "end_date": datetime.date(2021, 1, 1)}, False),
    ],
)
def test_current_excludes_completed(dates, current):
    project = ProjectFactory(**dates)
    assert (project in Project.objects.current()) is current


def test_featured_first_then_newest():
    old_featured = ProjectFactory(start_date=datetime.date(2015, 1, 1), is_featured=True)
    newer = ProjectFactory(start_date=datetime.date(2024, 1, 1))
    newest = ProjectFactory(start_date=datetime.date(2025, 1, 1))
    assert list(Project.objects.all()) == [newest, newer, old_featured]
    assert list(Project.objects.featured_first()) == [old_featured, newest, newer]


def test_visible_to_matrix(office, other_office, superuser):
    published = ProjectFactory(office=office)
    draft = ProjectFactory(office=office, is_published=False)
    foreign_draft = ProjectFactory(office=other_office, is_published=False)
    cases = {
        "anonymous": (AnonymousUser(), {published}),
        "staff without permission": (make_staff(office, "offices"), {published}),
        "staff of this office": (make_staff(office, "projects"), {published, draft}),
        "staff of another office": (
            make_staff(other_office, "projects"),
            {published, foreign_draft},
        ),
        "superuser": (superuser, {published, draft, foreign_draft}),
    }
    for label, (user, expected) in cases.items():
        assert set(Project.objects.visible_to(user)) == expected, label


def test_related_to_shares_a_theme():
    culture, youth = ThemeFactory(), ThemeFactory()
    project = ProjectFactory(themes=[culture])
    sibling = ProjectFactory(themes=[culture, youth])
    ProjectFactory(themes=[youth])
    ProjectFactory()
    assert list(Project.objects.related_to(project)) == [sibling]
    assert list(Project.objects.related_to(ProjectFactory())) == []


def test_measure_needs_number_costs_and_priority(office):
    project = Project(
        office=office,
        title="Stadtteilmanagement",
        slug="stadtteilmanagement",
        kind=Project.Kind.MEASURE,
        summary="Anlaufstelle vor Ort.",
        start_date=datetime.date(2023, 1, 1),
    )
    with pytest.raises(ValidationError) as caught:
        project.full_clean()
    assert set(caught.value.message_dict) == {"number", "costs", "priority"}
    project.number, project.costs, project.priority = "O/N 1", Decimal(960000), "high"
    project.full_clean()


def test_plain_project_must_not_carry_measure_facts(office):
    project = ProjectFactory.build(office=office, costs=Decimal(100), financing="Land")
    with pytest.raises(ValidationError) as caught:
        project.full_clean()
    assert set(caught.value.message_dict) == {"costs", "financing"}
    assert caught.value.error_dict["costs"][0].code == "measure_only"


def test_measure_number_unique_per_office(office, other_office):
    ProjectFactory(measure=True, office=office, number="O/N 1")
    duplicate = ProjectFactory.build(measure=True, office=office, number="O/N 1")
    with (
        translation.override("de"),
        pytest.raises(ValidationError, match="schon eine Maßnahme mit dieser Nummer"),
    ):
        duplicate.full_clean()
    ProjectFactory(measure=True, office=other_office, number="O/N 1")  # another office: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(measure=True, office=office, number="O/N 1")


def test_end_before_start_is_refused(office):
    project = ProjectFactory.build(
        office=office, start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 4, 30)
    )
    with pytest.raises(ValidationError) as caught:
        project.full_clean()
    assert "end_date" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": Project.Kind.MEASURE},  # a measure without its facts
        {"number": "O/N 9"},  # a plain project with a measure number
    ],
)
def test_database_keeps_measure_rules(changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(**changes)


def test_gallery_image_needs_alt_text():
    picture = GalleryImageFactory.build(project=ProjectFactory(), image_alt="  ")
    with pytest.raises(ValidationError) as caught:
        picture.full_clean()
    assert "image_alt" in caught.value.message_dict
    picture.image_alt = ""
    with pytest.raises(IntegrityError), transaction.atomic():
        picture.save()


def test_gallery_image_needs_an_image():
    picture = GalleryImage(project=ProjectFactory(), image_alt="Ein Bild")
    with pytest.raises(ValidationError) as caught:
        picture.full_clean()
    assert "image" in caught.value.message_dict


def test_measure_lists_skip_empty_lines():
    project = ProjectFactory.build(measure=True, goals="Erstens\n\n  Zweitens  \n")
    assert project.goals_list == ["Erstens", "Zweitens"]


@pytest.mark.parametrize(
    ("value", "german", "english"),
    [
        (Decimal("960000.00"), "960.000,00 €", "960,000.00 €"),
        (Decimal("1234.56"), "1.234,56 €", "1,234.56 €"),
        (Decimal("0"), "0,00 €", "0.00 €"),
        (None, "", ""),
    ],
)
def test_euro_format(value, german, english):
    with translation.override("de"):
        assert euro(value) == german
    with translation.override("en"):
        assert euro(value) == english
