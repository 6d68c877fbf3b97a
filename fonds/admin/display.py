"""How the fund admin shows money, times and files: the portal's one money format and
local time (Europe/Berlin), never raw UTC."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from stadtteilbuero.money import format_euro


def euro(value) -> str:
    return format_euro(value) or "–"


def local_time(value) -> str:
    if value is None:
        return "–"
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def download_link(obj):
    return format_html('<a href="{}">{}</a>', obj.get_download_url(), obj.original_name)


def pdf_response(content: bytes, filename_stem: str) -> HttpResponse:
    """A PDF for staff to download: never cached on the way."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename_stem}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
