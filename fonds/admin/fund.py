"""Funds and their cost categories in the admin, with the figures and the year report."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_city_admin
from fonds.documents import year_report_pdf
from fonds.models import CostCategory, Fund, JuryMeeting, LetterText, StandingJuryMember
from fonds.year_report import year_report
from offices.admin_scoping import OfficeScopedAdmin, OfficeScopedInlineMixin

from .display import euro, pdf_response


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


class StandingJuryInline(OfficeScopedInlineMixin, admin.TabularInline):
    """The fund's standing jury, carried into each new meeting."""

    model = StandingJuryMember
    extra = 0
    fields = ("order", "name", "role", "is_substitute", "is_active")


class LetterTextInline(OfficeScopedInlineMixin, admin.StackedInline):
    """The fund's own wording of its letters (else the standard texts)."""

    model = LetterText
    extra = 0
    fields = ("letter_kind", "text")


@admin.register(LetterText)
class LetterTextAdmin(OfficeScopedAdmin):
    list_display = ("letter_kind", "fund")
    list_select_related = ("fund__office",)
    list_filter = ("letter_kind", "fund__year")
    search_fields = ("text", "fund__title")


@admin.register(Fund)
class FundAdmin(OfficeScopedAdmin):
    list_display = (
        "title",
        "office",
        "year",
        "budget_display",
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
    inlines = [StandingJuryInline, JuryMeetingInline, LetterTextInline]
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
                    "projects_end_in_year",
                )
            },
        ),
        (
            _("Letters"),
            {"fields": ("letterhead", "letter_signature", "legal_note")},
        ),
        (_("Texts"), {"fields": ("fundable", "rules", "decision_body")}),
        (_("Contact"), {"fields": ("contact_name", "contact_email", "contact_phone")}),
        (
            _("Metadata"),
            {"classes": ["collapse"], "fields": ("last_sequence", "created_at", "updated_at")},
        ),
    )

    # The money and the rules of a fund are the city's decision; office staff keep the
    # texts, contact and jury dates current.
    CITY_FIELDS = (
        "office",
        "year",
        "budget",
        "max_per_application",
        "min_own_contribution_percent",
        "excluded_categories",
        "fundable",
        "rules",
        "projects_end_in_year",
    )

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # Creating a fund is the city's permission anyway (accounts.roles).
        if obj is None or is_city_admin(request.user):
            return fields
        return (*fields, *self.CITY_FIELDS)

    def get_queryset(self, request):
        return super().get_queryset(request).with_figures()

    def get_urls(self):
        return [
            path(
                "<path:object_id>/report/",
                self.admin_site.admin_view(self.report_view),
                name="fonds_fund_report",
            ),
            path(
                "<path:object_id>/report.pdf",
                self.admin_site.admin_view(self.report_pdf_view),
                name="fonds_fund_report_pdf",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("budget"), ordering="budget")
    def budget_display(self, obj):
        return euro(obj.budget)

    @admin.display(description=_("approved"))
    def approved(self, obj):
        return euro(obj.figures.approved)

    @admin.display(description=_("remaining"))
    def remaining(self, obj):
        return euro(obj.figures.remaining)

    @admin.display(description=_("year report"))
    def report_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:fonds_fund_report", args=[obj.pk]),
            gettext("Year report"),
        )

    def _report_fund(self, request, object_id):
        fund = self.get_object(request, object_id)  # another office's fund: None
        if fund is None:
            raise Http404
        if not self.has_view_permission(request, fund):
            raise PermissionDenied
        return fund

    def report_pdf_view(self, request, object_id):
        fund = self._report_fund(request, object_id)
        return pdf_response(year_report_pdf(year_report(fund)), f"jahresbericht-{fund.year}")

    def report_view(self, request, object_id):
        fund = self._report_fund(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": fund,
            "title": gettext("Year report %(year)s: %(fund)s")
            % {"year": fund.year, "fund": fund.title},
            **year_report(fund),
        }
        return TemplateResponse(request, "admin/fonds/fund/year_report.html", context)
