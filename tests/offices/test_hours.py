import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from offices import hours
from offices.models import HoursException, HoursKind, OfficeHours
from tests.factories import HoursExceptionFactory, OfficeHoursFactory

T = datetime.time
BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = datetime.date(2026, 11, 23)
TUESDAY = MONDAY + datetime.timedelta(days=1)


def slot(weekday, opens, closes, kind=HoursKind.OPENING, label=""):
    return OfficeHours(weekday=weekday, opens=T(opens), closes=T(closes), kind=kind, label=label)


def exception(
    start, end=None, kind=HoursException.Kind.CLOSED, applies_to="", opens=None, closes=None
):
    return HoursException(
        start_date=start,
        end_date=end or start,
        kind=kind,
        applies_to=applies_to,
        opens=opens,
        closes=closes,
        note="Ferien",
    )


WEEK = [slot(1, 14, 17), slot(0, 9, 12), slot(0, 14, 16, HoursKind.CONSULTATION), slot(3, 9, 13)]


def test_week_runs_monday_to_sunday_with_slots_in_time_order():
    week = hours.week_schedule(WEEK, [], today=MONDAY + datetime.timedelta(days=2))
    assert [d.date.weekday() for d in week] == list(range(7))
    assert [(s.opens, s.title) for s in week[0].slots] == [
        (T(9), "Öffnungszeiten"),
        (T(14), "Bürgersprechstunde"),
    ]
    assert week[2].is_today and not week[0].is_today
    assert week[6].slots == []


def test_closed_exception_removes_all_slots_of_the_day():
    week = hours.week_schedule(WEEK, [exception(MONDAY)], today=MONDAY)
    assert week[0].is_closed
    assert week[0].slots == []
    assert week[1].slots  # Tuesday unaffected


def test_closed_exception_for_one_kind_keeps_the_others():
    day = hours.day_schedule(WEEK, [exception(MONDAY, applies_to=HoursKind.CONSULTATION)], MONDAY)
    assert not day.is_closed
    assert [s.kind for s in day.slots] == [HoursKind.OPENING]


def test_changed_exception_replaces_times_of_its_kind():
    changed = exception(
        MONDAY,
        MONDAY + datetime.timedelta(days=13),
        kind=HoursException.Kind.CHANGED,
        applies_to=HoursKind.CONSULTATION,
        opens=T(10),
        closes=T(11),
    )
    day = hours.day_schedule(WEEK, [changed], MONDAY)
    assert day.is_changed
    assert [(s.kind, s.opens) for s in day.slots] == [
        (HoursKind.OPENING, T(9)),
        (HoursKind.CONSULTATION, T(10)),
    ]


@pytest.mark.parametrize(
    ("moment", "code", "text"),
    [
        (datetime.datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN), "open", "Jetzt geöffnet, bis 12:00"),
        (
            datetime.datetime(2026, 11, 23, 11, 59, tzinfo=BERLIN),
            "open",
            "Jetzt geöffnet, bis 12:00",
        ),
        (datetime.datetime(2026, 11, 23, 12, 0, tzinfo=BERLIN), "closed_now", "öffnet um 14:00"),
        (datetime.datetime(2026, 11, 23, 8, 0, tzinfo=BERLIN), "closed_now", "öffnet um 09:00"),
        (datetime.datetime(2026, 11, 23, 18, 0, tzinfo=BERLIN), "closed_now", "Jetzt geschlossen"),
        (datetime.datetime(2026, 11, 29, 10, 0, tzinfo=BERLIN), "closed_now", "Jetzt geschlossen"),
    ],
)
def test_current_status(moment, code, text):
    status = hours.current_status(WEEK, [], moment)
    assert status.code == code
    assert text in status.text


def test_status_closed_today_names_the_reason():
    status = hours.current_status(
        WEEK, [exception(MONDAY)], datetime.datetime(2026, 11, 23, 10, tzinfo=BERLIN)
    )
    assert status.code == "closed_today"
    assert status.text == "Heute geschlossen (Ferien)"


def test_status_with_changed_hours_today():
    changed = exception(MONDAY, kind=HoursException.Kind.CHANGED, opens=T(10), closes=T(11))
    assert (
        "geänderte Zeiten"
        in hours.current_status(
            WEEK, [changed], datetime.datetime(2026, 11, 23, 10, 30, tzinfo=BERLIN)
        ).text
    )
    assert (
        hours.current_status(
            WEEK, [changed], datetime.datetime(2026, 11, 23, 12, tzinfo=BERLIN)
        ).code
        == "changed_today"
    )


def test_no_hours_means_by_appointment():
    assert (
        hours.current_status([], [], datetime.datetime(2026, 11, 23, 10, tzinfo=BERLIN)).code
        == "no_hours"
    )


def test_upcoming_exceptions_window():
    past = exception(MONDAY - datetime.timedelta(days=10))
    running = exception(MONDAY - datetime.timedelta(days=1), MONDAY + datetime.timedelta(days=1))
    soon = exception(MONDAY + datetime.timedelta(days=30))
    far = exception(MONDAY + datetime.timedelta(days=200))
    assert hours.upcoming_exceptions([past, running, soon, far], MONDAY) == [running, soon]


@pytest.mark.django_db
def test_hours_must_end_after_start():
    with pytest.raises(ValidationError) as error:
        OfficeHoursFactory.build(opens=T(12), closes=T(9)).full_clean(exclude=["office"])
    assert "closes" in error.value.message_dict


@pytest.mark.django_db
def test_exception_end_not_before_start():
    with pytest.raises(ValidationError) as error:
        HoursExceptionFactory.build(start_date=TUESDAY, end_date=MONDAY).full_clean(
            exclude=["office"]
        )
    assert "end_date" in error.value.message_dict


@pytest.mark.django_db
def test_office_page_applies_todays_exception(client, office, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC))
    OfficeHoursFactory(office=office, weekday=0, opens=T(9), closes=T(13))
    HoursExceptionFactory(office=office, start_date=MONDAY, end_date=MONDAY, note="Betriebsausflug")
    content = client.get(office.get_absolute_url()).content.decode()
    assert "Heute geschlossen (Betriebsausflug)" in content
