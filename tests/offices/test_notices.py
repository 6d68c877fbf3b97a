import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from offices.models import Notice
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
PAST = NOW - datetime.timedelta(days=1)
FUTURE = NOW + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("is_published", "published_at", "visible"),
    [(True, PAST, True), (True, FUTURE, False), (False, PAST, False), (False, FUTURE, False)],
)
def test_published_matrix(is_published, published_at, visible):
    notice = NoticeFactory(is_published=is_published, published_at=published_at)
    assert (notice in Notice.objects.published()) is visible
    assert (notice in Notice.objects.visible_to(AnonymousUser())) is visible


@pytest.mark.parametrize(
    ("pinned_until", "is_published", "pinned"),
    [(FUTURE, True, True), (PAST, True, False), (None, True, False), (FUTURE, False, False)],
)
def test_pinned_matrix(pinned_until, is_published, pinned):
    notice = NoticeFactory(pinned_until=pinned_until, is_published=is_published)
    assert (notice in Notice.objects.pinned()) is pinned


def banner(client, url):
    """Where pinned notices stand: above the h1 of the home page; on an office page
    after the name, hours today and contact, above the week and everything else."""
    content = client.get(url).content.decode()
    end = '<div class="row' if 'class="office-hero"' in content else "<h1"
    return content[: content.index(end)]


def test_pinned_notice_of_an_office_stands_on_its_page_with_its_name(client, office):
    NoticeFactory(office=office, title="Corona – Infos zum Stadtteilbüro", pinned_until=FUTURE)
    top = banner(client, office.get_absolute_url())
    assert "Corona – Infos" in top
    assert office.name in top
    assert "Corona – Infos" not in banner(client, "/")


def test_pinned_portal_wide_by_the_city_stands_on_home_and_every_office(
    client, office, other_office
):
    NoticeFactory(office=office, title="Hitzewarnung", pinned_until=FUTURE, pinned_portal_wide=True)
    for url in ("/", other_office.get_absolute_url()):
        top = banner(client, url)
        assert "Hitzewarnung" in top
        assert office.name in top


def test_office_staff_cannot_pin_portal_wide(client, staff_user, office):
    notice = NoticeFactory(office=office, pinned_until=FUTURE)
    client.force_login(staff_user)
    url = f"/admin/offices/notice/{notice.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="pinned_portal_wide"' not in page


def test_unpublished_news_is_404_for_the_public(client):
    draft = NoticeFactory(is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_preview_own_draft_only(client, staff_user, office, other_office):
    own = NoticeFactory(office=office, is_published=False)
    foreign = NoticeFactory(office=other_office, is_published=False)
    client.force_login(staff_user)
    response = client.get(own.get_absolute_url())
    assert response.status_code == 200
    assert "Vorschau" in response.content.decode()
    assert client.get(foreign.get_absolute_url()).status_code == 404


def test_news_list_is_paginated_newest_first(client):
    for days in range(12):
        NoticeFactory(title=f"Meldung {days}", published_at=NOW - datetime.timedelta(days=days))
    first = client.get(reverse("offices:notice-list"))
    assert [n.title for n in first.context["notices"]][:2] == ["Meldung 0", "Meldung 1"]
    assert len(first.context["notices"]) == 10
    second = client.get(reverse("offices:notice-list") + "?page=2")
    assert len(second.context["notices"]) == 2


@pytest.mark.parametrize("page", ["99", "abc", "-1"])
def test_bad_page_numbers_are_404_not_500(client, page):
    NoticeFactory()
    assert client.get(reverse("offices:notice-list"), {"page": page}).status_code == 404
