"""The portal's admin site: a staff member who has set up a second factor, or who must
have one (accounts.roles.two_factor_required), reaches the admin only after entering a
code; the pages for that step and the set-password link of invitations live here too."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path
from django.utils.http import urlencode
from django_otp import user_has_device

from .roles import two_factor_required


def pending_login_step(request):
    """None when the staff member may use the admin, else the name of the page that
    must come first: "otp-verify" (enter a code) or "otp-setup" (set up an app)."""
    if not hasattr(request, "_pending_login_step"):
        user = request.user
        step = None
        if user.is_authenticated and not user.is_verified():
            if user_has_device(user):
                step = "otp-verify"
            elif two_factor_required(user):
                step = "otp-setup"
        request._pending_login_step = step
    return request._pending_login_step


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
