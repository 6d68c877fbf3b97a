"""Search stays bounded with a city's data: title hits first and then the newest, counts
that stop at a limit ("more than"), and a type's pages without a total."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from events.services import event_sync_occurrences
from stadtteilbuero import pagination
from stadtteilbuero.models import SearchEntry
from stadtteilbuero.search import query, rebuild
from stadtteilbuero.search import text as search_text
from stadtteilbuero.views import SearchView
from tests.factories import EventFactory, FundFactory, NoticeFactory, ProjectFactory, RoomFactory

pytestmark = pytest.mark.django_db


def search(client, text, **params):
    return client.get(reverse("search"), {"q": text, **params})


def news_titles(response):
    [news] = [s for s in response.context["sections"] if s.key == "news"]
    return [hit.title for hit in news.hits]


def test_title_hits_come_first_then_the_newest(client):
    NoticeFactory(title="Laternenfest im Park")
    NoticeFactory(title="Herbst im Viertel", body="Danach gibt es ein Laternenfest.")
    NoticeFactory(title="Laternenfest am Markt")
    NoticeFactory(title="Laternenfest, Entwurf", is_published=False)
    assert news_titles(search(client, "Laternenfest")) == [
        "Laternenfest am Markt",
        "Laternenfest im Park",
        "Herbst im Viertel",
    ]


def test_title_hits_need_every_word_in_the_title(client):
    NoticeFactory(title="Flohmarkt im Hof")
    NoticeFactory(title="Hofflohmarkt")
    NoticeFactory(title="Flohmarkt", body="Im Hof der Kita.")
    NoticeFactory(title="Flohmarkt", body="Im Hof der Schule.")
    assert news_titles(search(client, "flohmarkt hof -schule")) == [
        "Hofflohmarkt",
        "Flohmarkt im Hof",
        "Flohmarkt",
    ]


def test_counts_stop_at_the_limit_and_say_more_than(client, monkeypatch):
    monkeypatch.setattr(query, "COUNT_LIMIT", 6)
    for number in range(8):
        NoticeFactory(title=f"Stadtteilzeitung {number}")
    NoticeFactory(title="Stadtteilzeitung, Entwurf", is_published=False)
    ProjectFactory(title="Stadtteilzeitung")
    response = search(client, "Stadtteilzeitung")
    counts = {s.key: (s.count, s.more) for s in response.context["sections"]}
    assert counts == {"projects": (1, False), "news": (6, True)}
    content = response.content.decode()
    assert "Mehr als 6 Ergebnisse<" in content  # 7 rounded down to what was counted
    assert "Aktuelles (mehr als 6)" in content
    assert "Mehr als 6 Ergebnisse in Aktuelles" in content
    assert "Projekte (1)" in content


def test_a_type_pages_on_without_counting_every_hit(client, monkeypatch):
    monkeypatch.setattr(query, "COUNT_LIMIT", 3)
    monkeypatch.setattr(SearchView, "paginate_by", 2)
    for number in range(7):
        NoticeFactory(title=f"Nachbarschaftshilfe {number}")
    first = search(client, "Nachbarschaft", typ="news")
    assert news_titles(first) == ["Nachbarschaftshilfe 6", "Nachbarschaftshilfe 5"]
    content = first.content.decode()
    assert "Seite 1<" in content and "Seite 1 von" not in content
    assert 'rel="next"' in content
    third = search(client, "Nachbarschaft", typ="news", page=3)
    assert news_titles(third) == ["Nachbarschaftshilfe 2", "Nachbarschaftshilfe 1"]
    assert 'rel="next"' in third.content.decode()
    last = search(client, "Nachbarschaft", typ="news", page=4)
    assert news_titles(last) == ["Nachbarschaftshilfe 0"]
    assert 'rel="next"' not in last.content.decode()


def test_a_type_stops_paging_where_every_list_does(client, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 4)
    monkeypatch.setattr(SearchView, "paginate_by", 2)
    for number in range(7):
        NoticeFactory(title=f"Nachbarschaftshilfe {number}")
    response = search(client, "Nachbarschaft", typ="news", page=9)
    assert response.context["page_obj"].number == 2
    assert news_titles(response) == ["Nachbarschaftshilfe 4", "Nachbarschaftshilfe 3"]
    assert 'rel="next"' not in response.content.decode()


@pytest.mark.parametrize("page", ["0", "-1", "x", "99999999999999999999"])
def test_odd_page_numbers_show_a_page(client, page):
    NoticeFactory(title="Nachbarschaftshilfe")
    response = search(client, "Nachbarschaft", typ="news", page=page)
    assert response.status_code == 200
    assert news_titles(response) == ["Nachbarschaftshilfe"]


def event_titles(response):
    sections = [s for s in response.context["sections"] if s.key == "events"]
    return [hit.title for section in sections for hit in section.hits]


def test_an_events_entry_keeps_when_its_last_date_ends_as_its_dates_change():
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    event = EventFactory(title="Hofflohmarkt", start=tomorrow)
    entry = SearchEntry.objects.get(kind="events", object_id=event.pk)
    assert entry.visible_until == event.occurrences.get().end
    # The admin's path: the event saved (indexed), then its dates rewritten.
    event.start = tomorrow + datetime.timedelta(days=7)
    event.end = event.start + datetime.timedelta(hours=3)
    event.save()
    event_sync_occurrences(event=event)
    entry.refresh_from_db()
    assert entry.visible_until == event.start + datetime.timedelta(hours=3)
    SearchEntry.objects.all().delete()
    rebuild()
    assert (
        SearchEntry.objects.get(kind="events", object_id=event.pk).visible_until
        == entry.visible_until
    )


def test_entries_past_their_end_are_skipped_before_the_objects_are_asked(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the entry is changed behind the content's back
    event = EventFactory(title="Hofflohmarkt", start=timezone.now() + datetime.timedelta(days=1))
    assert event_titles(search(client, "Hofflohmarkt")) == ["Hofflohmarkt"]
    # An entry that says its object ended is not read, whatever the object says.
    SearchEntry.objects.filter(kind="events", object_id=event.pk).update(
        visible_until=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert event_titles(search(client, "Hofflohmarkt")) == []
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        event_sync_occurrences(event=event)  # its dates are over: the entry says so
        assert (
            SearchEntry.objects.get(kind="events", object_id=event.pk).visible_until
            < timezone.now()
        )


def test_rebuilding_the_index_reads_no_row_per_object():
    def rebuild_queries():
        with CaptureQueriesContext(connection) as queries:
            rebuild()
        return len(queries)

    for _ in range(2):
        EventFactory(), FundFactory(), RoomFactory()
    few = rebuild_queries()
    for _ in range(3):
        EventFactory(), FundFactory(), RoomFactory()
    assert rebuild_queries() == few
    event = Event.objects.latest("pk")
    entry = SearchEntry.objects.get(kind="events", object_id=event.pk)
    assert entry.visible_until == event.occurrences.get().end


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_the_text_index_leaves_out_past_entries_itself():
    """The end is asked in the form the index keeps (migration 0005): the index scan, not
    a re-check of every row that has the word, drops the past events."""
    ProjectFactory(title="Quartiersgarten")  # no end: kept as 'infinity'
    EventFactory(
        title="Quartiersgarten: Pflanztag", start=timezone.now() - datetime.timedelta(days=9)
    )
    clauses = search_text.parse("Quartiersgarten")
    # As the search's statement reads them: the words as written, in no order.
    assert query.matching_entries(clauses, fuzzy=False).count() == 2
    matches = query.matching_entries(clauses, fuzzy=False).filter(query.still_visible())
    matches = matches.order_by()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few rows: force the index
        plan = matches.explain()
    index_condition = next(line for line in plan.splitlines() if "Index Cond" in line)
    assert "searchentry_document_until" in plan
    assert "COALESCE(visible_until, 'infinity'" in index_condition
    assert [entry.title for entry in matches] == ["quartiersgarten"]
