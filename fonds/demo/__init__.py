"""Demo funds of this year for four offices and fifteen applications in every status.

Applications go through the same services as real ones (submit, then the status
changes with their audit rows), back-dated so each one meets the rules on the day it
was "sent". Idempotent: funds are found by office and year, applications by title.
"""

import datetime

from django.utils import timezone

from fonds import services
from fonds.models import (
    AgendaItem,
    Application,
    ApplicationNote,
    CostCategory,
    ExpenseLine,
    Fund,
    IncomeLine,
    JuryMeeting,
    JuryMember,
)
from offices.models import Office
from stadtteilbuero.demo import demo_image

from .data import (
    APPLICATIONS,
    CATEGORIES,
    DEMO_NOTES,
    FUNDABLE,
    FUNDS,
    JURY,
    OUTCOMES,
    RULES,
    D,
    S,
)


def _date(year, month_day):
    month, day = (int(part) for part in month_day.split("-"))
    return datetime.date(year, month, day)


def _aware(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load_funds(year):
    categories = {}
    for order, (name, description) in enumerate(CATEGORIES):
        categories[name], _created = CostCategory.objects.update_or_create(
            name=name, defaults={"description": description, "order": order}
        )
    funds = {}
    for slug, data in FUNDS.items():
        office = Office.objects.get(slug=slug)
        data = dict(data)
        excluded = data.pop("excluded")
        meetings = data.pop("meetings")
        data["rules"] = RULES.format(body=data["decision_body"])
        data["fundable"] = FUNDABLE
        data["contact_email"] = office.email
        data["contact_phone"] = office.phone
        # The demo's projects lie around today: late in the year they run into the next.
        data["projects_end_in_year"] = False
        fund, _created = Fund.objects.update_or_create(office=office, year=year, defaults=data)
        fund.excluded_categories.set([categories[name] for name in excluded])
        for deadline, meeting in meetings:
            JuryMeeting.objects.update_or_create(
                fund=fund,
                date=_date(year, meeting),
                defaults={"application_deadline": _date(year, deadline)},
            )
        keep_open(fund)
        funds[slug] = fund
    return funds, categories


# However late in the year the demo is loaded, each fund takes applications: after its
# last deadline of the year a meeting follows OPEN_FOR days after the loading day.
OPEN_FOR = datetime.timedelta(days=14)
DECIDED_AFTER_DEADLINE = datetime.timedelta(days=10)


def keep_open(fund):
    deadline = timezone.localdate() + OPEN_FOR
    if not fund.jury_meetings.filter(application_deadline__gte=deadline).exists():
        JuryMeeting.objects.get_or_create(
            fund=fund,
            date=deadline + DECIDED_AFTER_DEADLINE,
            defaults={"application_deadline": deadline},
        )


def _submit(fund, categories, data, now):
    meeting = fund.meetings()[data["meeting"]]
    submitted = min(_aware(meeting.application_deadline - datetime.timedelta(days=6)), now)
    start = meeting.date + datetime.timedelta(days=data["days"][0])
    end = meeting.date + datetime.timedelta(days=data["days"][1])
    expenses = [
        ExpenseLine(
            category=categories[category],
            description=text,
            quantity=D(quantity),
            unit_price=D(price),
        )
        for category, text, quantity, price in data["costs"]
    ]
    incomes = [
        IncomeLine(kind=kind, description=text, amount=D(amount))
        for kind, text, amount in data["income"]
    ]
    totals = services.finance_totals(expenses=expenses, incomes=incomes, requested=D(0))
    applicant_type, name, organisation = data["applicant"]
    local = name.lower().replace(" ", ".").translate(str.maketrans("äöüßıłńćš", "aousilncs"))
    application = Application(
        applicant_type=applicant_type,
        name=name,
        organisation=organisation,
        street=f"{fund.office.district}weg {len(name)}",
        postal_code=fund.office.postal_code or "00000",
        city=fund.office.locality or fund.office.city,
        email=f"{local}@example.org",
        project_title=data["title"],
        description=data["description"],
        benefit=data["benefit"],
        target_group=data["target"],
        expected_participants=data["participants"],
        place=data["place"],
        start_date=start,
        end_date=end,
        requested_amount=totals["expenses"] - totals["income"],
        declares_no_double_funding=True,
        declares_no_commercial_purpose=True,
        declares_no_follow_up_costs=True,
        consent_publish=True,
        declares_photo_rights=True,
    )
    attachments = []
    if data.get("attachment"):
        attachments = [demo_image(f"antrag-{data['title']}", size=(800, 600))]
        attachments[0].name = "Skizze.png"
    return services.application_submit(
        fund=fund,
        application=application,
        expenses=expenses,
        incomes=incomes,
        attachments=attachments,
        submitted_at=submitted,
        notify=False,
    ), meeting


def _advance(application, meeting, data, now):
    """Walk the application through the workflow to its demo status."""
    target = data["status"]
    if target == S.SUBMITTED:
        return
    if target == S.WITHDRAWN:
        services.application_withdraw(application=application, notify=False)
        return
    review_at = min(application.submitted_at + datetime.timedelta(days=3), now)
    services.application_transition(application=application, to_status=S.IN_REVIEW, at=review_at)
    if target == S.IN_REVIEW:
        return
    decided_at = min(_aware(meeting.date, 18), now)
    if target == S.REJECTED:
        services.application_transition(
            application=application,
            to_status=S.REJECTED,
            at=decided_at,
            comment="Verpflegung und private Feiern kann der Fonds nicht fördern.",
        )
        return
    services.application_transition(
        application=application,
        to_status=S.APPROVED,
        at=decided_at,
        approved_amount=D(data["approved"]) if "approved" in data else None,
    )
    if target == S.APPROVED:
        return
    # The applicant's account, an advance of the approved amount, then the proof of use
    # with receipts, accepted.
    application = services.application_set_bank_details(
        application=application,
        account_holder=application.organisation or application.name,
        iban="DE02120300000000202051",  # a valid test IBAN (a public example account)
    )
    paid_at = min(decided_at + datetime.timedelta(days=10), now)
    services.application_record_payout(
        application=application,
        actor=None,
        amount=application.granted_amount,
        paid_on=timezone.localdate(paid_at),
        is_advance=True,
    )
    if target == S.PAID:
        return
    _proof(application, now)


def _receipt(label, name):
    upload = demo_image(label, size=(600, 800))
    upload.name = name
    return upload


def _proof(application, now):
    submitted_at = min(_aware(application.end_date + datetime.timedelta(days=14)), now)
    granted = application.granted_amount
    first = (granted * D("0.6")).quantize(D("0.01"))
    payments = [
        {
            "paid_on": application.start_date,
            "payee": "Fachhandel Nord GmbH",
            "purpose": "Material laut Kostenplan",
            "amount": first,
            "receipt": _receipt(f"beleg-1-{application.pk}", "Rechnung-1.png"),
        },
        {
            "paid_on": application.end_date,
            "payee": "Druckerei am Markt",
            "purpose": "Honorare, Druck und Miete laut Kostenplan",
            "amount": granted - first,
            "receipt": _receipt(f"beleg-2-{application.pk}", "Rechnung-2.png"),
        },
    ]
    proof = services.proof_submit(
        application=application,
        report=(
            "Das Projekt hat wie geplant stattgefunden. Viele Nachbar:innen haben mitgemacht "
            "und gefragt, ob es im nächsten Jahr wieder ein solches Angebot gibt."
        ),
        participants=application.expected_participants,
        payments=payments,
        photos=[_receipt(f"foto-{application.pk}", "Foto.png")],
        submitted_at=submitted_at,
        notify=False,
    )
    services.proof_accept(
        proof=proof, actor=None, comment="Verwendungsnachweis geprüft.", notify=False
    )


def load():
    now = timezone.now()
    year = timezone.localdate().year
    funds, categories = load_funds(year)
    created = 0
    for data in APPLICATIONS:
        fund = Fund.objects.with_details().get(pk=funds[data["office"]].pk)
        if Application.objects.filter(fund=fund, project_title=data["title"]).exists():
            continue
        application, meeting = _submit(fund, categories, data, now)
        _advance(application, meeting, data, now)
        created += 1
    meetings = load_jury(funds.values())
    load_notes()
    return (
        f"{len(funds)} funds, {created} new applications ({len(APPLICATIONS)} in the demo), "
        f"{meetings} jury meetings with members and agenda"
    )


def load_jury(funds):
    """Members present and the agenda of every meeting that has applications."""
    count = 0
    for fund in funds:
        for meeting in JuryMeeting.objects.filter(fund=fund, applications__isnull=False).distinct():
            for order, (role, name) in enumerate(JURY):
                JuryMember.objects.update_or_create(
                    meeting=meeting, name=name, defaults={"role": role, "order": order}
                )
            granted = list(Application.Status.granted())
            for application in meeting.applications.filter(
                status__in=[*granted, S.REJECTED]
            ).exclude(agenda_items__meeting=meeting):
                outcome = OUTCOMES[application.status]
                AgendaItem.objects.create(
                    meeting=meeting,
                    application=application,
                    order=application.sequence,
                    votes_yes=4 if outcome == AgendaItem.Outcome.APPROVE else 1,
                    votes_no=0 if outcome == AgendaItem.Outcome.APPROVE else 3,
                    votes_abstain=1,
                    outcome=outcome,
                    amount=application.approved_amount
                    if outcome == AgendaItem.Outcome.APPROVE
                    else None,
                )
            services.jury_meeting_build_agenda(meeting=meeting)
            count += 1
    return count


def load_notes():
    """Internal staff notes on the applications in review (once each)."""
    for application in Application.objects.filter(status=S.IN_REVIEW, notes__isnull=True):
        for text in DEMO_NOTES:
            ApplicationNote.objects.create(application=application, text=text)
