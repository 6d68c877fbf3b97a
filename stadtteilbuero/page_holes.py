"""Holes in cached pages: the per-visitor values of a public form, filled in per response.

A public form page (the fund application, the room request) carries two values that
belong to one visitor: the CSRF token and the anti-spam stamp (`antispam.form_stamp`,
signed, single-use, with the time the form was shown). So that the page cache can still
serve such a page, it is rendered with placeholders in their place ("holes"), stored
with them, and every response, the first one and each cache hit, gets them replaced by
values made for that request (`fill`).

Why this is safe:

- Each response gets its own values: a CSRF token that Django's `get_token` masks anew
  from the visitor's own cookie secret (a new secret if there is none), and a stamp with
  its own one-time number and the time of this response. The CSRF cookie is set by
  Django's own `CsrfViewMiddleware`, as for a freshly rendered page (with
  `Vary: Cookie`); the response is marked `private`, so no shared cache downstream keeps
  one visitor's values for another.
- A placeholder never reaches a browser: every response that passes the page cache is
  filled, cached or not (a fragment from the fragment cache may hold one too). Only
  streaming responses are left as they are: files, which never render a form.
- Holes are punched only where the page cache already may store: anonymous GET requests
  without a session or messages cookie; what it stores is unchanged (a plain 200
  without cookies). A bound form (after a POST), messages, error pages and pages marked
  private are never stored, as before. Whatever asks Django for a real token during
  such a render (`get_token` in a view) makes the response set a cookie, and a page that
  sets a cookie is not stored.
- POST requests are never rendered with holes and are checked as before: the token
  against the cookie, the stamp's signature, age, one-time number and minimum fill time.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import patch_cache_control
from django.utils.crypto import salted_hmac

# Letters, digits and hyphens only: HTML escaping, URL and JSON encoding leave them as
# they are. Unguessable (drawn from SECRET_KEY): text that staff or a visitor put on a
# page (a link, a search word) cannot hold a hole and so have a visitor's token written
# into a link to another site.
_SECRET_PART = salted_hmac("stadtteilbuero.page_holes", "holes").hexdigest()[:20]
CSRF_TOKEN_HOLE = f"pagecache-hole-csrf-{_SECRET_PART}"
FORM_STAMP_HOLE = f"pagecache-hole-stamp-{_SECRET_PART}"

_TOKEN_HOLE, _STAMP_HOLE = CSRF_TOKEN_HOLE.encode(), FORM_STAMP_HOLE.encode()

_punching = ContextVar("page_holes_punching", default=False)
# Django's own middleware sets the CSRF cookie of a filled response; on a cache hit it
# has not seen the request yet, so it first reads the visitor's cookie.
_csrf_middleware = CsrfViewMiddleware(lambda request: None)


@contextmanager
def punching_holes() -> Iterator[None]:
    """While the page cache renders a page it may store: per-visitor values are holes."""
    reset_token = _punching.set(True)
    try:
        yield
    finally:
        _punching.reset(reset_token)


def csrf_token(request) -> dict:
    """Context processor (after Django's own, which it overrides): `{% csrf_token %}`
    renders a hole while the page cache punches holes."""
    return {"csrf_token": CSRF_TOKEN_HOLE} if _punching.get() else {}


def stamp_hole() -> str | None:
    """The placeholder for a new form's stamp while holes are punched, else None."""
    return FORM_STAMP_HOLE if _punching.get() else None


def fill(request, response):
    """Replace the holes in `response` by values made for this request."""
    if response.streaming:
        return response
    content = response.content
    has_token, has_stamp = _TOKEN_HOLE in content, _STAMP_HOLE in content
    if not (has_token or has_stamp):
        return response
    if has_token:
        _csrf_middleware.process_request(request)
        content = content.replace(_TOKEN_HOLE, get_token(request).encode())
        _csrf_middleware.process_response(request, response)
    if has_stamp:
        from .antispam import form_stamp  # antispam asks this module for its hole

        first, *rest = content.split(_STAMP_HOLE)
        content = first + b"".join(form_stamp().encode() + part for part in rest)
    response.content = content
    if response.has_header("Content-Length"):  # set by CommonMiddleware for the holes
        response["Content-Length"] = str(len(content))
    patch_cache_control(response, private=True)
    return response
