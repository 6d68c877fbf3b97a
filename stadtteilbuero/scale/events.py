"""Events of three past years and the coming year: mostly single dates, some weekly and
monthly series; their dates come from the events' own recurrence code."""

import datetime

from django.utils import timezone

from events.models import Category, Event, Occurrence

from .common import STREETS, TOPICS, Context, bulk, spread


def _event(ctx: Context, office, number, categories) -> Event:
    rng = ctx.rng
    day = ctx.today + datetime.timedelta(days=rng.randint(-3 * 365, 365))
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.randint(9, 19))))
    roll = rng.random()
    recurrence, until, weekdays, week = Event.Recurrence.NONE, None, "", None
    if roll < 0.08:
        recurrence = Event.Recurrence.WEEKLY
        until = day + datetime.timedelta(weeks=rng.randint(8, 52))
        weekdays = str(start.weekday())
    elif roll < 0.1:
        recurrence = Event.Recurrence.MONTHLY
        until = day + datetime.timedelta(days=rng.randint(90, 365))
        week = min((day.day - 1) // 7 + 1, 4)
    all_day = recurrence == Event.Recurrence.NONE and rng.random() < 0.05
    status = rng.choices(Event.Status.values, weights=[96, 3, 1])[0]
    projects = ctx.projects_by_office.get(office.pk)
    return Event(
        office=office,
        title=f"{rng.choice(TOPICS)} in der {office.district}",
        slug=f"{office.slug}-termin-{number}",
        summary=ctx.text(1),
        description=ctx.text(3),
        category=rng.choice(categories),
        project_id=rng.choice(projects) if projects and rng.random() < 0.3 else None,
        start=start,
        end=start + datetime.timedelta(hours=rng.choice([1, 2, 3])),
        all_day=all_day,
        location_name=f"Stadtteiltreff {office.district}",
        address=f"{rng.choice(STREETS)} {rng.randint(1, 80)}, {office.city}",
        is_free=rng.random() < 0.8,
        status=status,
        recurrence=recurrence,
        recurrence_weekdays=weekdays,
        recurrence_week=week,
        recurrence_until=until,
        is_published=rng.random() < 0.97,
        created_by=ctx.staff[office.pk],
    )


def generate(ctx: Context) -> str:
    categories = list(Category.objects.order_by("pk"))
    events = []
    for office, count in zip(
        ctx.offices, spread(ctx.counts["events"], len(ctx.offices)), strict=True
    ):
        events.extend(_event(ctx, office, number, categories) for number in range(1, count + 1))
    events = bulk(Event, events)
    dates = 0
    rows = []
    for event in events:
        # As events.services.event_sync_occurrences, without a query per event.
        for start, end in event.date_spans():
            rows.append(Occurrence(event=event, start=start, end=end, is_cancelled=False))
        if len(rows) > 20000:
            dates += len(bulk(Occurrence, rows))
            rows = []
    dates += len(bulk(Occurrence, rows))
    return f"{len(events)} events with {dates} dates"
