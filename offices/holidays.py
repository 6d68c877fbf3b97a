"""Public holidays where an office is: the one helper for every rule that needs them
(the office's JSON-LD now, "open now" later), by the office's federal state."""

import datetime

import holidays
from django.utils.translation import get_language

HOLIDAY_LANGUAGES = {"de": "de", "en": "en_US"}


def office_holidays(office, start: datetime.date, end: datetime.date) -> dict:
    """{date: name} of the public holidays from `start` to `end` (both included) in the
    federal state of `office`, named in the current language."""
    calendar = holidays.country_holidays(
        "DE",
        subdiv=office.federal_state,
        years=range(start.year, end.year + 1),
        language=HOLIDAY_LANGUAGES.get(get_language(), "de"),
    )
    return {day: name for day, name in sorted(calendar.items()) if start <= day <= end}
