"""Funds of three years per office with jury meetings, and applications in every status
with their cost plan, audit rows, agenda items, payouts and proofs of use.

Rows are written in bulk, but with the values the services would write: the audit rows
carry the services' event types, and an accepted proof sets `Application.spent_amount`
as fonds.services.proof_accept does (the spent money, at most the granted amount)."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from fonds.models import (
    AgendaItem,
    Application,
    ApplicationEvent,
    CostCategory,
    ExpenseLine,
    Fund,
    IncomeLine,
    JuryMeeting,
    JuryMember,
    Payout,
    Proof,
    ProofPayment,
)
from fonds.models.storage import private_storage
from fonds.services import PRIVACY_VERSION
from fonds.services.application import reference_number

from .common import STREETS, TOPICS, Context, bulk, spread

S = Application.Status
YEARS = 3
MEETINGS = [(3, 12), (6, 11), (9, 17), (12, 3)]  # (month, day) of the jury meetings
RECEIPT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _funds(ctx: Context):
    funds = []
    for office in ctx.offices:
        for year in range(ctx.today.year - YEARS + 1, ctx.today.year + 1):
            funds.append(
                Fund(
                    office=office,
                    year=year,
                    title=f"Verfügungsfonds {office.district}",
                    summary="Geld für gute Ideen aus der Nachbarschaft.",
                    budget=Decimal("0"),  # set below from the granted money
                    max_per_application=Decimal(ctx.rng.choice([1000, 1500, 2000])),
                    min_own_contribution_percent=ctx.rng.choice([0, 10, 20]),
                    fundable=ctx.text(2),
                    rules=ctx.text(3),
                    decision_body=f"Vergabebeirat {office.district}",
                    is_open=year == ctx.today.year,
                    contact_name=ctx.person(),
                )
            )
    funds = bulk(Fund, funds)
    meetings = [
        JuryMeeting(
            fund=fund,
            date=datetime.date(fund.year, month, day),
            application_deadline=datetime.date(fund.year, month, day) - datetime.timedelta(days=21),
            location=f"Stadtteiltreff {fund.office.district}",
        )
        for fund in funds
        for month, day in MEETINGS
    ]
    meetings = bulk(JuryMeeting, meetings)
    bulk(
        JuryMember,
        [
            JuryMember(meeting=meeting, name=f"Mitglied {number}", order=number)
            for meeting in meetings
            for number in range(1, 6)
        ],
    )
    by_fund = {}
    for meeting in meetings:
        by_fund.setdefault(meeting.fund_id, []).append(meeting)
    return funds, by_fund


class _Plan:
    """One application's rows, collected before the bulk inserts."""

    def __init__(self, application, meeting):
        self.application = application
        self.meeting = meeting
        self.events = []  # (event, from, to, actor, at, comment)
        self.payout = None  # (amount, paid_on, is_advance)
        self.proof = None  # (status, submitted_at, reviewed_at, payments)
        self.agenda = None  # (outcome, amount)


def _application(ctx: Context, fund: Fund, sequence: int, meetings) -> _Plan:
    rng = ctx.rng
    last_deadline = min(meetings[-1].application_deadline, ctx.today)
    first_day = datetime.date(fund.year, 1, 1)
    day = first_day + datetime.timedelta(
        days=rng.randint(0, max((last_deadline - first_day).days, 0))
    )
    submitted_at = _moment(day, rng.randint(8, 21))
    if submitted_at > ctx.now:
        submitted_at = ctx.now - datetime.timedelta(hours=1)
    meeting = next(m for m in meetings if m.application_deadline >= day)
    requested = Decimal(rng.randint(10, int(fund.max_per_application) // 10) * 10)
    start = meeting.date + datetime.timedelta(days=rng.randint(7, 60))
    application = Application(
        fund=fund,
        reference_number=reference_number(fund, sequence),
        sequence=sequence,
        token=ctx.token(),
        applicant_type=rng.choice(Application.ApplicantType.values),
        name=ctx.person(),
        street=f"{rng.choice(STREETS)} {rng.randint(1, 80)}",
        postal_code="30159",
        city=fund.office.city,
        email=f"antrag-{fund.office.code.lower()}-{fund.year}-{sequence}@example.org",
        project_title=f"{rng.choice(TOPICS)} {fund.office.district}",
        description=ctx.text(3),
        benefit=ctx.text(2),
        target_group="Alle Nachbarinnen und Nachbarn",
        expected_participants=rng.randint(10, 300),
        place=f"Stadtteiltreff {fund.office.district}",
        start_date=start,
        end_date=start + datetime.timedelta(days=rng.randint(1, 90)),
        requested_amount=requested,
        declares_no_double_funding=True,
        declares_no_commercial_purpose=True,
        declares_no_follow_up_costs=True,
        consent_publish=rng.random() < 0.7,
        declares_photo_rights=True,
        privacy_consent_at=submitted_at,
        privacy_version=PRIVACY_VERSION,
        submitted_at=submitted_at,
        jury_meeting=meeting,
    )
    plan = _Plan(application, meeting)
    plan.events.append(("submitted", "", S.SUBMITTED, None, submitted_at, ""))
    _decide(ctx, plan, ctx.staff[fund.office_id])
    return plan


def _decide(ctx: Context, plan: _Plan, staff) -> None:
    """Move the application along the workflow as far as its dates allow."""
    rng = ctx.rng
    app = plan.application
    review_at = min(app.submitted_at + datetime.timedelta(days=rng.randint(1, 10)), ctx.now)
    decided_on = plan.meeting.date
    if decided_on > ctx.today:
        roll = rng.random()
        if roll < 0.05:
            _close(plan, S.WITHDRAWN, None, review_at, "Das Projekt findet nicht statt.")
        elif roll < 0.45:
            app.status = S.IN_REVIEW
            plan.events.append(("in_review", S.SUBMITTED, S.IN_REVIEW, staff, review_at, ""))
        return
    app.status = S.IN_REVIEW
    plan.events.append(("in_review", S.SUBMITTED, S.IN_REVIEW, staff, review_at, ""))
    decided_at = _moment(decided_on, 20)
    app.decided_at, app.decided_by = decided_at, staff
    roll = rng.random()
    if roll < 0.05:
        app.decided_at = app.decided_by = None
        _close(plan, S.WITHDRAWN, None, review_at, "")
        return
    if roll < 0.3:
        plan.agenda = (AgendaItem.Outcome.REJECT, None)
        _close(plan, S.REJECTED, staff, decided_at, "Der Beirat hat andere Projekte vorgezogen.")
        app.reason_for_applicant = "Leider reichte das Geld nicht für alle Anträge."
        return
    if rng.random() < 0.2:
        app.approved_amount = (app.requested_amount * Decimal("0.8")).quantize(Decimal("1"))
    granted = app.granted_amount
    plan.agenda = (AgendaItem.Outcome.APPROVE, granted)
    app.status = S.APPROVED
    plan.events.append(("approved", S.IN_REVIEW, S.APPROVED, staff, decided_at, ""))
    proof_due = app.end_date + datetime.timedelta(days=rng.randint(10, 60))
    if rng.random() < 0.3 and app.start_date <= ctx.today:
        # An advance payout before the project: the application is paid.
        paid_on = min(app.start_date, ctx.today)
        plan.payout = (granted, paid_on, True)
        app.status = S.PAID
        plan.events.append(("paid", S.APPROVED, S.PAID, staff, _moment(paid_on, 12), "Abschlag"))
    if proof_due >= ctx.today or rng.random() < 0.1:
        return  # the proof is not due yet, or it is overdue
    submitted_at = _moment(proof_due, 18)
    spent = min(
        granted, (granted * Decimal(rng.choice([0.85, 0.95, 1, 1, 1]))).quantize(Decimal("0.01"))
    )
    payments = [(spent / 2).quantize(Decimal("0.01"))]
    payments.append(spent - payments[0])
    plan.events.append(("proof_submitted", app.status, app.status, None, submitted_at, ""))
    if proof_due + datetime.timedelta(days=14) > ctx.today:
        plan.proof = (Proof.Status.SUBMITTED, submitted_at, None, payments)
        return
    reviewed_at = submitted_at + datetime.timedelta(days=14)
    plan.proof = (Proof.Status.ACCEPTED, submitted_at, reviewed_at, payments)
    app.spent_amount = min(spent, granted)  # as fonds.services.proof_accept
    if app.status == S.APPROVED:
        plan.events.append(("proof_accepted", S.APPROVED, S.APPROVED, staff, reviewed_at, ""))
        paid_on = reviewed_at.date() + datetime.timedelta(days=3)
        plan.payout = (app.spent_amount, paid_on, False)
        app.status = S.PAID
        plan.events.append(("paid", S.APPROVED, S.PAID, staff, _moment(paid_on, 12), ""))
        _close(
            plan,
            S.COMPLETED,
            staff,
            _moment(paid_on, 12),
            "Nach dem Verwendungsnachweis ausgezahlt.",
        )
    else:
        _close(plan, S.COMPLETED, staff, reviewed_at, "Verwendungsnachweis angenommen.")


def _close(plan: _Plan, status, actor, at, comment) -> None:
    app = plan.application
    plan.events.append((status, app.status, status, actor, at, comment))
    app.status = status
    app.closed_at = at


def _cost_plan(ctx: Context, app: Application, fund: Fund, categories) -> tuple[list, list]:
    """Cost items whose sum equals the requested money plus the own contribution."""
    own = (app.requested_amount * fund.min_own_contribution_percent / Decimal(90)).quantize(
        Decimal("1")
    )
    total = app.requested_amount + own
    first = (total * Decimal("0.6")).quantize(Decimal("1"))
    expenses = [
        ExpenseLine(
            application=app,
            category=ctx.rng.choice(categories),
            description=text,
            unit_price=price,
            total=price,
            order=order,
        )
        for order, (text, price) in enumerate(
            [("Material", first), ("Honorar und Miete", total - first)]
        )
    ]
    incomes = []
    if own:
        incomes.append(
            IncomeLine(
                application=app,
                kind=IncomeLine.Kind.VOLUNTEER_WORK,
                description="Ehrenamtliche Arbeit",
                amount=own,
            )
        )
    return expenses, incomes


def generate(ctx: Context) -> str:
    rng = ctx.rng
    funds, meetings = _funds(ctx)
    categories = list(CostCategory.objects.order_by("pk")) or bulk(
        CostCategory, [CostCategory(name="Material")]
    )
    plans = []
    for fund, count in zip(funds, spread(ctx.counts["applications"], len(funds)), strict=True):
        fund.last_sequence = count
        plans.extend(
            _application(ctx, fund, sequence, meetings[fund.pk]) for sequence in range(1, count + 1)
        )
    applications = bulk(Application, [plan.application for plan in plans])

    committed = {}
    for app in applications:
        if app.status in S.granted():
            value = app.spent_amount if app.spent_amount is not None else app.granted_amount
            committed[app.fund_id] = committed.get(app.fund_id, 0) + value
    for fund in funds:
        # The budget covers what was granted, with a little left over.
        fund.budget = Decimal(int(committed.get(fund.pk, 0) * Decimal("1.2")) // 1000 * 1000 + 5000)
    Fund.objects.bulk_update(funds, ["budget", "last_sequence"], batch_size=500)

    expenses, incomes, events, payouts, agenda, proofs = [], [], [], [], [], []
    order = {}
    for plan in plans:
        app = plan.application
        more_expenses, more_incomes = _cost_plan(ctx, app, app.fund, categories)
        expenses += more_expenses
        incomes += more_incomes
        events += [
            ApplicationEvent(
                application=app,
                event_type=f"fonds.application.{event}",
                from_status=old,
                to_status=new,
                actor=actor,
                created_at=at,
                comment=comment,
            )
            for event, old, new, actor, at, comment in plan.events
        ]
        if plan.payout:
            amount, paid_on, advance = plan.payout
            payouts.append(
                Payout(
                    application=app,
                    fund_id=app.fund_id,
                    amount=amount,
                    paid_on=paid_on,
                    is_advance=advance,
                    recorded_by=ctx.staff[app.fund.office_id],
                )
            )
        if plan.agenda:
            outcome, amount = plan.agenda
            position = order[plan.meeting.pk] = order.get(plan.meeting.pk, 0) + 1
            agenda.append(
                AgendaItem(
                    meeting=plan.meeting,
                    application=app,
                    order=position,
                    outcome=outcome,
                    amount=amount,
                    votes_yes=rng.randint(3, 5),
                )
            )
        if plan.proof:
            status, submitted_at, reviewed_at, payments = plan.proof
            proofs.append(
                (
                    Proof(
                        application=app,
                        status=status,
                        report=ctx.text(3),
                        participants=app.expected_participants,
                        submitted_at=submitted_at,
                        reviewed_at=reviewed_at,
                        reviewed_by=ctx.staff[app.fund.office_id] if reviewed_at else None,
                    ),
                    payments,
                )
            )
    bulk(ExpenseLine, expenses)
    bulk(IncomeLine, incomes)
    bulk(ApplicationEvent, events)
    bulk(Payout, payouts)
    bulk(AgendaItem, agenda)
    saved = bulk(Proof, [proof for proof, _ in proofs])
    # One small receipt file stands in for every scanned receipt.
    receipt = private_storage.save("fonds/skala/beleg.pdf", ContentFile(RECEIPT))
    bulk(
        ProofPayment,
        [
            ProofPayment(
                proof=proof,
                order=index,
                paid_on=proof.submitted_at.date(),
                payee="Baumarkt",
                purpose="Material",
                amount=amount,
                file=receipt,
                original_name="beleg.pdf",
                kind="pdf",
                size=len(RECEIPT),
            )
            for proof, (_, payments) in zip(saved, proofs, strict=True)
            for index, amount in enumerate(payments)
        ],
    )
    statuses = {}
    for app in applications:
        statuses[app.status] = statuses.get(app.status, 0) + 1
    summary = ", ".join(f"{count} {status}" for status, count in sorted(statuses.items()))
    return (
        f"{len(funds)} funds, {len(applications)} applications ({summary}), "
        f"{len(payouts)} payouts, {len(proofs)} proofs"
    )
