"""Exports of fund applications: plain CSV, a CSV that German Excel opens by
double-click, and a real Excel workbook (.xlsx, openpyxl) with typed cells. Staff export
only what their admin list shows them. The accounting's list of due payouts (IBAN,
amount, reference) uses the same formats."""

import csv
import datetime
import io
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
    "xlsx": ExportFormat("xlsx", None, False, False, None),
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

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
    (_("repaid"), lambda a: a.repaid_amount),
    (_("decided"), lambda a: a.decided_at),
]

# The accounting's list of due payouts: what to transfer, to whom, with which reference.
PAYOUT_COLUMNS = [
    (_("reference number"), lambda a: a.reference_number),
    (_("account holder"), lambda a: a.account_holder),
    (_("IBAN"), lambda a: a.iban),
    (_("BIC"), lambda a: a.bic),
    (_("amount"), lambda a: a.rest_to_pay),
    (_("purpose of the transfer"), lambda a: f"{a.reference_number} {a.project_title}"[:140]),
    (_("fund"), lambda a: str(a.fund)),
    (_("approved amount"), lambda a: a.granted_amount),
    (_("paid"), lambda a: a.paid_amount),
]


class Echo:
    def write(self, value):
        return value


def xlsx_cell(value):
    """Numbers, dates and yes/no stay typed; text that could run as a formula is quoted."""
    if (
        value is None
        or isinstance(value, int | Decimal | datetime.date)
        and not isinstance(value, bool | datetime.datetime)
    ):
        return value
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return safe_cell(str(value))


def xlsx_content(rows, columns, title: str) -> bytes:
    # openpyxl takes a quarter of a second to import: loaded with the first workbook.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(heading) for heading, _getter in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([xlsx_cell(getter(row)) for _heading, getter in columns])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD.MM.YYYY"
            elif isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00 [$€-407]"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_content(rows, columns, export_format: ExportFormat) -> bytes:
    writer = csv.writer(Echo(), delimiter=export_format.delimiter, lineterminator="\r\n")
    lines = [writer.writerow([safe_cell(str(title)) for title, _getter in columns])]
    for row in rows:
        lines.append(writer.writerow([export_format.cell(getter(row)) for _t, getter in columns]))
    content = "".join(lines)
    if export_format.bom:
        content = "\ufeff" + content
    return content.encode("utf-8")


def rows_response(rows, export_format: ExportFormat, filename_stem: str, columns):
    """A download of `rows` (applications) as CSV or .xlsx."""
    stamp = timezone.localdate().isoformat()
    if export_format.key == "xlsx":
        content = xlsx_content(rows, columns, filename_stem)
        response = HttpResponse(content, content_type=XLSX_TYPE)
        filename = f"{filename_stem}-{stamp}.xlsx"
    else:
        content = csv_content(rows, columns, export_format)
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        suffix = "-excel" if export_format.key == "excel" else ""
        filename = f"{filename_stem}-{stamp}{suffix}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def export_response(queryset, export_format: ExportFormat, filename_stem: str) -> HttpResponse:
    """The applications with their payouts and repayments summed (one subquery each per
    exported row)."""
    rows = queryset.select_related("fund__office").with_paid().iterator(chunk_size=500)
    return rows_response(rows, export_format, filename_stem, COLUMNS)


def payouts_due_response(queryset, export_format: ExportFormat) -> HttpResponse:
    """Approved applications with bank details and money left to pay, for the accounting."""
    applications = queryset.payout_due().select_related("fund__office").with_paid()
    due = [a for a in applications.order_by("reference_number") if a.rest_to_pay > 0]
    return rows_response(due, export_format, "auszahlungen", PAYOUT_COLUMNS)
