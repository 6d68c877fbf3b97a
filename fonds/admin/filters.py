"""Changelist filters of the fund admin: only the staff member's own funds and offices."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils.translation import gettext_lazy as _

from fonds.models import Fund
from offices.models import Office


class ManagedFundFilter(admin.RelatedFieldListFilter):
    def field_choices(self, field, request, model_admin):
        # Values, not model instances: a city has a hundred funds and more, each with
        # its office. The label is Fund.__str__ and the office's name.
        funds = Fund.objects.managed_by(request.user).values_list(
            "pk", "title", "year", "office__name"
        )
        return [(pk, f"{title} {year} – {office}") for pk, title, year, office in funds]


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
