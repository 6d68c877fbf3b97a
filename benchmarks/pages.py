"""Benchmark of the public pages and the admin lists: server time, SQL queries and bytes.

Runs against the configured database through Django's test client, so it measures the
application without a web server and, by default, without the page cache (every request
renders). Speed figures live here, not in timed tests. Usage:

    make bench                                    # the demo data in var/db.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_db make bench-scale
    DEBUG=true .venv/bin/python benchmarks/pages.py [--repeat 20] [--only calendar] [--cold]

It times with DEBUG off, the page cache off and the fragment cache warm (`--cold`: off
too; `--page-cache`: anonymous pages as cache hits, a form page with its holes filled,
see stadtteilbuero/page_holes.py), and measures the limit page
(../shared/bench/limit_app) in the same run: the "× limit" column is a page's median
over the limit page's, the figure to compare across machines and runs.

`make bench-scale` fills the database once with `manage.py generate_scale_data` (city
scale: 40 more offices, 5,000 projects, 50,000 events, 50,000 applications).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadtteilbuero.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from stadtteilbuero.gc_tuning import tune_garbage_collector  # noqa: E402

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
    "/raeume/nordstadt-besprechungsraum/anfrage/",
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


LIMIT_APP = Path(__file__).resolve().parents[2] / "shared" / "bench" / "limit_app"
# The yardstick: the limit page through the test client, in a process of its own.
LIMIT_SCRIPT = """
import statistics, sys, time
sys.path.insert(0, sys.argv[1])
import limitapp
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
client.get("/page/")
durations = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    client.get("/page/")
    durations.append((time.perf_counter() - start) * 1000)
print(statistics.median(durations))
"""


def limit_page_ms(repeat):
    """Median ms of the limit page (../shared/bench/limit_app), or None without it."""
    if not (LIMIT_APP / "limitapp.py").exists():
        return None
    result = subprocess.run(
        [sys.executable, "-c", LIMIT_SCRIPT, str(LIMIT_APP), str(repeat)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.strip())


def measure(client, path, repeat):
    client.get(path)  # warm up: the first request fills the fragment cache
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path)
        durations.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    # Counted apart from the timed requests: recording queries costs time too.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    body = b"".join(response) if response.streaming else response.content
    durations.sort()
    p95 = durations[min(len(durations) - 1, round(0.95 * (len(durations) - 1)))]
    return statistics.median(durations), p95, len(queries), len(body)


def report(client, paths, repeat, limit):
    for path in paths:
        median, p95, queries, size = measure(client, path, repeat)
        ratio = f"{median / limit:7.1f}" if limit else "      -"
        print(f"{path:58} {median:9.1f} {p95:8.1f} {ratio} {queries:8d} {size / 1024:8.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--only", default="", help="only the paths that contain this text")
    parser.add_argument(
        "--cold", action="store_true", help="without the fragment cache too (every section renders)"
    )
    parser.add_argument(
        "--page-cache", action="store_true", help="anonymous pages from the page cache (hits)"
    )
    args = parser.parse_args()
    settings.DEBUG = False  # time what production runs (no query log)
    tune_garbage_collector()  # as stadtteilbuero/wsgi.py does
    limit = limit_page_ms(args.repeat * 5)
    db = connection.settings_dict
    caches = "no cache at all" if args.cold else "page cache off, fragment cache on"
    if args.page_cache:
        caches = "anonymous pages from the page cache"
    print(f"# {connection.vendor} {db['NAME']}, {args.repeat} requests per page, {caches}")
    print(f"# limit page (same run): {limit:.2f} ms" if limit else "# limit page not found")
    print(f"{'page':58} {'median ms':>9} {'p95 ms':>8} {'× limit':>7} {'queries':>8} {'KB':>8}")
    # Uncached pages; axes would record the benchmark's login without an address.
    with override_settings(
        PAGE_CACHE_SECONDS=300 if args.page_cache else 0,
        FRAGMENT_CACHE_SECONDS=0 if args.cold else 300,
        AXES_ENABLED=False,
        ALLOWED_HOSTS=["testserver"],
        SECURE_SSL_REDIRECT=False,
    ):
        report(Client(), [p for p in PAGES if args.only in p], args.repeat, limit)
        admin, _ = get_user_model().objects.get_or_create(
            username="bench", defaults={"is_staff": True, "is_superuser": True}
        )
        client = Client()
        client.force_login(admin)
        report(client, [p for p in ADMIN_PAGES if args.only in p], args.repeat, limit)


if __name__ == "__main__":
    main()
