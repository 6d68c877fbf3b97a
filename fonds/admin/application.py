"""Applications in the admin, limited to the staff member's offices. Workflow fields are
read-only: every status change goes through fonds.services (decisions.py), and the
application's page never links to the applicant's secret status page."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from fonds import forms, services
from fonds.exports import EXPORT_FORMATS, export_response, payouts_due_response
from fonds.models import Application, ApplicationNote
from offices.admin_scoping import OfficeScopedAdmin
from stadtteilbuero.admin import OutgoingMailInline
from stadtteilbuero.admin_lists import CountOnceChangeList, count_once

from .decisions import decision_buttons, decision_urls, start_review_action
from .display import euro, local_time
from .filters import FundYearFilter, ManagedFundFilter, ManagedOfficeFilter, ProofOverdueFilter
from .inlines import (
    ApplicationEventInline,
    ApplicationNoteInline,
    AttachmentInline,
    ExpenseLineInline,
    IncomeLineInline,
    LetterInline,
    PayoutInline,
    ProofInline,
    RepaymentInline,
)
from .money import money_urls, step_buttons
from .paper import may_enter_paper, paper_view
from .payout import pay_out_rest

WORKFLOW_FIELDS = (
    "entered_by_office",
    "entered_by",
    "anonymised_at",
    "reference_number",
    "sequence",
    "status",
    "submitted_at",
    "privacy_consent_at",
    "privacy_version",
    "approved_amount_display",
    "spent_display",
    "paid_display",
    "repayment_display",
    "repaid_display",
    "account_holder",
    "iban_display",
    "bic",
    "bank_details_at",
    "decided_at",
    "decided_by",
    "closed_at",
    "conditions",
    "reason_for_applicant",
    "internal_reason",
    "created_at",
    "updated_at",
)
APPLICANT_FIELDS = ("fund", *forms.APPLICATION_FIELDS)


class ApplicationChangeList(CountOnceChangeList):
    """The list with its totals (count, requested, approved, paid, spent money): they
    count the rows in the same scan as the sums, so the paginator needs no count of its own."""

    def get_results(self, request):
        self.totals = self.queryset.totals()
        count_once(self.queryset, known=self.totals.count)
        super().get_results(request)


@admin.register(Application)
class ApplicationAdmin(OfficeScopedAdmin):
    list_display = (
        "reference_number",
        "project_title",
        "applicant",
        "requested",
        "approved",
        "status",
        "submitted",
    )
    list_filter = (
        ("fund", ManagedFundFilter),
        FundYearFilter,
        "status",
        ("fund__office", ManagedOfficeFilter),
        "entered_by_office",
        ProofOverdueFilter,
    )
    # No column shows the fund or its office: the rows need no join (exports add their own).
    search_fields = ("reference_number", "project_title", "name", "organisation", "email")
    date_hierarchy = "submitted_at"
    # The status page belongs to the applicant alone: no "view on site" for staff.
    view_on_site = False
    actions = [
        "start_review",
        "export_selected_csv",
        "export_selected_excel",
        "export_selected_xlsx",
        "anonymise_selected",
        pay_out_rest,
    ]
    # The meeting changes only through the agenda and "defer", which keep the history.
    readonly_fields = (*WORKFLOW_FIELDS, *APPLICANT_FIELDS, "jury_meeting")
    inlines = [
        ExpenseLineInline,
        IncomeLineInline,
        AttachmentInline,
        ApplicationNoteInline,
        PayoutInline,
        RepaymentInline,
        LetterInline,
        ProofInline,
        ApplicationEventInline,
        OutgoingMailInline,
    ]
    fieldsets = (
        (
            None,
            {"fields": ("reference_number", "fund", "status", "submitted_at", "jury_meeting")},
        ),
        (
            _("Applicant"),
            {
                "fields": (
                    "applicant_type",
                    ("name", "organisation"),
                    "street",
                    ("postal_code", "city"),
                    ("email", "phone"),
                )
            },
        ),
        (
            _("Project"),
            {
                "fields": (
                    "project_title",
                    "description",
                    "benefit",
                    ("target_group", "expected_participants"),
                    "place",
                    ("start_date", "end_date"),
                    "partners",
                    "requested_amount",
                )
            },
        ),
        (
            _("Declarations and consent"),
            {
                "fields": (
                    "declares_no_double_funding",
                    "declares_no_commercial_purpose",
                    "declares_no_follow_up_costs",
                    "consent_publish",
                    "declares_photo_rights",
                    ("privacy_consent_at", "privacy_version"),
                )
            },
        ),
        (
            _("Decision and money"),
            {
                "fields": (
                    "approved_amount_display",
                    "conditions",
                    "reason_for_applicant",
                    "internal_reason",
                    "decided_at",
                    "decided_by",
                    ("paid_display", "spent_display", "repayment_display", "repaid_display"),
                    "closed_at",
                    "internal_note",
                )
            },
        ),
        (
            _("Bank details"),
            {"fields": ("account_holder", ("iban_display", "bic"), "bank_details_at")},
        ),
        (
            _("Metadata"),
            {
                "classes": ["collapse"],
                "fields": (
                    "sequence",
                    "created_at",
                    "updated_at",
                    ("entered_by_office", "entered_by"),
                    "anonymised_at",
                ),
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_paid()

    def get_changelist(self, request, **kwargs):
        return ApplicationChangeList

    def has_add_permission(self, request):
        # Applications come in through the public form (and its checks) or `paper/`.
        return False

    def has_delete_permission(self, request, obj=None):
        # Every application has a history; personal data goes by anonymisation.
        return False

    def get_urls(self):
        return [
            path(
                "export/<str:export_format>/",
                self.admin_site.admin_view(self.export_view),
                name="fonds_application_export",
            ),
            path(
                "auszahlungen/<str:export_format>/",
                self.admin_site.admin_view(self.payouts_due_view),
                name="fonds_application_payouts_due",
            ),
            path(
                "paper/",
                self.admin_site.admin_view(lambda request: paper_view(self, request)),
                name="fonds_application_paper",
            ),
            *decision_urls(self),
            *money_urls(self),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["decision_buttons"] = decision_buttons(obj) + step_buttons(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "cl" in context:
            cl = context["cl"]
            context["totals"] = cl.totals
            context["export_query"] = cl.get_query_string(remove=["p"])
            context["can_enter_paper"] = may_enter_paper(request)
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

    # Columns and read-only money fields, in the portal's money format and local time.

    @admin.display(description=_("applicant"), ordering="name")
    def applicant(self, obj):
        if obj.organisation:
            return f"{obj.name} ({obj.organisation})" if obj.name else obj.organisation
        return obj.name or "–"

    @admin.display(description=_("requested amount"), ordering="requested_amount")
    def requested(self, obj):
        return euro(obj.requested_amount)

    @admin.display(description=_("approved amount"), ordering="approved_amount")
    def approved(self, obj):
        return euro(obj.approved_amount)

    @admin.display(description=_("submitted"), ordering="submitted_at")
    def submitted(self, obj):
        return local_time(obj.submitted_at)

    @admin.display(description=_("approved amount"))
    def approved_amount_display(self, obj):
        return euro(obj.approved_amount)

    @admin.display(description=_("paid out"))
    def paid_display(self, obj):
        return euro(obj.paid_amount)

    @admin.display(description=_("spent"))
    def spent_display(self, obj):
        return euro(obj.spent_amount)

    @admin.display(description=_("repayment due"))
    def repayment_display(self, obj):
        return euro(obj.repayment_due)

    @admin.display(description=_("repaid"))
    def repaid_display(self, obj):
        return euro(obj.repaid_amount)

    @admin.display(description=_("IBAN"))
    def iban_display(self, obj):
        return obj.iban_display or "–"

    # Actions and exports.

    @admin.action(
        description=_("Start the review of the selected applications"), permissions=["change"]
    )
    def start_review(self, request, queryset):
        start_review_action(self, request, queryset)

    def export_view(self, request, export_format):
        if export_format not in EXPORT_FORMATS:
            raise Http404
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            cl = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(reverse("admin:fonds_application_changelist") + "?e=1")
        return export_response(cl.queryset, EXPORT_FORMATS[export_format], "antraege")

    def payouts_due_view(self, request, export_format):
        """The due payouts of the staff member's offices (IBAN, amount, reference)."""
        if export_format not in EXPORT_FORMATS:
            raise Http404
        if not self.has_change_permission(request):
            raise PermissionDenied
        return payouts_due_response(self.get_queryset(request), EXPORT_FORMATS[export_format])

    @admin.action(description=_("Export selected applications as CSV"), permissions=["view"])
    def export_selected_csv(self, request, queryset):
        return export_response(queryset, EXPORT_FORMATS["csv"], "antraege")

    @admin.action(
        description=_("Export selected applications for Excel (CSV with semicolons)"),
        permissions=["view"],
    )
    def export_selected_excel(self, request, queryset):
        return export_response(queryset, EXPORT_FORMATS["excel"], "antraege")

    @admin.action(
        description=_("Export selected applications as Excel workbook (.xlsx)"),
        permissions=["view"],
    )
    def export_selected_xlsx(self, request, queryset):
        return export_response(queryset, EXPORT_FORMATS["xlsx"], "antraege")

    @admin.action(description=_("Anonymise selected applications"), permissions=["change"])
    def anonymise_selected(self, request, queryset):
        """Closed applications only; asks first (it cannot be undone), then calls the
        service for each one."""
        selected = queryset.filter(anonymised_at__isnull=True).order_by("reference_number")
        pending = list(selected.filter(status__in=Application.Status.closed()))
        still_open = list(selected.exclude(status__in=Application.Status.closed()))
        if still_open:
            messages.warning(
                request,
                gettext(
                    "Only closed applications (rejected, withdrawn or completed) can be "
                    "anonymised. Left out: %(refs)s"
                )
                % {"refs": ", ".join(a.reference_number for a in still_open)},
            )
        if not pending:
            return None
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
