"""Money and letters on the application's admin page: bank details, a payout, a booked
repayment and a letter as PDF. One button per step above the application, one small view
per button calling exactly one service; plain forms, no JavaScript."""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fonds import forms, services
from fonds.letters import decision_letter_kind
from fonds.models import Application, Letter

from .decisions import ApplicationStepPage, step_urls

PAYABLE = Application.Status.payable()

# (name, path, label, may the application take this step?)
STEPS = [
    ("bank_details", "bankverbindung", _("Bank details"), lambda a: a.status in PAYABLE),
    ("payout", "auszahlung", _("Record a payout"), lambda a: a.rest_to_pay > 0),
    ("repayment", "rueckzahlung", _("Book a repayment"), lambda a: bool(a.repayment_due)),
    ("letter", "brief", _("Write a letter"), lambda a: a.status != Application.Status.WITHDRAWN),
]


def step_buttons(application):
    return [
        {
            "url": reverse(f"admin:fonds_application_{name}", args=[application.pk]),
            "label": label,
            "action": name,
        }
        for name, _path, label, allowed in STEPS
        if allowed(application)
    ]


def money_urls(model_admin):
    views = {
        "bank_details": bank_details_view,
        "payout": payout_view,
        "repayment": repayment_view,
        "letter": letter_view,
    }
    return step_urls(model_admin, STEPS, views)


class StepPage(ApplicationStepPage):
    """A money or letter step: one plain form on its own page."""

    steps = STEPS

    def render(self, form, **extra):
        context = {
            **self.model_admin.admin_site.each_context(self.request),
            "opts": Application._meta,
            "original": self.application,
            "title": f"{self.label}: {self.application.reference_number}",
            "form": form,
            "change_url": self.change_url,
            **extra,
        }
        status = 400 if form.is_bound and form.errors else 200
        return TemplateResponse(
            self.request, "admin/fonds/application/step.html", context, status=status
        )


def bank_details_view(model_admin, request, object_id):
    page = StepPage(model_admin, request, object_id, "bank_details")
    if refused := page.refused():
        return refused
    application = page.application
    initial = {"account_holder": application.account_holder or application.name}
    initial["iban"] = application.iban_display
    form = forms.BankDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = page.run(
            form,
            lambda: services.application_set_bank_details(
                application=application, actor=request.user, **form.cleaned_data
            ),
            gettext("The bank details of %(ref)s are saved.")
            % {"ref": application.reference_number},
        )
        if done:
            return done
    return page.render(form)


def payout_view(model_admin, request, object_id):
    page = StepPage(model_admin, request, object_id, "payout")
    if refused := page.refused():
        return refused
    application = page.application
    form = forms.RecordPayoutForm(
        request.POST or None,
        initial={"amount": application.rest_to_pay, "paid_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = page.run(
            form,
            lambda: services.application_record_payout(
                application=application,
                actor=request.user,
                amount=data["amount"],
                paid_on=data["paid_on"],
                is_advance=form.is_advance,
            ),
            gettext("The payout for %(ref)s is recorded.") % {"ref": application.reference_number},
        )
        if done:
            return done
    return page.render(form, show_bank_details=True)


def repayment_view(model_admin, request, object_id):
    page = StepPage(model_admin, request, object_id, "repayment")
    if refused := page.refused():
        return refused
    application = page.application
    form = forms.RepaymentForm(
        request.POST or None,
        initial={"amount": application.repayment_due, "received_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        done = page.run(
            form,
            lambda: services.application_book_repayment(
                application=application, actor=request.user, **form.cleaned_data
            ),
            gettext("The repayment for %(ref)s is booked.") % {"ref": application.reference_number},
        )
        if done:
            return done
    return page.render(form)


def letter_view(model_admin, request, object_id):
    page = StepPage(model_admin, request, object_id, "letter")
    if refused := page.refused():
        return refused
    application = page.application
    kinds = [
        (kind, label)
        for kind, label in Letter.Kind.choices
        if services.letter_errors(application, kind) is None
    ]
    form = forms.LetterForm(
        request.POST or None, kinds=kinds, initial={"kind": decision_letter_kind(application)}
    )
    if request.method == "POST" and form.is_valid():
        done = page.run(
            form,
            lambda: services.letter_write(
                application=application, kind=form.cleaned_data["kind"], actor=request.user
            ),
            gettext("The letter is written; download it below to print or send it."),
        )
        if done:
            return done
    return page.render(form)
