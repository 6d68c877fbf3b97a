"""The steps of a staff login after the password: enter a code, set up an authenticator
app (with backup codes), and choose the password of an invited account."""

from base64 import b32encode
from functools import wraps

import segno
from django.contrib import admin, messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user, user_has_device, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import OTPCodeForm

BACKUP_CODE_COUNT = 10
NEW_CODES_KEY = "accounts_new_backup_codes"


def staff_only(view):
    """Logged-in active staff only; everyone else goes to the admin login."""

    @wraps(view)
    @never_cache
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            return redirect("admin:login")
        return view(request, *args, **kwargs)

    return wrapper


def next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse("admin:index")


def render_step(request, template, context):
    context = {**admin.site.each_context(request), "next": next_url(request), **context}
    return render(request, template, context)


def issue_backup_codes(request, user):
    """Replace the user's backup codes by new ones, shown once on the next page."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": _("Backup codes")}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    request.session[NEW_CODES_KEY] = codes


@sensitive_post_parameters("code")
@staff_only
def otp_verify(request):
    if request.user.is_verified():
        return redirect(next_url(request))
    if not user_has_device(request.user):
        return redirect("admin:otp-setup")
    form = OTPCodeForm(request.POST or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        for device in devices_for_user(request.user):
            verified = verify_token(request.user, device.persistent_id, code)
            if verified is not None:
                otp_login(request, verified)
                return redirect(next_url(request))
        form.add_error(
            "code",
            _("This code is not valid. Enter the current code of your app or a backup code."),
        )
    return render_step(
        request, "accounts/otp_verify.html", {"form": form, "title": _("Two-factor login")}
    )


@sensitive_post_parameters("code")
@staff_only
def otp_setup(request):
    user = request.user
    if user_has_device(user):
        if not user.is_verified():
            return redirect("admin:otp-verify")
        return redirect("admin:otp-backup-codes")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    form = OTPCodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            issue_backup_codes(request, user)
            messages.success(request, _("Two-factor login is set up."))
            query = urlencode({"next": next_url(request)})
            return redirect(reverse("admin:otp-backup-codes") + "?" + query)
        form.add_error(
            "code",
            _("This code is not valid. Check the time on your phone and enter the current code."),
        )
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(
        scale=5,
        border=2,
        title=_("QR code for your authenticator app"),
        svgclass="otp-qr",
    )
    return render_step(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr_svg": mark_safe(svg),  # generated here from our own data, no user input
            "secret": secret_for_typing(device.bin_key),
            "title": _("Set up two-factor login"),
        },
    )


def secret_for_typing(key):
    """The key as authenticator apps expect it typed in: Base32, in groups of four."""
    text = b32encode(key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@staff_only
def backup_codes(request):
    if not request.user.is_verified():
        return redirect("admin:login")
    if request.method == "POST":
        issue_backup_codes(request, request.user)
        return redirect("admin:otp-backup-codes")
    device = StaticDevice.objects.filter(user=request.user).first()
    return render_step(
        request,
        "accounts/otp_backup_codes.html",
        {
            "codes": request.session.pop(NEW_CODES_KEY, None),
            "remaining": device.token_set.count() if device else 0,
            "title": _("Backup codes"),
        },
    )


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The link of an invitation: choose a password (Django's reset token, 72 hours)."""

    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("admin:login")
    title = gettext_lazy("Choose your password")

    def get_context_data(self, **kwargs):
        return {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is set. You can log in now."))
        return response
