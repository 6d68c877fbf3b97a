import io
import itertools
import pkgutil
import smtplib
from importlib import import_module
from pathlib import Path

import pytest
from _pytest.runner import runtestprotocol
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection, migrations, transaction
from django.test import override_settings
from django.utils import translation

from stadtteilbuero import images
from stadtteilbuero.gc_tuning import tune_garbage_collector
from tests.factories import OfficeFactory, UserFactory

# Row locks (select_for_update) are what concurrency tests prove; SQLite serialises
# writes instead, so they run where CI runs the suite on PostgreSQL.
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)


ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_finish(session):
    """The collector tuned as for the web process (3.9 s of CPU went to collections in a
    third of the suite, 2.1 s so); full collections rarer still, a test run is short."""
    tune_garbage_collector(full_every=100)


@pytest.fixture(scope="session")
def django_db_use_migrations(request):
    """On SQLite the test database is built from the models, as `--nomigrations` does:
    0.4 s instead of 7 s of CPU. The PostgreSQL run (CI) and the browser tests (their
    snapshots of the database hold only apps with migrations) apply the real ones, and
    tests/stadtteilbuero/test_migrations.py checks that they match the models."""
    if request.config.getvalue("nomigrations"):
        return False
    browser = any(item.get_closest_marker("e2e") for item in request.session.items)
    return connection.vendor != "sqlite" or browser


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_use_migrations, django_db_blocker):
    """Without migrations, their data steps (RunPython: the legal pages) still run."""
    if not django_db_use_migrations:
        with django_db_blocker.unblock():
            run_data_migrations()


def run_data_migrations():
    with connection.schema_editor() as schema_editor:
        for app_config in apps.get_app_configs():
            if Path(app_config.path).parent != ROOT:
                continue  # the project's: the others' data steps convert old rows (none here)
            try:
                package = import_module(f"{app_config.name}.migrations")
            except ModuleNotFoundError:
                continue
            for module in sorted(pkgutil.iter_modules(package.__path__)):
                migration = import_module(f"{package.__name__}.{module.name}").Migration
                for operation in migration.operations:
                    if isinstance(operation, migrations.RunPython):
                        operation.code(apps, schema_editor)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts without the pages an earlier test left in the page cache, nor
    the rendition URLs of its images (their files are gone with its media folder)."""
    cache.clear()
    images._rendition_urls.clear()


BASE_URL = "https://stadtteile.example.org"


@pytest.fixture(scope="session", autouse=True)
def test_settings():
    """Settings of every test, set once for the session (a test may change them with
    the `settings` fixture; they come back afterwards)."""
    with override_settings(
        # A fast hasher: tests log in with force_login; hashing is not what they test.
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # {% static %} without a collected, hashed manifest.
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        # The public address that feeds, sitemap and JSON-LD put before their paths.
        PORTAL_BASE_URL=BASE_URL,
    ):
        yield


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in German: a request to an /en/ page leaves English active in
    the thread, and reverse() in the next test would build /en/ paths."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(scope="session")
def media_folders(tmp_path_factory):
    """Numbered folders under the session's temporary folder; storage makes one on the
    first upload (tmp_path would make and later delete ~1,200 folders per run)."""
    base = tmp_path_factory.mktemp("media")
    return (base / str(number) for number in itertools.count())


@pytest.fixture(autouse=True)
def media_in_tmp(request, settings, media_folders):
    """Uploads of a test never land in var/ and no test sees another one's files."""
    if "demo_data" in request.fixturenames:
        return  # the demo's files stay in the module's folder (demo_data)
    folder = next(media_folders)
    settings.MEDIA_ROOT = folder / "media"
    settings.PRIVATE_MEDIA_ROOT = folder / "private"


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data (`manage.py load_demo`), loaded once for the tests of a module:
    each test runs in a transaction of its own on top of it, and the module's
    transaction is rolled back at its end, so the next module starts empty."""
    folder = tmp_path_factory.mktemp("demo")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=folder / "media", PRIVATE_MEDIA_ROOT=folder / "private"),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


class UnreachableMailServer(BaseEmailBackend):
    """An SMTP server that does not answer."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "mail server unreachable")


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "tests.conftest.UnreachableMailServer"


@pytest.fixture
def office(db):
    return OfficeFactory()


@pytest.fixture
def other_office(db):
    return OfficeFactory()


def make_staff(office, *app_labels):
    """A staff account, member of `office`, with all model permissions of the apps."""
    user = UserFactory(is_staff=True)
    user.office_memberships.create(office=office)
    # The ids and one bulk INSERT: `user_permissions.set()` loads every permission and
    # compares, and hundreds of tests make a staff account.
    through = type(user).user_permissions.through
    permissions = Permission.objects.filter(
        content_type__app_label__in=app_labels or ["offices"]
    ).values_list("pk", flat=True)
    through.objects.bulk_create(through(user_id=user.pk, permission_id=pk) for pk in permissions)
    return user


@pytest.fixture
def staff_user(office):
    return make_staff(office, "offices")


@pytest.fixture
def other_staff_user(other_office):
    return make_staff(other_office, "offices")


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


def _run_in_a_roomy_frame(run):
    return run()


# CPython 3.11 keeps Python frames in 16 KB chunks, mapped (mmap) when a call goes past the
# end of one and unmapped when it returns. A test's stack (pytest, the test client, the
# middleware, nested templates) goes back and forth across such an end thousands of times
# a test: 383,000 mmap/munmap pairs in the fund tests alone, and 6 of the suite's 55 s of
# CPU as system time (1 s with this). A frame that asks for a large stack makes CPython
# map one chunk of 512 KB for it, and about 100 KB of it stay free behind it: enough for
# everything a test calls.
_run_in_a_roomy_frame.__code__ = _run_in_a_roomy_frame.__code__.replace(co_stacksize=50_000)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    """pytest's own protocol (setup, call, teardown, reports), run in the roomy frame."""
    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    _run_in_a_roomy_frame(lambda: runtestprotocol(item, nextitem=nextitem))
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True
