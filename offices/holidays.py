"""Public holidays where an office is: the one helper for every rule that needs them
(the office's JSON-LD now, "open now" later), by the office's federal state."""

import datetime
from functools import lru_cache

import holidays
from django.utils.translation import get_language

HOLIDAY_LANGUAGES = {"de": "de", "en": "en_US"}


@lru_cache(maxsize=256)
def _state_holidays(state: str, year: int, language: str) -> tuple:
    """((date, name), ...) of one state's year: the calendar is costly to build and the
    same for every office of the state, so each process builds it once."""
    calendar = holidays.country_holidays("DE", subdiv=state, years=year, language=language)
    return tuple(sorted(calendar.items()))


def office_holidays(office, start: datetime.date, end: datetime.date) -> dict:
    """{date: name} of the public holidays from `start` to `end` (both included) in the
    federal state of `office`, named in the current language."""
    language = HOLIDAY_LANGUAGES.get(get_language(), "de")
    return {
        day: name
        for year in range(start.year, end.year + 1)
        for day, name in _state_holidays(office.federal_state, year, language)
        if start <= day <= end
    }
