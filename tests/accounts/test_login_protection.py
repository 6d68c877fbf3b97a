import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from accounts.middleware import LOGIN_AT_KEY
from accounts.roles import EDITORIAL

from .conftest import staff_with_roles

pytestmark = pytest.mark.django_db

PASSWORD = "ein-langes-Passwort-2026"
LOGIN = "/admin/login/"


def attempt(client, user, password):
    return client.post(LOGIN, {"username": user.username, "password": password, "next": "/admin/"})


def test_five_failed_logins_lock_the_account_even_for_the_right_password(client, office):
    user = staff_with_roles(office, EDITORIAL, password=PASSWORD)
    for _i in range(5):
        assert attempt(client, user, "falsch").status_code in (200, 429)
    response = attempt(client, user, PASSWORD)
    assert response.status_code == 429
    assert "gesperrt" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_locked_login_is_unlocked_by_a_city_administrator(client, office, city_admin):
    user = staff_with_roles(office, EDITORIAL, password=PASSWORD)
    for _i in range(5):
        attempt(client, user, "falsch")
    admin_client = client.__class__()
    admin_client.force_login(city_admin)
    response = admin_client.post(
        "/admin/auth/user/", {"action": "unlock_logins", "_selected_action": [user.pk]}
    )
    assert response.status_code == 302
    assert attempt(client, user, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_right_password_logs_in_before_the_limit(client, office):
    user = staff_with_roles(office, EDITORIAL, password=PASSWORD)
    for _i in range(4):
        attempt(client, user, "falsch")
    assert attempt(client, user, PASSWORD).status_code == 302


@pytest.mark.parametrize("password", ["kurz-12345", "passwort123", "123456789012345"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_twelve_characters_of_good_mix_are_enough():
    validate_password("Tulpen-Garten-7")


def test_a_staff_session_ends_eight_hours_after_the_login(client, editor, time_machine):
    time_machine.move_to("2026-05-04 08:00 +02:00", tick=False)
    client.force_login(editor)
    assert client.session[LOGIN_AT_KEY] == int(time.time())
    time_machine.move_to("2026-05-04 15:59 +02:00", tick=False)
    assert client.get("/admin/").status_code == 200
    time_machine.move_to("2026-05-04 16:01 +02:00", tick=False)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_session_cookie_ends_with_the_browser(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    # A cookie set at login without max-age/expires is a browser-session cookie.
    cookie = client.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"]
    assert response.status_code == 200
