import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from accounts.roles import EDITORIAL, FUND

pytestmark = pytest.mark.django_db

PASSWORD = "Sonnenblumen-Feld-42"


def link_path(message):
    return re.search(r"https?://[^/\s]+(/admin/passwort/\S+/)", message.body).group(1)


def test_invite_staff_creates_an_account_without_password_and_mails_a_link(
    office, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "invite_staff",
            "Anna@Example.org",
            "--office",
            office.slug,
            "--role",
            "redaktion",
            "--role",
            "fonds",
        )
    user = get_user_model().objects.get(email="anna@example.org")
    assert user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    assert set(user.groups.values_list("name", flat=True)) == {EDITORIAL, FUND}
    assert list(user.office_memberships.values_list("office", flat=True)) == [office.pk]
    assert mailoutbox[0].to == ["anna@example.org"]
    assert "72 Stunden" in mailoutbox[0].body


def test_invite_staff_refuses_unknown_offices_and_office_roles_without_office(office):
    with pytest.raises(CommandError, match="Unknown office"):
        call_command("invite_staff", "b@example.org", "--office", "nirgendwo", "--role", "fonds")
    with pytest.raises(CommandError, match="offices"):
        call_command("invite_staff", "b@example.org", "--role", "redaktion")
    assert not get_user_model().objects.filter(email="b@example.org").exists()


def invite(office, mailoutbox, capture):
    with capture(execute=True):
        call_command("invite_staff", "c@example.org", "--office", office.slug, "--role", "fonds")
    return get_user_model().objects.get(email="c@example.org"), link_path(mailoutbox[-1])


def test_the_link_sets_a_strong_password_once(
    client, office, mailoutbox, django_capture_on_commit_callbacks
):
    user, path = invite(office, mailoutbox, django_capture_on_commit_callbacks)
    form_url = client.get(path)["Location"]  # Django moves the token into the session
    short = client.post(form_url, {"new_password1": "kurz", "new_password2": "kurz"})
    assert short.status_code == 200
    assert "errorlist" in short.content.decode()
    response = client.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    again = client.get(path, follow=True)
    assert again.context["validlink"] is False


def test_the_link_expires_after_72_hours(
    client, office, mailoutbox, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to("2026-05-04 08:00 +02:00", tick=False)
    _user, path = invite(office, mailoutbox, django_capture_on_commit_callbacks)
    time_machine.move_to("2026-05-07 09:00 +02:00", tick=False)
    assert client.get(path, follow=True).context["validlink"] is False


def test_a_city_administrator_invites_in_the_admin(
    client, superuser, office, mailoutbox, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/auth/user/add/",
            {
                "email": "dora@example.org",
                "first_name": "Dora",
                "last_name": "Nord",
                "roles": [Group.objects.get(name=EDITORIAL).pk],
                "offices": [office.pk],
            },
        )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="dora@example.org")
    assert not user.has_usable_password()
    assert mailoutbox[0].to == ["dora@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/auth/user/", {"action": "send_invitations", "_selected_action": [user.pk]}
        )
    assert len(mailoutbox) == 2
