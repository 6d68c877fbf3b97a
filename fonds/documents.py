"""The year report and the minutes of a jury meeting as PDF, from the same figures as
their print pages (fonds/year_report.py, the meeting's agenda)."""

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stadtteilbuero.money import format_euro


def new_document(**kwargs):
    """A `pdf.Document`: fpdf2 and fontTools take 0.4 s to import, so they are loaded
    with the first PDF, not with every process (web worker, test run, command)."""
    from .pdf import Document

    return Document(**kwargs)


def _german(build):
    def wrapper(*args, **kwargs):
        with translation.override("de"):
            return build(*args, **kwargs)

    return wrapper


@_german
def year_report_pdf(report: dict) -> bytes:
    fund, figures = report["fund"], report["figures"]
    title = _("Year report %(year)s: %(fund)s") % {"year": fund.year, "fund": fund.title}

    pdf = new_document(title=title, footer=f"{fund.office.name} · {title}")
    pdf.heading(title, size=15)
    pdf.paragraph(
        f"{fund.office.name} · "
        + _("As of %(date)s") % {"date": date_format(timezone.localdate(), "DATE_FORMAT")}
    )
    pdf.heading(_("Money"))
    money = [
        (_("Budget"), figures.budget),
        (_("Approved"), figures.approved),
        (_("Paid"), figures.paid),
        (_("Spent"), figures.spent),
        (_("Repaid"), figures.repaid),
        (_("Repayment due"), figures.repayment_due),
        (_("Approved but not spent (back in the fund)"), figures.returned),
        (_("Remaining"), figures.remaining),
        (_("Requested in all applications"), figures.requested),
    ]
    rows = [(label, format_euro(value)) for label, value in money]
    rows += [
        (_("Applications"), str(report["applications_count"])),
        (_("Funded projects"), str(report["projects_count"])),
    ]
    pdf.table(rows, widths=[pdf.epw * 0.7, pdf.epw * 0.3], align_right={1})
    pdf.heading(_("Applications by status"))
    pdf.table(
        [(row["label"], row["count"], format_euro(row["requested"])) for row in report["statuses"]],
        header=(_("Status"), _("Applications"), _("Requested")),
        align_right={1, 2},
    )
    if report["target_groups"]:
        pdf.heading(_("Funded projects by target group"))
        pdf.table(
            [
                (row["target_group"] or "–", row["count"], row["participants"])
                + (format_euro(row["approved"]),)
                for row in report["target_groups"]
            ],
            header=(_("Target group"), _("Projects"), _("Expected participants"), _("Approved")),
            align_right={1, 2, 3},
        )
    pdf.heading(_("Funded projects by applicant"))
    pdf.table(
        [
            (row["label"], row["count"], format_euro(row["approved"]))
            for row in report["applicant_types"]
        ],
        header=(_("Applicant"), _("Projects"), _("Approved")),
        align_right={1, 2},
    )
    return pdf.to_bytes()


@_german
def minutes_pdf(meeting, items) -> bytes:
    """`items`: the rows of the minutes page ({"item", "conflicts", "quorum_met"})."""
    fund = meeting.fund
    title = _("Minutes of the jury meeting of the %(fund)s on %(date)s") % {
        "fund": fund.title,
        "date": date_format(meeting.date, "DATE_FORMAT"),
    }

    pdf = new_document(title=title, footer=f"{fund.office.name} · {meeting}")
    pdf.heading(title, size=14)
    place = (fund.office.name, fund.decision_body, meeting.location)
    pdf.paragraph(" · ".join(part for part in place if part))
    pdf.heading(_("Members and attendance"))
    members = [
        (member.name, member.role or "–", _("present") if member.present else _("absent"))
        for member in meeting.members.all()
    ]
    if members:
        pdf.table(members, header=(_("Name"), _("Role"), _("Attendance")))
    pdf.paragraph(
        _("Present: %(present)s; quorum: %(quorum)s.")
        % {"present": meeting.members_present, "quorum": meeting.quorum}
    )
    pdf.heading(_("Agenda and decisions"))
    rows = []
    for number, row in enumerate(items, start=1):
        item = row["item"]
        decision = item.get_outcome_display()
        if item.amount:
            decision += f": {format_euro(item.amount)}"
        conflicts = ", ".join(conflict.member.name for conflict in row["conflicts"]) or "–"
        rows.append(
            (
                number,
                f"{item.application.reference_number} {item.application.project_title}",
                format_euro(item.application.requested_amount),
                conflicts,
                f"{item.votes_yes} / {item.votes_no} / {item.votes_abstain}",
                decision,
            )
        )
    if rows:
        epw = pdf.epw
        pdf.table(
            rows,
            header=(
                _("No."),
                _("Application"),
                _("Requested"),
                _("Conflicts of interest (abstain)"),
                _("Yes") + " / " + _("No") + " / " + _("Abstentions"),
                _("Decision"),
            ),
            widths=[epw * 0.06, epw * 0.3, epw * 0.14, epw * 0.16, epw * 0.14, epw * 0.2],
            align_right={2},
        )
    else:
        pdf.paragraph(_("The agenda is empty."))
    if meeting.notes:
        pdf.heading(_("Other notes"))
        pdf.paragraph(meeting.notes)
    return pdf.to_bytes()


@_german
def jury_sheet_pdf(meeting, sheets) -> bytes:
    """One page per open application of the meeting, with an empty vote box to fill in.
    `sheets`: the rows of the jury sheet page ({"application", "totals"})."""
    fund = meeting.fund
    title = _("Jury sheet %(fund)s, %(date)s") % {
        "fund": fund.title,
        "date": date_format(meeting.date, "DATE_FORMAT"),
    }

    pdf = new_document(title=title, footer=f"{fund.office.name} · {meeting}")
    if not sheets:
        pdf.heading(title, size=14)
        pdf.paragraph(_("There are no open applications for this meeting."))
    for number, sheet in enumerate(sheets):
        application, totals = sheet["application"], sheet["totals"]
        if number:
            pdf.add_page()
        pdf.heading(f"{application.reference_number}: {application.project_title}", size=14)
        applicant = application.name
        if application.organisation:
            applicant += f" ({application.organisation})"
        period = (
            f"{date_format(application.start_date, 'SHORT_DATE_FORMAT')} – "
            f"{date_format(application.end_date, 'SHORT_DATE_FORMAT')}"
        )
        pdf.table(
            [
                (_("Applicant"), applicant),
                (_("Period"), period),
                (_("Place"), application.place),
                (_("Target group"), application.target_group),
                (_("Requested amount"), format_euro(application.requested_amount)),
            ],
            widths=[pdf.epw * 0.3, pdf.epw * 0.7],
        )
        pdf.paragraph(_("Summary"), bold=True)
        pdf.paragraph(application.description)
        pdf.paragraph(_("Benefit for the neighbourhood"), bold=True)
        pdf.paragraph(application.benefit)
        pdf.paragraph(_("Cost plan"), bold=True)
        rows = [
            (line.category.name if line.category else "–", line.description)
            + (format_euro(line.total),)
            for line in application.expenses.all()
        ]
        rows += [
            (_("Total costs"), "", format_euro(totals["expenses"])),
            (_("Own contribution"), "", format_euro(totals["own"])),
            (_("Other funding"), "", format_euro(totals["other"])),
            (_("Requested from the fund"), "", format_euro(application.requested_amount)),
        ]
        pdf.table(
            rows,
            header=(_("Category"), _("Item"), _("Total")),
            widths=[pdf.epw * 0.3, pdf.epw * 0.5, pdf.epw * 0.2],
            align_right={2},
        )
        pdf.paragraph(_("Vote"), bold=True)
        pdf.table([("", "", "", "")], header=(_("Yes"), _("No"), _("Abstentions"), _("Decision")))
    return pdf.to_bytes()
