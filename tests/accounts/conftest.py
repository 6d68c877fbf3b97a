import pytest
from django.contrib.auth.models import Group

from accounts.roles import CITY, EDITORIAL, FUND
from tests.factories import UserFactory


def staff_with_roles(office, *roles, password=None):
    """A staff member of `office` (or of none) with the given role groups."""
    user = UserFactory(is_staff=True)
    if password:
        user.set_password(password)
        user.save()
    if office is not None:
        user.office_memberships.create(office=office)
    user.groups.set(Group.objects.filter(name__in=roles))
    return user


@pytest.fixture
def editor(office):
    return staff_with_roles(office, EDITORIAL)


@pytest.fixture
def fund_staff(office):
    return staff_with_roles(office, FUND)


@pytest.fixture
def city_admin(db):
    return staff_with_roles(None, CITY)
