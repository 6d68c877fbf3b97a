import os
import subprocess
import sys
from pathlib import Path

import pytest
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


def run_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "stadtteilbuero.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_development_starts_without_secret_key():
    assert run_settings(DEBUG="true").returncode == 0


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


def settings_value(expression, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; print({expression})",
        ],
        cwd=ROOT,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "stadtteilbuero.settings", "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_redis_cache_where_redis_url_is_set():
    expression = "settings.CACHES['default']['BACKEND']"
    assert settings_value(expression).endswith("LocMemCache")
    assert settings_value(expression, REDIS_URL="redis://127.0.0.1:6379/1").endswith("RedisCache")


def test_database_from_database_url():
    expression = "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']"
    assert "sqlite3" in settings_value(expression)
    value = settings_value(expression, DATABASE_URL="postgres://u:p@db.internal:5432/portal")
    assert "postgresql" in value and "portal" in value


@postgresql_only
@pytest.mark.django_db
def test_postgresql_connections_run_without_jit():
    """JIT compiling took longer than the short queries of a page (docs/performance.md)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
