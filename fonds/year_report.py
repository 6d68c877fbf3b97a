"""The year report of one fund: money, applications by status, target groups and
applicant types, each a single aggregate query."""

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format

from .models import ZERO, Application, Fund
from .models.figures import GRANTED_AMOUNT, MONEY_FIELD


def _money(expression):
    return Coalesce(Sum(expression), ZERO, output_field=MONEY_FIELD)


def _rows_by(queryset, field: str, **sums) -> dict:
    return {
        row[field]: row
        for row in queryset.order_by().values(field).annotate(count=Count("pk"), **sums)
    }


def year_report(fund: Fund) -> dict:
    applications = Application.objects.filter(fund=fund)
    granted = applications.filter(Q(status__in=Application.Status.granted()))
    figures = fund.figures
    by_status = _rows_by(applications, "status", requested=_money("requested_amount"))
    statuses = [
        {
            "label": label,
            "count": by_status.get(value, {}).get("count", 0),
            "requested": by_status.get(value, {}).get("requested", ZERO),
        }
        for value, label in Application.Status.choices
    ]
    target_groups = list(
        granted.order_by()
        .values("target_group")
        .annotate(
            count=Count("pk"),
            approved=_money(GRANTED_AMOUNT),
            participants=Coalesce(Sum("expected_participants"), 0),
        )
        .order_by("-approved", "target_group")
    )
    applicant_types = _rows_by(granted, "applicant_type", approved=_money(GRANTED_AMOUNT))
    by_applicant_type = [
        {
            "label": label,
            "count": applicant_types.get(value, {}).get("count", 0),
            "approved": applicant_types.get(value, {}).get("approved", ZERO),
        }
        for value, label in Application.ApplicantType.choices
    ]
    return {
        "fund": fund,
        "figures": figures,
        "applications_count": figures.count,
        "projects_count": sum(row["count"] for row in applicant_types.values()),
        "statuses": statuses,
        "target_groups": target_groups,
        "applicant_types": by_applicant_type,
        "printed_on": date_format(timezone.localdate(), "DATE_FORMAT"),
    }
