"""Public holidays close an office ("open now", the week, JSON-LD) unless staff entered
hours for the day; the office page gathers the other apps' sections without offices
importing them; "find your office" by postcode or district."""

import ast
import datetime
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from offices import hours
from offices.models import HoursException, OfficeHours
from tests.factories import (
    EventFactory,
    FundFactory,
    HoursExceptionFactory,
    OfficeFactory,
    OfficeHoursFactory,
    ProjectFactory,
    RoomFactory,
)

BERLIN = ZoneInfo("Europe/Berlin")
# Whit Monday 2026 (Pfingstmontag): a public holiday in every German state.
WHIT_MONDAY = datetime.date(2026, 5, 25)
MONDAY_HOURS = [OfficeHours(weekday=0, opens=datetime.time(9), closes=datetime.time(12))]
HOLIDAYS = {WHIT_MONDAY: "Pfingstmontag"}


def at(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour), BERLIN)


def test_a_public_holiday_closes_the_office():
    status = hours.current_status(MONDAY_HOURS, [], at(WHIT_MONDAY, 10), HOLIDAYS)
    assert status.code == "closed_today"
    assert "Pfingstmontag" in status.text
    week = hours.week_schedule(MONDAY_HOURS, [], WHIT_MONDAY, HOLIDAYS)
    assert week[0].is_closed and week[0].closed_reason == "Pfingstmontag"
    assert not week[0].slots


def test_hours_staff_entered_for_a_holiday_apply_instead():
    changed = HoursException(
        start_date=WHIT_MONDAY,
        end_date=WHIT_MONDAY,
        kind=HoursException.Kind.CHANGED,
        opens=datetime.time(10),
        closes=datetime.time(11),
        note="Pfingstcafé",
    )
    day = hours.day_schedule(MONDAY_HOURS, [changed], WHIT_MONDAY, holidays=HOLIDAYS)
    assert not day.is_closed
    assert [(s.opens, s.closes) for s in day.slots] == [(datetime.time(10), datetime.time(11))]
    status = hours.current_status(MONDAY_HOURS, [changed], at(WHIT_MONDAY, 10), HOLIDAYS)
    assert status.code == "open"


def test_the_day_after_is_an_ordinary_day():
    tuesday_hours = [OfficeHours(weekday=1, opens=datetime.time(9), closes=datetime.time(12))]
    tuesday = WHIT_MONDAY + datetime.timedelta(days=1)
    status = hours.current_status(tuesday_hours, [], at(tuesday, 10), HOLIDAYS)
    assert status.code == "open"


@pytest.mark.django_db
def test_office_page_says_closed_on_a_holiday_of_its_state(client):
    # Corpus Christi (Fronleichnam) 2026-06-04 is a holiday in NRW, not in Lower Saxony.
    thursday = datetime.date(2026, 6, 4)
    nrw = OfficeFactory(federal_state="NW")
    lower_saxony = OfficeFactory(federal_state="NI")
    for office in (nrw, lower_saxony):
        OfficeHoursFactory(
            office=office, weekday=3, opens=datetime.time(9), closes=datetime.time(12)
        )
    with time_machine.travel(at(thursday, 10), tick=False):
        nrw_page = client.get(nrw.get_absolute_url()).content.decode()
        ni_page = client.get(lower_saxony.get_absolute_url()).content.decode()
    first_screen = nrw_page[nrw_page.index('class="office-hero"') :][:1500]
    assert "Heute geschlossen (Fronleichnam)" in first_screen
    assert "Jetzt geöffnet" in ni_page
    jsonld = json.loads(re.search(r'ld\+json">(.*?)</script>', nrw_page, re.S).group(1))
    assert {"validFrom": "2026-06-04", "name": "Fronleichnam"}.items() <= {
        key: value
        for spec in jsonld["specialOpeningHoursSpecification"]
        if spec["validFrom"] == "2026-06-04"
        for key, value in spec.items()
    }.items()


@pytest.mark.django_db
def test_office_page_shows_hours_today_address_and_phone_before_the_rest(client):
    office = OfficeFactory(phone="05121 / 281 63 11")
    OfficeHoursFactory(office=office, weekday=2, opens=datetime.time(9), closes=datetime.time(12))
    HoursExceptionFactory(office=office)
    wednesday = datetime.date(2026, 11, 25)
    with time_machine.travel(at(wednesday, 10), tick=False):
        content = client.get(office.get_absolute_url()).content.decode()
    hero = content[content.index('class="office-hero"') : content.index('id="hours"')]
    assert "Jetzt geöffnet, bis 12:00" in hero
    assert "09:00–12:00" in hero
    assert "Hochkamp 25" in hero
    assert 'href="tel:' in hero and f'href="mailto:{office.email}"' in hero


def imported_modules(package):
    names = set()
    for path in Path(package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def test_offices_imports_none_of_the_apps_built_on_it():
    root = Path(__file__).resolve().parents[2]
    assert not imported_modules(root / "offices") & {"projects", "events", "fonds", "rooms"}


@pytest.mark.django_db
def test_office_page_gathers_the_sections_of_the_other_apps_in_order(client):
    office = OfficeFactory()
    ProjectFactory(office=office, title="Nachbarschaftsgarten")
    EventFactory(office=office, title="Stadtteilfest")
    FundFactory(office=office)
    RoomFactory(office=office, name="Gemeinschaftsraum")
    content = client.get(office.get_absolute_url()).content.decode()
    order = [
        content.index('id="office-events"'),
        content.index('id="office-projects"'),
        content.index('id="office-fund"'),
        content.index('id="office-rooms"'),
        content.index('id="office-news"'),
    ]
    assert order == sorted(order)
    for text in ("Nachbarschaftsgarten", "Stadtteilfest", "Gemeinschaftsraum"):
        assert text in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "place, found",
    [
        ("31137", True),
        ("31139", True),  # no office of its own: the offices of its postal region
        ("Testviertel", True),
        ("hildesheim", True),
        ("80331", False),
    ],
)
def test_find_your_office_by_postcode_or_district(client, place, found):
    office = OfficeFactory(postal_code="31137", district="Testviertel Nord")
    content = client.get(reverse("offices:office-list"), {"ort": place}).content.decode()
    assert (office.name in content) is found
    assert f'value="{place}"' in content  # the field comes back filled in


@pytest.mark.django_db
def test_home_page_finds_offices_without_javascript(client):
    content = client.get("/").content.decode()
    form = content[content.index('class="find-office"') :][:1200]
    assert f'action="{reverse("offices:office-list")}"' in form
    assert 'method="get"' in form and 'name="ort"' in form


@pytest.mark.django_db
def test_office_list_says_which_offices_are_open_now(client):
    office = OfficeFactory()
    OfficeHoursFactory(office=office, weekday=2, opens=datetime.time(9), closes=datetime.time(12))
    with time_machine.travel(at(datetime.date(2026, 11, 25), 10), tick=False):
        rows = client.get(reverse("offices:office-list")).content.decode()
        home = client.get("/").content.decode()
    assert "Jetzt geöffnet, bis 12:00" in rows
    assert "Jetzt geöffnet, bis 12:00" in home
