import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_ensure_admin_creates_one_admin_with_given_password(monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "ein-gutes-passwort")
    call_command("ensure_admin")
    call_command("ensure_admin")
    admins = get_user_model().objects.filter(is_superuser=True)
    assert admins.count() == 1
    assert admins.get().check_password("ein-gutes-passwort")
    assert "ein-gutes-passwort" not in capsys.readouterr().out


def test_ensure_admin_prints_a_generated_password_once(monkeypatch, capsys):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    call_command("ensure_admin")
    out = capsys.readouterr().out
    password = out.split("password '")[1].split("'")[0]
    assert get_user_model().objects.get(username="admin").check_password(password)
    call_command("ensure_admin")
    assert password not in capsys.readouterr().out
