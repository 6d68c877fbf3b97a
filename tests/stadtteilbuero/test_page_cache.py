"""Anonymous pages from the cache, which staff never notice; feeds answer 304; a lost
database connection shows a short 503 page."""

import gzip
import os
import time

import pytest
from django.apps import apps
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from offices.models import Notice
from stadtteilbuero import pagecache
from stadtteilbuero.pagecache import IGNORED_MODELS
from stadtteilbuero.views import HomeView
from tests.factories import NoticeFactory, ProjectFactory, ThemeFactory

pytestmark = pytest.mark.django_db

NEWS = reverse("offices:notice-list")


def test_second_anonymous_request_comes_from_the_cache_without_queries(
    client, django_assert_num_queries
):
    NoticeFactory(title="Hoffest am Samstag")
    first = client.get(NEWS)
    assert "X-Page-Cache" not in first
    with django_assert_num_queries(0):
        second = client.get(NEWS)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Hoffest am Samstag" in second.content.decode()


def test_a_change_is_visible_on_the_next_request(client):
    notice = NoticeFactory(title="Alter Titel")
    assert "Alter Titel" in client.get(NEWS).content.decode()
    notice.title = "Neuer Titel"
    notice.save()
    content = client.get(NEWS).content.decode()
    assert "Neuer Titel" in content and "Alter Titel" not in content


def test_a_delete_in_the_admin_is_visible_on_the_next_request(client, superuser):
    notice = NoticeFactory(title="Bald gelöscht")
    assert "Bald gelöscht" in client.get(NEWS).content.decode()
    staff = Client()
    staff.force_login(superuser)
    url = reverse("admin:offices_notice_delete", args=[notice.pk])
    assert staff.post(url, {"post": "yes"}).status_code == 302
    assert not Notice.objects.filter(pk=notice.pk).exists()
    assert "Bald gelöscht" not in client.get(NEWS).content.decode()


def test_a_many_to_many_change_is_visible_on_the_next_request(client):
    project = ProjectFactory()
    assert "Grün im Quartier" not in client.get(project.get_absolute_url()).content.decode()
    project.themes.add(ThemeFactory(name="Grün im Quartier"))
    assert "Grün im Quartier" in client.get(project.get_absolute_url()).content.decode()


def test_logged_in_staff_never_get_a_cached_page(client, superuser):
    notice = NoticeFactory(title="Vorher")
    client.get(NEWS)
    # A change that sends no signal: only the cache still knows the old title.
    Notice.objects.filter(pk=notice.pk).update(title="Nachher")
    assert "Vorher" in client.get(NEWS).content.decode()
    staff = Client()
    staff.force_login(superuser)
    response = staff.get(NEWS)
    assert "X-Page-Cache" not in response
    assert "Nachher" in response.content.decode()


def test_a_staff_post_starts_fresh_pages_even_without_a_signal(client, superuser):
    """An admin action may change rows with queryset.update(), which sends no signal."""
    notice = NoticeFactory(title="Vorher")
    client.get(NEWS)
    Notice.objects.filter(pk=notice.pk).update(title="Nachher")
    assert "Vorher" in client.get(NEWS).content.decode()
    staff = Client()
    staff.force_login(superuser)
    staff.post(reverse("admin:offices_notice_changelist"), {"action": "", "index": 0})
    assert "Nachher" in client.get(NEWS).content.decode()


def test_rows_that_change_on_their_own_are_named_by_their_real_labels():
    """A misspelt label would let every mail sent (its task result) or every login (its
    axes record) empty the cache, as "django_tasks_db" did."""
    installed = {model._meta.label_lower for model in apps.get_models()}
    assert not IGNORED_MODELS - installed


def test_a_failed_login_keeps_the_cached_pages(client, superuser):
    NoticeFactory()
    client.get(NEWS)
    # axes records the attempt and the failure: rows of its own, on no public page.
    Client().post(reverse("admin:login"), {"username": superuser.username, "password": "x"})
    assert client.get(NEWS)["X-Page-Cache"] == "hit"


def test_a_change_made_in_another_process_shows_on_the_next_request(client):
    """Without Redis each gunicorn worker caches pages in its own memory; the generation
    they belong to is one for all processes (a file), so a change saved by another
    worker, or by a management command, shows in this one at once."""
    notice = NoticeFactory(title="Vorher")
    client.get(NEWS)
    Notice.objects.filter(pk=notice.pk).update(title="Nachher")  # no signal here
    assert "Vorher" in client.get(NEWS).content.decode()
    # What another process's save does: it sets the generation file's time.
    now = time.time_ns()
    os.utime(pagecache.GENERATION_FILE, ns=(now, now))
    assert "Nachher" in client.get(NEWS).content.decode()


def test_the_language_is_part_of_the_key(client):
    NoticeFactory()
    assert '<html lang="de"' in client.get(NEWS).content.decode()
    assert '<html lang="en"' in client.get("/en" + NEWS).content.decode()
    assert '<html lang="de"' in client.get(NEWS).content.decode()


def test_html_is_compressed_and_answers_not_modified(client):
    NoticeFactory(summary="Nachbarschaft " * 100)
    response = client.get(NEWS, headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert b"Nachbarschaft" in gzip.decompress(response.content)
    again = client.get(NEWS, headers={"accept-encoding": "gzip", "if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_lost_database_connection_shows_a_short_german_503_page(monkeypatch):
    def unreachable(self, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(HomeView, "get_context_data", unreachable)
    client = Client(raise_request_exception=False)
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    content = response.content.decode()
    assert "Das Portal ist kurz nicht erreichbar" in content
    assert "X-Page-Cache" not in client.get("/")


def test_other_errors_stay_a_500(monkeypatch):
    def broken(self, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(HomeView, "get_context_data", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
