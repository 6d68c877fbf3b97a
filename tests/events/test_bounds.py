"""Date queries read the start index from a lower bound; a date lasts at most three months."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.models import MAX_DATE_SPAN, Occurrence
from events.views import EventListView
from stadtteilbuero import pagination
from tests.factories import EventFactory

from .helpers import berlin

pytestmark = pytest.mark.django_db

NOW = berlin(2026, 3, 1, 12)


def test_upcoming_keeps_a_date_that_started_weeks_ago_and_still_runs():
    running = EventFactory(title="Ausstellung", start=NOW - datetime.timedelta(days=60))
    running.end = NOW + datetime.timedelta(days=20)
    running.full_clean()
    running.save()
    Occurrence.objects.filter(event=running).update(end=running.end)
    EventFactory(title="Vorbei", start=NOW - datetime.timedelta(days=2))
    EventFactory(title="Bald", start=NOW + datetime.timedelta(days=2))
    titles = [o.event.title for o in Occurrence.objects.upcoming(NOW).with_event()]
    assert titles == ["Ausstellung", "Bald"]
    assert [o.event.title for o in Occurrence.objects.past(NOW).with_event()] == ["Vorbei"]
    window = Occurrence.objects.between(NOW, NOW + datetime.timedelta(days=1))
    assert [o.event.title for o in window.with_event()] == ["Ausstellung"]


def test_a_date_longer_than_three_months_is_refused_with_a_message():
    event = EventFactory.build(start=NOW, end=NOW + MAX_DATE_SPAN + datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "höchstens drei Monate" in str(error.value.message_dict["end"])


def test_long_event_list_counts_only_up_to_the_limit(client, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 3)
    monkeypatch.setattr(EventListView, "paginate_by", 2)
    for day in range(1, 6):
        EventFactory(start=berlin(2030, 1, day, 10))
    content = client.get(reverse("events:event-list")).content.decode()
    assert "Mehr als 3 Termine gefunden" in content
    assert "Seite 1<" in content and "Seite 1 von" not in content
