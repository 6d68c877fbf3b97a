"""Staff of one office see and change only their office's objects (every model)."""

import pytest
from django.urls import reverse

from offices.models import Notice, OfficeHours, TeamMember
from tests.conftest import make_staff
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

SCOPED = [
    ("offices", "notice", NoticeFactory),
    ("offices", "teammember", TeamMemberFactory),
    ("offices", "download", DownloadFactory),
]


def admin_url(app, model, action, *args):
    return reverse(f"admin:{app}_{model}_{action}", args=args)


@pytest.mark.parametrize(("app", "model", "factory"), SCOPED)
def test_changelist_shows_only_own_office(
    client, staff_user, office, other_office, app, model, factory
):
    own = factory(office=office)
    foreign = factory(office=other_office)
    client.force_login(staff_user)
    response = client.get(admin_url(app, model, "changelist"))
    assert response.status_code == 200
    ids = {obj.pk for obj in response.context["cl"].result_list}
    assert own.pk in ids
    assert foreign.pk not in ids


@pytest.mark.parametrize(("app", "model", "factory"), SCOPED)
@pytest.mark.parametrize("action", ["change", "delete", "history"])
def test_foreign_object_pages_are_404(
    client, staff_user, other_office, app, model, factory, action
):
    foreign = factory(office=other_office)
    client.force_login(staff_user)
    assert client.get(admin_url(app, model, action, foreign.pk)).status_code == 404
    # a guessed ID that does not exist at all answers the same
    assert client.get(admin_url(app, model, action, 987654)).status_code == 404


def test_foreign_object_cannot_be_deleted_by_post(client, staff_user, other_office):
    foreign = NoticeFactory(office=other_office)
    client.force_login(staff_user)
    response = client.post(admin_url("offices", "notice", "delete", foreign.pk), {"post": "yes"})
    assert response.status_code == 404
    assert Notice.objects.filter(pk=foreign.pk).exists()


def test_office_choices_offer_only_own_offices(client, staff_user, office, other_office):
    client.force_login(staff_user)
    form = client.get(admin_url("offices", "notice", "add")).context["adminform"].form
    assert list(form.fields["office"].queryset) == [office]
    assert form.fields["office"].required


def test_saving_cannot_move_object_to_foreign_office(client, staff_user, office, other_office):
    member = TeamMemberFactory(office=office, name="Jana")
    client.force_login(staff_user)
    response = client.post(
        admin_url("offices", "teammember", "change", member.pk),
        {"office": other_office.pk, "name": "Jana", "role": "", "order": 0, "is_visible": "on"},
    )
    assert response.status_code == 200  # the form comes back with an error
    assert "office" in response.context["adminform"].form.errors
    member.refresh_from_db()
    assert member.office == office


def test_staff_cannot_write_portal_wide_news(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        admin_url("offices", "notice", "add"),
        {
            "title_de": "Für alle",
            "slug": "fuer-alle",
            "body_de": "Text",
            "is_published": "on",
            "published_at_0": "01.11.2026",
            "published_at_1": "10:00",
        },
    )
    assert response.status_code == 200
    assert not Notice.objects.filter(slug="fuer-alle").exists()


def test_office_list_and_change_page_scoped(client, staff_user, office, other_office):
    client.force_login(staff_user)
    response = client.get(admin_url("offices", "office", "changelist"))
    assert [o.pk for o in response.context["cl"].result_list] == [office.pk]
    assert client.get(admin_url("offices", "office", "change", office.pk)).status_code == 200
    assert client.get(admin_url("offices", "office", "change", other_office.pk)).status_code == 404


def test_staff_cannot_add_or_delete_offices(client, staff_user, office):
    client.force_login(staff_user)
    assert client.get(admin_url("offices", "office", "add")).status_code == 403
    assert client.get(admin_url("offices", "office", "delete", office.pk)).status_code == 403


def test_inline_models_of_a_foreign_office_are_unreachable(client, staff_user, other_office):
    """Hours, exceptions and work areas are edited only inside their office's page."""
    OfficeHoursFactory(office=other_office)
    HoursExceptionFactory(office=other_office)
    WorkAreaFactory(office=other_office)
    client.force_login(staff_user)
    assert client.get(admin_url("offices", "office", "change", other_office.pk)).status_code == 404
    for model in (OfficeHours, TeamMember):
        assert not model.objects.managed_by(staff_user).filter(office=other_office).exists()


def test_staff_edits_own_office_hours_inline(client, staff_user, office):
    client.force_login(staff_user)
    page = client.get(admin_url("offices", "office", "change", office.pk))
    assert page.status_code == 200
    assert "hours-TOTAL_FORMS" in page.content.decode()


def test_superuser_sees_all(client, superuser, office, other_office):
    NoticeFactory(office=office)
    NoticeFactory(office=other_office)
    NoticeFactory(office=None)
    client.force_login(superuser)
    response = client.get(admin_url("offices", "notice", "changelist"))
    assert len(response.context["cl"].result_list) == 3


def test_membership_admin_is_for_superusers_only(client, staff_user, superuser, office):
    client.force_login(staff_user)
    assert client.get(admin_url("offices", "officemembership", "changelist")).status_code == 403
    client.force_login(superuser)
    assert client.get(admin_url("offices", "officemembership", "changelist")).status_code == 200


def test_member_of_two_offices_sees_both(client):
    first, second, third = OfficeFactory(), OfficeFactory(), OfficeFactory()
    user = make_staff(first, "offices")
    user.office_memberships.create(office=second)
    for o in (first, second, third):
        NoticeFactory(office=o)
    client.force_login(user)
    response = client.get(admin_url("offices", "notice", "changelist"))
    assert {n.office for n in response.context["cl"].result_list} == {first, second}
