import datetime

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import EDITORIAL

from .conftest import staff_with_roles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def require_2fa(settings):
    settings.REQUIRE_2FA = True


def current_code(device):
    return f"{totp(device.bin_key):06d}"


def test_an_administrator_without_an_app_must_set_it_up_first(client, city_admin):
    client.force_login(city_admin)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/admin/zwei-faktor/einrichten/")
    page = response.content.decode()
    assert "<svg" in page and "otp-qr" in page
    assert client.get("/admin/offices/office/").status_code == 302


def test_setting_up_the_app_shows_backup_codes_once_and_opens_the_admin(client, fund_staff):
    client.force_login(fund_staff)
    client.get("/admin/zwei-faktor/einrichten/")
    device = TOTPDevice.objects.get(user=fund_staff, confirmed=False)
    response = client.post(
        "/admin/zwei-faktor/einrichten/", {"code": current_code(device)}, follow=True
    )
    codes = StaticDevice.objects.get(user=fund_staff).token_set.values_list("token", flat=True)
    assert len(codes) == 10
    page = response.content.decode()
    assert all(code in page for code in codes)
    assert codes[0] not in client.get("/admin/zwei-faktor/backup-codes/").content.decode()
    assert client.get("/admin/").status_code == 200


def test_after_the_password_a_user_with_an_app_enters_a_code(client, fund_staff, time_machine):
    device = TOTPDevice.objects.create(user=fund_staff, name="App", confirmed=True)
    client.force_login(fund_staff)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/admin/zwei-faktor/")
    wrong = client.post("/admin/zwei-faktor/", {"code": "123456"})
    assert wrong.status_code == 200
    assert client.get("/admin/").status_code == 302
    # After a wrong code django-otp makes the next try wait (1 s, then doubling).
    time_machine.move_to(timezone.now() + datetime.timedelta(seconds=2))
    response = client.post("/admin/zwei-faktor/", {"code": current_code(device), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_backup_code_works_once(client, fund_staff):
    device = StaticDevice.objects.create(user=fund_staff, name="Backup", confirmed=True)
    device.token_set.create(token="abcd2345")
    client.force_login(fund_staff)
    assert client.post("/admin/zwei-faktor/", {"code": "ABCD 2345"}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    client.force_login(fund_staff)
    assert client.post("/admin/zwei-faktor/", {"code": "abcd2345"}).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_editorial_staff_may_work_without_a_second_factor(client, office):
    client.force_login(staff_with_roles(office, EDITORIAL))
    assert client.get("/admin/").status_code == 200


def test_without_require_2fa_the_local_admin_logs_in_with_the_password(client, settings, superuser):
    settings.REQUIRE_2FA = False
    superuser.set_password("ein-langes-Passwort-2026")
    superuser.save()
    response = client.post(
        "/admin/login/",
        {"username": superuser.username, "password": "ein-langes-Passwort-2026", "next": "/admin/"},
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_city_administrator_resets_the_second_factor(client, city_admin, fund_staff):
    TOTPDevice.objects.create(user=fund_staff, name="App", confirmed=True)
    admin_device = TOTPDevice.objects.create(user=city_admin, name="App", confirmed=True)
    client.force_login(city_admin)
    client.post("/admin/zwei-faktor/", {"code": current_code(admin_device)})
    response = client.post(
        "/admin/auth/user/", {"action": "reset_two_factor", "_selected_action": [fund_staff.pk]}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=fund_staff).exists()
