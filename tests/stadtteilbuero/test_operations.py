import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection
from django.urls import reverse

from tests.conftest import postgresql_only
from tests.sitemap import whole_sitemap

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_health_ok(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "mail_queue": {"waiting": 0, "failed": 0, "oldest_waiting_seconds": None},
    }


@pytest.mark.django_db
def test_health_with_broken_database(client, monkeypatch, caplog):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("stadtteilbuero.views.connection.cursor", broken_cursor)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert "database unavailable" in caplog.text


def test_robots_txt_points_to_sitemap(client):
    content = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in content
    assert "Sitemap: https://stadtteile.example.org/sitemap.xml" in content


@pytest.mark.django_db
def test_sitemap_lists_offices(client, office):
    content = whole_sitemap(client)
    assert office.get_absolute_url() in content


def settings_with(monkeypatch, **env):
    """The settings module run afresh with these environment variables. It only reads
    os.environ, so no process of its own is needed (one costs over a second of CPU)."""
    for name in ("SECRET_KEY", "DEBUG", "REDIS_URL", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "stadtteilbuero" / "settings.py"))


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is not set"):
        settings_with(monkeypatch, DEBUG="false")


def test_development_starts_without_secret_key(monkeypatch):
    assert settings_with(monkeypatch, DEBUG="true")["SECRET_KEY"]


def test_check_deploy_is_clean_with_production_variables():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            # the browser tests allow async-unsafe calls, which check --deploy rightly flags
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DEBUG": "false",
            "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
            "ALLOWED_HOSTS": "portal.example.org",
            "SECURE_SSL_REDIRECT": "true",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# gunicorn loads the portal once in its master and forks the workers from it
# (gunicorn.conf.py: preload_app): a connection opened while loading would be shared.
LOADS_WITHOUT_CONNECTING = """
import stadtteilbuero.wsgi
from django.db import connections
print(sorted(alias for alias in connections if connections[alias].connection is not None))
"""


def test_loading_the_portal_opens_no_database_connection():
    result = subprocess.run(
        [sys.executable, "-c", LOADS_WITHOUT_CONNECTING],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert runpy.run_path(str(ROOT / "gunicorn.conf.py"))["preload_app"] is True


def test_redis_cache_where_redis_url_is_set(monkeypatch):
    def backend(**env):
        return settings_with(monkeypatch, DEBUG="true", **env)["CACHES"]["default"]["BACKEND"]

    assert backend().endswith("LocMemCache")
    assert backend(REDIS_URL="redis://127.0.0.1:6379/1").endswith("RedisCache")


def test_database_from_database_url(monkeypatch):
    def database(**env):
        return settings_with(monkeypatch, DEBUG="true", **env)["DATABASES"]["default"]

    assert "sqlite3" in database()["ENGINE"]
    value = database(DATABASE_URL="postgres://u:p@db.internal:5432/portal")
    assert "postgresql" in value["ENGINE"] and value["NAME"] == "portal"
    assert value["OPTIONS"]["options"] == "-c jit=off"


@postgresql_only
@pytest.mark.django_db
def test_postgresql_connections_run_without_jit():
    """JIT compiling took longer than the short queries of a page (docs/performance.md)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_web_process_freezes_what_it_loaded_and_collects_cycles_less_often(monkeypatch):
    import gc

    calls = []
    monkeypatch.setattr(gc, "collect", lambda: calls.append("collect"))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "set_threshold", lambda *thresholds: calls.append(thresholds))
    wsgi = runpy.run_module("stadtteilbuero.wsgi")
    assert callable(wsgi["application"])
    assert calls == ["collect", "freeze", (50_000, 20, 10)]
