"""Settings of the Stadtteilportal, read from the environment.

With nothing set, the embedded default runs: SQLite under var/, console e-mail,
local-memory cache, uploads under var/media. Every variable is listed in the README
and in .env.example.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DEBUG off) refuses to start without a real "
            "secret key; set SECRET_KEY, or DEBUG=true for local development."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # before the admin, so that it shows a field per language (<app>/translation.py)
    "modeltranslation",
    "accounts.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "imagekit",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    "stadtteilbuero",
    "offices",
    "projects",
    "events",
    "fonds",
    "rooms",
    # Last: its post_migrate sets the roles' permissions once all others exist.
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "stadtteilbuero.security.portal_security",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "stadtteilbuero.pagecache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.staff_session_limit",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so a lockout answers before the login view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "stadtteilbuero.urls"
WSGI_APPLICATION = "stadtteilbuero.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "stadtteilbuero.context_processors.portal",
                # After Django's own csrf processor: the token is a hole in cached pages.
                "stadtteilbuero.page_holes.csrf_token",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://...) or the embedded SQLite file under var/.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles a query whose estimated cost is high: for the short
    # queries of a web page that took longer than running them (a search at city scale:
    # 1.4 s of compiling for 0.1 s of work). Off for the portal's connections.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
# Covering indexes (Index.include) serve the fund's figures on PostgreSQL; SQLite, the
# development database, builds them without the extra columns, which is fine there.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis where REDIS_URL is set (shared by several app servers), else local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "stadtteilportal",
        }
    }
else:
    # Room for the pages, sections and search hits of a busy hour (the default keeps 300
    # entries and drops a third of them when full): at most about 40 MB per process, as
    # a page is up to 30 KB and a section or hit a few hundred bytes.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

# Anonymous GET pages come from the cache (stadtteilbuero.pagecache); 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_EXCLUDED_PATHS = ("/admin/", "/en/admin/", "/health/")
# Sections of pages that repeat ({% fragment %}, same freshness rules); 0 turns it off.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "60"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out user or address is refused even with the right password.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Staff sessions end after 8 hours (counted from the login, see accounts.middleware) or
# when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The set-password link of an invitation (and of a reset) is valid for 72 hours.
PASSWORD_RESET_TIMEOUT = 72 * 60 * 60
# Two-factor login (django-otp) for city administrators and fund staff.
REQUIRE_2FA = env_bool("REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = os.environ.get("PORTAL_NAME", "Stadtteilportal")

# django-axes: five failed logins lock the user name and, separately, the address for an
# hour; a city administrator unlocks earlier (admin: users, "Unlock login").
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = 1  # hour
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "stadtteilbuero.antispam.client_ip"
AXES_VERBOSE = False

# Language and time
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content fields with a column per language; a missing translation shows the German text.
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# Static files: self-hosted, compressed and hashed by WhiteNoise.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Public uploads (images, brochures). Personal data never goes here: see PRIVATE_MEDIA_ROOT.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Django serves public media itself only where no web server or S3 does (dev, small set-ups).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
# Applicants' attachments: outside MEDIA_ROOT, served only through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# Closed fund applications (rejected, withdrawn, completed) are anonymised this many days
# after their last change (`manage.py anonymise_applications`); default three years.
FONDS_RETENTION_DAYS = int(os.environ.get("FONDS_RETENTION_DAYS", 3 * 365))

# Verfügungsfonds: days after a project's end until its proof of use is overdue, and the
# least number of days between two reminders (management command send_proof_reminders).
FONDS_PROOF_DUE_DAYS = int(os.environ.get("FONDS_PROOF_DUE_DAYS", "60"))
FONDS_PROOF_REMINDER_DAYS = int(os.environ.get("FONDS_PROOF_REMINDER_DAYS", "14"))
# The applicant's status link stops working this many days after the application closed.
FONDS_STATUS_LINK_DAYS = int(os.environ.get("FONDS_STATUS_LINK_DAYS", "90"))
# Public forms: applications stored per address and hour, form posts per address and
# hour (a flood of invalid posts), and the least seconds a person needs to fill one in.
FONDS_SUBMISSIONS_PER_HOUR = int(os.environ.get("FONDS_SUBMISSIONS_PER_HOUR", "5"))
FORM_POSTS_PER_HOUR = int(os.environ.get("FORM_POSTS_PER_HOUR", "60"))
FORM_MIN_FILL_SECONDS = int(os.environ.get("FORM_MIN_FILL_SECONDS", "5"))
# Community rooms: room requests stored per address and hour; the requester's status link
# works this many days after the last date or the closing; requests lose their personal
# data this many days after that (the daily `anonymise_applications` covers them too).
ROOMS_REQUESTS_PER_HOUR = int(os.environ.get("ROOMS_REQUESTS_PER_HOUR", "5"))
ROOMS_STATUS_LINK_DAYS = int(os.environ.get("ROOMS_STATUS_LINK_DAYS", "30"))
ROOMS_RETENTION_DAYS = int(os.environ.get("ROOMS_RETENTION_DAYS", "180"))

STORAGES = {
    "default": {"BACKEND": "stadtteilbuero.storage.CleanFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    # Public media on S3-compatible storage, so several app servers share the uploads.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            # Uploads and renditions never change under their name (see views.media).
            "object_parameters": {"CacheControl": "public, max-age=2592000"},
        },
    }

# Uploads
IMAGE_MAX_UPLOAD_BYTES = 8 * 1024 * 1024
DOWNLOAD_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
VIDEO_MAX_UPLOAD_BYTES = int(os.environ.get("VIDEO_MAX_UPLOAD_BYTES", 200 * 1024 * 1024))
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
# Renditions are created when a page first asks for them; the file's existence is the cache.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.JustInTime"
IMAGEKIT_CACHEFILE_DIR = "renditions"

# E-mail: SMTP when EMAIL_HOST is set, else printed to the console (development).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 15
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Stadtteilportal <portal@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (e-mail above all) through Django's tasks API (django-tasks backport).
# "database": written in the caller's transaction, run by `manage.py db_worker` (production);
# "immediate": run in-process right after the transaction commits (development and tests).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate" if DEBUG else "database")
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}

SITE_ID = 1
PORTAL_NAME = os.environ.get("PORTAL_NAME", "Stadtteilportal")
# The logo beside the name in the header: a static file path (img/logo.svg) or a path on
# this site (/media/logo.svg), an SVG or PNG about 40 px high; default a neutral house mark.
PORTAL_LOGO = os.environ.get("PORTAL_LOGO", "img/logo.svg")
# The public address: absolute links in feeds, sitemap, JSON-LD and social cards.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")

# Security: strict by default outside development. Behind a TLS-terminating proxy set
# SECURE_PROXY_SSL_HEADER via TRUST_X_FORWARDED_PROTO.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Content-Security-Policy (django-csp): scripts and styles only from files of the portal,
# no inline code; the page may not be framed; violations are logged by /csp-report/.
_MEDIA_HOSTS = [f"https://{host}" for host in [os.environ.get("AWS_S3_CUSTOM_DOMAIN")] if host]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # data: for Bootstrap's form icons (SVG in the stylesheet).
        "img-src": ["'self'", "data:", *_MEDIA_HOSTS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "report-uri": "/csp-report/",
    }
}
# Powerful browser features the portal never uses (stadtteilbuero.security).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# Behind a reverse proxy every request comes from the proxy's address; with this set, the
# fund form's rate limit counts the client address the proxy appends to X-Forwarded-For.
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        # fpdf2 subsets the PDF font with fontTools, which logs every step at INFO.
        "fontTools": {"level": "WARNING"},
    },
}
