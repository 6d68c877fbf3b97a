"""Public form pages from the page cache: each response gets its own CSRF token and
anti-spam stamp in place of the cached page's holes, and submitting works as before."""

import datetime
import gzip
import re

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone

from fonds.models import Application
from rooms.models import BookingRequest
from stadtteilbuero.antispam import read_stamp
from stadtteilbuero.page_holes import CSRF_TOKEN_HOLE, FORM_STAMP_HOLE
from tests.factories import CostCategoryFactory, FundFactory, RoomFactory
from tests.fonds.conftest import form_data as application_data
from tests.rooms.conftest import form_data as request_data

pytestmark = pytest.mark.django_db

LATER = datetime.timedelta(seconds=settings.FORM_MIN_FILL_SECONDS + 1)


@pytest.fixture
def fund():
    return FundFactory()


@pytest.fixture
def material():
    return CostCategoryFactory(name="Material")


def shown_values(response) -> tuple[str, str]:
    """The CSRF token and the stamp the page's form will send."""
    page = response.content.decode()
    assert "pagecache-hole" not in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    stamp = re.search(r'name="form_started" value="([^"]+)"', page).group(1)
    return token, stamp


def cached_form(client, url):
    """The form page as the second visitor gets it: from the page cache."""
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    return response


def test_each_response_of_a_cached_form_gets_its_own_token_and_stamp(client, fund):
    first = client.get(fund.get_apply_url())
    second = client.get(fund.get_apply_url())
    other_visitor = Client().get(fund.get_apply_url())
    assert "X-Page-Cache" not in first
    assert second["X-Page-Cache"] == other_visitor["X-Page-Cache"] == "hit"
    values = [shown_values(response) for response in (first, second, other_visitor)]
    tokens, stamps = zip(*values, strict=True)
    assert len(set(tokens)) == len(set(stamps)) == 3
    assert len({read_stamp(stamp)["n"] for stamp in stamps}) == 3
    # Each visitor keeps their own cookie; the token and stamp are made for this response.
    assert second.cookies["csrftoken"].value == first.cookies["csrftoken"].value
    assert other_visitor.cookies["csrftoken"].value != first.cookies["csrftoken"].value
    assert read_stamp(stamps[1])["t"] == pytest.approx(timezone.now().timestamp(), abs=5)


def test_an_application_sent_from_a_cached_page_is_accepted_once(fund, material):
    applicant = Client(enforce_csrf_checks=True)
    token, stamp = shown_values(cached_form(applicant, fund.get_apply_url()))
    data = application_data(fund, material, form_started=stamp, csrfmiddlewaretoken=token)
    with time_machine.travel(timezone.now() + LATER, tick=False):
        assert applicant.post(fund.get_apply_url(), data).status_code == 302
        replay = applicant.post(fund.get_apply_url(), data)
    assert replay.status_code == 400
    assert "wurde bereits gesendet" in replay.content.decode()
    assert Application.objects.count() == 1


def test_a_cached_page_still_has_a_minimum_fill_time_and_needs_its_csrf_cookie(fund, material):
    applicant = Client(enforce_csrf_checks=True)
    token, stamp = shown_values(cached_form(applicant, fund.get_apply_url()))
    data = application_data(fund, material, form_started=stamp, csrfmiddlewaretoken=token)
    too_fast = applicant.post(fund.get_apply_url(), data)
    assert too_fast.status_code == 400
    assert "Das ging sehr schnell" in too_fast.content.decode()
    stranger = Client(enforce_csrf_checks=True)
    assert stranger.post(fund.get_apply_url(), data).status_code == 403


def test_the_hourly_limit_holds_for_forms_from_the_cache(fund, material, settings):
    settings.FONDS_SUBMISSIONS_PER_HOUR = 5
    applicant = Client(enforce_csrf_checks=True)
    codes = []
    for number in range(6):
        token, stamp = shown_values(cached_form(applicant, fund.get_apply_url()))
        data = application_data(
            fund,
            material,
            project_title=f"Fest {number}",
            form_started=stamp,
            csrfmiddlewaretoken=token,
        )
        with time_machine.travel(timezone.now() + LATER, tick=False):
            codes.append(applicant.post(fund.get_apply_url(), data).status_code)
        applicant.cookies.pop("messages", None)  # the next visit comes from the cache again
    assert codes == [302] * 5 + [429]
    assert Application.objects.count() == 5


def test_a_room_request_sent_from_a_cached_page_is_stored():
    room = RoomFactory()
    url = f"/raeume/{room.slug}/anfrage/"
    visitor = Client(enforce_csrf_checks=True)
    response = cached_form(visitor, url)
    assert "no-store" not in response["Cache-Control"]
    token, stamp = shown_values(response)
    with time_machine.travel(timezone.now() + LATER, tick=False):
        sent = visitor.post(url, request_data(form_started=stamp, csrfmiddlewaretoken=token))
    assert sent.status_code == 302
    assert BookingRequest.objects.count() == 1


def test_a_cache_hit_needs_no_query_and_keeps_the_headers_of_a_fresh_page(
    client, fund, django_assert_num_queries
):
    fresh = Client().get(fund.get_apply_url())
    with django_assert_num_queries(0):
        hit = client.get(fund.get_apply_url())
    assert hit["X-Page-Cache"] == "hit"
    for response in (fresh, hit):
        assert "Cookie" in response["Vary"]
        assert response["Cache-Control"] == "private"  # a shared cache must not keep it
        assert int(response["Content-Length"]) == len(response.content)
        assert response.cookies["csrftoken"]["samesite"] == "Lax"


def test_a_change_of_the_fund_shows_on_the_next_request(client, fund):
    client.get(fund.get_apply_url())
    fund.title = "Nachbarschaftsfonds Hochkamp"
    fund.save()
    response = client.get(fund.get_apply_url())
    assert "X-Page-Cache" not in response
    assert "Nachbarschaftsfonds Hochkamp" in response.content.decode()


def test_what_a_visitor_typed_is_never_stored(fund, material):
    typed = application_data(fund, material, name="Aylin Kaya", requested_amount="")
    assert Client().post(fund.get_apply_url(), typed).status_code == 400
    for _ in range(2):
        assert "Aylin Kaya" not in Client().get(fund.get_apply_url()).content.decode()


def test_staff_and_visitors_with_a_session_get_a_fresh_page_with_real_values(
    client, fund, superuser
):
    client.get(fund.get_apply_url())
    staff = Client()
    staff.force_login(superuser)
    response = staff.get(fund.get_apply_url())
    assert "X-Page-Cache" not in response
    shown_values(response)
    assert "private" not in response.get("Cache-Control", "")


def test_an_invalid_csrf_cookie_gets_a_new_one_and_a_matching_token(fund, material):
    """The page then sets a cookie (not stored), yet its holes are filled."""
    visitor = Client(enforce_csrf_checks=True)
    visitor.cookies["csrftoken"] = "not-a-token"
    response = visitor.get(fund.get_apply_url())
    token, stamp = shown_values(response)
    visitor.cookies["csrftoken"] = response.cookies["csrftoken"].value
    data = application_data(fund, material, form_started=stamp, csrfmiddlewaretoken=token)
    with time_machine.travel(timezone.now() + LATER, tick=False):
        assert visitor.post(fund.get_apply_url(), data).status_code == 302


def test_a_hole_never_reaches_a_browser(client, fund):
    responses = [
        client.get(fund.get_apply_url()),
        client.get(fund.get_apply_url(), headers={"accept-encoding": "gzip"}),
        client.get(fund.get_apply_url() + "?x=1"),
        client.get("/en" + fund.get_apply_url()),
        client.get("/gibt-es-nicht/"),
    ]
    for response in responses:
        body = response.content
        if response.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        assert CSRF_TOKEN_HOLE.encode() not in body and FORM_STAMP_HOLE.encode() not in body


@pytest.mark.django_db
def test_text_on_a_page_cannot_plant_a_hole(client):
    """A hole is unguessable: a search word (or a link staff wrote) that looks like one
    stays as written and never receives the visitor's token."""
    word = "pagecache-hole-csrf-token"
    content = client.get("/suche/", {"q": word}).content.decode()
    assert f'value="{word}"' in content
    assert word != CSRF_TOKEN_HOLE and CSRF_TOKEN_HOLE.startswith("pagecache-hole-csrf-")
