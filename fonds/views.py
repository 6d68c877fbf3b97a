import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from stadtteilbuero.antispam import (
    count_stored,
    form_post_allowed,
    private,
    too_many_requests,
)

from . import services
from .forms import ApplicationSubmission, BankDetailsForm, ProofSubmission
from .jsonld import fund_jsonld
from .models import (
    Application,
    ApplicationEvent,
    Attachment,
    Fund,
    Letter,
    Proof,
    ProofPayment,
    ProofPhoto,
    ProofSituation,
)

logger = logging.getLogger(__name__)

FUNDED_PER_PAGE = 50


class FundListView(ListView):
    context_object_name = "funds"
    paginate_by = 12

    def get_queryset(self):
        return (
            Fund.objects.current()
            .with_figures()
            .with_details()
            .order_by("office__city", "office__name")
        )


class FundDetailView(DetailView):
    context_object_name = "fund"
    slug_field = "office__slug"

    def get_queryset(self):
        # No with_figures(): `fund.figures` is computed where the page's money block is
        # rendered, which the fragment cache mostly skips.
        return Fund.objects.current().with_details()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Title, amount and status only: no personal data leaves the database here.
        funded = (
            self.object.applications.publishable()
            .only("fund", "project_title", "requested_amount", "approved_amount", "status")
            .order_by("-decided_at", "pk")
        )
        number = self.request.GET.get("page")
        context.update(
            # Lazy, like the figures: read only where the fragment is rendered.
            funded_page=SimpleLazyObject(
                lambda: Paginator(funded, FUNDED_PER_PAGE).get_page(number)
            ),
            next_meeting=self.object.next_meeting(),
            jsonld=fund_jsonld(self.object),
        )
        return context


class ApplicationCreateView(View):
    """The online application. Without JavaScript, 'add row' and 'recalculate' are
    submit buttons that return the form with what was typed and the new totals."""

    template_name = "fonds/application_form.html"

    def get_fund(self):
        # The figures only where a sent form is checked against the remaining budget
        # (`fund.figures` computes them then): the empty form shows none.
        return get_object_or_404(
            Fund.objects.current().with_details(), office__slug=self.kwargs["slug"]
        )

    def render(self, submission, status=200):
        context = {
            "fund": submission.fund,
            "office": submission.fund.office,
            "submission": submission,
            "form": submission.form,
            "next_meeting": submission.fund.next_meeting(),
            "totals": submission.totals() if submission.is_bound else None,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, slug):
        fund = self.get_fund()
        if not fund.accepts_applications():
            return redirect(fund)
        return self.render(ApplicationSubmission(fund))

    def post(self, request, slug):
        fund = self.get_fund()
        if not fund.accepts_applications():
            messages.error(request, _("This fund does not accept applications at the moment."))
            return redirect(fund)
        # Every post counts against a generous limit (a flood of invalid posts); stored
        # applications and spam against the small one, counted before anything is stored.
        if not form_post_allowed(request, "fonds"):
            return too_many_requests(request, "fonds/too_many_requests.html", {"fund": fund})
        add_row = request.POST.get("add_row")
        submission = ApplicationSubmission(fund, request.POST, request.FILES, add_row=add_row)
        if add_row or "recalculate" in request.POST:
            submission.show_without_errors()
            return self.render(submission)
        if submission.form.is_spam:
            logger.info("Honeypot field filled in on the application form of %s", fund)
            count_stored(request, "fonds", settings.FONDS_SUBMISSIONS_PER_HOUR)
        if not submission.is_valid():
            return self.render(submission, status=400)
        if not count_stored(request, "fonds", settings.FONDS_SUBMISSIONS_PER_HOUR):
            return too_many_requests(request, "fonds/too_many_requests.html", {"fund": fund})
        try:
            application = services.application_submit(
                fund=fund,
                application=submission.application(),
                expenses=submission.expenses.instances(),
                incomes=submission.incomes.instances(),
                attachments=submission.form.cleaned_data["attachments"],
            )
        except services.ApplicationError as error:
            submission.add_errors(error.errors)
            return self.render(submission, status=400)
        messages.success(
            request,
            _("Thank you! Your application has been sent. Your reference number is %(ref)s.")
            % {"ref": application.reference_number},
        )
        return private(redirect("fonds:application-confirmation", token=application.token))


PROOF_PREFETCH = (
    "payouts",
    Prefetch("proofs", queryset=Proof.objects.with_spent()),
)


class ApplicationTokenMixin:
    """Pages reached by the applicant's secret link: never cached, and gone (with a page
    that says whom to ask) a while after the application was closed."""

    slug_field = "token"
    slug_url_kwarg = "token"
    context_object_name = "application"

    def get_queryset(self):
        return Application.objects.select_related("fund__office", "jury_meeting")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.status_link_expired():
            return expired_status_link(request, self.object)
        return self.render_to_response(self.get_context_data(object=self.object))

    def dispatch(self, request, *args, **kwargs):
        return private(super().dispatch(request, *args, **kwargs))


def expired_status_link(request, application):
    context = {"office": application.fund.office, "application": application}
    return private(render(request, "fonds/status_link_expired.html", context, status=410))


def get_application_by_token(token):
    application = get_object_or_404(Application.objects.select_related("fund__office"), token=token)
    if application.status_link_expired():
        raise Http404
    return application


class ApplicationConfirmationView(ApplicationTokenMixin, DetailView):
    template_name = "fonds/application_confirmation.html"

    def get_queryset(self):
        return (
            super().get_queryset().prefetch_related("expenses__category", "incomes", "attachments")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = services.application_totals(self.object)
        return context


class ApplicationDetailView(ApplicationTokenMixin, DetailView):
    """The applicant's status page, reached by the secret link from the e-mail."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("events", queryset=ApplicationEvent.objects.order_by("created_at", "pk")),
                *PROOF_PREFETCH,
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proof_situation"] = ProofSituation(self.object)
        if self.object.status in Application.Status.payable():
            context.setdefault("bank_form", BankDetailsForm(prefix="bank"))
        return context

    def post(self, request, *args, **kwargs):
        """The applicant gives (or corrects) the bank details for the payout."""
        self.object = self.get_object()
        if self.object.status_link_expired():
            return expired_status_link(request, self.object)
        if self.object.status not in Application.Status.payable():
            messages.error(
                request, _("Bank details are asked for once the application is approved.")
            )
            return redirect(self.object.get_status_url())
        form = BankDetailsForm(request.POST, prefix="bank")
        if form.is_valid():
            try:
                services.application_set_bank_details(
                    application=self.object, actor=None, **form.cleaned_data
                )
            except services.ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Thank you! Your bank details are saved."))
                return redirect(self.object.get_status_url())
        context = self.get_context_data(object=self.object, bank_form=form)
        return self.render_to_response(context, status=400)


@require_POST
def application_withdraw(request, token):
    application = get_application_by_token(token)
    try:
        services.application_withdraw(application=application)
    except services.ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your application has been withdrawn."))
    return private(redirect(application.get_status_url()))


def attachment_download(request, pk, model=Attachment):
    """Staff of the application's office download an attachment (or a receipt or photo
    of a proof of use); nobody else."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("admin:login"))
    if not (request.user.is_staff and request.user.has_perm("fonds.view_application")):
        raise Http404
    attachment = get_object_or_404(model.objects.managed_by(request.user), pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        logger.error("%s %s is missing on disk", model.__name__, attachment.pk)
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def receipt_download(request, pk):
    return attachment_download(request, pk, model=ProofPayment)


def proof_photo_download(request, pk):
    return attachment_download(request, pk, model=ProofPhoto)


def letter_download(request, pk):
    return attachment_download(request, pk, model=Letter)


class ProofCreateView(View):
    """The applicant sends the proof of use through the secret link of the status page."""

    template_name = "fonds/proof_form.html"

    def dispatch(self, request, *args, **kwargs):
        return private(super().dispatch(request, *args, **kwargs))

    def get_application(self):
        application = get_object_or_404(
            Application.objects.select_related("fund__office").prefetch_related(*PROOF_PREFETCH),
            token=self.kwargs["token"],
        )
        if application.status_link_expired():
            raise Http404
        return application, ProofSituation(application)

    def render(self, application, situation, submission, status=200):
        context = {
            "application": application,
            "proof_situation": situation,
            "submission": submission,
            "form": submission.form,
            "payments": submission.payments,
            "typed_total": submission.typed_total() if submission.is_bound else None,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, token):
        application, situation = self.get_application()
        if not situation.may_submit_proof:
            return redirect(application.get_status_url())
        submission = ProofSubmission(application, returned=situation.returned_proof)
        return self.render(application, situation, submission)

    def post(self, request, token):
        application, situation = self.get_application()
        if not situation.may_submit_proof:
            messages.error(request, _("A proof of use cannot be sent for this application now."))
            return redirect(application.get_status_url())
        add_row = "add_row" in request.POST
        returned = situation.returned_proof
        submission = ProofSubmission(
            application, request.POST, request.FILES, add_row=add_row, returned=returned
        )
        if add_row:
            submission.show_without_errors()
            return self.render(application, situation, submission)
        if not submission.is_valid():
            return self.render(application, situation, submission, status=400)
        data = {
            "report": submission.form.cleaned_data["report"],
            "participants": submission.form.cleaned_data["participants"],
            "payments": submission.payments.payments(),
            "photos": submission.form.cleaned_data["photos"],
        }
        try:
            if returned is not None:  # the corrected proof keeps its entries and files
                services.proof_correct(proof=returned, **data)
            else:
                services.proof_submit(application=application, **data)
        except services.ApplicationError as error:
            messages.error(request, error.message)
            return redirect(application.get_status_url())
        messages.success(
            request, _("Thank you! Your proof of use has been sent. The office will check it.")
        )
        return redirect(application.get_status_url())
