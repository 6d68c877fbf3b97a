import pytest
from django.contrib.auth.models import Group, Permission

from accounts.roles import CITY, EDITORIAL, FUND, LEGACY_GROUP, sync_roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def codenames(role):
    return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))


def test_editorial_role_keeps_the_office_content_and_only_reads_portal_lists():
    editorial = codenames(EDITORIAL)
    assert {"change_office", "add_notice", "change_event", "delete_project"} <= editorial
    assert {"view_theme", "view_partner", "view_category"} <= editorial
    assert not {"change_theme", "add_partner", "delete_category", "add_office"} & editorial
    assert not any(name.endswith("application") for name in editorial)


def test_fund_role_works_on_applications_but_not_on_budgets_or_cost_categories():
    fund = codenames(FUND)
    assert {"change_application", "view_application", "view_fund"} <= fund
    assert not {"add_fund", "delete_fund", "change_costcategory", "change_project"} & fund


def test_city_role_has_users_and_lockouts():
    assert {"change_user", "delete_accessattempt", "change_theme"} <= codenames(CITY)


def test_members_of_the_old_group_get_both_office_roles():
    user = UserFactory()
    user.groups.add(Group.objects.create(name=LEGACY_GROUP))
    sync_roles(Group, Permission)
    assert set(user.groups.values_list("name", flat=True)) == {EDITORIAL, FUND}
    assert not Group.objects.filter(name=LEGACY_GROUP).exists()
