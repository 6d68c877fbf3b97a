"""Office work on the fund in the admin: the application list with its totals and
exports, anonymisation, paper applications, internal notes, and the fund's figures
and year report.

`fonds/admin.py` registers the admins; the pieces here are mixed into them so the
registrations stay in one place. Every query goes through `managed_by`, so staff see
and export only their own offices' applications; every write calls a service.
"""

import csv
import datetime
from decimal import Decimal

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, DecimalField, Q, Sum
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from offices.admin_scoping import OfficeScopedInlineMixin
from offices.models import Office

from . import services
from .forms import PaperApplicationSubmission
from .models import MONEY, ZERO, Application, ApplicationNote, Fund, euro

# --- Changelist filters: only the staff member's own funds and offices ------------------


class ManagedFundFilter(admin.RelatedFieldListFilter):
    def field_choices(self, field, request, model_admin):
        funds = Fund.objects.managed_by(request.user).select_related("office")
        return [(fund.pk, f"{fund} – {fund.office.name}") for fund in funds]


class ManagedOfficeFilter(admin.RelatedFieldListFilter):
    def field_choices(self, field, request, model_admin):
        return list(Office.objects.managed_by(request.user).values_list("pk", "name"))


class FundYearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = (
            Fund.objects.managed_by(request.user)
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            raise IncorrectLookupParameters(value)
        return queryset.filter(fund__year=int(value))


def with_paid(queryset):
    """The list with each application's payouts summed up (`paid_total`), once."""
    if "paid_total" in queryset.query.annotations:
        return queryset
    return queryset.with_paid_total()


# --- Exports ------------------------------------------------------------------------

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


def export_columns(with_paid: bool):
    columns = [
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
    ]
    if with_paid:
        columns.append((_("paid"), lambda a: a.paid_total or ZERO))
    columns.append((_("decided"), lambda a: a.decided_at))
    return columns


class Echo:
    def write(self, value):
        return value


def export_response(queryset, export_format: ExportFormat, filename_stem: str) -> HttpResponse:
    queryset = queryset.select_related("fund__office")
    with_paid = "paid_total" in queryset.query.annotations
    columns = export_columns(with_paid)
    writer = csv.writer(Echo(), delimiter=export_format.delimiter, lineterminator="\r\n")
    rows = [writer.writerow([safe_cell(str(title)) for title, _getter in columns])]
    for application in queryset.iterator(chunk_size=500):
        rows.append(
            writer.writerow([export_format.cell(getter(application)) for _t, getter in columns])
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


# --- Application admin ----------------------------------------------------------------


class ApplicationNoteInline(OfficeScopedInlineMixin, admin.StackedInline):
    """Staff notes: added here, never edited or shown to the applicant."""

    model = ApplicationNote
    extra = 1
    can_delete = False
    fields = ("text", "author", "created_at")
    readonly_fields = ("author", "created_at")

    def has_change_permission(self, request, obj=None):
        # Existing notes stay as written (shown read-only); new ones can be added.
        return False


class ApplicationOpsMixin:
    """Changelist totals, exports, anonymisation and paper applications."""

    def get_urls(self):
        opts = self.model._meta
        info = opts.app_label, opts.model_name
        return [
            path(
                "export/<str:export_format>/",
                self.admin_site.admin_view(self.export_view),
                name="{}_{}_export".format(*info),
            ),
            path(
                "paper/",
                self.admin_site.admin_view(self.paper_view),
                name="{}_{}_paper".format(*info),
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("applicant"), ordering="name")
    def applicant(self, obj):
        if obj.organisation:
            return f"{obj.name} ({obj.organisation})" if obj.name else obj.organisation
        return obj.name or "–"

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "cl" in context:
            cl = context["cl"]
            context["totals"] = with_paid(cl.queryset).totals()
            context["export_query"] = cl.get_query_string(remove=["p"])
            context["can_enter_paper"] = self.has_paper_permission(request)
        return response

    def save_formset(self, request, form, formset, change):
        if formset.model is ApplicationNote:
            for note in formset.save(commit=False):
                if note.pk is None:
                    note.author = request.user
                note.save()
            formset.save_m2m()
            return
        super().save_formset(request, form, formset, change)

    # Exports of the filtered list (links) and of the selected rows (actions).

    def export_view(self, request, export_format):
        if export_format not in EXPORT_FORMATS:
            raise Http404
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            cl = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(reverse("admin:fonds_application_changelist") + "?e=1")
        return export_response(with_paid(cl.queryset), EXPORT_FORMATS[export_format], "antraege")

    @admin.action(description=_("Export selected applications as CSV"), permissions=["view"])
    def export_selected_csv(self, request, queryset):
        return export_response(with_paid(queryset), EXPORT_FORMATS["csv"], "antraege")

    @admin.action(
        description=_("Export selected applications for Excel (CSV with semicolons)"),
        permissions=["view"],
    )
    def export_selected_excel(self, request, queryset):
        return export_response(with_paid(queryset), EXPORT_FORMATS["excel"], "antraege")

    @admin.action(description=_("Anonymise selected applications"), permissions=["change"])
    def anonymise_selected(self, request, queryset):
        """Asks first (it cannot be undone), then calls the service for each one."""
        pending = list(queryset.filter(anonymised_at__isnull=True).order_by("reference_number"))
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Anonymise applications?"),
                "applications": pending,
                "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
                "action": "anonymise_selected",
            }
            return TemplateResponse(
                request, "admin/fonds/application/anonymise_confirmation.html", context
            )
        for application in pending:
            services.application_anonymise(application=application, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)s application anonymised.",
                "%(count)s applications anonymised.",
                len(pending),
            )
            % {"count": len(pending)},
            messages.SUCCESS,
        )
        return None

    # Paper applications.

    def has_paper_permission(self, request):
        return request.user.has_perm("fonds.add_application") and (
            Fund.objects.managed_by(request.user).exists()
        )

    def paper_view(self, request):
        if not self.has_paper_permission(request):
            raise PermissionDenied
        funds = Fund.objects.managed_by(request.user).select_related("office")
        fund_id = request.GET.get("fund", "")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Enter a paper application"),
            "funds": funds.order_by("-year", "office__name"),
        }
        if not fund_id.isdigit():
            return TemplateResponse(request, "admin/fonds/application/paper_choose.html", context)
        fund = get_object_or_404(funds.with_details(), pk=int(fund_id))
        if request.method == "POST":
            add_row = request.POST.get("add_row")
            submission = PaperApplicationSubmission(
                fund, request.POST, request.FILES, add_row=add_row
            )
            if add_row or "recalculate" in request.POST:
                submission.show_without_errors()
            elif submission.is_valid():
                try:
                    application = services.application_enter_on_paper(
                        fund=fund,
                        application=submission.application(),
                        expenses=submission.expenses.instances(),
                        incomes=submission.incomes.instances(),
                        signed_original=submission.form.cleaned_data["signed_original"],
                        attachments=submission.form.cleaned_data["attachments"],
                        received_at=submission.form.received_at(),
                        actor=request.user,
                    )
                except services.ApplicationError as error:
                    submission.add_errors(error.errors)
                else:
                    self.message_user(
                        request,
                        gettext("The paper application %(ref)s has been entered.")
                        % {"ref": application.reference_number},
                        messages.SUCCESS,
                    )
                    return redirect("admin:fonds_application_change", application.pk)
        else:
            submission = PaperApplicationSubmission(fund)
        context.update(
            fund=fund,
            submission=submission,
            form=submission.form,
            totals=submission.totals() if submission.is_bound else None,
            title=gettext("Enter a paper application: %(fund)s") % {"fund": fund},
        )
        status = 400 if submission.is_bound and submission.error_summary() else 200
        return TemplateResponse(
            request, "admin/fonds/application/paper_form.html", context, status=status
        )


# --- Fund admin: figures and the year report ---------------------------------------------


class FundOpsMixin:
    def get_queryset(self, request):
        return super().get_queryset(request).with_figures()

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/report/",
                self.admin_site.admin_view(self.report_view),
                name=f"{opts.app_label}_{opts.model_name}_report",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("approved"), ordering="approved_total")
    def approved(self, obj):
        return euro(obj.approved_total)

    @admin.display(description=_("remaining"))
    def remaining(self, obj):
        return euro(obj.remaining)

    @admin.display(description=_("year report"))
    def report_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:fonds_fund_report", args=[obj.pk]),
            gettext("Year report"),
        )

    def report_view(self, request, object_id):
        fund = self.get_object(request, object_id)  # another office's fund: 404
        if not self.has_view_permission(request, fund):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": fund,
            "title": gettext("Year report %(year)s: %(fund)s")
            % {"year": fund.year, "fund": fund.title},
            **year_report(fund),
        }
        return TemplateResponse(request, "admin/fonds/fund/year_report.html", context)


def year_report(fund: Fund) -> dict:
    """The figures of one fund's year, each a single aggregate query."""
    money = DecimalField(**MONEY)
    granted = Q(status__in=Application.Status.granted())
    granted_amount = Coalesce("approved_amount", "requested_amount")
    applications = Application.objects.filter(fund=fund)
    totals = with_paid(applications).totals()
    by_status = {
        row["status"]: row
        for row in applications.order_by()
        .values("status")
        .annotate(
            count=Count("pk"),
            requested=Coalesce(Sum("requested_amount"), ZERO, output_field=money),
        )
    }
    statuses = [
        {
            "label": label,
            "count": by_status.get(value, {}).get("count", 0),
            "requested": by_status.get(value, {}).get("requested", ZERO),
        }
        for value, label in Application.Status.choices
    ]
    target_groups = list(
        applications.filter(granted)
        .order_by()
        .values("target_group")
        .annotate(
            count=Count("pk"),
            approved=Coalesce(Sum(granted_amount), ZERO, output_field=money),
            participants=Coalesce(Sum("expected_participants"), 0),
        )
        .order_by("-approved", "target_group")
    )
    applicant_types = {
        row["applicant_type"]: row
        for row in applications.filter(granted)
        .order_by()
        .values("applicant_type")
        .annotate(
            count=Count("pk"), approved=Coalesce(Sum(granted_amount), ZERO, output_field=money)
        )
    }
    by_applicant_type = [
        {
            "label": label,
            "count": applicant_types.get(value, {}).get("count", 0),
            "approved": applicant_types.get(value, {}).get("approved", ZERO),
        }
        for value, label in Application.ApplicantType.choices
    ]
    projects = applications.filter(granted).count()
    return {
        "fund": fund,
        "budget": fund.budget,
        "approved": totals["approved"],
        "remaining": max(fund.budget - totals["approved"], ZERO),
        "paid": totals.get("paid"),
        "requested": totals["requested"],
        "applications_count": totals["count"],
        "projects_count": projects,
        "statuses": statuses,
        "target_groups": target_groups,
        "applicant_types": by_applicant_type,
        "printed_on": date_format(timezone.localdate(), "DATE_FORMAT"),
    }
