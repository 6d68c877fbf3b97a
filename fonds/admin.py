"""The fund admin, limited to the staff member's offices: funds and applications here;
review and decision (admin_decisions), jury meetings (admin_jury), payouts and proofs
(admin_proofs), and the list's totals, exports, paper applications and anonymisation
(admin_ops) in their own modules. Workflow fields are read-only: every status change goes
through fonds.services.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from offices.admin_scoping import (
    OfficeScopedAdmin,
    OfficeScopedInlineMixin,
    ReadOnlyAdminMixin,
    ReadOnlyInlineMixin,
)

from . import (
    admin_jury,  # noqa: F401 - registers the jury meeting admin
    forms,
)
from .admin_decisions import decision_buttons, decision_urls, start_review_action
from .admin_ops import (
    ApplicationNoteInline,
    ApplicationOpsMixin,
    FundOpsMixin,
    FundYearFilter,
    ManagedFundFilter,
    ManagedOfficeFilter,
)
from .admin_proofs import PayoutInline, ProofInline, ProofOverdueFilter, pay_out_rest
from .models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    Attachment,
    CostCategory,
    ExpenseLine,
    Fund,
    IncomeLine,
    JuryMeeting,
)

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
    "approved_amount",
    "decided_at",
    "decided_by",
    "conditions",
    "reason_for_applicant",
    "internal_reason",
    "created_at",
    "updated_at",
)
APPLICANT_FIELDS = ("fund", *forms.APPLICATION_FIELDS)


@admin.register(CostCategory)
class CostCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "description", "order")
    search_fields = ("name",)
    list_editable = ("order",)
    list_per_page = 50


class JuryMeetingInline(OfficeScopedInlineMixin, admin.TabularInline):
    model = JuryMeeting
    extra = 0
    fields = ("application_deadline", "date")


@admin.register(Fund)
class FundAdmin(FundOpsMixin, OfficeScopedAdmin):
    list_display = (
        "title",
        "office",
        "year",
        "budget",
        "approved",
        "remaining",
        "max_per_application",
        "is_open",
        "report_link",
    )
    list_filter = ("year", "is_open", "office")
    list_select_related = ("office",)
    search_fields = ("title", "office__name")
    filter_horizontal = ("excluded_categories",)
    readonly_fields = ("last_sequence", "created_at", "updated_at")
    inlines = [JuryMeetingInline]
    fieldsets = (
        (None, {"fields": ("office", "year", "title", "summary", "is_open")}),
        (
            _("Money and limits"),
            {
                "fields": (
                    "budget",
                    "max_per_application",
                    "min_own_contribution_percent",
                    "excluded_categories",
                )
            },
        ),
        (_("Texts"), {"fields": ("fundable", "rules", "decision_body")}),
        (_("Contact"), {"fields": ("contact_name", "contact_email", "contact_phone")}),
        (
            _("Metadata"),
            {"classes": ["collapse"], "fields": ("last_sequence", "created_at", "updated_at")},
        ),
    )


class ExpenseLineInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = ExpenseLine
    fields = ("category", "description", "quantity", "unit_price", "total")
    readonly_fields = fields


class IncomeLineInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = IncomeLine
    fields = ("kind", "description", "amount")
    readonly_fields = fields


class AttachmentInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Attachment
    fields = ("download", "purpose", "kind", "size", "created_at")
    readonly_fields = fields

    @admin.display(description=_("file"))
    def download(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_download_url(), obj.original_name)


class ApplicationEventInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = ApplicationEvent
    fields = ("created_at", "event_type", "from_status", "to_status", "actor", "comment")
    readonly_fields = fields


@admin.register(Application)
class ApplicationAdmin(ApplicationOpsMixin, OfficeScopedAdmin):
    list_display = (
        "reference_number",
        "project_title",
        "applicant",
        "requested_amount",
        "approved_amount",
        "status",
        "submitted_at",
    )
    list_filter = (
        ("fund", ManagedFundFilter),
        FundYearFilter,
        "status",
        ("fund__office", ManagedOfficeFilter),
        "entered_by_office",
        ProofOverdueFilter,
    )
    list_select_related = ("fund__office",)
    search_fields = ("reference_number", "project_title", "name", "organisation", "email")
    date_hierarchy = "submitted_at"
    actions = [
        "start_review",
        "export_selected_csv",
        "export_selected_excel",
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
        ProofInline,
        ApplicationEventInline,
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
            _("Decision"),
            {
                "fields": (
                    "approved_amount",
                    "conditions",
                    "reason_for_applicant",
                    "internal_reason",
                    "decided_at",
                    "decided_by",
                    "internal_note",
                )
            },
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

    def has_add_permission(self, request):
        # Applications come in through the public form (and its checks) only.
        return False

    def get_urls(self):
        return decision_urls(self) + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["decision_buttons"] = decision_buttons(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.action(
        description=_("Start the review of the selected applications"), permissions=["change"]
    )
    def start_review(self, request, queryset):
        start_review_action(self, request, queryset)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("fund__office")


@admin.register(ExpenseLine)
class ExpenseLineAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    list_display = ("description", "category", "total", "application")
    list_filter = ("category",)
    list_select_related = ("category", "application")
    search_fields = ("description", "application__reference_number")


@admin.register(IncomeLine)
class IncomeLineAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    list_display = ("kind", "description", "amount", "application")
    list_filter = ("kind",)
    list_select_related = ("application",)
    search_fields = ("description", "application__reference_number")


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    list_display = ("created_at", "event_type", "application", "from_status", "to_status", "actor")
    list_filter = ("event_type", "to_status")
    list_select_related = ("application", "actor")
    search_fields = ("application__reference_number", "comment")
    date_hierarchy = "created_at"


@admin.register(Attachment)
class AttachmentAdmin(OfficeScopedAdmin):
    list_display = ("original_name", "kind", "size", "application", "created_at")
    list_filter = ("kind",)
    list_select_related = ("application",)
    search_fields = ("original_name", "application__reference_number")
    date_hierarchy = "created_at"
    fields = ("download", "application", "kind", "size", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("file"))
    def download(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_download_url(), obj.original_name)


@admin.register(ApplicationNote)
class ApplicationNoteAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    """Notes are written on the application's page; here they can be found and read."""

    list_display = ("created_at", "application", "author", "short_text")
    list_select_related = ("application", "author")
    list_filter = ("application__fund__year",)
    search_fields = ("text", "application__reference_number")
    date_hierarchy = "created_at"
    fields = ("application", "author", "created_at", "text")
    readonly_fields = fields

    @admin.display(description=_("note"))
    def short_text(self, obj):
        return obj.text[:80]
