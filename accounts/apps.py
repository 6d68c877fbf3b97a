from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    default = True
    verbose_name = _("Staff accounts")

    def ready(self):
        from . import admin_site, middleware
        from .roles import sync_role_groups

        # Sent for this app after the apps above it in INSTALLED_APPS, so all their
        # permissions exist by then.
        post_migrate.connect(sync_role_groups, sender=self, dispatch_uid="accounts.sync_roles")
        middleware.connect_signals()
        user_logged_in.connect(admin_site.remember_login_step, dispatch_uid="accounts.login_step")


class PortalAdminConfig(admin_apps.AdminConfig):
    """The admin with the portal's site: two-factor login and the invitation pages."""

    default = False
    default_site = "accounts.admin_site.PortalAdminSite"
