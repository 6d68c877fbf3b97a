"""Headers and request checks that apply to every page of the portal.

The Content-Security-Policy itself comes from django-csp (settings.CONTENT_SECURITY_POLICY);
this module adds what django-csp and Django's SecurityMiddleware do not, and the view
the browsers send policy violations to.
"""

import json
import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, QueryDict
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("stadtteilbuero.csp")

# A report is a small JSON document; anything larger is cut before it reaches the log.
MAX_REPORT_BYTES = 4096


def without_nul(query):
    """The query parameters with NUL characters removed (keys and values)."""
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


def portal_security(get_response):
    """NUL characters are dropped from the query string before any view sees it
    (PostgreSQL refuses them in every text comparison: search, filters, the admin's
    search and autocomplete). Every answer gets the Permissions-Policy, and admin pages
    are never stored by a browser or proxy."""

    def middleware(request):
        if "\x00" in "".join(f"{key}{''.join(values)}" for key, values in request.GET.lists()):
            request.GET = without_nul(request.GET)
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.app_name == "admin":
            response.headers["Cache-Control"] = "no-store, private"
        return response

    return middleware


@csrf_exempt
@require_POST
def csp_report(request):
    """Browsers POST Content-Security-Policy violations here; they are logged, not stored."""
    body = request.body[:MAX_REPORT_BYTES]
    try:
        report = json.loads(body)
    except ValueError:
        return HttpResponseBadRequest()
    logger.warning("CSP violation: %s", json.dumps(report, sort_keys=True)[:MAX_REPORT_BYTES])
    return HttpResponse(status=204)
