import datetime

import pytest
from django.core.exceptions import ValidationError

from events.models import Event, Occurrence
from events.recurrence import MAX_OCCURRENCES
from events.services import event_sync_occurrences
from tests.factories import CancelledDateFactory, EventFactory

from .helpers import berlin

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def local_starts(event):
    return [o.start.astimezone(berlin(2026, 1, 1).tzinfo) for o in event.occurrences.all()]


def test_single_event_has_one_stored_date():
    event = EventFactory(start=berlin(2026, 5, 4, 18), end=berlin(2026, 5, 4, 20))
    assert [(o.start, o.end) for o in event.occurrences.all()] == [
        (berlin(2026, 5, 4, 18), berlin(2026, 5, 4, 20))
    ]


def test_weekly_on_chosen_weekdays_until_inclusive():
    event = EventFactory(
        start=berlin(2026, 3, 3, 18),
        end=berlin(2026, 3, 3, 19, 30),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_weekdays="1,3",
        recurrence_until=datetime.date(2026, 3, 17),
    )
    assert local_starts(event) == [
        berlin(2026, 3, 3, 18),
        berlin(2026, 3, 5, 18),
        berlin(2026, 3, 10, 18),
        berlin(2026, 3, 12, 18),
        berlin(2026, 3, 17, 18),
    ]
    assert all(o.end - o.start == datetime.timedelta(minutes=90) for o in event.occurrences.all())


def test_weekly_keeps_the_wall_clock_time_across_daylight_saving():
    event = EventFactory(
        start=berlin(2026, 3, 24, 18),
        end=berlin(2026, 3, 24, 20),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=datetime.date(2026, 3, 31),
    )
    first, second = event.occurrences.all()
    assert first.start.astimezone(UTC).hour == 17  # CET, UTC+1
    assert second.start.astimezone(UTC).hour == 16  # CEST, UTC+2
    assert second.end.astimezone(UTC).hour == 18


def test_monthly_every_first_monday():
    event = EventFactory(
        start=berlin(2026, 1, 5, 10),
        end=berlin(2026, 1, 5, 12),
        recurrence=Event.Recurrence.MONTHLY,
        recurrence_week=Event.WeekOfMonth.FIRST,
        recurrence_until=datetime.date(2026, 6, 30),
    )
    assert [o.day for o in event.occurrences.all()] == [
        datetime.date(2026, 1, 5),
        datetime.date(2026, 2, 2),
        datetime.date(2026, 3, 2),
        datetime.date(2026, 4, 6),
        datetime.date(2026, 5, 4),
        datetime.date(2026, 6, 1),
    ]
    assert event.recurrence_description.startswith("Jeden ersten Montag im Monat")


def test_monthly_every_last_friday():
    event = EventFactory(
        start=berlin(2026, 1, 30, 15),
        end=None,
        recurrence=Event.Recurrence.MONTHLY,
        recurrence_week=Event.WeekOfMonth.LAST,
        recurrence_until=datetime.date(2026, 4, 30),
    )
    assert [o.day for o in event.occurrences.all()] == [
        datetime.date(2026, 1, 30),
        datetime.date(2026, 2, 27),
        datetime.date(2026, 3, 27),
        datetime.date(2026, 4, 24),
    ]


def test_cancelled_single_date_is_kept_and_marked():
    event = EventFactory(
        start=berlin(2026, 3, 3, 18),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=datetime.date(2026, 3, 24),
    )
    CancelledDateFactory(event=event, date=datetime.date(2026, 3, 10))
    event_sync_occurrences(event=event)
    assert [(o.day.day, o.is_cancelled) for o in event.occurrences.all()] == [
        (3, False),
        (10, True),
        (17, False),
        (24, False),
    ]


def test_sync_replaces_the_dates_after_a_change():
    event = EventFactory(
        start=berlin(2026, 3, 3, 18),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=datetime.date(2026, 3, 31),
    )
    assert event.occurrences.count() == 5
    event.recurrence_until = datetime.date(2026, 3, 10)
    event.save()
    assert event.occurrences.count() == 5  # save() alone writes nothing else
    assert event_sync_occurrences(event=event) == 2
    assert Occurrence.objects.filter(event=event).count() == 2


def test_all_day_event_over_several_days_runs_midnight_to_midnight():
    event = EventFactory(start=berlin(2026, 10, 24, 0), end=berlin(2026, 10, 25, 0), all_day=True)
    occurrence = event.occurrences.get()
    assert occurrence.start == berlin(2026, 10, 24, 0)
    assert occurrence.end == berlin(2026, 10, 26, 0)  # 49 hours: the clocks go back
    assert occurrence.last_day == datetime.date(2026, 10, 25)
    assert occurrence.is_multi_day


def test_number_of_dates_is_capped():
    event = EventFactory(
        start=berlin(2026, 1, 5, 10),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_weekdays="0,1,2,3,4,5,6",
        recurrence_until=datetime.date(2028, 12, 31),
    )
    assert event.occurrences.count() == MAX_OCCURRENCES


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"recurrence_until": None}, "recurrence_until"),
        ({"recurrence_until": datetime.date(2026, 3, 1)}, "recurrence_until"),
        ({"recurrence_until": datetime.date(2030, 1, 1)}, "recurrence_until"),
        ({"recurrence_weekdays": "2"}, "start"),  # first date is a Tuesday
        ({"recurrence_weekdays": "1,9"}, "recurrence_weekdays"),
        ({"recurrence": "monthly", "recurrence_week": None}, "recurrence_week"),
        ({"recurrence": "monthly", "recurrence_week": 2}, "start"),  # 3 March: first Tuesday
        (
            {"recurrence_weekdays": "0,1,2,3,4,5,6", "recurrence_until": datetime.date(2027, 6, 1)},
            "recurrence_until",
        ),
        ({"slug": "kalender"}, "slug"),
        ({"end": berlin(2026, 3, 3, 17)}, "end"),
        ({"is_free": False, "price": ""}, "price"),
        ({"registration": "required", "registration_info": ""}, "registration_info"),
    ],
)
def test_clean_explains_wrong_input_at_the_field(changes, field):
    event = EventFactory.build(
        start=berlin(2026, 3, 3, 18),
        end=berlin(2026, 3, 3, 20),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_weekdays="1",
        recurrence_until=datetime.date(2026, 6, 30),
    )
    event.office.save()
    event.category.save()
    for name, value in changes.items():
        setattr(event, name, value)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert field in error.value.message_dict


def test_valid_recurring_event_passes_clean():
    event = EventFactory(
        start=berlin(2026, 3, 3, 18),
        recurrence=Event.Recurrence.MONTHLY,
        recurrence_week=Event.WeekOfMonth.FIRST,
        recurrence_until=datetime.date(2026, 6, 30),
    )
    event.full_clean()
