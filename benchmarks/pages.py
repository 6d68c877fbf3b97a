"""Benchmark of the public pages: median time and SQL queries per page.

Runs against the configured database with the demo data (``make bench`` loads it first),
through Django's test client, so it measures the application without a web server.
Speed figures live here, not in timed tests. Usage:

    DEBUG=true .venv/bin/python benchmarks/pages.py [--repeat 20]
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
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

PAGES = [
    "/",
    "/bueros/",
    "/bueros/hildesheim-nordstadt/",
    "/projekte/",
    "/projekte/?thema=nachbarschaft&status=laufend",
    "/projekte/stadtteilmanagement-oberilp-nonnenbruch/",
    "/veranstaltungen/",
    "/veranstaltungen/?wann=monat&kostenlos=1",
    "/veranstaltungen/kalender/",
    "/veranstaltungen/buergersprechstunde-westhagen/",
    "/veranstaltungen/feed.ics",
    "/verfuegungsfonds/",
    "/verfuegungsfonds/hildesheim-nordstadt/",
    "/verfuegungsfonds/hildesheim-nordstadt/antrag/",
    "/aktuelles/",
    "/suche/?q=Nordstadt",
]


def measure(client, path, repeat):
    durations = []
    queries = 0
    for _ in range(repeat):
        reset_queries()
        start = time.perf_counter()
        response = client.get(path, follow=True)
        durations.append((time.perf_counter() - start) * 1000)
        queries = len(connection.queries)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return statistics.median(durations), max(durations), queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    setup_test_environment()
    settings.DEBUG = True  # record the queries
    client = Client()
    print(f"{'page':58} {'median ms':>10} {'max ms':>8} {'queries':>8}")
    for path in PAGES:
        median, worst, queries = measure(client, path, args.repeat)
        print(f"{path:58} {median:10.1f} {worst:8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
