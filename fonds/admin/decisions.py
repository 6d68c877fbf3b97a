"""Review and decision in the admin: one button on the application's page per step, one
small view per button, each calling exactly one service. Approve and reject show the
e-mail first; staff may edit it before the decision is saved and the mail is queued."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from fonds import forms, services
from fonds.models import AgendaItem, Application

# (URL name suffix, path, button label, may the application take this step?)
BUTTONS = [
    (
        "start_review",
        "pruefen",
        _("Start review"),
        lambda a: a.can_transition_to(Application.Status.IN_REVIEW),
    ),
    (
        "approve",
        "bewilligen",
        _("Approve"),
        lambda a: a.can_transition_to(Application.Status.APPROVED),
    ),
    ("reject", "ablehnen", _("Reject"), lambda a: a.can_transition_to(Application.Status.REJECTED)),
    (
        "defer",
        "vertagen",
        _("Defer to a later meeting"),
        lambda a: a.status in Application.Status.open(),
    ),
]
OUTCOME_BUTTONS = {
    AgendaItem.Outcome.APPROVE: "approve",
    AgendaItem.Outcome.REJECT: "reject",
    AgendaItem.Outcome.DEFER: "defer",
}


def decision_url(name: str, application_id: int) -> str:
    return reverse(f"admin:fonds_application_{name}", args=[application_id])


def decision_buttons(application):
    """The buttons the application's status allows (TRANSITIONS), with their URLs."""
    return [
        {"url": decision_url(name, application.pk), "label": label, "action": name}
        for name, _path, label, allowed in BUTTONS
        if allowed(application)
    ]


def step_urls(model_admin, steps, views, prefix=""):
    """One admin URL per step (name, path, label, allowed) of an application's page:
    `admin:fonds_application_<name>`, each calling its small view."""
    return [
        path(
            f"<path:object_id>/{prefix}{slug}/",
            model_admin.admin_site.admin_view(
                lambda request, object_id, view=views[name]: view(model_admin, request, object_id)
            ),
            name=f"fonds_application_{name}",
        )
        for name, slug, _label, _allowed in steps
    ]


def decision_urls(model_admin):
    views = {
        "start_review": start_review_view,
        "approve": approve_view,
        "reject": reject_view,
        "defer": defer_view,
    }
    return step_urls(model_admin, BUTTONS, views, prefix="entscheidung/")


class ApplicationStepPage:
    """What every step on an application's page shares: the application (404 for another
    office), the change permission, the step's check, and running its one service.
    `steps` is the list of (name, path, label, allowed) the step is one of."""

    steps = ()

    def __init__(self, model_admin, request, object_id, name):
        self.model_admin = model_admin
        self.request = request
        self.application = model_admin.get_object(request, object_id)
        if self.application is None:
            raise Http404
        if not model_admin.has_change_permission(request, self.application):
            raise PermissionDenied
        self.name = name
        _name, _path, self.label, self.allowed = next(s for s in self.steps if s[0] == name)
        self.change_url = reverse("admin:fonds_application_change", args=[self.application.pk])

    def refused(self):
        """A redirect with a message when the application's status does not allow it."""
        if self.allowed(self.application):
            return None
        messages.error(
            self.request,
            gettext("This step is not possible for an application in status “%(status)s”.")
            % {"status": self.application.get_status_display()},
        )
        return redirect(self.change_url)

    def run(self, form, service, success_message):
        """Call the service; its errors go next to the form's fields."""
        try:
            service()
        except services.ApplicationError as error:
            for field, field_errors in error.errors.items():
                for text in field_errors:
                    form.add_error(field if field in form.fields else None, text)
            if not error.errors:
                form.add_error(None, error.message)
            return None
        messages.success(self.request, success_message)
        return redirect(self.change_url)


class DecisionPage(ApplicationStepPage):
    """The decision steps, with the agenda item staff come from."""

    steps = BUTTONS

    def __init__(self, model_admin, request, object_id, name):
        super().__init__(model_admin, request, object_id, name)
        self.item = self._agenda_item()

    def _agenda_item(self):
        """The jury's recorded decision, when staff come from the meeting's agenda."""
        item_id = self.request.GET.get("item", "")
        if not item_id.isdigit():
            return None
        return (
            AgendaItem.objects.managed_by(self.request.user)
            .filter(pk=item_id, application=self.application)
            .first()
        )

    def render(self, form, *, preview=False, needs_preview=False):
        context = {
            **self.model_admin.admin_site.each_context(self.request),
            "opts": Application._meta,
            "original": self.application,
            "title": f"{self.label}: {self.application.reference_number}",
            "form": form,
            "action": self.name,
            "preview": preview,
            "needs_preview": needs_preview,
            "item": self.item,
            "change_url": self.change_url,
        }
        return TemplateResponse(self.request, "admin/fonds/application/decision.html", context)


def start_review_view(model_admin, request, object_id):
    page = DecisionPage(model_admin, request, object_id, "start_review")
    if refused := page.refused():
        return refused
    form = forms.StartReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application = page.application
        done = page.run(
            form,
            lambda: services.application_start_review(
                application=application, actor=request.user, comment=form.cleaned_data["comment"]
            ),
            gettext("The review of %(ref)s has started.") % {"ref": application.reference_number},
        )
        if done:
            return done
    return page.render(form)


def defer_view(model_admin, request, object_id):
    page = DecisionPage(model_admin, request, object_id, "defer")
    if refused := page.refused():
        return refused
    application = page.application
    next_meeting = application.jury_meeting.next_meeting() if application.jury_meeting else None
    form = forms.DeferForm(
        request.POST or None, application=application, initial={"meeting": next_meeting}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = page.run(
            form,
            lambda: services.application_defer(
                application=application,
                actor=request.user,
                meeting=data["meeting"],
                comment=data["comment"],
            ),
            gettext("%(ref)s is deferred to the meeting on %(date)s.")
            % {"ref": application.reference_number, "date": str(data["meeting"])},
        )
        if done:
            return done
    return page.render(form)


def _decision_with_mail(page, form_class, decision, initial, service, success_message):
    """Approve and reject: the decision fields, then the e-mail preview, then confirm."""
    request = page.request
    if request.method != "POST":
        return page.render(form_class(initial=initial), needs_preview=True)
    confirm = "_confirm" in request.POST
    form = form_class(request.POST, confirm=confirm)
    if "_edit" in request.POST:  # back from the preview, values kept
        return page.render(form, needs_preview=True)
    if not form.is_valid():
        # Only the e-mail is wrong (empty): stay on the preview.
        preview = confirm and not any(name in form.errors for name in form.DECISION_FIELDS)
        return page.render(form, preview=preview, needs_preview=True)
    data = form.cleaned_data
    if not confirm:
        subject, body = services.decision_mail_draft(
            application=page.application,
            decision=decision,
            amount=data.get("amount"),
            conditions=data.get("conditions", ""),
            reason_for_applicant=data["reason_for_applicant"],
        )
        form = form_class(initial={**data, "mail_subject": subject, "mail_body": body})
        return page.render(form, preview=True, needs_preview=True)
    done = page.run(form, lambda: service(data), success_message)
    return done or page.render(form, needs_preview=True)


def approve_view(model_admin, request, object_id):
    page = DecisionPage(model_admin, request, object_id, "approve")
    if refused := page.refused():
        return refused
    application = page.application
    item = page.item
    initial = {"amount": application.requested_amount}
    if item is not None:
        initial = {
            "amount": item.amount or application.requested_amount,
            "internal_reason": item.note,
        }
    return _decision_with_mail(
        page,
        forms.ApproveForm,
        Application.Status.APPROVED,
        initial,
        lambda data: services.application_approve(
            application=application,
            actor=request.user,
            amount=data["amount"],
            conditions=data["conditions"],
            reason_for_applicant=data["reason_for_applicant"],
            internal_reason=data["internal_reason"],
            mail_subject=data["mail_subject"],
            mail_body=data["mail_body"],
        ),
        gettext("%(ref)s is approved; the applicant receives the e-mail.")
        % {"ref": application.reference_number},
    )


def reject_view(model_admin, request, object_id):
    page = DecisionPage(model_admin, request, object_id, "reject")
    if refused := page.refused():
        return refused
    application = page.application
    initial = {"internal_reason": page.item.note} if page.item is not None else {}
    return _decision_with_mail(
        page,
        forms.RejectForm,
        Application.Status.REJECTED,
        initial,
        lambda data: services.application_reject(
            application=application,
            actor=request.user,
            reason_for_applicant=data["reason_for_applicant"],
            internal_reason=data["internal_reason"],
            mail_subject=data["mail_subject"],
            mail_body=data["mail_body"],
        ),
        gettext("%(ref)s is rejected; the applicant receives the e-mail.")
        % {"ref": application.reference_number},
    )


def start_review_action(model_admin, request, queryset):
    """The changelist action: start the review of every selected submitted application."""
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
