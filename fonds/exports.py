"""Exports of fund applications as CSV: plain CSV, and what German Excel opens by
double-click. Staff export only what their admin list shows them."""

import csv
import datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class ExportFormat:
    """`csv`: comma, dot decimals, ISO dates, UTF-8. `excel`: what German Excel opens
    by double-click: semicolon, decimal comma, German dates, UTF-8 with a BOM."""

    def __init__(self, key, delimiter, decimal_comma, bom, date_pattern):
        self.key = key
        self.delimiter = delimiter
        self.decimal_comma = decimal_comma
        self.bom = bom
        self.date_pattern = date_pattern

    def cell(self, value) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return gettext("yes") if value else gettext("no")
        if isinstance(value, Decimal):
            text = f"{value:.2f}"
            return text.replace(".", ",") if self.decimal_comma else text
        if isinstance(value, int):
            return str(value)
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value).date()
        if isinstance(value, datetime.date):
            return value.strftime(self.date_pattern)
        return safe_cell(str(value))


EXPORT_FORMATS = {
    "csv": ExportFormat("csv", ",", False, False, "%Y-%m-%d"),
    "excel": ExportFormat("excel", ";", True, True, "%d.%m.%Y"),
}

COLUMNS = [
    (_("reference number"), lambda a: a.reference_number),
    (_("fund"), lambda a: str(a.fund)),
    (_("office"), lambda a: a.fund.office.name),
    (_("status"), lambda a: a.get_status_display()),
    (_("submitted"), lambda a: a.submitted_at),
    (_("entered by the office"), lambda a: a.entered_by_office),
    (_("you apply as"), lambda a: a.get_applicant_type_display()),
    (_("name"), lambda a: a.name),
    (_("initiative or organisation"), lambda a: a.organisation),
    (_("e-mail"), lambda a: a.email),
    (_("phone"), lambda a: a.phone),
    (_("street and number"), lambda a: a.street),
    (_("postal code"), lambda a: a.postal_code),
    (_("town"), lambda a: a.city),
    (_("project title"), lambda a: a.project_title),
    (_("target group"), lambda a: a.target_group),
    (_("expected participants"), lambda a: a.expected_participants),
    (_("start"), lambda a: a.start_date),
    (_("end"), lambda a: a.end_date),
    (_("requested amount"), lambda a: a.requested_amount),
    (_("approved amount"), lambda a: a.approved_amount),
    (_("paid"), lambda a: a.paid_amount),
    (_("spent"), lambda a: a.spent_amount),
    (_("repayment due"), lambda a: a.repayment_due),
    (_("decided"), lambda a: a.decided_at),
]


class Echo:
    def write(self, value):
        return value


def export_response(queryset, export_format: ExportFormat, filename_stem: str) -> HttpResponse:
    """The applications with their payouts summed (one subquery per exported row)."""
    queryset = queryset.select_related("fund__office").with_paid()
    writer = csv.writer(Echo(), delimiter=export_format.delimiter, lineterminator="\r\n")
    rows = [writer.writerow([safe_cell(str(title)) for title, _getter in COLUMNS])]
    for application in queryset.iterator(chunk_size=500):
        rows.append(
            writer.writerow([export_format.cell(getter(application)) for _t, getter in COLUMNS])
        )
    content = "".join(rows)
    if export_format.bom:
        content = "\ufeff" + content
    response = HttpResponse(content.encode("utf-8"), content_type="text/csv; charset=utf-8")
    suffix = "-excel" if export_format.key == "excel" else ""
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename_stem}-{stamp}{suffix}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
