"""Staff sessions end 8 hours after the login (settings.SESSION_COOKIE_AGE), however
busy they were; the session cookie itself ends with the browser."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in

LOGIN_AT_KEY = "accounts_login_at"


def remember_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT_KEY] = int(time.time())


def connect_signals():
    user_logged_in.connect(remember_login_time, dispatch_uid="accounts.remember_login_time")


def staff_session_limit(get_response):
    def middleware(request):
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT_KEY, 0)
            if time.time() - started > settings.SESSION_COOKIE_AGE:
                logout(request)
        return get_response(request)

    return middleware
