"""Content in English where an office wrote it; German (marked lang="de") where not."""

import re

import pytest

from stadtteilbuero.models import SearchEntry
from tests.factories import NoticeFactory, OfficeFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_english_page_shows_the_translation_and_marks_german_text(client):
    project = ProjectFactory(
        title="Nachbarschaftsgarten",
        title_en="Community garden",
        summary="Gärtnern im Hof.",
        description="Jeden **Samstag**.",
    )
    path = project.get_absolute_url()
    english = client.get(f"/en{path}").content.decode()
    assert '<h1 id="project-title">Community garden</h1>' in english
    assert '<p class="lead" lang="de">Gärtnern im Hof.</p>' in english
    assert re.search(r'<div class="richtext" lang="de">\s*<p>Jeden <strong>Samstag', english)
    german = client.get(path).content.decode()
    assert '<h1 id="project-title">Nachbarschaftsgarten</h1>' in german
    assert 'lang="de"' not in german.split("<main", 1)[1]


def test_untranslated_news_and_office_texts_are_marked_german_on_english_pages(client):
    office = OfficeFactory(summary="Wir sind für Sie da.")
    notice = NoticeFactory(office=office, title="Sommerfest", summary="Alle sind eingeladen.")
    office_path, notice_path = office.get_absolute_url(), notice.get_absolute_url()
    office_page = client.get(f"/en{office_path}").content.decode()
    assert 'lang="de">Wir sind für Sie da.</p>' in office_page
    news = client.get(f"/en{notice_path}").content.decode()
    assert '<h1 lang="de">Sommerfest</h1>' in news
    listing = client.get("/en/aktuelles/").content.decode()
    assert 'lang="de">Sommerfest</a>' in listing


def test_search_finds_the_english_text_too(client):
    project = ProjectFactory(title="Nachbarschaftsgarten", title_en="Community garden")
    entry = SearchEntry.objects.get(kind="projects", object_id=project.pk)
    assert entry.title == "nachbarschaftsgarten"
    assert "community garden" in entry.document
    response = client.get("/en/suche/", {"q": "garden"})
    [section] = response.context["sections"]
    assert [hit.id for hit in section.hits] == [project.pk]


def test_an_untranslated_search_snippet_is_marked_german_on_the_english_page(client):
    ProjectFactory(
        title="Hofgarten", title_en="Courtyard garden", summary="Beete im Hof.", description=""
    )
    ProjectFactory(
        title="Dachgarten",
        title_en="Roof garden",
        summary="Beete auf dem Dach.",
        summary_en="Beds on the roof.",
        description="",
    )
    content = client.get("/en/suche/", {"q": "garden"}).content.decode()
    assert '<p class="small mb-0" lang="de">Beete im Hof.</p>' in content
    assert '<p class="small mb-0">Beds on the roof.</p>' in content
    german = client.get("/suche/", {"q": "garten"}).content.decode()
    assert 'lang="de"' not in german.split("<main", 1)[1]


def test_language_switch_keeps_the_page_and_its_filters(client):
    project = ProjectFactory(title="Nachbarschaftsgarten")
    path = project.get_absolute_url()
    content = client.get(path, {"seite": "2"}).content.decode()
    assert f'href="/en{path}?seite=2" lang="en" hreflang="en"' in content
    english = client.get(f"/en{path}").content.decode()
    assert f'href="{path}" lang="de" hreflang="de"' in english


def test_legal_pages_per_language_with_german_fallback(client):
    from django.contrib.flatpages.models import FlatPage
    from django.contrib.sites.models import Site

    german = client.get("/impressum/").content.decode()
    assert "<article>" in german
    fallback = client.get("/en/impressum/").content.decode()
    assert '<article lang="de">' in fallback
    english = FlatPage.objects.create(url="/en/impressum/", title="Legal notice", content="Hi")
    english.sites.add(Site.objects.get_current())
    translated = client.get("/en/impressum/").content.decode()
    assert "<h1>Legal notice</h1>" in translated
    assert "<article>" in translated
    assert client.get("/impressum/").content.decode().count("Legal notice") == 0


def test_other_german_texts_on_english_event_page_are_marked(client):
    from tests.factories import EventFactory

    event = EventFactory(accessibility="Stufenlos", registration_info="Bis Montag")
    path = event.get_absolute_url()
    english = client.get(f"/en{path}").content.decode()
    assert '<dd class="col-sm-8" lang="de">Stufenlos</dd>' in english
    german = client.get(path).content.decode()
    assert '<dd class="col-sm-8">Stufenlos</dd>' in german
