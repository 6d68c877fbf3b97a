"""Every e-mail of the fund workflow goes through `send_mail_about`: rendered from
`fonds/email/<event>_subject.txt` and `_body.txt` in German and written to the portal's
mail queue (stadtteilbuero.mail) in the caller's transaction. A worker sends it and
retries; staff see on the application whether it went out. A failing mail server never
loses or rolls back the change that caused the mail."""

from django.conf import settings
from django.urls import reverse

from fonds.models import Application
from stadtteilbuero.mail import queue_mail, render_mail

from .finance import application_totals


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def status_url(application: Application) -> str:
    return absolute_url(application.get_status_url())


# Staff preview and edit decision mails; the applicant's secret link is not theirs to see,
# so the draft carries this placeholder and the real link is put in when it is queued.
STATUS_LINK_PLACEHOLDER = "[Link zu Ihrer Statusseite]"


def proof_url(application: Application) -> str:
    return absolute_url(reverse("fonds:proof-create", kwargs={"token": application.token}))


def mail_context(application: Application, *, for_staff: bool = False, **extra) -> dict:
    application = (
        Application.objects.select_related("fund__office", "jury_meeting")
        .prefetch_related("expenses__category", "incomes", "attachments")
        .get(pk=application.pk)
    )
    fund = application.fund
    return {
        "application": application,
        "fund": fund,
        "office": fund.office,
        "portal_name": settings.PORTAL_NAME,
        "status_url": STATUS_LINK_PLACEHOLDER if for_staff else status_url(application),
        "admin_url": absolute_url(reverse("admin:fonds_application_change", args=[application.pk])),
        "expenses": list(application.expenses.all()),
        "incomes": list(application.incomes.all()),
        "attachments": list(application.attachments.all()),
        "totals": application_totals(application),
        "proof_due_on": application.proof_due_on,
        **extra,
    }


def _office_address(application: Application) -> list[str]:
    return [application.fund.notification_email]


def send_mail_about(
    application: Application,
    event: str,
    *,
    to_office: bool = False,
    context: dict | None = None,
    subject: str | None = None,
    body: str | None = None,
    letter=None,
):
    """Queue the `event` mail to the applicant (or the office); `subject` and `body`
    replace the templates when staff have edited the text already; `letter` (a Letter)
    goes with it as PDF."""
    if subject is None or body is None:
        rendered_subject, rendered_body = render_mail(
            f"fonds/email/{event}", context if context is not None else mail_context(application)
        )
        subject = rendered_subject if subject is None else subject
        body = rendered_body if body is None else body
    body = body.replace(STATUS_LINK_PLACEHOLDER, status_url(application))
    if to_office:
        recipients = _office_address(application)
        reply_to = [application.email] if application.email else None
    else:
        recipients = [application.email] if application.email else []
        reply_to = _office_address(application)
    return queue_mail(
        to=recipients,
        subject=" ".join(subject.split()),
        body=body,
        reply_to=reply_to,
        about=application,
        attachment=letter_attachment(letter) if letter is not None else None,
    )


def letter_attachment(letter) -> tuple[str, bytes]:
    with letter.file.open("rb") as handle:
        return letter.original_name, handle.read()


def send_to_applicant_and_office(application: Application, event: str, office_event: str, **extra):
    """One context, two mails: the applicant hears about it, the office is told."""
    context = mail_context(application, **extra)
    send_mail_about(application, event, context=context)
    send_mail_about(application, office_event, to_office=True, context=context)
