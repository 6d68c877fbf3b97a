"""Letters to the applicant as PDF: approval, partial approval, rejection, reminder of
the proof of use and request for repayment.

The wording lives in `templates/fonds/letters/<kind>.txt` (German, paragraphs separated by
blank lines); each fund adds its letterhead, signature line and note on legal remedies.
A letter never carries the applicant's status link: staff print and file it.
"""

from string import Template

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stadtteilbuero.money import format_euro

from .documents import new_document
from .models import Application, Letter, LetterText
from .services.finance import application_totals

# The kinds that end with the note on legal remedies.
DECISIONS = {Letter.Kind.APPROVAL, Letter.Kind.PARTIAL_APPROVAL, Letter.Kind.REJECTION}


def decision_letter_kind(application: Application) -> str | None:
    """The letter that belongs to the application's decision, if any."""
    if application.status == Application.Status.REJECTED:
        return Letter.Kind.REJECTION
    if application.approved_amount is None:
        return None
    if application.approved_amount < application.requested_amount:
        return Letter.Kind.PARTIAL_APPROVAL
    return Letter.Kind.APPROVAL


def sender_lines(fund) -> list[str]:
    if fund.letterhead.strip():
        return [line.strip() for line in fund.letterhead.strip().splitlines()]
    office = fund.office
    lines = [office.name, office.carrier, office.street, f"{office.postal_code} {office.city}"]
    contact = " · ".join(part for part in (office.phone, office.email) if part)
    return [line.strip() for line in [*lines, contact] if line and line.strip()]


def recipient_lines(application: Application) -> list[str]:
    lines = [application.name, application.organisation, application.street]
    lines.append(f"{application.postal_code} {application.city}".strip())
    return [line for line in lines if line]


def placeholders(application: Application) -> dict:
    """The values a fund's own letter text may use ($name, $amount, ...), in German."""

    def day(value):
        return date_format(value, "DATE_FORMAT") if value else ""

    return {
        "name": application.name,
        "title": application.project_title,
        "reference": application.reference_number,
        "amount": format_euro(application.approved_amount),
        "requested": format_euro(application.requested_amount),
        "start": day(application.start_date),
        "end": day(application.end_date),
        "proof_due": day(application.proof_due_on),
        "conditions": application.conditions,
        "reason": application.reason_for_applicant,
        "repayment_due": format_euro(application.repayment_due),
    }


def letter_paragraphs(application: Application, kind: str) -> list[str]:
    fund = application.fund
    own = LetterText.objects.filter(fund=fund, letter_kind=kind).first()
    if own is not None:
        salutation = render_to_string("fonds/letters/_salutation.txt", {"application": application})
        text = Template(own.text).safe_substitute(placeholders(application))
        return [salutation.strip()] + [
            " ".join(part.split())
            for part in text.replace("\r\n", "\n").split("\n\n")
            if part.strip()
        ]
    context = {
        "application": application,
        "fund": fund,
        "office": fund.office,
        "proof_due_on": application.proof_due_on,
        "repayment_due": application.repayment_due,
        "totals": application_totals(application),
    }
    text = render_to_string(f"fonds/letters/{kind}.txt", context)
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]


def render_letter(application: Application, kind: str) -> bytes:
    """The letter as PDF bytes, in German."""
    fund = application.fund
    with translation.override("de"):
        today = date_format(timezone.localdate(), "DATE_FORMAT")
        kind_label = str(Letter.Kind(kind).label)

        pdf = new_document(
            title=f"{kind_label} {application.reference_number}",
            footer=f"{fund.office.name} · {application.reference_number}",
        )
        pdf.lines(sender_lines(fund), size=9)
        pdf.ln(12)
        pdf.lines(recipient_lines(application))
        pdf.ln(10)
        pdf.lines([f"{fund.office.city}, {today}"], align="R")
        pdf.heading(
            _("%(fund)s %(year)s: your application %(ref)s “%(title)s”")
            % {
                "fund": fund.title,
                "year": fund.year,
                "ref": application.reference_number,
                "title": application.project_title,
            }
        )
        for paragraph in letter_paragraphs(application, kind):
            pdf.paragraph(paragraph)
        pdf.paragraph(_("Kind regards"))
        pdf.ln(8)
        pdf.paragraph(fund.letter_signature or fund.contact_name or fund.office.name)
        if kind in DECISIONS:
            note = fund.legal_note or render_to_string("fonds/letters/legal_note.txt")
            pdf.paragraph(_("Note on legal remedies"), bold=True, size=9)
            pdf.paragraph(" ".join(note.split()), size=9)
        return pdf.to_bytes()
