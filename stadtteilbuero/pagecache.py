"""Anonymous GET pages served from the configured cache, which staff never notice.

- Only requests without a session or messages cookie are served from or stored in the
  cache, so logged-in staff (and an applicant who was just shown a message) always get
  a fresh page.
- A public form's per-visitor values (its CSRF token, its anti-spam stamp) are stored as
  holes and filled in for each response (`page_holes`). A page that sets a cookie (a
  real CSRF token sets one) is not stored, nor anything but a plain 200.
- The key holds the language, the host and the full path with its query string, and
  a generation: every save or delete of a model (m2m changes included, see
  `content_changed`) starts a new generation, so a change in the admin is visible on
  the very next request. Rows no public page shows keep the generation: what residents
  send (`shown_on_public_pages`), sessions, login records, the mail queue. The time of
  the last change is kept with it and serves as `Last-Modified` for the feeds. With
  Redis it lives in the cache; without, in a file's time (`GENERATION_FILE`), so all the
  processes of a server share it.
- Entries also expire after PAGE_CACHE_SECONDS, since "upcoming" moves with the clock.
"""

import datetime
import hashlib
import os
import time
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.utils import timezone, translation

from . import page_holes

GENERATION_KEY = "pagecache:generation"
# Rows that change on their own and are never shown on a public page: sessions, the mail
# queue and its task results, the login records of axes and the second factors (each login
# writes them). tests/stadtteilbuero/test_page_cache.py checks that each label exists.
IGNORED_MODELS = {
    "admin.logentry",
    "sessions.session",
    "contenttypes.contenttype",
    "auth.permission",
    "stadtteilbuero.outgoingmail",
    "stadtteilbuero.ratelimitcounter",
    "django_tasks_database.dbtaskresult",
    "axes.accessattempt",
    "axes.accessattemptexpiration",
    "axes.accessfailurelog",
    "axes.accesslog",
    "otp_static.staticdevice",
    "otp_static.statictoken",
    "otp_totp.totpdevice",
}
BYPASS_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}


class NotOnPublicPages:
    """For models whose rows no public page shows, what residents send (an application's
    cost plan, history and files, a proof of use, a room request): saving or deleting one
    keeps the page cache (`content_changed`). A model whose rows are shown only in some
    states defines `shown_on_public_pages` as a property instead (fonds Application)."""

    shown_on_public_pages = False


# Without a shared cache (no REDIS_URL: each process keeps its own, in local memory) the
# generation must still be one for all processes, gunicorn's workers and the management
# commands alike: a change in one worker would otherwise leave the pages of the others as
# they were. It is then the modification time of this file, set to the nanosecond by a
# change and read once per request (one stat, about two microseconds each).
GENERATION_FILE = Path(settings.VAR_DIR) / "pagecache-generation"


def _cache_per_process() -> bool:
    return isinstance(caches["default"], LocMemCache)


def last_change() -> float:
    """The time of the last content change (a new generation if none is known)."""
    if _cache_per_process():
        try:
            return os.stat(GENERATION_FILE).st_mtime_ns / 1e9
        except FileNotFoundError:
            _new_generation()
            return os.stat(GENERATION_FILE).st_mtime_ns / 1e9
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = time.time()
        cache.add(GENERATION_KEY, generation, timeout=None)
    return generation


def last_modified(request, *args, **kwargs) -> datetime.datetime:
    """For `@condition(last_modified_func=...)` on feeds: their content changes with the
    data (the last change) and with the day (their window moves at midnight)."""
    changed = datetime.datetime.fromtimestamp(last_change(), tz=datetime.UTC)
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return max(changed, midnight)


def _new_generation() -> None:
    if not _cache_per_process():
        cache.set(GENERATION_KEY, time.time(), timeout=None)
        return
    now = time.time_ns()
    try:
        os.utime(GENERATION_FILE, ns=(now, now))
    except FileNotFoundError:
        GENERATION_FILE.parent.mkdir(parents=True, exist_ok=True)
        GENERATION_FILE.touch()
        os.utime(GENERATION_FILE, ns=(now, now))


# Set when the current request changed content: its transaction commits before the
# response leaves the middleware, which then starts a generation once more (a page
# rendered between the save and the commit may have been stored with the old rows).
_changed_in_request = ContextVar("pagecache_changed", default=False)


def content_changed(sender, instance=None, **kwargs) -> None:
    """Signal receiver: a saved or deleted row ends the current generation, unless no
    public page shows it. A model says so with `shown_on_public_pages` (False, or a
    property of the row): what residents send (an application, its cost plan and files, a
    proof of use, a room request) would otherwise empty the caches with every submission,
    on a deadline day many times a minute."""
    if sender._meta.label_lower in IGNORED_MODELS:
        return
    if not getattr(instance, "shown_on_public_pages", True):
        return
    _new_generation()
    _changed_in_request.set(True)


def fragment_key(name: str, vary_on, generation: float) -> str:
    """Key of a template fragment ({% fragment %}): like a page, it belongs to a
    generation (`last_change()`) and the language, so a change in the admin shows on the
    next request."""
    raw = "|".join([str(generation), translation.get_language() or "", name, *map(str, vary_on)])
    return "pagecache:fragment:" + hashlib.sha256(raw.encode()).hexdigest()


def _key(request, generation: float) -> str:
    raw = (
        f"{generation}|{translation.get_language()}|{request.get_host()}|{request.get_full_path()}"
    )
    return "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and not BYPASS_COOKIES.intersection(request.COOKIES)
        and not request.path_info.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)
    )


def _storable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _staff_post(request) -> bool:
    """A form that staff sent may have changed rows without a signal (an admin action's
    `queryset.update()`): the pages start afresh after it, to be sure."""
    user = getattr(request, "user", None)
    return request.method == "POST" and bool(user and user.is_authenticated and user.is_staff)


class PageCacheMiddleware:
    """Placed after LocaleMiddleware (the language is part of the key)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            token = _changed_in_request.set(False)
            try:
                return page_holes.fill(request, self.get_response(request))
            finally:
                if _changed_in_request.get() or _staff_post(request):
                    _new_generation()
                _changed_in_request.reset(token)
        key = _key(request, last_change())
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return page_holes.fill(request, response)
        with page_holes.punching_holes():
            response = self.get_response(request)
        if _storable(response):
            cache.set(key, (response.content, dict(response.items())), settings.PAGE_CACHE_SECONDS)
        return page_holes.fill(request, response)
