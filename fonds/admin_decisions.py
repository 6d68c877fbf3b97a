"""Review and decision in the admin: the buttons on an application's page and the
confirmation pages behind them, all calling fonds.services."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import forms, services
from .models import (
    AgendaItem,
    Application,
)

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
