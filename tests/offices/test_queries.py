"""Every public page runs a small, fixed number of queries whatever the data size."""

import pytest
from django.urls import reverse

from tests.factories import (
    DownloadFactory,
    HoursExceptionFactory,
    NoticeFactory,
    OfficeFactory,
    OfficeHoursFactory,
    TeamMemberFactory,
    WorkAreaFactory,
)

pytestmark = pytest.mark.django_db


def populate(count):
    offices = OfficeFactory.create_batch(count)
    for office in offices:
        OfficeHoursFactory.create_batch(3, office=office)
        HoursExceptionFactory(office=office)
        WorkAreaFactory.create_batch(2, office=office)
        TeamMemberFactory.create_batch(3, office=office)
        DownloadFactory(office=office)
        NoticeFactory.create_batch(2, office=office)
    return offices


# One office against twelve: a query per office, notice or team member would show.
@pytest.mark.parametrize("count", [1, 12])
def test_public_pages_queries(client, django_assert_max_num_queries, count):
    offices = populate(count)
    # offices (+ their hours and exceptions for "open now"), pinned news, news,
    # projects (+ their themes), next events
    with django_assert_max_num_queries(8):
        assert client.get("/").status_code == 200
    # count, offices, their hours and exceptions (open now)
    with django_assert_max_num_queries(4):
        assert client.get(reverse("offices:office-list")).status_code == 200
    # office, hours, exceptions, work areas, team, downloads, pinned news, news,
    # projects (+ their themes), next events, this year's fund with its figures
    with django_assert_max_num_queries(12):
        assert client.get(offices[0].get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(reverse("offices:notice-list")).status_code == 200
    notice = NoticeFactory()
    with django_assert_max_num_queries(2):
        assert client.get(notice.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(reverse("offices:notice-feed")).status_code == 200
