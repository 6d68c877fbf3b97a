"""Staff type in a paper application: choose the fund, then the online form's fields."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from fonds import services
from fonds.forms import PaperApplicationSubmission
from fonds.models import Fund


def may_enter_paper(request) -> bool:
    return request.user.has_perm("fonds.add_application") and (
        Fund.objects.managed_by(request.user).exists()
    )


def paper_view(model_admin, request):
    if not may_enter_paper(request):
        raise PermissionDenied
    funds = Fund.objects.managed_by(request.user).select_related("office")
    fund_id = request.GET.get("fund", "")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("Enter a paper application"),
        "funds": funds.order_by("-year", "office__name"),
    }
    if not fund_id.isdigit():
        return TemplateResponse(request, "admin/fonds/application/paper_choose.html", context)
    fund = get_object_or_404(funds.with_details(), pk=int(fund_id))
    if request.method == "POST":
        add_row = request.POST.get("add_row")
        submission = PaperApplicationSubmission(fund, request.POST, request.FILES, add_row=add_row)
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
                model_admin.message_user(
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
