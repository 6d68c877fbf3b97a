import pytest
from django.urls import reverse

from tests.factories import NoticeFactory, OfficeFactory

pytestmark = pytest.mark.django_db


def test_search_finds_offices_and_news(client):
    OfficeFactory(name="Stadtteilbüro Westhagen", district="Westhagen")
    NoticeFactory(title="Fest in Westhagen")
    NoticeFactory(title="Fest in Westhagen, Entwurf", is_published=False)
    response = client.get(reverse("search"), {"q": "westhagen"})
    content = response.content.decode()
    assert "Stadtteilbüro Westhagen" in content
    assert "Fest in Westhagen" in content
    assert "Entwurf" not in content
    assert response.context["hit_count"] == 2


def test_all_words_must_match(client):
    NoticeFactory(title="Hochbeete im Hof")
    NoticeFactory(title="Hochbeete am Markt")
    response = client.get(reverse("search"), {"q": "hochbeete hof"})
    news = next(section for section in response.context["sections"] if section.key == "news")
    assert [hit.title for hit in news.hits] == ["Hochbeete im Hof"]


def test_search_finds_projects_and_upcoming_events_with_links_to_their_lists(client):
    import datetime

    from django.utils import timezone

    from tests.factories import EventFactory, ProjectFactory

    ProjectFactory(title="Nordstadtliga")
    EventFactory(title="Nordstadtliga Spieltag", start=timezone.now() + datetime.timedelta(days=2))
    EventFactory(
        title="Nordstadtliga Finale 2020", start=timezone.now() - datetime.timedelta(days=9)
    )
    ProjectFactory(title="Nordstadtliga Entwurf", is_published=False)
    response = client.get(reverse("search"), {"q": "Nordstadtliga"})
    content = response.content.decode()
    assert "Spieltag" in content
    assert "Finale 2020" not in content
    assert "Entwurf" not in content
    assert "/projekte/?q=Nordstadtliga" in content
    assert "/veranstaltungen/?q=Nordstadtliga" in content


@pytest.mark.parametrize("query", ["", "a", "%", "x" * 5000, "<script>", "' OR 1=1 --"])
def test_odd_queries_answer_200(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</header>")[1]


@pytest.mark.parametrize("count", [1, 12])
def test_search_queries_bounded(client, django_assert_max_num_queries, count):
    for n in range(count):
        NoticeFactory(title=f"Nachbarschaft {n}")
    with django_assert_max_num_queries(5):
        assert client.get(reverse("search"), {"q": "nachbarschaft"}).status_code == 200
