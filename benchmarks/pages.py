"""Benchmark of the public pages and the admin lists: server time, SQL queries and bytes.

Runs against the configured database through Django's test client, so it measures the
application without a web server and without the page cache (every request renders).
Speed figures live here, not in timed tests. Usage:

    make bench                                    # the demo data in var/db.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_db make bench-scale
    DEBUG=true .venv/bin/python benchmarks/pages.py [--repeat 20] [--only calendar]

`make bench-scale` fills the database once with `manage.py generate_scale_data` (city
scale: 40 more offices, 5,000 projects, 50,000 events, 50,000 applications).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadtteilbuero.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

TODAY = timezone.localdate()

PAGES = [
    "/",
    "/bueros/",
    "/bueros/hildesheim-nordstadt/",
    "/projekte/",
    "/projekte/?thema=nachbarschaft&status=laufend",
    "/projekte/stadtteilmanagement-oberilp-nonnenbruch/",
    "/veranstaltungen/",
    "/veranstaltungen/?wann=monat&kostenlos=1",
    "/veranstaltungen/?vergangen=1",
    f"/veranstaltungen/kalender/{TODAY:%Y}/{TODAY:%m}/",
    "/veranstaltungen/buergersprechstunde-westhagen/",
    "/veranstaltungen/buergersprechstunde-westhagen.ics",
    "/veranstaltungen/feed.ics",
    "/bueros/hildesheim-nordstadt/veranstaltungen.ics",
    "/verfuegungsfonds/",
    "/verfuegungsfonds/hildesheim-nordstadt/",
    "/verfuegungsfonds/hildesheim-nordstadt/antrag/",
    "/aktuelles/",
    "/aktuelles/feed/",
    "/suche/?q=Nordstadt",
    "/sitemap.xml",
]

ADMIN_PAGES = [
    "/admin/fonds/application/",
    "/admin/events/event/",
    "/admin/projects/project/",
    "/admin/offices/notice/",
    "/admin/fonds/proof/",
]


def measure(client, path, repeat):
    durations = []
    for _ in range(repeat):
        reset_queries()
        start = time.perf_counter()
        response = client.get(path)
        durations.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    body = b"".join(response) if response.streaming else response.content
    durations.sort()
    p95 = durations[min(len(durations) - 1, round(0.95 * (len(durations) - 1)))]
    return statistics.median(durations), p95, len(connection.queries), len(body)


def report(client, paths, repeat):
    for path in paths:
        median, p95, queries, size = measure(client, path, repeat)
        print(f"{path:58} {median:9.1f} {p95:8.1f} {queries:8d} {size / 1024:8.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--only", default="", help="only the paths that contain this text")
    args = parser.parse_args()
    setup_test_environment()
    settings.DEBUG = True  # record the queries
    db = connection.settings_dict
    print(f"# {connection.vendor} {db['NAME']}, {args.repeat} requests per page")
    print(f"{'page':58} {'median ms':>9} {'p95 ms':>8} {'queries':>8} {'KB':>8}")
    # Uncached pages; axes would record the benchmark's login without an address.
    with override_settings(PAGE_CACHE_SECONDS=0, AXES_ENABLED=False):
        report(Client(), [p for p in PAGES if args.only in p], args.repeat)
        admin, _ = get_user_model().objects.get_or_create(
            username="bench", defaults={"is_staff": True, "is_superuser": True}
        )
        client = Client()
        client.force_login(admin)
        report(client, [p for p in ADMIN_PAGES if args.only in p], args.repeat)


if __name__ == "__main__":
    main()
