import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from events.models import Event
from tests.factories import CategoryFactory, EventFactory, OfficeFactory

from .helpers import berlin

pytestmark = pytest.mark.django_db


def calendar_url(year, month):
    return reverse("events:event-calendar", kwargs={"year": year, "month": month})


def rows(content):
    body = content[content.index("<tbody>") : content.index("</tbody>")]
    return [re.findall(r"<td[^>]*>", row) for row in body.split("<tr>")[1:]]


def test_month_starting_on_sunday_february_2026(client):
    # 1 February 2026 is a Sunday; February has 28 days: 1 Feb is the last cell of row one.
    content = client.get(calendar_url(2026, 2)).content.decode()
    weeks = rows(content)
    assert len(weeks) == 5
    assert all(len(week) == 7 for week in weeks)
    assert [cell == '<td class="other-month">' for cell in weeks[0]] == [True] * 6 + [False]
    # The last row runs from 23 February to 1 March (shown empty).
    assert [cell == '<td class="other-month">' for cell in weeks[-1]] == [False] * 6 + [True]
    assert '<time datetime="2026-02-01">1.</time>' in content
    assert '<time datetime="2026-02-28">28.</time>' in content
    assert "2026-02-29" not in content and "2026-03-01" not in content
    assert "Veranstaltungen im Februar 2026" in content


def test_leap_february_2028_has_29_days(client):
    content = client.get(calendar_url(2028, 2)).content.decode()
    assert '<time datetime="2028-02-29">29.</time>' in content
    # 1 February 2028 is a Tuesday: one empty cell before it.
    assert [c == '<td class="other-month">' for c in rows(content)[0]][:2] == [True, False]


def test_month_starting_on_monday_has_no_leading_gap(client):
    content = client.get(calendar_url(2026, 6)).content.decode()  # 1 June 2026: Monday
    assert rows(content)[0][0] != '<td class="other-month">'


def test_weekday_headers_are_german_and_start_on_monday(client):
    content = client.get(calendar_url(2026, 2)).content.decode()
    headers = re.findall(r'<th scope="col"><abbr title="([^"]+)">', content)
    assert headers == [
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    ]
    assert "<caption" in content


def test_today_is_marked(client):
    with time_machine.travel(berlin(2026, 2, 11, 9), tick=False):
        content = client.get(calendar_url(2026, 2)).content.decode()
    assert content.count('aria-current="date"') == 1
    today = content[content.index('aria-current="date"') :][:300]
    assert '<time datetime="2026-02-11">' in today


def test_only_todays_cell_carries_the_today_label(client):
    # The label is hidden by CSS on wide screens; it must not stand in every cell.
    with time_machine.travel(berlin(2026, 2, 11, 9), tick=False):
        this_month = client.get(calendar_url(2026, 2)).content.decode()
        next_month = client.get(calendar_url(2026, 3)).content.decode()
    assert this_month.count("(heute)") == 1
    cell = re.search(r"<td[^>]*>((?:(?!</td>).)*\(heute\)(?:(?!</td>).)*)</td>", this_month, re.S)
    assert '<time datetime="2026-02-11">' in cell.group(1)
    assert "(heute)" not in next_month


def test_events_appear_on_their_days_including_every_recurring_date(client):
    EventFactory(title="Einzeltermin", start=berlin(2026, 2, 14, 15))
    EventFactory(
        title="Sprechstunde",
        start=berlin(2026, 2, 3, 10),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=datetime.date(2026, 3, 31),
    )
    EventFactory(title="Entwurf", start=berlin(2026, 2, 14, 15), is_published=False)
    content = client.get(calendar_url(2026, 2)).content.decode()
    assert content.count(">Sprechstunde</a>") == 4  # 3, 10, 17, 24 February
    assert content.count(">Einzeltermin</a>") == 1
    assert "Entwurf" not in content
    day = content[content.index('datetime="2026-02-14"') :]
    assert day.index("Einzeltermin") < day.index("</td>")


def test_event_over_the_month_end_shows_in_both_months(client):
    EventFactory(
        title="Winterfest",
        start=berlin(2026, 2, 28, 0),
        end=berlin(2026, 3, 1, 0),
        all_day=True,
    )
    february = client.get(calendar_url(2026, 2)).content.decode()
    march = client.get(calendar_url(2026, 3)).content.decode()
    assert february.count(">Winterfest</a>") == 1
    assert march.count(">Winterfest</a>") == 1


def test_calendar_keeps_filters(client):
    office = OfficeFactory(slug="nordstadt")
    EventFactory(title="Im Büro", office=office, start=berlin(2026, 2, 10, 10))
    EventFactory(title="Woanders", start=berlin(2026, 2, 10, 10))
    EventFactory(
        title="Sportfest",
        category=CategoryFactory(slug="sport"),
        start=berlin(2026, 2, 11, 10),
    )
    content = client.get(calendar_url(2026, 2) + "?buero=nordstadt").content.decode()
    assert "Im Büro" in content and "Woanders" not in content
    assert f"{calendar_url(2026, 3)}?buero=nordstadt" in content
    content = client.get(calendar_url(2026, 2) + "?kategorie=sport").content.decode()
    assert "Sportfest" in content and "Im Büro" not in content


def test_previous_and_next_month_across_the_year(client):
    content = client.get(calendar_url(2026, 1)).content.decode()
    assert f'href="{calendar_url(2025, 12)}" rel="prev"' in content
    assert "Dezember 2025" in content
    content = client.get(calendar_url(2026, 12)).content.decode()
    assert f'href="{calendar_url(2027, 1)}" rel="next"' in content


@pytest.mark.parametrize(
    "path",
    [
        "/veranstaltungen/kalender/1999/12/",
        "/veranstaltungen/kalender/2101/1/",
        "/veranstaltungen/kalender/2026/0/",
        "/veranstaltungen/kalender/2026/13/",
        "/veranstaltungen/kalender/99999999999999999999/1/",
        "/veranstaltungen/kalender/2026/abc/",
    ],
)
def test_out_of_range_months_are_404(client, path):
    assert client.get(path).status_code == 404


def test_calendar_without_month_leads_to_this_month(client):
    with time_machine.travel(berlin(2026, 7, 4, 12), tick=False):
        response = client.get("/veranstaltungen/kalender/")
    assert response.status_code == 302
    assert response["Location"] == calendar_url(2026, 7)


def test_bad_filter_in_calendar_is_not_an_error(client):
    response = client.get(calendar_url(2026, 2) + "?buero=nix&kategorie=&kostenlos=x")
    assert response.status_code == 200


@time_machine.travel(berlin(2026, 3, 1, 12), tick=False)
def test_busy_day_shows_a_few_dates_and_links_the_rest(client, django_assert_max_num_queries):
    for hour in range(8, 14):
        EventFactory(title=f"Termin um {hour}", start=berlin(2026, 2, 10, hour))
    EventFactory(title="Am Folgetag", start=berlin(2026, 2, 11, 9))
    with django_assert_max_num_queries(4):
        content = client.get(calendar_url(2026, 2) + "?kostenlos=1").content.decode()
    day = content[content.index('datetime="2026-02-10"') :]
    day = day[: day.index("</td>")]
    assert [f"Termin um {hour}" in day for hour in range(8, 14)] == [True] * 4 + [False] * 2
    assert "+ 2 weitere am 10. Februar" in day
    more = re.search(r'href="([^"]*tag=2026-02-10)"', day).group(1).replace("&amp;", "&")
    assert more == reverse("events:event-list") + "?kostenlos=1&tag=2026-02-10"
    assert "weitere" not in content[content.index('datetime="2026-02-11"') :].split("</td>")[0]
    # The day's list shows all six dates, although the day is past.
    listed = client.get(more).content.decode()
    assert all(f"Termin um {hour}" in listed for hour in range(8, 14))
    assert "Am Folgetag" not in listed
