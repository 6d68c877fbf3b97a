import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from offices.models import HoursException, Notice, Office, OfficeHours, TeamMember, WorkArea

pytestmark = pytest.mark.django_db

MODELS = [Office, OfficeHours, HoursException, WorkArea, TeamMember, Notice]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_loads_the_seed_offices_and_is_idempotent():
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert first["Office"] == 9
    westhagen = Office.objects.get(slug="wolfsburg-westhagen")
    assert westhagen.street == "Hallesche Straße 30"
    assert westhagen.email == "info@westhagen.net"
    nordstadt = Office.objects.get(slug="hildesheim-nordstadt")
    assert nordstadt.carrier == "Lebenshilfe Hildesheim"
    assert nordstadt.phone == "05121 / 281 63 11"
    assert Notice.objects.pinned().filter(office=westhagen).exists()
    # No photos of the invented team: the office page shows the neutral figure.
    assert not TeamMember.objects.exclude(image="").exists()


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
