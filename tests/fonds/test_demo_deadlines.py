"""The demo keeps each fund open: after the year's last deadline, one two weeks ahead."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from fonds.demo import keep_open
from tests.factories import FundFactory

pytestmark = pytest.mark.django_db


def test_a_fund_past_its_deadlines_gets_one_two_weeks_ahead():
    fund = FundFactory()
    later = timezone.now() + datetime.timedelta(days=60)
    with time_machine.travel(later, tick=False):
        assert not fund.accepts_applications()
        keep_open(fund)
        keep_open(fund)  # a second load adds nothing
        today = timezone.localdate()
        meeting = fund.next_meeting()
        assert meeting.application_deadline == today + datetime.timedelta(days=14)
        assert meeting.date == today + datetime.timedelta(days=24)
        assert fund.jury_meetings.count() == 2
        assert fund.accepts_applications()


def test_a_fund_with_an_open_deadline_keeps_its_meetings():
    fund = FundFactory()  # a meeting in a month, deadline in two weeks
    fund.jury_meetings.update(application_deadline=timezone.localdate() + datetime.timedelta(30))
    fund.jury_meetings.update(date=timezone.localdate() + datetime.timedelta(40))
    keep_open(fund)
    assert fund.jury_meetings.count() == 1
