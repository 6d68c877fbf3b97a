"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

- Every test in this folder is marked `e2e` (see pytest_itemcollected), so
  `pytest -m "not e2e"` leaves them out; without /usr/bin/chromium they are skipped.
- One browser per session (pytest-playwright's `browser` fixture, launched with the
  options below); each test opens its own context (viewport, JavaScript on or off).
- The demo data (`manage.py load_demo`) is loaded once per module. Every test still runs
  in its own transactional database (the live server thread needs committed data):
  pytest-django flushes after each test and restores the database from a serialized
  snapshot before the next one; for these tests the snapshot includes the demo data.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from django.test import override_settings

from tests.e2e.browser import PageWatcher

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]
SKIP_REASON = (
    f"{CHROMIUM} not found: browser tests need Debian's chromium (apt-get install chromium)"
)
E2E_DIR = Path(__file__).resolve().parent

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def pytest_itemcollected(item):
    """Mark every test below tests/e2e: `e2e` (so `-m "not e2e"` leaves it out) and a
    transactional database restored from a snapshot; skip it without chromium."""
    if E2E_DIR not in Path(item.path).resolve().parents:
        return
    item.add_marker(pytest.mark.e2e)
    item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
    if not os.access(CHROMIUM, os.X_OK):
        item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run the browser tests last, after pytest-django's ordering.

    While Playwright runs, the main thread counts as having a running event loop, so
    Django hands out other database connection objects there; no other test should
    run in that state.
    """
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.fixture(scope="session", autouse=True)
def allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in the test thread; Django refuses ORM
    calls from a thread with a running loop unless told that this is fine. Set for the
    browser tests only (they run last), not for the rest of the suite."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options plus Debian's chromium (no browser download)."""
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(live_server):
    """The live server is the site under test (`page.goto("/bueros/")` works).

    Also replaces pytest-playwright's fallback `base_url` fixture, an instance-method
    session fixture that pytest 9 deprecates (an error under filterwarnings=error).
    """
    return live_server.url


@pytest.fixture(scope="session")
def e2e_media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("e2e-media")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, e2e_media_root):
    """Overrides tests/conftest.py: the demo images live as long as the demo data does."""
    settings.MEDIA_ROOT = e2e_media_root / "media"
    settings.PRIVATE_MEDIA_ROOT = e2e_media_root / "private"


@pytest.fixture(scope="session", autouse=True)
def migrated_snapshot(django_db_setup):
    """The freshly migrated database as pytest-django serialized it (flatpages, site).

    Autouse, so it is read before Playwright starts: from then on the main thread gets
    other connection objects from Django, which lack this attribute.
    """
    snapshot = getattr(connections["default"], "_test_serialized_contents", None)
    assert snapshot is not None, "pytest-django did not serialize the test database"
    return snapshot


@pytest.fixture(scope="module")
def demo_snapshot(django_db_blocker, migrated_snapshot, e2e_media_root):
    """Load the demo once per module and make it part of the restore before each test.

    pytest-django restores `connection._test_serialized_contents` before every test
    that asks for serialized_rollback (all tests here); for this module that is the
    migrated database plus the demo data.
    """
    connection = connections["default"]
    missing = object()
    previous = getattr(connection, "_test_serialized_contents", missing)
    with (
        override_settings(MEDIA_ROOT=e2e_media_root / "media"),
        django_db_blocker.unblock(),
    ):
        # Start from the migrated state, whatever an earlier test left behind.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(migrated_snapshot)
        call_command("load_demo", stdout=io.StringIO())
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield
    if previous is missing:
        del connection._test_serialized_contents
    else:
        connection._test_serialized_contents = previous


@pytest.fixture
def portal(demo_snapshot, live_server):
    """The live server's base URL, with the demo data in its database."""
    return live_server.url


@pytest.fixture
def open_page(portal, new_context):
    """Open a path of the portal in a fresh browser context and watch what it does.

    Returns (page, watcher): the watcher collects requests to other hosts, console
    errors, uncaught exceptions and failed responses; `watcher.assert_clean()` at the
    end of a test fails with all of them listed.
    """

    def _open(path, viewport=DESKTOP, **context_args):
        context = new_context(viewport=viewport, locale="de-DE", **context_args)
        page = context.new_page()
        watcher = PageWatcher(page, portal)
        response = page.goto(portal + path)
        assert response is not None and response.ok, f"GET {path}: {response and response.status}"
        return page, watcher

    return _open
