"""Search as residents type: stems, compounds, umlauts, web-search syntax (both databases)."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from stadtteilbuero.models import SearchEntry
from stadtteilbuero.search import types
from tests.factories import (
    CancelledDateFactory,
    EventFactory,
    NoticeFactory,
    OfficeFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def titles(response, key):
    sections = {section.key: section for section in response.context["sections"]}
    return {hit.title for hit in sections[key].hits} if key in sections else set()


def search(client, query, **params):
    return client.get(reverse("search"), {"q": query, **params})


def test_a_weekly_event_is_listed_once_with_its_next_date_and_cancellation(client):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=1)
    event = EventFactory(
        title="Offene Sprechstunde",
        start=start,
        end=start + datetime.timedelta(hours=2),
        recurrence="weekly",
        recurrence_weekdays=str(timezone.localtime(start).weekday()),
        recurrence_until=timezone.localdate(start + datetime.timedelta(weeks=9)),
    )
    CancelledDateFactory(event=event, date=timezone.localtime(start).date())
    from events.services import event_sync_occurrences

    event_sync_occurrences(event=event)
    assert event.occurrences.count() == 10
    response = search(client, "Sprechstunde")
    content = response.content.decode()
    assert titles(response, "events") == {"Offene Sprechstunde"}
    assert content.count(">Offene Sprechstunde</a>") == 1
    results = content.split('id="results-events"')[1]
    assert "Cancelled" in results or "Fällt aus" in results or "Abgesagt" in results


def test_web_search_syntax_phrase_exclusion_and_or(client):
    NoticeFactory(title="Sommerfest im Hof", body="Mit Musik und Kuchen.")
    NoticeFactory(title="Sommerfest am Markt", body="Mit Musik.")
    NoticeFactory(title="Herbstmarkt", body="Kuchen und Kaffee.")
    assert titles(search(client, "sommerfest -kuchen"), "news") == {"Sommerfest am Markt"}
    assert titles(search(client, '"fest im hof"'), "news") == {"Sommerfest im Hof"}
    assert titles(search(client, "herbstmarkt OR hof"), "news") == {
        "Sommerfest im Hof",
        "Herbstmarkt",
    }


def test_hits_are_highlighted_and_escaped(client):
    NoticeFactory(title="Kinderfest", summary="Spiele & Spaß für alle Kinder im Park.")
    content = search(client, "Spiele").content.decode()
    assert "<mark>Spiele</mark> &amp; Spaß" in content


def test_types_are_grouped_counted_and_paginated(client):
    for number in range(25):
        NoticeFactory(title=f"Nachbarschaftshilfe {number}")
    ProjectFactory(title="Nachbarschaftsgarten")
    overview = search(client, "Nachbarschaft")
    counts = {section.key: section.count for section in overview.context["sections"]}
    assert counts == {"projects": 1, "news": 25}
    assert overview.context["hit_count"] == 26
    assert len(titles(overview, "news")) == 5
    second = search(client, "Nachbarschaft", typ="news", page=2)
    assert [s.key for s in second.context["sections"]] == ["news"]
    assert len(titles(second, "news")) == 5
    assert second.context["page_obj"].number == 2


@pytest.mark.parametrize("params", [{"typ": "nonsense"}, {"typ": "news", "page": "x"}])
def test_bad_type_or_page_is_ignored(client, params):
    NoticeFactory(title="Nachbarschaftshilfe")
    assert search(client, "Nachbarschaft", **params).status_code == 200


def test_inactive_office_and_unpublished_items_are_not_found(client):
    closed = OfficeFactory(name="Stadtteilbüro Altstadt", is_active=False)
    ProjectFactory(title="Altstadtgarten", office=closed)
    NoticeFactory(title="Altstadtfest", is_published=False)
    assert search(client, "Altstadt").context["hit_count"] == 0


def test_entries_follow_saves_and_deletes():
    notice = NoticeFactory(title="Laternenumzug")
    assert SearchEntry.objects.get(kind="news", object_id=notice.pk).title == "laternenumzug"
    notice.title = "Lichterfest"
    notice.save()
    assert SearchEntry.objects.get(kind="news", object_id=notice.pk).title == "lichterfest"
    notice.delete()
    assert not SearchEntry.objects.filter(kind="news").exists()


def test_rebuild_command_restores_the_entries():
    NoticeFactory(title="Flohmarkt")
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index")
    assert SearchEntry.objects.filter(kind="news", title="flohmarkt").exists()


def test_list_filters_use_the_same_search(client):
    ProjectFactory(title="Stadtteilfest Oststadt")
    response = client.get(reverse("projects:project-list"), {"q": "Feste"})
    assert "Stadtteilfest Oststadt" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram similarity: PostgreSQL")
def test_typos_find_the_word_on_postgresql(client):
    ProjectFactory(title="Gemeinschaftsgarten Mühlenberg")
    assert titles(search(client, "Muhlenbreg"), "projects") == {"Gemeinschaftsgarten Mühlenberg"}


@pytest.mark.parametrize("count", [1, 30])
def test_search_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    for number in range(count):
        NoticeFactory(title=f"Stadtteilzeitung {number}")
        ProjectFactory(title=f"Stadtteilzeitung Projekt {number}")
        EventFactory(title=f"Stadtteilzeitung Redaktion {number}")
        OfficeFactory(name=f"Stadtteilzeitung Büro {number}")
    # the hits of every type (one statement), then the objects of each type shown
    with django_assert_max_num_queries(1 + len(types())):
        assert search(client, "Stadtteilzeitung").status_code == 200
    with django_assert_max_num_queries(2):
        assert search(client, "Stadtteilzeitung", typ="events", page=2).status_code == 200


def test_rooms_are_found_and_inactive_rooms_are_not(client):
    from tests.factories import RoomFactory

    RoomFactory(name="Gemeinschaftsraum Kinderküche", summary="Mit großer Küche.")
    RoomFactory(name="Alte Küche", is_active=False)
    [room] = titles(search(client, "Kuechen"), "rooms")
    assert "Kinderküche" in room
