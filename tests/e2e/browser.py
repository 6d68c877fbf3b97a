"""Helpers of the browser tests: watch a page's requests and errors, run axe-core."""

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.0 and 2.1, levels A and AA (BITV 2.0). axe-core's tags for exactly those rules.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about"}

_axe = Axe()


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class PageWatcher:
    """Records what a page does that a visitor would not want: requests to another
    host (GDPR: no third-party requests), console errors, uncaught script errors and
    failed responses (a broken image, a missing stylesheet)."""

    def __init__(self, page, base_url):
        self.origin = origin(base_url)
        self.foreign_requests = []
        self.console_errors = []
        self.page_errors = []
        self.failed_responses = []
        page.on("request", self._on_request)
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        page.on("response", self._on_response)

    def _on_request(self, request):
        url = request.url
        if urlsplit(url).scheme in LOCAL_SCHEMES:
            return
        if origin(url) != self.origin:
            self.foreign_requests.append(f"{request.method} {url}")

    def _on_console(self, message):
        if message.type == "error":
            where = message.location or {}
            self.console_errors.append(
                f"{message.text} ({where.get('url', '?')}:{where.get('lineNumber', '?')})"
            )

    def _on_page_error(self, error):
        self.page_errors.append(str(error))

    def _on_response(self, response):
        if response.status >= 400:
            self.failed_responses.append(f"{response.status} {response.url}")

    def problems(self):
        sections = [
            ("Requests to hosts other than " + self.origin, self.foreign_requests),
            ("Console errors", self.console_errors),
            ("Uncaught JavaScript errors", self.page_errors),
            ("Failed responses", self.failed_responses),
        ]
        return "\n".join(
            f"{title}:\n" + "\n".join(f"  - {entry}" for entry in entries)
            for title, entries in sections
            if entries
        )

    def assert_clean(self):
        problems = self.problems()
        assert not problems, problems


def load_all_images(page):
    """Make lazy images load now and wait for them, so broken ones show up as errors."""
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')"
    )
    # Polled from here: wait_for_function evaluates a string in the page, which the
    # portal's Content-Security-Policy (no 'unsafe-eval') rightly refuses.
    for _attempt in range(100):
        if page.evaluate("Array.from(document.images).every(img => img.complete)"):
            return
        page.wait_for_timeout(50)
    raise AssertionError("Images did not finish loading")


def axe_violations(page):
    """axe-core's violations of the WCAG 2.0/2.1 A and AA rules on the page as it is."""
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    return results.response["violations"]


def format_violations(violations):
    """One readable block per rule: what is wrong, where, and how to fix it."""
    blocks = []
    for violation in violations:
        lines = [
            f"* {violation['id']} [{violation['impact']}]: {violation['help']}",
            f"  {violation['helpUrl']}",
        ]
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"  - at {target}")
            lines.append(f"    html: {' '.join(node['html'].split())[:300]}")
            summary = node.get("failureSummary") or ""
            lines.extend(f"    {line.strip()}" for line in summary.splitlines() if line.strip())
        blocks.append("\n".join(lines))
    return f"{len(violations)} WCAG A/AA violation(s):\n" + "\n".join(blocks)


def assert_accessible_and_self_contained(page, watcher, label):
    """WCAG 2.1 A/AA (axe-core), one h1, no sideways scrolling, and nothing the watcher
    saw (requests to other hosts, console or script errors, failed resources)."""
    load_all_images(page)
    problems = []
    violations = axe_violations(page)
    if violations:
        problems.append(format_violations(violations))
    headings = page.locator("h1").count()
    if headings != 1:
        problems.append(f"{headings} h1 elements, expected exactly one")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        problems.append(f"The page scrolls sideways by {overflow}px (WCAG 1.4.10 reflow)")
    if watcher.problems():
        problems.append(watcher.problems())
    assert not problems, f"{label}:\n" + "\n\n".join(problems)
