"""Offices of several cities with hours, team, work areas, news and one staff account each."""

import datetime

from django.contrib.auth import get_user_model

from offices.models import (
    HoursKind,
    Notice,
    Office,
    OfficeHours,
    OfficeMembership,
    TeamMember,
    WorkArea,
)

from .common import CITIES, DISTRICTS, STREETS, Context, bulk

NOTICES_PER_OFFICE = 12


def generate(ctx: Context) -> str:
    rng = ctx.rng
    offices = []
    for number in range(1, ctx.counts["offices"] + 1):
        city, postal = CITIES[number % len(CITIES)]
        district = DISTRICTS[(number // len(CITIES)) % len(DISTRICTS)]
        kind = rng.choice(Office.Kind.values)
        offices.append(
            Office(
                name=f"{Office.Kind(kind).label} {district} {number}",
                slug=f"skala-{number:03d}",
                code=f"SK{number:03d}",
                kind=kind,
                city=city,
                district=district,
                summary=f"Ihr Treffpunkt für die {district} in {city}. {ctx.text(1)}",
                description=ctx.text(3),
                history=f"Seit {rng.randint(1999, 2020)} im Programm Sozialer Zusammenhalt.",
                carrier=rng.choice(["Diakonie", "AWO", "Caritas", "Stadtplanungsamt"]),
                street=f"{rng.choice(STREETS)} {rng.randint(1, 80)}",
                postal_code=f"{postal}{rng.randint(100, 999)}",
                locality=city,
                phone=f"0511 {rng.randint(100000, 999999)}",
                email=f"skala-{number:03d}@stadtteilportal.example",
            )
        )
    ctx.offices = bulk(Office, offices)

    User = get_user_model()
    users = bulk(
        User,
        [
            User(username=f"skala-{office.code.lower()}", is_staff=True, password="!")
            for office in ctx.offices
        ],
    )
    ctx.staff = {office.pk: user for office, user in zip(ctx.offices, users, strict=True)}
    bulk(
        OfficeMembership,
        [OfficeMembership(office=office, user=ctx.staff[office.pk]) for office in ctx.offices],
    )

    hours, team, areas, notices = [], [], [], []
    for office in ctx.offices:
        for weekday in rng.sample(range(5), 3):
            opens = datetime.time(rng.choice([9, 10, 14]))
            hours.append(
                OfficeHours(
                    office=office,
                    weekday=weekday,
                    opens=opens,
                    closes=datetime.time(opens.hour + 3),
                    kind=HoursKind.OPENING,
                )
            )
        for order in range(3):
            team.append(
                TeamMember(office=office, name=ctx.person(), role="Quartiersarbeit", order=order)
            )
        for order, title in enumerate(["Gemeinwesenarbeit", "Beteiligung"]):
            areas.append(WorkArea(office=office, title=title, description=ctx.text(2), order=order))
        for index in range(NOTICES_PER_OFFICE):
            published = ctx.now - datetime.timedelta(days=rng.randint(0, 3 * 365))
            notices.append(
                Notice(
                    office=office,
                    title=f"Neues aus der {office.district}: {index + 1}",
                    slug=f"{office.slug}-nachricht-{index + 1}",
                    summary=ctx.text(1),
                    body=ctx.text(3),
                    published_at=published,
                    created_by=ctx.staff[office.pk],
                )
            )
    bulk(OfficeHours, hours)
    bulk(TeamMember, team)
    bulk(WorkArea, areas)
    bulk(Notice, notices)
    return f"{len(ctx.offices)} offices, {len(notices)} notices, {len(users)} staff accounts"
