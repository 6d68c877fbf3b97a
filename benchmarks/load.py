"""HTTP load test: residents browsing and applicants sending fund applications at once,
as on the day a fund's deadline brings everyone. Point it at a staging server only.

Standard library only, so an operator can run it from any machine with Python 3.11:

    python3 benchmarks/load.py http://127.0.0.1:8000 --users 32 --seconds 60
    python3 benchmarks/load.py https://staging.example --users 16 --seconds 120 \\
        --submit hildesheim-nordstadt --submit-share 0.05

Each simulated user is a thread with its own cookies that picks a page of the browse
mix (weights below) again and again; with --submit, that share of the actions fills in
and sends the fund's application form (GET, wait FORM_MIN_FILL_SECONDS, POST). The
server refuses more than FONDS_SUBMISSIONS_PER_HOUR applications per address (5 by
default): raise it on the staging server for the test, and delete the test applications
afterwards (their applicant is "Lasttest"). The report gives requests per second, the
median, p95 and p99 time and the status codes per kind of page; any 5xx is an error.
"""

import argparse
import datetime
import http.cookiejar
import random
import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict

TODAY = datetime.datetime.now().astimezone().date()
BROWSE = [
    # (weight, kind, path)
    (20, "home", "/"),
    (6, "offices", "/bueros/"),
    (10, "office", "/bueros/hildesheim-nordstadt/"),
    (8, "projects", "/projekte/"),
    (4, "projects filtered", "/projekte/?thema=nachbarschaft&status=laufend"),
    (6, "project", "/projekte/stadtteilmanagement-oberilp-nonnenbruch/"),
    (14, "events", "/veranstaltungen/"),
    (4, "events filtered", "/veranstaltungen/?wann=monat&kostenlos=1"),
    (6, "calendar", f"/veranstaltungen/kalender/{TODAY:%Y}/{TODAY:%m}/"),
    (6, "event", "/veranstaltungen/buergersprechstunde-westhagen/"),
    (4, "feed", "/veranstaltungen/feed.ics"),
    (8, "funds", "/verfuegungsfonds/"),
    (10, "fund", "/verfuegungsfonds/hildesheim-nordstadt/"),
    (4, "news", "/aktuelles/"),
    (4, "search", "/suche/?q=Nordstadt"),
]
FIELD = re.compile(r"<(input|select|textarea)\b([^>]*)>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
OPTION = re.compile(r'<option value="([^"]*)"([^>]*\bselected\b)?')


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.statuses = defaultdict(Counter)
        self.started = time.monotonic()
        self.failed_at = []  # seconds since the start of each 5xx or unanswered request

    def record(self, kind, seconds, status):
        with self.lock:
            self.times[kind].append(seconds * 1000)
            self.statuses[kind][status] += 1
            if not isinstance(status, int) or status >= 500:
                self.failed_at.append(time.monotonic() - self.started)


def opener():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def fetch(client, stats, kind, url, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Referer": url})
    start = time.perf_counter()
    try:
        with client.open(request, timeout=30) as response:
            content, status = response.read(), response.status
    except urllib.error.HTTPError as error:
        content, status = error.read(), error.code
    except OSError:
        content, status = b"", "no answer"
    stats.record(kind, time.perf_counter() - start, status)
    return status, content.decode("utf-8", "replace")


def form_fields(html):
    """The form's fields as a browser sends them untouched: the values the page gave
    them, a select's selected option or else its first (an empty row stays empty)."""
    fields = {}
    for match in FIELD.finditer(html):
        attributes = dict(ATTRIBUTE.findall(match.group(2)))
        name = attributes.get("name")
        if not name or attributes.get("type") in ("submit", "checkbox", "file"):
            continue
        value = attributes.get("value", "")
        if match.group(1).lower() == "select":
            options = OPTION.findall(html[match.end() : html.find("</select>", match.end())])
            selected = [option for option, is_selected in options if is_selected]
            value = (selected + [option for option, _ in options] + [""])[0]
        fields[name] = value
    return fields


def first_choice(html, name):
    """The first option of a select that is not empty."""
    start = html.find(f'name="{name}"')
    options = OPTION.findall(html[start : html.find("</select>", start)])
    return next(option for option, _ in options if option)


def application(html, start_date):
    data = form_fields(html)
    data.update(
        {
            "expenses-0-category": first_choice(html, "expenses-0-category"),
            "applicant_type": "initiative",
            "name": "Lasttest",
            "street": "Teststraße 1",
            "postal_code": "31137",
            "city": "Hildesheim",
            "email": "lasttest@example.org",
            "project_title": "Lasttest Nachbarschaftsfest",
            "description": "Ein Antrag aus dem Lasttest.",
            "benefit": "Keiner: bitte löschen.",
            "target_group": "Niemand",
            "expected_participants": "10",
            "place": "Testhof",
            "start_date": start_date.isoformat(),
            "end_date": start_date.isoformat(),
            "expenses-0-description": "Material",
            "expenses-0-quantity": "1",
            "expenses-0-unit_price": "300,00",
            "incomes-0-kind": "volunteer_work",
            "incomes-0-amount": "100",
            "requested_amount": "200,00",
            "declares_no_double_funding": "on",
            "declares_no_commercial_purpose": "on",
            "declares_no_follow_up_costs": "on",
            "declares_photo_rights": "on",
            "consent_publish": "on",
            "privacy_consent": "on",
        }
    )
    return data


def user(base, args, stats, stop, seed):
    rng = random.Random(seed)
    client = opener()
    weights = [weight for weight, _, _ in BROWSE]
    while not stop.is_set():
        if args.submit and rng.random() < args.submit_share:
            url = f"{base}/verfuegungsfonds/{args.submit}/antrag/"
            status, html = fetch(client, stats, "application form", url)
            # The run may end while the form is being filled in: then it is not sent (sent
            # at once, it would be refused as too fast and counted as a 400).
            if status == 200 and not stop.wait(args.fill_seconds):
                fetch(client, stats, "application sent", url, application(html, args.start_date))
            continue
        _, kind, path = rng.choices(BROWSE, weights)[0]
        fetch(client, stats, kind, base + path)


def report(stats, seconds):
    """Prints the figures; returns the number of errors (5xx other than 503)."""
    total = sum(len(times) for times in stats.times.values())
    counts = Counter()
    for statuses in stats.statuses.values():
        counts.update(statuses)
    unavailable = counts[503]
    errors = sum(
        count
        for status, count in counts.items()
        if (not isinstance(status, int) or status >= 500) and status != 503
    )
    print(
        f"{total} requests in {seconds:.0f} s: {total / seconds:.1f}/s, "
        f"{errors} errors (5xx other than 503, no answer), {unavailable} answered 503"
    )
    if stats.failed_at:
        first, last = min(stats.failed_at), max(stats.failed_at)
        print(f"5xx or no answer between {first:.1f} s and {last:.1f} s after the start")
    print(f"{'kind':20} {'count':>6} {'median ms':>10} {'p95 ms':>8} {'p99 ms':>8}  statuses")
    for kind in sorted(stats.times):
        times = sorted(stats.times[kind])
        p95 = times[int(0.95 * (len(times) - 1))]
        p99 = times[int(0.99 * (len(times) - 1))]
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(stats.statuses[kind].items(), key=str))
        median = statistics.median(times)
        print(f"{kind:20} {len(times):6d} {median:10.1f} {p95:8.1f} {p99:8.1f}  {statuses}")
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=16, help="simultaneous users")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--submit", default="", help="office slug of the fund to apply to")
    parser.add_argument("--submit-share", type=float, default=0.05)
    parser.add_argument("--fill-seconds", type=float, default=6, help="above the minimum")
    parser.add_argument(
        "--start-date",
        type=datetime.date.fromisoformat,
        default=TODAY + datetime.timedelta(days=90),
        help="project start (after the fund's next jury meeting)",
    )
    args = parser.parse_args()
    base = args.base.rstrip("/")
    stats, stop = Stats(), threading.Event()
    threads = [
        threading.Thread(target=user, args=(base, args, stats, stop, seed), daemon=True)
        for seed in range(args.users)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(args.seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=35)
    raise SystemExit(1 if report(stats, time.monotonic() - started) else 0)


if __name__ == "__main__":
    main()
