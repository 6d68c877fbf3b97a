"""User accounts in the admin (city administrators only): invite staff, resend the
set-password link, unlock a locked-out login, reset the two-factor login."""

from axes.utils import reset as axes_reset
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import InviteForm
from .invitations import invite_staff, send_invitation

User = get_user_model()

admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    add_form = InviteForm
    add_fieldsets = (
        (
            None,
            {
                "description": _(
                    "The account is created without a password. The staff member receives "
                    "an e-mail with a link to choose one; the link works once and for 72 hours."
                ),
                "fields": ("email", "first_name", "last_name", "roles", "offices"),
            },
        ),
    )
    list_display = ("username", "email", "get_full_name", "role_list", "is_active", "last_login")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    list_per_page = 50
    actions = ["send_invitations", "unlock_logins", "reset_two_factor"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def role_list(self, obj):
        return ", ".join(sorted(group.name for group in obj.groups.all()))

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        invite_staff(
            user=obj, roles=form.cleaned_data["roles"], offices=form.cleaned_data["offices"]
        )
        self.message_user(
            request,
            _("The invitation was sent to %(email)s.") % {"email": obj.email},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Send a new link to set the password (valid 72 hours)"),
        permissions=["change"],
    )
    def send_invitations(self, request, queryset):
        users = [user for user in queryset if user.email and user.is_active]
        for user in users:
            send_invitation(user=user)
        self.message_user(
            request,
            ngettext("%(count)d link was sent.", "%(count)d links were sent.", len(users))
            % {"count": len(users)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unlock login after failed attempts"), permissions=["change"])
    def unlock_logins(self, request, queryset):
        for user in queryset:
            axes_reset(username=user.get_username())
        self.message_user(request, _("The selected accounts can log in again."), messages.SUCCESS)

    @admin.action(
        description=_("Reset two-factor login (the person sets it up again)"),
        permissions=["change"],
    )
    def reset_two_factor(self, request, queryset):
        TOTPDevice.objects.filter(user__in=queryset).delete()
        StaticDevice.objects.filter(user__in=queryset).delete()
        self.message_user(
            request,
            _("Two-factor login was reset. At the next login the app is set up anew."),
            messages.SUCCESS,
        )
