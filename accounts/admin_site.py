"""The portal's admin site: a staff member who has set up a second factor, or who must
have one (accounts.roles.two_factor_required), reaches the admin only after entering a
code; the pages for that step and the set-password link of invitations live here too."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path
from django.utils.http import urlencode
from django_otp import user_has_device

from .roles import two_factor_required

PENDING_STEP_KEY = "accounts_pending_login_step"


def login_step_for(user):
    """The page a user must pass after the password: "otp-verify" (enter a code),
    "otp-setup" (set up an app), or None."""
    if user_has_device(user):
        return "otp-verify"
    if two_factor_required(user):
        return "otp-setup"
    return None


def remember_login_step(sender, request, user, **kwargs):
    """Decided once at the login and kept in the (server-side) session, so admin pages
    do not look up the devices on every request."""
    if request is not None and hasattr(request, "session"):
        request.session[PENDING_STEP_KEY] = login_step_for(user)


def pending_login_step(request):
    """None when the staff member may use the admin, else the page that comes first."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    return request.session.get(PENDING_STEP_KEY)


class PortalAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and pending_login_step(request) is None

    def login(self, request, extra_context=None):
        if request.method == "GET" and request.user.is_active and request.user.is_staff:
            step = pending_login_step(request)
            if step is not None:
                url = f"admin:{step}"
                next_url = request.GET.get("next")
                target = redirect(url)
                if next_url:
                    target["Location"] += "?" + urlencode({"next": next_url})
                return target
        return super().login(request, extra_context)

    def get_urls(self):
        from . import views

        return [
            path("zwei-faktor/", views.otp_verify, name="otp-verify"),
            path("zwei-faktor/einrichten/", views.otp_setup, name="otp-setup"),
            path("zwei-faktor/backup-codes/", views.backup_codes, name="otp-backup-codes"),
            path(
                "passwort/<uidb64>/<token>/",
                views.PasswordSetView.as_view(),
                name="password-set",
            ),
            *super().get_urls(),
        ]
