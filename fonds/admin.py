"""A plain admin for funds and applications, limited to the staff member's offices.

The staff workflow (review, decision, payout) comes with its own issue; here the
workflow fields are read-only and attachments open through the permission-checked
download view.
"""

from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from offices.admin_scoping import OfficeScopedAdmin, OfficeScopedInlineMixin

from . import forms, services
from .admin_ops import (
    ApplicationNoteInline,
    ApplicationOpsMixin,
    FundOpsMixin,
    FundYearFilter,
    ManagedFundFilter,
    ManagedOfficeFilter,
)
from .forms import PayoutForm, ProofReviewForm
from .models import (
    ZERO,
    AgendaItem,
    Application,
    ApplicationEvent,
    ApplicationNote,
    Attachment,
    ConflictOfInterest,
    CostCategory,
    ExpenseLine,
    Fund,
    IncomeLine,
    JuryMeeting,
    JuryMember,
    Payout,
    Proof,
    ProofPayment,
    ProofPhoto,
    euro,
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


class ReadOnlyInlineMixin(OfficeScopedInlineMixin):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
    )
    list_select_related = ("fund__office",)
    search_fields = ("reference_number", "project_title", "name", "organisation", "email")
    date_hierarchy = "submitted_at"
    actions = ["start_review", "export_selected_csv", "export_selected_excel", "anonymise_selected"]
    # The meeting changes only through the agenda and "defer", which keep the history.
    readonly_fields = (*WORKFLOW_FIELDS, *APPLICANT_FIELDS, "jury_meeting")
    inlines = [
        ExpenseLineInline,
        IncomeLineInline,
        AttachmentInline,
        ApplicationNoteInline,
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
class ExpenseLineAdmin(OfficeScopedAdmin):
    list_display = ("description", "category", "total", "application")
    list_filter = ("category",)
    list_select_related = ("category", "application")
    search_fields = ("description", "application__reference_number")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(IncomeLine)
class IncomeLineAdmin(OfficeScopedAdmin):
    list_display = ("kind", "description", "amount", "application")
    list_filter = ("kind",)
    list_select_related = ("application",)
    search_fields = ("description", "application__reference_number")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(OfficeScopedAdmin):
    list_display = ("created_at", "event_type", "application", "from_status", "to_status", "actor")
    list_filter = ("event_type", "to_status")
    list_select_related = ("application", "actor")
    search_fields = ("application__reference_number", "comment")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


# --- Review and decision: buttons on the change page, confirmation pages -----------------

DECISION_ACTIONS = {
    # action in the URL: (target status or None for a deferral, button label)
    "start-review": (Application.Status.IN_REVIEW, _("Start review")),
    "approve": (Application.Status.APPROVED, _("Approve")),
    "reject": (Application.Status.REJECTED, _("Reject")),
    "defer": (None, _("Defer to a later meeting")),
}


def decision_buttons(application):
    """The buttons the application's status allows (TRANSITIONS), with their URLs."""
    buttons = []
    for action, (status, label) in DECISION_ACTIONS.items():
        allowed = (
            application.status in services.OPEN_STATUSES
            if status is None
            else application.can_transition_to(status)
        )
        if allowed:
            url = reverse("admin:fonds_application_decision", args=[application.pk, action])
            buttons.append({"url": url, "label": label, "action": action})
    return buttons


def decision_urls(model_admin):
    return [
        path(
            "<path:object_id>/entscheidung/<slug:action>/",
            model_admin.admin_site.admin_view(partial(decision_view, model_admin)),
            name="fonds_application_decision",
        )
    ]


def _agenda_item(request, application):
    """The jury's recorded decision, when staff come from the meeting's agenda."""
    item_id = request.GET.get("item", "")
    if not item_id.isdigit():
        return None
    return (
        AgendaItem.objects.managed_by(request.user)
        .filter(pk=item_id, application=application)
        .first()
    )


def decision_view(model_admin, request, object_id, action):
    """One confirmation page per status button; approve and reject show the e-mail first."""
    application = model_admin.get_object(request, object_id)
    if action not in DECISION_ACTIONS:
        raise Http404
    if not model_admin.has_change_permission(request, application):
        raise PermissionDenied
    change_url = reverse("admin:fonds_application_change", args=[application.pk])
    status, label = DECISION_ACTIONS[action]
    if status is not None and not application.can_transition_to(status):
        messages.error(
            request,
            gettext("An application in status “%(status)s” cannot change to “%(new)s”.")
            % {"status": application.get_status_display(), "new": status.label},
        )
        return redirect(change_url)
    item = _agenda_item(request, application)
    form_class = {
        "start-review": forms.StartReviewForm,
        "approve": forms.ApproveForm,
        "reject": forms.RejectForm,
        "defer": forms.DeferForm,
    }[action]
    kwargs = {"application": application} if action == "defer" else {}
    preview = False
    if request.method == "POST":
        confirm = "_confirm" in request.POST
        if action in ("approve", "reject"):
            kwargs["confirm"] = confirm
        form = form_class(request.POST, **kwargs)
        if "_edit" in request.POST:
            pass  # back from the preview to the decision fields, values kept
        elif not form.is_valid():
            # Only the e-mail is wrong (empty): stay on the preview.
            preview = confirm and not any(
                name in form.errors for name in getattr(form, "DECISION_FIELDS", ())
            )
        else:
            data = form.cleaned_data
            if action in ("approve", "reject") and not confirm:
                subject, body = services.decision_mail_draft(
                    application=application,
                    decision=status,
                    amount=data.get("amount"),
                    conditions=data.get("conditions", ""),
                    reason_for_applicant=data["reason_for_applicant"],
                )
                form = form_class(
                    initial={**data, "mail_subject": subject, "mail_body": body}, **kwargs
                )
                preview = True
            else:
                try:
                    message = _run_decision(action, application, request.user, data)
                except services.ApplicationError as error:
                    for field, field_errors in error.errors.items():
                        for text in field_errors:
                            form.add_error(field if field in form.fields else None, text)
                    if not error.errors:
                        form.add_error(None, error.message)
                else:
                    messages.success(request, message)
                    return redirect(change_url)
    else:
        initial = {}
        if item is not None:
            initial = {
                "amount": item.amount or application.requested_amount,
                "internal_reason": item.note,
            }
        elif action == "approve":
            initial = {"amount": application.requested_amount}
        if action == "defer":
            next_meeting = (
                application.jury_meeting.next_meeting() if application.jury_meeting else None
            )
            initial = {"meeting": next_meeting}
        form = form_class(initial=initial, **kwargs)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Application._meta,
        "original": application,
        "title": f"{label}: {application.reference_number}",
        "form": form,
        "action": action,
        "preview": preview,
        "needs_preview": action in ("approve", "reject"),
        "item": item,
        "change_url": change_url,
    }
    return TemplateResponse(request, "admin/fonds/application/decision.html", context)


def _run_decision(action, application, actor, data):
    if action == "start-review":
        services.application_start_review(
            application=application, actor=actor, comment=data["comment"]
        )
        return gettext("The review of %(ref)s has started.") % {"ref": application.reference_number}
    if action == "approve":
        services.application_approve(
            application=application,
            actor=actor,
            amount=data["amount"],
            conditions=data["conditions"],
            reason_for_applicant=data["reason_for_applicant"],
            internal_reason=data["internal_reason"],
            mail_subject=data["mail_subject"],
            mail_body=data["mail_body"],
        )
        return gettext("%(ref)s is approved; the applicant receives the e-mail.") % {
            "ref": application.reference_number
        }
    if action == "reject":
        services.application_reject(
            application=application,
            actor=actor,
            reason_for_applicant=data["reason_for_applicant"],
            internal_reason=data["internal_reason"],
            mail_subject=data["mail_subject"],
            mail_body=data["mail_body"],
        )
        return gettext("%(ref)s is rejected; the applicant receives the e-mail.") % {
            "ref": application.reference_number
        }
    services.application_defer(
        application=application, actor=actor, meeting=data["meeting"], comment=data["comment"]
    )
    return gettext("%(ref)s is deferred to the meeting on %(date)s.") % {
        "ref": application.reference_number,
        "date": str(data["meeting"]),
    }


def start_review_action(model_admin, request, queryset):
    started, refused = 0, []
    for application in queryset:
        try:
            services.application_start_review(application=application, actor=request.user)
        except services.ApplicationError:
            refused.append(application.reference_number)
        else:
            started += 1
    if started:
        messages.success(
            request,
            ngettext(
                "The review of %(count)d application has started.",
                "The review of %(count)d applications has started.",
                started,
            )
            % {"count": started},
        )
    if refused:
        messages.warning(
            request,
            gettext("Not possible in their status (only submitted applications): %(refs)s")
            % {"refs": ", ".join(refused)},
        )


# --- Jury meetings: members present, agenda, conflicts, votes, minutes, jury sheet -------


class MeetingChildInline(OfficeScopedInlineMixin, admin.TabularInline):
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        self.parent_meeting = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        meeting = getattr(self, "parent_meeting", None)
        if db_field.name == "application":
            queryset = Application.objects.managed_by(request.user)
            kwargs["queryset"] = (
                queryset.filter(fund_id=meeting.fund_id) if meeting else queryset.none()
            )
        if db_field.name == "member":
            kwargs["queryset"] = (
                JuryMember.objects.filter(meeting=meeting) if meeting else JuryMember.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class JuryMemberInline(MeetingChildInline):
    model = JuryMember
    fields = ("order", "name", "role")


class AgendaItemInline(MeetingChildInline):
    model = AgendaItem
    fields = (
        "order",
        "application",
        "votes_yes",
        "votes_no",
        "votes_abstain",
        "outcome",
        "amount",
        "note",
        "apply_decision",
    )
    readonly_fields = ("apply_decision",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("application")

    @admin.display(description=_("apply"))
    def apply_decision(self, item):
        action = {
            AgendaItem.Outcome.APPROVE: "approve",
            AgendaItem.Outcome.REJECT: "reject",
            AgendaItem.Outcome.DEFER: "defer",
        }.get(item.outcome)
        if not item.pk or action is None:
            return "–"
        if item.application.status not in services.OPEN_STATUSES:
            return item.application.get_status_display()
        url = reverse("admin:fonds_application_decision", args=[item.application_id, action])
        return format_html(
            '<a href="{}?item={}">{}</a>', url, item.pk, gettext("Apply the decision")
        )


class ConflictOfInterestInline(MeetingChildInline):
    model = ConflictOfInterest
    fields = ("member", "application", "reason")


@admin.register(JuryMeeting)
class JuryMeetingAdmin(OfficeScopedAdmin):
    list_display = ("date", "application_deadline", "fund", "location", "quorum_status")
    list_filter = ("fund__year",)
    list_select_related = ("fund__office",)
    search_fields = ("fund__title", "fund__office__name")
    date_hierarchy = "date"
    fields = (
        "fund",
        "date",
        "application_deadline",
        "location",
        ("quorum", "quorum_status"),
        "notes",
    )
    readonly_fields = ("quorum_status",)
    inlines = [JuryMemberInline, AgendaItemInline, ConflictOfInterestInline]
    actions = ["build_agenda"]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/tagesordnung/",
                view(self.build_agenda_view),
                name="fonds_jurymeeting_build_agenda",
            ),
            path(
                "<path:object_id>/protokoll/",
                view(self.minutes_view),
                name="fonds_jurymeeting_minutes",
            ),
            path(
                "<path:object_id>/juryblatt/",
                view(self.jury_sheet_view),
                name="fonds_jurymeeting_jury_sheet",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(present_count=Count("members"))

    @admin.display(description=_("members present / quorum"))
    def quorum_status(self, meeting):
        if meeting.pk is None:
            return "–"
        present = getattr(meeting, "present_count", None)
        present = meeting.members_present if present is None else present
        met = gettext("met") if present >= meeting.quorum else gettext("not met")
        return f"{present} / {meeting.quorum} ({met})"

    @admin.action(
        description=_("Build the agenda of the selected meetings"), permissions=["change"]
    )
    def build_agenda(self, request, queryset):
        added = sum(services.jury_meeting_build_agenda(meeting=meeting) for meeting in queryset)
        messages.success(
            request,
            ngettext(
                "%(count)d application was added to the agenda.",
                "%(count)d applications were added to the agenda.",
                added,
            )
            % {"count": added},
        )

    def _meeting(self, request, object_id, permission="view", queryset=None):
        """The meeting if it belongs to the member's offices (else 404) and they may see it."""
        queryset = self.get_queryset(request) if queryset is None else queryset
        try:
            meeting = queryset.managed_by(request.user).get(pk=object_id)
        except (JuryMeeting.DoesNotExist, ValueError, ValidationError) as error:
            raise Http404 from error
        check = self.has_change_permission if permission == "change" else self.has_view_permission
        if not check(request, meeting):
            raise PermissionDenied
        return meeting

    def build_agenda_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        meeting = self._meeting(request, object_id, "change")
        self.build_agenda(request, JuryMeeting.objects.filter(pk=meeting.pk))
        return redirect(reverse("admin:fonds_jurymeeting_change", args=[meeting.pk]))

    def minutes_view(self, request, object_id):
        meeting = self._meeting(
            request,
            object_id,
            queryset=JuryMeeting.objects.select_related("fund__office").prefetch_related(
                "members",
                Prefetch("agenda_items", queryset=AgendaItem.objects.for_minutes()),
                Prefetch("conflicts", queryset=ConflictOfInterest.objects.select_related("member")),
            ),
        )
        conflicts = {}
        for conflict in meeting.conflicts.all():
            conflicts.setdefault(conflict.application_id, []).append(conflict)
        present = meeting.members_present
        items = [
            {
                "item": item,
                "conflicts": conflicts.get(item.application_id, []),
                "voting": present - len(conflicts.get(item.application_id, [])),
            }
            for item in meeting.agenda_items.all()
        ]
        for row in items:
            row["quorum_met"] = row["voting"] >= meeting.quorum
        context = {"meeting": meeting, "fund": meeting.fund, "items": items}
        return TemplateResponse(request, "fonds/jurymeeting_minutes.html", context)

    def jury_sheet_view(self, request, object_id):
        meeting = self._meeting(
            request, object_id, queryset=JuryMeeting.objects.select_related("fund__office")
        )
        applications = list(
            Application.objects.for_jury_sheet(meeting).prefetch_related(
                Prefetch("expenses", queryset=ExpenseLine.objects.select_related("category")),
                "incomes",
            )
        )
        sheets = [
            {
                "application": application,
                "totals": services.finance_totals(
                    expenses=application.expenses.all(),
                    incomes=application.incomes.all(),
                    requested=application.requested_amount,
                ),
            }
            for application in applications
        ]
        context = {"meeting": meeting, "fund": meeting.fund, "sheets": sheets}
        return TemplateResponse(request, "fonds/jurymeeting_jury_sheet.html", context)


@admin.register(JuryMember)
class JuryMemberAdmin(OfficeScopedAdmin):
    list_display = ("name", "role", "meeting")
    list_select_related = ("meeting__fund__office",)
    list_filter = ("meeting__fund__year",)
    search_fields = ("name", "role")


@admin.register(AgendaItem)
class AgendaItemAdmin(OfficeScopedAdmin):
    list_display = (
        "meeting",
        "order",
        "application",
        "votes_yes",
        "votes_no",
        "votes_abstain",
        "outcome",
        "amount",
    )
    list_select_related = ("meeting__fund", "application")
    list_filter = ("outcome", "meeting__fund__year")
    search_fields = ("application__reference_number", "application__project_title")


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(OfficeScopedAdmin):
    list_display = ("member", "application", "meeting", "reason")
    list_select_related = ("member", "application", "meeting__fund")
    list_filter = ("meeting__fund__year",)
    search_fields = ("member__name", "application__reference_number")


# --- Payouts and proof of use ---------------------------------------------------------


def download_link(obj):
    return format_html('<a href="{}">{}</a>', obj.get_download_url(), obj.original_name)


class PayoutInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Payout
    fields = ("paid_on", "amount", "is_advance", "recorded_by", "created_at")
    readonly_fields = fields
    verbose_name_plural = _("payouts (record a payout under “Payouts”)")


class ProofInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Proof
    fields = ("submitted_at", "status", "participants", "repayment_due", "review_note")
    readonly_fields = fields
    show_change_link = True


@admin.register(Payout)
class PayoutAdmin(OfficeScopedAdmin):
    """Payouts are recorded through the service (≤ approved amount, status paid) and are
    not changed afterwards: a wrong entry is corrected by the administrators."""

    form = PayoutForm
    list_display = ("application", "amount", "paid_on", "is_advance", "recorded_by")
    list_filter = ("is_advance", "application__fund__year", "application__fund__office")
    list_select_related = ("application", "recorded_by")
    search_fields = ("application__reference_number", "application__project_title")
    date_hierarchy = "paid_on"
    autocomplete_fields = ("application",)
    list_per_page = 50
    readonly_fields = ("recorded_by", "created_at")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "application":
            kwargs["queryset"] = Application.objects.managed_by(request.user).filter(
                status__in=services.PAYABLE
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class CheckedPayoutForm(form_class):
            def clean(self):
                cleaned = super().clean()
                application = cleaned.get("application")
                if application is not None:
                    errors = services.payout_errors(
                        application=application,
                        amount=cleaned.get("amount"),
                        paid_on=cleaned.get("paid_on"),
                        is_advance=cleaned.get("is_advance", False),
                    )
                    for field, messages_ in errors.items():
                        for message in messages_:
                            self.add_error(field, message)
                return cleaned

        return CheckedPayoutForm

    def save_model(self, request, obj, form, change):
        payout = services.application_record_payout(
            application=obj.application,
            actor=request.user,
            amount=obj.amount,
            paid_on=obj.paid_on,
            is_advance=obj.is_advance,
        )
        obj.pk = payout.pk
        obj.recorded_by = payout.recorded_by
        obj.created_at = payout.created_at


class ProofPaymentInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = ProofPayment
    fields = ("paid_on", "payee", "purpose", "amount", "receipt")
    readonly_fields = fields

    @admin.display(description=_("receipt"))
    def receipt(self, obj):
        return download_link(obj)


class ProofPhotoInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = ProofPhoto
    fields = ("photo", "kind", "size")
    readonly_fields = fields

    @admin.display(description=_("photo"))
    def photo(self, obj):
        return download_link(obj)


@admin.register(Proof)
class ProofAdmin(OfficeScopedAdmin):
    """Staff read the proof of use and accept it or send it back with a note."""

    form = ProofReviewForm
    list_display = (
        "application",
        "status",
        "submitted_at",
        "participants",
        "spent_display",
        "repayment_due",
        "reviewed_at",
    )
    list_filter = ("status", "application__fund__year", "application__fund__office")
    list_select_related = ("application", "reviewed_by")
    search_fields = ("application__reference_number", "application__project_title")
    date_hierarchy = "submitted_at"
    list_per_page = 50
    actions = ["accept_proofs"]
    inlines = [ProofPaymentInline, ProofPhotoInline]
    readonly_fields = (
        "application",
        "status",
        "submitted_at",
        "report",
        "participants",
        "spent_display",
        "paid_display",
        "repayment_display",
        "reviewed_at",
        "reviewed_by",
        "review_note",
        "repayment_due",
    )
    fieldsets = (
        (None, {"fields": ("application", "status", "submitted_at")}),
        (_("Report"), {"fields": ("report", "participants")}),
        (_("Money"), {"fields": ("spent_display", "paid_display", "repayment_display")}),
        (_("Review"), {"fields": ("decision", "note")}),
        (
            _("Metadata"),
            {
                "classes": ["collapse"],
                "fields": ("reviewed_at", "reviewed_by", "review_note", "repayment_due"),
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("payments", "application__payouts")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fieldsets(self, request, obj=None):
        if obj is not None and obj.status != Proof.Status.SUBMITTED:
            return [fieldset for fieldset in self.fieldsets if fieldset[0] != _("Review")]
        return self.fieldsets

    @admin.display(description=_("spent"))
    def spent_display(self, obj):
        return euro(obj.spent)

    def _paid(self, obj):
        return sum((payout.amount for payout in obj.application.payouts.all()), ZERO)

    @admin.display(description=_("paid out"))
    def paid_display(self, obj):
        return euro(self._paid(obj))

    @admin.display(description=_("repayment due"))
    def repayment_display(self, obj):
        if obj.repayment_due is not None:
            amount = obj.repayment_due
        else:
            amount = max(self._paid(obj) - obj.spent, ZERO)
        return euro(amount)

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        note = form.cleaned_data.get("note", "")
        try:
            if decision == "accept":
                services.proof_accept(proof=obj, actor=request.user, comment=note)
            elif decision == "return":
                services.proof_return(proof=obj, actor=request.user, note=note)
        except services.ApplicationError as error:
            messages.error(request, error.message)

    @admin.action(description=_("Accept the selected proofs of use"), permissions=["change"])
    def accept_proofs(self, request, queryset):
        accepted = 0
        for proof in queryset.filter(status=Proof.Status.SUBMITTED):
            try:
                services.proof_accept(proof=proof, actor=request.user)
            except services.ApplicationError as error:
                messages.error(request, f"{proof}: {error.message}")
            else:
                accepted += 1
        messages.success(
            request,
            ngettext(
                "%(count)s proof of use accepted.", "%(count)s proofs of use accepted.", accepted
            )
            % {"count": accepted},
        )


class ProofFileAdmin(OfficeScopedAdmin):
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def download(self, obj):
        return download_link(obj)


@admin.register(ProofPayment)
class ProofPaymentAdmin(ProofFileAdmin):
    list_display = ("payee", "purpose", "amount", "paid_on", "download", "proof")
    list_filter = ("kind",)
    list_select_related = ("proof__application",)
    search_fields = ("payee", "purpose", "proof__application__reference_number")
    date_hierarchy = "paid_on"
    fields = ("proof", "paid_on", "payee", "purpose", "amount", "download", "kind", "size")
    readonly_fields = fields


@admin.register(ProofPhoto)
class ProofPhotoAdmin(ProofFileAdmin):
    list_display = ("original_name", "download", "kind", "proof")
    list_filter = ("kind",)
    list_select_related = ("proof__application",)
    search_fields = ("original_name", "proof__application__reference_number")
    fields = ("proof", "download", "kind", "size")
    readonly_fields = fields


class ProofOverdueFilter(admin.SimpleListFilter):
    """Approved or paid applications without a proof FONDS_PROOF_DUE_DAYS after the end."""

    title = _("proof of use")
    parameter_name = "proof"

    def lookups(self, request, model_admin):
        return [("overdue", _("overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.proof_overdue()
        return queryset


@admin.action(
    description=_("Pay out the rest of the approved amount today"), permissions=["change"]
)
def pay_out_rest(modeladmin, request, queryset):
    """One payout per selected approved or paid application: approved − paid so far."""
    paid = 0
    for application in queryset.filter(status__in=services.PAYABLE).prefetch_related("payouts"):
        rest = application.granted_amount - sum(
            (payout.amount for payout in application.payouts.all()), ZERO
        )
        if rest <= 0:
            continue
        try:
            services.application_record_payout(
                application=application,
                actor=request.user,
                amount=rest,
                paid_on=timezone.localdate(),
            )
        except services.ApplicationError as error:
            messages.error(request, f"{application.reference_number}: {error.message}")
        else:
            paid += 1
    messages.success(
        request,
        ngettext("%(count)s payout recorded.", "%(count)s payouts recorded.", paid)
        % {"count": paid},
    )
    if not paid:
        messages.info(request, gettext("Nothing left to pay out for the selected applications."))


# Added to the application admin without touching its class (the changelist belongs to
# the admin-operations part; these lines merge without conflicts).
ApplicationAdmin.inlines = [*ApplicationAdmin.inlines, PayoutInline, ProofInline]
ApplicationAdmin.list_filter = (*ApplicationAdmin.list_filter, ProofOverdueFilter)
ApplicationAdmin.actions = [*(ApplicationAdmin.actions or []), pay_out_rest]


@admin.register(ApplicationNote)
class ApplicationNoteAdmin(OfficeScopedAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
