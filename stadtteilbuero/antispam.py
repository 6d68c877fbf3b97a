"""Spam protection for public forms without a captcha: a honeypot field people never see,
and a signed, single-use stamp of when the form was first shown (minimum fill time).

A form returned to the browser (errors, "add row") carries a fresh stamp with the same
start time, so the minimum fill time counts from the first view and every stamp can be
used for one submission only: a recorded POST cannot be replayed.
"""

import ipaddress
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from .form_rendering import PublicFormRendering
from .page_holes import stamp_hole
from .ratelimit import hit, single_use

STAMP_SALT = "stadtteilbuero.form.started"
UNKNOWN_ADDRESS = "0.0.0.0"
POST_WINDOW = 60 * 60
STAMP_MAX_AGE = 24 * 60 * 60


def client_ip(request) -> str:
    """The address the rate limits count. Behind our own reverse proxy
    (TRUST_X_FORWARDED_FOR) it is the last X-Forwarded-For entry, the one that proxy
    added; earlier entries come from the client and could be forged."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.TRUST_X_FORWARDED_FOR:
        address = request.headers.get("x-forwarded-for", "").split(",")[-1].strip() or address
    try:
        # Stored by the login protection in an address column: only a real address.
        return str(ipaddress.ip_address(address))
    except ValueError:
        return UNKNOWN_ADDRESS


def form_post_allowed(request, form_name: str) -> bool:
    """Count one POST of a public form from this address; False once more than
    FORM_POSTS_PER_HOUR came in the last hour (shared by all processes, atomic)."""
    return hit(
        f"form-posts:{form_name}:{client_ip(request)}",
        limit=settings.FORM_POSTS_PER_HOUR,
        window=POST_WINDOW,
    )


def count_stored(request, form_name: str, limit: int) -> bool:
    """Count one thing a public form stored (or one spam post) for this address; False
    once more than `limit` came within the hour."""
    return hit(f"{form_name}:stored:{client_ip(request)}", limit=limit, window=POST_WINDOW)


def too_many_requests(request, template_name: str, context: dict):
    """The friendly 429 page of a public form, with the hour to wait."""
    response = render(request, template_name, context, status=429)
    response["Retry-After"] = str(POST_WINDOW)
    return response


def private(response):
    """A person's own pages (status links) hold personal data: no cache may keep them."""
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, private"
    return response


def form_stamp(started: float | None = None) -> str:
    """A signed stamp: when the form was first shown, and a one-time number."""
    started = time.time() if started is None else started
    return signing.dumps({"t": started, "n": secrets.token_urlsafe(12)}, salt=STAMP_SALT)


def read_stamp(value: str) -> dict | None:
    try:
        data = signing.loads(value or "", salt=STAMP_SALT, max_age=STAMP_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("t"), int | float):
        return None
    return data


class SpamProtectedForm(PublicFormRendering, forms.Form):
    """Mix into a public form (before forms.ModelForm/Form) to add the two checks."""

    homepage = forms.CharField(
        label=_("Please leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_started = forms.CharField(widget=forms.HiddenInput, required=False)

    stamp_was_invalid = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # A page for the page cache gets a hole, filled with a stamp per response.
            self.initial["form_started"] = stamp_hole() or form_stamp()
            return
        key = self.add_prefix("form_started")
        self.submitted_stamp = read_stamp(self.data.get(key, ""))
        self.stamp_was_invalid = self.submitted_stamp is None
        started = None if self.submitted_stamp is None else self.submitted_stamp["t"]
        # The form goes back with a fresh one-time stamp of the same start time.
        self.data = self.data.copy()
        self.data[key] = form_stamp(started)

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix("homepage"), "").strip())

    def started_at(self) -> float | None:
        return None if self.stamp_was_invalid else self.submitted_stamp["t"]

    def clean(self):
        cleaned = super().clean()
        if self.stamp_was_invalid:
            raise ValidationError(
                _("The form was open for too long. Please check your details and send it again."),
                code="stamp_invalid",
            )
        if time.time() - self.submitted_stamp["t"] < settings.FORM_MIN_FILL_SECONDS:
            raise ValidationError(
                _("That was very fast. Please check your details and send the form again."),
                code="too_fast",
            )
        if self.is_spam:
            raise ValidationError(
                _("The form could not be sent. Please leave the last field empty."), code="spam"
            )
        if not single_use(f"form-stamp:{self.submitted_stamp['n']}", max_age=STAMP_MAX_AGE):
            raise ValidationError(
                _("This form has been sent already. Please check your details and send it again."),
                code="stamp_used",
            )
        return cleaned
