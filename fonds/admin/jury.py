"""Jury meetings in the admin: members present, agenda, conflicts of interest, votes, and
the printable minutes and jury sheet."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from fonds import services
from fonds.documents import jury_sheet_pdf, minutes_pdf
from fonds.models import (
    AgendaItem,
    Application,
    ConflictOfInterest,
    ExpenseLine,
    JuryMeeting,
    JuryMember,
    StandingJuryMember,
)
from offices.admin_scoping import OfficeScopedAdmin, OfficeScopedInlineMixin

from .decisions import OUTCOME_BUTTONS, decision_url
from .display import pdf_response


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
    fields = ("order", "name", "role", "present")


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
        "conditions",
        "reason_for_applicant",
        "apply_decision",
    )
    readonly_fields = ("apply_decision",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("application")

    @admin.display(description=_("apply"))
    def apply_decision(self, item):
        button = OUTCOME_BUTTONS.get(item.outcome)
        if not item.pk or button is None:
            return "–"
        if item.application.status not in Application.Status.open():
            return item.application.get_status_display()
        url = decision_url(button, item.application_id)
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
                "<path:object_id>/stammjury/",
                view(self.take_standing_jury_view),
                name="fonds_jurymeeting_take_standing_jury",
            ),
            path(
                "<path:object_id>/beschluesse/",
                view(self.apply_decisions_view),
                name="fonds_jurymeeting_apply_decisions",
            ),
            path(
                "<path:object_id>/protokoll/",
                view(self.minutes_view),
                name="fonds_jurymeeting_minutes",
            ),
            path(
                "<path:object_id>/protokoll.pdf",
                view(self.minutes_pdf_view),
                name="fonds_jurymeeting_minutes_pdf",
            ),
            path(
                "<path:object_id>/juryblatt.pdf",
                view(self.jury_sheet_pdf_view),
                name="fonds_jurymeeting_jury_sheet_pdf",
            ),
            path(
                "<path:object_id>/juryblatt/",
                view(self.jury_sheet_view),
                name="fonds_jurymeeting_jury_sheet",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(present_count=Count("members", filter=Q(members__present=True)))
        )

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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:  # a new meeting starts with the fund's standing jury
            services.jury_meeting_take_standing_jury(meeting=obj)

    def take_standing_jury_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        meeting = self._meeting(request, object_id, "change")
        added = services.jury_meeting_take_standing_jury(meeting=meeting)
        messages.success(
            request,
            ngettext(
                "%(count)d member of the standing jury was added.",
                "%(count)d members of the standing jury were added.",
                added,
            )
            % {"count": added},
        )
        return redirect(reverse("admin:fonds_jurymeeting_change", args=[meeting.pk]))

    def apply_decisions_view(self, request, object_id):
        """The recorded decisions of the agenda with each e-mail and letter to review;
        one confirmation applies them all."""
        meeting = self._meeting(request, object_id, "change")
        change_url = reverse("admin:fonds_jurymeeting_change", args=[meeting.pk])
        plans = services.jury_meeting_plan_decisions(meeting=meeting)
        if request.method == "POST":
            try:
                applied = services.jury_meeting_apply_decisions(meeting=meeting, actor=request.user)
            except services.ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d decision was applied; letters and e-mails are on their way.",
                        "%(count)d decisions were applied; letters and e-mails are on their way.",
                        applied,
                    )
                    % {"count": applied},
                )
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": meeting,
            "title": gettext("Apply the decisions of the meeting on %(date)s") % {"date": meeting},
            "plans": plans,
            "ready": plans and not any(plan.problem for plan in plans),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/fonds/jurymeeting/apply_decisions.html", context)

    def _minutes(self, request, object_id):
        """The meeting with its members and the agenda rows of the minutes."""
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
        return meeting, items

    def minutes_view(self, request, object_id):
        meeting, items = self._minutes(request, object_id)
        context = {"meeting": meeting, "fund": meeting.fund, "items": items}
        return TemplateResponse(request, "fonds/jurymeeting_minutes.html", context)

    def minutes_pdf_view(self, request, object_id):
        meeting, items = self._minutes(request, object_id)
        return pdf_response(minutes_pdf(meeting, items), f"protokoll-{meeting.date:%Y-%m-%d}")

    def _jury_sheets(self, request, object_id):
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
            {"application": application, "totals": services.application_totals(application)}
            for application in applications
        ]
        return meeting, sheets

    def jury_sheet_view(self, request, object_id):
        meeting, sheets = self._jury_sheets(request, object_id)
        context = {"meeting": meeting, "fund": meeting.fund, "sheets": sheets}
        return TemplateResponse(request, "fonds/jurymeeting_jury_sheet.html", context)

    def jury_sheet_pdf_view(self, request, object_id):
        meeting, sheets = self._jury_sheets(request, object_id)
        return pdf_response(jury_sheet_pdf(meeting, sheets), f"juryblatt-{meeting.date:%Y-%m-%d}")


@admin.register(StandingJuryMember)
class StandingJuryMemberAdmin(OfficeScopedAdmin):
    list_display = ("name", "role", "fund", "is_substitute", "is_active")
    list_select_related = ("fund__office",)
    list_filter = ("is_substitute", "is_active", "fund__year")
    search_fields = ("name", "role")


@admin.register(JuryMember)
class JuryMemberAdmin(OfficeScopedAdmin):
    list_display = ("name", "role", "meeting", "present")
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
