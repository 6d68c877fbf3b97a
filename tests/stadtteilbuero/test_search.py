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
    assert [hit.title for hit in response.context["sections"][1].hits] == ["Hochbeete im Hof"]


@pytest.mark.parametrize("query", ["", "a", "%", "x" * 5000, "<script>", "' OR 1=1 --"])
def test_odd_queries_answer_200(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</header>")[1]


@pytest.mark.parametrize("count", [1, 40])
def test_search_queries_bounded(client, django_assert_max_num_queries, count):
    for n in range(count):
        NoticeFactory(title=f"Nachbarschaft {n}")
    with django_assert_max_num_queries(3):
        assert client.get(reverse("search"), {"q": "nachbarschaft"}).status_code == 200
