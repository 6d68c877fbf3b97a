import datetime
import time

import pytest
from django.core.cache import cache
from django.utils import translation

from stadtteilbuero.antispam import form_stamp
from tests.conftest import make_staff
from tests.factories import RoomFactory, _next_weekday


@pytest.fixture(autouse=True)
def empty_cache():
    """The rate limit counts in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def german():
    """Messages are asserted in German, whatever an English page activated before."""
    with translation.override("de"):
        yield


@pytest.fixture
def room(office):
    return RoomFactory(office=office, name="Besprechungsraum", slug="besprechungsraum")


@pytest.fixture
def rooms_staff(office):
    return make_staff(office, "rooms")


@pytest.fixture
def other_rooms_staff(other_office):
    return make_staff(other_office, "rooms")


def next_tuesday(weeks_ahead=1) -> datetime.date:
    return _next_weekday(1, weeks_ahead)


def form_data(**overrides):
    """A complete, valid request as the browser posts it: next Tuesday 18–20 for 12."""
    data = {
        "form_started": form_stamp(time.time() - 120),
        "homepage": "",
        "date": next_tuesday().isoformat(),
        "time_from": "18:00",
        "time_to": "20:00",
        "purpose": "Treffen der Nachbarschaftsinitiative",
        "people": "12",
        "name": "Erika Muster",
        "organisation": "Initiative Hochkamp",
        "email": "erika@example.org",
        "phone": "05121 123456",
        "accept_rules": "on",
        "accept_privacy": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
