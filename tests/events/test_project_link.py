"""An event can belong to a project of the same office; the project page lists its dates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import EventFactory, OfficeFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def soon(days):
    return timezone.now() + datetime.timedelta(days=days)


def test_project_page_lists_its_next_events(client):
    project = ProjectFactory(title="Nordstadtliga")
    EventFactory(office=project.office, project=project, title="Spieltag", start=soon(3))
    EventFactory(office=project.office, title="Anderes Fest", start=soon(4))
    EventFactory(office=project.office, project=project, title="Vorbei", start=soon(-30))
    content = client.get(project.get_absolute_url()).content.decode()
    assert "Spieltag" in content
    assert "Anderes Fest" not in content
    assert "Vorbei" not in content


def test_project_without_events_shows_no_event_section(client):
    project = ProjectFactory()
    assert 'id="project-events"' not in client.get(project.get_absolute_url()).content.decode()


def test_event_page_links_its_published_project(client):
    project = ProjectFactory(title="Nordstadtstrand")
    event = EventFactory(office=project.office, project=project, start=soon(2))
    assert project.get_absolute_url() in client.get(event.get_absolute_url()).content.decode()
    project.is_published = False
    project.save()
    assert project.get_absolute_url() not in client.get(event.get_absolute_url()).content.decode()


def test_project_must_belong_to_the_same_office():
    event = EventFactory(start=soon(2))
    event.project = ProjectFactory(office=OfficeFactory())
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "project" in error.value.message_dict


@pytest.mark.parametrize("count", [1, 30])
def test_project_page_queries_bounded(client, django_assert_max_num_queries, count):
    project = ProjectFactory()
    for day in range(count):
        EventFactory(office=project.office, project=project, start=soon(day + 1))
    with django_assert_max_num_queries(7):
        assert client.get(project.get_absolute_url()).status_code == 200


def test_admin_offers_only_projects_of_own_offices(client):
    from django.urls import reverse

    from tests.conftest import make_staff

    own = ProjectFactory()
    ProjectFactory(office=OfficeFactory())
    client.force_login(make_staff(own.office, "events", "projects"))
    form = client.get(reverse("admin:events_event_add")).context["adminform"].form
    assert list(form.fields["project"].queryset) == [own]
