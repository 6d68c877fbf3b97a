"""Inviting a staff member: the account is created without a password, and the person
sets one through a one-time link (Django's password-reset token: it is valid for
PASSWORD_RESET_TIMEOUT, 72 hours, and stops working once a password is set or the
account logs in)."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from offices.models import OfficeMembership


def invite_staff(*, user, roles, offices):
    """Save `user` (a new, unsaved account with at least an e-mail address) as staff
    without a usable password, give it the roles (groups) and offices, and send the
    invitation once the transaction is committed."""
    with transaction.atomic():
        user.username = user.email
        user.is_staff = True
        user.set_unusable_password()
        user.save()
        user.groups.set(roles)
        OfficeMembership.objects.bulk_create(
            [OfficeMembership(user=user, office=office) for office in offices]
        )
        transaction.on_commit(lambda: send_invitation(user=user))
    return user


def password_set_url(user):
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(
            "admin:password-set",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def send_invitation(*, user):
    """The e-mail with the set-password link, in German."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "link": password_set_url(user),
            "portal_name": settings.PORTAL_NAME,
            "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context)
        body = render_to_string("accounts/email/invitation_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
